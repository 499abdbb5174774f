"""The provider catalogue in the shape of Open Referral HSDS 3.0 (read-only).

Mapping: ``Provider`` → organization (+ a physical location with its address, phone,
contact, languages and accessibility), ``Offer`` → service (+ languages, a
service_at_location at its own place or its provider's, and):

* schedules: one per opening slot (``freq`` WEEKLY with ``byday`` "MO", or MONTHLY with
  "1WE" / "-1FR"; ``opens_at``/``closes_at`` in local time; ``valid_from``/``valid_to``;
  the slot in words as ``description``; the note and „an Feiertagen geschlossen“ as
  ``notes``), one with the description „nach Vereinbarung“ for appointments, and for an
  offer with a note only, one whose description is the note;
* a cost_option: the cost text (or the kind, e.g. „kostenlos“) as ``option``, ``amount``
  and ``currency`` when the text names exactly one sum (0 EUR when free);
* accessibility of the place where the offer is, from the access checkboxes (at the
  provider's location, the record names the offer); the provider's own checkboxes and
  note describe the provider's location;
* eligibility: the target groups, and the age range of the offer (else of its groups)
  as ``minimum_age``/``maximum_age``;
* status: active, „temporarily closed“ while paused, inactive when ended.

Target groups, fields of action, quarters and service types (Leistungsarten, with their
groups as parent terms) → taxonomy terms of four taxonomies of this portal, linked to
services through attribute records.

Ids are stable UUIDs derived from the records, never stored:

* records that have an API endpoint or are referenced (organizations, services,
  service_at_locations, locations, taxonomy terms) get a version 8 UUID (RFC 9562) made of a hash of the
  installation namespace and the model label plus the primary key, so that an id can be
  turned back into a primary key without a lookup table (``record_pk``); a
  service_at_location is the offer's primary key under one of two labels, at its own
  place or at its provider's location, so its id changes when the offer moves;
* dependent records (address, phone, language, schedule, attribute, …) get a ``uuid5``
  of their parent's id and what they link;
* the namespace is a fixed UUID combined with ``settings.PORTAL_CITY``, so two cities
  running the portal do not hand out the same ids.

Every selector runs a fixed number of SQL queries whatever the catalogue's size.
"""

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone, translation

from providers.models import Offer, OpeningSlot, Provider, ServiceType
from providers.schedules.describe import BY_APPOINTMENT, describe_slots
from providers.schedules.parsing import sort_slots
from providers.tabular.cells import cost_amounts
from sozialraum.common.maps import geometry_of
from sozialraum.common.search import search as text_search
from sozialraum.common.search import search_words
from sozialraum.common.text import fold
from sozialraum.models import FieldOfAction, Language, Quarter, TargetGroup

HSDS_VERSION = "3.0"
ID_NAMESPACE = uuid.UUID("5c2f7f0e-3b7d-4a51-9a6e-1f0d7c2b9e41")

ORGANIZATION = "providers.provider"
SERVICE = "providers.offer"
PROVIDER_LOCATION = "providers.provider.location"
OFFER_LOCATION = "providers.offer.location"
OFFER_AT_OWN_PLACE = "providers.offer.at_own_place"
OFFER_AT_PROVIDER_LOCATION = "providers.offer.at_provider_location"


# --- Ids ------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _namespace(city):
    return uuid.uuid5(ID_NAMESPACE, city)


def namespace():
    return _namespace(settings.PORTAL_CITY)


