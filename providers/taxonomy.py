"""The kinds of social offers ("Leistungsarten") found in the quarters, as plain data.

Seven groups of service types, in the spirit of the Open Referral HSDS taxonomy terms
(a group is a parent term, a type a child term). Two offers of the same type for the same
target group in the same quarter are parallel offers, so the types are kept distinct.

No models and no database access here: data migrations and tests import this module.
``suggest_service_type`` proposes a type for an offer from its title and description;
``expand_compounds`` writes out coordinated German compounds ("Erziehungs- und
Familienberatung") for search and matching.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from sozialraum.common.text import fold


@dataclass(frozen=True)
class ServiceTypeSpec:
    """One kind of offer: slug, German name, words people use for it, short description."""

    slug: str
    name: str
    synonyms: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Group:
    """A group of service types, e.g. "Beratung"."""

    slug: str
    name: str
    types: tuple[ServiceTypeSpec, ...] = ()


T = ServiceTypeSpec

SERVICE_TYPE_GROUPS = (
    Group(
        "beratung",
        "Beratung",
        (
            T(
                "sozialberatung",
                "Sozialberatung",
                (
                    "Allgemeine Sozialberatung",
                    "Sozialsprechstunde",
                    "Sozialdienst",
                    "Hilfe bei Anträgen",
                    "Antragshilfe",
                    "Formularhilfe",
                    "Behördenlotse",
                ),
                "Beratung zu Sozialleistungen, Anträgen und Post von Ämtern.",
            ),
            T(
                "schuldnerberatung",
                "Schuldnerberatung",
                (
                    "Insolvenzberatung",
                    "Verbraucherinsolvenz",
                    "Privatinsolvenz",
                    "Schuldenberatung",
                    "Schulden",
                    "Schuldnerhilfe",
                    "Budgetberatung",
                ),
                "Beratung bei Schulden, Hilfe bei der Verbraucherinsolvenz.",
            ),
            T(
                "erziehungsberatung",
                "Erziehungsberatung",
                (
                    "Familienberatung",
                    "Elternberatung",
                    "Erziehungs- und Familienberatung",
                    "Erziehungsfragen",
                    "Erziehungshilfe",
                    "Beratung für Eltern",
                ),
                "Beratung für Eltern, Kinder und Jugendliche bei Fragen der Erziehung und Konflikten in der Familie.",
            ),
            T(
                "migrationsberatung",
                "Migrationsberatung",
                (
                    "Migrationsdienst",
                    "Jugendmigrationsdienst",
                    "Flüchtlingsberatung",
                    "Geflüchtetenberatung",
                    "Integrationsberatung",
                    "Asylberatung",
                    "Beratung für Zugewanderte",
                ),
                "Beratung für Zugewanderte und Geflüchtete zu Aufenthalt, Ankommen und Integration.",
            ),
            T(
                "suchtberatung",
                "Suchtberatung",
                (
                    "Sucht",
                    "Suchthilfe",
                    "Suchtprävention",
                    "Drogenberatung",
                    "Drogenhilfe",
                    "Alkoholberatung",
                    "Spielsucht",
                ),
                "Beratung bei Abhängigkeit von Alkohol, Drogen, Medikamenten oder Glücksspiel.",
            ),
            T(
                "schwangerschaftsberatung",
                "Schwangerschaftsberatung",
                (
                    "Schwangerenberatung",
                    "Schwangerschaftskonfliktberatung",
                    "Schwangerschaft",
                    "Schwangere",
                    "Familienplanung",
                ),
                "Beratung rund um Schwangerschaft, Geburt und Familienplanung.",
            ),
            T(
                "wohnungslosenhilfe",
                "Wohnungslosenhilfe und Wohnberatung",
                (
                    "Wohnungslos",
                    "Wohnungsnotfallhilfe",
                    "Obdachlos",
                    "Wohnberatung",
                    "Mietberatung",
                    "Mieterberatung",
                    "Wohnungssicherung",
                    "Räumungsklage",
                ),
                "Hilfe bei drohendem Wohnungsverlust und Wohnungslosigkeit, Beratung zu Miete und Wohnen.",
            ),
            T(
                "rechtsberatung",
                "Rechtsberatung",
                (
                    "Rechtsauskunft",
                    "Anwaltssprechstunde",
                    "Beratungshilfe",
                    "Sozialrechtsberatung",
                    "Widerspruchsberatung",
                    "Rechtsfragen",
                ),
                "Kostenlose oder günstige Auskunft zu rechtlichen Fragen.",
            ),
            T(
                "berufsberatung",
                "Berufs- und Arbeitsberatung",
                (
                    "Berufsberatung",
                    "Arbeitslosenberatung",
                    "Jobcenter",
                    "Bewerbungshilfe",
                    "Bewerbungstraining",
                    "Berufsorientierung",
                    "Jobcoaching",
                ),
                "Beratung zu Ausbildung, Arbeitssuche, Bewerbung und Leistungen des Jobcenters.",
            ),
            T(
                "beratung-bei-gewalt",
                "Beratung bei Gewalt",
                (
                    "Gewaltschutz",
                    "Häusliche Gewalt",
                    "Gewaltberatung",
                    "Frauenberatungsstelle",
                    "Frauenhaus",
                    "Opferberatung",
                    "Opferhilfe",
                    "Interventionsstelle",
                ),
                "Beratung und Schutz für Menschen, die Gewalt erleben oder erlebt haben.",
            ),
            T(
                "psychosoziale-beratung",
                "Psychosoziale Beratung",
                (
                    "Psychologische Beratung",
                    "Lebensberatung",
                    "Krisenberatung",
                    "Krisendienst",
                    "Sozialpsychiatrischer Dienst",
                    "Seelsorge",
                    "Trauerbegleitung",
                ),
                "Beratung in seelischen Krisen und schwierigen Lebenslagen.",
            ),
        ),
    ),
    Group(
        "bildung-und-sprache",
        "Bildung und Sprache",
        (
            T(
                "sprachkurs",
                "Sprachkurs",
                (
                    "Deutschkurs",
                    "Deutschunterricht",
                    "Deutsch lernen",
                    "Sprachcafé",
                    "Sprachtreff",
                    "Konversationskurs",
                    "Sprachförderung",
                ),
                "Deutsch und andere Sprachen lernen und üben, auch in offener Runde.",
            ),
            T(
                "integrationskurs",
                "Integrationskurs",
                (
                    "BAMF-Kurs",
                    "Orientierungskurs",
                    "Berufssprachkurs",
                    "Einbürgerungskurs",
                    "Einbürgerungstest",
                    "Leben in Deutschland",
                ),
                "Vom Bundesamt für Migration und Flüchtlinge geförderter Sprach- und Orientierungskurs.",
            ),
            T(
                "alphabetisierung",
                "Alphabetisierung",
                (
                    "Alphabetisierungskurs",
                    "Alphakurs",
                    "Lesen und Schreiben lernen",
                    "Lese- und Schreibkurs",
                    "Grundbildung",
                ),
                "Lesen und Schreiben lernen für Erwachsene.",
            ),
            T(
                "hausaufgabenhilfe",
                "Hausaufgabenhilfe",
                (
                    "Hausaufgabenbetreuung",
                    "Hausaufgaben",
                    "Schulaufgaben",
                    "Hausaufgabencafé",
                    "Hausaufgabentreff",
                    "Lerntreff",
                ),
                "Begleitung von Schulkindern bei den Hausaufgaben.",
            ),
            T(
                "lernfoerderung",
                "Lernförderung und Nachhilfe",
                (
                    "Nachhilfe",
                    "Lernförderung",
                    "Förderunterricht",
                    "Lernhilfe",
                    "Lerncoaching",
                    "Prüfungsvorbereitung",
                    "Bildung und Teilhabe",
                ),
                "Gezielte Förderung in einzelnen Fächern, auch über Bildung und Teilhabe.",
            ),
            T(
                "elternkurs",
                "Elternkurs und Familienbildung",
                (
                    "Elternkurs",
                    "Familienbildung",
                    "Elternbildung",
                    "Elternschule",
                    "Elterntraining",
                    "Erziehungskurs",
                    "Starke Eltern – starke Kinder",
                ),
                "Kurse und Abende für Eltern zu Erziehung, Entwicklung und Familienalltag.",
            ),
            T(
                "digitale-bildung",
                "Digitale Bildung",
                (
                    "Computerkurs",
                    "Computerclub",
                    "Handykurs",
                    "Smartphone",
                    "Tablet-Kurs",
                    "Internetcafé",
                    "Digitallotse",
                    "Medienkompetenz",
                ),
                "Umgang mit Computer, Handy und Internet lernen.",
            ),
        ),
    ),
    Group(
        "begegnung",
        "Begegnung",
        (
            T(
                "stadtteiltreff",
                "Stadtteiltreff",
                (
                    "Nachbarschaftstreff",
                    "Nachbarschaftszentrum",
                    "Stadtteilzentrum",
                    "Stadtteilcafé",
                    "Quartierstreff",
                    "Begegnungsstätte",
                    "Bürgertreff",
                    "Offener Treff",
                ),
                "Offener Treffpunkt für alle im Quartier.",
            ),
            T(
                "seniorentreff",
                "Seniorentreff",
                (
                    "Seniorencafé",
                    "Seniorenbegegnungsstätte",
                    "Seniorenclub",
                    "Seniorenkreis",
                    "Seniorennachmittag",
                    "Altenclub",
                    "Altentagesstätte",
                    "Treff für Senioren",
                ),
                "Treffpunkt und Programm für ältere Menschen.",
            ),
            T(
                "jugendtreff",
                "Jugendtreff",
                (
                    "Jugendzentrum",
                    "Jugendhaus",
                    "Jugendclub",
                    "Jugendcafé",
                    "Jugendarbeit",
                    "Kindertreff",
                    "Mädchentreff",
                    "Treff für Jugendliche",
                ),
                "Offene Kinder- und Jugendarbeit: Treffpunkt mit Programm für Kinder und Jugendliche.",
            ),
            T(
                "familiencafe",
                "Familiencafé",
                (
                    "Elterncafé",
                    "Müttercafé",
                    "Familientreff",
                    "Elterntreff",
                    "Familienfrühstück",
                ),
                "Offener Treffpunkt für Familien mit Kindern.",
            ),
            T(
                "eltern-kind-gruppe",
                "Eltern-Kind-Gruppe",
                (
                    "Krabbelgruppe",
                    "Spielgruppe",
                    "Mutter-Kind-Gruppe",
                    "Babytreff",
                    "Babygruppe",
                    "PEKiP",
                    "Miniclub",
                ),
                "Feste Gruppe für Eltern mit Babys und Kleinkindern.",
            ),
            T(
                "interkultureller-treff",
                "Interkultureller Treff",
                (
                    "Interkulturell",
                    "Internationaler Treff",
                    "Internationales Café",
                    "Café International",
                    "Begegnungscafé",
                    "Willkommenscafé",
                ),
                "Begegnung von Menschen verschiedener Herkunft.",
            ),
            T(
                "frauentreff",
                "Frauentreff",
                (
                    "Frauencafé",
                    "Frauenfrühstück",
                    "Frauengruppe",
                    "Frauenkreis",
                    "Frauenabend",
                ),
                "Treffpunkt und Austausch für Frauen.",
            ),
        ),
    ),
    Group(
        "versorgung",
        "Versorgung",
        (
            T(
                "mittagstisch",
                "Mittagstisch",
                (
                    "Mittagessen",
                    "Suppenküche",
                    "Gemeinsames Essen",
                    "Gemeinsam essen",
                    "Warmes Essen",
                    "Mahlzeiten",
                ),
                "Günstiges oder kostenloses warmes Essen in Gemeinschaft.",
            ),
            T(
                "tafel",
                "Tafel und Lebensmittelausgabe",
                (
                    "Tafel",
                    "Tafelladen",
                    "Lebensmittelausgabe",
                    "Essensausgabe",
                    "Lebensmittelhilfe",
                    "Lebensmittelspenden",
                    "Foodsharing",
                    "Fairteiler",
                ),
                "Ausgabe von gespendeten Lebensmitteln an Menschen mit wenig Geld.",
            ),
            T(
                "kleiderkammer",
                "Kleiderkammer",
                (
                    "Kleiderladen",
                    "Kleiderausgabe",
                    "Kleiderstube",
                    "Kleiderbörse",
                    "Kleiderbasar",
                    "Kleidertausch",
                    "Kleiderspenden",
                    "Secondhand-Kleidung",
                ),
                "Gebrauchte Kleidung kostenlos oder günstig.",
            ),
            T(
                "kinderbetreuung",
                "Kinderbetreuung",
                (
                    "Kita",
                    "Kindertagesstätte",
                    "Kindertagespflege",
                    "Tagesmutter",
                    "Kinderkrippe",
                    "Kinderhort",
                    "Randzeitenbetreuung",
                    "Offene Ganztagsschule",
                ),
                "Betreuung von Kindern in Kita, Krippe, Hort oder Tagespflege.",
            ),
        ),
    ),
    Group(
        "gesundheit-und-pflege",
        "Gesundheit und Pflege",
        (
            T(
                "pflegeberatung",
                "Pflegeberatung",
                (
                    "Pflegestützpunkt",
                    "Pflegegrad",
                    "Pflegeantrag",
                    "Pflegekurs",
                    "Pflegeversicherung",
                    "Beratung für pflegende Angehörige",
                    "Seniorenberatung",
                ),
                "Beratung zu Pflege, Pflegegrad und Entlastung pflegender Angehöriger.",
            ),
            T(
                "gesundheitsberatung",
                "Gesundheitsberatung",
                (
                    "Gesundheitssprechstunde",
                    "Gesundheitskiosk",
                    "Gesundheitslotse",
                    "Gesundheitsförderung",
                    "Ernährungsberatung",
                    "Impfberatung",
                ),
                "Niedrigschwellige Beratung zu Gesundheit, Vorsorge und dem Weg zu Ärztinnen und Ärzten.",
            ),
            T(
                "selbsthilfegruppe",
                "Selbsthilfegruppe",
                (
                    "Selbsthilfe",
                    "Gesprächskreis",
                    "Gesprächsgruppe",
                    "Angehörigengruppe",
                    "Betroffenengruppe",
                    "Anonyme Alkoholiker",
                ),
                "Betroffene oder Angehörige treffen sich regelmäßig zum Austausch.",
            ),
            T(
                "besuchsdienst",
                "Besuchsdienst",
                (
                    "Besuchspatenschaft",
                    "Besuchskreis",
                    "Seniorenbesuche",
                    "Besuche zu Hause",
                    "Plaudertelefon",
                    "Telefonkette",
                ),
                "Regelmäßige Besuche oder Anrufe bei allein lebenden, kranken oder älteren Menschen.",
            ),
            T(
                "fruehe-hilfen",
                "Frühe Hilfen",
                (
                    "Familienhebamme",
                    "Hebammensprechstunde",
                    "Babylotse",
                    "Babybesuch",
                    "Willkommensbesuch",
                    "Familienpaten",
                ),
                "Unterstützung für werdende Eltern und Familien mit Kindern bis drei Jahre.",
            ),
            T(
                "hilfe-bei-demenz",
                "Hilfe bei Demenz",
                (
                    "Demenz",
                    "Demenzcafé",
                    "Demenzberatung",
                    "Alzheimer",
                    "Betreuungsgruppe",
                    "Gedächtnistraining",
                ),
                "Betreuung, Beratung und Begegnung für Menschen mit Demenz und ihre Angehörigen.",
            ),
        ),
    ),
    Group(
        "sport-und-freizeit",
        "Sport und Freizeit",
        (
            T(
                "sportangebot",
                "Sportangebot",
                (
                    "Sport",
                    "Sportgruppe",
                    "Sportverein",
                    "Fußball",
                    "Kicken",
                    "Basketball",
                    "Fitness",
                    "Mitternachtssport",
                ),
                "Sport und Bewegung in Gruppe, Verein oder offen im Quartier.",
            ),
            T(
                "bewegung-fuer-aeltere",
                "Bewegungsangebot für Ältere",
                (
                    "Seniorensport",
                    "Seniorengymnastik",
                    "Gymnastik für Senioren",
                    "Sitzgymnastik",
                    "Seniorentanz",
                    "Sturzprävention",
                    "Bewegung im Alter",
                    "Fit im Alter",
                ),
                "Gymnastik, Tanz und Bewegung, die auf ältere Menschen zugeschnitten sind.",
            ),
            T(
                "ferienprogramm",
                "Ferienprogramm",
                (
                    "Ferienbetreuung",
                    "Ferienfreizeit",
                    "Ferienspiele",
                    "Ferienpass",
                    "Ferienaktion",
                    "Ferienfahrt",
                    "Stadtranderholung",
                ),
                "Programm und Betreuung für Kinder und Jugendliche in den Schulferien.",
            ),
            T(
                "kreativangebot",
                "Kreativ- und Kulturangebot",
                (
                    "Malkurs",
                    "Basteln",
                    "Handarbeit",
                    "Kunstwerkstatt",
                    "Theater",
                    "Chor",
                    "Musikgruppe",
                    "Tanzgruppe",
                ),
                "Malen, Basteln, Handarbeit, Musik, Tanz und Theater.",
            ),
        ),
    ),
    Group(
        "engagement",
        "Engagement",
        (
            T(
                "ehrenamtsvermittlung",
                "Ehrenamtsvermittlung",
                (
                    "Freiwilligenagentur",
                    "Freiwilligenzentrum",
                    "Freiwilligenbörse",
                    "Ehrenamtsbörse",
                    "Ehrenamtsagentur",
                    "Ehrenamtskoordination",
                    "Engagementberatung",
                ),
                "Vermittlung und Begleitung von Menschen, die sich freiwillig engagieren wollen.",
            ),
            T(
                "patenschaften",
                "Patenschaften",
                (
                    "Patenschaft",
                    "Patenprojekt",
                    "Mentoring",
                    "Mentorenprogramm",
                    "Lesepaten",
                    "Lernpaten",
                    "Bildungspaten",
                    "Ausbildungspaten",
                ),
                "Freiwillige begleiten Kinder, Jugendliche oder Erwachsene über längere Zeit eins zu eins.",
            ),
            T(
                "repair-cafe",
                "Repair-Café",
                (
                    "Reparaturcafé",
                    "Reparaturtreff",
                    "Reparieren",
                    "Fahrradwerkstatt",
                    "Selbsthilfewerkstatt",
                    "Upcycling",
                ),
                "Gemeinsam Dinge reparieren statt wegwerfen.",
            ),
            T(
                "gemeinschaftsgarten",
                "Gemeinschaftsgarten",
                (
                    "Urban Gardening",
                    "Interkultureller Garten",
                    "Nachbarschaftsgarten",
                    "Gemeinschaftsbeet",
                    "Hochbeet",
                    "Gärtnern",
                ),
                "Gemeinsam gärtnern im Quartier.",
            ),
            T(
                "nachbarschaftshilfe",
                "Nachbarschaftshilfe",
                (
                    "Nachbarn helfen Nachbarn",
                    "Nachbarschaftsnetzwerk",
                    "Alltagshilfe",
                    "Alltagsbegleitung",
                    "Einkaufshilfe",
                    "Helferkreis",
                ),
                "Nachbarinnen und Nachbarn helfen einander im Alltag.",
            ),
            T(
                "buergerbeteiligung",
                "Bürgerbeteiligung",
                (
                    "Stadtteilkonferenz",
                    "Stadtteilbeirat",
                    "Quartiersrat",
                    "Bürgerforum",
                    "Bewohnerversammlung",
                    "Beteiligungsverfahren",
                    "Verfügungsfonds",
                ),
                "Mitreden und Mitentscheiden im Quartier, auch über den Verfügungsfonds.",
            ),
        ),
    ),
)

del T


def iter_service_types() -> Iterator[tuple[Group, ServiceTypeSpec]]:
    """Every (group, type) of the built-in taxonomy, in order."""
    for group in SERVICE_TYPE_GROUPS:
        for spec in group.types:
            yield group, spec


# --- Coordinated compounds --------------------------------------------------------------

# Heads that coordinated compounds share ("Erziehungs- und Familien|beratung"), lower case.
COMPOUND_HEADS = (
    "abend",
    "angebot",
    "arbeit",
    "ausgabe",
    "begleitung",
    "beratung",
    "betreuung",
    "bildung",
    "börse",
    "café",
    "cafe",
    "club",
    "dienst",
    "essen",
    "fest",
    "förderung",
    "frühstück",
    "garten",
    "gruppe",
    "haus",
    "heim",
    "hilfe",
    "kammer",
    "kreis",
    "kurs",
    "laden",
    "nachmittag",
    "platz",
    "pflege",
    "projekt",
    "raum",
    "recht",
    "runde",
    "schule",
    "sport",
    "sprechstunde",
    "stätte",
    "stelle",
    "stunde",
    "training",
    "treff",
    "unterricht",
    "unterstützung",
    "verein",
    "vermittlung",
    "werkstatt",
    "zentrum",
)
# Irregular plurals; regular ones are covered by _HEAD_ENDINGS.
_IRREGULAR_HEADS = ("cafés", "gärten", "häuser", "räume", "zentren")
_HEAD_ENDINGS = ("", "e", "n", "en", "s", "es")
_HEADS = frozenset(head + ending for head in COMPOUND_HEADS for ending in _HEAD_ENDINGS) | frozenset(_IRREGULAR_HEADS)
_HEADS = _HEADS | frozenset(fold(head) for head in _HEADS)

_LETTER = r"[^\W\d_]"
_PART = rf"{_LETTER}+(?:-{_LETTER}+)*-"
_WORD = rf"{_LETTER}+(?:-{_LETTER}+)*"
_CONNECTOR = r"(?:\s*[/&+]\s*|\s+(?:und|oder|sowie)\s+|\s+(?:bzw|u)\.\s*)"
_COORDINATION = re.compile(rf"(?<![\w-])((?:{_PART}\s*,\s*)*{_PART}),?{_CONNECTOR}({_WORD})", re.IGNORECASE)


def _head_start(word):
    """Index where the shared head of ``word`` begins, or None (never 0)."""
    lower = word.lower()
    for index in range(1, len(word)):
        if lower[index:] in _HEADS:
            return index
    return None


def expand_compounds(text: str) -> list[str]:
    """Coordinated compounds of ``text`` written out, e.g. "Sprach- oder Integrationskurs".

    → ["Sprachkurs", "Integrationskurs"]. The shared head is found in the last word from
    a list of common heads (``COMPOUND_HEADS``); without a known head nothing is expanded.
    """
    words = []
    for match in _COORDINATION.finditer(text or ""):
        last = match.group(2)
        start = _head_start(last)
        if start is None:
            continue
        head = last[start:]
        hyphenated = last[start - 1] == "-"
        for part in re.split(r"\s*,\s*", match.group(1)):
            first = part[:-1]
            if "-" in first or hyphenated:
                words.append(f"{first}-{head[:1].upper()}{head[1:]}")
            else:
                words.append(first + head)
        words.append(last)
    return list(dict.fromkeys(words))


# --- Suggestions ------------------------------------------------------------------------

TITLE_WEIGHT = 3
DESCRIPTION_WEIGHT = 1
# A term may match inside a word (as the later part of a compound) only from this length
# on; shorter terms must start a word ("Sucht" must not match "besucht").
MIN_INNER_LENGTH = 7
# Below this score a suggestion is not good enough (a four-letter term in the description).
MIN_SCORE = 5
# A title term right after these words names the place ("Sitzgymnastik im
# Stadtteilzentrum"), so it counts only as much as one in the description.
PLACE_WORDS = ("im", "am", "in der", "in dem", "an der", "auf dem", "auf der")
# Endings allowed on the words of a term but its last ("pflegende" → "pflegenden").
_INFLECTION = r"(?:e|m|n|r|s|em|en|er|es)?"


def _normalize(text, hyphen=""):
    """Folded text of letters, digits and single spaces; hyphens inside words become ``hyphen``."""
    text = fold(unicodedata.normalize("NFC", text or ""))
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"(?<=[^\W_])-(?=[^\W_])", hyphen, text)
    return " ".join(re.split(r"[\W_]+", text)).strip()


def _variants(text):
    """The texts a term is looked for in: compounds written out, hyphens dropped or spaced."""
    text = " ".join([text or "", *expand_compounds(text or "")])
    return {_normalize(text), _normalize(text, " ")}


def _term_pattern(term):
    """Regex for a normalized term: at a word start (or anywhere if long), words inflected."""
    body = (_INFLECTION + " ").join(re.escape(word) for word in term.split(" "))
    if len(term.replace(" ", "")) >= MIN_INNER_LENGTH:
        return re.compile(body)
    return re.compile(r"(?<![a-z0-9])" + body)


def _at_place(text, index):
    """Whether the words before ``index`` are a place preposition such as "im"."""
    before = text[:index].split()
    return " ".join(before[-1:]) in PLACE_WORDS or " ".join(before[-2:]) in PLACE_WORDS


def _title_weight(pattern, texts):
    """TITLE_WEIGHT for a plain hit, DESCRIPTION_WEIGHT after a place word, else 0."""
    weight = 0
    for text in texts:
        for match in pattern.finditer(text):
            if not _at_place(text, match.start()):
                return TITLE_WEIGHT
            weight = DESCRIPTION_WEIGHT
    return weight


def _as_triple(item):
    """(slug, name, synonyms) from a spec, an object with those attributes, or a tuple."""
    if isinstance(item, (tuple, list)):
        slug, name, synonyms = item[:3]
    else:
        slug, name, synonyms = item.slug, item.name, getattr(item, "synonyms", ())
    if isinstance(synonyms, str):
        synonyms = re.split(r"[,;\n]", synonyms)
    return slug, name, tuple(synonyms or ())


def _compile(types):
    """[(slug, ((length, pattern), ...))] for the normalized, non-empty terms of each type."""
    compiled = []
    for item in types:
        slug, name, synonyms = _as_triple(item)
        terms = sorted({_normalize(term) for term in (name, *synonyms)} - {""})
        compiled.append((slug, tuple((len(term.replace(" ", "")), _term_pattern(term)) for term in terms)))
    return compiled


_BUILT_IN = None


def _built_in():
    global _BUILT_IN
    if _BUILT_IN is None:
        _BUILT_IN = _compile(spec for _group, spec in iter_service_types())
    return _BUILT_IN


def suggest_service_type(title: str, description: str = "", *, types=None) -> str | None:
    """Slug of the type that best fits an offer's title and description, or None.

    A term (name or synonym) found in the title counts ``TITLE_WEIGHT`` times its length,
    in the description (or in the title right after "im", "am", "in der" …) once its
    length. The type with the best single term wins, then the one with the higher sum;
    remaining ties go to the alphabetically first slug. ``types`` is an iterable of specs,
    objects or tuples ``(slug, name, synonyms)``; synonyms may be a comma-separated string.
    Default: the built-in taxonomy.
    """
    compiled = _built_in() if types is None else _compile(types)
    title_texts = _variants(title)
    description_texts = _variants(description)
    best_key, best_slug = None, None
    for slug, terms in compiled:
        scores = []
        for length, pattern in terms:
            weight = _title_weight(pattern, title_texts)
            if not weight and any(pattern.search(text) for text in description_texts):
                weight = DESCRIPTION_WEIGHT
            if weight:
                scores.append(weight * length)
        if not scores or max(scores) < MIN_SCORE:
            continue
        key = (max(scores), sum(scores))
        if best_key is None or key > best_key or (key == best_key and slug < best_slug):
            best_key, best_slug = key, slug
    return best_slug
