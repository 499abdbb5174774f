"""Import and export of providers with their offers as CSV and XLSX tables.

One row per offer, the provider's columns repeated in each of its rows; a provider without
offers has one row with empty offer columns. The stable identifiers are the provider's
``slug`` (column "Kennung") and the offer's ``slug`` ("Angebots-Kennung"): importing the
same file twice changes nothing the second time, and an exported file imports unchanged.

Reading accepts what spreadsheets produce: XLSX, or CSV separated by ";" "," or tab, in
UTF-8 (with or without BOM) or Windows-1252; German dates (31.12.2025) and decimal commas
(51,3745); target groups, quarters and fields of action by their German names.

:func:`providers_import` validates every row first and writes all rows or none.
"""

import csv
import datetime as dt
import io
import logging
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.concurrency import ConflictError, versioned_save
from sozialraum.models import FieldOfAction, Quarter, TargetGroup

from .models import Offer, Provider

logger = logging.getLogger(__name__)

MAX_IMPORT_BYTES = 5 * 1024 * 1024


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

TRUE_WORDS = {"ja", "j", "x", "1", "wahr", "true", "yes", "aktiv"}
FALSE_WORDS = {"nein", "n", "0", "falsch", "false", "no", "inaktiv"}


class ImportFileError(Exception):
    """The file as a whole cannot be read as the provider table (German message)."""


# --- Reading files ------------------------------------------------------------------------


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, dict]]  # (row number in the spreadsheet, {header: value})
    ignored_headers: list[str] = field(default_factory=list)