@lru_cache(maxsize=64)
def _prefix(ns, label):
    digest = hashlib.sha256(f"{ns}:{label}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


_VERSION_MASK = 0xF << 76
_VARIANT_MASK = 0x3 << 62
_PK_MASK = (1 << 62) - 1


def _with_version_bits(value):
    value = (value & ~_VERSION_MASK) | (0x8 << 76)
    return (value & ~_VARIANT_MASK) | (0x2 << 62)


def record_id(label, pk):
    """The stable id of a record: a version 8 UUID holding a label hash and the pk."""
    value = _with_version_bits((_prefix(namespace(), label) << 64) | (int(pk) & _PK_MASK))
    digits = f"{value:032x}"  # what str(uuid.UUID(int=value)) gives, without building one
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def record_pk(label, value):
    """The primary key behind an id made by ``record_id(label, …)``, or None."""
    try:
        parsed = uuid.UUID(str(value))
    except ValueError:
        return None
    expected = _with_version_bits(_prefix(namespace(), label) << 64) >> 64
    if parsed.int >> 64 != expected:
        return None
    pk = parsed.int & _PK_MASK
    return pk or None


def link_id(parent_id, *parts):
    """The stable id of a dependent record (address, phone, attribute, …)."""
    return str(uuid.uuid5(uuid.UUID(parent_id), ":".join(str(part) for part in parts)))


def _compact(data, keep=()):
    """Drops empty optional values: the HSDS schemas type them as strings or numbers."""
    return {key: value for key, value in data.items() if key in keep or value not in (None, "", [])}


def _timestamp(value):
    return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _absolute(base_url, obj):
    """The record's page on the portal; only with a known base URL (saves the URL lookup)."""
    return f"{base_url.rstrip('/')}{obj.get_absolute_url()}" if base_url else None


# --- Taxonomies -----------------------------------------------------------------------


@dataclass(frozen=True)
class Taxonomy:
    key: str  # model label
    model: type
    name: str
    description: str
    link_type: str  # what the term says about a service

    @property
    def id(self):
        return str(uuid.uuid5(namespace(), f"taxonomy:{self.key}"))

    def term_id(self, pk):
        return record_id(self.key, pk)

    def as_hsds(self):
        return {"id": self.id, "name": self.name, "description": self.description, "version": HSDS_VERSION}


TARGET_GROUPS = Taxonomy(
    "sozialraum.targetgroup",
    TargetGroup,
    "Zielgruppen",
    "Zielgruppen der Angebote im Sozialraum (z. B. Familien, Senioren, Alleinerziehende).",
    "audience",
)
FIELDS_OF_ACTION = Taxonomy(
    "sozialraum.fieldofaction",
    FieldOfAction,
    "Handlungsfelder",
    "Handlungsfelder des Programms Soziale Stadt (z. B. Wohnen, Bildung, Gesundheit).",
    "category",
)
QUARTERS = Taxonomy(
    "sozialraum.quarter",
    Quarter,
    "Quartiere",
    "Quartiere (Sozialräume) der Stadt, in denen ein Angebot wirkt.",
    "area",
)
SERVICE_TYPES = Taxonomy(
    "providers.servicetype",
    ServiceType,
    "Leistungsarten",
    "Arten sozialer Angebote (z. B. Schuldnerberatung, Sprachkurs, Seniorentreff); "
    "Gruppen wie „Beratung“ sind die übergeordneten Begriffe.",
    "service_type",
)
TAXONOMIES = (TARGET_GROUPS, FIELDS_OF_ACTION, QUARTERS, SERVICE_TYPES)


def taxonomy_by_id(value):
    return next((taxonomy for taxonomy in TAXONOMIES if taxonomy.id == str(value)), None)


def taxonomy_term(taxonomy, obj):
    parent_id = getattr(obj, "parent_id", None)
    return _compact(
        {
            "id": taxonomy.term_id(obj.pk),
            "code": obj.slug,
            "name": obj.name,
            "description": obj.description,
            "parent_id": taxonomy.term_id(parent_id) if parent_id else None,
            "taxonomy": taxonomy.name,
            "taxonomy_id": taxonomy.id,
            "language": "de",
        },
        keep=("description",),
    )


def _term_queryset(taxonomy):
    queryset = taxonomy.model.objects.order_by("order", "name", "pk")
    if taxonomy.model is Quarter:
        queryset = queryset.defer("boundary")
    return queryset


HIERARCHICAL = (TARGET_GROUPS, SERVICE_TYPES)  # the taxonomies whose terms have parent terms


def search_taxonomies(search=""):
    """The portal's taxonomies with every word of ``search`` in their name or description
    (folded like the database search; no query)."""
    words = [fold(word) for word in search_words(search)]
    return [taxonomy for taxonomy in TAXONOMIES
            if all(word in fold(f"{taxonomy.name} {taxonomy.description}") for word in words)]


def taxonomy_terms(*, taxonomy=None, parent_id=None, top_only=False, search=""):
    """Terms of the portal's taxonomies (one query per taxonomy: 4 at most).

    ``parent_id`` is a term id: its children only (an unknown id finds nothing);
    ``top_only``: terms without a parent term; ``search``: words in name, code and description.
    """
    parent_taxonomy, parent_pk = term_lookup(parent_id) if parent_id is not None else (None, None)
    if parent_id is not None and parent_taxonomy not in HIERARCHICAL:
        return []
    terms = []
    for each in TAXONOMIES:
        if (taxonomy is not None and each is not taxonomy) or (parent_id is not None and each is not parent_taxonomy):
            continue
        queryset = _term_queryset(each)
        if parent_id is not None:
            queryset = queryset.filter(parent_id=parent_pk)
        if top_only and each in HIERARCHICAL:
            queryset = queryset.filter(parent__isnull=True)
        if search:
            queryset = text_search(queryset, search, fields=("name", "slug", "description"))
        terms.extend(taxonomy_term(each, obj) for obj in queryset)
    return terms


def term_lookup(value):
    """(taxonomy, pk) of a taxonomy term id, or (None, None)."""
    for taxonomy in TAXONOMIES:
        pk = record_pk(taxonomy.key, value)
        if pk is not None:
            return taxonomy, pk
    return None, None


# --- Querysets ------------------------------------------------------------------------


# The serialisers read related records from plain lists the selectors attach:
# ``offer.hsds_target_groups``, ``offer.hsds_quarters``, ``offer.hsds_languages``,
# ``offer.hsds_slots``, ``provider.hsds_languages`` and ``provider.hsds_offers``. The API's
# querysets fill them by prefetching; the export fills them from the link tables without
# model managers.


def _offers(include_inactive):
    return Offer.objects.all() if include_inactive else Offer.objects.active()


def _languages_queryset():
    return Language.objects.order_by("name", "pk")


def _service_prefetches():
    """What a service needs beside its row: target groups, quarters, languages, slots (4 queries)."""
    return (
        Prefetch("target_groups", queryset=_term_queryset(TARGET_GROUPS), to_attr="hsds_target_groups"),
        Prefetch("quarters", queryset=_term_queryset(QUARTERS), to_attr="hsds_quarters"),
        Prefetch("languages", queryset=_languages_queryset(), to_attr="hsds_languages"),
        Prefetch("slots", queryset=OpeningSlot.objects.all(), to_attr="hsds_slots"),
    )


SERVICE_ORDER = ("provider__name", "title", "pk")


def offer_queryset(*, include_inactive=False):
    """Offers with everything a service needs: 1 query (+ provider, field, type) + 5 prefetches."""
    return _offers(include_inactive).select_related("provider", "field_of_action", "service_type").prefetch_related(
        *_service_prefetches(),
        Prefetch("provider__languages", queryset=_languages_queryset(), to_attr="hsds_languages"),
    ).order_by(*SERVICE_ORDER)


def minimal_offer_queryset():
    """Active offers with id and time of change only, in the order of the services list: 1 query."""
    return Offer.objects.active().order_by(*SERVICE_ORDER).only("pk", "updated_at")


def provider_queryset(*, include_inactive=False, full_services=False):
    """Providers with languages and their (active) offers: 1 query + 2 prefetches; with
    ``full_services`` the offers carry what a service needs (+ field, type; + 4 prefetches)."""
    offers = _offers(include_inactive).order_by("title", "pk")
    if full_services:
        offers = offers.select_related("field_of_action", "service_type").prefetch_related(*_service_prefetches())
    return Provider.objects.prefetch_related(
        Prefetch("languages", queryset=_languages_queryset(), to_attr="hsds_languages"),
        Prefetch("offers", queryset=offers, to_attr="hsds_offers"),
    ).order_by("name", "pk")


# An offer has a place when it names one or has a point of its own, or its provider has a
# street or a point: the SQL twin of ``_has_own_place`` and ``_provider_has_location``.
AT_A_PLACE = (
    ~Q(place="") | Q(location__type="Point") | ~Q(provider__street="") | Q(provider__location__type="Point")
)


def service_at_location_queryset():
    """Active offers that take place somewhere, prefetched like ``offer_queryset``."""
    return offer_queryset().filter(AT_A_PLACE)


def filter_offers(offers, *, search="", organization_id=None, taxonomy_term_id=None, taxonomy_id=None,
                  modified_after=None):
    """Narrows offers by the HSDS search parameters (``search``: the words in title or
    description, as the portal's search); unknown ids match nothing."""
    if search:
        offers = text_search(offers, search, fields=("title", "description"))
    if organization_id is not None:
        offers = offers.filter(provider_id=record_pk(ORGANIZATION, organization_id) or 0)
    if taxonomy_term_id is not None:
        taxonomy, pk = term_lookup(taxonomy_term_id)
        if taxonomy is TARGET_GROUPS:
            offers = offers.filter(pk__in=Offer.target_groups.through.objects.filter(
                targetgroup_id=pk).values("offer_id"))
        elif taxonomy is QUARTERS:
            offers = offers.filter(pk__in=Offer.quarters.through.objects.filter(quarter_id=pk).values("offer_id"))
        elif taxonomy is FIELDS_OF_ACTION:
            offers = offers.filter(field_of_action_id=pk)
        elif taxonomy is SERVICE_TYPES:  # a group finds the offers of its types too
            offers = offers.filter(Q(service_type_id=pk) | Q(service_type__parent_id=pk))
        else:
            offers = offers.none()
    if taxonomy_id is not None:
        taxonomy = taxonomy_by_id(taxonomy_id)
        if taxonomy is TARGET_GROUPS:
            offers = offers.filter(pk__in=Offer.target_groups.through.objects.values("offer_id"))
        elif taxonomy is QUARTERS:
            offers = offers.filter(pk__in=Offer.quarters.through.objects.values("offer_id"))
        elif taxonomy is FIELDS_OF_ACTION:
            offers = offers.filter(field_of_action__isnull=False)
        elif taxonomy is SERVICE_TYPES:
            offers = offers.filter(service_type__isnull=False)
        else:
            offers = offers.none()
    if modified_after is not None:
        offers = offers.filter(updated_at__gte=modified_after)
    return offers


def offer_by_id(value):
    """The active offer behind a service id (prefetched like the list), or None."""
    pk = record_pk(SERVICE, value)
    if pk is None:
        return None
    return offer_queryset().filter(pk=pk).first()


def provider_by_id(value, *, full_services=False):
    pk = record_pk(ORGANIZATION, value)
    if pk is None:
        return None
    return provider_queryset(full_services=full_services).filter(pk=pk).first()


def service_at_location_by_id(value):
    """The active offer behind a service_at_location id, or None (also when it has moved since)."""
    for label in (OFFER_AT_OWN_PLACE, OFFER_AT_PROVIDER_LOCATION):
        pk = record_pk(label, value)
        if pk is not None:
            offer = offer_queryset().filter(pk=pk).first()
            if offer is not None and service_at_location_id(offer) == record_id(label, pk):
                return offer
            return None
    return None


# --- Organizations and their locations ------------------------------------------------


def _coordinates(value):
    geometry = geometry_of(value)
    if not geometry or geometry.get("type") != "Point":
        return None, None
    try:
        lon, lat = (float(number) for number in geometry["coordinates"][:2])
    except (TypeError, ValueError):
        return None, None
    return lat, lon


def organization_record(provider, *, base_url=None):
    """The organization table row (one-to-one fields only)."""
    return _compact(
        {
            "id": record_id(ORGANIZATION, provider.pk),
            "name": provider.name,
            "description": provider.description,
            "email": provider.email,
            "website": provider.website,
            "legal_status": str(provider.get_kind_display()),
            "uri": _absolute(base_url, provider),
        },
        keep=("description",),
    )


def _is_point(value):
    """A stored GeoJSON point (its coordinates may still be unusable: then no latitude/longitude)."""
    return isinstance(value, dict) and value.get("type") == "Point"


def _provider_has_location(provider):
    return bool(provider.street) or _is_point(provider.location)


def provider_location_id(provider):
    return record_id(PROVIDER_LOCATION, provider.pk) if _provider_has_location(provider) else None


def provider_location_record(provider):
    lat, lon = _coordinates(provider.location)
    return _compact(
        {
            "id": record_id(PROVIDER_LOCATION, provider.pk),
            "location_type": "physical",
            "organization_id": record_id(ORGANIZATION, provider.pk),
            "name": provider.name,
            "description": provider.address,
            "latitude": lat,
            "longitude": lon,
        }
    )


def provider_address(provider):
    location_id = record_id(PROVIDER_LOCATION, provider.pk)
    return {
        "id": link_id(location_id, "address"),
        "location_id": location_id,
        "address_1": provider.street,
        "city": provider.city,
        "state_province": "",
        "postal_code": provider.postcode,
        "country": "DE",
        "address_type": "physical",
    }


def provider_phone(provider):
    if not provider.phone:
        return None
    organization_id = record_id(ORGANIZATION, provider.pk)
    return {"id": link_id(organization_id, "phone"), "organization_id": organization_id,
            "number": provider.phone, "type": "voice"}


def provider_contact(provider):
    if not provider.contact_person:
        return None
    organization_id = record_id(ORGANIZATION, provider.pk)
    return _compact({"id": link_id(organization_id, "contact"), "organization_id": organization_id,
                     "name": provider.contact_person, "email": provider.email})


def _access_text(obj):
    """The access checkboxes that are ticked, as German labels: „stufenloser Zugang, Aufzug“."""
    with translation.override("de"):
        return ", ".join(str(label) for label in obj.access_labels)


def provider_accessibility(provider):
    """The provider's location: its checkboxes as description and its note as details
    (the note alone as description when no box is ticked)."""
    labels = _access_text(provider)
    if not labels and not provider.accessibility:
        return None
    location_id = record_id(PROVIDER_LOCATION, provider.pk)
    return _compact({"id": link_id(location_id, "accessibility"), "location_id": location_id,
                     "description": labels or provider.accessibility,
                     "details": provider.accessibility if labels else ""})


def offer_accessibility(offer):
    """The offer's checkboxes, on the location where it takes place; at its provider's
    location the description names the offer („Familienberatung: Aufzug“). None without
    ticked boxes or without a location."""
    labels = _access_text(offer)
    location_id = service_location_id(offer)
    if not labels or location_id is None:
        return None
    if _has_own_place(offer):
        return {"id": link_id(location_id, "accessibility"), "location_id": location_id, "description": labels}
    return {"id": link_id(location_id, "accessibility", record_id(SERVICE, offer.pk)), "location_id": location_id,
            "description": f"{offer.title}: {labels}"}


def _location_accessibility(provider, offers):
    """Accessibility records of the provider's location: its own, then those of the offers held there."""
    records = [provider_accessibility(provider)]
    records += [offer_accessibility(offer) for offer in offers if not _has_own_place(offer)]
    return [record for record in records if record]


def _languages(languages, **owner):
    (owner_key, owner_id), = owner.items()
    return [
        {"id": link_id(owner_id, "language", language.code), owner_key: owner_id, "name": language.name,
         "code": language.code}
        for language in languages
    ]


def provider_location_full(provider, offers=()):
    """The provider's location, nested; ``offers`` held there add their accessibility."""
    location = provider_location_record(provider)
    location["languages"] = _languages(provider.hsds_languages, location_id=location["id"])
    location["addresses"] = [provider_address(provider)] if provider.street or provider.city else []
    location["accessibility"] = _location_accessibility(provider, offers)
    return location


def organization_full(provider, *, base_url=None, with_services=True, full_services=False):
    """A fully nested organization; its services as id and name (from ``hsds_offers``), or
    with ``full_services`` fully nested (needs ``provider_queryset(full_services=True)``)."""
    data = organization_record(provider, base_url=base_url)
    phone, contact = provider_phone(provider), provider_contact(provider)
    data["phones"] = [phone] if phone else []
    data["contacts"] = [contact] if contact else []
    offers = provider.hsds_offers if with_services else ()
    data["locations"] = [provider_location_full(provider, offers)] if _provider_has_location(provider) else []
    if with_services and full_services:
        data["services"] = [
            service_full(offer, base_url=base_url, with_organization=False) for offer in provider.hsds_offers
        ]
    elif with_services:
        data["services"] = [
            {"id": record_id(SERVICE, offer.pk), "name": offer.title} for offer in provider.hsds_offers
        ]
    return data


# --- Services -------------------------------------------------------------------------


def _age_range(age_min, age_max):
    """„6 bis 12 Jahre“, „ab 6 Jahren“, „bis 12 Jahre“."""
    if age_min is not None and age_max is not None:
        return f"{age_min} bis {age_max} Jahre"
    if age_min is not None:
        return f"ab {age_min} Jahren"
    return f"bis {age_max} Jahre"


def _eligibility(offer, target_groups):
    """Target groups and ages: each bound from the offer's own age range, else from the
    range its target groups cover together."""
    data, description = {}, []
    if target_groups:
        description.append("Zielgruppen: " + ", ".join(group.name for group in target_groups))
        if all(group.min_age is not None for group in target_groups):
            data["minimum_age"] = min(group.min_age for group in target_groups)
        if all(group.max_age is not None for group in target_groups):
            data["maximum_age"] = max(group.max_age for group in target_groups)
    if offer.age_min is not None or offer.age_max is not None:
        description.append("Alter: " + _age_range(offer.age_min, offer.age_max))
        if offer.age_min is not None:
            data["minimum_age"] = offer.age_min
        if offer.age_max is not None:
            data["maximum_age"] = offer.age_max
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:  # the groups' bound does not fit the offer's
            data.pop("maximum_age" if offer.age_max is None else "minimum_age")
    if description:
        data["eligibility_description"] = "; ".join(description)
    return data


STATUS = {Offer.Status.ACTIVE: "active", Offer.Status.PAUSED: "temporarily closed", Offer.Status.ENDED: "inactive"}


def _cost_label(offer):
    with translation.override("de"):
        return str(offer.get_cost_kind_display()) if offer.cost_kind else ""


def service_record(offer, *, base_url=None, today=None):
    """The service table row (one-to-one fields only); needs ``offer_queryset()``."""
    status = offer.status_on(today or timezone.localdate())
    data = {
        "id": record_id(SERVICE, offer.pk),
        "organization_id": record_id(ORGANIZATION, offer.provider_id),
        "name": offer.title,
        "description": offer.description,
        "url": _absolute(base_url, offer),
        "status": STATUS[status],
        "alert": f"Pausiert bis {offer.paused_until:%d.%m.%Y}." if status == Offer.Status.PAUSED else None,
        "application_process": "Bitte vorher einen Termin vereinbaren." if offer.appointment_required else None,
        "fees_description": offer.cost or _cost_label(offer),
        "assured_date": offer.provider.last_verified.isoformat() if offer.provider.last_verified else None,
        "last_modified": _timestamp(offer.updated_at),
        **_eligibility(offer, offer.hsds_target_groups),
    }
    return _compact(data)


def service_minimal(offer):
    """A service as id and time of its last change (``minimal_offer_queryset()`` is enough)."""
    return {"id": record_id(SERVICE, offer.pk), "last_modified": _timestamp(offer.updated_at)}


def _has_own_place(offer):
    return bool(offer.place) or _is_point(offer.location)


def offer_location_full(offer):
    location = offer_location_record(offer)
    accessibility = offer_accessibility(offer)
    location["accessibility"] = [accessibility] if accessibility else []
    return location


def offer_location_record(offer):
    lat, lon = _coordinates(offer.location)
    return _compact(
        {
            "id": record_id(OFFER_LOCATION, offer.pk),
            "location_type": "physical",
            "organization_id": record_id(ORGANIZATION, offer.provider_id),
            "name": offer.place or offer.title,
            "latitude": lat,
            "longitude": lon,
        }
    )


def service_location_id(offer):
    """Where the offer takes place: its own place, else its provider's location, else None."""
    if _has_own_place(offer):
        return record_id(OFFER_LOCATION, offer.pk)
    return provider_location_id(offer.provider)


def service_at_location_id(offer):
    if _has_own_place(offer):
        return record_id(OFFER_AT_OWN_PLACE, offer.pk)
    if _provider_has_location(offer.provider):
        return record_id(OFFER_AT_PROVIDER_LOCATION, offer.pk)
    return None


def service_at_location_record(offer):
    """The service_at_location table row, or None for an offer without a place."""
    link = service_at_location_id(offer)
    if link is None:
        return None
    return {"id": link, "service_id": record_id(SERVICE, offer.pk), "location_id": service_location_id(offer)}


def service_location_full(offer):
    """The nested location where the offer takes place (its own place, else its provider's)."""
    if _has_own_place(offer):
        return offer_location_full(offer)
    return provider_location_full(offer.provider, [offer])


def service_at_location_full(offer, *, base_url=None):
    """A nested service_at_location: the link with its location and its (nested) service."""
    data = service_at_location_record(offer)
    data["location"] = service_location_full(offer)
    data["service"] = service_full(offer, base_url=base_url, with_locations=False)
    return data


WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
HOLIDAYS_CLOSED = "an gesetzlichen Feiertagen geschlossen"


def _byday(slot):
    """"MO" every week; "1WE", "-1FR" on the first Wednesday, the last Friday of a month."""
    day = WEEKDAY_CODES[slot.weekday]
    return day if slot.ordinal is None else f"{slot.ordinal}{day}"


def service_schedules(offer):
    """The offer's schedules: one per slot, one for „nach Vereinbarung“; or its note alone."""
    service_id = record_id(SERVICE, offer.pk)
    validity = {
        "valid_from": offer.hours_valid_from.isoformat() if offer.hours_valid_from else None,
        "valid_to": offer.hours_valid_until.isoformat() if offer.hours_valid_until else None,
    }
    holidays = HOLIDAYS_CLOSED if offer.closed_on_holidays else ""
    notes = "; ".join(part for part in (offer.opening_hours, holidays) if part)
    schedules = []
    for slot in sort_slots(slot.as_slot() for slot in offer.hsds_slots):
        schedules.append(_compact({
            "id": link_id(service_id, "schedule", slot.weekday, slot.opens, slot.closes, slot.ordinal),
            "service_id": service_id,
            **validity,
            "freq": "WEEKLY" if slot.ordinal is None else "MONTHLY",
            "byday": _byday(slot),
            "opens_at": f"{slot.opens:%H:%M}",
            "closes_at": f"{slot.closes:%H:%M}",
            "description": describe_slots([slot]),
            "notes": notes,
        }))
    if offer.by_appointment:
        schedules.append(_compact({
            "id": link_id(service_id, "schedule", "appointment"), "service_id": service_id, **validity,
            "description": BY_APPOINTMENT, "notes": notes,
        }))
    if not schedules and offer.opening_hours:
        schedules.append(_compact({
            "id": link_id(service_id, "schedule"), "service_id": service_id, **validity,
            "description": offer.opening_hours, "notes": holidays,
        }))
    return schedules


def service_cost_options(offer):
    """The offer's cost as one cost option; an amount only when the text names exactly one sum."""
    label = _cost_label(offer)
    if not offer.cost and not label:
        return []
    service_id = record_id(SERVICE, offer.pk)
    data = {"id": link_id(service_id, "cost"), "service_id": service_id, "option": offer.cost or label}
    amounts = cost_amounts(offer.cost)
    if len(amounts) == 1:
        amount = amounts[0]
        data.update(amount=int(amount) if amount == amount.to_integral_value() else float(amount), currency="EUR")
    elif not amounts and offer.cost_kind == Offer.Cost.FREE:
        data.update(amount=0, currency="EUR")
    return [data]


def service_terms(offer):
    """(taxonomy, term object) pairs of an offer: target groups, field of action, quarters, service type."""
    pairs = [(TARGET_GROUPS, group) for group in offer.hsds_target_groups]
    if offer.field_of_action is not None:
        pairs.append((FIELDS_OF_ACTION, offer.field_of_action))
    pairs.extend((QUARTERS, quarter) for quarter in offer.hsds_quarters)
    if offer.service_type is not None:
        pairs.append((SERVICE_TYPES, offer.service_type))
    return pairs


def service_attributes(offer, *, nested=False):
    service_id = record_id(SERVICE, offer.pk)
    attributes = []
    for taxonomy, obj in service_terms(offer):
        term_id = taxonomy.term_id(obj.pk)
        attribute = {
            "id": link_id(service_id, "attribute", term_id),
            "link_id": service_id,
            "link_type": taxonomy.link_type,
            "link_entity": "service",
            "taxonomy_term_id": term_id,
        }
        if nested:
            attribute["taxonomy_term"] = taxonomy_term(taxonomy, obj)
        attributes.append(attribute)
    return attributes


def service_full(offer, *, base_url=None, with_organization=True, with_locations=True):
    """A fully nested service with organization, places, schedules, cost, languages and terms
    (without the organization inside an organization, without the places inside a place)."""
    data = service_record(offer, base_url=base_url)
    service_id = data["id"]
    if with_organization:
        data["organization"] = organization_full(offer.provider, base_url=base_url, with_services=False)
    if with_locations:
        link = service_at_location_record(offer)
        if link is not None:
            link["location"] = service_location_full(offer)
        data["service_at_locations"] = [link] if link else []
    data["schedules"] = service_schedules(offer)
    data["cost_options"] = service_cost_options(offer)
    data["languages"] = _languages(offer.hsds_languages, service_id=service_id)
    data["attributes"] = service_attributes(offer, nested=True)
    return data


# --- Export ---------------------------------------------------------------------------

TABLES = (
    "organization",
    "service",
    "location",
    "service_at_location",
    "address",
    "phone",
    "contact",
    "language",
    "schedule",
    "cost_option",
    "accessibility",
    "taxonomy",
    "taxonomy_term",
    "attribute",
)


def _links(through, owner, target, owners):
    """One query: owner pk → target pks of a many-to-many table, for the given owners."""
    links = {}
    for owner_id, target_id in through.objects.filter(**{f"{owner}__in": owners}).values_list(owner, target):
        links.setdefault(owner_id, []).append(target_id)
    return links


class _Ordered:
    """Records by pk in a fixed order; ``pick`` returns some of them in that order."""

    def __init__(self, records):
        self.by_pk = {record.pk: record for record in records}
        self.rank = {pk: index for index, pk in enumerate(self.by_pk)}

    def pick(self, ids):
        return [self.by_pk[pk] for pk in sorted((pk for pk in ids if pk in self.rank), key=self.rank.__getitem__)]


def export_catalogue(*, include_inactive=False):
    """Providers and offers with the ``hsds_*`` lists attached, without prefetch machinery.

    Twelve queries whatever the size: providers, offers, the four taxonomies' terms,
    languages, opening slots and four link tables. Returns (providers, offers, terms by taxonomy).
    """
    offers_wanted = _offers(include_inactive)
    providers = list(Provider.objects.order_by("name", "pk"))
    offers = list(offers_wanted.order_by("title", "pk"))
    terms = {taxonomy: _Ordered(_term_queryset(taxonomy)) for taxonomy in TAXONOMIES}
    languages = _Ordered(_languages_queryset())
    offer_ids = offers_wanted.values("pk")
    group_links = _links(Offer.target_groups.through, "offer_id", "targetgroup_id", offer_ids)
    quarter_links = _links(Offer.quarters.through, "offer_id", "quarter_id", offer_ids)
    language_links = _links(Offer.languages.through, "offer_id", "language_id", offer_ids)
    provider_language_links = _links(
        Provider.languages.through, "provider_id", "language_id", Provider.objects.values("pk")
    )
    slots = {}
    for slot in OpeningSlot.objects.filter(offer__in=offer_ids):
        slots.setdefault(slot.offer_id, []).append(slot)

    by_pk = {}
    for provider in providers:
        provider.hsds_languages = languages.pick(provider_language_links.get(provider.pk, ()))
        provider.hsds_offers = []
        by_pk[provider.pk] = provider
    for offer in offers:
        offer.provider = by_pk[offer.provider_id]
        offer.provider.hsds_offers.append(offer)
        offer.field_of_action = terms[FIELDS_OF_ACTION].by_pk.get(offer.field_of_action_id)
        offer.service_type = terms[SERVICE_TYPES].by_pk.get(offer.service_type_id)
        offer.hsds_slots = slots.get(offer.pk, [])
        offer.hsds_target_groups = terms[TARGET_GROUPS].pick(group_links.get(offer.pk, ()))
        offer.hsds_quarters = terms[QUARTERS].pick(quarter_links.get(offer.pk, ()))
        offer.hsds_languages = languages.pick(language_links.get(offer.pk, ()))
    return providers, offers, terms


def export_tables(*, include_inactive=False, base_url=None):
    """Every HSDS table as a list of flat records (12 queries whatever the size)."""
    providers, offers, terms = export_catalogue(include_inactive=include_inactive)
    tables = {name: [] for name in TABLES}
    for provider in providers:
        tables["organization"].append(organization_record(provider, base_url=base_url))
        phone, contact = provider_phone(provider), provider_contact(provider)
        if phone:
            tables["phone"].append(phone)
        if contact:
            tables["contact"].append(contact)
        if _provider_has_location(provider):
            location = provider_location_record(provider)
            tables["location"].append(location)
            if provider.street or provider.city:
                tables["address"].append(provider_address(provider))
            tables["language"].extend(_languages(provider.hsds_languages, location_id=location["id"]))
            tables["accessibility"].extend(_location_accessibility(provider, provider.hsds_offers))
        for offer in provider.hsds_offers:
            service = service_record(offer, base_url=base_url)
            tables["service"].append(service)
            if _has_own_place(offer):
                tables["location"].append(offer_location_record(offer))
                accessibility = offer_accessibility(offer)
                if accessibility:
                    tables["accessibility"].append(accessibility)
            link = service_at_location_record(offer)
            if link:
                tables["service_at_location"].append(link)
            tables["schedule"].extend(service_schedules(offer))
            tables["cost_option"].extend(service_cost_options(offer))
            tables["language"].extend(_languages(offer.hsds_languages, service_id=service["id"]))
            tables["attribute"].extend(service_attributes(offer))
    tables["taxonomy"] = [taxonomy.as_hsds() for taxonomy in TAXONOMIES]
    tables["taxonomy_term"] = [
        taxonomy_term(taxonomy, obj) for taxonomy in TAXONOMIES for obj in terms[taxonomy].by_pk.values()
    ]
    return tables
