"""The built-in taxonomy of service types, type suggestions and compound expansion."""

import re
from types import SimpleNamespace

import pytest

from providers.taxonomy import (
    SERVICE_TYPE_GROUPS,
    Group,
    ServiceTypeSpec,
    expand_compounds,
    iter_service_types,
    suggest_service_type,
)
from sozialraum.common.text import fold

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

REQUIRED = {
    "schuldnerberatung",
    "erziehungsberatung",
    "migrationsberatung",
    "suchtberatung",
    "sprachkurs",
    "hausaufgabenhilfe",
    "seniorentreff",
    "jugendtreff",
    "familiencafe",
    "mittagstisch",
    "tafel",
    "selbsthilfegruppe",
    "besuchsdienst",
    "sportangebot",
}


def all_specs():
    return [spec for _group, spec in iter_service_types()]


def squashed(term):
    return re.sub(r"[^a-z0-9]", "", fold(term))


# --- The data ---------------------------------------------------------------------------


def test_seven_groups_in_order():
    assert [group.name for group in SERVICE_TYPE_GROUPS] == [
        "Beratung",
        "Bildung und Sprache",
        "Begegnung",
        "Versorgung",
        "Gesundheit und Pflege",
        "Sport und Freizeit",
        "Engagement",
    ]
    assert all(isinstance(group, Group) and group.types for group in SERVICE_TYPE_GROUPS)


def test_slugs_unique_and_well_formed():
    slugs = [group.slug for group in SERVICE_TYPE_GROUPS] + [spec.slug for spec in all_specs()]
    assert len(slugs) == len(set(slugs))
    assert [slug for slug in slugs if not SLUG.match(slug)] == []


def test_between_35_and_50_types():
    assert 35 <= len(all_specs()) <= 50


def test_required_types_present():
    assert REQUIRED <= {spec.slug for spec in all_specs()}


def test_every_type_has_name_description_and_3_to_8_synonyms():
    for spec in all_specs():
        assert isinstance(spec, ServiceTypeSpec)
        assert spec.name and spec.description, spec.slug
        assert isinstance(spec.synonyms, tuple), spec.slug
        assert 3 <= len(spec.synonyms) <= 8, spec.slug


def test_no_term_belongs_to_two_types_or_twice_to_one():
    owners = {}
    for spec in all_specs():
        for term in (spec.name, *spec.synonyms):
            key = squashed(term)
            assert key not in owners, f"{term!r} in {spec.slug} and {owners.get(key)}"
            owners[key] = spec.slug


def test_specs_are_frozen():
    spec = all_specs()[0]
    with pytest.raises(AttributeError):
        spec.slug = "anders"


def test_iter_service_types_pairs_each_type_with_its_group():
    pairs = list(iter_service_types())
    assert len(pairs) == sum(len(group.types) for group in SERVICE_TYPE_GROUPS)
    assert pairs[0] == (SERVICE_TYPE_GROUPS[0], SERVICE_TYPE_GROUPS[0].types[0])
    assert pairs[-1] == (SERVICE_TYPE_GROUPS[-1], SERVICE_TYPE_GROUPS[-1].types[-1])
    assert all(spec in group.types for group, spec in pairs)


# --- Suggestions ------------------------------------------------------------------------


