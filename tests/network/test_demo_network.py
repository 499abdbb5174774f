"""The demo's network: the Krefeld participant list (sustainability workshop), the Iserlohn
Quartierswerkstatt, the measure partners and five recorded cooperations."""

import pytest
from django.core.management import call_command

from network import selectors
from network.models import Cooperation

pytestmark = pytest.mark.django_db


def test_the_demo_network_figures(capsys):
    call_command("load_demo")

    network = selectors.network()

    assert Cooperation.objects.count() == 5
    assert (len(network.actors), len(network.edges), len(network.isolated)) == (32, 189, 1)
    assert [actor.name for actor in network.isolated] == ["Stadt Iserlohn, Tiefbau"]
    # the lead "Jugendzentrum Karnacksweg" of measure 9.0 is the provider of that name
    assert sum(actor.name == "Jugendzentrum Karnacksweg" for actor in network.actors) == 1
    assert network.top_by_betweenness(1)[0].name == "Familienzentrum Obere Mühle"
