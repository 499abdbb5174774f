"""Text search that understands German, on PostgreSQL and on SQLite.

``search(queryset, text, fields=…)``, the simple search of the directory and the measures:

- PostgreSQL: the ``german`` full-text configuration (stemming: "Jugendliche" finds
  "Jugendlicher"), combined with a case-insensitive substring match per word so that
  parts of words ("Über" → "Übergang") are found as well.
- SQLite: no stemming; every word must occur in one of the fields, ignoring case and
  umlauts (ä/ae, ö/oe, ü/ue, ß/ss are treated alike, "über" finds "Übergang").

Building blocks for a richer search (the offer search uses them), the same on both
databases so that results do not depend on the database:

- ``query_words``: the words of a query without function words ("für", "in der").
- ``stem``: a light German stemmer that cuts one inflection ending, so that the stem is a
  prefix of the other forms ("Jugendlicher" → "jugendlich", "Familien" → "famili").
- ``split_compound``: a compound cut into modifier and head, given the heads to look
  for ("Erziehungsberatung" → "erziehung" + "beratung"), so that a text that has both
  parts ("Erziehungs- und Familienberatung", "Beratung in Erziehungsfragen") is found.
- ``Vocabulary``: words within one typing error (insertion, deletion, substitution or two
  swapped letters) of a word, in a vocabulary, looked up through deletion keys
  (fast for tens of thousands of words).
- ``folded`` and ``contains_folded``: the SQL side of ``fold``.
- ``similar_word``: PostgreSQL's ``pg_trgm`` word similarity (one typing error), through
  the ``%>`` operator so that a trigram index can answer it.
- ``spellings`` and ``contains_word``: a folded word in all its spellings ("ue"/"ü"),
  matched with plain (I)LIKE: cheaper than folding every row in SQL.
"""

import re
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import F, Lookup, Q, TextField, Value
from django.db.models.functions import Lower, Replace

from .text import fold, fold_pairs

SEARCH_MAX_LENGTH = 200
MAX_WORDS = 10


def search_words(text):
    """The words of a search string (at most MAX_WORDS, punctuation removed)."""
    return re.findall(r"[^\W_]+", text or "")[:MAX_WORDS]


def folded(field):
    """SQL: the column (or expression) lower case with umlauts and ß written out, as ``fold``."""
    expression = field
    for umlaut, plain in fold_pairs():
        expression = Replace(expression, Value(umlaut), Value(plain), output_field=TextField())
    return Lower(expression, output_field=TextField())


_folded = folded  # the old private name


def contains_folded(alias, word):
    """Q: the folded annotation ``alias`` contains the word (folded here)."""
    return Q(**{f"{alias}__contains": fold(word)})


_SPELLED_OUT = {"ae": "ä", "oe": "ö", "ue": "ü", "ss": "ß"}
MAX_SPELLINGS = 16


def spellings(word):
    """The ways a folded word may be written: with "ae", "oe", "ue", "ss" or with "ä", "ö",
    "ü", "ß", and with a capital umlaut at the start ("uebergang" → "uebergang",
    "übergang", "Übergang"). At most MAX_SPELLINGS.
    """
    word = fold(word)
    forms = [""]
    index = 0
    while index < len(word):
        pair = word[index : index + 2]
        if pair in _SPELLED_OUT:
            letter = _SPELLED_OUT[pair]
            options = [pair, letter] + ([letter.upper()] if index == 0 and letter != "ß" else [])
            index += 2
        else:
            options = [word[index]]
            index += 1
        forms = [form + option for form in forms for option in options][: MAX_SPELLINGS * 3]
    return list(dict.fromkeys(forms))[:MAX_SPELLINGS]


def contains_word(field, word):
    """Q: the text column contains the word in any of its spellings, ignoring case.

    The same result as comparing ``folded(field)`` with ``fold(word)``, but a handful of
    plain ``LIKE`` comparisons instead of nine string functions on every row: SQLite's
    LIKE ignores the case of ASCII letters (and the capital umlaut at the start of a word
    is one of the spellings), PostgreSQL's ILIKE that of all letters.
    """
    return reduce(or_, (Q(**{f"{field}__icontains": form}) for form in spellings(word)))


def search(queryset, text, *, fields):
    """Filter ``queryset`` to rows matching every word of ``text`` in one of ``fields``.

    ``fields`` are text columns of the model (no relations, so no duplicate rows).
    """
    words = search_words(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, words, fields)
    return _search_folded(queryset, words, fields)


def _search_postgresql(queryset, words, fields):
    from django.contrib.postgres.search import SearchQuery, SearchVector

    vector = SearchVector(*fields, config="german")
    query = reduce(and_, (SearchQuery(word, config="german", search_type="plain") for word in words))
    substring = reduce(and_, (reduce(or_, (Q(**{f"{f}__icontains": w}) for f in fields)) for w in words))
    return queryset.annotate(search_vector=vector).filter(Q(search_vector=query) | substring)


def _search_folded(queryset, words, fields):
    annotations = {f"_folded_{field}": folded(field) for field in fields}
    queryset = queryset.annotate(**annotations)
    condition = reduce(
        and_,
        (reduce(or_, (Q(**{f"{name}__contains": fold(word)}) for name in annotations)) for word in words),
    )
    return queryset.filter(condition)


# --- German words ------------------------------------------------------------------------

#: Function words that say nothing about what is searched (folded). "Beratung für
#: Familien in der Innenstadt" searches "Beratung", "Familien" and "Innenstadt".
STOPWORDS = frozenset(
    """
    a ab alle allen am an auch auf aus bei beim bin bis da das dass dem den der des die
    dir du ein eine einem einen einer eines er es fuer gibt hier ich ihr im in ist ja
    kann man mein meine meinen mich mir mit nach noch nur oder ohne sich sie sind so
    suche suchen ueber um und uns vom von vor was wer wie wir wo zu zum zur
    """.split()
)

