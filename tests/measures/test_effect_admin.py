"""Staff override the status of an effect with a reason; the history keeps both."""

from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import Effect
from tests.admin_forms import admin_form_data
from tests.impact_factories import EffectFactory

pytestmark = [pytest.mark.django_db]


def change_url(effect):
    return reverse("admin:measures_effect_change", args=[effect.pk])


def post_override(client, effect, status, reason):
    form = admin_form_data(client.get(change_url(effect)), "effect_form")
    form.update({"status_override": status, "status_override_reason": reason})
    return client.post(change_url(effect), form)


def test_editor_overrides_the_status_and_the_history_keeps_the_reason(editor_client, editor):
    effect = EffectFactory()

    response = post_override(editor_client, effect, "at_risk", "Das Jobcenter stellt die Förderung ein.")
    assert response.status_code == 302
    response = post_override(editor_client, effect, "", "")
    assert response.status_code == 302

    effect.refresh_from_db()
    assert effect.status_override == ""
    records = list(effect.history.order_by("history_date"))
    assert [record.status_override for record in records] == ["", "at_risk", ""]
    assert records[1].status_override_reason == "Das Jobcenter stellt die Förderung ein."
    assert records[1].history_user == editor
    history = editor_client.get(reverse("admin:measures_effect_history", args=[effect.pk])).content.decode()
    assert "Das Jobcenter stellt die Förderung ein." in history


def test_override_without_reason_is_refused(editor_client):
    effect = EffectFactory()

    response = post_override(editor_client, effect, "on_track", "")

    assert response.status_code == 200
    assert "Wer den Status von Hand setzt, gibt eine Begründung an." in response.content.decode()
    effect.refresh_from_db()
    assert effect.status_override == ""
    assert effect.history.count() == 1


def test_target_on_the_wrong_side_of_the_baseline_is_refused(editor_client):
    effect = EffectFactory()
    form = admin_form_data(editor_client.get(change_url(effect)), "effect_form")
    form.update({"direction": Effect.Direction.HIGHER, "baseline_value": "20", "target_value": "10"})

    response = editor_client.post(change_url(effect), form)

    assert response.status_code == 200
    assert "Der Zielwert muss in der angegebenen Richtung besser sein als der Ausgangswert." in response.content.decode()
    effect.refresh_from_db()
    assert effect.direction == Effect.Direction.LOWER and effect.target_value == Decimal("10")


def test_staff_without_permission_cannot_open_the_effect(staff_without_permissions_client):
    effect = EffectFactory()
    assert staff_without_permissions_client.get(change_url(effect)).status_code == 403
