"""German default texts of the pages a public body must publish.

The data migration fills the pages with these texts once, drawn from the programme's data
where it exists (city, contact) and from the settings otherwise; staff then edit them in the
admin. Plain functions of plain values, so the migration can call them with historical models.
"""

import datetime as dt
from urllib.parse import urlsplit

# The history reason of default texts: a page whose history has no other reason was never edited.
DEFAULT_REASON = "Voreinstellung bei Einrichtung"

SUPERVISORY_AUTHORITY = {
    "NW": "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen, "
    "Kavalleriestraße 2–4, 40213 Düsseldorf",
}
ARBITRATION = {
    "NW": (
        "Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an die "
        "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen wenden. Sie ist bei "
        "der oder dem Beauftragten der Landesregierung für Menschen mit Behinderung sowie für Patientinnen und "
        "Patienten in Nordrhein-Westfalen angesiedelt. Das Verfahren ist für Sie kostenlos. Sie brauchen "
        "keinen Rechtsbeistand."
    ),
}
ARBITRATION_FEDERAL = (
    "Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie einen Antrag auf "
    "ein Schlichtungsverfahren stellen: Schlichtungsstelle nach dem Behindertengleichstellungsgesetz (BGG) "
    "beim Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen, Mauerstraße 53, "
    "10117 Berlin, www.schlichtungsstelle-bgg.de. Das Verfahren ist für Sie kostenlos. Sie brauchen keinen "
    "Rechtsbeistand."
)


def context(*, city, contact, portal_name, state, retention_days, tiles_url="", tiles_own_server=False, today=None,
            registration_retention_days=14):
    """The values every default text uses (``contact`` falls back to the city)."""
    return {
        "tiles_host": urlsplit(tiles_url).netloc.replace("{s}.", ""),
        "tiles_own_server": tiles_own_server,
        "city": city,
        "contact": contact or city,
        "portal_name": portal_name,
        "state": state,
        "retention_days": retention_days,
        "registration_retention_days": registration_retention_days,
        "today": today or dt.date.today(),
    }


def imprint(c):
    return {
        "title": "Impressum",
        "description": f"Wer das {c['portal_name']} der {c['city']} herausgibt und wer für den Inhalt verantwortlich ist.",
        "body": f"""## Herausgeberin

{c['city']}
vertreten durch die Bürgermeisterin oder den Bürgermeister

## Kontakt

{c['contact']}

## Verantwortlich für den Inhalt

Verantwortlich nach § 18 Absatz 2 Medienstaatsvertrag ist die Stelle, die das Programm leitet:

{c['contact']}

## Inhalte anderer Stellen

Die Einträge der Anbieter und ihrer Angebote pflegt die Redaktion mit den Anbietern. Für Inhalte verlinkter Websites anderer Stellen sind deren Betreiber verantwortlich.""",
    }


def _maps(c):
    shown = "Markierungen und Quartiersgrenzen zeigt das Portal ohne fremde Server."
    if not c["tiles_host"]:
        return f"{shown} Eine Hintergrundkarte lädt es nicht."
    if c["tiles_own_server"]:
        return f"{shown} Die Hintergrundkarte kommt vom eigenen Kartenserver der {c['city']} ({c['tiles_host']})."
    return (
        f"{shown} Die Hintergrundkarte kommt von einem fremden Kartenserver ({c['tiles_host']}). Sie wird erst "
        "geladen, wenn Sie auf „Karte laden“ klicken. Dann erhält der Kartenserver Ihre IP-Adresse, die Angaben "
        "Ihres Browsers und den Kartenausschnitt. Ohne Klick wird nichts an ihn gesendet."
    )


