"""The network of actors as plain data, and its figures (computed with networkx).

No ORM here: ``network.selectors`` reads the database into :class:`Occasion` records (a
workshop, a measure, a recorded cooperation: the actors that met there) and
:func:`build_network` turns them into actors and edges. Each edge keeps where it came
from and how often; each actor its number of partners and its betweenness.

An actor is identified by a key: ``("provider", pk)`` for a provider of the catalogue,
``("institution", folded name)`` for a named institution that is not one.
"""

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
from django.utils.translation import gettext_lazy as _

from sozialraum.common.text import fold

PROVIDER = "provider"
INSTITUTION = "institution"

SOURCE_WORKSHOP = "workshop"
SOURCE_MEASURE = "measure"
SOURCE_COOPERATION = "cooperation"
SOURCES = (SOURCE_WORKSHOP, SOURCE_MEASURE, SOURCE_COOPERATION)
SOURCE_LABELS = {
    SOURCE_WORKSHOP: _("gemeinsame Werkstatt"),
    SOURCE_MEASURE: _("gemeinsame Maßnahme"),
    SOURCE_COOPERATION: _("Kooperation"),
}

#: The layout seed: the same data always gives the same picture.
LAYOUT_SEED = 2011
#: Above this many connected actors the picture is a circle (the force layout would need SciPy).
FORCE_LAYOUT_LIMIT = 300
#: Above this many linked actors betweenness is estimated from BETWEENNESS_SAMPLES seeded
#: sources (exactly, it costs V·E: 17 s for 1,100 linked actors with 11,000 links).
BETWEENNESS_EXACT_LIMIT = 400
BETWEENNESS_SAMPLES = 200


def institution_key(name):
    """The key of a named institution: folded, with single spaces (so that spellings meet)."""
    return (INSTITUTION, fold(" ".join(name.split())))


@dataclass
class Actor:
    key: tuple
    name: str
    #: quarters and fields of action the actor works in (offers, workshops, measures)
    quarters: frozenset = frozenset()
    fields: frozenset = frozenset()
    #: filled in by build_network
    number: int = 0
    partner_count: int = 0
    betweenness: float = 0.0
    bridged_quarters: list = field(default_factory=list)
    bridged_fields: list = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0

    @property
    def is_provider(self):
        return self.key[0] == PROVIDER

    @property
    def kind_label(self):
        return _("Anbieter") if self.is_provider else _("Institution")

    @property
    def is_isolated(self):
        return self.partner_count == 0

    @property
    def is_bridge(self):
        return bool(self.bridged_quarters or self.bridged_fields)


@dataclass(frozen=True)
class Occasion:
    """Where actors met: every pair of ``actors`` gets one count of ``source``."""

    source: str
    label: str
    actors: tuple


@dataclass
class Edge:
    first: Actor
    second: Actor
    #: source -> how often
    counts: dict
    #: what the counts are: workshop titles, measure codes, cooperation kinds
    occasions: list

    @property
    def weight(self):
        return sum(self.counts.values())

    @property
    def sources(self):
        """[(label, count)] in a fixed order, for the table."""
        return [(SOURCE_LABELS[source], self.counts[source]) for source in SOURCES if self.counts.get(source)]


@dataclass
class Network:
    actors: list
    edges: list

    @property
    def isolated(self):
        return [actor for actor in self.actors if actor.is_isolated]

    @property
    def connected(self):
        return [actor for actor in self.actors if not actor.is_isolated]

    @property
    def bridges(self):
        return [actor for actor in self.actors if actor.is_bridge]

    @property
    def density(self):
        n = len(self.actors)
        return 2 * len(self.edges) / (n * (n - 1)) if n > 1 else 0.0

    @property
    def component_count(self):
        """Groups of actors linked with each other (an isolated actor is a group of its own)."""
        graph = nx.Graph()
        graph.add_nodes_from(actor.key for actor in self.actors)
        graph.add_edges_from((edge.first.key, edge.second.key) for edge in self.edges)
        return nx.number_connected_components(graph)

    def top_by_betweenness(self, count=5):
        ranked = sorted(self.connected, key=lambda actor: (-actor.betweenness, -actor.partner_count, actor.number))
        return [actor for actor in ranked if actor.betweenness > 0][:count]


def _sort_key(actor):
    return (fold(actor.name), actor.key[0], str(actor.key[1]))


