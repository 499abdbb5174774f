"""How an assessed effect reads on the pages and in the report: the one-line summary,
the status as a labelled light, the chart and its table."""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from measures.impact import AssessedEffect, Status

from .charts import effect_chart

#: The light class of each status; the label is always printed with it.
STATUS_LIGHT = {
    Status.REACHED: "green",
    Status.ON_TRACK: "green",
    Status.DELAYED: "yellow",
    Status.AT_RISK: "red",
    Status.NO_DATA: "none",
}


def places_of(*values):
    """The decimal places (0–2) that the figures need, so that they read evenly."""
    places = 0
    for value in values:
        if value is not None:
            places = max(places, min(2, max(0, -value.normalize().as_tuple().exponent)))
    return places


def figure(value, unit="", places=None):
    """19.60 → "19,6 %" (in the active language's number format)."""
    if value is None:
        return "–"
    text = number_format(value, decimal_pos=places_of(value) if places is None else places, use_l10n=True)
    return f"{text} {unit}".strip() if unit else text


def effect_summary(item):
    """"SGB-II-Quote 19,6 % (2021) → 18,4 % (2025), Ziel 17,0 % bis 2027: 46 % des Weges"."""
    effect, assessment = item.effect, item.assessment
    if effect.indicator_id is None:
        return ""
    unit = effect.indicator.unit
    baseline, latest = assessment.baseline, assessment.latest
    places = places_of(effect.target_value, baseline.value if baseline else None, latest.value if latest else None)
    parts = [effect.indicator.name]
    if baseline:
        parts.append(f" {figure(baseline.value, unit, places)} ({baseline.year})")
    if latest:
        parts.append(f" → {figure(latest.value, unit, places)} ({latest.year})")
    else:
        parts.append(" → " + _("kein Wert"))
    text = "".join(parts) + ", " + _("Ziel %(value)s bis %(year)s") % {
        "value": figure(effect.target_value, unit, places),
        "year": effect.target_year,
    }
    if assessment.progress is not None:
        text += ": " + _("%(percent)s %% des Weges") % {"percent": assessment.progress}
    return text


@dataclass
class EffectView:
    item: AssessedEffect

    @property
    def effect(self):
        return self.item.effect

    @property
    def assessment(self):
        return self.item.assessment

    @property
    def status(self):
        return self.item.status

    @property
    def status_label(self):
        return self.item.status_label

    @property
    def light(self):
        return STATUS_LIGHT.get(self.item.status, "none")

    @property
    def summary(self):
        return effect_summary(self.item)

    @property
    def chart(self):
        return mark_safe(effect_chart(self.item))  # noqa: S308 (built from escaped parts)

    @property
    def table_rows(self):
        """(year, quarter value, city value, note) per year of either series or the target."""
        effect = self.effect
        unit = effect.indicator.unit if effect.indicator else ""
        quarter = {point.year: point.value for point in self.item.series}
        city = {point.year: point.value for point in self.item.city_series}
        years = sorted(set(quarter) | set(city) | ({effect.target_year} if effect.target_year else set()))
        baseline = self.assessment.baseline
        rows = []
        for year in years:
            notes = []
            if baseline and year == baseline.year:
                notes.append(_("Ausgangswert %(value)s") % {"value": figure(baseline.value, unit)})
            if year == effect.target_year:
                notes.append(_("Zielwert %(value)s") % {"value": figure(effect.target_value, unit)})
            rows.append((year, figure(quarter.get(year), unit), figure(city.get(year), unit), "; ".join(notes)))
        return rows


def effect_views(items):
    return [EffectView(item) for item in items]
