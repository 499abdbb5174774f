"""The provider admin: a provider and its offers in one form."""

import pytest
from django.urls import reverse

from providers.models import Offer, Provider

pytestmark = pytest.mark.django_db


def _inline_management(prefix, total=1, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_editor_creates_a_provider_with_an_offer_in_one_form(editor_client, quarter, target_group):
    data = {
        "name": "Nachbarschaftshilfe Obere Mühle e. V.",
        "slug": "nachbarschaftshilfe",
        "kind": Provider.Kind.ASSOCIATION,
        "city": "Iserlohn",
        "location": '{"type": "Point", "coordinates": [7.697, 51.37]}',
        **_inline_management("offers"),
        **_inline_management("slots", total=0),
        "offers-0-title": "Einkaufshilfe",
        "offers-0-slug": "einkaufshilfe",
        "offers-0-active": "on",
        "offers-0-target_groups": [str(target_group.pk)],
        "offers-0-quarters": [str(quarter.pk)],
    }
    response = editor_client.post(reverse("admin:providers_provider_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    provider = Provider.objects.get(slug="nachbarschaftshilfe")
    assert provider.location["coordinates"] == [7.697, 51.37]
    offer = Offer.objects.get(provider=provider)
    assert offer.title == "Einkaufshilfe"
    assert list(offer.target_groups.all()) == [target_group]
    assert list(offer.quarters.all()) == [quarter]
    assert provider.history.count() == 1


def test_provider_form_with_missing_name_is_refused_in_german(editor_client):
    response = editor_client.post(
        reverse("admin:providers_provider_add"),
        {"name": "", "slug": "x", "kind": "association", **_inline_management("offers", total=0),
         **_inline_management("slots", total=0)},
    )
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not Provider.objects.exists()
