"""Reads the network of actors from the data already kept: workshops (participants),
measures (lead and partners) and recorded cooperations.

:func:`network_facts` reads everything in a fixed number of queries, whatever the size of
the programme; :func:`network` filters in Python (by quarter, field of action and period)
and hands the result to :func:`network.graph.build_network`.

- Nodes: the providers of the catalogue (with a quarter or field filter: those with an
  active offer there) and every actor of an occasion kept by the filter.
- A named institution whose name is a provider's name (ignoring case, umlaut spelling and
  spaces) is that provider.
- A workshop counts for the quarter it took place in (or, without one, its measure's
  quarters) and for its measure's fields of action; a measure for its quarters and fields.
- A cooperation counts when one of its two actors belongs to the filtered network, and
  from its since-date on.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.models import Measure
from providers.models import Offer, Provider, active_offer_condition
from sozialraum.common.pagecache import content_version
from sozialraum.common.text import fold
from workshops.models import Participant, Workshop

from .graph import (
    PROVIDER,
    SOURCE_COOPERATION,
    SOURCE_MEASURE,
    SOURCE_WORKSHOP,
    Actor,
    Occasion,
    build_network,
    institution_key,
    unmet_pairs,
)
from .models import Cooperation


@dataclass
class _Context:
    """A workshop, measure or cooperation before filtering."""

    source: str
    label: str
    actors: tuple  # keys
    names: dict  # key -> name as written
    quarter_ids: frozenset
    field_ids: frozenset
    start: dt.date | None
    end: dt.date | None


@dataclass
class NetworkFacts:
    provider_names: dict  # pk -> name
    #: per provider: (quarter id, field id) of each active offer placement
    offer_places: dict
    quarter_names: dict
    field_names: dict
    contexts: list


def network_facts(*, published_only=False):
    """Everything the network is drawn from (10 queries)."""
    providers = dict(Provider.objects.values_list("pk", "name"))  # 1
    by_folded_name = {fold(" ".join(name.split())): pk for pk, name in providers.items()}

    def key_of(provider_id, institution):
        if provider_id:
            return (PROVIDER, provider_id), providers[provider_id]
        key = institution_key(institution)
        if key[1] in by_folded_name:
            pk = by_folded_name[key[1]]
            return (PROVIDER, pk), providers[pk]
        return key, " ".join(institution.split())

    offers = Offer.objects.filter(active_offer_condition())
    offer_field = dict(offers.values_list("pk", "field_of_action_id"))  # 2
    offer_places = defaultdict(set)
    quarter_names, field_names = {}, {}
    for offer_id, provider_id, quarter_id, quarter_name in Offer.quarters.through.objects.filter(  # 3
        active_offer_condition("offer__")
    ).values_list("offer_id", "offer__provider_id", "quarter_id", "quarter__name"):
        offer_places[provider_id].add((quarter_id, offer_field.get(offer_id)))
        quarter_names[quarter_id] = quarter_name

    measures = Measure.objects.all()
    workshops = Workshop.objects.all()
    if published_only:
        measures, workshops = measures.published(), workshops.published()
    measure_rows = list(measures.values_list("pk", "code", "title", "lead", "start_date", "end_date"))  # 4
    measure_quarters, measure_fields, measure_partners = defaultdict(set), defaultdict(set), defaultdict(list)
    for measure_id, quarter_id, name in Measure.quarters.through.objects.values_list(  # 5
        "measure_id", "quarter_id", "quarter__name"
    ):
        measure_quarters[measure_id].add(quarter_id)
        quarter_names[quarter_id] = name
    for measure_id, field_id, name in Measure.fields_of_action.through.objects.values_list(  # 6
        "measure_id", "fieldofaction_id", "fieldofaction__name"
    ):
        measure_fields[measure_id].add(field_id)
        field_names[field_id] = name
    for measure_id, provider_id in Measure.partners.through.objects.order_by("pk").values_list(  # 7
        "measure_id", "provider_id"
    ):
        measure_partners[measure_id].append(provider_id)

    contexts = []
    for pk, code, title, lead, start, end in measure_rows:
        names = dict(key_of(provider_id, "") for provider_id in measure_partners[pk])
        if lead.strip():
            key, name = key_of(None, lead)
            names[key] = name
        contexts.append(
            _Context(
                source=SOURCE_MEASURE,
                label=_("Maßnahme %(code)s %(title)s") % {"code": code, "title": title},
                actors=tuple(names),
                names=names,
                quarter_ids=frozenset(measure_quarters[pk]),
                field_ids=frozenset(measure_fields[pk]),
                start=start,
                end=end,
            )
        )

    participants = defaultdict(dict)
    for workshop_id, provider_id, institution in Participant.objects.filter(  # 8
        workshop__in=workshops
    ).values_list("workshop_id", "provider_id", "institution"):
        if provider_id or institution.strip():
            key, name = key_of(provider_id, institution)
            participants[workshop_id][key] = name
    for pk, title, starts_at, quarter_id, quarter_name, measure_id in workshops.values_list(  # 9
        "pk", "title", "starts_at", "quarter_id", "quarter__name", "measure_id"
    ):
        if quarter_id:
            quarter_names[quarter_id] = quarter_name
        day = timezone.localtime(starts_at).date()
        names = participants.get(pk, {})
        contexts.append(
            _Context(
                source=SOURCE_WORKSHOP,
                label=_("Werkstatt „%(title)s“ (%(date)s)") % {"title": title, "date": f"{day:%d.%m.%Y}"},
                actors=tuple(names),
                names=names,
                quarter_ids=frozenset([quarter_id] if quarter_id else measure_quarters.get(measure_id, ())),
                field_ids=frozenset(measure_fields.get(measure_id, ())),
                start=day,
                end=day,
            )
        )

    for row in Cooperation.objects.values_list(  # 10
        "first_provider_id", "first_institution", "second_provider_id", "second_institution", "kind", "since"
    ):
        first_provider, first_institution, second_provider, second_institution, kind, since = row
        first, first_name = key_of(first_provider, first_institution)
        second, second_name = key_of(second_provider, second_institution)
        if first == second:
            continue
        label = Cooperation.Kind(kind).label
        if since:
            label = _("%(kind)s seit %(date)s") % {"kind": label, "date": f"{since:%d.%m.%Y}"}
        contexts.append(
            _Context(
                source=SOURCE_COOPERATION,
                label=str(label),
                actors=(first, second),
                names={first: first_name, second: second_name},
                quarter_ids=frozenset(),
                field_ids=frozenset(),
                start=since,
                end=None,
            )
        )
    return NetworkFacts(
        provider_names=providers,
        offer_places={pk: frozenset(places) for pk, places in offer_places.items()},
        quarter_names=quarter_names,
        field_names=field_names,
        contexts=contexts,
    )


def _in_period(context, start, end):
    if end is not None and context.start is not None and context.start > end:
        return False
    if start is not None and context.end is not None and context.end < start:
        return False
    return True


def _actor_places(facts):
    """Per actor key: (quarter ids, field ids) from its offers and every occasion."""
    quarters, fields = defaultdict(set), defaultdict(set)
    for provider_id, places in facts.offer_places.items():
        for quarter_id, field_id in places:
            quarters[(PROVIDER, provider_id)].add(quarter_id)
            if field_id:
                fields[(PROVIDER, provider_id)].add(field_id)
    for context in facts.contexts:
        for key in context.actors:
            quarters[key] |= context.quarter_ids
            fields[key] |= context.field_ids
    return quarters, fields


def network_from(facts, *, quarter=None, field_of_action=None, start=None, end=None):
    """The network of ``facts`` narrowed to a quarter, a field of action and a period."""
    quarter_id = quarter.pk if quarter else None
    field_id = field_of_action.pk if field_of_action else None

    if quarter_id is None and field_id is None:
        base = {(PROVIDER, pk) for pk in facts.provider_names}
    else:
        base = {
            (PROVIDER, provider_id)
            for provider_id, places in facts.offer_places.items()
            if any(
                (quarter_id is None or place_quarter == quarter_id) and (field_id is None or place_field == field_id)
                for place_quarter, place_field in places
            )
        }

    kept, cooperations = [], []
    for context in facts.contexts:
        if not _in_period(context, start, end):
            continue
        if context.source == SOURCE_COOPERATION:
            cooperations.append(context)
            continue
        if quarter_id is not None and quarter_id not in context.quarter_ids:
            continue
        if field_id is not None and field_id not in context.field_ids:
            continue
        kept.append(context)
    members = set(base).union(*(context.actors for context in kept))
    filtered = quarter_id is not None or field_id is not None
    kept += [context for context in cooperations if not filtered or members & set(context.actors)]

    names = {(PROVIDER, pk): name for pk, name in facts.provider_names.items()}
    for context in facts.contexts:
        for key, name in context.names.items():
            names.setdefault(key, name)
    quarters, fields = _actor_places(facts)
    keys = set(base).union(*(context.actors for context in kept))
    actors = {
        key: Actor(
            key=key,
            name=names[key],
            quarters=frozenset(facts.quarter_names[pk] for pk in quarters[key] if pk in facts.quarter_names),
            fields=frozenset(facts.field_names[pk] for pk in fields[key] if pk in facts.field_names),
        )
        for key in keys
    }
    occasions = [Occasion(source=context.source, label=context.label, actors=context.actors) for context in kept]
    return build_network(actors, occasions)


#: How long a computed network is kept (it is keyed by the content version: any write outdates it).
NETWORK_CACHE_SECONDS = 24 * 60 * 60


def network_cached(*, quarter=None, field_of_action=None, start=None, end=None, facts=None):
    """``network_from`` for the staff page and its downloads, kept in the shared cache per
    content version and filter: betweenness of 2,000 actors takes seconds; it is worked out
    once after each change, not on every page view. ``facts`` when the caller has them."""
    version = content_version()  # before reading: a write while computing outdates the result
    parts = (version, quarter.pk if quarter else "", field_of_action.pk if field_of_action else "", start or "",
             end or "")  # fmt: skip
    key = "network:" + ":".join(str(part) for part in parts)
    network = cache.get(key)
    if network is None:
        network = network_from(
            facts if facts is not None else network_facts(),
            quarter=quarter, field_of_action=field_of_action, start=start, end=end,
        )  # fmt: skip
        cache.set(key, network, NETWORK_CACHE_SECONDS)
    return network


def network(*, quarter=None, field_of_action=None, start=None, end=None, published_only=False):
    return network_from(
        network_facts(published_only=published_only),
        quarter=quarter,
        field_of_action=field_of_action,
        start=start,
        end=end,
    )


@dataclass
class UnmetProviders:
    """Providers of one quarter and target group that never meet in a workshop or measure."""

    providers: list  # names, sorted
    pairs: list  # [(name, name)]
    #: providers that meet none of the others
    strangers: list

    @property
    def pair_count(self):
        return len(self.pairs)


def unmet_providers(facts, *, quarter, target_group):
    """1 query (the providers with active offers for the target group in the quarter)."""
    rows = (
        Offer.objects.filter(active_offer_condition(), quarters=quarter, target_groups=target_group)
        .values_list("provider_id", flat=True)
        .distinct()
    )
    keys = sorted({(PROVIDER, pk) for pk in rows}, key=lambda key: fold(facts.provider_names[key[1]]))
    meeting = [
        Occasion(source=context.source, label=context.label, actors=context.actors)
        for context in facts.contexts
        if context.source in (SOURCE_WORKSHOP, SOURCE_MEASURE)
    ]
    pairs = unmet_pairs(keys, meeting)
    unmet_count = defaultdict(int)
    for first, second in pairs:
        unmet_count[first] += 1
        unmet_count[second] += 1
    name = {key: facts.provider_names[key[1]] for key in keys}
    return UnmetProviders(
        providers=[name[key] for key in keys],
        pairs=[(name[first], name[second]) for first, second in pairs],
        strangers=[name[key] for key in keys if len(keys) > 1 and unmet_count[key] == len(keys) - 1],
    )
