"""Import of providers with their offers from CSV and XLSX tables.

One row per offer, the provider's columns repeated in each of its rows; a provider without
offers has one row with empty offer columns. The stable identifiers are the provider's
``slug`` (column "Kennung") and the offer's ``slug`` ("Angebots-Kennung"): importing the
same file twice changes nothing the second time, and an exported file imports unchanged.

Cells are read as ``sozialraum.common.tabular`` reads them; target groups, quarters,
fields of action and service types by their German names or slugs, languages by name or
ISO code; times, cost, access and ages by the strict readers of ``cells`` (see ``columns``
for what each column holds). A cell that cannot be read is a row error with row, column
and a German message.

:func:`providers_import` validates every row first and writes all rows or none.
"""

import logging
import re
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from providers.models import Offer, OpeningSlot, Provider, ServiceType
from providers.schedules.parsing import sort_slots
from sozialraum.common.concurrency import ConflictError, versioned_save
from sozialraum.common.tabular import (
    CellError,
    ImportFileError,
    Table,
    cell_text,
    is_filled,
    parse_bool,
    parse_date,
    parse_decimal,
    read_table,
    split_names,
)
from sozialraum.common.text import german_slug
from sozialraum.models import FieldOfAction, Language, Quarter, TargetGroup

from .cells import parse_cost, read_access, read_age, read_cost_kind, read_flag, read_schedule
from .columns import (
    _BY_HEADER,
    _BY_KEY,
    _HEADER_FOR_FIELD,
    _OFFER_HEADER_FOR_FIELD,
    _OFFER_TEXT,
    _OFFER_VALUES,
    _PROVIDER_KEYS,
    _PROVIDER_TEXT,
    COST_TEXT_HEADER,
    HEADERS,
    MAX_IMPORT_BYTES,
    OFFER_COLUMNS,
    REQUIRED_HEADERS,
    access_labels,
    cost_labels,
)

__all__ = [
    "ImportFileError", "ImportPreview", "MAX_IMPORT_BYTES", "plan_import", "preview_data", "providers_import",
    "read_catalogue_table",
]

logger = logging.getLogger(__name__)


def read_catalogue_table(data: bytes):
    """The uploaded provider table; raises ``ImportFileError`` with a German message."""
    return read_table(data, headers=HEADERS, required_headers=REQUIRED_HEADERS, max_bytes=MAX_IMPORT_BYTES)


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
    languages: list | None = None
    slots: list | None = None  # the new opening slots; None: keep the offer's slots


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


@dataclass
class ImportPreview:
    """A preview that a background job worked out, read back from its JSON (see ``preview_data``)."""

    rows: list[RowResult]
    errors: list[RowError]
    ignored_headers: list[str]
    summary: dict

    @classmethod
    def from_data(cls, data):
        return cls(
            rows=[RowResult(**row) for row in data["rows"]],
            errors=[RowError(**error) for error in data["errors"]],
            ignored_headers=list(data["ignored_headers"]),
            summary=dict(data["summary"]),
        )


def preview_data(result: ImportResult) -> dict:
    """What the preview page shows of ``result``, as JSON-ready data (for ``ImportPreview``)."""
    return {
        "rows": [
            {name: [str(item) for item in value] if isinstance(value, list) else value if isinstance(value, int) else str(value)
             for name, value in asdict(row).items()}
            for row in result.rows
        ],
        "errors": [{"row": error.row, "column": str(error.column), "message": str(error.message)}
                   for error in result.errors],
        "ignored_headers": [str(header) for header in result.ignored_headers],
        "summary": result.summary,
    }


class _Lookup:
    """Names → objects for target groups, quarters, fields of action, service types and
    languages (one query each); ``keys`` are the attributes a cell may name them by."""

    def __init__(self, model, label, keys=("name", "slug")):
        self.label = label
        self.by_key = {}
        for obj in model.objects.all():
            for key in keys:
                self.by_key.setdefault(getattr(obj, key).casefold(), obj)

    def get(self, name):
        obj = self.by_key.get(name.casefold())
        if obj is None:
            raise CellError(_("%(label)s „%(name)s“ ist unbekannt.") % {"label": self.label, "name": name})
        return obj

    def get_all(self, names, hint):
        """The objects of all names; the unknown ones together in one error."""
        found, unknown = [], []
        for name in names:
            try:
                found.append(self.get(name))
            except CellError:
                unknown.append(name)
        if unknown:
            raise CellError(
                _("Unbekannt: %(names)s. %(hint)s") % {"names": ", ".join(f"„{name}“" for name in unknown), "hint": hint}
            )
        return found


