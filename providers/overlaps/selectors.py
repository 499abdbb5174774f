"""The overlap and gap check ("Doppelstrukturen vermeiden"): reads that the staff pages,
the admin notice, the ``overlaps`` command and the concept report share.

Two rules, both on active offers (``Offer.objects.active()``: neither ended nor paused):

- a parallel offer (``RULE_PARALLEL``, the default check): a quarter × target group ×
  service type in which two or more different providers have active offers. Offers
  without a service type never form one;
- the broad view, "alle Überschneidungen" (``RULE_ALL``): a quarter × target group cell,
  optionally narrowed to a field of action, in which two or more providers have active
  offers of any kind.

Staff may mark either as deliberate (``OverlapReview``, with ``service_type`` set for a
parallel offer); the mark holds while the cell's set of providers stays the same.
Every function here runs a fixed number of SQL queries whatever the catalogue's size:
the cells are aggregated in the database (or read as one row per offer and cell), never
per provider or per cell.
"""

import datetime as dt
import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from operator import attrgetter
from typing import NamedTuple

from django.db.models import Aggregate, CharField, Count, F, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.base import ModelState
from django.db.models.functions import Cast

from providers.models import Offer, OpeningSlot, OverlapReview, Provider, ServiceType, active_offer_condition
from providers.schedules.describe import describe_slots
from providers.schedules.parsing import Slot
from sozialraum.common.rows import driver_rows
from sozialraum.models import FieldOfAction, Indicator, IndicatorValue, Quarter, TargetGroup

from .concurrency import concurrent_slots, describe_concurrency

RULE_PARALLEL = "parallel"  # same service type: the default check
RULE_ALL = "alle"  # any two providers: the broad view
RULES = (RULE_PARALLEL, RULE_ALL)


@dataclass(frozen=True)
class Overlap:
    quarter: Quarter
    target_group: TargetGroup
    field_of_action: FieldOfAction | None  # None unless by_field
    providers: list[Provider]  # sorted by slug
    offer_count: int  # active offers behind the cell
    status: str  # OverlapReview.Decision: OPEN or DELIBERATE
    review: OverlapReview | None  # the deliberate review in force, else None

    @property
    def is_deliberate(self):
        return self.status == OverlapReview.Decision.DELIBERATE


@dataclass(frozen=True)
class Gap:
    quarter: Quarter
    target_group: TargetGroup
    demand: Decimal | None  # latest value of an indicator pointing at the group
    demand_indicator: Indicator | None
    demand_year: int | None


