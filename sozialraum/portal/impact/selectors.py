"""Reads for the programme dashboard and the balance (Bilanz): goals → measures → effects
→ indicators, in a fixed number of queries whatever the size of the programme."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Sum
from django.utils.translation import gettext as _

from measures import impact
from measures.models import Effect, FundingLine, Goal, Measure
from sozialraum.models import TrafficLight
from workshops.models import Workshop, WorkshopResult

from .presenters import STATUS_LIGHT, EffectView

Status = impact.Status

#: The worst status of a measure's effects is the measure's status at a glance.
SEVERITY = [Status.AT_RISK, Status.DELAYED, Status.NO_DATA, Status.ON_TRACK, Status.REACHED]


def worst_status(statuses):
    present = [status for status in statuses if status]
    return min(present, key=SEVERITY.index) if present else None


def count_statuses(views):
    """[(Status, number)] in the order of the choices, only those that occur."""
    counts = defaultdict(int)
    for view in views:
        if view.status:
            counts[view.status] += 1
    return [(Status(status), counts[status]) for status in Status.values if counts[status]]


class EffectSummary:
    """What a group of assessed effects (``self.effects``) says at a glance."""

    @property
    def status(self):
        return worst_status(view.status for view in self.effects)

    @property
    def status_label(self):
        return Status(self.status).label if self.status else ""

    @property
    def counts(self):
        return count_statuses(self.effects)

    @property
    def measured_count(self):
        return sum(1 for view in self.effects if view.status)

    @property
    def reached_count(self):
        return sum(1 for view in self.effects if view.status == Status.REACHED)


@dataclass
class MeasureImpact(EffectSummary):
    measure: Measure
    effects: list[EffectView]

    @property
    def light(self):
        return STATUS_LIGHT.get(self.status, "none")


@dataclass
class GoalImpact(EffectSummary):
    title: str
    depth: int
    measures: list[MeasureImpact]

    @property
    def effects(self):
        return [view for item in self.measures for view in item.effects]


@dataclass
class ProgrammeImpact:
    goals: list[GoalImpact]
    #: every measure once, in code order
    measures: list[MeasureImpact]
    effects: list[EffectView] = field(default_factory=list)

    @property
    def counts(self):
        return count_statuses(self.effects)

    def count(self, status):
        return sum(1 for view in self.effects if view.status == status)

    @property
    def measured(self):
        return [view for view in self.effects if view.status]


def programme_impact(*, published_only=False, year=None):
    """Goals in tree order with their measures and assessed effects (6 queries).

    Measures without a goal come last under "ohne Ziel". ``published_only`` keeps what
    the public may see (the concept report).
    """
    goals = list(Goal.objects.order_by("order", "title"))  # 1
    measures = Measure.objects.order_by("code").prefetch_related(  # 2
        Prefetch("goals", queryset=Goal.objects.only("pk"))
    )
    effects = Effect.objects.select_related("indicator", "quarter").order_by("order", "pk")  # 1
    if published_only:
        measures = measures.published()
        effects = effects.published()
    measures = list(measures)
    views_by_measure = defaultdict(list)
    views = [EffectView(item) for item in impact.assessed_effects(effects, year=year)]  # 2
    for view in views:
        views_by_measure[view.effect.measure_id].append(view)

    items = [MeasureImpact(measure, views_by_measure.get(measure.pk, [])) for measure in measures]
    for item in items:
        for view in item.effects:
            view.effect.measure = item.measure  # no query for the measure of an effect
    serving = defaultdict(list)
    without_goal = []
    for item in items:
        goal_ids = [goal.pk for goal in item.measure.goals.all()]
        for goal_id in goal_ids:
            serving[goal_id].append(item)
        if not goal_ids:
            without_goal.append(item)

    children = defaultdict(list)
    known = {goal.pk for goal in goals}
    for goal in goals:
        children[goal.parent_id if goal.parent_id in known else None].append(goal)
    result = []

    def visit(goal, depth, seen):
        if goal.pk in seen:
            return
        seen.add(goal.pk)
        result.append(GoalImpact(goal.title, depth, serving.get(goal.pk, [])))
        for child in children.get(goal.pk, []):
            visit(child, depth + 1, seen)

    seen = set()
    for root in children.get(None, []):
        visit(root, 0, seen)
    if without_goal:
        result.append(GoalImpact(_("Maßnahmen ohne Ziel"), 0, without_goal))
    return ProgrammeImpact(goals=result, measures=items, effects=views)


@dataclass
class FundingSpent:
    programme: str
    amount: Decimal
    measure_count: int


@dataclass
class ContinuationWorkshop:
    """A workshop that judged activities with a traffic light (will they continue?)."""

    title: str
    date: object
    results: list[WorkshopResult]

    def count(self, light):
        return sum(1 for result in self.results if result.traffic_light == light)

    @property
    def green(self):
        return self.count(TrafficLight.GREEN)

    @property
    def light_counts(self):
        return [(light, light.label, self.count(light)) for light in TrafficLight if self.count(light)]


@dataclass
class Balance:
    impact: ProgrammeImpact
    funding: list[FundingSpent]
    workshops: list[ContinuationWorkshop]

    @property
    def funding_total(self):
        return sum((item.amount for item in self.funding), Decimal("0"))

    @property
    def effects_reached(self):
        return [view for view in self.impact.measured if view.status == Status.REACHED]

    @property
    def effects_not_reached(self):
        return [view for view in self.impact.measured if view.status != Status.REACHED]


def funding_spent(*, published_only=False):
    """Money per funding programme over all measures (1 query)."""
    lines = FundingLine.objects.all()
    if published_only:
        lines = lines.filter(measure__published=True)
    rows = (
        lines.values("programme__name", "programme__short_name")
        .annotate(amount=Sum("amount"), measures=Count("measure", distinct=True))
        .order_by("programme__name")
    )
    return [
        FundingSpent(
            programme=row["programme__name"],
            amount=row["amount"] or Decimal("0"),
            measure_count=row["measures"],
        )
        for row in rows
    ]


def continuation_workshops(*, published_only=False):
    """Workshops with traffic-light results, oldest first, with their results (2 queries)."""
    workshops = Workshop.objects.filter(results__traffic_light__in=TrafficLight.values).distinct()
    if published_only:
        workshops = workshops.published()
    workshops = workshops.order_by("starts_at", "pk").prefetch_related(
        Prefetch(
            "results",
            queryset=WorkshopResult.objects.exclude(traffic_light="").order_by("order", "pk"),
        )
    )
    return [
        ContinuationWorkshop(title=workshop.title, date=workshop.starts_at, results=list(workshop.results.all()))
        for workshop in workshops
    ]


def programme_balance(*, published_only=False, year=None):
    """The balance at the end of a funding period (9 queries)."""
    return Balance(
        impact=programme_impact(published_only=published_only, year=year),
        funding=funding_spent(published_only=published_only),
        workshops=continuation_workshops(published_only=published_only),
    )
