"""Reads over the provider catalogue for the public pages: the directory, provider pages
and the offers of a quarter."""

from collections import defaultdict
from typing import NamedTuple

from django.db import connections
from django.db.models import Count, Prefetch

from sozialraum.models import TargetGroup

from .models import Offer, OfferPlacement, Provider, active_offer_condition


def active_offers():
    return Offer.objects.active()


# what a directory card shows of a provider (and the map its point)
DIRECTORY_PROVIDER_FIELDS = ("name", "slug", "kind", "street", "postcode", "city", "location")


def directory_queryset():
    """Providers with the fields their directory cards show; ``with_card_offers`` adds
    the offers of one page."""
    return Provider.objects.only(*DIRECTORY_PROVIDER_FIELDS).order_by("name")


class CardOffer(NamedTuple):
    title: str
    target_groups: str  # their names, joined


def with_card_offers(providers):
    """Sets ``card_offers`` on each provider: its active offers by title, each with the
    names of its target groups (one query; plain rows, not model instances: a page holds
    about a hundred offers and twice as many target groups)."""
    by_provider = {provider.pk: [] for provider in providers}
    rows = (
        active_offers()
        .filter(provider_id__in=by_provider)
        .order_by("title", "pk", "target_groups__order", "target_groups__name")
        .values_list("pk", "provider_id", "title", "target_groups__name")
    )
    offers = {}  # offer id → (provider id, title, target group names), in order
    for pk, provider_id, title, group in rows if by_provider else ():
        offer = offers.setdefault(pk, (provider_id, title, []))
        if group is not None:
            offer[2].append(group)
    for provider_id, title, groups in offers.values():
        by_provider[provider_id].append(CardOffer(title, ", ".join(groups)))
    for provider in providers:
        provider.card_offers = by_provider[provider.pk]
    return providers


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
#: Stands for a target group's id in the compiled branch of ``_first_placements``.
_GROUP_PLACEHOLDER = -7_654_321
# what the quarter profile shows of an offer: its link, title, provider and map point
PROFILE_OFFER_FIELDS = ("title", "slug", "location", "provider__name", "provider__slug", "provider__location")


def quarter_offer_groups(quarter, *, limit=OFFERS_PER_TARGET_GROUP):
    """The quarter's active offers by target group, at most ``limit`` a group (by title),
    each group with its full count: [(target group or None, count, [offers])], target
    groups in their order, offers for no particular group ("für alle") last.

    Four queries whatever the catalogue's size, all on the offer placements (one row per
    offer, quarter and target group, kept by the database; ``providers.placements``) and
    answered from their index: the count per group; the first ``limit`` of every group, one
    ordered and limited branch a group; the target groups; the first offers in full.
    """
    placed = OfferPlacement.objects.filter(quarter=quarter).filter(active_offer_condition())
    counts = dict(placed.values_list("target_group").annotate(count=Count("*")).order_by())
    if not counts:
        return []
    firsts = _first_placements(placed, list(counts), limit)
    groups = TargetGroup.objects.in_bulk([group_id for group_id in counts if group_id is not None])
    shown = [offer_id for offer_ids in firsts.values() for offer_id in offer_ids]
    offers = Offer.objects.select_related("provider").only(*PROFILE_OFFER_FIELDS).in_bulk(shown)
    ordered = [
        (groups[group_id], counts[group_id], [offers[pk] for pk in firsts[group_id]])
        for group_id in sorted(groups, key=lambda pk: (groups[pk].order, groups[pk].name))
    ]
    if None in counts:
        ordered.append((None, counts[None], [offers[pk] for pk in firsts[None]]))
    return ordered


def _first_placements(placed, group_ids, limit):
    """{target group id or None: the ids of its first ``limit`` offers by title}, in one
    query: a UNION ALL of one ``ORDER BY title LIMIT`` branch per group, so that each branch
    reads only its first rows from the index instead of sorting every placement. The branch
    is compiled once (and once for the offers for everyone) and repeated with each group's id."""
    compiled = {}

    def branch_sql(group_id):
        kind = group_id is None
        if kind not in compiled:
            # target_group=None is the IS NULL branch of the offers for everyone
            branch = placed.filter(target_group=None if kind else _GROUP_PLACEHOLDER).order_by("title", "offer_id")
            branch = branch.values_list("target_group_id", "offer_id")[:limit]
            compiled[kind] = branch.query.get_compiler(using=branch.db).as_sql()
        sql, params = compiled[kind]
        return sql, [group_id if param == _GROUP_PLACEHOLDER else param for param in params]

    branches, params = [], []
    for number, group_id in enumerate(group_ids):
        sql, branch_params = branch_sql(group_id)
        # each branch as a derived table: compound SELECTs do not take ORDER BY and LIMIT
        # in their branches on every database
        branches.append(f"SELECT * FROM ({sql}) AS branch_{number}")
        params.extend(branch_params)
    firsts = defaultdict(list)
    with connections[placed.db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches), params)
        for group_id, offer_id in cursor.fetchall():
            firsts[group_id].append(offer_id)
    return firsts