#: Endings ``stem`` cuts (longest first); what is left must keep STEM_MIN_LENGTH letters.
STEM_ENDINGS = ("ern", "em", "en", "er", "es", "e", "n", "s")
STEM_MIN_LENGTH = 5

#: Suffixes after which an "s" is a linking element of a compound: "Erziehung|s|beratung".
_LINKING_S_AFTER = ("ung", "heit", "keit", "schaft", "ion", "taet", "itaet", "ling", "tum", "sicht", "amt")

#: A modifier shorter than this is not split off ("Kurs" is no "K" + "urs").
COMPOUND_MIN_MODIFIER = 4


def query_words(text):
    """The words of a query, folded, without function words and without repeats."""
    words = [fold(word) for word in search_words(text)]
    return list(dict.fromkeys(word for word in words if word not in STOPWORDS))


def stem(word):
    """A prefix of the word that its other forms share: one inflection ending cut.

    "Jugendlicher" → "jugendlich", "Familien" → "famili", "Treffs" → "treff"; short words
    stay as they are ("Kinder", "Kurs"). The result is folded.
    """
    word = fold(word)
    for ending in STEM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= STEM_MIN_LENGTH:
            return word[: -len(ending)]
    return word


def compound_heads(heads, endings=("", "e", "n", "en", "s", "es")):
    """The folded heads with their plural and genitive endings, longest first."""
    forms = {fold(head) + ending for head in heads for ending in endings}
    return tuple(sorted(forms, key=len, reverse=True))


def split_compound(word, heads):
    """(modifier, head) of a compound ending in one of ``heads`` (from ``compound_heads``),
    or None. The modifier loses its linking "s" and is stemmed; the head is as written.

    "Erziehungsberatung" → ("erziehung", "beratung"); "Familienberatung" →
    ("famili", "beratung"); "Beratung" → None (nothing before the head).
    """
    word = fold(word)
    for head in heads:
        if word.endswith(head) and len(word) - len(head) >= COMPOUND_MIN_MODIFIER:
            modifier = word[: -len(head)]
            if modifier.endswith("s") and modifier[:-1].endswith(_LINKING_S_AFTER):
                modifier = modifier[:-1]
            modifier = modifier.rstrip("-")
            if len(modifier) >= COMPOUND_MIN_MODIFIER - 1:
                return stem(modifier), head
    return None


# --- One typing error ---------------------------------------------------------------------


def within_one_edit(a, b):
    """True when ``b`` is ``a`` with at most one letter inserted, deleted, replaced, or two
    neighbouring letters swapped (optimal string alignment distance ≤ 1)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
    if la > lb:
        a, b = b, a
    # b is one letter longer: deleting one letter of b gives a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def _deletions(word):
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Vocabulary:
    """Known words, to correct one typing error in a query word.

    Each word is filed under itself and under every form with one letter deleted; a query
    word meets its neighbours under the same keys (as in SymSpell). ``min_length``: words
    shorter than this are neither filed nor corrected (too many neighbours).
    """

    def __init__(self, words=(), *, min_length=5):
        self.min_length = min_length
        self.words = set()
        self._keys = {}
        for word in words:
            self.add(word)

    def add(self, word):
        word = fold(word)
        if len(word) < self.min_length or not word.isalpha() or word in self.words:
            return
        self.words.add(word)
        for key in {word} | _deletions(word):
            self._keys.setdefault(key, set()).add(word)

    def __contains__(self, word):
        return fold(word) in self.words

    def __len__(self):
        return len(self.words)

    def neighbours(self, word):
        """Words of the vocabulary one typing error away from ``word`` (not the word itself)."""
        word = fold(word)
        if len(word) < self.min_length:
            return []
        candidates = set()
        for key in {word} | _deletions(word):
            candidates |= self._keys.get(key, set())
        candidates.discard(word)
        return sorted(candidate for candidate in candidates if within_one_edit(word, candidate))

    def has_part(self, word):
        """True when the word is a known word or part of one (then it needs no correction)."""
        word = fold(word)
        if word in self.words:
            return True
        return any(word in known for known in self.words)


class WordSimilar(Lookup):
    """PostgreSQL (pg_trgm): the text holds a word similar to the value, ``text %> value``:
    ``word_similarity(value, text)`` at least ``pg_trgm.word_similarity_threshold`` (0.6 by
    default: a typing error in a word of eight letters keeps about two thirds of its
    trigrams). Unlike the function, the operator can use a GIN trigram index on the column.
    Not registered as a lookup: use it as an expression, ``filter(WordSimilar(F(col), Value(w)))``.
    """

    lookup_name = "word_similar"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} %%> {rhs}", (*lhs_params, *rhs_params)


class InArray(Lookup):
    """PostgreSQL: the column's value is one of the values a subquery returns, as
    ``column = ANY(ARRAY(subquery))``. Unlike ``IN (subquery)`` this is a condition an index
    of the column answers, so that it can be one arm of an OR the planner reads as a
    BitmapOr; meant for subqueries that return a few values (each row it checks compares
    with every one of them). Use it as an expression, ``filter(InArray(F(col), queryset))``.
    """

    lookup_name = "in_array"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)  # "(SELECT …)"
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


def similar_word(field, word):
    """PostgreSQL (pg_trgm): Q for a text column that holds a word within about one typing
    error of ``word``, in any of its spellings ("muehle", "mühle"); pg_trgm ignores case."""
    return reduce(or_, (Q(WordSimilar(F(field), Value(form))) for form in spellings(word) if form.islower()))