def build_network(actors, occasions):
    """``actors``: {key: Actor} (the nodes, also those without any edge); ``occasions``:
    Occasion records whose actors are all keys of ``actors``."""
    counts = defaultdict(lambda: defaultdict(int))
    labels = defaultdict(list)
    for occasion in occasions:
        members = sorted(set(occasion.actors), key=lambda key: _sort_key(actors[key]))
        for first, second in itertools.combinations(members, 2):
            counts[(first, second)][occasion.source] += 1
            labels[(first, second)].append(occasion.label)

    graph = nx.Graph()
    graph.add_nodes_from(sorted(actors, key=lambda key: _sort_key(actors[key])))
    graph.add_edges_from((first, second, {"weight": sum(by_source.values())}) for (first, second), by_source in counts.items())
    # numbers: the linked actors by name, then those without a link by name
    ordered = sorted(actors.values(), key=lambda actor: (graph.degree(actor.key) == 0, *_sort_key(actor)))
    for number, actor in enumerate(ordered, 1):
        actor.number = number
    edges = [
        Edge(first=actors[first], second=actors[second], counts=dict(by_source), occasions=labels[(first, second)])
        for (first, second), by_source in counts.items()
    ]
    edges.sort(key=lambda edge: (edge.first.number, edge.second.number))

    betweenness = _betweenness(graph)
    for actor in ordered:
        actor.partner_count = graph.degree(actor.key)
        actor.betweenness = betweenness[actor.key]
        actor.bridged_quarters = _bridged(graph, actors, actor.key, "quarters")
        actor.bridged_fields = _bridged(graph, actors, actor.key, "fields")
    _lay_out(graph, ordered)
    return Network(actors=ordered, edges=edges)


def _betweenness(graph):
    """networkx's betweenness, normalised to 0…1. Exact up to BETWEENNESS_EXACT_LIMIT linked
    actors; above, estimated from BETWEENNESS_SAMPLES seeded sample sources (the same data
    gives the same figures)."""
    linked = sum(1 for _key, degree in graph.degree() if degree)
    if linked <= BETWEENNESS_EXACT_LIMIT:
        return nx.betweenness_centrality(graph, normalized=True)
    return nx.betweenness_centrality(graph, k=BETWEENNESS_SAMPLES, normalized=True, seed=LAYOUT_SEED)


def _bridged(graph, actors, key, attribute):
    """What the actor bridges: two of its partners that are not linked with each other and
    work in different quarters (fields) with nothing in common. Returns the quarters (fields)
    so joined, sorted; empty if the actor bridges none."""
    joined = set()
    partners = sorted(graph.neighbors(key), key=lambda other: _sort_key(actors[other]))
    for first, second in itertools.combinations(partners, 2):
        places_first, places_second = getattr(actors[first], attribute), getattr(actors[second], attribute)
        if places_first and places_second and not places_first & places_second and not graph.has_edge(first, second):
            joined |= places_first | places_second
    return sorted(joined, key=fold)


def _lay_out(graph, ordered):
    """x, y in [0, 1] for each linked actor: each group of linked actors by a seeded force
    layout in a box of its own, the boxes side by side (the biggest group first, each as
    wide as the square root of its size). Isolated actors keep 0, 0 (the drawing puts
    them in rows below)."""
    number = {actor.key: actor.number for actor in ordered}
    groups = [sorted(group, key=number.get) for group in nx.connected_components(graph) if len(group) > 1]
    groups.sort(key=lambda group: (-len(group), number[group[0]]))
    widths = [math.sqrt(len(group)) for group in groups]
    total = sum(widths)
    left = 0.0
    actors = {actor.key: actor for actor in ordered}
    for group, width in zip(groups, widths, strict=True):
        box = width / total
        positions = _group_positions(graph, group)
        xs = [x for x, _y in positions.values()]
        ys = [y for _x, y in positions.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        scale = min(box, 1.0) / span
        x_offset = left + (box - (max(xs) - min(xs)) * scale) / 2
        y_offset = (1.0 - (max(ys) - min(ys)) * scale) / 2
        for key, (x, y) in positions.items():
            actors[key].x = round(x_offset + (x - min(xs)) * scale, 3)
            actors[key].y = round(y_offset + (y - min(ys)) * scale, 3)
        left += box


def _group_positions(graph, group):
    subgraph = nx.Graph()
    subgraph.add_nodes_from(group)
    subgraph.add_edges_from(graph.subgraph(group).edges)
    if len(group) == 2:
        return {group[0]: (0.0, 0.5), group[1]: (1.0, 0.5)}
    if len(group) > FORCE_LAYOUT_LIMIT:
        positions = nx.circular_layout(subgraph)
    else:
        positions = nx.spring_layout(
            subgraph, k=2.5 / math.sqrt(len(group)), seed=LAYOUT_SEED, iterations=150, method="force", weight=None
        )
    return {key: (float(x), float(y)) for key, (x, y) in positions.items()}


def unmet_pairs(members, occasions):
    """Pairs of ``members`` (keys) that never meet in any of ``occasions``, in order."""
    met = set()
    for occasion in occasions:
        present = [key for key in set(occasion.actors) if key in members]
        for first, second in itertools.combinations(present, 2):
            met.add(frozenset((first, second)))
    return [
        (first, second)
        for first, second in itertools.combinations(members, 2)
        if frozenset((first, second)) not in met
    ]
