"""Error pages: German for people, with a title that says it is an error; JSON under /api/."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from sozialraum import urls
from sozialraum.portal.public import errors

pytestmark = pytest.mark.django_db


def test_handlers_are_set():
    assert urls.handler400 == "sozialraum.portal.public.errors.bad_request"
    assert urls.handler403 == "sozialraum.portal.public.errors.permission_denied"
    assert urls.handler404 == "sozialraum.portal.public.errors.page_not_found"
    assert urls.handler500 == "sozialraum.portal.public.errors.server_error"


def test_400_page_title_says_it_is_an_error(client):
    response = client.get("/massnahmen/?status=%00")
    assert response.status_code == 400
    assert "<title>Fehler 400: Ungültige Anfrage – " in response.content.decode()


def test_400_handler_renders_the_portal_page():
    request = RequestFactory().get("/irgendwo/")
    response = errors.bad_request(request, Exception())
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Fehler 400: Ungültige Anfrage – Stadt Iserlohn</title>" in html
    assert 'href="/impressum/"' in html  # the whole portal page, footer included


def test_403_page_is_german():
    response = errors.permission_denied(RequestFactory().get("/irgendwo/"), PermissionDenied())
    assert response.status_code == 403
    assert "<title>Fehler 403: Zugriff verweigert" in response.content.decode()


def test_404_page_is_german(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Fehler 404: Seite nicht gefunden – " in html
    assert "<h1>Seite nicht gefunden</h1>" in html


def test_500_page_is_styled_and_german_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/massnahmen/")
    with django_assert_num_queries(0):
        response = errors.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<html lang="de">' in html
    assert "<title>Fehler 500: Interner Fehler – Sozialraum-Portal</title>" in html
    assert "css/portal.css" in html
    assert '<meta name="description" content="Fehlerseite des Sozialraum-Portal' in html
    assert "<h1>Entschuldigung, hier ist ein Fehler passiert</h1>" in html


@pytest.mark.parametrize(
    ("handler", "status", "detail"),
    [
        (lambda r: errors.bad_request(r, Exception()), 400, "Ungültige Anfrage."),
        (lambda r: errors.permission_denied(r, PermissionDenied()), 403, "Zugriff verweigert."),
        (lambda r: errors.page_not_found(r, Exception()), 404, "Nicht gefunden."),
        (errors.server_error, 500, "Interner Fehler. Bitte versuchen Sie es später noch einmal."),
    ],
)
def test_api_errors_are_json(handler, status, detail):
    response = handler(RequestFactory().get("/api/hsds/services/"))
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"detail": detail}


def test_unknown_api_address_answers_json(client):
    response = client.get("/api/gibt-es-nicht/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}


def test_a_crash_in_a_page_shows_the_500_page(client, monkeypatch):
    from sozialraum.portal import views

    def crash(request):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(views.selectors, "programme_quarters", crash)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Entschuldigung, hier ist ein Fehler passiert" in response.content.decode()