def privacy(c):
    authority = SUPERVISORY_AUTHORITY.get(c["state"], "die Datenschutz-Aufsichtsbehörde Ihres Bundeslandes")
    return {
        "title": "Datenschutzerklärung",
        "description": f"Welche Daten das {c['portal_name']} speichert und sendet, und welche Rechte Sie haben.",
        "body": f"""## Verantwortliche Stelle

{c['contact']}

Die oder der behördliche Datenschutzbeauftragte der {c['city']} ist unter derselben Anschrift erreichbar.

## Lesen ohne Cookies

Wenn Sie das Portal nur lesen, setzt es kein Cookie und speichert nichts auf Ihrem Gerät. Es lädt keine Schriften, Skripte oder Statistik-Dienste von anderen Servern.

Beim Aufruf einer Seite verarbeitet der Webserver technisch notwendig Ihre IP-Adresse, die aufgerufene Adresse und die Angaben Ihres Browsers, um Ihnen die Seite zu senden. Das Portal selbst legt dazu kein Protokoll mit IP-Adressen an. Fehler (zum Beispiel „Seite nicht gefunden“) werden mit der aufgerufenen Adresse protokolliert, ohne IP-Adresse.

## Cookies, die Sie selbst auslösen

- „django_language“: nur wenn Sie die Sprache der Seite wechseln. Es merkt sich die gewählte Sprache, bis Sie den Browser schließen.
- „csrftoken“: nur auf Seiten mit einem Formular, das Daten sendet (zum Beispiel „Barriere melden“ oder die Anmeldung der Redaktion). Es enthält eine Zufallszahl, die vor gefälschten Formularen schützt, und gilt ein Jahr.
- „sessionid“: nur für angemeldete Mitarbeiterinnen und Mitarbeiter der Redaktion, solange sie angemeldet sind (höchstens zwei Wochen).

Diese Cookies sind technisch notwendig (§ 25 Absatz 2 Nummer 2 TDDDG). Sie werden nicht für Werbung oder Statistik genutzt.

## Karten

{_maps(c)}

## Barriere melden

Wenn Sie eine Barriere melden, speichern wir Ihre Nachricht, die Seite, die Sie nennen, und – nur wenn Sie sie angeben – Ihre E-Mail-Adresse für eine Antwort. Ihre IP-Adresse speichern wir nicht. Zum Schutz vor massenhaften Meldungen merkt sich das Portal für eine Stunde einen nicht umkehrbaren Prüfwert Ihrer IP-Adresse. Die Meldungen lesen nur Mitarbeiterinnen und Mitarbeiter der Redaktion. Nach {c['retention_days']} Tagen löscht das Portal die Meldung automatisch. Rechtsgrundlage ist Artikel 6 Absatz 1 Buchstabe e DSGVO in Verbindung mit der Pflicht zur Barrierefreiheit (BITV 2.0).

## Anmeldung zu Werkstätten und Veranstaltungen

Wenn Sie sich zu einer Veranstaltung anmelden, speichern wir je nach Veranstaltung Ihren Namen und Ihre E-Mail-Adresse oder nur die Zahl der Personen. An die E-Mail-Adresse schicken wir die Bestätigung, den Link zum Abmelden und die Nachricht, wenn Sie von der Warteliste nachrücken. Ihre IP-Adresse speichern wir nicht; zum Schutz vor massenhaften Anmeldungen merkt sich das Portal für eine Stunde einen nicht umkehrbaren Prüfwert davon. Die Anmeldungen sehen nur Mitarbeiterinnen und Mitarbeiter der Redaktion. {c['registration_retention_days']} Tage nach der Veranstaltung löscht das Portal die Anmeldung automatisch; eine Kopie in einem Änderungsverlauf gibt es nicht. Rechtsgrundlage ist Artikel 6 Absatz 1 Buchstabe e DSGVO (Durchführung der Beteiligung im Programm).

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung Ihrer Daten und können der Verarbeitung widersprechen. Wenden Sie sich dazu an die verantwortliche Stelle oben. Sie können sich außerdem bei der Aufsichtsbehörde beschweren: {authority}.

Stand: {c['today']:%d.%m.%Y}""",
    }


