"""Saving an offer in the admin names the other providers in the same cell."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def offer_form(provider, quarters, target_groups, **extra):
    return {
        "provider": provider.pk,
        "title": "Seniorentreff",
        "slug": "seniorentreff",
        "active": "on",
        "description": "",
        "target_groups": [tg.pk for tg in target_groups],
        "quarters": [q.pk for q in quarters],
        "field_of_action": "",
        "languages": [],
        "place": "",
        "location": "",
        "opening_hours": "",
        "cost": "",
        **extra,
    }


def info_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "info"]


def test_saving_an_offer_names_other_providers(editor_client, quarter, target_group, caritas, diakonie, awo):
    factories.OfferFactory(provider=diakonie, quarters=[quarter], target_groups=[target_group])
    factories.OfferFactory(provider=awo, quarters=[quarter], target_groups=[target_group])
    factories.OfferFactory(provider=caritas, quarters=[quarter], target_groups=[target_group])  # own: not named

    response = editor_client.post(reverse("admin:providers_offer_add"), offer_form(caritas, [quarter], [target_group]))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert info_messages(response) == [
        "Im Quartier Südliche Innenstadt/Obere Mühle bieten auch AWO und Diakonie Angebote für Senioren an."
    ]


def test_no_message_without_other_providers(editor_client, quarter, target_group, caritas, diakonie):
    factories.OfferFactory(provider=diakonie, quarters=[quarter], target_groups=[target_group], active=False)

    response = editor_client.post(reverse("admin:providers_offer_add"), offer_form(caritas, [quarter], [target_group]))

    assert response.status_code == 302
    assert info_messages(response) == []


def test_no_message_for_an_inactive_offer(editor_client, quarter, target_group, caritas, diakonie):
    factories.OfferFactory(provider=diakonie, quarters=[quarter], target_groups=[target_group])
    data = offer_form(caritas, [quarter], [target_group])
    del data["active"]

    response = editor_client.post(reverse("admin:providers_offer_add"), data)

    assert response.status_code == 302
    assert info_messages(response) == []


def test_many_providers_are_shortened(editor_client, quarter, target_group, caritas):
    for index in range(7):
        provider = factories.ProviderFactory(name=f"Verein {index}")
        factories.OfferFactory(provider=provider, quarters=[quarter], target_groups=[target_group])

    response = editor_client.post(reverse("admin:providers_offer_add"), offer_form(caritas, [quarter], [target_group]))

    assert info_messages(response) == [
        "Im Quartier Südliche Innenstadt/Obere Mühle bieten auch Verein 0, Verein 1, Verein 2, Verein 3, "
        "Verein 4 und 2 weitere Angebote für Senioren an."
    ]


def test_saving_a_provider_names_others_for_its_offers(editor_client, quarter, target_group, caritas, diakonie):
    factories.OfferFactory(provider=caritas, quarters=[quarter], target_groups=[target_group])
    factories.OfferFactory(provider=diakonie, quarters=[quarter], target_groups=[target_group])
    url = reverse("admin:providers_provider_change", args=[caritas.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "languages"}
    data.update(
        {
            "name": caritas.name,
            "slug": caritas.slug,
            "location": "",
            "offers-TOTAL_FORMS": "0",
            "offers-INITIAL_FORMS": "0",
            "offers-MIN_NUM_FORMS": "0",
            "offers-MAX_NUM_FORMS": "1000",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert info_messages(response) == [
        "Im Quartier Südliche Innenstadt/Obere Mühle bieten auch Diakonie Angebote für Senioren an."
    ]


def test_the_message_costs_a_fixed_number_of_queries(quarter, target_group, caritas, django_assert_num_queries, rf):
    from django.contrib.messages.storage.fallback import FallbackStorage

    from providers.overlaps.views import message_fellow_providers

    saved = factories.OfferFactory(provider=caritas, quarters=[quarter], target_groups=[target_group])
    for size in (2, 10):
        for _ in range(size):
            factories.OfferFactory(quarters=[quarter], target_groups=[target_group])
        request = rf.post("/")
        request.session = {}
        request._messages = FallbackStorage(request)
        # the saved offers' pairs, the others' pairs, providers, quarters, target groups
        with django_assert_num_queries(5):
            message_fellow_providers(request, offers=[saved])
