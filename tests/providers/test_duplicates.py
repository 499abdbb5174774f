"""The record-duplicate hint: the same organisation entered twice is not an overlap."""

import pytest
from django.urls import reverse

from providers.duplicates import provider_duplicate_groups
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/verwaltung/ueberschneidungen/doppeleintraege/"


def _names(groups):
    return [sorted(p.name for p in group.providers) for group in groups]


def test_same_name_apart_from_case_punctuation_and_legal_form():
    factories.ProviderFactory(name="Caritasverband Iserlohn e. V.")
    factories.ProviderFactory(name="caritasverband iserlohn")
    factories.ProviderFactory(name="Caritasverband Hagen e.V.")
    groups = provider_duplicate_groups()
    assert _names(groups) == [["Caritasverband Iserlohn e. V.", "caritasverband iserlohn"]]
    assert groups[0].reasons == ["gleicher Name"]


def test_shared_email_website_or_phone_links_differently_named_entries():
    factories.ProviderFactory(name="AWO Ortsverein", email="Info@awo-iserlohn.de")
    factories.ProviderFactory(name="Arbeiterwohlfahrt Iserlohn", email="info@awo-iserlohn.de")
    factories.ProviderFactory(name="Diakonie", website="https://www.diakonie-mark-ruhr.de/")
    factories.ProviderFactory(name="Diakonie Mark-Ruhr Beratung", website="http://diakonie-mark-ruhr.de")
    factories.ProviderFactory(name="Kreuzbund", phone="02371 12 34 56")
    factories.ProviderFactory(name="Kreuzbund Selbsthilfe", phone="(02371) 123456")
    groups = provider_duplicate_groups()
    assert len(groups) == 3
    assert {tuple(group.reasons) for group in groups} == {
        ("gleiche E-Mail-Adresse",), ("gleiche Website",), ("gleiche Telefonnummer",)
    }


def test_chains_of_shared_details_form_one_group():
    factories.ProviderFactory(name="Familienzentrum A", email="fz@example.org")
    factories.ProviderFactory(name="Familienzentrum B", email="fz@example.org", phone="02371 777777")
    factories.ProviderFactory(name="Kita Obere Mühle", phone="02371 777777")
    assert _names(provider_duplicate_groups()) == [["Familienzentrum A", "Familienzentrum B", "Kita Obere Mühle"]]


def test_empty_and_short_details_link_nothing():
    factories.ProviderFactory(name="A", email="", phone="112", website="")
    factories.ProviderFactory(name="B", email="", phone="112", website="")
    assert provider_duplicate_groups() == []


@pytest.mark.parametrize("size", [3, 30])
def test_one_query_whatever_the_catalogue_size(size, django_assert_num_queries):
    for n in range(size):
        factories.ProviderFactory(name=f"Verein {n}", email="verein@example.org")
    with django_assert_num_queries(1):
        assert len(provider_duplicate_groups()) == 1


def test_editor_sees_the_groups_with_links_to_the_entries(editor_client):
    first = factories.ProviderFactory(name="Mieterverein Iserlohn e. V.")
    factories.ProviderFactory(name="Mieterverein Iserlohn")
    page = editor_client.get(URL)
    assert page.status_code == 200
    body = page.content.decode()
    assert "1 Gruppe möglicher Doppeleinträge" in body
    assert reverse("admin:providers_provider_change", args=[first.pk]) in body
    assert "Mögliche Doppeleinträge" in editor_client.get(reverse("admin:index")).content.decode()


def test_page_sends_anonymous_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("user", ["plain_user", "staff_without_permissions", "provider_user"])
def test_page_refuses_users_without_permission(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(URL).status_code == 403
