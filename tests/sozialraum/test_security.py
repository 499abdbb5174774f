"""Hardened access: production settings, login throttling, headers, no media served in production.

Passwords: ``tests/sozialraum/common/test_passwords.py``; uploads: ``test_validators.py`` there."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests import factories

BASE_DIR = Path(settings.BASE_DIR)


def run_manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**overrides):
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        **overrides,
    }


def test_deploy_check_reports_nothing_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_catches_a_weak_secret_key():
    """The check above can fail: a short key is reported."""
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env(DJANGO_SECRET_KEY="kurz"))
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY ist nicht gesetzt" in result.stderr


def test_production_settings_are_https_only():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000,"
        " s.SESSION_COOKIE_HTTPONLY, s.DEBUG)"
    )
    result = run_manage("shell", "-c", code, **production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-6:] == ["True", "True", "True", "True", "True", "False"]


# --- Login throttling ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_locked_after_failure_limit(client):
    factories.StaffUserFactory(username="sachbearbeitung")
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "sachbearbeitung", "password": "falsch"})
        assert response.status_code == 200  # the login form again

    locked = client.post(url, {"username": "sachbearbeitung", "password": "falsch"})
    assert locked.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in locked.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in locked.content.decode()

    # Even the right password does not get through while locked.
    right = client.post(url, {"username": "sachbearbeitung", "password": "ein-sicheres-Passwort-2026"})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_successful_login_below_limit(client):
    factories.StaffUserFactory(username="sachbearbeitung")
    url = reverse("admin:login")
    client.post(url, {"username": "sachbearbeitung", "password": "falsch"})
    response = client.post(url, {"username": "sachbearbeitung", "password": "ein-sicheres-Passwort-2026"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


# --- Headers ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_security_headers_on_login_page(client):
    response = client.get(reverse("admin:login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"



def test_production_does_not_serve_media_inline():
    """Uploaded files are reachable only through the download views (attachments)."""
    code = "from django.urls import resolve; from django.conf import settings as s;"
    code += "from django.urls.exceptions import Resolver404\ntry:\n    resolve('/' + s.MEDIA_URL + 'massnahmen/x.pdf'); print('served')\nexcept Resolver404:\n    print('not served')"
    result = run_manage("shell", "-c", code, **production_env())
    assert result.stdout.strip().splitlines()[-1] == "not served", result.stderr


@pytest.mark.django_db
def test_lockout_page_names_the_portal(client):
    factories.StaffUserFactory(username="sachbearbeitung")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("admin:login"), {"username": "sachbearbeitung", "password": "falsch"})
    assert "Sozialraum-Portal" in response.content.decode()
    assert "Django" not in response.content.decode()