def decode_text(data: bytes) -> str:
    """UTF-8 with or without BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                _("Die Datei ist keine Tabelle (CSV in UTF-8 oder Windows-1252, oder XLSX).")
            ) from error


def _raw_rows_from_csv(data: bytes):
    text = decode_text(data)
    first_line = text.lstrip().split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(_("Die CSV-Datei ist fehlerhaft: %(error)s") % {"error": error}) from error


def _raw_rows_from_xlsx(data: bytes):
    from openpyxl import load_workbook  # heavy; only when an XLSX file comes

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except Exception as error:  # openpyxl raises many kinds for broken files
        raise ImportFileError(_("Die Datei ist keine lesbare Excel-Tabelle (XLSX).")) from error
    return rows


def read_table(data: bytes) -> Table:
    """Parses an uploaded file; raises :class:`ImportFileError` with a German message."""
    if not data or not data.strip():
        raise ImportFileError(_("Die Datei ist leer."))
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("Die Datei ist zu groß; höchstens 5 MB sind erlaubt."))
    if data.startswith(b"PK\x03\x04"):
        raw = _raw_rows_from_xlsx(data)
    elif b"\x00" in data[:4096]:
        raise ImportFileError(_("Die Datei ist keine Tabelle (CSV in UTF-8 oder Windows-1252, oder XLSX)."))
    else:
        raw = _raw_rows_from_csv(data)

    numbered = [(number, row) for number, row in enumerate(raw, start=1) if any(_is_filled(v) for v in row)]
    if not numbered:
        raise ImportFileError(_("Die Datei ist leer."))
    header_number, header_row = numbered[0]
    known = {column.header.casefold(): column.header for column in COLUMNS}
    headers, ignored, seen = [], [], set()
    for value in header_row:
        name = _cell_text(value).strip().rstrip("*").strip()
        canonical = known.get(name.casefold())
        if canonical in seen:
            raise ImportFileError(_("Die Spalte „%(column)s“ kommt doppelt vor.") % {"column": canonical})
        if canonical:
            seen.add(canonical)
        elif name:
            ignored.append(name)
        headers.append(canonical)
    missing = [header for header in REQUIRED_HEADERS if header not in seen]
    if missing:
        raise ImportFileError(
            _("Es fehlen Pflichtspalten: %(missing)s. Bitte die Vorlage verwenden (erste Zeile: Spaltennamen).")
            % {"missing": ", ".join(missing)}
        )
    rows = []
    for number, row in numbered[1:]:
        values = {header: row[index] if index < len(row) else None for index, header in enumerate(headers) if header}
        rows.append((number, values))
    if not rows:
        raise ImportFileError(_("Die Datei enthält nur die Kopfzeile und keine Anbieter."))
    return Table(headers=[h for h in headers if h], rows=rows, ignored_headers=ignored)


def _is_filled(value):
    return value is not None and str(value).strip() != ""


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


# --- Parsing cells ------------------------------------------------------------------------


class CellError(Exception):
    pass


def parse_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _cell_text(value)
    if not text:
        return None
    for fmt in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError(_("„%(value)s“ ist kein Datum; bitte TT.MM.JJJJ schreiben, z. B. 31.12.2025.") % {"value": text})


def parse_decimal(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    text = _cell_text(value).replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")  # German: 1.234,56
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise CellError(
            _("„%(value)s“ ist keine Zahl; Dezimalkomma ist erlaubt, z. B. 51,3745.") % {"value": _cell_text(value)}
        ) from error


def parse_bool(value):
    if isinstance(value, bool):
        return value
    text = _cell_text(value).casefold()
    if not text:
        return True
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(_("„%(value)s“ ist weder „ja“ noch „nein“.") % {"value": _cell_text(value)})


def split_names(value):
    text = _cell_text(value)
    separator = ";" if ";" in text else ","
    return [part.strip() for part in text.split(separator) if part.strip()]


def format_decimal(number):
    if number is None:
        return ""
    return format(Decimal(str(number)).normalize(), "f").replace(".", ",")


def format_date(value):
    return value.strftime("%d.%m.%Y") if value else ""


# --- Export --------------------------------------------------------------------------------


def providers_for_export():
    return (
        Provider.objects.order_by("name", "pk")
        .prefetch_related("offers__target_groups", "offers__quarters", "offers__field_of_action")
    )


def provider_row(provider):
    coordinates = (provider.location or {}).get("coordinates") or [None, None]
    kind_labels = dict(Provider.Kind.choices)
    return [
        provider.slug,
        provider.name,
        str(kind_labels.get(provider.kind, provider.kind)),
        provider.description,
        provider.contact_person,
        provider.email,
        provider.phone,
        provider.website,
        provider.street,
        provider.postcode,
        provider.city,
        format_decimal(coordinates[1]),
        format_decimal(coordinates[0]),
        provider.accessibility,
        format_date(provider.last_verified),
    ]


def offer_row(offer):
    if offer is None:
        return [""] * len(OFFER_COLUMNS)
    return [
        offer.slug,
        offer.title,
        offer.description,
        "; ".join(sorted(group.name for group in offer.target_groups.all())),
        "; ".join(sorted(quarter.name for quarter in offer.quarters.all())),
        offer.field_of_action.name if offer.field_of_action else "",
        offer.place,
        offer.opening_hours,
        offer.cost,
        _("ja") if offer.active else _("nein"),
    ]


def export_rows(providers=None):
    """Header and one row per offer (or per provider without offers)."""
    rows = [HEADERS]
    for provider in providers if providers is not None else providers_for_export():
        offers = sorted(provider.offers.all(), key=lambda offer: (offer.title, offer.slug))
        for offer in offers or [None]:
            rows.append(provider_row(provider) + offer_row(offer))
    return rows


def render_csv(rows) -> bytes:
    """Semicolon-separated UTF-8 with BOM: what German Excel opens correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_xlsx(rows, title="Anbieter") -> bytes:
    from openpyxl import Workbook  # heavy; only when an XLSX file is asked for
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row_index, row in enumerate(rows, start=1):
        for column_index, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_index, column=column_index, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            if row_index == 1:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Import --------------------------------------------------------------------------------

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
ACTION_LABELS = {CREATED: gettext_lazy("neu"), UPDATED: gettext_lazy("geändert"), UNCHANGED: gettext_lazy("unverändert")}


@dataclass
class RowError:
    row: int | None
    column: str
    message: str


@dataclass
class RowResult:
    row: int
    provider: str
    provider_action: str
    provider_changes: list[str]
    offer: str = ""
    offer_action: str = ""
    offer_changes: list[str] = field(default_factory=list)

    @property
    def provider_action_label(self):
        return ACTION_LABELS.get(self.provider_action, "")

    @property
    def offer_action_label(self):
        return ACTION_LABELS.get(self.offer_action, "")


@dataclass
class _PlannedOffer:
    instance: Offer
    target_groups: list | None
    quarters: list | None
    action: str
    changes: list[str]


@dataclass
class _PlannedProvider:
    instance: Provider
    action: str
    changes: list[str]
    first_row: int
    values: dict
    offers: dict = field(default_factory=dict)  # offer slug -> _PlannedOffer


