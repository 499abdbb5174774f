"""Staff let the boundaries decide which quarter an offer lies in."""

import pytest
from django.urls import reverse

from providers.models import Offer
from providers.services import offers_add_quarters_from_location
from tests import factories

pytestmark = pytest.mark.django_db

BOX = {"type": "Polygon", "coordinates": [[[7.69, 51.36], [7.70, 51.36], [7.70, 51.37], [7.69, 51.37], [7.69, 51.36]]]}
OTHER_BOX = {"type": "Polygon", "coordinates": [[[7.70, 51.36], [7.71, 51.36], [7.71, 51.37], [7.70, 51.37], [7.70, 51.36]]]}
INSIDE = {"type": "Point", "coordinates": [7.695, 51.365]}
INSIDE_OTHER = {"type": "Point", "coordinates": [7.705, 51.365]}
OUTSIDE = {"type": "Point", "coordinates": [8.5, 52.0]}


@pytest.fixture
def quarters():
    return (
        factories.QuarterFactory(name="Obere Mühle", slug="obere-muehle", boundary=BOX),
        factories.QuarterFactory(name="Gerlingsen", slug="gerlingsen", boundary=OTHER_BOX),
        factories.QuarterFactory(name="ohne Grenze", slug="ohne-grenze", boundary=None),
    )


def test_offer_gets_the_quarter_of_its_providers_location(quarters):
    offer = factories.OfferFactory(provider=factories.ProviderFactory(location=INSIDE))
    assert offers_add_quarters_from_location(offers=Offer.objects.all()) == 1
    assert list(offer.quarters.values_list("slug", flat=True)) == ["obere-muehle"]


def test_the_offers_own_place_wins_over_the_providers(quarters):
    offer = factories.OfferFactory(provider=factories.ProviderFactory(location=INSIDE), location=INSIDE_OTHER)
    offers_add_quarters_from_location(offers=Offer.objects.all())
    assert list(offer.quarters.values_list("slug", flat=True)) == ["gerlingsen"]


def test_quarters_already_set_stay_and_nothing_is_added_twice(quarters):
    obere_muehle, gerlingsen, _ = quarters
    offer = factories.OfferFactory(provider=factories.ProviderFactory(location=INSIDE), quarters=[gerlingsen])
    assert offers_add_quarters_from_location(offers=Offer.objects.all()) == 1
    assert offers_add_quarters_from_location(offers=Offer.objects.all()) == 0
    assert set(offer.quarters.values_list("slug", flat=True)) == {"obere-muehle", "gerlingsen"}


def test_offer_without_location_or_outside_every_quarter_is_left_alone(quarters):
    factories.OfferFactory(provider=factories.ProviderFactory(location=None))
    factories.OfferFactory(provider=factories.ProviderFactory(location=OUTSIDE))
    assert offers_add_quarters_from_location(offers=Offer.objects.all()) == 0
    assert not Offer.quarters.through.objects.exists()


def test_editor_runs_it_as_an_admin_action_on_providers(editor_client, quarters):
    provider = factories.ProviderFactory(location=INSIDE)
    offer = factories.OfferFactory(provider=provider)
    response = editor_client.post(
        reverse("admin:providers_provider_changelist"),
        {"action": "add_quarters_from_location", "_selected_action": [provider.pk]},
        follow=True,
    )
    assert "1 Angebot liegt jetzt auch im Quartier seines Standorts." in response.content.decode()
    assert list(offer.quarters.values_list("slug", flat=True)) == ["obere-muehle"]
    assert offer.history.count() >= 1


@pytest.mark.parametrize("url_name", ["admin:providers_offer_changelist", "admin:providers_provider_changelist"])
def test_the_action_is_not_offered_to_provider_accounts(provider_client, own_provider, quarters, url_name):
    factories.OfferFactory(provider=own_provider)
    response = provider_client.get(reverse(url_name))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1  # a list with entries offers its actions
    assert "add_quarters_from_location" not in response.content.decode()


def test_the_action_is_offered_to_the_redaktion_on_offers(editor_client, quarters):
    factories.OfferFactory()
    response = editor_client.get(reverse("admin:providers_offer_changelist"))
    assert "add_quarters_from_location" in response.content.decode()