def easy_language(c):
    return {
        "title": "Leichte Sprache",
        "description": f"Das {c['portal_name']} in Leichter Sprache erklärt.",
        "body": f"""## Was ist diese Internet-Seite?

Die {c['city']} macht ein Programm.
Das Programm heißt: Soziale Stadt.
Das Programm soll das Leben im Stadt-Teil besser machen.

Auf dieser Internet-Seite finden Sie Infos zu dem Programm.

## Was finden Sie hier?

- Angebote: Wer hilft Ihnen in Ihrem Stadt-Teil? Zum Beispiel bei Fragen zu Geld, Familie oder Arbeit.
- Anbieter: Das sind Vereine und Stellen. Sie machen die Angebote.
- Maßnahmen: Das sind Pläne der Stadt für den Stadt-Teil.
- Werkstätten: Das sind Treffen. Dort reden Bürgerinnen und Bürger mit. Sie können auch hingehen.

## Wie benutzen Sie die Seite?

Oben auf jeder Seite ist ein Menü.
Dort klicken Sie auf ein Wort.
Zum Beispiel auf: Angebote.

Bei den Angeboten können Sie suchen.
Sie wählen Ihren Stadt-Teil.
Sie wählen, für wen das Angebot sein soll.
Zum Beispiel: für Familien.
Dann klicken Sie auf den Knopf: Anzeigen.

## Haben Sie eine Frage?

Dann schreiben Sie uns.
Oder rufen Sie uns an.

{c['contact']}

Ist etwas auf der Seite schwer zu benutzen?
Dann sagen Sie es uns.
Dafür gibt es die Seite: Barriere melden.""",
    }


def sign_language(c):
    return {
        "title": "Deutsche Gebärdensprache",
        "description": f"Das {c['portal_name']} in Deutscher Gebärdensprache, mit Abschrift des Videos.",
        "body": f"""## Abschrift des Videos

Willkommen beim {c['portal_name']} der {c['city']}.

Hier finden Sie Informationen zum Programm „Soziale Stadt“ in Ihrem Stadtteil: Angebote von Vereinen und Beratungsstellen, die Maßnahmen der Stadt und die Termine der Werkstätten, bei denen Sie mitreden können.

Über das Menü oben erreichen Sie die Angebote, die Anbieter, die Maßnahmen und die Werkstätten. Bei den Angeboten wählen Sie Ihr Quartier und die Zielgruppe, zum Beispiel Familien, und klicken auf „Anzeigen“.

Wenn Sie Fragen haben oder eine Barriere melden möchten, schreiben Sie uns:

{c['contact']}""",
    }


def accessibility_statement(c):
    return {
        "body_name": c["city"],
        "scope": f"die Website {c['portal_name']} der {c['city']}",
        "standard": "BITV 2.0 (WCAG 2.1, Stufe AA) und EN 301 549 V3.2.1",
        "conformance": "partial",
        "assessment_method": (
            "Selbstbewertung der Redaktion: automatische Prüfungen jeder Seitenart mit axe-core, dem W3C Nu HTML "
            "Checker und HTML_CodeSniffer sowie Prüfung von Hand mit Tastatur und Bildschirmlupe."
        ),
        "assessed_on": c["today"],
        "prepared_on": c["today"],
        "feedback_contact": c["contact"],
        "arbitration_body": ARBITRATION.get(c["state"], ARBITRATION_FEDERAL),
    }


KNOWN_BARRIERS = [
    {
        "barrier": "Die Karten lassen sich mit Tastatur und Bildschirmleser nur eingeschränkt bedienen.",
        "reason": "Karten sind grafische Darstellungen.",
        "alternative": "Neben jeder Karte stehen dieselben Orte als Liste mit Adresse und Link.",
    },
    {
        "barrier": "Hochgeladene Dokumente (zum Beispiel Protokolle von Werkstätten) sind nicht alle barrierefrei.",
        "reason": "Sie stammen zum Teil von anderen Stellen.",
        "alternative": "Schreiben Sie uns: Wir senden Ihnen den Inhalt in einer zugänglichen Form.",
    },
    {
        "barrier": "Das Video in Deutscher Gebärdensprache ist noch in Arbeit.",
        "reason": "",
        "alternative": "Die Seite „Deutsche Gebärdensprache“ enthält den Text des Videos; "
        "die Seite „Leichte Sprache“ erklärt das Portal in einfachen Sätzen.",
    },
]


def info_pages(c):
    """{kind: fields} of the four information pages."""
    return {
        "impressum": imprint(c),
        "datenschutz": privacy(c),
        "leichte-sprache": easy_language(c),
        "gebaerdensprache": sign_language(c),
    }
