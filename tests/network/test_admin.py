"""Cooperations in the admin: the Redaktion records them, and every change is kept."""

import pytest
from django.urls import reverse

from network.models import Cooperation
from tests import factories

pytestmark = pytest.mark.django_db


def form(first, **changes):
    return {
        "first_provider": first.pk,
        "first_institution": "",
        "second_provider": "",
        "second_institution": "Arbeitskreis Iserlohner Bürgervereine",
        "kind": Cooperation.Kind.WORKING_GROUP,
        "since": "01.03.2024",
        "note": "",
        **changes,
    }


def test_the_cooperation_admin_keeps_history(editor_client, editor):
    caritas = factories.ProviderFactory(name="Caritas Iserlohn")

    response = editor_client.post(reverse("admin:network_cooperation_add"), form(caritas))
    assert response.status_code == 302
    cooperation = Cooperation.objects.get()
    change_url = reverse("admin:network_cooperation_change", args=[cooperation.pk])
    response = editor_client.post(change_url, form(caritas, kind=Cooperation.Kind.CONTRACT, note="seit dem Workshop"))
    assert response.status_code == 302

    records = list(cooperation.history.order_by("history_id"))
    assert [record.kind for record in records] == [Cooperation.Kind.WORKING_GROUP, Cooperation.Kind.CONTRACT]
    assert all(record.history_user == editor for record in records)
    history = editor_client.get(reverse("admin:network_cooperation_history", args=[cooperation.pk]))
    assert history.status_code == 200
    assert "Kooperationsvertrag" in history.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_provider": "", "first_institution": ""}, "Bitte für den ersten Akteur einen Anbieter wählen"),
        ({"second_institution": ""}, "Bitte für den zweiten Akteur einen Anbieter wählen"),
        ({"first_institution": "Caritas"}, "Bitte entweder einen Anbieter wählen oder eine Institution eintragen."),
        ({"since": "30.02.2024"}, "Bitte ein gültiges Datum eingeben."),
    ],
)
def test_the_admin_refuses_an_incomplete_cooperation(editor_client, changes, message):
    caritas = factories.ProviderFactory(name="Caritas Iserlohn")

    response = editor_client.post(reverse("admin:network_cooperation_add"), form(caritas, **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Cooperation.objects.exists()


def test_a_cooperation_joins_two_different_actors(editor_client):
    caritas = factories.ProviderFactory(name="Caritas Iserlohn")

    response = editor_client.post(
        reverse("admin:network_cooperation_add"), form(caritas, second_institution="", second_provider=caritas.pk)
    )

    assert "Eine Kooperation verbindet zwei verschiedene Akteure." in response.content.decode()
    assert not Cooperation.objects.exists()
