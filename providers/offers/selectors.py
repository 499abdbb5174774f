"""Reads for the offer search and the offer pages.

``search_offers(criteria)`` turns validated search criteria into one query set of active
offers; every filter is a condition in SQL (uncorrelated ``IN`` subqueries for target
groups, quarters, languages and opening times, which both databases run once and hash),
so the count and the page are two queries whatever the catalogue's size. ``near`` is the exception that needs Python: the candidates' places
are read in one query and ranked by distance (``nearby.rank_by_distance``).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from providers.models import Offer, OpeningSlot, Provider, ServiceType, active_offer_condition
from sozialraum.common.pagecache import kept_per_content_version
from sozialraum.models import Language, Quarter, TargetGroup

from . import nearby, opening, query

MAX_AGE = 120
DEFAULT_RADIUS_M = 1000
MAX_RADIUS_M = 20_000


@dataclass
class Criteria:
    """A validated offer search (the URL parameters, already parsed)."""

    target_group: TargetGroup | None = None
    quarter: Quarter | None = None
    service_type: ServiceType | None = None
    languages: list = field(default_factory=list)
    free: bool = False
    step_free: bool = False
    age: int | None = None
    open: str = ""  # "jetzt", "heute", "woche" or ""
    day: dt.date | None = None
    time: dt.time | None = None
    near: nearby.Point | None = None
    radius_m: int = DEFAULT_RADIUS_M
    understood: query.Understood | None = None

    @property
    def all_languages(self):
        """The chosen languages and those named in the text."""
        found = list(self.languages)
        for language in self.understood.languages if self.understood else []:
            if language not in found:
                found.append(language)
        return found

    @property
    def wants_free(self):
        return self.free or bool(self.understood and self.understood.free)

    @property
    def wants_step_free(self):
        return self.step_free or bool(self.understood and self.understood.step_free)


def understand_text(text):
    """The query text understood against the languages (one query, none while nothing changed)."""
    if not (text or "").strip():
        return query.Understood(text="")
    return query.understand(text, languages=kept_per_content_version("languages", lambda: list(Language.objects.all())))


def search_catalogue():
    """Service types and target groups for the words of a search (two queries, none while
    nothing changed)."""
    return kept_per_content_version(
        "catalogue",
        lambda: query.Catalogue(
            ServiceType.objects.only("pk", "name", "synonyms", "parent_id"),
            TargetGroup.objects.only("pk", "name", "parent_id"),
        ),
    )


def _group_ids(target_group):
    """The group and its sub-groups ("Familien" includes "Alleinerziehende"), as a subquery."""
    return TargetGroup.objects.filter(Q(pk=target_group.pk) | Q(parent_id=target_group.pk)).values("pk")


def _type_ids(service_type):
    """The type, or a group with all its types, as a subquery."""
    return ServiceType.objects.filter(Q(pk=service_type.pk) | Q(parent_id=service_type.pk)).values("pk")


def language_condition(languages):
    """The offer is in one of the languages; an offer without languages of its own is in
    its provider's languages."""
    ids = [language.pk for language in languages]
    spoken = Offer.languages.through.objects.all()
    of_provider = Provider.languages.through.objects.filter(language_id__in=ids)
    return Q(pk__in=spoken.filter(language_id__in=ids).values("offer_id")) | (
        ~Q(pk__in=spoken.values("offer_id")) & Q(provider_id__in=of_provider.values("provider_id"))
    )


def step_free_condition():
    """Stufenloser Zugang: the offer's place is step-free, or the offer has no place of its
    own (no place text and no location: it takes place at the provider's) and the
    provider's is."""
    return Q(step_free=True) | Q(place="", location__isnull=True, provider__step_free=True)


def age_condition(age):
    return (Q(age_min__isnull=True) | Q(age_min__lte=age)) & (Q(age_max__isnull=True) | Q(age_max__gte=age))


