"""Chapter 8 of the concept report, "Wirkungen und Zielerreichung": the intended effects
of the published measures by goal, their figures, status and charts.

Gathered as plain dataclasses (6 queries, see ``impact.selectors.programme_impact``) so
that the renderer never touches the ORM.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from measures import impact
from sozialraum.portal.impact import selectors
from sozialraum.portal.impact.charts import effect_chart

#: Print colours of the status; the report always prints the label next to them.
STATUS_COLOURS = {
    impact.Status.REACHED: "#1a7f37",
    impact.Status.ON_TRACK: "#1a7f37",
    impact.Status.DELAYED: "#e0b000",
    impact.Status.AT_RISK: "#c62828",
    impact.Status.NO_DATA: "#8c959f",
}


@dataclass
class EffectItem:
    anchor: str
    measure_code: str
    measure_title: str
    title: str
    level: str
    summary: str
    status: str
    status_label: str
    status_colour: str
    overridden: bool
    override_reason: str
    indicator: str
    quarter: str
    #: the time-series chart as SVG markup ('' without figures); its title is the alt text
    chart: str
    #: (year, quarter value, city value, note)
    rows: list[tuple]


@dataclass
class EffectMeasure:
    code: str
    title: str
    status_label: str
    impact_status_label: str
    effects: list[EffectItem]


@dataclass
class EffectGoal:
    title: str
    depth: int
    measures: list[EffectMeasure]
    #: [(label, number)] of the statuses of the goal's effects
    counts: list[tuple[str, int]]


@dataclass
class EffectsChapter:
    goals: list[EffectGoal]
    counts: list[tuple[str, int]]
    effect_count: int
    measured_count: int
    rule: list[str]

    @property
    def charted(self):
        """The effects with figures, once each, in measure order."""
        seen, items = set(), []
        for goal in self.goals:
            for measure in goal.measures:
                for item in measure.effects:
                    if item.chart and item.anchor not in seen:
                        seen.add(item.anchor)
                        items.append(item)
        return sorted(items, key=lambda item: item.anchor)


def _item(view):
    effect = view.effect
    return EffectItem(
        anchor=f"wirkung-{effect.measure.code}-{effect.pk}".replace(".", "-"),
        measure_code=effect.measure.code,
        measure_title=effect.measure.title,
        title=effect.title,
        level=effect.get_level_display(),
        summary=view.summary,
        status=view.status or "",
        status_label=str(view.status_label),
        status_colour=STATUS_COLOURS.get(view.status, ""),
        overridden=view.assessment.overridden,
        override_reason=effect.status_override_reason if view.assessment.overridden else "",
        indicator=effect.indicator.name if effect.indicator else "",
        quarter=effect.quarter.name if effect.quarter else "",
        chart=effect_chart(view.item),
        rows=view.table_rows,
    )


def effects_chapter(*, year=None):
    """The chapter's content from the published measures (German whatever the request)."""
    with translation.override("de"):
        programme = selectors.programme_impact(published_only=True, year=year)
        items = {view.effect.pk: _item(view) for view in programme.effects}
        goals = [
            EffectGoal(
                title=goal.title,
                depth=goal.depth,
                measures=[
                    EffectMeasure(
                        code=item.measure.code,
                        title=item.measure.title,
                        status_label=item.measure.get_status_display(),
                        impact_status_label=str(item.status_label),
                        effects=[items[view.effect.pk] for view in item.effects],
                    )
                    for item in goal.measures
                ],
                counts=[(str(status.label), number) for status, number in goal.counts],
            )
            for goal in programme.goals
        ]
        return EffectsChapter(
            goals=goals,
            counts=[(str(status.label), number) for status, number in programme.counts],
            effect_count=len(programme.effects),
            measured_count=len(programme.measured),
            rule=impact.status_rule() + [_(
                "Der Status einer Maßnahme ist der ungünstigste Status ihrer Wirkungen."
            )],
        )
