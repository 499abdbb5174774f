"""Reads over the provider catalogue for the public pages: the directory, provider pages
and the offers of a quarter."""

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber

from sozialraum.models import TargetGroup

from .models import Offer, Provider


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
    """Providers with everything the detail page shows (1 + 5 queries)."""
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
    )


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
    # The numbering runs over narrow rows (placement, group, title); only the first ``limit``
    # of each group are then read in full (a subquery of the same query).
    numbered = (
        Placement.objects.filter(offer__in=placed)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("targetgroup_id"), order_by=[F("offer__title").asc(), F("offer_id").asc()]
            )
        )
        .filter(rank__lte=limit)
        .values("pk")
    )
    firsts = Placement.objects.filter(pk__in=numbered).select_related("targetgroup", "offer__provider")
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
