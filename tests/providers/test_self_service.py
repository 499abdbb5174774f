"""Provider accounts keep their own entry; the Redaktion confirms their changes."""

import datetime as dt

import pytest
from django.urls import reverse

from providers import services
from providers.models import Offer, Provider
from sozialraum.common.concurrency import versioned_save
from tests import factories
from tests.admin_forms import admin_form_data
from tests.providers.tabular.jobs import export_table

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_provider_list_shows_only_own_provider(provider_client, own_provider, other_provider):
    response = provider_client.get(reverse("admin:providers_provider_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [own_provider]


def test_other_provider_cannot_be_opened(provider_client, other_provider):
    """For a provider account another provider does not exist: the admin sends it to the index."""
    response = provider_client.get(change_url(other_provider))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_other_provider_cannot_be_changed(provider_client, other_provider):
    response = provider_client.post(change_url(other_provider), {"name": "Übernommen", "edit_version": 1})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    other_provider.refresh_from_db()
    assert other_provider.name == "Diakonie Mark-Ruhr"


def test_other_providers_history_and_versions_are_closed(provider_client, other_provider):
    record = other_provider.history.first()
    history = provider_client.get(reverse("admin:providers_provider_history", args=[other_provider.pk]))
    version = provider_client.get(
        reverse("admin:providers_provider_simple_history", args=[other_provider.pk, record.history_id])
    )
    assert history.status_code == 403
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
    opened = provider_client.get(change_url(offer))
    assert opened.status_code == 302
    assert opened["Location"] == reverse("admin:index")
    deleted = provider_client.post(reverse("admin:providers_offer_delete", args=[offer.pk]), {"post": "yes"})
    assert deleted.status_code == 302
    assert deleted["Location"] == reverse("admin:index")
    assert Offer.objects.filter(pk=offer.pk, title="Fremd").exists()


def test_new_offer_only_for_own_provider(provider_client, own_provider, other_provider):
    url = reverse("admin:providers_offer_add")
    data = {
        "provider": other_provider.pk, "title": "Untergeschoben", "slug": "untergeschoben", "active": "on",
        "slots-TOTAL_FORMS": "0", "slots-INITIAL_FORMS": "0", "slots-MIN_NUM_FORMS": "0", "slots-MAX_NUM_FORMS": "1000",
    }

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
    deleted = provider_client.post(reverse("admin:providers_provider_delete", args=[own_provider.pk]), {"post": "yes"})
    assert deleted.status_code == 403
    assert Provider.objects.filter(pk=own_provider.pk).exists()


def test_provider_account_has_no_confirm_action_nor_import(provider_client):
    response = provider_client.get(reverse("admin:providers_provider_changelist"))
    assert response.context["action_form"] is None  # no action at all, so no "confirm_review"
    assert provider_client.get(reverse("admin:providers_provider_import")).status_code == 403
    assert export_table(provider_client, "csv").status_code == 403


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
    from tests.conftest import role_user

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


# --- Offer slugs in provider self-service ----------------------------------------------------


@pytest.fixture
def own_offer(own_provider):
    return factories.OfferFactory(provider=own_provider, title="Sprachcafé", slug="sprachcafe")


def test_inline_shows_existing_slug_as_fixed(provider_client, own_provider, own_offer):
    response = provider_client.get(change_url(own_provider))
    (formset,) = [f for f in response.context["inline_admin_formsets"] if f.formset.model is Offer]
    (form,) = formset.formset.forms
    assert form.fields["slug"].disabled
    assert "ändern kann ihn nur die Redaktion" in response.content.decode()


def test_inline_ignores_forged_slug_of_existing_offer(provider_client, own_provider, own_offer):
    data = admin_form_data(provider_client.get(change_url(own_provider)))
    data.update({"offers-0-slug": "gekapert", "offers-0-title": "Sprachcafé am Markt"})

    assert provider_client.post(change_url(own_provider), data).status_code == 302

    own_offer.refresh_from_db()
    assert own_offer.title == "Sprachcafé am Markt"
    assert own_offer.slug == "sprachcafe"


def test_inline_lets_provider_set_slug_of_new_offer(provider_client, own_provider, own_offer):
    data = admin_form_data(provider_client.get(change_url(own_provider)))
    data.update(
        {
            "offers-TOTAL_FORMS": "2",
            "offers-1-title": "Hausaufgabenhilfe",
            "offers-1-slug": "hausaufgaben",
            "offers-1-active": "on",
        }
    )

    assert provider_client.post(change_url(own_provider), data).status_code == 302

    assert sorted(own_provider.offers.values_list("slug", flat=True)) == ["hausaufgaben", "sprachcafe"]


def test_editor_still_changes_slug_in_inline(editor_client, own_provider, own_offer):
    data = admin_form_data(editor_client.get(change_url(own_provider)))
    data["offers-0-slug"] = "sprachcafe-markt"

    assert editor_client.post(change_url(own_provider), data).status_code == 302

    own_offer.refresh_from_db()
    assert own_offer.slug == "sprachcafe-markt"


def test_offer_form_ignores_forged_slug(provider_client, own_offer):
    response = provider_client.get(change_url(own_offer))
    assert "slug" not in response.context["adminform"].form.fields
    data = admin_form_data(response)
    data.update(slug="gekapert", cost="kostenlos")

    assert provider_client.post(change_url(own_offer), data).status_code == 302

    own_offer.refresh_from_db()
    assert own_offer.cost == "kostenlos"
    assert own_offer.slug == "sprachcafe"


def test_provider_cannot_restore_an_old_slug_from_history(provider_client, editor, own_offer):
    own_offer.slug = "sprachcafe-neu"
    versioned_save(instance=own_offer, expected_version=own_offer.version, user=editor)
    old = own_offer.history.get(slug="sprachcafe")
    url = reverse("admin:providers_offer_simple_history", args=[own_offer.pk, old.history_id])
    data = admin_form_data(provider_client.get(change_url(own_offer)))

    assert provider_client.get(url).status_code == 403
    assert provider_client.post(url, data).status_code == 403

    own_offer.refresh_from_db()
    assert own_offer.slug == "sprachcafe-neu"
    history_page = provider_client.get(reverse("admin:providers_offer_history", args=[own_offer.pk]))
    assert history_page.status_code == 200
    assert history_page.context["revert_disabled"]


def test_provider_cannot_open_old_versions_of_its_entry(provider_client, own_provider):
    old = own_provider.history.first()
    url = reverse("admin:providers_provider_simple_history", args=[own_provider.pk, old.history_id])
    assert provider_client.get(url).status_code == 403


def test_editor_still_opens_old_offer_versions(editor_client, own_offer):
    old = own_offer.history.first()
    url = reverse("admin:providers_offer_simple_history", args=[own_offer.pk, old.history_id])
    assert editor_client.get(url).status_code == 200
