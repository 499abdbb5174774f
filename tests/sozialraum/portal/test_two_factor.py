"""The second factor: required for the Administration, optional for the others, asked after
the password from everyone who has one; enrolment, recovery codes, and the lockout."""

import re
import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.portal import roles
from sozialraum.portal.accounts import services
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "ein-sicheres-Passwort-2026"  # tests.factories.UserFactory
LOGIN = reverse("admin:login")
CODE_STEP = reverse("accounts:login-code")
ENROL = reverse("accounts:second-factor-enrol")
ADMIN_INDEX = reverse("admin:index")


def current_code(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    """Six digits that are none of the codes the device accepts right now."""
    accepted = {current_code(device, offset) for offset in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)


def log_in(client, username, *, next_url=None):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data)


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def new_administrator(db):
    """In the Administration, no second factor yet (the conftest ``administrator`` has one)."""
    user = factories.UserFactory(username="neu-in-der-administration")
    roles.user_assign_role(user=user, role=roles.ADMINISTRATION)
    return user


@pytest.fixture
def administrator_device(administrator):
    return administrator.otp_device


@pytest.fixture
def recovery_code(administrator):
    device = StaticDevice.objects.create(user=administrator, name="Wiederherstellungscodes", confirmed=True)
    device.token_set.create(token="abcd2345")
    return "abcd2345"


# --- Who is asked --------------------------------------------------------------------------------


def test_redaktion_without_second_factor_logs_in_with_the_password(client, editor):
    response = log_in(client, "redaktion")
    assert response.status_code == 302
    assert response["Location"] == ADMIN_INDEX
    assert logged_in(client)
    assert client.get(ADMIN_INDEX).status_code == 200


def test_administration_without_second_factor_is_sent_to_enrolment(client, new_administrator):
    response = log_in(client, "neu-in-der-administration")
    assert response.status_code == 302
    assert response["Location"] == ENROL
    assert not logged_in(client)


def test_administration_without_second_factor_cannot_reach_the_admin(client, new_administrator):
    log_in(client, "neu-in-der-administration")
    response = client.get(ADMIN_INDEX)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_a_session_that_skipped_the_second_factor_is_sent_back(client, new_administrator):
    """A login by any other way (here: force_login) still owes the second factor."""
    client.force_login(new_administrator)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 302
    assert response["Location"] == ENROL
    assert not logged_in(client)


def test_a_verified_session_whose_device_is_removed_is_sent_back(client, administrator):
    client.force_login(administrator)
    assert client.get(ADMIN_INDEX).status_code == 200
    TOTPDevice.objects.filter(user=administrator).delete()

    response = client.get(ADMIN_INDEX)

    assert (response.status_code, response["Location"]) == (302, ENROL)
    assert not logged_in(client)


def test_redaktion_with_a_second_factor_is_asked_for_it(client, editor):
    TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    response = log_in(client, "redaktion")
    assert (response.status_code, response["Location"]) == (302, CODE_STEP)
    assert not logged_in(client)


def test_required_roles_are_a_setting(client, settings, editor, new_administrator):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["Redaktion"]
    assert log_in(client, "redaktion")["Location"] == ENROL
    assert log_in(Client(), "neu-in-der-administration")["Location"] == ADMIN_INDEX


def test_an_unknown_required_role_fails_the_system_check(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["Administraton"]
    with pytest.raises(SystemCheckError, match="accounts.E001"):
        call_command("check")


# --- Enrolment ------------------------------------------------------------------------------------


def test_enrolment_page_shows_the_secret_and_a_local_qr_code(client, new_administrator):
    log_in(client, "neu-in-der-administration")
    response = client.get(ENROL)
    html = response.content.decode()

    device = TOTPDevice.objects.get(user=new_administrator, confirmed=False)
    secret = services.totp_secret_text(device)
    assert response.status_code == 200
    assert secret.replace(" ", "") in html.replace(" ", "")
    assert re.search(r'<svg [^>]*role="img"', html)
    assert "<title id=\"qr-code-title\">" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing from elsewhere
    assert client.get(ENROL).content.decode().count(secret) == 1  # a reload keeps the secret


def test_enrolment_with_a_wrong_code_is_refused(client, new_administrator):
    log_in(client, "neu-in-der-administration")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=new_administrator)

    response = client.post(ENROL, {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "Der Code passt nicht" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=new_administrator, confirmed=True).exists()
    assert not logged_in(client)


def test_enrolment_with_the_right_code_logs_in_and_shows_recovery_codes_once(client, new_administrator):
    log_in(client, "neu-in-der-administration", next_url=reverse("admin:auth_user_changelist"))
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=new_administrator)

    response = client.post(ENROL, {"code": current_code(device)})

    html = response.content.decode()
    codes = list(StaticToken.objects.filter(device__user=new_administrator).values_list("token", flat=True))
    assert response.status_code == 200
    assert len(codes) == 10 and all(code in html for code in codes)
    assert reverse("admin:auth_user_changelist") in html
    device.refresh_from_db()
    assert device.confirmed
    assert logged_in(client) and client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert not any(code in client.get(ENROL).content.decode() for code in codes)