@dataclass
class ImportResult:
    rows: list[RowResult] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    written: bool = False
    providers: dict = field(default_factory=dict)

    def count(self, kind, action):
        if kind == "provider":
            return sum(1 for planned in self.providers.values() if planned.action == action)
        return sum(
            1 for planned in self.providers.values() for offer in planned.offers.values() if offer.action == action
        )

    @property
    def summary(self):
        return {
            "providers_created": self.count("provider", CREATED),
            "providers_updated": self.count("provider", UPDATED),
            "providers_unchanged": self.count("provider", UNCHANGED),
            "offers_created": self.count("offer", CREATED),
            "offers_updated": self.count("offer", UPDATED),
            "offers_unchanged": self.count("offer", UNCHANGED),
        }


class _Lookup:
    """Names → objects for target groups, quarters and fields of action (one query each)."""

    def __init__(self, model, label):
        self.label = label
        self.by_key = {}
        for obj in model.objects.all():
            self.by_key[obj.name.casefold()] = obj
            self.by_key.setdefault(obj.slug.casefold(), obj)

    def get(self, name):
        obj = self.by_key.get(name.casefold())
        if obj is None:
            raise CellError(_("%(label)s „%(name)s“ ist unbekannt.") % {"label": self.label, "name": name})
        return obj


def _parse_row(number, values, lookups, errors):
    """Converts one row's cells; appends cell errors; returns {key: value} of present columns."""
    parsed = {}
    for header, raw in values.items():
        column = next(c for c in COLUMNS if c.header == header)
        try:
            if column.kind == "text":
                text = _cell_text(raw)
                if column.key == "postcode" and text.isdigit() and len(text) < 5:
                    text = text.zfill(5)
                parsed[column.key] = text
            elif column.kind == "date":
                parsed[column.key] = parse_date(raw)
            elif column.kind == "decimal":
                parsed[column.key] = parse_decimal(raw)
            elif column.kind == "bool":
                parsed[column.key] = parse_bool(raw)
            elif column.kind == "kind":
                parsed[column.key] = _parse_kind(raw)
            elif column.kind == "m2m":
                lookup = lookups[column.key]
                names = split_names(raw)
                found, unknown = [], []
                for name in names:
                    try:
                        found.append(lookup.get(name))
                    except CellError:
                        unknown.append(name)
                if unknown:
                    raise CellError(
                        _("Unbekannt: %(names)s. Bitte die Namen wie in der Verwaltung schreiben.")
                        % {"names": ", ".join(f"„{name}“" for name in unknown)}
                    )
                parsed[column.key] = found
            elif column.kind == "fk":
                name = _cell_text(raw)
                parsed[column.key] = lookups[column.key].get(name) if name else None
        except CellError as error:
            errors.append(RowError(number, header, str(error)))
            parsed.setdefault("_failed", set()).add(column.key)
    return parsed


def _parse_kind(raw):
    text = _cell_text(raw)
    if not text:
        return None
    for value, label in Provider.Kind.choices:
        if text.casefold() in (str(label).casefold(), value):
            return value
    raise CellError(
        _("„%(value)s“ ist keine bekannte Art. Möglich sind: %(choices)s.")
        % {"value": text, "choices": ", ".join(str(label) for _value, label in Provider.Kind.choices)}
    )


def _location(parsed, current):
    if "latitude" not in parsed and "longitude" not in parsed:
        return current
    latitude, longitude = parsed.get("latitude"), parsed.get("longitude")
    if latitude is None and longitude is None:
        return None
    if latitude is None or longitude is None:
        raise CellError(_("Für den Standort bitte Breitengrad und Längengrad angeben (oder beide leer lassen)."))
    if not (-90 <= latitude <= 90) or not (-180 <= longitude <= 180):
        raise CellError(_("Breitengrad liegt zwischen -90 und 90, Längengrad zwischen -180 und 180."))
    return {"type": "Point", "coordinates": [float(longitude), float(latitude)]}


def _model_errors(error, headers, number, errors):
    reported = {(e.row, e.column) for e in errors}
    for field_name, messages in error.message_dict.items():
        column = headers.get(field_name, "")
        if (number, column) in reported:
            continue
        for message in messages:
            errors.append(RowError(number, column, message))