class _ProviderIdList(Aggregate):
    """The distinct provider ids of a group, comma-separated (order not guaranteed)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(DISTINCT %(expressions)s)"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(DISTINCT (%(expressions)s)::text, ',')",
            **extra_context,
        )


def provider_id_key(provider_ids):
    """The canonical form of a set of provider ids, as stored in ``OverlapReview.provider_ids``."""
    return ",".join(str(pk) for pk in sorted(int(pk) for pk in provider_ids))


@dataclass(frozen=True)
class _Cell:
    quarter_id: int
    target_group_id: int
    field_of_action_id: int | None
    provider_count: int
    offer_count: int
    provider_ids: tuple[int, ...]  # sorted

    @property
    def key(self):
        return (self.quarter_id, self.target_group_id, self.field_of_action_id)


def _placed_active_offers(
    *,
    quarter=None,
    target_group=None,
    field_of_action=None,
    by_field=False,
    typed=False,
    service_type=None,
    extra=(),
    placed=True,
):
    """Active offers joined to their quarters and target groups (one row per pair); with
    ``typed`` only offers with a service type. With ``placed=False`` also offers without a
    quarter or target group, and no join unless a quarter or target group is given: a
    superset that is quick to read.

    The conditions (and ``extra`` expressions) go into one ``filter()`` call so that the
    quarter and target group joins are shared with the ``values()`` that group by them.
    """
    conditions = {"quarters__isnull": False, "target_groups__isnull": False} if placed else {}
    if quarter is not None:
        conditions["quarters"] = quarter
    if target_group is not None:
        conditions["target_groups"] = target_group
    if field_of_action is not None:
        conditions["field_of_action"] = field_of_action
    elif by_field:
        conditions["field_of_action__isnull"] = False
    if service_type is not None:
        conditions["service_type"] = service_type
    elif typed:
        conditions["service_type__isnull"] = False
    return Offer.objects.filter(active_offer_condition(), *extra, **conditions)


def _grouped_provider_ids(placed, keys, *, min_providers):
    """One query: per group of ``keys`` of the placed offers, the number of offers and the
    sorted distinct provider ids; only groups with ``min_providers`` or more providers.
    Yields (row, provider ids).

    Each DISTINCT aggregate costs the database a sort or a temporary index per group, so
    there is only one, the provider ids (their number is the provider count). The offers
    are counted without DISTINCT: the join places an offer at most once per quarter and
    target group (the m2m tables hold each pair once), and its service type and field of
    action are single. "Two or more providers" is asked as MIN < MAX in the database.
    """
    rows = placed.values(*keys).annotate(offer_count=Count("*"), provider_id_list=_ProviderIdList("provider_id"))
    if min_providers >= 2:
        rows = rows.alias(first_provider=Min("provider_id"), last_provider=Max("provider_id")).filter(
            first_provider__lt=F("last_provider")
        )
    for row in rows.order_by():
        provider_ids = tuple(sorted(map(int, row["provider_id_list"].split(","))))
        if len(provider_ids) >= min_providers:
            yield row, provider_ids


def _cells(*, quarter=None, target_group=None, field_of_action=None, by_field=False, min_providers=1):
    """One query: every occupied cell with its provider and offer counts and provider ids."""
    keys = ["quarters", "target_groups"]
    if by_field:
        keys.append("field_of_action")
    placed = _placed_active_offers(
        quarter=quarter, target_group=target_group, field_of_action=field_of_action, by_field=by_field
    )
    return [
        _Cell(
            quarter_id=row["quarters"],
            target_group_id=row["target_groups"],
            field_of_action_id=row.get("field_of_action"),
            provider_count=len(provider_ids),
            offer_count=row["offer_count"],
            provider_ids=provider_ids,
        )
        for row, provider_ids in _grouped_provider_ids(placed, keys, min_providers=min_providers)
    ]


def _reviews_in_force(*, quarter=None, target_group=None, field_ids=None, by_field=False):
    """One query: the newest review of each broad cell, keyed like ``_Cell.key``."""
    reviews = (
        OverlapReview.objects.filter(service_type__isnull=True)
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
    )
    if quarter is not None:
        reviews = reviews.filter(quarter=quarter)
    if target_group is not None:
        reviews = reviews.filter(target_group=target_group)
    if by_field:
        reviews = reviews.filter(field_of_action__isnull=False)
        if field_ids is not None:
            reviews = reviews.filter(field_of_action__in=field_ids)
    else:
        reviews = reviews.filter(field_of_action__isnull=True)
    newest = {}
    for review in reviews:
        newest.setdefault((review.quarter_id, review.target_group_id, review.field_of_action_id), review)
    return newest


def _deliberate_review(cell, newest_reviews):
    review = newest_reviews.get(cell.key)
    if (
        review is not None
        and review.decision == OverlapReview.Decision.DELIBERATE
        and review.provider_ids == provider_id_key(cell.provider_ids)
    ):
        return review
    return None


# The provider fields the check and its pages, exports and the concept report use.
PROVIDER_FIELDS = ("id", "name", "slug")


def _providers_of(offers):
    """One query: the providers behind these offers, by id.

    A subquery rather than a list of ids keeps the statement small for any catalogue size;
    a superset of offers without joins (``placed=False``) makes it quicker still. Only what
    the check shows (name, slug), read as driver rows: a large catalogue stays quick.
    """
    rows = driver_rows(
        Provider.objects.filter(pk__in=offers.values("provider_id")).values_list(*PROVIDER_FIELDS).order_by()
    )
    return {row[0]: _light_provider(offers.db, *row) for row in rows}


def _light_provider(db, pk, name, slug):
    """A provider as ``only(*PROVIDER_FIELDS)`` would read it (its other fields load when
    asked), made from values a query read along.

    Made without ``Model.__init__``, which walks all of a provider's fields for every
    instance (about 0.1 s at 10,000 providers). What it leaves is the same: these three
    attributes set, the others deferred, the state of a row read from ``db``. Provider has
    no pre_init or post_init receivers that this would skip (a test checks it).
    """
    provider = Provider.__new__(Provider)
    provider._state = ModelState()
    provider._state.adding = False
    provider._state.db = db
    provider.id, provider.name, provider.slug = pk, name, slug
    return provider


def _slug_order(providers):
    """Provider pk → its place by slug: many cells' lists sort quicker by it than by slug."""
    return {pk: place for place, pk in enumerate(sorted(providers, key=lambda pk: providers[pk].slug))}


def _sort_key_named(obj):
    return (obj.order, obj.name)


def overlaps(*, quarter=None, target_group=None, field_of_action=None, by_field=False):
    """The broad view ("alle Überschneidungen"): two or more providers with active offers for the same target
    group in the same quarter (and, with ``by_field`` or a ``field_of_action``, the same field).

    Queries: cells, providers, quarters, target groups, reviews (+ fields of action when by field).
    """
    by_field = by_field or field_of_action is not None
    cells = _cells(
        quarter=quarter,
        target_group=target_group,
        field_of_action=field_of_action,
        by_field=by_field,
        min_providers=2,
    )
    providers = (
        _providers_of(
            _placed_active_offers(
                quarter=quarter,
                target_group=target_group,
                field_of_action=field_of_action,
                by_field=by_field,
                placed=False,
            )
        )
        if cells
        else {}
    )
    quarters = Quarter.objects.in_bulk([quarter.pk] if quarter is not None else None)
    target_groups = TargetGroup.objects.in_bulk([target_group.pk] if target_group is not None else None)
    fields = FieldOfAction.objects.in_bulk() if by_field else {}
    newest_reviews = _reviews_in_force(quarter=quarter, target_group=target_group, by_field=by_field)

    slug_order = _slug_order(providers)
    result = []
    for cell in cells:
        review = _deliberate_review(cell, newest_reviews)
        result.append(
            Overlap(
                quarter=quarters[cell.quarter_id],
                target_group=target_groups[cell.target_group_id],
                field_of_action=fields.get(cell.field_of_action_id) if by_field else None,
                providers=[providers[pk] for pk in sorted(cell.provider_ids, key=slug_order.__getitem__)],
                offer_count=cell.offer_count,
                status=OverlapReview.Decision.DELIBERATE if review is not None else OverlapReview.Decision.OPEN,
                review=review,
            )
        )
    result.sort(
        key=lambda o: (
            _sort_key_named(o.quarter),
            _sort_key_named(o.target_group),
            _sort_key_named(o.field_of_action) if o.field_of_action else (0, ""),
        )
    )
    return result


