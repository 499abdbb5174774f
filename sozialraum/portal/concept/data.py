"""Everything the concept report shows, gathered from the live data.

``concept_data()`` reads the database in a fixed number of queries (whatever the size of
the programme) and returns plain dataclasses; the renderer never touches the ORM.
Only what the public may see goes into the report: unpublished measures and workshops
stay out, because published editions are public downloads.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.models import FundingLine, FundingProgramme, Goal, Measure
from providers.models import Offer, OverlapReview, Provider
from providers.overlaps import selectors as overlap_selectors
from sozialraum.models import (
    FieldOfAction,
    IndicatorValue,
    Programme,
    Quarter,
    SwotItem,
    TargetGroup,
    TrafficLight,
)
from workshops.models import Participant, Workshop, WorkshopResult

from .charts import german_number
from .effects import EffectsChapter, effects_chapter
from .network import NetworkChapter, network_chapter

#: Print colours of the traffic light; the report always prints the label next to them.
TRAFFIC_LIGHT_COLOURS = {
    TrafficLight.GREEN: "#1a7f37",
    TrafficLight.YELLOW: "#e0b000",
    TrafficLight.RED: "#c62828",
}


@dataclass(frozen=True)
class EditionInfo:
    """What the title page says about the edition: a draft or a published edition."""

    name: str
    date: dt.date
    presented_to: str = ""
    is_draft: bool = False


@dataclass
class IndicatorTable:
    name: str
    slug: str
    unit: str
    description: str
    years: list[int]
    quarters: list[str]
    #: values[quarter index][year index], None where no figure exists
    values: list[list[Decimal | None]]
    sources: list[str]


@dataclass
class SwotBlock:
    quarter: str
    #: (kind label, [statements]) in the order strengths, weaknesses, opportunities, threats
    kinds: list[tuple[str, list[str]]]


@dataclass
class MeasureRef:
    code: str
    title: str
    anchor: str


@dataclass
class GoalItem:
    title: str
    description: str
    depth: int
    measures: list[MeasureRef]

    @property
    def is_top_goal(self):
        return self.depth == 0


@dataclass
class FundingItem:
    programme: str
    amount: Decimal
    year: int | None
    note: str


@dataclass
class MeasureItem:
    code: str
    title: str
    anchor: str
    summary: str
    description: str
    status: str
    status_label: str
    progress: int
    start_date: dt.date | None
    end_date: dt.date | None
    lead: str
    partners: list[str]
    fields_of_action: list[str]
    goals: list[str]
    quarters: list[str]
    target_groups: list[str]
    funding: list[FundingItem]
    traffic_light: str
    traffic_light_label: str
    traffic_light_colour: str
    traffic_light_reason: str

    @property
    def funding_total(self):
        return sum((line.amount for line in self.funding), Decimal("0"))


@dataclass
class FieldSection:
    name: str
    description: str
    measures: list[MeasureItem]
    #: measures filed under another field that serve this one as well
    references: list[MeasureRef]


@dataclass
class FundingSum:
    programme: str
    kind: str
    amount: Decimal
    measure_count: int


@dataclass
class ProviderEntry:
    name: str
    offers: list[str]


@dataclass
class CatalogueRow:
    target_group: str
    providers: list[ProviderEntry]


@dataclass
class QuarterCatalogue:
    quarter: str
    rows: list[CatalogueRow]


@dataclass
class OverlapItem:
    """A parallel offer: one service type for one target group in one quarter at two or
    more providers (see ``providers.overlaps.selectors.parallel_offers``)."""

    quarter: str
    target_group: str
    providers: list[str]
    offer_count: int
    status: str
    reason: str
    decided_at: dt.datetime | None
    service_type: str = ""
    #: when offers of two providers are open at once, e.g. "Di 14:00–16:00 Uhr"; '' if never
    concurrent_times: str = ""

    #: a cell of hundreds of providers names only the first few; the catalogue has them all
    shown_limit = 12

    @property
    def providers_shown(self):
        return self.providers[: self.shown_limit]

    @property
    def providers_more(self):
        return max(0, len(self.providers) - self.shown_limit)


@dataclass
class GapItem:
    quarter: str
    target_group: str
    demand: Decimal | None
    demand_indicator: str
    demand_year: int | None

    @property
    def demand_display(self):
        return german_number(self.demand)


@dataclass
class ResultItem:
    title: str
    theme: str
    responsible: str
    traffic_light: str
    traffic_light_label: str
    traffic_light_colour: str
    note: str


@dataclass
class WorkshopItem:
    title: str
    kind: str
    series: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str
    address: str
    quarter: str
    measure: str
    documentation: str
    participants: list[str]
    results: list[ResultItem]

    @property
    def light_counts(self):
        """[(label, colour, count)] for the lights given in this workshop."""
        counts = []
        for light in (TrafficLight.GREEN, TrafficLight.YELLOW, TrafficLight.RED):
            number = sum(1 for result in self.results if result.traffic_light == light)
            if number:
                counts.append((light.label, TRAFFIC_LIGHT_COLOURS[light], number))
        return counts


@dataclass
class AnnexQuarter:
    name: str
    description: str
    in_programme_area: bool


@dataclass
class AnnexTargetGroup:
    name: str
    parent: str
    age_range: str


@dataclass
class ConceptData:
    city: str
    programme_name: str
    area_name: str
    summary: str
    situation: str
    contact: str
    edition: EditionInfo
    generated_at: dt.datetime
    funding_programmes: list[str]
    quarters: list[AnnexQuarter]
    target_groups: list[AnnexTargetGroup]
    fields_of_action: list[tuple[str, str]]
    indicators: list[IndicatorTable]
    swot: list[SwotBlock]
    goals: list[GoalItem]
    fields: list[FieldSection]
    measure_count: int
    funding_sums: list[FundingSum]
    catalogue: list[QuarterCatalogue]
    provider_count: int
    offer_count: int
    overlaps: list[OverlapItem]
    gaps: list[GapItem]
    workshops: list[WorkshopItem]
    effects: EffectsChapter | None = None
    network: NetworkChapter | None = None

    @property
    def funding_total(self):
        return sum((item.amount for item in self.funding_sums), Decimal("0"))

    @property
    def open_overlaps(self):
        return [item for item in self.overlaps if item.status == OverlapReview.Decision.OPEN]

    @property
    def deliberate_overlaps(self):
        return [item for item in self.overlaps if item.status == OverlapReview.Decision.DELIBERATE]


def measure_anchor(code):
    return "massnahme-" + "".join(char if char.isalnum() else "-" for char in code)


def concept_data(*, edition=None):
    """Gather the report's content. ``edition`` (EditionInfo) defaults to today's draft."""
    programme = Programme.objects.current()  # 1 query
    city = programme.city if programme and programme.city else settings.PORTAL_CITY
    if edition is None:
        edition = EditionInfo(name=_("Entwurf"), date=timezone.localdate(), is_draft=True)

    quarters = list(Quarter.objects.all())  # 1 query
    target_groups = list(TargetGroup.objects.select_related("parent"))  # 1 query
    fields_of_action = list(FieldOfAction.objects.all())  # 1 query
    funding_programmes = list(FundingProgramme.objects.all())  # 1 query

    measures = _measures()  # 7 queries
    catalogue, provider_count, offer_count = _catalogue(quarters, target_groups)  # 3 queries

    return ConceptData(
        city=city,
        programme_name=programme.name if programme else _("Sozialraumkonzept"),
        area_name=programme.area_name if programme else "",
        summary=programme.summary if programme else "",
        situation=programme.situation if programme else "",
        contact=programme.contact if programme else "",
        edition=edition,
        generated_at=timezone.localtime(),
        funding_programmes=[item.name for item in funding_programmes],
        quarters=[AnnexQuarter(q.name, q.description, q.in_programme_area) for q in quarters],
        target_groups=[
            AnnexTargetGroup(group.name, group.parent.name if group.parent else "", str(group.age_range))
            for group in target_groups
        ],
        fields_of_action=[(item.name, item.description) for item in fields_of_action],
        indicators=_indicators(),  # 1 query
        swot=_swot(quarters),  # 1 query
        goals=_goals(measures),  # 1 query
        fields=_fields(fields_of_action, measures),
        measure_count=len(measures),
        funding_sums=_funding_sums(funding_programmes, measures),
        catalogue=catalogue,
        provider_count=provider_count,
        offer_count=offer_count,
        overlaps=_overlaps(),  # 7 queries
        gaps=_gaps(),  # see providers.selectors.gaps
        workshops=_workshops(),  # 3 queries
        effects=effects_chapter(),  # 6 queries, see effects.py
        network=network_chapter(),  # 10 queries
    )


def _indicators():
    values = IndicatorValue.objects.select_related("indicator", "quarter").order_by(
        "indicator__order", "indicator__name", "quarter__order", "quarter__name", "year"
    )
    tables = {}
    cells = defaultdict(dict)
    for value in values:
        indicator = value.indicator
        table = tables.get(indicator.pk)
        if table is None:
            table = tables[indicator.pk] = IndicatorTable(
                name=indicator.name,
                slug=indicator.slug,
                unit=indicator.unit,
                description=indicator.description,
                years=[],
                quarters=[],
                values=[],
                sources=[],
            )
        if value.year not in table.years:
            table.years.append(value.year)
        if value.quarter.name not in table.quarters:
            table.quarters.append(value.quarter.name)
        if value.source and value.source not in table.sources:
            table.sources.append(value.source)
        cells[indicator.pk][(value.quarter.name, value.year)] = value.value
    for pk, table in tables.items():
        table.years.sort()
        table.values = [[cells[pk].get((quarter, year)) for year in table.years] for quarter in table.quarters]
    return list(tables.values())


def _swot(quarters):
    by_quarter = defaultdict(lambda: defaultdict(list))
    for item in SwotItem.objects.order_by("order", "pk"):
        by_quarter[item.quarter_id][item.kind].append(item.text)
    blocks = []
    for quarter in quarters:
        kinds = by_quarter.get(quarter.pk)
        if not kinds:
            continue
        blocks.append(
            SwotBlock(
                quarter=quarter.name,
                kinds=[(kind.label, kinds.get(kind.value, [])) for kind in SwotItem.Kind],
            )
        )
    return blocks


def _measures():
    """Published measures with everything the report prints about them."""
    return list(
        Measure.objects.published()
        .order_by("code")
        .prefetch_related(
            Prefetch("partners", queryset=Provider.objects.only("name").order_by("name")),
            Prefetch("fields_of_action", queryset=FieldOfAction.objects.all()),
            Prefetch("goals", queryset=Goal.objects.only("title", "order")),
            Prefetch("quarters", queryset=Quarter.objects.only("name", "order")),
            Prefetch("target_groups", queryset=TargetGroup.objects.only("name", "order")),
            Prefetch(
                "funding_lines",
                queryset=FundingLine.objects.select_related("programme").order_by("programme__name", "year"),
            ),
        )
    )


def _measure_ref(measure):
    return MeasureRef(code=measure.code, title=measure.title, anchor=measure_anchor(measure.code))


def _measure_item(measure):
    light = measure.traffic_light
    return MeasureItem(
        code=measure.code,
        title=measure.title,
        anchor=measure_anchor(measure.code),
        summary=measure.summary,
        description=measure.description_beyond_summary,
        status=measure.status,
        status_label=measure.get_status_display(),
        progress=measure.progress,
        start_date=measure.start_date,
        end_date=measure.end_date,
        lead=measure.lead,
        partners=[partner.name for partner in measure.partners.all()],
        fields_of_action=[item.name for item in measure.fields_of_action.all()],
        goals=[goal.title for goal in measure.goals.all()],
        quarters=[quarter.name for quarter in measure.quarters.all()],
        target_groups=[group.name for group in measure.target_groups.all()],
        funding=[
            FundingItem(programme=str(line.programme), amount=line.amount, year=line.year, note=line.note)
            for line in measure.funding_lines.all()
        ],
        traffic_light=light,
        traffic_light_label=measure.get_traffic_light_display() if light else "",
        traffic_light_colour=TRAFFIC_LIGHT_COLOURS.get(light, ""),
        traffic_light_reason=measure.traffic_light_reason,
    )


def _goals(measures):
    """Goals in tree order (top goal, its sub-goals, …) with the measures serving each."""
    goals = list(Goal.objects.all())
    serving = defaultdict(list)
    for measure in measures:
        for goal in measure.goals.all():
            serving[goal.pk].append(_measure_ref(measure))
    children = defaultdict(list)
    for goal in goals:
        children[goal.parent_id].append(goal)
    known = {goal.pk for goal in goals}
    roots = [goal for goal in goals if goal.parent_id is None or goal.parent_id not in known]

    items, seen = [], set()

    def visit(goal, depth):
        if goal.pk in seen:
            return
        seen.add(goal.pk)
        items.append(GoalItem(goal.title, goal.description, depth, serving.get(goal.pk, [])))
        for child in children.get(goal.pk, []):
            visit(child, depth + 1)

    for root in roots:
        visit(root, 0)
    return items


def _fields(fields_of_action, measures):
    """Each measure is printed in full under its first field and referenced in the others."""
    sections = {item.pk: FieldSection(item.name, item.description, [], []) for item in fields_of_action}
    without = FieldSection(_("Ohne Handlungsfeld"), "", [], [])
    for measure in measures:
        fields = list(measure.fields_of_action.all())
        if not fields:
            without.measures.append(_measure_item(measure))
            continue
        sections[fields[0].pk].measures.append(_measure_item(measure))
        for other in fields[1:]:
            sections[other.pk].references.append(_measure_ref(measure))
    result = [section for section in sections.values() if section.measures or section.references]
    if without.measures:
        result.append(without)
    return result


def _funding_sums(funding_programmes, measures):
    amounts = defaultdict(Decimal)
    measure_ids = defaultdict(set)
    for measure in measures:
        for line in measure.funding_lines.all():
            amounts[line.programme_id] += line.amount
            measure_ids[line.programme_id].add(measure.pk)
    return [
        FundingSum(
            programme=item.name,
            kind=item.get_kind_display(),
            amount=amounts[item.pk],
            measure_count=len(measure_ids[item.pk]),
        )
        for item in funding_programmes
        if item.pk in amounts
    ]


def _catalogue(quarters, target_groups):
    """Active offers by quarter and target group, with the providers that make them."""
    offers = {
        offer["pk"]: offer
        for offer in Offer.objects.active().values("pk", "title", "provider_id", "provider__name")
    }
    in_quarter = Offer.quarters.through.objects.filter(offer__active=True).values_list("offer_id", "quarter_id")
    for_group = Offer.target_groups.through.objects.filter(offer__active=True).values_list(
        "offer_id", "targetgroup_id"
    )
    groups_of_offer = defaultdict(list)
    for offer_id, group_id in for_group:
        groups_of_offer[offer_id].append(group_id)

    # cells[quarter][group][provider] = [offer titles]
    cells = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for offer_id, quarter_id in in_quarter:
        offer = offers.get(offer_id)
        if offer is None:
            continue
        for group_id in groups_of_offer.get(offer_id, []):
            cells[quarter_id][group_id][(offer["provider__name"], offer["provider_id"])].append(offer["title"])

    catalogue = []
    for quarter in quarters:
        by_group = cells.get(quarter.pk, {})
        rows = []
        for group in target_groups:
            providers = by_group.get(group.pk)
            if not providers:
                continue
            entries = [
                ProviderEntry(name=name, offers=sorted(titles))
                for (name, _pk), titles in sorted(providers.items(), key=lambda item: item[0][0].lower())
            ]
            rows.append(CatalogueRow(target_group=group.name, providers=entries))
        catalogue.append(QuarterCatalogue(quarter=quarter.name, rows=rows))
    provider_count = len({offer["provider_id"] for offer in offers.values()})
    return catalogue, provider_count, len(offers)


def _overlaps():
    """The parallel offers (the default check), with the reasons of deliberate ones."""
    items = []
    for parallel in overlap_selectors.parallel_offers():
        review = parallel.review if parallel.is_deliberate else None
        items.append(
            OverlapItem(
                quarter=parallel.quarter.name,
                target_group=parallel.target_group.name,
                providers=[provider.name for provider in parallel.providers],
                offer_count=parallel.offer_count,
                status=parallel.status,
                reason=review.reason if review else "",
                decided_at=review.decided_at if review else None,
                service_type=parallel.service_type.name,
                concurrent_times=parallel.concurrent_times,
            )
        )
    return items


def _gaps():
    return [
        GapItem(
            quarter=gap.quarter.name,
            target_group=gap.target_group.name,
            demand=gap.demand,
            demand_indicator=str(gap.demand_indicator) if gap.demand_indicator else "",
            demand_year=gap.demand_year,
        )
        for gap in overlap_selectors.gaps()
    ]


def _workshops():
    workshops = (
        Workshop.objects.published()
        .select_related("series", "quarter", "measure")
        .order_by("starts_at", "pk")
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("provider").order_by("pk")),
            Prefetch("results", queryset=WorkshopResult.objects.order_by("order", "pk")),
        )
    )
    items = []
    for workshop in workshops:
        items.append(
            WorkshopItem(
                title=workshop.title,
                kind=workshop.get_kind_display(),
                series=workshop.series.title if workshop.series else "",
                starts_at=timezone.localtime(workshop.starts_at),
                ends_at=timezone.localtime(workshop.ends_at),
                venue=workshop.venue,
                address=workshop.address,
                quarter=workshop.quarter.name if workshop.quarter else "",
                measure=str(workshop.measure) if workshop.measure else "",
                documentation=workshop.documentation,
                participants=sorted(
                    {participant.name for participant in workshop.participants.all() if participant.name},
                    key=str.lower,
                ),
                results=[
                    ResultItem(
                        title=result.title,
                        theme=result.theme,
                        responsible=result.responsible,
                        traffic_light=result.traffic_light,
                        traffic_light_label=result.get_traffic_light_display() if result.traffic_light else "",
                        traffic_light_colour=TRAFFIC_LIGHT_COLOURS.get(result.traffic_light, ""),
                        note=result.note,
                    )
                    for result in workshop.results.all()
                ],
            )
        )
    return items
