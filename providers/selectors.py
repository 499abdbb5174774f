"""Reads over the provider catalogue for the public pages: the directory, provider pages
and the offers of a quarter."""

import heapq
from collections import defaultdict

from django.db.models import Prefetch

from sozialraum.common.rows import driver_rows
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

    Three queries whatever the catalogue's size: one narrow row (group, offer, title) per
    placement, from which the counts and the first offers of every group are taken here
    (a partial sort per group rather than a sort of all placements in the database); the
    target groups; the first offers in full.
    """
    placed = Offer.objects.active().filter(quarters=quarter)
    titles = defaultdict(list)  # target group id or None → [(title, offer pk)]
    for group_id, pk, title in driver_rows(placed.values_list("target_groups", "pk", "title").order_by()):
        titles[group_id].append((title, pk))
    firsts = {group_id: heapq.nsmallest(limit, rows) for group_id, rows in titles.items()}
    groups = TargetGroup.objects.in_bulk([group_id for group_id in titles if group_id is not None])
    offers = Offer.objects.select_related("provider").in_bulk([pk for rows in firsts.values() for _title, pk in rows])
    ordered = [
        (groups[group_id], len(titles[group_id]), [offers[pk] for _title, pk in firsts[group_id]])
        for group_id in sorted(groups, key=lambda pk: (groups[pk].order, groups[pk].name))
    ]
    if None in titles:
        ordered.append((None, len(titles[None]), [offers[pk] for _title, pk in firsts[None]]))
    return ordered
