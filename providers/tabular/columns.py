"""The columns of the provider table (import, export and template): one row per offer."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from sozialraum.common.tabular import MAX_TABLE_BYTES

MAX_IMPORT_BYTES = MAX_TABLE_BYTES

@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text, date, decimal, bool, kind, m2m, fk
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
    Column("opening_hours", "Zeiten"),
    Column("cost", "Kosten"),
    Column("active", "Angebot aktiv", "bool"),
]
COLUMNS = PROVIDER_COLUMNS + OFFER_COLUMNS
HEADERS = [column.header for column in COLUMNS]
REQUIRED_HEADERS = ["Kennung", "Name"]

# Model field of each plain provider/offer column.
_PROVIDER_TEXT = ["name", "description", "contact_person", "email", "phone", "website", "street", "postcode",
                  "city", "accessibility"]
_OFFER_TEXT = {"offer_title": "title", "offer_description": "description", "place": "place",
               "opening_hours": "opening_hours", "cost": "cost"}
_BY_KEY = {column.key: column for column in COLUMNS}
_PROVIDER_KEYS = {column.key for column in PROVIDER_COLUMNS}
_HEADER_FOR_FIELD = {
    **{key: _BY_KEY[key].header for key in _PROVIDER_TEXT},
    "slug": "Kennung", "kind": "Art", "last_verified": "zuletzt geprüft am", "location": "Breitengrad",
}
_OFFER_HEADER_FOR_FIELD = {
    **{model_field: _BY_KEY[key].header for key, model_field in _OFFER_TEXT.items()},
    "slug": "Angebots-Kennung", "active": "Angebot aktiv", "field_of_action": "Handlungsfeld",
}
