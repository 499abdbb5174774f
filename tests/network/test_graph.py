"""The network's figures on a small fixture graph, checked against values worked out by hand.

The fixture (no database)::

    A ── B        workshop 1: A, B, C      workshop 2: A, B
     \\  /         measure 1: C (lead), D   cooperation: D – E
      C ── D ── E                          F: no link at all

Partners: A 2, B 2, C 3, D 2, E 1, F 0.
Betweenness (normalised by (n−1)(n−2)/2 = 10 pairs of other actors):
C lies on the only shortest ways A–D, A–E, B–D, B–E: 4/10 = 0.4;
D lies on A–E, B–E, C–E: 3/10 = 0.3; everybody else on none: 0.
Links: AB (workshop ×2), AC, BC (workshop), CD (measure), DE (cooperation): 5 of 15 possible.
Quarters: A, B in Nord; C in Nord and Süd; D in Süd; E in West; F none.
C bridges Nord and Süd (A and D are not linked and share no quarter); D bridges
Nord, Süd and West (C and E); A has only linked partners; E only one partner.
"""

import pytest

from network import drawing
from network.graph import (
    INSTITUTION,
    PROVIDER,
    SOURCE_COOPERATION,
    SOURCE_MEASURE,
    SOURCE_WORKSHOP,
    Actor,
    Occasion,
    build_network,
    unmet_pairs,
)

A, B, C, D, E, F = ((PROVIDER, 1), (PROVIDER, 2), (PROVIDER, 3), (PROVIDER, 4), (INSTITUTION, "e"), (PROVIDER, 6))
QUARTERS = {A: {"Nord"}, B: {"Nord"}, C: {"Nord", "Süd"}, D: {"Süd"}, E: {"West"}, F: set()}
NAMES = {A: "Anna", B: "Bert", C: "Clara", D: "Dora", E: "Emil", F: "Fritz"}
OCCASIONS = [
    Occasion(SOURCE_WORKSHOP, "Werkstatt 1", (A, B, C)),
    Occasion(SOURCE_WORKSHOP, "Werkstatt 2", (B, A)),
    Occasion(SOURCE_MEASURE, "Maßnahme 1", (C, D)),
    Occasion(SOURCE_COOPERATION, "Arbeitskreis", (D, E)),
]


def fixture_network():
    actors = {key: Actor(key=key, name=NAMES[key], quarters=frozenset(QUARTERS[key])) for key in NAMES}
    return build_network(actors, OCCASIONS)


@pytest.fixture
def network():
    return fixture_network()


def by_name(network):
    return {actor.name: actor for actor in network.actors}


def test_partners_per_actor(network):
    partners = {actor.name: actor.partner_count for actor in network.actors}

    assert partners == {"Anna": 2, "Bert": 2, "Clara": 3, "Dora": 2, "Emil": 1, "Fritz": 0}


def test_betweenness_per_actor(network):
    betweenness = {actor.name: actor.betweenness for actor in network.actors}

    assert betweenness == pytest.approx({"Anna": 0, "Bert": 0, "Clara": 0.4, "Dora": 0.3, "Emil": 0, "Fritz": 0})
    assert [actor.name for actor in network.top_by_betweenness()] == ["Clara", "Dora"]


def test_edges_keep_their_source_and_how_often(network):
    edges = {(edge.first.name, edge.second.name): edge for edge in network.edges}

    assert set(edges) == {("Anna", "Bert"), ("Anna", "Clara"), ("Bert", "Clara"), ("Clara", "Dora"), ("Dora", "Emil")}
    assert edges["Anna", "Bert"].counts == {SOURCE_WORKSHOP: 2}
    assert edges["Anna", "Bert"].weight == 2
    assert edges["Anna", "Bert"].occasions == ["Werkstatt 1", "Werkstatt 2"]
    assert edges["Clara", "Dora"].counts == {SOURCE_MEASURE: 1}
    assert edges["Dora", "Emil"].counts == {SOURCE_COOPERATION: 1}
    assert [str(label) for label, _count in edges["Dora", "Emil"].sources] == ["Kooperation"]


