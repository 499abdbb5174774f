"""Hardening: German common passwords are refused; provider accounts keep their offers' slugs."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from providers.models import Offer
from sozialraum.common.concurrency import versioned_save
from sozialraum.common.passwords import GermanCommonPasswordValidator
from tests import factories
from tests.staff.forms import admin_form_data

pytestmark = pytest.mark.django_db

User = get_user_model()

GERMAN_MESSAGE = "Dieses Passwort ist zu leicht zu erraten"
WEAK_GERMAN = [
    "passwort1234",
    "Sommer2026!!",
    "hallo123456789",
    "iserlohn2026",
    "P@ssw0rt!2026",
    "Hallo!Hallo!2026",
    "Bärchen1234567",
    "Iserlohn-Stadt-2026",
    "Schalke04Schalke04",
    "12345willkommen",
]
STRONG = "Laterne-Brücke-Kompass-77"


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


# --- Passwords ------------------------------------------------------------------------------


@pytest.mark.parametrize("password", [*WEAK_GERMAN, "Sommer2026!", "Password2026!"])
def test_german_common_passwords_are_refused(password):
    with pytest.raises(ValidationError) as refused:
        GermanCommonPasswordValidator().validate(password)
    assert refused.value.code == "password_too_common"
    assert GERMAN_MESSAGE in refused.value.messages[0]


@pytest.mark.parametrize("password", [STRONG, "Quartier-Werkstatt-im-Mai-2026", "7Zx!kq9#Lm2p-Wq", "Iserlohner Kinderhaus am Hang"])
def test_strong_passwords_pass_all_validators(password):
    validate_password(password, user=factories.UserFactory.build(username="anna"))


def test_city_name_comes_from_the_settings(settings):
    validator = GermanCommonPasswordValidator()
    validator.validate("Attendorn2026!!")
    settings.PORTAL_CITY = "Hansestadt Attendorn"
    with pytest.raises(ValidationError):
        validator.validate("Attendorn2026!!")


def test_validator_is_registered():
    with pytest.raises(ValidationError) as refused:
        validate_password("passwort1234567")
    assert any(GERMAN_MESSAGE in message for message in refused.value.messages)


@pytest.fixture
def admin_client_logged_in(client, administrator):
    client.force_login(administrator)
    return client


def add_user(client, password):
    return client.post(
        reverse("admin:auth_user_add"),
        {"username": "neu", "password1": password, "password2": password, "usable_password": "true"},
    )


@pytest.mark.parametrize("password", WEAK_GERMAN)
def test_user_add_form_refuses_german_common_password(admin_client_logged_in, password):
    response = add_user(admin_client_logged_in, password)
    assert response.status_code == 200
    assert GERMAN_MESSAGE in response.content.decode()
    assert not User.objects.filter(username="neu").exists()


def test_user_add_form_accepts_strong_password(admin_client_logged_in):
    assert add_user(admin_client_logged_in, STRONG).status_code == 302
    assert User.objects.get(username="neu").check_password(STRONG)


def change_own_password(client, password):
    return client.post(
        reverse("admin:password_change"),
        {"old_password": "ein-sicheres-Passwort-2026", "new_password1": password, "new_password2": password},
    )


def test_password_change_form_refuses_german_common_password(admin_client_logged_in, administrator):
    response = change_own_password(admin_client_logged_in, "Winter2026!!!")
    assert response.status_code == 200
    assert GERMAN_MESSAGE in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.check_password("ein-sicheres-Passwort-2026")


def test_password_change_form_accepts_strong_password(admin_client_logged_in, administrator):
    assert change_own_password(admin_client_logged_in, STRONG).status_code == 302
    administrator.refresh_from_db()
    assert administrator.check_password(STRONG)


def test_set_password_for_another_user_refuses_german_common_password(admin_client_logged_in):
    user = factories.UserFactory(username="anna")
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = admin_client_logged_in.post(
        url, {"password1": "geheim123456", "password2": "geheim123456", "usable_password": "true"}
    )
    assert response.status_code == 200
    assert GERMAN_MESSAGE in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("ein-sicheres-Passwort-2026")


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