def _apply_provider_values(provider, parsed, number, errors, failed=frozenset()):
    changes = []

    def assign(attr, value, header):
        if getattr(provider, attr) != value:
            setattr(provider, attr, value)
            changes.append(header)

    for key in _PROVIDER_TEXT:
        if key in parsed:
            assign(key, parsed[key], _BY_KEY[key].header)
    if parsed.get("kind"):
        assign("kind", parsed["kind"], "Art")
    if "last_verified" in parsed:
        assign("last_verified", parsed["last_verified"], "zuletzt geprüft am")
    if {"latitude", "longitude"} & failed:
        return changes  # already reported
    try:
        location = _location(parsed, provider.location)
    except CellError as error:
        errors.append(RowError(number, "Breitengrad", str(error)))
    else:
        assign("location", location, "Standort")
    return changes


def _apply_offer_values(offer, parsed):
    changes = []
    for key, attr in _OFFER_TEXT.items():
        if key in parsed and getattr(offer, attr) != parsed[key]:
            setattr(offer, attr, parsed[key])
            changes.append(_BY_KEY[key].header)
    if "active" in parsed and offer.active != parsed["active"]:
        offer.active = parsed["active"]
        changes.append("Angebot aktiv")
    if "field_of_action" in parsed:
        new_id = parsed["field_of_action"].pk if parsed["field_of_action"] else None
        if offer.field_of_action_id != new_id:
            offer.field_of_action = parsed["field_of_action"]
            changes.append("Handlungsfeld")
    return changes


def plan_import(table: Table) -> ImportResult:
    """Validates every row against the database and works out what would change. Writes nothing."""
    result = ImportResult(ignored_headers=table.ignored_headers)
    errors = result.errors
    lookups = {
        "target_groups": _Lookup(TargetGroup, _("Zielgruppe")),
        "quarters": _Lookup(Quarter, _("Quartier")),
        "field_of_action": _Lookup(FieldOfAction, _("Handlungsfeld")),
    }

    parsed_rows = []
    for number, values in table.rows:
        parsed = _parse_row(number, values, lookups, errors)
        name = parsed.get("name", "")
        slug = parsed.get("slug") or slugify(name)
        if not name:
            errors.append(RowError(number, "Name", _("Bitte den Namen des Anbieters angeben.")))
        if slug:
            try:
                validate_slug(slug)
            except ValidationError:
                errors.append(RowError(number, "Kennung", _(
                    "„%(value)s“ ist keine gültige Kennung: nur Buchstaben ohne Umlaute, Ziffern, - und _."
                ) % {"value": slug}))
        parsed["slug"] = slug
        parsed_rows.append((number, parsed))

    slugs = {parsed["slug"] for _number, parsed in parsed_rows if parsed["slug"]}
    existing = {
        provider.slug: provider
        for provider in Provider.objects.filter(slug__in=slugs).prefetch_related(
            "offers__target_groups", "offers__quarters"
        )
    }

    planned_providers = result.providers
    for number, parsed in parsed_rows:
        slug = parsed["slug"]
        if not slug:
            continue
        planned = planned_providers.get(slug)
        provider_values = {key: parsed[key] for key in parsed if key in _PROVIDER_KEYS}
        if planned is None:
            instance = existing.get(slug) or Provider(slug=slug)
            changes = _apply_provider_values(
                instance, provider_values, number, errors, failed=parsed.get("_failed", frozenset())
            )
            action = CREATED if instance.pk is None else (UPDATED if changes else UNCHANGED)
            planned = _PlannedProvider(instance, action, changes, number, provider_values)
            planned_providers[slug] = planned
            try:
                instance.full_clean(exclude=["slug", "languages"], validate_unique=False)
            except ValidationError as error:
                _model_errors(error, _HEADER_FOR_FIELD, number, errors)
        else:
            differing = [
                _BY_KEY[key].header
                for key, value in provider_values.items()
                if key != "slug" and planned.values.get(key, value) != value
            ]
            if differing:
                errors.append(RowError(number, ", ".join(differing), _(
                    "Die Angaben zum Anbieter „%(slug)s“ weichen von Zeile %(row)s ab."
                ) % {"slug": slug, "row": planned.first_row}))

        row_result = RowResult(number, slug, planned.action if planned.first_row == number else "", planned.changes
                               if planned.first_row == number else [])
        result.rows.append(row_result)

        offer_title = parsed.get("offer_title", "")
        offer_slug = parsed.get("offer_slug", "") or slugify(offer_title)
        has_offer_data = any(
            parsed.get(c.key) not in (None, "", [], True) for c in OFFER_COLUMNS if c.key != "active"
        )
        if not has_offer_data:
            continue
        if not offer_slug:
            errors.append(RowError(number, "Angebot", _("Bitte den Titel des Angebots angeben.")))
            continue
        try:
            validate_slug(offer_slug)
        except ValidationError:
            errors.append(RowError(number, "Angebots-Kennung", _(
                "„%(value)s“ ist keine gültige Kennung: nur Buchstaben ohne Umlaute, Ziffern, - und _."
            ) % {"value": offer_slug}))
            continue
        if offer_slug in planned.offers:
            errors.append(RowError(number, "Angebots-Kennung", _(
                "Das Angebot „%(slug)s“ dieses Anbieters steht schon in einer früheren Zeile."
            ) % {"slug": offer_slug}))
            continue
        current = None
        if planned.instance.pk is not None:
            current = next((o for o in planned.instance.offers.all() if o.slug == offer_slug), None)
        offer = current or Offer(slug=offer_slug)
        if offer.pk is None and not offer_title:
            errors.append(RowError(number, "Angebot", _("Bitte den Titel des Angebots angeben.")))
        changes = _apply_offer_values(offer, parsed)
        target_groups = parsed.get("target_groups")
        quarters = parsed.get("quarters")
        if offer.pk is not None:
            if target_groups is not None and {g.pk for g in target_groups} != {g.pk for g in offer.target_groups.all()}:
                changes.append("Zielgruppen")
            if quarters is not None and {q.pk for q in quarters} != {q.pk for q in offer.quarters.all()}:
                changes.append("Quartiere")
        try:
            offer.full_clean(
                exclude=["provider", "slug", "target_groups", "quarters", "languages"], validate_unique=False
            )
        except ValidationError as error:
            _model_errors(error, _OFFER_HEADER_FOR_FIELD, number, errors)
        action = CREATED if offer.pk is None else (UPDATED if changes else UNCHANGED)
        planned.offers[offer_slug] = _PlannedOffer(offer, target_groups, quarters, action, changes)
        row_result.offer, row_result.offer_action, row_result.offer_changes = offer_slug, action, changes

    errors.sort(key=lambda error: (error.row or 0))
    return result


