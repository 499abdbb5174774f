"""The columns of the provider table (import, export and template): one row per offer.

The structured offer fields and their columns:

==========================  ==========================================================
column                      offer field(s)
==========================  ==========================================================
Zeiten                      opening slots and ``by_appointment``, written as
                            ``describe_slots`` writes them („Mo–Fr 9:00–12:00 Uhr,
                            jeden 1. Mi 15:00–17:00 Uhr, nach Vereinbarung“); a text
                            the parser cannot read completely is a row error
Hinweis zu den Zeiten       ``opening_hours`` (the note: what the slots cannot say)
Kosten                      ``cost_kind``: kostenlos, gegen Spende, ermäßigt (möglich),
                            kostenpflichtig, or a text such as „5 €“ (→ kostenpflichtig)
Kosten (Angabe)             ``cost``, the text („5 € pro Termin“). A file without this
                            column (older tables) keeps the „Kosten“ cell as the text
                            and takes the kind from it where it says one
Leistungsart                ``service_type`` by name or slug; export writes the name
Sprachen                    ``languages`` by name or ISO code, separated by commas
Zugang                      the access checkboxes by their German labels
Alter von, Alter bis        ``age_min``, ``age_max``: whole numbers 0–120
Termin nötig                ``appointment_required``: ja/nein (empty: nein)
pausiert bis                ``paused_until``: a date
==========================  ==========================================================
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy

from providers.models import Offer
from sozialraum.common.tabular import MAX_TABLE_BYTES

MAX_IMPORT_BYTES = MAX_TABLE_BYTES


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    # text, date, decimal, bool (empty: yes), flag (empty: no), kind, m2m, fk,
    # schedule, cost_kind, languages, access, age
    kind: str = "text"
    help: str = ""


PROVIDER_COLUMNS = [
    Column("slug", "Kennung", help=gettext_lazy("eindeutig und dauerhaft, z. B. caritas-iserlohn; leer: aus dem Namen")),
    Column("name", "Name"),
    Column("kind", "Art", "kind"),
    Column("description", "Beschreibung"),
    Column("contact_person", "Ansprechperson"),
    Column("email", "E-Mail"),
    Column("phone", "Telefon"),
    Column("website", "Website"),
    Column("street", "Straße und Hausnummer"),
    Column("postcode", "PLZ"),
    Column("city", "Ort"),
    Column("latitude", "Breitengrad", "decimal"),
    Column("longitude", "Längengrad", "decimal"),
    Column("accessibility", "Barrierefreiheit"),
    Column("last_verified", "zuletzt geprüft am", "date"),
]
OFFER_COLUMNS = [
    Column("offer_slug", "Angebots-Kennung"),
    Column("offer_title", "Angebot"),
    Column("offer_description", "Angebotsbeschreibung"),
    Column("target_groups", "Zielgruppen", "m2m"),
    Column("quarters", "Quartiere", "m2m"),
    Column("field_of_action", "Handlungsfeld", "fk"),
    Column("place", "Ort des Angebots"),
    Column("schedule", "Zeiten", "schedule", help=gettext_lazy(
        "Wochentage und Uhrzeiten, z. B. „Mo–Fr 9–12 Uhr, jeden 1. Mi 15–17 Uhr, nach Vereinbarung“; "
        "was sich so nicht schreiben lässt, gehört in „Hinweis zu den Zeiten“"
    )),
    Column("cost_kind", "Kosten", "cost_kind", help=gettext_lazy(
        "kostenlos, gegen Spende, ermäßigt möglich oder kostenpflichtig (auch ein Betrag wie „5 €“); "
        "Einzelheiten in „Kosten (Angabe)“"
    )),
    Column("active", "Angebot aktiv", "bool"),
    Column("service_type", "Leistungsart", "fk", help=gettext_lazy(
        "Name oder Kurzname einer Leistungsart aus der Verwaltung, z. B. Schuldnerberatung"
    )),
    Column("opening_hours", "Hinweis zu den Zeiten", help=gettext_lazy(
        "was nicht in „Zeiten“ passt, z. B. „in den Schulferien geschlossen“"
    )),
    Column("cost", "Kosten (Angabe)", help=gettext_lazy(
        "z. B. „5 € pro Termin, ermäßigt 2 €“; fehlt die Spalte, gilt der Text in „Kosten“ als Angabe"
    )),
    Column("languages", "Sprachen", "languages", help=gettext_lazy(
        "Namen oder Sprachcodes (ISO 639-1), getrennt durch Komma, z. B. „Deutsch, tr“"
    )),
    Column("access", "Zugang", "access", help=gettext_lazy(
        "getrennt durch Komma: stufenloser Zugang, Aufzug, rollstuhlgerechtes WC, induktive Höranlage, "
        "Beratung in Gebärdensprache, Informationen in Leichter Sprache"
    )),
    Column("age_min", "Alter von", "age", help=gettext_lazy("ganze Zahl von 0 bis 120; leer: ohne Grenze")),
    Column("age_max", "Alter bis", "age", help=gettext_lazy("ganze Zahl von 0 bis 120; leer: ohne Grenze")),
    Column("appointment_required", "Termin nötig", "flag", help=gettext_lazy("ja oder nein; leer: nein")),
    Column("paused_until", "pausiert bis", "date", help=gettext_lazy(
        "Datum wie 31.12.2025: das Angebot ruht bis einschließlich zu diesem Tag; leer: läuft"
    )),
]
COLUMNS = PROVIDER_COLUMNS + OFFER_COLUMNS
HEADERS = [column.header for column in COLUMNS]
REQUIRED_HEADERS = ["Kennung", "Name"]
COST_TEXT_HEADER = "Kosten (Angabe)"

# Model field of each plain provider/offer column.
_PROVIDER_TEXT = ["name", "description", "contact_person", "email", "phone", "website", "street", "postcode",
                  "city", "accessibility"]
_OFFER_TEXT = {"offer_title": "title", "offer_description": "description", "place": "place",
               "opening_hours": "opening_hours", "cost": "cost"}
# Offer fields whose column holds the value as it is (after reading the cell).
_OFFER_VALUES = {"cost_kind": "cost_kind", "appointment_required": "appointment_required",
                 "paused_until": "paused_until"}
_BY_KEY = {column.key: column for column in COLUMNS}
_BY_HEADER = {column.header: column for column in COLUMNS}
_PROVIDER_KEYS = {column.key for column in PROVIDER_COLUMNS}
_HEADER_FOR_FIELD = {
    **{key: _BY_KEY[key].header for key in _PROVIDER_TEXT},
    "slug": "Kennung", "kind": "Art", "last_verified": "zuletzt geprüft am", "location": "Breitengrad",
}
_OFFER_HEADER_FOR_FIELD = {
    **{model_field: _BY_KEY[key].header for key, model_field in _OFFER_TEXT.items()},
    **{model_field: _BY_KEY[key].header for key, model_field in _OFFER_VALUES.items()},
    "slug": "Angebots-Kennung", "active": "Angebot aktiv", "field_of_action": "Handlungsfeld",
    "service_type": "Leistungsart", "by_appointment": "Zeiten", "age_min": "Alter von", "age_max": "Alter bis",
}


def cost_labels():
    """Cost kind → its German label („kostenlos“, „ermäßigt möglich“, …).

    The cells are German whatever the user's language, like the headers.
    """
    with translation.override("de"):
        return {kind: str(label) for kind, label in Offer.Cost.choices}


def access_labels():
    """Access field → its German label („stufenloser Zugang“, „Aufzug“, …), in the form's order."""
    with translation.override("de"):
        return {name: str(Offer._meta.get_field(name).verbose_name) for name in Offer.ACCESS_FIELDS}