def _demand_by_cell(*, quarter=None, target_group=None):
    """One query: per (quarter, target group) the latest value of an indicator pointing at
    the group. Where several indicators point at one group, the first in the indicators'
    order counts."""
    latest_year = (
        IndicatorValue.objects.filter(indicator=OuterRef("indicator"), quarter=OuterRef("quarter"))
        .order_by("-year")
        .values("year")[:1]
    )
    values = (
        IndicatorValue.objects.filter(indicator__target_group__isnull=False, year=Subquery(latest_year))
        .select_related("indicator", "indicator__target_group")
        .order_by("indicator__order", "indicator__name")
    )
    if quarter is not None:
        values = values.filter(quarter=quarter)
    if target_group is not None:
        values = values.filter(indicator__target_group=target_group)
    demand = {}
    for value in values:
        demand.setdefault((value.quarter_id, value.indicator.target_group_id), value)
    return demand


def gaps(*, quarter=None, target_group=None):
    """The (quarter, target group) pairs without any active offer, ranked by demand (highest
    first; pairs without an indicator value last), then by quarter and target group.

    Queries: quarters, target groups, occupied pairs, indicator values.
    """
    quarters = list(Quarter.objects.filter(pk=quarter.pk) if quarter is not None else Quarter.objects.all())
    target_groups = list(
        TargetGroup.objects.filter(pk=target_group.pk) if target_group is not None else TargetGroup.objects.all()
    )
    occupied = set(
        _placed_active_offers(quarter=quarter, target_group=target_group)
        .values_list("quarters", "target_groups")
        .distinct()
        .order_by()
    )
    demand = _demand_by_cell(quarter=quarter, target_group=target_group)
    result = []
    for q in quarters:
        for tg in target_groups:
            if (q.pk, tg.pk) in occupied:
                continue
            value = demand.get((q.pk, tg.pk))
            result.append(
                Gap(
                    quarter=q,
                    target_group=tg,
                    demand=value.value if value is not None else None,
                    demand_indicator=value.indicator if value is not None else None,
                    demand_year=value.year if value is not None else None,
                )
            )
    result.sort(
        key=lambda g: (
            g.demand is None,
            -(g.demand or 0),
            _sort_key_named(g.quarter),
            _sort_key_named(g.target_group),
        )
    )
    return result


# --- Parallel offers: the same service type for the same target group in the same quarter.


class OfferRef(NamedTuple):
    """An offer as a parallel offer names it: light (a tuple, quick to make), because a
    catalogue may hold tens of thousands of offers that are all part of some parallel offer."""

    pk: int
    slug: str
    title: str
    provider: Provider
    by_appointment: bool

    @classmethod
    def of(cls, offer):
        return cls(
            pk=offer.pk,
            slug=offer.slug,
            title=offer.title,
            provider=offer.provider,
            by_appointment=offer.by_appointment,
        )


@dataclass(frozen=True)
class ParallelOffer:
    """Two or more different providers with active offers of one service type for one
    target group in one quarter (a "Parallelangebot")."""

    quarter: Quarter
    target_group: TargetGroup
    service_type: ServiceType
    providers: list[Provider]  # sorted by slug
    offers: list[OfferRef]  # the active offers of the type there, by provider name and title
    status: str  # OverlapReview.Decision: OPEN or DELIBERATE
    review: OverlapReview | None  # the deliberate review in force, else None
    history: list[OverlapReview] = field(default_factory=list)  # newest first (only from parallel_cell)
    # offer pk → its slots, shared by all parallel offers of one call (it may hold other
    # offers too); the times they meet are worked out when asked for (the matrix never
    # asks, the cell page, exports and the report do)
    slots_by_offer: dict = field(default_factory=dict, repr=False, compare=False)

    field_of_action = None  # a parallel offer is never narrowed to a field; its reviews store none
    is_overlap = True

    @property
    def provider_ids(self):
        """The providers in canonical form, as a review stores them."""
        return provider_id_key(provider.pk for provider in self.providers)

    @property
    def offer_count(self):
        return len(self.offers)

    @property
    def is_deliberate(self):
        return self.status == OverlapReview.Decision.DELIBERATE

    @cached_property
    def offer_slots(self):
        """Offer pk → its slots (of the offers of this parallel offer)."""
        return {offer.pk: self.slots_by_offer.get(offer.pk, []) for offer in self.offers}

    @cached_property
    def slots_by_provider(self):
        """Provider pk → the slots of its offers here."""
        slots = defaultdict(list)
        for offer in self.offers:
            slots[offer.provider.pk].extend(self.slots_by_offer.get(offer.pk, ()))
        return dict(slots)

    @cached_property
    def concurrent_slots(self):
        """The weekly windows in which two of the providers are open at once."""
        return concurrent_slots(self.slots_by_provider)

    @property
    def concurrent(self):
        """True when offers of two providers are open at the same time on some weekday."""
        return bool(self.concurrent_slots)

    @property
    def concurrent_times(self):
        """„Di 14:00–16:00 Uhr“, or '' when the offers never meet."""
        return describe_concurrency(self.concurrent_slots)

    @property
    def offer_times(self):
        """[(offer, its times in words)], in the order of ``offers``."""
        return [
            (offer, describe_slots(self.offer_slots.get(offer.pk, []), by_appointment=offer.by_appointment))
            for offer in self.offers
        ]