def open_windows(criteria, now):
    """The windows of time the criteria ask the offers to be open in: [[DayWindow]] (all must hold)."""
    windows = []
    if criteria.open == "jetzt":
        windows.append(opening.windows_now(now))
    elif criteria.open == "heute":
        windows.append(opening.windows_today(now))
    elif criteria.open == "woche":
        windows.append(opening.windows_week(now))
    if criteria.day or criteria.time:
        windows.append(opening.windows_on(criteria.day or now.date(), criteria.time))
    return windows


def search_offers(criteria, *, now=None, queryset=None):
    """Offers active at ``now`` matching every criterion, ordered by title (not yet by
    distance). ``queryset``: the offers to start from (default: all)."""
    now = now or opening.local_now()
    offers = (Offer.objects.all() if queryset is None else queryset).filter(active_offer_condition(today=now.date()))
    if criteria.target_group:
        placements = Offer.target_groups.through.objects.filter(targetgroup_id__in=_group_ids(criteria.target_group))
        offers = offers.filter(pk__in=placements.values("offer_id"))
    if criteria.quarter:
        placements = Offer.quarters.through.objects.filter(quarter_id=criteria.quarter.pk)
        offers = offers.filter(pk__in=placements.values("offer_id"))
    if criteria.service_type:
        offers = offers.filter(service_type_id__in=_type_ids(criteria.service_type))
    languages = criteria.all_languages
    if languages:
        offers = offers.filter(language_condition(languages))
    if criteria.wants_free:
        offers = offers.filter(cost_kind=Offer.Cost.FREE)
    if criteria.wants_step_free:
        offers = offers.filter(step_free_condition())
    if criteria.age is not None:
        offers = offers.filter(age_condition(criteria.age))
    for windows in open_windows(criteria, now):
        offers = offers.filter(opening.open_condition(windows))
    if criteria.understood and criteria.understood.words:
        catalogue = search_catalogue()
        vocabulary = query.vocabulary_for(catalogue)
        offers = offers.filter(query.text_condition(criteria.understood.words, catalogue, vocabulary))
    return offers.order_by("title", "pk")


def with_card_data(queryset):
    """What a result shows, prefetched: provider, type, languages (own and the provider's),
    slots (own and the provider's). Four queries after the offers."""
    return queryset.select_related("provider", "service_type").prefetch_related(
        "languages",
        Prefetch("slots", queryset=OpeningSlot.objects.order_by("weekday", "opens", "pk")),
        Prefetch("provider__slots", queryset=OpeningSlot.objects.order_by("weekday", "opens", "pk")),
        "provider__languages",
    )


class RankedOffers:
    """Offers ranked by distance, as a sequence the paginator can slice: the ranking is a
    list of (pk, metres); a slice loads just those offers (with ``with_card_data``)."""

    def __init__(self, ranked, queryset):
        self.ranked = ranked
        self.queryset = queryset

    def __len__(self):
        return len(self.ranked)

    def count(self):
        return len(self.ranked)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        part = self.ranked[index]
        distances = dict(part)
        offers = {offer.pk: offer for offer in with_card_data(self.queryset.filter(pk__in=list(distances)))}
        result = []
        for pk, metres in part:
            offer = offers.get(pk)
            if offer is not None:
                offer.distance_m = metres
                result.append(offer)
        return result


def ranked_by_distance(offers, point, radius_m):
    """The offers within the radius, nearest first, as a RankedOffers sequence (one query
    for the ranking, then one plus the prefetches for each slice)."""
    ranking = nearby.rank_by_distance(offers.order_by(), point, radius_m)
    return RankedOffers(ranking, Offer.objects.all())


def offer_detail_queryset():
    """Offers that have a page: active or paused, not ended (with everything the page shows)."""
    return with_card_data(Offer.objects.filter(active=True)).select_related(
        "service_type__parent", "field_of_action"
    ).prefetch_related("target_groups", "quarters")
