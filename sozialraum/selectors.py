"""Reads for the public pages of the shared core: the programme area and quarter profiles."""

from collections import OrderedDict

from sozialraum.common.numbers import decimals_for
from sozialraum.models import CityIndicatorValue, IndicatorValue, Quarter, SwotItem


def programme_quarters():
    """Quarters of the programme area, for the start page map (1 query)."""
    return Quarter.objects.filter(in_programme_area=True)


def quarter_indicator_values(quarter):
    """All indicator values of a quarter, indicator by indicator, oldest year first (1 query)."""
    return (
        IndicatorValue.objects.filter(quarter=quarter)
        .select_related("indicator")
        .order_by("indicator__order", "indicator__name", "year")
    )


def number_formats(values):
    """Indicator id → ``floatformat`` argument: one number of decimals per indicator, the
    places its most precise value needs, with thousands separators."""
    by_indicator = {}
    for value in values:
        by_indicator.setdefault(value.indicator_id, []).append(value.value)
    return {indicator: f"{decimals_for(figures)}g" for indicator, figures in by_indicator.items()}


def latest_share_values(values):
    """The newest value of each indicator measured in percent, for the bar chart."""
    formats = number_formats(values)
    latest = OrderedDict()
    for value in values:
        if value.indicator.unit.strip() == "%":
            latest[value.indicator_id] = value
    return [
        {"value": value, "width": max(0, min(100, float(value.value))), "number_format": formats[indicator]}
        for indicator, value in latest.items()
    ]


def quarter_swot(quarter):
    return SwotItem.objects.filter(quarter=quarter).order_by("kind", "order", "pk")


def indicator_table(values):
    """Indicator values pivoted for a table: one row per indicator, one column per year.

    Returns ``(years, rows)``; each row has ``indicator``, ``cells`` (value or None per
    year, in the order of ``years``), ``sources`` (the distinct sources, in order) and
    ``number_format`` (one number of decimals for all of the indicator's figures).
    """
    formats = number_formats(values)
    years = sorted({value.year for value in values})
    rows = OrderedDict()
    for value in values:
        row = rows.setdefault(value.indicator_id, {"indicator": value.indicator, "by_year": {}, "sources": []})
        row["by_year"][value.year] = value
        if value.source and value.source not in row["sources"]:
            row["sources"].append(value.source)
    return years, [
        {
            "indicator": row["indicator"],
            "cells": [row["by_year"].get(year) for year in years],
            "sources": row["sources"],
            "number_format": formats[indicator],
        }
        for indicator, row in rows.items()
    ]


def city_comparison(rows):
    """Each indicator of a quarter against the city-wide reference (1 query).

    ``rows`` are the rows of :func:`indicator_table`. Per indicator: its newest value in the
    quarter and the city's value of the same year (or, lacking that, the city's newest),
    and the difference when both are of the same year.
    """
    indicator_ids = [row["indicator"].pk for row in rows]
    city = {}
    for value in CityIndicatorValue.objects.filter(indicator_id__in=indicator_ids).order_by("year"):
        city.setdefault(value.indicator_id, {})[value.year] = value
    comparison = []
    for row in rows:
        latest = next((cell for cell in reversed(row["cells"]) if cell), None)
        by_year = city.get(row["indicator"].pk, {})
        reference = by_year.get(latest.year) if latest else None
        if reference is None and by_year:
            reference = by_year[max(by_year)]
        same_year = bool(latest and reference and reference.year == latest.year)
        comparison.append(
            {
                "indicator": row["indicator"],
                "quarter": latest,
                "city": reference,
                "difference": latest.value - reference.value if same_year else None,
            }
        )
    return comparison
