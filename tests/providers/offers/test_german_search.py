"""The offer search understands German (on the database the suite runs on)."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from providers.models import Offer, ServiceType
from providers.offers import query
from sozialraum.common.pagecache import bump_content_version
from sozialraum.models import TargetGroup
from tests import factories

from .conftest import service_type, titles

pytestmark = [pytest.mark.django_db]

URL = "/angebote/"
FAMILY = "Erziehungs- und Familienberatung"
DEBT = "Offene Sprechstunde Schuldnerberatung"
LANGUAGE = "Sprachcafé Deutsch"
SENIORS = "Seniorentreff am Markt"
HOMEWORK = "Hausaufgabenhilfe"


def found(client, text, **params):
    return titles(client.get(URL, {"q": text, **params}))


@pytest.fixture
def untyped(catalogue):
    """Offers without a service type: only their texts can be found."""
    factories.OfferFactory(provider=catalogue.awo, title="Erziehungs- und Familienberatung im Stadtteil")
    factories.OfferFactory(provider=catalogue.awo, title="Treff für Jugendliche", description="Kicker und Musik")
    factories.OfferFactory(provider=catalogue.awo, title="Lerntreff Regenbogen", place="Obere Mühle 3")
    factories.OfferFactory(provider=catalogue.awo, title="Fahrradwerkstatt", description="Reparieren lernen")


@pytest.mark.parametrize("text", ["Erziehungsberatung", "Familienberatung", "erziehungsberatung", "FAMILIENBERATUNG"])
def test_coordinated_compounds_are_found_by_each_compound(client, untyped, text):
    results = found(client, text)
    assert "Erziehungs- und Familienberatung im Stadtteil" in results  # by its text alone
    assert FAMILY in results


def test_a_compound_is_found_when_its_parts_stand_apart(client, catalogue):
    factories.OfferFactory(provider=catalogue.awo, title="Beratung in Erziehungsfragen")
    factories.OfferFactory(provider=catalogue.awo, title="Erziehung im Alltag", description="Ein Vortrag.")
    results = found(client, "Erziehungsberatung")
    assert "Beratung in Erziehungsfragen" in results  # both parts in the title
    assert "Erziehung im Alltag" not in results  # only one part


def test_service_type_synonyms_find_offers_of_that_type(client, catalogue):
    # "Insolvenzberatung" is a synonym of Schuldnerberatung; no offer text says "Insolvenz"
    assert found(client, "Insolvenzberatung") == [DEBT]
    assert found(client, "Privatinsolvenz") == [DEBT]
    assert found(client, "Schulden") == [DEBT]
    assert found(client, "Schuldnerberatungsstelle") == [DEBT]


def test_a_group_of_service_types_finds_all_its_types(client, catalogue):
    assert found(client, "Beratung") == [FAMILY, DEBT]


def test_target_group_names_find_their_offers(client, catalogue):
    assert found(client, "Senioren") == [SENIORS]
    assert found(client, "Familien") == [FAMILY, HOMEWORK]  # with Alleinerziehende


@pytest.mark.parametrize("text", ["türkisch", "Türkisch", "TÜRKISCH", "tuerkisch", "auf Türkisch", "türkischsprachig"])
def test_a_language_name_acts_as_the_language_filter(client, catalogue, text):
    response = client.get(URL, {"q": text})
    assert titles(response) == [FAMILY]
    assert response.context["criteria"].understood.words == []  # the word left the text
    assert titles(client.get(URL, {"sprache": "tr"})) == [FAMILY]


def test_language_names_add_up_with_the_language_filter(client, catalogue):
    assert found(client, "arabisch") == [FAMILY, LANGUAGE]
    assert found(client, "türkisch", sprache="ru") == [FAMILY, LANGUAGE]  # any of them
    assert found(client, "Beratung arabisch") == [FAMILY]


@pytest.mark.parametrize("text", ["kostenlos", "Kostenlose", "gratis", "umsonst"])
def test_kostenlos_in_the_text_acts_as_the_filter(client, catalogue, text):
    assert found(client, text) == [FAMILY, HOMEWORK, SENIORS]


def test_kostenlos_combines_with_other_words(client, catalogue):
    assert found(client, "kostenlose Beratung") == [FAMILY]
    assert found(client, "Beratung für Familien auf Türkisch kostenlos") == [FAMILY]
    assert found(client, "barrierefrei Beratung") == [FAMILY]  # Diakonie's own place has steps


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Schuldnerbratung", DEBT),  # a letter missing
        ("Erziehungsberatnug", FAMILY),  # two letters swapped
        ("Seniorentref", SENIORS),
        ("Seniorentreffs", SENIORS),
        ("Insolvensberatung", DEBT),  # a letter wrong, in a synonym
        ("türkich", FAMILY),  # in a language name
    ],
)
def test_one_typing_error_is_tolerated(client, catalogue, text, expected):
    assert expected in found(client, text)


def test_one_typing_error_in_a_title_word(client, untyped):
    # "Regenbogen" is no service type: SQLite corrects it with the titles' vocabulary,
    # PostgreSQL with pg_trgm's word similarity
    assert found(client, "Regenbogn") == ["Lerntreff Regenbogen"]
    assert found(client, "Regenbogen") == ["Lerntreff Regenbogen"]


def test_a_typing_error_is_corrected_when_many_titles_are_alike(client, untyped, monkeypatch):
    """PostgreSQL names the offers with a similar title by id only when they are few; with
    more, the condition stays a subquery, and finds the same."""
    monkeypatch.setattr(query, "SIMILAR_TITLES_LISTED", 0)
    assert found(client, "Regenbogn") == ["Lerntreff Regenbogen"]


def test_two_typing_errors_are_too_many(client, untyped):
    assert found(client, "Rgenbogn") == []


def test_word_forms_umlauts_and_function_words(client, untyped):
    # "Jugendlicher" → "jugendlich": also in the family counselling's description
    assert found(client, "Jugendlicher") == [FAMILY, "Treff für Jugendliche"]
    assert found(client, "Treffs für Jugendliche") == ["Treff für Jugendliche"]
    assert found(client, "Muehle") == ["Lerntreff Regenbogen"]
    assert found(client, "Fahrradwerkstatt") == ["Fahrradwerkstatt"]


def test_every_word_must_match(client, untyped):
    assert found(client, "Treff Musik") == ["Treff für Jugendliche"]
    assert found(client, "Treff Theater") == []


def test_the_title_vocabulary_follows_new_offers(client, catalogue):
    assert found(client, "Kletterwald") == []
    factories.OfferFactory(provider=catalogue.awo, title="Kletterwald für Kinder")
    assert found(client, "Kletterwlad") == ["Kletterwald für Kinder"]


def test_understand_splits_filters_from_words(catalogue):
    languages = [catalogue.de, catalogue.tr, catalogue.ar]
    understood = query.understand("Kostenlose Beratung für Familien auf Arabisch, barrierefrei", languages=languages)
    assert understood.words == ["beratung", "familien"]
    assert understood.languages == [catalogue.ar]
    assert understood.free and understood.step_free
    assert understood.without("Arabisch") == "Kostenlose Beratung für Familien auf barrierefrei"



def test_a_write_elsewhere_does_not_rebuild_the_title_vocabulary(catalogue, django_assert_num_queries):
    words = query.Catalogue(ServiceType.objects.all(), TargetGroup.objects.all())
    built = query.vocabulary_for(words)
    bump_content_version()  # a write, say to a workshop
    sqlite = connection.vendor == "sqlite"
    with django_assert_num_queries(1 if sqlite else 0):  # on SQLite: did the offers change?
        assert query.vocabulary_for(words) is built
    with django_assert_num_queries(0):  # nothing written since
        assert query.vocabulary_for(words) is built

    factories.OfferFactory(provider=catalogue.awo, title="Kletterwald für Kinder")
    bump_content_version()
    rebuilt = query.vocabulary_for(words)
    assert (rebuilt is not built) == sqlite
    assert rebuilt.has_part("kletterwald") == sqlite


def test_new_synonyms_target_groups_and_languages_reach_the_next_search_at_once(client, catalogue, settings):
    settings.PAGE_CACHE_ENABLED = False  # the search itself, with what it keeps between requests
    assert found(client, "Geldsorgen") == []
    assert found(client, "Pflegende") == []
    assert found(client, "Polnisch") == []

    debt = service_type("schuldnerberatung")
    debt.synonyms = f"{debt.synonyms}, Geldsorgen"
    debt.save()
    carers = factories.TargetGroupFactory(name="Pflegende Angehörige")
    Offer.objects.get(title=SENIORS).target_groups.add(carers)
    polish = factories.LanguageFactory(code="pl", name="Polnisch")
    Offer.objects.get(title=LANGUAGE).languages.add(polish)

    assert found(client, "Geldsorgen") == [DEBT]
    assert found(client, "Pflegende") == [SENIORS]
    assert found(client, "Polnisch") == [LANGUAGE]


def test_a_search_reads_languages_and_catalogue_once_per_content_version(client, catalogue, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(URL, {"q": "Beratung"})
    with CaptureQueriesContext(connection) as queries:
        assert found(client, "Schulden") == [DEBT]
    # whole tables read (no condition): the languages, service types and target groups
    whole = [sql for sql in (query["sql"] for query in queries) if re.search(r'FROM "[a-z_]+"( ORDER BY [^)]*)?$', sql)]
    assert whole == [], whole


def test_the_provider_name_finds_its_offers(client, catalogue):
    expected = sorted(Offer.objects.active().filter(provider__slug="awo").values_list("title", flat=True))
    assert expected and found(client, "Ortsverein") == expected


def test_a_word_in_a_title_is_not_corrected(client, untyped):
    """A word that is part of a title is taken as written on both databases: "Rosengarten"
    does not also find the title one typing error away."""
    factories.OfferFactory(title="Kita Rosengarten")
    factories.OfferFactory(title="Treff Rosengarden")
    assert found(client, "Rosengarten") == ["Kita Rosengarten"]
    assert found(client, "Rosengarden") == ["Treff Rosengarden"]
    # a word in no title is corrected (pg_trgm's similarity also takes "Rosengarden" here)
    assert "Kita Rosengarten" in found(client, "Rosengartn")


def test_target_group_words_follow_every_write_of_the_groups(client, catalogue, settings):
    """The offer's target groups as the search sees them (on PostgreSQL a column of the
    offer, kept by triggers) follow add, remove, set, clear, writes to the table of the
    groups itself, and a rolled back write."""
    settings.PAGE_CACHE_ENABLED = False
    seniors = TargetGroup.objects.get(name="Senioren")
    families = TargetGroup.objects.get(name="Familien")
    homework = Offer.objects.get(title=HOMEWORK)
    through = Offer.target_groups.through

    homework.target_groups.add(seniors)
    assert found(client, "Senioren") == [HOMEWORK, SENIORS]
    homework.target_groups.remove(seniors)
    assert found(client, "Senioren") == [SENIORS]
    homework.target_groups.set([seniors])
    assert found(client, "Senioren") == [HOMEWORK, SENIORS]
    assert HOMEWORK not in found(client, "Familien")
    homework.target_groups.clear()
    assert found(client, "Senioren") == [SENIORS]

    through.objects.bulk_create([through(offer=homework, targetgroup=families)])
    assert HOMEWORK in found(client, "Familien")
    through.objects.filter(offer=homework).update(targetgroup=seniors)
    assert HOMEWORK not in found(client, "Familien")
    assert found(client, "Senioren") == [HOMEWORK, SENIORS]
    through.objects.filter(offer=homework).delete()
    assert found(client, "Senioren") == [SENIORS]

    with pytest.raises(RuntimeError), transaction.atomic():
        homework.target_groups.add(seniors)
        raise RuntimeError("rolled back")
    assert found(client, "Senioren") == [SENIORS]


def test_a_target_group_word_reads_the_groups_where_an_index_answers_it(client, catalogue, settings):
    """PostgreSQL: the offer's own ``target_group_ids`` (kept by triggers, GIN index); SQLite:
    the offers' target-group table."""
    settings.PAGE_CACHE_ENABLED = False
    offer = Offer.objects.get(title=HOMEWORK)
    groups = sorted(offer.target_groups.values_list("pk", flat=True))
    new = factories.TargetGroupFactory(name="Wohnungslose")
    offer.target_groups.add(new)
    with CaptureQueriesContext(connection) as queries:
        assert found(client, "Wohnungslose") == [HOMEWORK]
    searched = " ".join(query["sql"] for query in queries)
    if connection.vendor == "postgresql":
        assert "target_group_ids &&" in searched
        with connection.cursor() as cursor:
            cursor.execute("SELECT target_group_ids FROM providers_offer WHERE id = %s", [offer.pk])
            assert cursor.fetchone()[0] == sorted([*groups, new.pk])
    else:
        assert '"providers_offer_target_groups"' in searched
