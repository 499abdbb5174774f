"""Adding an offer in the admin names the parallel offers it belongs to: the same service
type for the same target group in the same quarter at other providers, in one message.

Saving an existing offer or a provider, deliberate parallel offers and the shortening of
long lists are tested in test_parallel_offers.py.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.urls import reverse

from providers.models import Offer
from providers.overlaps.views import message_parallel_offers
from tests import factories
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def debt_counselling(db):
    return factories.ServiceTypeFactory(slug="schuldnerberatung", name="Schuldnerberatung")


@pytest.fixture
def sport(db):
    return factories.ServiceTypeFactory(slug="sportangebot", name="Sportangebot")


def offer(provider, quarters, target_groups, service_type=None, **kwargs):
    return factories.OfferFactory(
        provider=provider, quarters=quarters, target_groups=target_groups, service_type=service_type, **kwargs
    )


def add_offer(client, provider, quarters, target_groups, service_type=None, **extra):
    """Post the admin's add form as the browser would (with the slots inline's management
    form); ``extra`` overrides fields, a value of None leaves the field out."""
    url = reverse("admin:providers_offer_add")
    data = admin_form_data(client.get(url))
    data.update(
        {
            "provider": provider.pk,
            "title": "Schuldnerberatung",
            "slug": "schuldnerberatung-neu",
            "service_type": service_type.pk if service_type else "",
            "target_groups": [tg.pk for tg in target_groups],
            "quarters": [q.pk for q in quarters],
            **extra,
        }
    )
    data = {name: value for name, value in data.items() if value is not None}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def overlap_messages(response):
    """The notices about parallel offers (or, in the old wording, about other providers)."""
    return [
        (m.level_tag, str(m))
        for m in get_messages(response.wsgi_request)
        if "Parallelangebot" in str(m) or "Angebote für" in str(m)
    ]


def test_saving_an_offer_names_other_providers(
    editor_client, quarter, target_group, caritas, diakonie, awo, debt_counselling, sport
):
    offer(diakonie, [quarter], [target_group], debt_counselling)
    offer(awo, [quarter], [target_group], debt_counselling)
    offer(caritas, [quarter], [target_group], debt_counselling)  # own: not named
    offer(factories.ProviderFactory(name="Kinderschutzbund"), [quarter], [target_group], sport)  # other type
    offer(factories.ProviderFactory(name="Tafel"), [quarter], [target_group])  # no type

    response = add_offer(editor_client, caritas, [quarter], [target_group], debt_counselling)

    assert Offer.objects.get(slug="schuldnerberatung-neu").service_type == debt_counselling
    assert overlap_messages(response) == [
        (
            "warning",
            "Parallelangebot: Schuldnerberatung für Senioren in Südliche Innenstadt/Obere Mühle auch bei AWO und "
            f'Diakonie. <a href="{reverse("overlaps:matrix")}">Zu den Überschneidungen und Lücken</a>',
        )
    ]


def test_no_message_for_an_offer_without_service_type(
    editor_client, quarter, target_group, caritas, diakonie, debt_counselling
):
    # Other providers offer for the group here (the broad rule would name Diakonie), but an
    # offer without a service type is never part of a parallel offer.
    offer(diakonie, [quarter], [target_group], debt_counselling)
    offer(diakonie, [quarter], [target_group])

    response = add_offer(editor_client, caritas, [quarter], [target_group], title="Offener Treff", slug="treff")

    assert Offer.objects.get(slug="treff").service_type is None
    assert overlap_messages(response) == []


@pytest.mark.parametrize(
    "status",
    [{"active": None}, {"paused_until": (dt.date.today() + dt.timedelta(days=30)).isoformat()}],
    ids=["ended", "paused"],
)
def test_no_message_for_an_inactive_offer(
    editor_client, quarter, target_group, caritas, diakonie, debt_counselling, status
):
    offer(diakonie, [quarter], [target_group], debt_counselling)

    response = add_offer(editor_client, caritas, [quarter], [target_group], debt_counselling, **status)

    saved = Offer.objects.get(slug="schuldnerberatung-neu")
    assert not Offer.objects.active().filter(pk=saved.pk).exists()
    assert overlap_messages(response) == []


def test_the_message_costs_a_fixed_number_of_queries(
    quarter, target_group, caritas, debt_counselling, editor, django_assert_num_queries, rf
):
    saved = offer(caritas, [quarter], [target_group], debt_counselling)
    for size in (2, 10):
        for _ in range(size):
            offer(factories.ProviderFactory(), [quarter], [target_group], debt_counselling)
        request = rf.post("/")
        request.user = get_user_model().objects.get(pk=editor.pk)  # no cached permissions
        request.session = {}
        request._messages = FallbackStorage(request)
        # the saved offers' cells, everyone's offers there, reviews, providers, quarters,
        # target groups, service types; the permission check for the link (the user's
        # permissions and its groups' permissions)
        with django_assert_num_queries(9):
            message_parallel_offers(request, offers=[saved])
        [message] = list(request._messages)
        assert "Schuldnerberatung für Senioren" in str(message)
