"""Reads for the public pages of the shared core: the programme area and quarter profiles."""

from collections import OrderedDict

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber

from providers.models import Offer
from sozialraum.models import IndicatorValue, Quarter, SwotItem, TargetGroup


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


def latest_share_values(values):
    """The newest value of each indicator measured in percent, for the bar chart."""
    latest = OrderedDict()
    for value in values:
        if value.indicator.unit.strip() == "%":
            latest[value.indicator_id] = value
    return [
        {"value": value, "width": max(0, min(100, float(value.value)))}
        for value in latest.values()
    ]


OFFERS_PER_TARGET_GROUP = 12


def quarter_offer_groups(quarter, *, limit=OFFERS_PER_TARGET_GROUP):
    """The quarter's active offers by target group, at most ``limit`` a group (by title),
    each group with its full count: [(target group or None, count, [offers])], target
    groups in their order, offers for no particular group ("für alle") last.

    Three queries whatever the catalogue's size: counts per group (key None: offers for
    no particular group); the first offers of each group (a window function numbers them
    per group); the first offers without a group.
    """
    placed = Offer.objects.active().filter(quarters=quarter)
    counts = dict(placed.values_list("target_groups").annotate(n=Count("pk", distinct=True)).order_by())
    Placement = Offer.target_groups.through
    firsts = (
        Placement.objects.filter(offer__in=placed)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("targetgroup_id"), order_by=[F("offer__title").asc(), F("offer_id").asc()]
            )
        )
        .filter(rank__lte=limit)
        .select_related("targetgroup", "offer__provider")
    )
    groups = {}
    for placement in firsts:
        groups.setdefault(placement.targetgroup, []).append(placement.offer)
    ordered = [
        (group, counts.get(group.pk, len(offers)), sorted(offers, key=lambda offer: (offer.title, offer.pk)))
        for group, offers in sorted(groups.items(), key=lambda item: (item[0].order, item[0].name))
    ]
    without = placed.filter(target_groups__isnull=True).select_related("provider").order_by("title", "pk")
    shown = list(without[:limit])
    if shown:
        ordered.append((None, counts.get(None, len(shown)), shown))
    return ordered


def quarter_swot(quarter):
    return SwotItem.objects.filter(quarter=quarter).order_by("kind", "order", "pk")


def indicator_table(values):
    """Indicator values pivoted for a table: one row per indicator, one column per year.

    Returns ``(years, rows)``; each row has ``indicator``, ``cells`` (value or None per
    year, in the order of ``years``) and ``sources`` (the distinct sources, in order).
    """
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
        }
        for row in rows.values()
    ]
