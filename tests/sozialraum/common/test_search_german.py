"""The German building blocks of the search (sozialraum.common.search), and their SQL side
on the database the suite runs on."""

import pytest
from django.db import connection

from measures.models import Measure
from sozialraum.common.search import (
    Vocabulary,
    compound_heads,
    contains_folded,
    contains_word,
    folded,
    query_words,
    search,
    similar_word,
    spellings,
    split_compound,
    stem,
    within_one_edit,
)
from tests import factories

HEADS = compound_heads(["beratung", "kurs", "treff", "hilfe", "werkstatt"])


def test_query_words_are_folded_without_function_words_and_repeats():
    assert query_words("Beratung für Familien in der Südstadt, Beratung!") == ["beratung", "familien", "suedstadt"]
    assert query_words("für die") == []


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Jugendlicher", "jugendlich"),
        ("Familien", "famili"),
        ("Treffs", "treff"),
        ("Beratungen", "beratung"),
        ("Kinder", "kinder"),  # too short to cut
        ("Kurs", "kurs"),
        ("Übergänge", "uebergaeng"),
    ],
)
def test_stem_is_a_prefix_the_word_forms_share(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Erziehungsberatung", ("erziehung", "beratung")),  # the linking s goes
        ("Familienberatung", ("famili", "beratung")),
        ("Schuldnerberatung", ("schuldn", "beratung")),
        ("Sprachkurse", ("sprach", "kurse")),
        ("Seniorentreff", ("senior", "treff")),
        ("Nachbarschaftshilfe", ("nachbarschaft", "hilfe")),
        ("Beratung", None),  # nothing before the head
        ("Kurs", None),
        ("Abendkurs", ("abend", "kurs")),
        ("Diskurs", None),  # "Dis" is too short to be a modifier
        ("Sportplatz", None),  # no known head
    ],
)
def test_split_compound(word, expected):
    assert split_compound(word, HEADS) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("beratung", "beratung", True),
        ("beratung", "beratnug", True),  # swapped
        ("beratung", "bratung", True),  # deleted
        ("beratung", "berattung", True),  # inserted
        ("beratung", "beratong", True),  # replaced
        ("beratung", "bratnug", False),  # two errors
        ("beratung", "beratungen", False),
        ("abc", "cba", False),
    ],
)
def test_within_one_edit(a, b, expected):
    assert within_one_edit(a, b) is expected
    assert within_one_edit(b, a) is expected


def test_vocabulary_finds_neighbours_within_one_error():
    vocabulary = Vocabulary(["Schuldnerberatung", "Seniorentreff", "Sprachkurs", "Kurs", "Regenbogen"])
    assert "kurs" not in vocabulary  # shorter than five letters: never corrected
    assert vocabulary.neighbours("Schuldnerbratung") == ["schuldnerberatung"]
    assert vocabulary.neighbours("Seniorentref") == ["seniorentreff"]
    assert vocabulary.neighbours("Sprachkrus") == ["sprachkurs"]
    assert vocabulary.neighbours("Regnbgen") == []  # two errors
    assert vocabulary.neighbours("Sprachkurs") == []  # the word itself is no neighbour
    assert vocabulary.has_part("treff") and vocabulary.has_part("Sprachkurs")
    assert not vocabulary.has_part("Sprachkrus")


def test_vocabulary_is_fast_enough_for_many_words():
    import time

    vocabulary = Vocabulary(f"wort{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}{chr(97 + n // 676 % 26)}" for n in range(20000))
    started = time.perf_counter()
    for _ in range(100):
        vocabulary.neighbours("wortabx")
    assert (time.perf_counter() - started) / 100 < 0.01


# --- SQL: on SQLite and PostgreSQL ------------------------------------------------------------------


@pytest.fixture
def measures(db):
    factories.MeasureFactory(title="Übergang Schule–Beruf")
    factories.MeasureFactory(title="STRASSENFEST am Markt")
    factories.MeasureFactory(title="Erziehungs- und Familienberatung")


def titles_where(condition):
    return sorted(Measure.objects.alias(_t=folded("title")).filter(condition).values_list("title", flat=True))


def test_folded_contains_ignores_case_umlauts_and_sharp_s(measures):
    assert titles_where(contains_folded("_t", "ÜBER")) == ["Übergang Schule–Beruf"]
    assert titles_where(contains_folded("_t", "ueber")) == ["Übergang Schule–Beruf"]
    assert titles_where(contains_folded("_t", "straße")) == ["STRASSENFEST am Markt"]


def test_one_typing_error_on_this_database(measures):
    if connection.vendor == "postgresql":
        # pg_trgm's word similarity, against the folded title
        similar = Measure.objects.filter(similar_word("title", "Familienbratung"))
        assert list(similar.values_list("title", flat=True)) == ["Erziehungs- und Familienberatung"]
        assert not Measure.objects.filter(similar_word("title", "Flmiliebratng")).exists()
        assert Measure.objects.filter(similar_word("title", "Strassenfst")).exists()  # any case, "ss" = "ß"
    else:
        # SQLite: the words of the titles as a vocabulary, then a plain folded match
        vocabulary = Vocabulary(word for title in Measure.objects.values_list("title", flat=True) for word in title.split())
        (word,) = vocabulary.neighbours("Familienbratung")
        assert titles_where(contains_folded("_t", word)) == ["Erziehungs- und Familienberatung"]
        assert vocabulary.neighbours("Flmiliebratng") == []


def test_spellings_of_a_folded_word():
    assert spellings("Übergänge") == ["uebergaenge", "uebergänge", "übergaenge", "übergänge", "Übergaenge", "Übergänge"]
    assert spellings("Straße") == ["strasse", "straße"]
    assert spellings("Treff") == ["treff"]


def test_contains_word_matches_like_the_folded_text(measures):
    def titles(word):
        return sorted(Measure.objects.filter(contains_word("title", word)).values_list("title", flat=True))

    for word in ("über", "ÜBER", "ueber", "Übergang", "schule"):
        assert titles(word) == ["Übergang Schule–Beruf"], word
    assert titles("strasse") == titles("Straße") == ["STRASSENFEST am Markt"]
    assert titles("familienberatung") == ["Erziehungs- und Familienberatung"]
    assert titles("gibt es nicht") == []


def test_simple_search_keeps_working_for_its_callers(measures):
    assert [m.title for m in search(Measure.objects.all(), "über", fields=["title"])] == ["Übergang Schule–Beruf"]
