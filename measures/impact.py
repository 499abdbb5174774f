"""Wirkungsmonitoring: how far an intended effect has come, and its status.

The rule, as the pages state it (``status_rule()``):

1. An effect without an indicator is described, not measured: it has no computed status.
2. No value of the indicator in the quarter, or the newest one is more than
   ``STALE_AFTER_YEARS`` years older than the current year: "keine aktuellen Daten".
3. The newest value reaches the target (in the stated direction): "Ziel erreicht".
4. Progress is the share of the way from the baseline to the target covered by the newest
   value: (newest − baseline) / (target − baseline), the same formula for both directions.
   Without a baseline, the oldest recorded value of the series serves as the baseline.
5. The figures of the target year (or later) miss the target, or there is no progress at
   all (0 % or less, the figures moved the wrong way): "gefährdet".
6. The expected share grows evenly from the baseline year to the target year. Progress at
   most ``TOLERANCE`` percentage points below it: "im Plan"; further below: "verzögert".

A status that staff set by hand (with a reason) wins over the computed one.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from measures.models import Effect
from sozialraum.models import CityIndicatorValue, IndicatorValue

#: Values this many years older than the current year (or older still) are not current.
STALE_AFTER_YEARS = 2
#: Percentage points that progress may lag behind the even path and still be "im Plan".
TOLERANCE = 10

Status = Effect.Status
Direction = Effect.Direction


def status_rule():
    """The rule in plain German sentences, for the pages and the report."""
    return [
        gettext(
            "Der Fortschritt ist der Anteil des Weges vom Ausgangswert zum Zielwert, den der neueste Wert "
            "zurückgelegt hat. Ohne Ausgangswert gilt der älteste erfasste Wert als Ausgangswert."
        ),
        gettext(
            "„keine aktuellen Daten“: Es gibt keinen Wert, oder der neueste Wert ist mehr als %(years)s Jahre "
            "älter als das laufende Jahr."
        )
        % {"years": STALE_AFTER_YEARS},
        gettext("„Ziel erreicht“: Der neueste Wert erreicht den Zielwert."),
        gettext("„gefährdet“: Kein Fortschritt (0 % oder weniger), oder die Werte des Zieljahres verfehlen das Ziel."),
        gettext(
            "„im Plan“: Der Fortschritt liegt höchstens %(points)s Prozentpunkte unter dem gleichmäßigen Weg vom "
            "Ausgangsjahr zum Zieljahr; „verzögert“: weiter darunter."
        )
        % {"points": TOLERANCE},
        gettext("Die Verwaltung kann den Status mit Begründung von Hand setzen; die Begründung steht dann dabei."),
    ]


@dataclass(frozen=True)
class Point:
    year: int
    value: Decimal


@dataclass(frozen=True)
class Assessment:
    """What the rule says about one effect."""

    #: the computed status (a Status value) or None for an effect without an indicator
    computed: str | None
    #: the status shown: the override if staff set one, else the computed one
    status: str | None
    overridden: bool
    baseline: Point | None
    latest: Point | None
    #: share of the way in percent (rounded, may be negative or above 100), None if not computable
    progress: int | None
    #: share of the way the even path expects by the latest year, in percent
    expected: int | None

    @property
    def status_label(self):
        return Status(self.status).label if self.status else _("ohne Messung")


def _percent(share):
    return int((share * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def reaches(direction, value, target):
    return value >= target if direction == Direction.HIGHER else value <= target


def assess(effect, series, *, current_year):
    """Assess ``effect`` from ``series`` (Points of its indicator in its quarter, any order)."""
    series = sorted(series, key=lambda point: point.year)
    computed, baseline, latest, progress, expected = _compute(effect, series, current_year)
    override = effect.status_override or None
    return Assessment(
        computed=computed,
        status=override or computed,
        overridden=bool(override),
        baseline=baseline,
        latest=latest,
        progress=progress,
        expected=expected,
    )


def _compute(effect, series, current_year):
    if effect.indicator_id is None:
        return None, None, None, None, None
    if effect.baseline_year is not None:
        baseline = Point(effect.baseline_year, effect.baseline_value)
    else:
        baseline = series[0] if series else None
    latest = series[-1] if series else None
    if latest is None or current_year - latest.year > STALE_AFTER_YEARS:
        return Status.NO_DATA, baseline, latest, None, None

    target = effect.target_value
    way = target - baseline.value
    progress = _percent((latest.value - baseline.value) / way) if way else None
    span = effect.target_year - baseline.year
    if span > 0:
        expected = _percent(Decimal(min(max(latest.year - baseline.year, 0), span)) / Decimal(span))
    else:
        expected = 100

    if reaches(effect.direction, latest.value, target):
        return Status.REACHED, baseline, latest, progress, expected
    if latest.year >= effect.target_year or progress is None or progress <= 0:
        return Status.AT_RISK, baseline, latest, progress, expected
    if progress >= expected - TOLERANCE:
        return Status.ON_TRACK, baseline, latest, progress, expected
    return Status.DELAYED, baseline, latest, progress, expected


def series_by_pair(values):
    """{(indicator id, quarter id): [Point, …]} from IndicatorValue rows."""
    pairs = {}
    for value in values:
        pairs.setdefault((value.indicator_id, value.quarter_id), []).append(Point(value.year, value.value))
    return pairs


@dataclass
class AssessedEffect:
    """An effect with its figures and what the rule says about them."""

    effect: Effect
    assessment: Assessment
    #: the indicator's values in the effect's quarter, oldest first
    series: list[Point]
    #: the city-wide reference values of the indicator, oldest first
    city_series: list[Point]

    @property
    def status(self):
        return self.assessment.status

    @property
    def status_label(self):
        return self.assessment.status_label


def current_year():
    return timezone.localdate().year


def assessed_effects(effects, *, year=None):
    """Assess ``effects`` (with ``indicator`` and ``quarter`` loaded): 2 queries for all of them
    (the quarters' values and the city's), none when no effect has an indicator."""
    effects = list(effects)
    year = year or current_year()
    measured = [effect for effect in effects if effect.indicator_id]
    indicator_ids = {effect.indicator_id for effect in measured}
    quarter_ids = {effect.quarter_id for effect in measured}
    pairs, city = {}, {}
    if measured:
        values = IndicatorValue.objects.filter(indicator_id__in=indicator_ids, quarter_id__in=quarter_ids).only(
            "indicator_id", "quarter_id", "year", "value"
        )
        pairs = series_by_pair(values)
        for value in CityIndicatorValue.objects.filter(indicator_id__in=indicator_ids).only(
            "indicator_id", "year", "value"
        ):
            city.setdefault(value.indicator_id, []).append(Point(value.year, value.value))
    result = []
    for effect in effects:
        series = sorted(pairs.get((effect.indicator_id, effect.quarter_id), []), key=lambda point: point.year)
        result.append(
            AssessedEffect(
                effect=effect,
                assessment=assess(effect, series, current_year=year),
                series=series,
                city_series=sorted(city.get(effect.indicator_id, []), key=lambda point: point.year),
            )
        )
    return result


def measure_effects(measure, *, year=None):
    """The effects of one measure, assessed (3 queries)."""
    effects = measure.effects.select_related("indicator", "quarter").order_by("order", "pk")
    return assessed_effects(effects, year=year)


def status_counts(assessed):
    """[(Status, number)] in the order of the Status choices, only those that occur."""
    counts = {}
    for item in assessed:
        if item.status:
            counts[item.status] = counts.get(item.status, 0) + 1
    return [(Status(status), counts[status]) for status in Status.values if status in counts]
