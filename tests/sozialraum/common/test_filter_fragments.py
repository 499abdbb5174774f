"""The choices of the filter forms, kept per content version (sozialraum/common/filtering.py):
a new search text neither reads nor renders them again, and they are never stale."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db

LISTS = ["/anbieter/", "/angebote/", "/massnahmen/"]


@pytest.fixture
def reader(settings):
    settings.PAGE_CACHE_ENABLED = False  # the page itself afresh: searches the page cache cannot answer
    return Client()


def get(reader, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = reader.get(url, params)
    return response, [query["sql"] for query in queries]


def reads_target_groups(queries):
    """The choices of the target group field: every column of the table, in its order."""
    return any(
        '"sozialraum_targetgroup"."slug", "sozialraum_targetgroup"."parent_id"' in sql
        and re.search(r'FROM "sozialraum_targetgroup"\s+ORDER BY', sql)
        for sql in queries
    )


def selected_options(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select)


@pytest.mark.parametrize("url", LISTS)
def test_a_new_search_text_takes_the_choices_from_the_fragment(reader, url, target_group):
    first, first_queries = get(reader, url, {"q": "Beratung"})
    second, second_queries = get(reader, url, {"q": "Treffpunkt"})

    assert first.status_code == second.status_code == 200
    assert reads_target_groups(first_queries)
    assert not reads_target_groups(second_queries)
    assert len(second_queries) < len(first_queries)
    html = second.content.decode()
    assert f'<option value="{target_group.slug}">Senioren</option>' in html
    assert 'value="Treffpunkt"' in html and 'value="Beratung"' not in html  # the search field is its own


@pytest.mark.parametrize("url", LISTS)
def test_a_new_choice_shows_at_once(reader, url, target_group):
    get(reader, url, {"q": "Beratung"})
    factories.TargetGroupFactory(name="Alleinerziehende", slug="alleinerziehende")

    response, queries = get(reader, url, {"q": "Beratung"})

    assert reads_target_groups(queries)
    assert '<option value="alleinerziehende">Alleinerziehende</option>' in response.content.decode()


def test_the_chosen_values_are_those_of_the_request(reader, target_group):
    chosen, _ = get(reader, "/anbieter/", {"zielgruppe": target_group.slug})
    plain, _ = get(reader, "/anbieter/", {})
    chosen_again, _ = get(reader, "/anbieter/", {"zielgruppe": target_group.slug, "q": "x"})

    assert selected_options(chosen.content.decode(), "zielgruppe") == [target_group.slug]
    assert selected_options(plain.content.decode(), "zielgruppe") == [""]
    assert selected_options(chosen_again.content.decode(), "zielgruppe") == [target_group.slug]


def test_the_interface_language_has_its_own_fragment(reader, target_group):
    get(reader, "/anbieter/", {})
    reader.cookies["django_language"] = "en"

    english = reader.get("/anbieter/").content.decode()

    assert '<label for="id_zielgruppe">Target group</label>' in english
    assert 'lang="de">Senioren</option>' in english


def test_an_invalid_form_is_rendered_afresh_with_its_messages(reader, target_group):
    for _ in range(2):
        response, queries = get(reader, "/anbieter/", {"zielgruppe": "gibt-es-nicht"})
        assert response.status_code == 400
        assert reads_target_groups(queries)  # nothing was kept
        assert 'id="id_zielgruppe-fehler"' in response.content.decode()

    valid, _ = get(reader, "/anbieter/", {})
    assert 'id="id_zielgruppe-fehler"' not in valid.content.decode()


@pytest.mark.parametrize("url", LISTS)
def test_without_a_reachable_cache_searches_and_forms_still_work(reader, settings, url, target_group):
    factories.OfferFactory(title="Schuldnerberatung", provider=factories.ProviderFactory(name="Caritas"))
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }

    for text in ("Beratung", "Schuldnerberatnug"):  # found as it is; a typing error corrected
        response = reader.get(url, {"q": text})
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<option value="{target_group.slug}">Senioren</option>' in html
        if url != "/massnahmen/":
            assert "Schuldnerberatung" in html
