"""The network read from workshops, measures and cooperations, and its filters."""

import datetime as dt

import pytest
from django.utils import timezone

from network import selectors
from network.graph import SOURCE_COOPERATION, SOURCE_MEASURE, SOURCE_WORKSHOP
from network.models import Cooperation
from providers.models import Provider
from tests import factories

pytestmark = pytest.mark.django_db


def on(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(18)))


def workshop(*, day, quarter=None, measure=None, providers=(), institutions=(), **kwargs):
    item = factories.WorkshopFactory(
        starts_at=on(day), ends_at=on(day) + dt.timedelta(hours=2), quarter=quarter, measure=measure, **kwargs
    )
    for provider in providers:
        factories.ParticipantFactory(workshop=item, provider=provider, institution="")
    for name in institutions:
        factories.ParticipantFactory(workshop=item, institution=name)
    return item


def edges_by_names(network):
    return {frozenset((edge.first.name, edge.second.name)): edge for edge in network.edges}


@pytest.fixture
def world():
    north = factories.QuarterFactory(name="Nord", slug="nord")
    south = factories.QuarterFactory(name="Süd", slug="sued")
    housing = factories.FieldOfActionFactory(name="Wohnen", slug="wohnen")
    education = factories.FieldOfActionFactory(name="Bildung", slug="bildung")
    families = factories.TargetGroupFactory(name="Familien", slug="familien")
    caritas = factories.ProviderFactory(name="Caritas Iserlohn")
    diakonie = factories.ProviderFactory(name="Diakonie")
    awo = factories.ProviderFactory(name="AWO")
    alone = factories.ProviderFactory(name="Zeitungsverein")
    factories.OfferFactory(provider=caritas, quarters=[north], target_groups=[families], field_of_action=housing)
    factories.OfferFactory(provider=diakonie, quarters=[north], target_groups=[families], field_of_action=education)
    factories.OfferFactory(provider=awo, quarters=[south], target_groups=[families], field_of_action=housing)
    factories.OfferFactory(provider=alone, quarters=[north], target_groups=[families], field_of_action=housing)

    measure = factories.MeasureFactory(code="1.0", lead="Stadt, Jugendamt", quarters=[north],
                                       start_date=dt.date(2020, 1, 1), end_date=dt.date(2021, 12, 31))
    measure.partners.set([awo])
    measure.fields_of_action.set([housing])
    # "CARITAS  Iserlohn" written by hand is the provider
    workshop(day=dt.date(2024, 5, 6), quarter=north, measure=measure, title="Werkstatt Nord",
             providers=[diakonie], institutions=["CARITAS  Iserlohn", "Bürgerverein"])
    workshop(day=dt.date(2025, 3, 3), quarter=south, providers=[awo], institutions=["Bürgerverein"],
             title="Werkstatt Süd", published=False)
    Cooperation.objects.create(first_provider=diakonie, second_provider=awo,
                               kind=Cooperation.Kind.CONTRACT, since=dt.date(2023, 2, 1))
    return {"north": north, "south": south, "housing": housing, "families": families}


def test_nodes_and_edges_come_from_workshops_measures_and_cooperations(world):
    network = selectors.network()
    edges = edges_by_names(network)

    assert sorted(actor.name for actor in network.actors) == [
        "AWO", "Bürgerverein", "Caritas Iserlohn", "Diakonie", "Stadt, Jugendamt", "Zeitungsverein",
    ]
    assert edges[frozenset(("Caritas Iserlohn", "Diakonie"))].counts == {SOURCE_WORKSHOP: 1}
    assert edges[frozenset(("AWO", "Bürgerverein"))].counts == {SOURCE_WORKSHOP: 1}
    assert edges[frozenset(("AWO", "Stadt, Jugendamt"))].counts == {SOURCE_MEASURE: 1}
    assert edges[frozenset(("AWO", "Diakonie"))].counts == {SOURCE_COOPERATION: 1}
    assert edges[frozenset(("AWO", "Diakonie"))].occasions == ["Kooperationsvertrag seit 01.02.2023"]
    assert [actor.name for actor in network.isolated] == ["Zeitungsverein"]
    assert len(network.edges) == 6  # 3 + 1 (workshops), 1 (measure), 1 (cooperation)


def test_report_reads_only_published_workshops(world):
    network = selectors.network(published_only=True)

    assert frozenset(("AWO", "Bürgerverein")) not in edges_by_names(network)


def test_quarter_filter(world):
    network = selectors.network(quarter=world["north"])

    # the northern providers, the northern workshop and measure; the southern workshop is out;
    # the cooperation stays (Diakonie works in the north)
    assert sorted(actor.name for actor in network.actors) == [
        "AWO", "Bürgerverein", "Caritas Iserlohn", "Diakonie", "Stadt, Jugendamt", "Zeitungsverein",
    ]
    assert frozenset(("AWO", "Bürgerverein")) not in edges_by_names(network)
    assert [actor.name for actor in network.isolated] == ["Zeitungsverein"]

    south = selectors.network(quarter=world["south"])
    assert sorted(actor.name for actor in south.actors) == ["AWO", "Bürgerverein", "Diakonie"]


def test_field_of_action_filter(world):
    network = selectors.network(field_of_action=world["housing"])

    # offers in housing: Caritas, AWO, Zeitungsverein; the northern workshop's measure is in housing
    names = sorted(actor.name for actor in network.actors)
    assert names == ["AWO", "Bürgerverein", "Caritas Iserlohn", "Diakonie", "Stadt, Jugendamt", "Zeitungsverein"]
    assert frozenset(("AWO", "Bürgerverein")) not in edges_by_names(network)  # southern workshop: no measure


def test_period_filter(world):
    network = selectors.network(start=dt.date(2022, 1, 1), end=dt.date(2024, 12, 31))
    edges = edges_by_names(network)

    assert frozenset(("Caritas Iserlohn", "Diakonie")) in edges  # workshop 2024
    assert frozenset(("AWO", "Bürgerverein")) not in edges  # workshop 2025
    assert frozenset(("AWO", "Stadt, Jugendamt")) not in edges  # measure ended 2021
    assert frozenset(("AWO", "Diakonie")) in edges  # cooperation since 2023

    before = selectors.network(end=dt.date(2022, 12, 31))
    assert frozenset(("AWO", "Diakonie")) not in edges_by_names(before)


def test_providers_of_a_quarter_and_target_group_that_never_meet(world):
    facts = selectors.network_facts()

    unmet = selectors.unmet_providers(facts, quarter=world["north"], target_group=world["families"])

    assert unmet.providers == ["Caritas Iserlohn", "Diakonie", "Zeitungsverein"]
    assert unmet.pairs == [("Caritas Iserlohn", "Zeitungsverein"), ("Diakonie", "Zeitungsverein")]
    assert unmet.strangers == ["Zeitungsverein"]


def test_a_cooperation_does_not_count_as_meeting(world):
    north = world["north"]
    awo = Provider.objects.get(name="AWO")
    factories.OfferFactory(provider=awo, quarters=[north], target_groups=[world["families"]])

    unmet = selectors.unmet_providers(selectors.network_facts(), quarter=north, target_group=world["families"])

    assert ("AWO", "Diakonie") in unmet.pairs  # they only have a contract
    assert ("AWO", "Caritas Iserlohn") in unmet.pairs
