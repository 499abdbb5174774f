"""The overlap and gap check ("Doppelstrukturen vermeiden"): reads that the staff pages,
the admin notice, the ``overlaps`` command and the concept report share.

A cell is a (quarter, target group) pair, optionally narrowed to a field of action.
Every function here runs a fixed number of SQL queries whatever the catalogue's size:
the cells are aggregated in the database, never per provider or per cell.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Aggregate, CharField, Count, OuterRef, Subquery

from providers.models import Offer, OverlapReview, Provider
from sozialraum.models import FieldOfAction, Indicator, IndicatorValue, Quarter, TargetGroup


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
        return self.status == OVERLAP_DELIBERATE


@dataclass(frozen=True)
class Gap:
    quarter: Quarter
    target_group: TargetGroup
    demand: Decimal | None  # latest value of an indicator pointing at the group
    demand_indicator: Indicator | None
    demand_year: int | None


OVERLAP_OPEN = OverlapReview.Decision.OPEN
OVERLAP_DELIBERATE = OverlapReview.Decision.DELIBERATE


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


def _placed_active_offers(*, quarter=None, target_group=None, field_of_action=None, by_field=False):
    """Active offers joined to their quarters and target groups (one row per pair).

    The conditions go into one ``filter()`` call so that the quarter and target group
    joins are shared with the ``values()`` that group by them.
    """
    conditions = {"active": True, "quarters__isnull": False, "target_groups__isnull": False}
    if quarter is not None:
        conditions["quarters"] = quarter
    if target_group is not None:
        conditions["target_groups"] = target_group
    if field_of_action is not None:
        conditions["field_of_action"] = field_of_action
    elif by_field:
        conditions["field_of_action__isnull"] = False
    return Offer.objects.filter(**conditions)


def _cells(*, quarter=None, target_group=None, field_of_action=None, by_field=False, min_providers=1):
    """One query: every occupied cell with its provider and offer counts and provider ids."""
    keys = ["quarters", "target_groups"]
    if by_field:
        keys.append("field_of_action")
    rows = (
        _placed_active_offers(
            quarter=quarter, target_group=target_group, field_of_action=field_of_action, by_field=by_field
        )
        .values(*keys)
        .annotate(
            provider_count=Count("provider", distinct=True),
            offer_count=Count("id", distinct=True),
            provider_id_list=_ProviderIdList("provider_id"),
        )
        .filter(provider_count__gte=min_providers)
        .order_by()
    )
    cells = []
    for row in rows:
        cells.append(
            _Cell(
                quarter_id=row["quarters"],
                target_group_id=row["target_groups"],
                field_of_action_id=row.get("field_of_action"),
                provider_count=row["provider_count"],
                offer_count=row["offer_count"],
                provider_ids=tuple(sorted(int(pk) for pk in row["provider_id_list"].split(","))),
            )
        )
    return cells


def _reviews_in_force(*, quarter=None, target_group=None, field_ids=None, by_field=False):
    """One query: the newest review of each cell, keyed like ``_Cell.key``."""
    reviews = OverlapReview.objects.select_related("decided_by").order_by("-decided_at", "-pk")
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


def _providers_of(offers):
    """One query: the providers behind these offers, by id.

    A subquery rather than a list of ids keeps the statement small for any catalogue size.
    """
    return {provider.pk: provider for provider in Provider.objects.filter(pk__in=offers.values("provider_id"))}


def _sort_key_named(obj):
    return (obj.order, obj.name)


def overlaps(*, quarter=None, target_group=None, field_of_action=None, by_field=False):
    """The overlapping cells: two or more providers with active offers for the same target
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
                quarter=quarter, target_group=target_group, field_of_action=field_of_action, by_field=by_field
            )
        )
        if cells
        else {}
    )
    quarters = Quarter.objects.in_bulk([quarter.pk] if quarter is not None else None)
    target_groups = TargetGroup.objects.in_bulk([target_group.pk] if target_group is not None else None)
    fields = FieldOfAction.objects.in_bulk() if by_field else {}
    newest_reviews = _reviews_in_force(quarter=quarter, target_group=target_group, by_field=by_field)

    result = []
    for cell in cells:
        review = _deliberate_review(cell, newest_reviews)
        result.append(
            Overlap(
                quarter=quarters[cell.quarter_id],
                target_group=target_groups[cell.target_group_id],
                field_of_action=fields.get(cell.field_of_action_id) if by_field else None,
                providers=sorted((providers[pk] for pk in cell.provider_ids), key=lambda p: p.slug),
                offer_count=cell.offer_count,
                status=OVERLAP_DELIBERATE if review is not None else OVERLAP_OPEN,
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
        .select_related("indicator")
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


# The staff's matrix: quarters (rows) × target groups (columns).

CELL_GAP = "gap"
CELL_EMPTY = "empty"  # no offer in the chosen field of action (not a gap of the quarter)
CELL_SINGLE = "single"
CELL_OVERLAP = "overlap"
CELL_DELIBERATE = OverlapReview.Decision.DELIBERATE


@dataclass(frozen=True)
class MatrixCell:
    quarter: Quarter
    target_group: TargetGroup
    provider_count: int
    offer_count: int
    state: str  # one of the CELL_* values


@dataclass(frozen=True)
class MatrixRow:
    quarter: Quarter
    cells: list[MatrixCell]


@dataclass(frozen=True)
class OverlapMatrix:
    target_groups: list[TargetGroup]
    rows: list[MatrixRow]
    field_of_action: FieldOfAction | None
    overlap_count: int
    deliberate_count: int
    gap_count: int


def overlap_matrix(*, field_of_action=None):
    """Quarters × target groups with the number of providers in each cell.

    Without a field of action an empty cell is a gap; with one, an empty cell only means
    no offer in that field. Queries: quarters, target groups, cells, reviews.
    """
    quarters = list(Quarter.objects.all())
    target_groups = list(TargetGroup.objects.all())
    by_field = field_of_action is not None
    cells = {cell.key[:2]: cell for cell in _cells(field_of_action=field_of_action, by_field=by_field)}
    newest_reviews = _reviews_in_force(by_field=by_field, field_ids=[field_of_action.pk] if by_field else None)
    counts = defaultdict(int)
    rows = []
    for q in quarters:
        row = []
        for tg in target_groups:
            cell = cells.get((q.pk, tg.pk))
            if cell is None:
                state = CELL_EMPTY if by_field else CELL_GAP
            elif cell.provider_count < 2:
                state = CELL_SINGLE
            elif _deliberate_review(cell, newest_reviews) is not None:
                state = CELL_DELIBERATE
            else:
                state = CELL_OVERLAP
            counts[state] += 1
            row.append(
                MatrixCell(
                    quarter=q,
                    target_group=tg,
                    provider_count=cell.provider_count if cell else 0,
                    offer_count=cell.offer_count if cell else 0,
                    state=state,
                )
            )
        rows.append(MatrixRow(quarter=q, cells=row))
    return OverlapMatrix(
        target_groups=target_groups,
        rows=rows,
        field_of_action=field_of_action,
        overlap_count=counts[CELL_OVERLAP],
        deliberate_count=counts[CELL_DELIBERATE],
        gap_count=counts[CELL_GAP],
    )


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

    @property
    def status(self):
        if not self.is_overlap:
            return None
        return OVERLAP_DELIBERATE if self.review is not None else OVERLAP_OPEN


def overlap_cell(*, quarter, target_group, field_of_action=None):
    """Queries: offers (with provider and field), reviews (with their author)."""
    offers = list(
        _placed_active_offers(quarter=quarter, target_group=target_group, field_of_action=field_of_action)
        .select_related("provider", "field_of_action")
        .distinct()
        .order_by("provider__name", "title", "pk")
    )
    providers = sorted({offer.provider_id: offer.provider for offer in offers}.values(), key=lambda p: p.slug)
    provider_ids = provider_id_key(p.pk for p in providers)
    history = list(
        OverlapReview.objects.filter(quarter=quarter, target_group=target_group, field_of_action=field_of_action)
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
    )
    newest = history[0] if history else None
    is_overlap = len(providers) >= 2
    review = (
        newest
        if is_overlap
        and newest is not None
        and newest.decision == OverlapReview.Decision.DELIBERATE
        and newest.provider_ids == provider_ids
        else None
    )
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


@dataclass(frozen=True)
class FellowProviders:
    """Other providers serving the same target group in the same quarter."""

    quarter: Quarter
    target_group: TargetGroup
    providers: list[Provider]  # sorted by name


def fellow_providers(*, offers):
    """For the (quarter, target group) pairs of the given active offers, the other providers
    with active offers there. Offers of the same provider never count as fellows.

    Queries: the offers' pairs, the others' pairs, providers, quarters, target groups.
    """
    offer_ids = [offer.pk for offer in offers if offer.active]
    if not offer_ids:
        return []
    own = {}
    for quarter_id, target_group_id, provider_id in (
        Offer.objects.filter(pk__in=offer_ids, quarters__isnull=False, target_groups__isnull=False)
        .values_list("quarters", "target_groups", "provider_id")
        .distinct()
        .order_by()
    ):
        own.setdefault((quarter_id, target_group_id), set()).add(provider_id)
    if not own:
        return []
    others = (
        Offer.objects.filter(
            active=True,
            quarters__in={q for q, _ in own},
            target_groups__in={tg for _, tg in own},
        )
        .values_list("quarters", "target_groups", "provider_id")
        .distinct()
        .order_by()
    )
    fellows = defaultdict(set)
    for quarter_id, target_group_id, provider_id in others:
        pair = (quarter_id, target_group_id)
        if pair in own and provider_id not in own[pair]:
            fellows[pair].add(provider_id)
    if not fellows:
        return []
    # filter(pk__in=…) rather than in_bulk(), which SQLite would split into batches.
    provider_ids = sorted({pk for ids in fellows.values() for pk in ids})
    providers = {p.pk: p for p in Provider.objects.filter(pk__in=provider_ids)}
    quarters = {q.pk: q for q in Quarter.objects.filter(pk__in=sorted({q for q, _ in fellows}))}
    target_groups = {tg.pk: tg for tg in TargetGroup.objects.filter(pk__in=sorted({tg for _, tg in fellows}))}
    result = [
        FellowProviders(
            quarter=quarters[q],
            target_group=target_groups[tg],
            providers=sorted((providers[pk] for pk in ids), key=lambda p: (p.name, p.slug)),
        )
        for (q, tg), ids in fellows.items()
    ]
    result.sort(key=lambda f: (_sort_key_named(f.quarter), _sort_key_named(f.target_group)))
    return result