@dataclass(frozen=True)
class _TypedCell:
    quarter_id: int
    target_group_id: int
    service_type_id: int
    provider_count: int
    offer_count: int
    provider_ids: tuple[int, ...]  # sorted

    @property
    def key(self):
        return (self.quarter_id, self.target_group_id, self.service_type_id)


def _cells_and_parallel_cells():
    """One query for the cells and the parallel cells (two would make the same join of all
    placed offers): every occupied cell by service type, offers without one as a group of
    their own. A cell is the union of its groups (an offer has one service type,
    so it is in one group of its cell); the groups of a type with two or more providers
    are the parallel cells."""
    providers_by_cell = defaultdict(set)
    offers_by_cell = defaultdict(int)
    parallel_cells = []
    for row, provider_ids in _grouped_provider_ids(
        _placed_active_offers(), ["quarters", "target_groups", "service_type"], min_providers=1
    ):
        key = (row["quarters"], row["target_groups"])
        providers_by_cell[key].update(provider_ids)
        offers_by_cell[key] += row["offer_count"]
        if row["service_type"] is not None and len(provider_ids) >= 2:
            parallel_cells.append(
                _TypedCell(
                    quarter_id=row["quarters"],
                    target_group_id=row["target_groups"],
                    service_type_id=row["service_type"],
                    provider_count=len(provider_ids),
                    offer_count=row["offer_count"],
                    provider_ids=provider_ids,
                )
            )
    cells = [
        _Cell(
            quarter_id=key[0],
            target_group_id=key[1],
            field_of_action_id=None,
            provider_count=len(provider_ids),
            offer_count=offers_by_cell[key],
            provider_ids=tuple(sorted(provider_ids)),
        )
        for key, provider_ids in providers_by_cell.items()
    ]
    return cells, parallel_cells


def _parallel_reviews(*, quarter=None, target_group=None, service_type=None):
    """One query: the reviews of parallel offers, newest first, keyed like ``_TypedCell.key``."""
    reviews = (
        OverlapReview.objects.filter(service_type__isnull=False, field_of_action__isnull=True)
        .select_related("decided_by", "service_type")
        .order_by("-decided_at", "-pk")
    )
    if quarter is not None:
        reviews = reviews.filter(quarter=quarter)
    if target_group is not None:
        reviews = reviews.filter(target_group=target_group)
    if service_type is not None:
        reviews = reviews.filter(service_type=service_type)
    by_key = defaultdict(list)
    for review in reviews:
        by_key[(review.quarter_id, review.target_group_id, review.service_type_id)].append(review)
    return by_key


def _review_in_force(history, provider_ids):
    """The newest review if it marks the cell deliberate for exactly these providers."""
    newest = history[0] if history else None
    if (
        newest is not None
        and newest.decision == OverlapReview.Decision.DELIBERATE
        and newest.provider_ids == provider_ids
    ):
        return newest
    return None


def _slots_by_offer(offer_ids):
    """One query: the opening slots of the offers (``offer_ids`` a subquery of offer pks).

    Catalogues repeat the same few opening times: the times are read as text (SQLite's
    driver would parse every value) and each distinct slot is made once."""
    slots = defaultdict(list)
    made = {}
    rows = driver_rows(
        OpeningSlot.objects.filter(offer__in=offer_ids)
        .values_list("offer_id", "weekday", Cast("opens", CharField()), Cast("closes", CharField()), "ordinal")
        .order_by()
    )
    for row in rows:
        shape = row[1:]
        slot = made.get(shape)
        if slot is None:
            weekday, opens, closes, ordinal = shape
            slot = made[shape] = Slot(
                weekday=weekday,
                opens=dt.time.fromisoformat(opens),
                closes=dt.time.fromisoformat(closes),
                ordinal=ordinal,
            )
        slots[row[0]].append(slot)
    return slots


def _typed_active_offers(*, quarter=None, target_group=None, service_type=None):
    """The pks of active offers with a service type (there or of that type): a subquery."""
    conditions = {"service_type": service_type} if service_type is not None else {"service_type__isnull": False}
    if quarter is not None:
        conditions["quarters"] = quarter
    if target_group is not None:
        conditions["target_groups"] = target_group
    return Offer.objects.filter(active_offer_condition(), **conditions).order_by().values("pk")