def _lookups():
    return {
        "target_groups": _Lookup(TargetGroup, _("Zielgruppe")),
        "quarters": _Lookup(Quarter, _("Quartier")),
        "field_of_action": _Lookup(FieldOfAction, _("Handlungsfeld")),
        "service_type": _Lookup(ServiceType, _("Leistungsart")),
        "languages": _Lookup(Language, _("Sprache"), keys=("name", "code")),
        "cost_kind": cost_labels(),
        "access": access_labels(),
    }


def _parse_row(number, values, lookups, errors):
    """Converts one row's cells; appends cell errors; returns {key: value} of present columns."""
    parsed = {}
    for header, raw in values.items():
        column = _BY_HEADER[header]
        try:
            if column.kind == "text":
                text = cell_text(raw)
                if column.key == "postcode" and text.isdigit() and len(text) < 5:
                    text = text.zfill(5)
                parsed[column.key] = text
            elif column.kind == "date":
                parsed[column.key] = parse_date(raw)
            elif column.kind == "decimal":
                parsed[column.key] = parse_decimal(raw)
            elif column.kind == "bool":
                parsed[column.key] = parse_bool(raw)
            elif column.kind == "flag":
                parsed[column.key] = read_flag(raw)
            elif column.kind == "kind":
                parsed[column.key] = _parse_kind(raw)
            elif column.kind == "m2m":
                parsed[column.key] = lookups[column.key].get_all(
                    split_names(raw), _("Bitte die Namen wie in der Verwaltung schreiben.")
                )
            elif column.kind == "languages":  # names of languages hold neither "," nor ";"
                names = [name.strip() for name in re.split(r"[,;\n]", cell_text(raw)) if name.strip()]
                parsed[column.key] = lookups[column.key].get_all(
                    names, _("Bitte den Namen der Sprache oder ihren Sprachcode (z. B. „tr“) schreiben.")
                )
            elif column.kind == "fk":
                name = cell_text(raw)
                parsed[column.key] = lookups[column.key].get(name) if name else None
            elif column.kind == "schedule":
                parsed[column.key] = read_schedule(raw)
            elif column.kind == "cost_kind":
                if COST_TEXT_HEADER in values:
                    parsed[column.key] = read_cost_kind(raw, lookups["cost_kind"])
                else:  # an older table: "Kosten" is the text, the kind is read from it where it says one
                    parsed["cost"] = cell_text(raw)
                    parsed[column.key] = parse_cost(parsed["cost"])
            elif column.kind == "access":
                parsed[column.key] = read_access(raw, lookups["access"])
            elif column.kind == "age":
                parsed[column.key] = read_age(raw)
        except CellError as error:
            errors.append(RowError(number, header, str(error)))
            parsed.setdefault("_failed", set()).add(column.key)
    parsed["_has_offer"] = any(
        is_filled(raw) for header, raw in values.items() if _BY_HEADER[header].key in _OFFER_DATA_KEYS
    )
    return parsed


# A row describes an offer when one of these cells is filled ("Angebot aktiv" alone does not).
_OFFER_DATA_KEYS = {column.key for column in OFFER_COLUMNS} - {"active"}


def _parse_kind(raw):
    text = cell_text(raw)
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


def _apply_offer_values(offer, parsed, number, errors):
    """Sets the offer's own fields from the row; returns the headers of what changed.

    Slots, target groups, quarters and languages are compared in ``plan_import``.
    """
    changes = []

    def assign(attr, value, header):
        if getattr(offer, attr) != value:
            setattr(offer, attr, value)
            if header not in changes:
                changes.append(header)

    for key, attr in _OFFER_TEXT.items():
        if key in parsed:
            assign(attr, parsed[key], _BY_KEY[key].header)
    if "active" in parsed:
        assign("active", parsed["active"], "Angebot aktiv")
    for key in ("field_of_action", "service_type"):
        if key in parsed:
            new_id = parsed[key].pk if parsed[key] else None
            if getattr(offer, f"{key}_id") != new_id:
                setattr(offer, key, parsed[key])
                changes.append(_BY_KEY[key].header)
    for key, attr in _OFFER_VALUES.items():
        if key in parsed:
            assign(attr, parsed[key], _BY_KEY[key].header)
    if "schedule" in parsed:
        assign("by_appointment", parsed["schedule"].by_appointment, "Zeiten")
    if "access" in parsed:
        for name in Offer.ACCESS_FIELDS:
            assign(name, name in parsed["access"], "Zugang")
    _apply_ages(offer, parsed, number, errors, assign)
    return changes