def test_every_name_and_synonym_suggests_its_own_type():
    for spec in all_specs():
        for term in (spec.name, *spec.synonyms):
            assert suggest_service_type(term) == spec.slug, term
            if len(squashed(term)) >= 5:
                assert suggest_service_type("Angebot", term) == spec.slug, term


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        ("Offene Sprechstunde der Schuldner- und Insolvenzberatung", "", "schuldnerberatung"),
        ("Schuldnerberatungsstelle der Diakonie", "", "schuldnerberatung"),
        ("Offene Sprechstunde", "Hilfe bei Schulden und Privatinsolvenz", "schuldnerberatung"),
        ("Erziehungs- und Familienberatung", "", "erziehungsberatung"),
        ("Beratung für Eltern von Teenagern", "", "erziehungsberatung"),
        (
            "Beratung für junge Zugewanderte",
            "Der Jugendmigrationsdienst berät zu Schule und Beruf.",
            "migrationsberatung",
        ),
        ("Drogen- und Suchtberatung", "", "suchtberatung"),
        ("Hilfe bei Spielsucht", "", "suchtberatung"),
        ("Hilfe bei Anträgen", "Wir füllen mit Ihnen Formulare aus.", "sozialberatung"),
        ("Hilfe bei drohender Wohnungslosigkeit", "", "wohnungslosenhilfe"),
        ("Kostenlose Rechtsauskunft im Stadtteilbüro", "", "rechtsberatung"),
        ("Bewerbungstraining für Jugendliche", "", "berufsberatung"),
        ("Beratung bei häuslicher Gewalt", "", "beratung-bei-gewalt"),
        ("Deutsch lernen im Sprachcafé", "", "sprachkurs"),
        ("Deutsch-Kurs für Mütter", "mit Kinderbetreuung", "sprachkurs"),
        ("Integrationskurs mit Kinderbetreuung", "", "integrationskurs"),
        ("Alphabetisierungskurs für Frauen", "", "alphabetisierung"),
        ("Hilfe bei Schulaufgaben", "", "hausaufgabenhilfe"),
        ("Hausaufgabenhilfe", "Danach gibt es ein Mittagessen.", "hausaufgabenhilfe"),
        ("Nachhilfe für Grundschüler", "", "lernfoerderung"),
        ("Handykurs für Senioren", "", "digitale-bildung"),
        ("Seniorentreff am Nachmittag", "", "seniorentreff"),
        ("Jugendzentrum Oase", "", "jugendtreff"),
        ("Offener Treff für Jugendliche", "", "jugendtreff"),
        ("Nachbarschaftstreff im Quartier", "", "stadtteiltreff"),
        ("Familiencafé Kunterbunt", "", "familiencafe"),
        ("Eltern- und Familiencafé", "", "familiencafe"),
        ("Krabbelgruppe für Babys bis 18 Monate", "", "eltern-kind-gruppe"),
        ("Mittagstisch für Senioren", "", "mittagstisch"),
        ("Kinder-Mittagstisch", "", "mittagstisch"),
        ("Lebensmittelausgabe der Tafel", "", "tafel"),
        ("Kleiderkammer im Gemeindehaus", "", "kleiderkammer"),
        ("Kleider- und Schuhausgabe", "", "kleiderkammer"),
        ("Kleiderboerse", "", "kleiderkammer"),
        ("Selbsthilfegruppe für Angehörige", "", "selbsthilfegruppe"),
        ("Gesprächskreis für pflegende Angehörige", "", "selbsthilfegruppe"),
        ("Pflegeberatung für Angehörige von Menschen mit Demenz", "", "pflegeberatung"),
        ("Ehrenamtlicher Besuchsdienst", "Wir besuchen allein lebende ältere Menschen.", "besuchsdienst"),
        ("Besuchspatenschaften für Ältere", "", "besuchsdienst"),
        ("Kicken im Park", "", "sportangebot"),
        ("FUSSBALL für Mädchen", "", "sportangebot"),
        ("Senioren-Sport", "", "bewegung-fuer-aeltere"),
        ("Sitzgymnastik im Stadtteilzentrum", "", "bewegung-fuer-aeltere"),
        ("Sommerferienprogramm 2025", "", "ferienprogramm"),
        ("Repair-Café im Bürgerhaus", "", "repair-cafe"),
        ("Reparaturcafe", "", "repair-cafe"),
        ("Interkultureller Garten", "", "gemeinschaftsgarten"),
        ("Café International", "", "interkultureller-treff"),
        ("Lesepaten an der Grundschule", "", "patenschaften"),
        ("Stadtteilkonferenz Südliche Innenstadt", "", "buergerbeteiligung"),
        ("Demenzcafé Vergissmeinnicht", "", "hilfe-bei-demenz"),
    ],
)
def test_suggests_type_for_realistic_offers(title, description, expected):
    assert suggest_service_type(title, description) == expected


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("Sommerfest im Hof", ""),
        ("Tag der offenen Tür", "Kommen Sie vorbei!"),
        ("Vorstandssitzung des Fördervereins", ""),
        ("Mitgliederversammlung", "Kostenbeteiligung 2 Euro"),
        ("Ehrenamtliche gesucht", "Wir haben Helfer gesucht und Sie besucht."),
        ("Transport zum Arzt", ""),
        ("Krippenspiel in der Kirche", ""),
        ("", ""),
    ],
)
def test_suggests_nothing_without_a_good_match(title, description):
    assert suggest_service_type(title, description) is None


