"""Reads for the public measure pages and the start page."""

from django.db.models import Prefetch

from measures.models import FundingLine, Goal, Measure, MeasureDocument
from providers.models import Provider


def public_measures():
    return Measure.objects.published()


def goal_tree():
    """Top goals with their sub-goals (2 queries)."""
    return (
        Goal.objects.filter(parent__isnull=True)
        .order_by("order", "title")
        .prefetch_related(Prefetch("children", queryset=Goal.objects.order_by("order", "title")))
    )


def measure_list_queryset():
    """Published measures with what the list shows (1 query + 2 prefetches)."""
    return public_measures().prefetch_related("fields_of_action", "quarters")


def measure_detail_queryset():
    """Published measures with everything the detail page shows (1 + 7 queries)."""
    return public_measures().prefetch_related(
        Prefetch(
            "goals",
            queryset=Goal.objects.select_related("parent").order_by(
                "parent__order", "parent__title", "parent", "order", "title"
            ),
        ),
        "fields_of_action",
        "target_groups",
        "quarters",
        Prefetch("partners", queryset=Provider.objects.order_by("name")),
        Prefetch(
            "funding_lines",
            queryset=FundingLine.objects.select_related("programme").order_by("programme__name", "year"),
        ),
        Prefetch("documents", queryset=MeasureDocument.objects.order_by("title")),
    )


def public_document(pk):
    """A measure document, only when its measure is published."""
    return MeasureDocument.objects.select_related("measure").filter(measure__published=True, pk=pk).first()


def measures_with_partner(provider):
    """Published measures in which ``provider`` is a partner, for its page (1 query)."""
    return public_measures().filter(partners=provider).order_by("code")
