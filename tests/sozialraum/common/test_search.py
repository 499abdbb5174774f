"""The German text search on both databases (the suite runs on SQLite and PostgreSQL)."""

import pytest
from django.db import connection

from measures.models import Measure
from sozialraum.common.search import fold, search, search_words
from tests import factories

pytestmark = [pytest.mark.django_db]

FIELDS = ["title", "summary", "description"]
POSTGRES = connection.vendor == "postgresql"


def found(text):
    return sorted(m.title for m in search(Measure.objects.all(), text, fields=FIELDS))


@pytest.fixture
def measures(db):
    factories.MeasureFactory(title="Treff für Jugendliche", summary="Offener Treff am Abend")
    factories.MeasureFactory(title="Übergang Schule–Beruf", description="Begleitung jedes Jugendlichen")
    factories.MeasureFactory(title="Seniorenfrühstück", summary="Einmal im Monat in der Straße am Markt")
    factories.MeasureFactory(title="Quartiersbüro", description="Anlaufstelle für alle Bewohner")


def test_umlaut_and_case_insensitive(measures):
    assert found("über") == ["Übergang Schule–Beruf"]
    assert found("ÜBERGANG") == ["Übergang Schule–Beruf"]
    assert found("frühstück") == ["Seniorenfrühstück"]


def test_word_parts_are_found(measures):
    assert found("senioren") == ["Seniorenfrühstück"]
    assert found("büro") == ["Quartiersbüro"]


def test_every_word_must_match_somewhere(measures):
    assert found("Treff Abend") == ["Treff für Jugendliche"]
    assert found("Treff Markt") == []


def test_other_fields_are_searched(measures):
    assert found("Anlaufstelle") == ["Quartiersbüro"]


def test_german_word_forms(measures):
    # "Jugendliche" occurs in one title; "Jugendlichen" in another description.
    assert found("Jugendliche") == ["Treff für Jugendliche", "Übergang Schule–Beruf"]
    if POSTGRES:
        # the german configuration reduces both forms to one stem
        factories.MeasureFactory(title="Angebot für einen Jugendlicher")
        assert "Treff für Jugendliche" in found("Jugendlicher")
    else:
        # SQLite: written-out umlauts and ß are treated alike
        assert found("ueber") == ["Übergang Schule–Beruf"]
        assert found("Strasse") == ["Seniorenfrühstück"]


def test_empty_or_punctuation_only_search_returns_everything(measures):
    assert len(found("")) == 4
    assert len(found("  %_ !")) == 4


def test_punctuation_separates_words(measures):
    assert found("Schule–Beruf") == ["Übergang Schule–Beruf"]
    assert found("Treff, Abend!") == ["Treff für Jugendliche"]


def test_search_words_are_limited():
    assert search_words("a b c d e f g h i j k l") == list("abcdefghij")


def test_fold():
    assert fold("Übergänge Straße") == "uebergaenge strasse"