@contextmanager
def _cycle_collection_paused():
    """Reading a large catalogue makes hundreds of thousands of row tuples and lists, none
    of them in a reference cycle; Python's cycle collector would walk them again and again
    (a third of the time of ``parallel_offers``). It runs again afterwards as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parallel_sort_key(parallel):
    return (
        _sort_key_named(parallel.quarter),
        _sort_key_named(parallel.target_group),
        _sort_key_named(parallel.service_type),
    )


def _offer_order(offer):
    return (offer.provider.name, offer.title, offer.pk)


def _group_placements(placements):
    """(quarter id, target group id, service type id) → [OfferRef], from placements
    (quarter id, target group id, service type id, OfferRef) in the order of
    ``_offer_order``; offers without a service type never count."""
    groups = defaultdict(list)
    for quarter_id, target_group_id, service_type_id, offer in placements:
        if service_type_id is not None:
            groups[(quarter_id, target_group_id, service_type_id)].append(offer)
    return groups


# Sort and group keys made in C: they run for every offer and provider of every group.
_provider_of = attrgetter("provider")
_slug_of = attrgetter("slug")


def _build_parallel_offers(
    groups, *, quarters, target_groups, service_types, slots_by_offer, reviews, with_history=False
):
    """The rule in one place: of the active offers grouped by cell and service type (each
    group in the order of ``_offer_order``, see ``_group_placements``), keep the groups
    with two or more different providers."""
    result = []
    for key, offers in groups.items():
        providers = {provider.id: provider for provider in map(_provider_of, offers)}
        if len(providers) < 2:
            continue
        history = reviews.get(key, [])
        review = _review_in_force(history, provider_id_key(providers)) if history else None
        result.append(
            ParallelOffer(
                quarter=quarters[key[0]],
                target_group=target_groups[key[1]],
                service_type=service_types[key[2]],
                providers=sorted(providers.values(), key=_slug_of),
                offers=offers,
                status=OverlapReview.Decision.DELIBERATE if review is not None else OverlapReview.Decision.OPEN,
                review=review,
                history=list(history) if with_history else [],
                slots_by_offer=slots_by_offer,
            )
        )
    result.sort(key=_parallel_sort_key)
    return result


def parallel_offers(*, quarter=None, target_group=None, service_type=None):
    """The parallel offers: quarter × target group × service type with active offers of two
    or more different providers, with their offers, the times they meet and their status.

    Queries: placements of the typed offers, slots, the offers with their providers'
    names, quarters, target groups, service types, reviews (only the first without any
    placement). Reads driver rows, not model instances, so a large catalogue stays quick:
    each offer is read and made once, however many cells it is placed in.
    """
    placed = _placed_active_offers(quarter=quarter, target_group=target_group, service_type=service_type, typed=True)
    with _cycle_collection_paused():
        rows = driver_rows(placed.values_list("pk", "quarters", "target_groups", "service_type").order_by())
        if not rows:
            return []
        cells_by_offer = defaultdict(list)  # offer pk → [(quarter id, target group id, service type id)]
        for row in rows:
            cells_by_offer[row[0]].append(row[1:])
        # The offers and slots are read for a superset of the placed offers (without the
        # joins that place them); a subquery rather than a list of ids keeps the statements
        # small for any catalogue size.
        candidates = _typed_active_offers(quarter=quarter, target_group=target_group, service_type=service_type)
        slots_by_offer = _slots_by_offer(candidates)
        providers, offers = {}, []
        for pk, slug, title, by_appointment, provider_id, name, provider_slug in driver_rows(
            Offer.objects.filter(pk__in=candidates)
            .values_list("pk", "slug", "title", "by_appointment", "provider_id", "provider__name", "provider__slug")
            .order_by()
        ):
            if pk not in cells_by_offer:
                continue
            provider = providers.get(provider_id)
            if provider is None:
                provider = providers[provider_id] = _light_provider(placed.db, provider_id, name, provider_slug)
            offers.append(OfferRef(pk, slug, title, provider, bool(by_appointment)))
        offers.sort(key=_offer_order)
        groups = defaultdict(list)  # as _group_placements, without a tuple per placement
        for offer in offers:
            for cell in cells_by_offer[offer.pk]:
                groups[cell].append(offer)
        return _build_parallel_offers(
            groups,
            quarters=Quarter.objects.in_bulk([quarter.pk] if quarter is not None else None),
            target_groups=TargetGroup.objects.in_bulk([target_group.pk] if target_group is not None else None),
            service_types=ServiceType.objects.in_bulk([service_type.pk] if service_type is not None else None),
            slots_by_offer=slots_by_offer,
            reviews=_parallel_reviews(quarter=quarter, target_group=target_group, service_type=service_type),
        )


@dataclass(frozen=True)
class ParallelCell:
    """One quarter × target group for the staff: its parallel offers with their history."""

    quarter: Quarter
    target_group: TargetGroup
    offers: list[Offer]  # all active offers of the cell, by provider name and title
    parallel: list[ParallelOffer]  # with their review history
    earlier_reviews: list[OverlapReview]  # on service types no longer parallel here, newest first

    @property
    def untyped_offers(self):
        """Active offers without a service type: they never form a parallel offer."""
        return [offer for offer in self.offers if offer.service_type_id is None]

    @property
    def provider_count(self):
        return len({offer.provider_id for offer in self.offers})

    @property
    def status(self):
        """OPEN while a parallel offer is open, DELIBERATE when all are, None without any."""
        if not self.parallel:
            return None
        return (
            OverlapReview.Decision.DELIBERATE
            if all(item.is_deliberate for item in self.parallel)
            else OverlapReview.Decision.OPEN
        )


def parallel_cell(*, quarter, target_group):
    """Queries: offers (with provider, service type and field), their slots, reviews."""
    placed = _placed_active_offers(quarter=quarter, target_group=target_group)
    offers = list(
        placed.select_related("provider", "service_type", "field_of_action")
        .distinct()
        .order_by("provider__name", "title", "pk")
    )
    slots_by_offer = _slots_by_offer(
        _placed_active_offers(quarter=quarter, target_group=target_group, typed=True).values("pk")
    )
    reviews = _parallel_reviews(quarter=quarter, target_group=target_group)
    service_type_of = {offer.pk: offer.service_type_id for offer in offers}
    refs = sorted((OfferRef.of(offer) for offer in offers), key=_offer_order)
    parallel = _build_parallel_offers(
        _group_placements((quarter.pk, target_group.pk, service_type_of[ref.pk], ref) for ref in refs),
        quarters={quarter.pk: quarter},
        target_groups={target_group.pk: target_group},
        service_types={offer.service_type_id: offer.service_type for offer in offers},
        slots_by_offer=slots_by_offer,
        reviews=reviews,
        with_history=True,
    )
    current = {item.service_type.pk for item in parallel}
    earlier = [review for key, history in reviews.items() if key[2] not in current for review in history]
    earlier.sort(key=lambda review: (review.decided_at, review.pk), reverse=True)
    return ParallelCell(
        quarter=quarter, target_group=target_group, offers=offers, parallel=parallel, earlier_reviews=earlier
    )


def parallel_offer(*, quarter, target_group, service_type):
    """The parallel offer of one service type in one cell, with its history; None if the
    type is not offered there by two or more providers. Queries: as ``parallel_cell``."""
    cell = parallel_cell(quarter=quarter, target_group=target_group)
    return next((item for item in cell.parallel if item.service_type.pk == service_type.pk), None)


@dataclass(frozen=True)
class ParallelNotice:
    """A parallel offer that an offer just saved belongs to, named for the admin notice."""

    quarter: Quarter
    target_group: TargetGroup
    service_type: ServiceType
    other_providers: list[Provider]  # sorted by name
    is_deliberate: bool  # staff marked it deliberate for exactly the current providers


def parallel_offers_of(*, offers):
    """The parallel offers that the given offers (a list or a query set) belong to, naming
    the other providers there. Offers that are not active, have no service type or no
    quarter or target group belong to none; offers of the same provider never count.

    Queries: the offers' cells, everyone's offers there, reviews, providers, quarters,
    target groups, service types (none after the first when the offers belong to no cell).
    """
    if isinstance(offers, QuerySet):
        offer_ids = offers.values("pk")
    else:
        offer_ids = [offer.pk for offer in offers if offer.pk is not None]
    own = defaultdict(set)  # (quarter, target group, service type) → providers of the given offers
    for quarter_id, target_group_id, service_type_id, provider_id in (
        _placed_active_offers(typed=True, extra=[Q(pk__in=offer_ids)])
        .values_list("quarters", "target_groups", "service_type", "provider_id")
        .distinct()
        .order_by()
    ):
        own[(quarter_id, target_group_id, service_type_id)].add(provider_id)
    if not own:
        return []
    everyone = defaultdict(set)
    for quarter_id, target_group_id, service_type_id, provider_id in (
        Offer.objects.filter(
            active_offer_condition(),
            quarters__in=sorted({key[0] for key in own}),
            target_groups__in=sorted({key[1] for key in own}),
            service_type__in=sorted({key[2] for key in own}),
        )
        .values_list("quarters", "target_groups", "service_type", "provider_id")
        .distinct()
        .order_by()
    ):
        key = (quarter_id, target_group_id, service_type_id)
        if key in own:
            everyone[key].add(provider_id)
    others = {key: providers - own[key] for key, providers in everyone.items() if providers - own[key]}
    if not others:
        return []
    newest = {}
    for review in OverlapReview.objects.filter(
        field_of_action__isnull=True,
        quarter__in=sorted({key[0] for key in others}),
        target_group__in=sorted({key[1] for key in others}),
        service_type__in=sorted({key[2] for key in others}),
    ).order_by("-decided_at", "-pk"):
        newest.setdefault((review.quarter_id, review.target_group_id, review.service_type_id), review)
    # filter(pk__in=…) rather than in_bulk(), which SQLite would split into batches.
    providers = {p.pk: p for p in Provider.objects.filter(pk__in=sorted({pk for ids in others.values() for pk in ids}))}
    quarters = {q.pk: q for q in Quarter.objects.filter(pk__in=sorted({key[0] for key in others}))}
    target_groups = {tg.pk: tg for tg in TargetGroup.objects.filter(pk__in=sorted({key[1] for key in others}))}
    service_types = {st.pk: st for st in ServiceType.objects.filter(pk__in=sorted({key[2] for key in others}))}
    result = [
        ParallelNotice(
            quarter=quarters[key[0]],
            target_group=target_groups[key[1]],
            service_type=service_types[key[2]],
            other_providers=sorted((providers[pk] for pk in ids), key=lambda p: (p.name, p.slug)),
            is_deliberate=_review_in_force([newest[key]] if key in newest else [], provider_id_key(everyone[key]))
            is not None,
        )
        for key, ids in others.items()
    ]
    result.sort(key=lambda notice: (notice.is_deliberate, *_parallel_sort_key(notice)))
    return result


@dataclass(frozen=True)
class ServiceTypeGap:
    """A service type nobody offers for a target group in a quarter where the group's
    indicator shows demand, though it is offered for the group elsewhere in the city."""

    quarter: Quarter
    target_group: TargetGroup
    service_type: ServiceType
    demand: Decimal  # latest value of an indicator pointing at the group
    demand_indicator: Indicator
    demand_year: int
    offered_in: list[Quarter]  # the quarters where the type is offered for the group


def service_type_gaps(*, quarter=None, target_group=None):
    """Per quarter × target group with demand, the service types offered for the group in
    other quarters but not there; ranked by demand (highest first), then quarter, target
    group and service type.

    Queries: offered (quarter, target group, service type) triples, indicator values,
    quarters, service types (none after the second when nothing is missing).
    """
    offered = defaultdict(lambda: defaultdict(set))  # target group → service type → quarters
    for quarter_id, target_group_id, service_type_id in (
        _placed_active_offers(target_group=target_group, typed=True)
        .values_list("quarters", "target_groups", "service_type")
        .distinct()
        .order_by()
    ):
        offered[target_group_id][service_type_id].add(quarter_id)
    demand = _demand_by_cell(quarter=quarter, target_group=target_group)
    missing = [
        (value, service_type_id, there)
        for (quarter_id, target_group_id), value in demand.items()
        for service_type_id, there in offered.get(target_group_id, {}).items()
        if quarter_id not in there
    ]
    if not missing:
        return []
    quarters = Quarter.objects.in_bulk()
    service_types = {st.pk: st for st in ServiceType.objects.filter(pk__in=sorted({item[1] for item in missing}))}
    result = [
        ServiceTypeGap(
            quarter=quarters[value.quarter_id],
            target_group=value.indicator.target_group,
            service_type=service_types[service_type_id],
            demand=value.value,
            demand_indicator=value.indicator,
            demand_year=value.year,
            offered_in=sorted((quarters[pk] for pk in there), key=_sort_key_named),
        )
        for value, service_type_id, there in missing
    ]
    result.sort(
        key=lambda gap: (
            -gap.demand,
            _sort_key_named(gap.quarter),
            _sort_key_named(gap.target_group),
            _sort_key_named(gap.service_type),
        )
    )
    return result


# --- The staff's matrix: quarters (rows) × target groups (columns).

CELL_GAP = "gap"
CELL_EMPTY = "empty"  # no offer in the chosen field of action (not a gap of the quarter)
CELL_SINGLE = "single"  # offers, but no overlap by the rule (one provider, or no parallel offer)
CELL_OVERLAP = "overlap"  # an open overlap, or at least one open parallel offer


@dataclass(frozen=True)
class ParallelType:
    """A service type that is a parallel offer in a matrix cell."""

    service_type: ServiceType
    provider_count: int
    offer_count: int
    is_deliberate: bool


@dataclass(frozen=True)
class MatrixCell:
    quarter: Quarter
    target_group: TargetGroup
    provider_count: int
    offer_count: int
    state: str  # one of the CELL_* values
    parallel: list[ParallelType] = field(default_factory=list)  # by service type; only with RULE_PARALLEL


@dataclass(frozen=True)
class MatrixRow:
    quarter: Quarter
    cells: list[MatrixCell]


@dataclass(frozen=True)
class OverlapMatrix:
    target_groups: list[TargetGroup]
    rows: list[MatrixRow]
    field_of_action: FieldOfAction | None
    overlap_count: int  # cells
    deliberate_count: int  # cells
    gap_count: int
    rule: str = RULE_ALL
    parallel_count: int = 0  # open parallel offers (service types over all cells)
    parallel_deliberate_count: int = 0


def _resolve_rule(rule, field_of_action):
    """A field of action narrows the broad view; parallel offers are not narrowed by field."""
    if rule is None:
        return RULE_ALL if field_of_action is not None else RULE_PARALLEL
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}")
    if rule == RULE_PARALLEL and field_of_action is not None:
        raise ValueError("a field of action narrows only the broad view (RULE_ALL)")
    return rule


def overlap_matrix(*, rule=None, field_of_action=None):
    """Quarters × target groups with the number of providers in each cell.

    With ``RULE_PARALLEL`` (the default) a cell is flagged by its parallel offers, listed
    by service type; with ``RULE_ALL`` by any two providers (a field of action implies it).
    Without a field of action an empty cell is a gap; with one, an empty cell only means
    no offer in that field.

    Queries: quarters, target groups, cells, reviews; with parallel offers the cells
    come with the parallel cells (one query), then also the service types.
    """
    rule = _resolve_rule(rule, field_of_action)
    quarters = list(Quarter.objects.all())
    target_groups = list(TargetGroup.objects.all())
    by_field = field_of_action is not None
    parallel = defaultdict(list)  # (quarter, target group) → [ParallelType]
    if rule == RULE_PARALLEL:
        cells, parallel_cells = _cells_and_parallel_cells()
        cells = {cell.key[:2]: cell for cell in cells}
        reviews = _parallel_reviews()
        service_types = ServiceType.objects.in_bulk()
        for typed in parallel_cells:
            history = reviews.get(typed.key)
            review = _review_in_force(history, provider_id_key(typed.provider_ids)) if history else None
            parallel[typed.key[:2]].append(
                ParallelType(
                    service_type=service_types[typed.service_type_id],
                    provider_count=typed.provider_count,
                    offer_count=typed.offer_count,
                    is_deliberate=review is not None,
                )
            )
        for types in parallel.values():
            types.sort(key=lambda item: _sort_key_named(item.service_type))
    else:
        cells = {cell.key[:2]: cell for cell in _cells(field_of_action=field_of_action, by_field=by_field)}
        newest_reviews = _reviews_in_force(by_field=by_field, field_ids=[field_of_action.pk] if by_field else None)
    counts = defaultdict(int)
    rows = []
    for q in quarters:
        row = []
        for tg in target_groups:
            cell = cells.get((q.pk, tg.pk))
            types = parallel.get((q.pk, tg.pk), [])
            if cell is None:
                state = CELL_EMPTY if by_field else CELL_GAP
            elif rule == RULE_PARALLEL:
                if not types:
                    state = CELL_SINGLE
                elif all(item.is_deliberate for item in types):
                    state = OverlapReview.Decision.DELIBERATE
                else:
                    state = CELL_OVERLAP
            elif cell.provider_count < 2:
                state = CELL_SINGLE
            elif _deliberate_review(cell, newest_reviews) is not None:
                state = OverlapReview.Decision.DELIBERATE
            else:
                state = CELL_OVERLAP
            counts[state] += 1
            for item in types:
                counts["parallel_deliberate" if item.is_deliberate else "parallel_open"] += 1
            row.append(
                MatrixCell(
                    quarter=q,
                    target_group=tg,
                    provider_count=cell.provider_count if cell else 0,
                    offer_count=cell.offer_count if cell else 0,
                    state=state,
                    parallel=types,
                )
            )
        rows.append(MatrixRow(quarter=q, cells=row))
    return OverlapMatrix(
        target_groups=target_groups,
        rows=rows,
        field_of_action=field_of_action,
        overlap_count=counts[CELL_OVERLAP],
        deliberate_count=counts[OverlapReview.Decision.DELIBERATE],
        gap_count=counts[CELL_GAP],
        rule=rule,
        parallel_count=counts["parallel_open"],
        parallel_deliberate_count=counts["parallel_deliberate"],
    )


# --- One cell of the broad view.


@dataclass(frozen=True)
class OverlapCell:
    """One cell in detail: its offers, providers, status and review history."""

    quarter: Quarter
    target_group: TargetGroup
    field_of_action: FieldOfAction | None
    offers: list[Offer]  # active offers, by provider name and title
    providers: list[Provider]  # sorted by slug
    provider_ids: str  # canonical form, as a review stores it
    is_overlap: bool
    review: OverlapReview | None  # the deliberate review in force, else None
    history: list[OverlapReview]  # newest first

    service_type = None  # the broad view is not by service type; its reviews store none

    @property
    def status(self):
        if not self.is_overlap:
            return None
        return OverlapReview.Decision.DELIBERATE if self.review is not None else OverlapReview.Decision.OPEN


def overlap_cell(*, quarter, target_group, field_of_action=None):
    """Queries: offers (with provider, field and service type), reviews (with their author)."""
    offers = list(
        _placed_active_offers(quarter=quarter, target_group=target_group, field_of_action=field_of_action)
        .select_related("provider", "field_of_action", "service_type")
        .distinct()
        .order_by("provider__name", "title", "pk")
    )
    providers = sorted({offer.provider_id: offer.provider for offer in offers}.values(), key=lambda p: p.slug)
    provider_ids = provider_id_key(p.pk for p in providers)
    history = list(
        OverlapReview.objects.filter(
            quarter=quarter, target_group=target_group, field_of_action=field_of_action, service_type__isnull=True
        )
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
    )
    is_overlap = len(providers) >= 2
    review = _review_in_force(history, provider_ids) if is_overlap else None
    return OverlapCell(
        quarter=quarter,
        target_group=target_group,
        field_of_action=field_of_action,
        offers=offers,
        providers=providers,
        provider_ids=provider_ids,
        is_overlap=is_overlap,
        review=review,
        history=history,
    )
