"""Provider accounts keep their own entry; the Redaktion confirms their changes."""

import datetime as dt

import pytest
from django.urls import reverse

from providers import services
from providers.models import Offer, Provider
from tests import factories
from tests.staff.forms import admin_form_data

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_provider_list_shows_only_own_provider(provider_client, own_provider, other_provider):
    response = provider_client.get(reverse("admin:providers_provider_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [own_provider]


def test_other_provider_cannot_be_opened(provider_client, other_provider):
    response = provider_client.get(change_url(other_provider))
    assert response.status_code in (302, 403, 404)
    assert response.status_code != 200


def test_other_provider_cannot_be_changed(provider_client, other_provider):
    response = provider_client.post(change_url(other_provider), {"name": "Übernommen", "edit_version": 1})
    assert response.status_code != 200
    other_provider.refresh_from_db()
    assert other_provider.name == "Diakonie Mark-Ruhr"


def test_other_providers_history_and_versions_are_closed(provider_client, other_provider):
    record = other_provider.history.first()
    history = provider_client.get(reverse("admin:providers_provider_history", args=[other_provider.pk]))
    version = provider_client.get(
        reverse("admin:providers_provider_simple_history", args=[other_provider.pk, record.history_id])
    )
    assert history.status_code in (403, 404)
    assert version.status_code == 403


def test_own_entry_change_is_marked_for_review(provider_client, provider_user, own_provider):
    own_provider.last_verified = dt.date(2025, 1, 1)
    own_provider.save()
    response = provider_client.get(change_url(own_provider))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "needs_review" not in form.fields and "last_verified" not in form.fields
    data = admin_form_data(response)
    data["phone"] = "02371 555"

    assert provider_client.post(change_url(own_provider), data).status_code == 302

    own_provider.refresh_from_db()
    assert own_provider.phone == "02371 555"
    assert own_provider.needs_review
    assert own_provider.last_verified == dt.date(2025, 1, 1)
    assert own_provider.history.filter(history_user=provider_user, phone="02371 555").exists()


def test_self_service_cannot_set_review_fields(provider_client, own_provider):
    data = admin_form_data(provider_client.get(change_url(own_provider)))
    data.update(needs_review="", last_verified="31.12.2030", slug="gekapert")

    provider_client.post(change_url(own_provider), data)

    own_provider.refresh_from_db()
    assert own_provider.needs_review is True
    assert own_provider.last_verified is None
    assert own_provider.slug == "caritas-iserlohn"


def test_offer_list_shows_only_own_offers(provider_client, own_provider, other_provider):
    mine = factories.OfferFactory(provider=own_provider)
    factories.OfferFactory(provider=other_provider)
    response = provider_client.get(reverse("admin:providers_offer_changelist"))
    assert list(response.context["cl"].queryset) == [mine]


def test_foreign_offer_cannot_be_changed_or_deleted(provider_client, other_provider):
    offer = factories.OfferFactory(provider=other_provider, title="Fremd")
    assert provider_client.get(change_url(offer)).status_code != 200
    provider_client.post(reverse("admin:providers_offer_delete", args=[offer.pk]), {"post": "yes"})
    assert Offer.objects.filter(pk=offer.pk, title="Fremd").exists()


def test_new_offer_only_for_own_provider(provider_client, own_provider, other_provider):
    url = reverse("admin:providers_offer_add")
    data = {"provider": other_provider.pk, "title": "Untergeschoben", "slug": "untergeschoben", "active": "on"}

    response = provider_client.post(url, data)

    assert response.status_code == 200
    assert "provider" in response.context["adminform"].form.errors
    assert not Offer.objects.filter(slug="untergeschoben").exists()

    data["provider"] = own_provider.pk
    assert provider_client.post(url, data).status_code == 302
    assert own_provider.offers.filter(slug="untergeschoben").exists()
    own_provider.refresh_from_db()
    assert own_provider.needs_review


def test_own_offer_change_and_delete_mark_provider(provider_client, own_provider):
    offer = factories.OfferFactory(provider=own_provider, cost="")
    data = admin_form_data(provider_client.get(change_url(offer)))
    data["cost"] = "kostenlos"
    assert provider_client.post(change_url(offer), data).status_code == 302
    own_provider.refresh_from_db()
    assert own_provider.needs_review

    Provider.objects.filter(pk=own_provider.pk).update(needs_review=False)
    provider_client.post(reverse("admin:providers_offer_delete", args=[offer.pk]), {"post": "yes"})
    own_provider.refresh_from_db()
    assert not Offer.objects.filter(pk=offer.pk).exists()
    assert own_provider.needs_review


def test_provider_account_cannot_add_or_delete_providers(provider_client, own_provider):
    assert provider_client.get(reverse("admin:providers_provider_add")).status_code == 403
    provider_client.post(reverse("admin:providers_provider_delete", args=[own_provider.pk]), {"post": "yes"})
    assert Provider.objects.filter(pk=own_provider.pk).exists()


def test_provider_account_has_no_confirm_action_nor_import(provider_client):
    response = provider_client.get(reverse("admin:providers_provider_changelist"))
    action_form = response.context["action_form"]
    assert action_form is None or "confirm_review" not in dict(action_form.fields["action"].choices)
    assert provider_client.get(reverse("admin:providers_provider_import")).status_code == 403
    assert provider_client.get(reverse("admin:providers_provider_export", args=["csv"])).status_code == 403


def test_editor_sees_changed_by_provider_and_confirms(editor_client, own_provider, other_provider):
    Provider.objects.filter(pk=own_provider.pk).update(needs_review=True)
    changelist = reverse("admin:providers_provider_changelist")

    flagged = editor_client.get(changelist, {"needs_review__exact": "1"})
    assert list(flagged.context["cl"].queryset) == [Provider.objects.get(pk=own_provider.pk)]
    assert "vom Anbieter geändert" in flagged.content.decode()

    actions = dict(editor_client.get(changelist).context["action_form"].fields["action"].choices)
    assert "confirm_review" in actions
    response = editor_client.post(
        changelist, {"action": "confirm_review", "_selected_action": [own_provider.pk]}, follow=True
    )

    assert "bestätigt" in response.content.decode()
    own_provider.refresh_from_db()
    assert not own_provider.needs_review
    assert own_provider.last_verified == dt.date.today()
    other_provider.refresh_from_db()
    assert other_provider.last_verified is None


def test_confirm_service_bumps_version_so_stale_forms_conflict(editor, own_provider):
    services.provider_record_self_service_change(provider=own_provider, user=editor)
    services.provider_confirm_review(provider=own_provider, user=editor, today=dt.date(2026, 3, 1))
    own_provider.refresh_from_db()
    assert (own_provider.needs_review, own_provider.last_verified, own_provider.version) == (
        False,
        dt.date(2026, 3, 1),
        3,
    )


def test_editor_is_not_limited_even_with_a_provider_account(editor_client, editor, own_provider, other_provider):
    from providers.models import ProviderAccount

    ProviderAccount.objects.create(user=editor, provider=own_provider)
    response = editor_client.get(reverse("admin:providers_provider_changelist"))
    assert set(response.context["cl"].queryset) == {own_provider, other_provider}


def test_provider_group_without_account_sees_nothing(client, other_provider):
    from sozialraum.portal import roles
    from tests.staff.conftest import role_user

    user = role_user("ohne-konto", roles.PROVIDER)
    client.force_login(user)
    response = client.get(reverse("admin:providers_provider_changelist"))
    assert list(response.context["cl"].queryset) == []


def test_editor_is_told_on_the_change_page(editor_client, own_provider):
    url = change_url(own_provider)
    assert "noch nicht bestätigt" not in editor_client.get(url).content.decode()
    Provider.objects.filter(pk=own_provider.pk).update(needs_review=True)
    assert "noch nicht bestätigt" in editor_client.get(url).content.decode()


def test_bad_object_id_is_not_a_server_error(editor_client):
    response = editor_client.get("/admin/providers/provider/kein-id/change/")
    assert response.status_code == 302
