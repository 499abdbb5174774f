"""Hardened access: production settings, login throttling, passwords, uploads, headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from measures.models import MeasureDocument
from tests import factories
from tests.staff.forms import admin_form_data
from workshops.models import WorkshopDocument

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


# --- Passwords ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["kurz1!", "123456789012345", "password1234", "qwertyuiop123"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, user=factories.UserFactory.build(username="anna.schmidt"))


@pytest.mark.django_db
def test_strong_password_is_accepted():
    validate_password("Quartier-Werkstatt-im-Mai-2026", user=factories.UserFactory.build(username="anna"))


@pytest.mark.django_db
def test_password_similar_to_username_is_refused():
    with pytest.raises(ValidationError):
        validate_password("anna.schmidt.iserlohn", user=factories.UserFactory.build(username="anna.schmidt.iserlohn"))


@pytest.mark.django_db
def test_admin_refuses_weak_password_for_new_user(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:auth_user_add"),
        {"username": "neu", "password1": "12345678", "password2": "12345678", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert not factories.UserFactory._meta.model.objects.filter(username="neu").exists()


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


# --- Uploaded documents ---------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def post_document(client, obj, filename, content):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    data = admin_form_data(client.get(url))
    data.update({"documents-TOTAL_FORMS": "1", "documents-0-title": "Protokoll"})
    data["documents-0-file"] = SimpleUploadedFile(filename, content)
    return client.post(url, data)


def document_errors(response):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == "documents":
            return " ".join(str(e) for e in inline.formset.errors)
    return ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "model"), [(factories.MeasureFactory, MeasureDocument), (factories.WorkshopFactory, WorkshopDocument)]
)
def test_document_upload_accepts_pdf(editor_client, media, make, model):
    obj = make()
    response = post_document(editor_client, obj, "protokoll.pdf", b"%PDF-1.4\n%%EOF\n")
    assert response.status_code == 302
    assert model.objects.filter(title="Protokoll").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("filename", ["angriff.html", "skript.js", "bild.svg", "programm.exe"])
def test_document_upload_refuses_other_types(editor_client, media, filename):
    measure = factories.MeasureFactory()
    response = post_document(editor_client, measure, filename, b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert "ist nicht erlaubt" in document_errors(response)
    assert not MeasureDocument.objects.exists()


@pytest.mark.django_db
def test_document_upload_refuses_large_files(editor_client, media, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    workshop = factories.WorkshopFactory()
    response = post_document(editor_client, workshop, "gross.pdf", b"%PDF" + b"0" * 2048)
    assert response.status_code == 200
    assert "zu groß" in document_errors(response)
    assert not WorkshopDocument.objects.exists()


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
