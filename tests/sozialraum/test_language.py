import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_german_even_for_an_english_browser(client):
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "de"
    assert "Anmelden" in response.content.decode()


def test_english_once_chosen_with_the_switcher(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/admin/login/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("admin:login"))
    assert page["Content-Language"] == "en"
    assert "Log in" in page.content.decode()


def test_unknown_language_cookie_falls_back_to_german(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get(reverse("admin:login"))["Content-Language"] == "de"