def test_title_weighs_more_than_description():
    # "Hausaufgabenhilfe" is longer, but only in the description.
    assert suggest_service_type("Mittagstisch", "Danach Hausaufgabenhilfe") == "mittagstisch"
    assert suggest_service_type("Treffpunkt", "Mittagstisch, danach Hausaufgabenhilfe") == "hausaufgabenhilfe"


def test_title_term_after_a_place_word_counts_like_description():
    # "Seniorentreff" is longer, but after "im" it is where the offer takes place.
    assert suggest_service_type("Mittagstisch im Seniorentreff") == "mittagstisch"
    assert suggest_service_type("Seniorentreff mit Mittagstisch") == "seniorentreff"


def test_words_of_a_term_may_be_inflected_but_not_changed():
    types = [("angehoerige", "pflegende Angehörige", ())]
    assert suggest_service_type("Treff für pflegenden Angehörigen", types=types) == "angehoerige"
    assert suggest_service_type("Treff für pflegebedürftige Angehörige", types=types) is None


def test_longer_match_beats_shorter():
    types = [("allgemein", "Beratung", ()), ("schulden", "Schuldnerberatung", ())]
    assert suggest_service_type("Schuldnerberatung", types=types) == "schulden"
    assert suggest_service_type("Beratung", types=types) == "allgemein"


def test_ties_go_to_first_slug_whatever_the_order():
    types = [("zeta", "Treffpunkt", ()), ("alpha", "Treffpunkt", ())]
    assert suggest_service_type("Treffpunkt", types=types) == "alpha"
    assert suggest_service_type("Treffpunkt", types=list(reversed(types))) == "alpha"


def test_short_terms_only_match_at_a_word_start():
    types = [("sucht", "Sucht", ())]
    assert suggest_service_type("Wir haben Sie besucht", types=types) is None
    assert suggest_service_type("Suchtgefahr im Alter", types=types) == "sucht"


def test_a_short_term_only_in_the_description_is_not_enough():
    types = [("kita", "Kita", ())]
    assert suggest_service_type("Kita Sonnenschein", types=types) == "kita"
    assert suggest_service_type("Abholdienst", "Wir holen Kinder von der Kita ab.", types=types) is None


def test_types_from_the_database_as_objects_tuples_or_text():
    stored = [
        SimpleNamespace(slug="naehcafe", name="Nähcafé", synonyms="Nähtreff, Nähkurs"),
        ("lauftreff", "Lauftreff", ["Joggen", "Laufgruppe"]),
    ]
    assert suggest_service_type("Naehkurs für Anfängerinnen", types=stored) == "naehcafe"
    assert suggest_service_type("Joggen im Park", types=stored) == "lauftreff"
    assert suggest_service_type("Kicken im Park", types=stored) is None


# --- Compounds --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Erziehungs- und Familienberatung", ["Erziehungsberatung", "Familienberatung"]),
        ("Kinder-, Jugend- und Familienhilfe", ["Kinderhilfe", "Jugendhilfe", "Familienhilfe"]),
        ("Sprach- oder Integrationskurs", ["Sprachkurs", "Integrationskurs"]),
        ("Schuldner-/Insolvenzberatung", ["Schuldnerberatung", "Insolvenzberatung"]),
        ("Kleider- u. Lebensmittelausgabe", ["Kleiderausgabe", "Lebensmittelausgabe"]),
        ("Spiel- & Bastelnachmittag", ["Spielnachmittag", "Bastelnachmittag"]),
        ("Sport- sowie Bewegungsangebote", ["Sportangebote", "Bewegungsangebote"]),
        ("Eltern- und Familiencafé", ["Elterncafé", "Familiencafé"]),
        # The longest known head is shared: "sprechstunde", not "stunde".
        ("Kinder- und Jugendsprechstunde", ["Kindersprechstunde", "Jugendsprechstunde"]),
        ("Eltern-Kind- und Krabbelgruppe", ["Eltern-Kind-Gruppe", "Krabbelgruppe"]),
        (
            "Unsere Sprach- oder Integrationskurse und die Kinder- und Jugendtreffs",
            ["Sprachkurse", "Integrationskurse", "Kindertreffs", "Jugendtreffs"],
        ),
        ("Ein- und Ausgang", []),
        ("haupt- und ehrenamtliche Mitarbeitende", []),
        ("Schuldnerberatung und Familienberatung", []),
        ("Eltern-Kind-Gruppe", []),
        ("", []),
    ],
)
def test_expand_compounds(text, expected):
    assert expand_compounds(text) == expected