def _apply_ages(offer, parsed, number, errors, assign):
    """"Alter von" and "Alter bis" (either may be missing from the file), if in order."""
    if not {"age_min", "age_max"} & parsed.keys():
        return
    age_min = parsed.get("age_min", offer.age_min)
    age_max = parsed.get("age_max", offer.age_max)
    if age_min is not None and age_max is not None and age_min > age_max:
        errors.append(RowError(number, "Alter von", _(
            "„Alter von“ (%(min)s) darf nicht größer sein als „Alter bis“ (%(max)s)."
        ) % {"min": age_min, "max": age_max}))
        return  # reported; the offer keeps its ages, so the model check does not report it again
    assign("age_min", age_min, "Alter von")
    assign("age_max", age_max, "Alter bis")


def _derived_slugs(names):
    """{name: identifier} for rows without "Kennung": the name with umlauts written out
    ("Müller" → "mueller"); but where an earlier import derived one without German folding
    ("muller") and only that provider exists, that one, so that the file still finds it."""
    slugs = {name: (german_slug(name), slugify(name)) for name in names if name}
    existing = set(
        Provider.objects.filter(slug__in={slug for pair in slugs.values() for slug in pair}).values_list(
            "slug", flat=True
        )
    )
    return {
        name: old if german != old and old in existing and german not in existing else german
        for name, (german, old) in slugs.items()
    }


def _derived_offer_slug(title, provider):
    german, old = german_slug(title), slugify(title)
    if german != old and provider.pk is not None:
        slugs = {offer.slug for offer in provider.offers.all()}
        if old in slugs and german not in slugs:
            return old
    return german


def plan_import(table: Table) -> ImportResult:
    """Validates every row against the database and works out what would change. Writes nothing."""
    result = ImportResult(ignored_headers=table.ignored_headers)
    errors = result.errors
    lookups = _lookups()

    parsed_rows = []
    for number, values in table.rows:
        parsed_rows.append((number, _parse_row(number, values, lookups, errors)))
    derived = _derived_slugs({parsed.get("name", "") for _number, parsed in parsed_rows if not parsed.get("slug")})
    for number, parsed in parsed_rows:
        name = parsed.get("name", "")
        slug = parsed.get("slug") or derived.get(name, "")
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

    slugs = {parsed["slug"] for _number, parsed in parsed_rows if parsed["slug"]}
    existing = {
        provider.slug: provider
        for provider in Provider.objects.filter(slug__in=slugs).prefetch_related(
            "offers__target_groups", "offers__quarters", "offers__languages", "offers__slots"
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
        offer_slug = parsed.get("offer_slug", "") or _derived_offer_slug(offer_title, planned.instance)
        if not parsed["_has_offer"]:
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
        changes = _apply_offer_values(offer, parsed, number, errors)
        target_groups = parsed.get("target_groups")
        quarters = parsed.get("quarters")
        languages = parsed.get("languages")
        slots = parsed["schedule"].slots if "schedule" in parsed else None
        if offer.pk is not None:
            if target_groups is not None and {g.pk for g in target_groups} != {g.pk for g in offer.target_groups.all()}:
                changes.append("Zielgruppen")
            if quarters is not None and {q.pk for q in quarters} != {q.pk for q in offer.quarters.all()}:
                changes.append("Quartiere")
            if languages is not None and {lang.pk for lang in languages} != {
                lang.pk for lang in offer.languages.all()
            }:
                changes.append("Sprachen")
            if slots is not None:
                if slots == sort_slots(slot.as_slot() for slot in offer.slots.all()):
                    slots = None  # the same times: the slots stay as they are
                elif "Zeiten" not in changes:
                    changes.append("Zeiten")
        try:
            offer.full_clean(
                exclude=["provider", "slug", "target_groups", "quarters", "languages"], validate_unique=False
            )
        except ValidationError as error:
            _model_errors(error, _OFFER_HEADER_FOR_FIELD, number, errors)
        action = CREATED if offer.pk is None else (UPDATED if changes else UNCHANGED)
        planned.offers[offer_slug] = _PlannedOffer(offer, target_groups, quarters, action, changes, languages, slots)
        row_result.offer, row_result.offer_action, row_result.offer_changes = offer_slug, action, changes

    errors.sort(key=lambda error: (error.row or 0))
    return result


def providers_import(*, data: bytes, user=None, dry_run: bool) -> ImportResult:
    """Reads, checks and (unless ``dry_run``) writes the table: all rows or none.

    Raises :class:`ImportFileError` for a file that is not the provider table at all.
    Row problems come back in ``result.errors``; then nothing is written.
    """
    table = read_catalogue_table(data)
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
            if planned_offer.languages is not None:
                offer.languages.set(planned_offer.languages)
            if planned_offer.slots is not None:
                OpeningSlot.objects.filter(offer=offer).delete()
                OpeningSlot.objects.bulk_create(
                    OpeningSlot(offer=offer, weekday=slot.weekday, opens=slot.opens, closes=slot.closes,
                                ordinal=slot.ordinal)
                    for slot in planned_offer.slots
                )