def providers_import(*, data: bytes, user=None, dry_run: bool) -> ImportResult:
    """Reads, checks and (unless ``dry_run``) writes the table: all rows or none.

    Raises :class:`ImportFileError` for a file that is not the provider table at all.
    Row problems come back in ``result.errors``; then nothing is written.
    """
    table = read_table(data)
    with transaction.atomic():
        result = plan_import(table)
        if dry_run or result.errors:
            return result
        try:
            _write(result, user)
        except ConflictError as error:
            transaction.set_rollback(True)
            result.errors.append(RowError(None, "", str(error)))
            return result
        except IntegrityError as error:
            transaction.set_rollback(True)
            logger.warning("Provider import refused by the database: %s", error)
            result.errors.append(RowError(None, "", _(
                "Die Datenbank hat den Import abgelehnt (%(error)s). Es wurde nichts gespeichert."
            ) % {"error": error}))
            return result
    result.written = True
    logger.info("Provider import by %s: %s", getattr(user, "pk", None), result.summary)
    return result


def _write(result, user):
    reason = _("Import aus Tabelle")
    for planned in result.providers.values():
        provider = planned.instance
        if planned.action == UPDATED:
            versioned_save(instance=provider, expected_version=provider.version, user=user, reason=reason)
        elif planned.action == CREATED:
            provider._history_user, provider._change_reason = user, reason
            provider.save()
        for planned_offer in planned.offers.values():
            offer = planned_offer.instance
            if planned_offer.action == UNCHANGED:
                continue
            offer.provider = provider
            if offer.pk is not None:
                versioned_save(instance=offer, expected_version=offer.version, user=user, reason=reason)
            else:
                offer._history_user, offer._change_reason = user, reason
                offer.save()
            if planned_offer.target_groups is not None:
                offer.target_groups.set(planned_offer.target_groups)
            if planned_offer.quarters is not None:
                offer.quarters.set(planned_offer.quarters)


def template_rows():
    """The empty import template: the header and one example row."""
    return [HEADERS]
