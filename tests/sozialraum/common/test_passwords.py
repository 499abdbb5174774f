"""Password rules: Django's validators and the German common-password list, in the admin forms."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from sozialraum.common.passwords import GermanCommonPasswordValidator
from tests import factories

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


# --- German common passwords ------------------------------------------------------------------


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


def add_user(client, password):
    return client.post(
        reverse("admin:auth_user_add"),
        {"username": "neu", "password1": password, "password2": password, "usable_password": "true"},
    )


@pytest.mark.parametrize("password", WEAK_GERMAN)
def test_user_add_form_refuses_german_common_password(administrator_client, password):
    response = add_user(administrator_client, password)
    assert response.status_code == 200
    assert GERMAN_MESSAGE in response.content.decode()
    assert not User.objects.filter(username="neu").exists()


def test_user_add_form_accepts_strong_password(administrator_client):
    assert add_user(administrator_client, STRONG).status_code == 302
    assert User.objects.get(username="neu").check_password(STRONG)


def change_own_password(client, password):
    return client.post(
        reverse("admin:password_change"),
        {"old_password": "ein-sicheres-Passwort-2026", "new_password1": password, "new_password2": password},
    )


def test_password_change_form_refuses_german_common_password(administrator_client, administrator):
    response = change_own_password(administrator_client, "Winter2026!!!")
    assert response.status_code == 200
    assert GERMAN_MESSAGE in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.check_password("ein-sicheres-Passwort-2026")


def test_password_change_form_accepts_strong_password(administrator_client, administrator):
    assert change_own_password(administrator_client, STRONG).status_code == 302
    administrator.refresh_from_db()
    assert administrator.check_password(STRONG)


def test_set_password_for_another_user_refuses_german_common_password(administrator_client):
    user = factories.UserFactory(username="anna")
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = administrator_client.post(
        url, {"password1": "geheim123456", "password2": "geheim123456", "usable_password": "true"}
    )
    assert response.status_code == 200
    assert GERMAN_MESSAGE in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("ein-sicheres-Passwort-2026")


# --- Django's validators -------------------------------------------------------------------


@pytest.mark.parametrize("password", ["kurz1!", "123456789012345", "password1234", "qwertyuiop123"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, user=factories.UserFactory.build(username="anna.schmidt"))


def test_strong_password_is_accepted():
    validate_password("Quartier-Werkstatt-im-Mai-2026", user=factories.UserFactory.build(username="anna"))


def test_password_similar_to_username_is_refused():
    with pytest.raises(ValidationError):
        validate_password("anna.schmidt.iserlohn", user=factories.UserFactory.build(username="anna.schmidt.iserlohn"))


def test_admin_refuses_weak_password_for_new_user(administrator_client):
    response = administrator_client.post(
        reverse("admin:auth_user_add"),
        {"username": "neu", "password1": "12345678", "password2": "12345678", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert not factories.UserFactory._meta.model.objects.filter(username="neu").exists()