def test_key_figures(network):
    assert len(network.actors) == 6
    assert len(network.edges) == 5
    assert [actor.name for actor in network.isolated] == ["Fritz"]
    assert network.density == pytest.approx(5 / 15)
    assert network.component_count == 2


def test_bridges_between_quarters(network):
    actors = by_name(network)

    assert actors["Clara"].bridged_quarters == ["Nord", "Süd"]
    assert actors["Dora"].bridged_quarters == ["Nord", "Süd", "West"]
    assert [actor.name for actor in network.bridges] == ["Clara", "Dora"]
    assert actors["Anna"].bridged_quarters == [] and actors["Emil"].bridged_quarters == []


def test_actors_are_numbered_by_name_and_institutions_told_apart(network):
    assert [(actor.number, actor.name) for actor in network.actors] == [
        (1, "Anna"), (2, "Bert"), (3, "Clara"), (4, "Dora"), (5, "Emil"), (6, "Fritz"),
    ]
    assert not by_name(network)["Emil"].is_provider


def test_pairs_that_never_meet(network):
    meeting = [occasion for occasion in OCCASIONS if occasion.source != SOURCE_COOPERATION]

    pairs = unmet_pairs([A, B, C, D, F], meeting)

    assert pairs == [(A, D), (A, F), (B, D), (B, F), (C, F), (D, F)]


def test_layout_and_picture_are_stable():
    first, second = fixture_network(), fixture_network()

    assert [(actor.x, actor.y) for actor in first.actors] == [(actor.x, actor.y) for actor in second.actors]
    assert drawing.network_svg(first) == drawing.network_svg(second)
    linked = [actor for actor in first.actors if not actor.is_isolated]
    assert all(0 <= actor.x <= 1 and 0 <= actor.y <= 1 for actor in linked)
    assert len({(actor.x, actor.y) for actor in linked}) == len(linked)


def test_picture_has_a_text_alternative_and_escapes_names():
    actors = {A: Actor(key=A, name="<Anna & Co>"), B: Actor(key=B, name="Bert")}
    network = build_network(actors, [Occasion(SOURCE_WORKSHOP, "W", (A, B))])

    svg = drawing.network_svg(network)

    assert 'role="img"' in svg
    assert 'aria-label="Netzwerk der Akteure: 2 Akteure, 1 Verbindung, davon 0 ohne Verbindung."' in svg
    assert "&lt;Anna &amp; Co&gt;" in svg and "<Anna" not in svg


def test_an_empty_network_draws():
    network = build_network({}, [])

    assert network.density == 0 and network.component_count == 0
    assert "<svg" in drawing.network_svg(network)


def test_large_networks_use_sampled_betweenness_a_circle_and_count_isolated_actors(monkeypatch):
    """Above the limits (lowered here) the figures stay networkx's and stay the same on every run."""
    from network import graph

    monkeypatch.setattr(graph, "BETWEENNESS_EXACT_LIMIT", 2)
    monkeypatch.setattr(graph, "BETWEENNESS_SAMPLES", 3)
    monkeypatch.setattr(graph, "FORCE_LAYOUT_LIMIT", 2)
    monkeypatch.setattr(drawing, "ISOLATED_DRAWN", 0)

    first, second = fixture_network(), fixture_network()

    assert [actor.betweenness for actor in first.actors] == [actor.betweenness for actor in second.actors]
    assert all(0 <= actor.betweenness <= 1 for actor in first.actors)
    assert [(actor.x, actor.y) for actor in first.actors] == [(actor.x, actor.y) for actor in second.actors]
    svg = drawing.network_svg(first)
    assert "1 Akteur ohne Verbindung (siehe Tabelle)" in svg
    assert "Nr. 6: Fritz" not in svg  # counted, not drawn
    assert "nan" not in svg