def test_enrolment_needs_a_password_first(client):
    response = client.get(ENROL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_redaktion_sets_up_a_second_factor_of_its_own_accord(editor_client, editor):
    editor_client.get(ENROL)
    device = TOTPDevice.objects.get(user=editor)

    response = editor_client.post(ENROL, {"code": current_code(device)})

    assert response.status_code == 200
    assert StaticToken.objects.filter(device__user=editor).count() == 10
    assert editor_client.get(ADMIN_INDEX).status_code == 200  # this session counts as verified
    assert log_in(Client(), "redaktion")["Location"] == CODE_STEP  # the next login asks for it


# --- Logging in with the second factor ------------------------------------------------------------


def test_password_and_code_log_in(client, administrator, administrator_device):
    log_in(client, "administration", next_url=reverse("admin:auth_user_changelist"))

    response = client.post(CODE_STEP, {"code": current_code(administrator_device)})

    assert (response.status_code, response["Location"]) == (302, reverse("admin:auth_user_changelist"))
    assert logged_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == administrator_device.persistent_id
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_the_code_step_keeps_redirects_on_this_site(client, administrator, administrator_device):
    log_in(client, "administration", next_url="https://boese.example/")
    response = client.post(CODE_STEP, {"code": current_code(administrator_device)})
    assert response["Location"] == ADMIN_INDEX


def test_a_wrong_code_is_refused(client, administrator, administrator_device):
    log_in(client, "administration")

    response = client.post(CODE_STEP, {"code": wrong_code(administrator_device)})

    assert response.status_code == 200
    assert "Der Code ist falsch oder abgelaufen" in response.content.decode()
    assert not logged_in(client)
    assert client.get(ADMIN_INDEX).status_code == 302


def test_wrong_codes_count_towards_the_lockout(client, administrator, administrator_device):
    log_in(client, "administration")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(CODE_STEP, {"code": wrong_code(administrator_device)}).status_code == 200
    # The right password again does not reset what the wrong codes counted.
    assert log_in(client, "administration")["Location"] == CODE_STEP

    locked = client.post(CODE_STEP, {"code": wrong_code(administrator_device)})

    assert locked.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in locked.content.decode()
    assert AccessAttempt.objects.get(username="administration").failures_since_start == settings.AXES_FAILURE_LIMIT
    assert "code=********" in AccessAttempt.objects.get().post_data  # codes are not kept
    # Locked: neither the password nor a right code gets through now.
    assert log_in(client, "administration").status_code == 429
    assert client.post(CODE_STEP, {"code": current_code(administrator_device)})["Location"] == LOGIN
    assert not logged_in(client)


def test_a_recovery_code_works_once(client, administrator, recovery_code):
    log_in(client, "administration")
    response = client.post(CODE_STEP, {"code": recovery_code.upper()[:4] + "-" + recovery_code.upper()[4:]})
    assert (response.status_code, logged_in(client)) == (302, True)

    second = Client()
    log_in(second, "administration")
    response = second.post(CODE_STEP, {"code": recovery_code})
    assert response.status_code == 200
    assert not logged_in(second)


def test_the_code_step_needs_the_password_first(client, administrator, administrator_device):
    response = client.post(CODE_STEP, {"code": current_code(administrator_device)})
    assert (response.status_code, response["Location"]) == (302, LOGIN)
    assert not logged_in(client)


def test_the_code_step_expires(client, monkeypatch, administrator, administrator_device):
    log_in(client, "administration")
    later = time.time() + services.PENDING_LOGIN_MAX_AGE + 1
    monkeypatch.setattr(services.time, "time", lambda: later)

    response = client.post(CODE_STEP, {"code": current_code(administrator_device)})

    assert (response.status_code, response["Location"]) == (302, LOGIN)
    assert not logged_in(client)


# --- Resetting a lost second factor ---------------------------------------------------------------


def reset(client, user):
    return client.post(
        reverse("admin:auth_user_changelist"), {"action": "reset_second_factor", "_selected_action": [user.pk]}
    )


def test_administration_resets_a_second_factor(administrator_client, editor):
    TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    assert reset(administrator_client, editor).status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert log_in(Client(), "redaktion")["Location"] == ADMIN_INDEX


def test_redaktion_cannot_reset_a_second_factor(editor_client, new_administrator):
    device = TOTPDevice.objects.create(user=new_administrator, name="App", confirmed=True)
    assert reset(editor_client, new_administrator).status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_admin_pages_link_staff_to_the_second_factor_setup(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()

    assert f'href="{reverse("accounts:second-factor-enrol")}"' in page
    assert "Zwei-Faktor-Anmeldung einrichten" in page
