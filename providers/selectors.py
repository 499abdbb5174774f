"""Reads for the public provider directory."""

from django.db.models import Prefetch

from measures.models import Measure
from providers.models import Offer, Provider
from sozialraum.models import TargetGroup


def active_offers():
    return Offer.objects.active()


def directory_queryset():
    """Providers with their active offers and target groups (1 query + 2 prefetches)."""
    return Provider.objects.order_by("name").prefetch_related(
        Prefetch(
            "offers",
            queryset=active_offers()
            .order_by("title")
            .prefetch_related(Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "name"))),
            to_attr="active_offers",
        ),
    )


def provider_detail_queryset():
    """Providers with everything the detail page shows (1 + 6 queries)."""
    return Provider.objects.prefetch_related(
        "languages",
        Prefetch(
            "offers",
            queryset=active_offers()
            .select_related("field_of_action")
            .order_by("title")
            .prefetch_related("target_groups", "quarters", "languages"),
            to_attr="active_offers",
        ),
        Prefetch(
            "partner_measures",
            queryset=Measure.objects.published().order_by("code"),
            to_attr="public_measures",
        ),
    )
