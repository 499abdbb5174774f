"""The directory search on its index: the same results on SQLite and PostgreSQL (the suite
runs on both), ranked, with word parts, German folding and typing errors."""

import pytest
from django.db import connection, transaction

from providers.models import Offer, Provider
from providers.search import name_vocabulary, provider_search, search_terms
from sozialraum.common.pagecache import bump_content_version
from tests import factories

pytestmark = pytest.mark.django_db

LIST_URL = "/anbieter/"


def found(text):
    return [p.name for p in provider_search(Provider.objects.all(), text).order_by("search_rank", "name")]


def page_names(client, text):
    response = client.get(LIST_URL, {"q": text})
    assert response.status_code == 200
    return [provider.name for provider in response.context["providers"]]


@pytest.fixture
def catalogue(db):
    factories.ProviderFactory(name="Schuldnerberatung Iserlohn", description="Hilfe bei Schulden")
    factories.ProviderFactory(name="Diakonie Mark-Ruhr", description="Beratung für Familien und Senioren")
    factories.OfferFactory(
        provider=factories.ProviderFactory(name="AWO Unterbezirk", description="Wohlfahrtsverband"),
        title="Erziehungsberatung",
        description="Für Eltern mit Kindern",
    )
    factories.OfferFactory(
        provider=factories.ProviderFactory(name="Caritas", description="Sozialdienst"),
        title="Übergangswohnen",
        place="Obere Mühle",
    )
    factories.ProviderFactory(name="Sportverein Grün-Weiß", street="Mühlenstraße 3")


def test_search_terms_are_folded_stemmed_and_without_function_words():
    assert search_terms("Beratung für Familien in der Innenstadt") == ["beratung", "famili", "innenstadt"]
    assert search_terms("Über") == ["ueber"]
    assert search_terms("zu AG") == []


def test_word_parts_are_found_in_provider_and_offer_text(catalogue):
    assert set(found("beratung")) == {"Schuldnerberatung Iserlohn", "Diakonie Mark-Ruhr", "AWO Unterbezirk"}


def test_ranking_puts_name_before_own_text_before_offers(catalogue):
    assert found("beratung") == ["Schuldnerberatung Iserlohn", "Diakonie Mark-Ruhr", "AWO Unterbezirk"]


def test_directory_page_lists_results_ranked(client, catalogue):
    assert page_names(client, "Beratung") == ["Schuldnerberatung Iserlohn", "Diakonie Mark-Ruhr", "AWO Unterbezirk"]


def test_umlauts_and_written_out_forms_are_alike(catalogue):
    assert found("über") == ["Caritas"]
    assert found("ueber") == ["Caritas"]
    assert found("ÜBERGANG") == ["Caritas"]
    assert found("Muehle") == ["Sportverein Grün-Weiß", "Caritas"]
    assert found("strasse") == ["Sportverein Grün-Weiß"]


def test_german_word_forms_through_the_stem(catalogue):
    assert found("Familie") == ["Diakonie Mark-Ruhr"]
    assert found("Familien") == ["Diakonie Mark-Ruhr"]


def test_every_word_must_match_in_the_provider_or_in_one_offer(catalogue):
    assert found("Beratung Senioren") == ["Diakonie Mark-Ruhr"]
    assert found("Erziehungsberatung Eltern") == ["AWO Unterbezirk"]
    assert found("Beratung Sportverein") == []


def test_a_typing_error_is_corrected(catalogue):
    assert found("Schuldnerbertaung") == ["Schuldnerberatung Iserlohn"]
    assert found("Erziehungsberatnug") == ["AWO Unterbezirk"]


def test_a_typing_error_on_the_page(client, catalogue):
    assert page_names(client, "Schuldnerbertaung") == ["Schuldnerberatung Iserlohn"]


def test_nothing_like_it_finds_nothing(catalogue):
    assert found("Zahnarztpraxis") == []


def test_inactive_offers_are_not_searched(catalogue):
    Offer.objects.filter(title="Erziehungsberatung").update(active=False)
    assert "AWO Unterbezirk" not in found("Erziehungsberatung")


def test_index_follows_every_kind_of_write(catalogue):
    """Triggers (SQLite) and generated columns (PostgreSQL) keep the index in step with
    save(), update(), bulk_create() and delete()."""
    provider = Provider.objects.get(name="Caritas")
    provider.description = "Tafel und Kleiderkammer"
    provider.save()
    assert found("Kleiderkammer") == ["Caritas"]

    Provider.objects.filter(pk=provider.pk).update(name="Caritasverband")
    assert found("Caritasverband") == ["Caritasverband"]

    Provider.objects.bulk_create([Provider(name="Tafel Nord", slug="tafel-nord")])
    assert found("Tafel") == ["Tafel Nord", "Caritasverband"]

    Provider.objects.filter(name="Tafel Nord").delete()
    assert found("Tafel") == ["Caritasverband"]


def test_index_is_written_in_the_same_transaction(catalogue):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            Provider.objects.filter(name="Caritas").update(description="Fahrradwerkstatt")
            assert found("Fahrradwerkstatt") == ["Caritas"]
            raise RuntimeError("rolled back")

    assert found("Fahrradwerkstatt") == []


@pytest.mark.parametrize("size", [2, 12])
def test_search_page_runs_a_fixed_number_of_queries(client, size, django_assert_num_queries):
    for n in range(size):
        factories.OfferFactory(
            provider=factories.ProviderFactory(name=f"Beratungsstelle {n}"), title=f"Beratung {n}"
        )
    # provider filter choices (target groups, quarters, fields of action, languages); the
    # check that anything matches; count; the page of providers; their offers with their
    # target groups' names
    with django_assert_num_queries(8):
        response = client.get(LIST_URL, {"q": "beratung"})
    assert response.status_code == 200


def test_index_exists_for_this_database():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename IN ('providers_provider', 'providers_offer')"
            )
            indexes = {row[0] for row in cursor.fetchall()}
            assert {"providers_provider_search_vector", "providers_offer_search_text_trgm"} <= indexes
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'providers_%_search%'")
            names = {row[0] for row in cursor.fetchall()}
            assert {"providers_provider_search", "providers_offer_search_update"} <= names


def test_the_name_vocabulary_is_rebuilt_only_when_names_change(catalogue, django_assert_num_queries):
    built = name_vocabulary()
    bump_content_version()  # a write, say to a workshop
    with django_assert_num_queries(2):  # did providers or offers change?
        assert name_vocabulary() is built
    with django_assert_num_queries(0):  # nothing written since
        assert name_vocabulary() is built

    provider = Provider.objects.get(name="Caritas")
    provider.name = "Caritas Kletterhalle"
    provider.save()
    bump_content_version()
    rebuilt = name_vocabulary()
    assert rebuilt is not built
    assert rebuilt.has_part("kletterhalle") and not built.has_part("kletterhalle")
