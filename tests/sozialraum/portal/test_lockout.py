"""The login lockout locks a username from one client address only, takes that address from
X-Forwarded-For only behind configured trusted proxies, and the Administration can lift it."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse

from sozialraum.common.client_ip import client_ip_address
from tests import factories

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the reverse proxy: REMOTE_ADDR of every request behind it
CLIENT_A = "203.0.113.7"
CLIENT_B = "198.51.100.23"
PASSWORD = "ein-sicheres-Passwort-2026"  # tests.factories.UserFactory


@pytest.fixture
def staff_user(db):
    """No role: the lockout concerns every login, and no second factor is due here."""
    return factories.StaffUserFactory(username="sachbearbeitung")


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def log_in(client, password, *, forwarded_for=None, remote_addr=PROXY):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post(
        reverse("admin:login"),
        {"username": "sachbearbeitung", "password": password},
        headers=headers,
        REMOTE_ADDR=remote_addr,
    )


def fail_until_locked(client, **where):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, "falsch", **where)
    assert response.status_code == 429
    return response


def assert_logged_in(client, response):
    assert response.status_code == 302, response.content.decode()[:500]
    assert "_auth_user_id" in client.session


def assert_locked(client, response):
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    assert "_auth_user_id" not in client.session


# --- The client address --------------------------------------------------------------------------


def request_with(forwarded_for=None, remote_addr=PROXY):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return RequestFactory().get("/", headers=headers, REMOTE_ADDR=remote_addr)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip_address(request_with(CLIENT_A)) == PROXY


@pytest.mark.usefixtures("behind_proxy")
def test_behind_one_proxy_the_address_it_wrote_counts():
    assert client_ip_address(request_with(CLIENT_A)) == CLIENT_A


@pytest.mark.usefixtures("behind_proxy")
def test_entries_the_client_wrote_itself_are_not_used():
    """The proxy appends; whatever the client sent stands further left."""
    assert client_ip_address(request_with(f"{CLIENT_B}, {CLIENT_A}")) == CLIENT_A


def test_behind_two_proxies_the_second_entry_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip_address(request_with(f"1.2.3.4, {CLIENT_A}, 10.0.0.9")) == CLIENT_A


@pytest.mark.usefixtures("behind_proxy")
@pytest.mark.parametrize("header", [None, "", "kein-ip", "203.0.113.7:443"])
def test_a_missing_or_unreadable_header_falls_back_to_remote_addr(header):
    assert client_ip_address(request_with(header)) == PROXY


def test_fewer_entries_than_proxies_fall_back_to_remote_addr(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip_address(request_with(CLIENT_A)) == PROXY


# --- Lockout by username and client ------------------------------------------------------------


@pytest.mark.usefixtures("behind_proxy")
def test_failures_from_one_client_do_not_lock_out_another(staff_user):
    fail_until_locked(Client(), forwarded_for=CLIENT_A)

    real_user = Client()
    assert_logged_in(real_user, log_in(real_user, PASSWORD, forwarded_for=CLIENT_B))


@pytest.mark.usefixtures("behind_proxy")
def test_failures_lock_the_client_that_made_them(staff_user):
    client = Client()
    fail_until_locked(client, forwarded_for=CLIENT_A)

    response = log_in(client, PASSWORD, forwarded_for=CLIENT_A)

    assert_locked(client, response)
    assert "Zu viele fehlgeschlagene Anmeldeversuche (5)" in response.content.decode()


@pytest.mark.usefixtures("behind_proxy")
def test_the_attempt_is_recorded_under_the_forwarded_address(staff_user):
    log_in(Client(), "falsch", forwarded_for=f"{CLIENT_B}, {CLIENT_A}")
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == ("sachbearbeitung", CLIENT_A)
    assert PASSWORD not in attempt.post_data and "falsch" not in attempt.post_data


def test_without_trusted_proxies_a_forged_header_does_not_dodge_the_lockout(settings, staff_user):
    settings.TRUSTED_PROXY_COUNT = 0
    client = Client()
    fail_until_locked(client, forwarded_for=CLIENT_A)

    response = log_in(client, PASSWORD, forwarded_for=CLIENT_B)

    assert_locked(client, response)
    assert AccessAttempt.objects.get().ip_address == PROXY


# --- Lifting a lockout -----------------------------------------------------------------------------


def lift(client):
    attempt = AccessAttempt.objects.get(username="sachbearbeitung")
    return client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "lift_lockout", "_selected_action": [attempt.pk]},
    )


@pytest.mark.usefixtures("behind_proxy")
def test_administration_lifts_a_lockout(staff_user, administrator):
    locked_out = Client()
    fail_until_locked(locked_out, forwarded_for=CLIENT_A)
    admin_client = Client()
    admin_client.force_login(administrator)

    response = lift(admin_client)

    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert_logged_in(locked_out, log_in(locked_out, PASSWORD, forwarded_for=CLIENT_A))


@pytest.mark.usefixtures("behind_proxy")
def test_the_lockout_list_offers_lifting_to_the_administration(staff_user, administrator_client):
    fail_until_locked(Client(), forwarded_for=CLIENT_A)
    response = administrator_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 200
    assert "Sperre aufheben" in response.content.decode()


@pytest.mark.usefixtures("behind_proxy")
def test_redaktion_cannot_lift_a_lockout(staff_user, editor):
    locked_out = Client()
    fail_until_locked(locked_out, forwarded_for=CLIENT_A)
    editor_client = Client()
    editor_client.force_login(editor)

    assert lift(editor_client).status_code == 403
    assert AccessAttempt.objects.filter(username="sachbearbeitung").exists()
    assert_locked(locked_out, log_in(locked_out, PASSWORD, forwarded_for=CLIENT_A))
