"""The directory's text search (/anbieter/?q=…) on an index, ranked, on both databases.

What matches: every word of the query (folded, without function words, at least
MIN_WORD_LENGTH letters, cut by the light German stemmer) occurs in the provider's own
text (name, description, accessibility, street, city) or, all of them, in one of its
active offers (title, description, place); word parts count ("beratung" finds
"Schuldnerberatung", "über" finds "Übergangswohnen"). When nothing matches, a word that
occurs nowhere is read as a typing error of a word in the names and titles.

Ranking: providers with every word in their name first, then those with every word in
their own text, then those found through an offer; by name within each group.

Where the index lives (migrations ``0006_search_index``):

- PostgreSQL: stored generated ``tsvector`` columns (config ``german``, name/title weighted
  A) with a GIN index, and generated folded-text columns with pg_trgm GIN indexes for word
  parts (one plain LIKE of the folded word); a typing error is matched with pg_trgm's word
  similarity on names and titles. For providers each word is a UNION of one index scan per
  condition, the words intersected (``_pg_match``), so that the planner reads the indexes
  rather than the table; for offers, of which a common word finds thousands, a condition
  on the offer's own row (``OwnText``: a BitmapOr of both indexes, and whether the offer
  runs checked on the rows read anyway).
- SQLite: FTS5 tables with the trigram tokenizer over the folded text (the one German
  folding of ``sozialraum.common.text``, written in SQL), filled by triggers in the same
  transaction as every write (``update()`` and ``bulk_create`` too); typing errors are
  corrected against the words of names and titles (read again only when providers or offers
  changed).
"""

from functools import reduce
from operator import and_

from django.db import connection
from django.db.models import BooleanField, Case, Count, IntegerField, Max, Q, Value, When
from django.db.models.expressions import Expression, RawSQL

from sozialraum.common.pagecache import known_content_version
from sozialraum.common.search import Vocabulary, query_words, search_words, similar_word, spellings, stem
from sozialraum.common.text import fold

from .models import Offer, Provider

MIN_WORD_LENGTH = 3

PROVIDER_FTS = "providers_provider_search"
OFFER_FTS = "providers_offer_search"

NAME_MATCH, TEXT_MATCH, OFFER_MATCH = 0, 1, 2


def search_terms(text):
    """The folded, stemmed words of a query that the search looks for (function words only
    when the query has nothing else: "über" alone is looked for)."""
    words = query_words(text) or [fold(word) for word in search_words(text)]
    terms = [stem(word) for word in words if len(word) >= MIN_WORD_LENGTH]
    return list(dict.fromkeys(terms))


def _postgres():
    return connection.vendor == "postgresql"


# --- One condition per table --------------------------------------------------------------


def _fts_match(alternatives_per_word, column=None):
    """An FTS5 query: each word (one of its alternatives) somewhere, or in ``column``."""
    prefix = f"{column} : " if column else ""
    return " AND ".join(
        "(" + " OR ".join(f'{prefix}"{term}"' for term in alternatives) + ")" for alternatives in alternatives_per_word
    )


def _part_conditions(column, term):
    """SQL conditions with their parameter: the word as part of ``column``. The folded
    ``search_text`` takes one plain LIKE of the folded word; other columns (names) one
    ILIKE for each of the word's spellings."""
    if column == "search_text":
        return [(f"{column} LIKE %s", f"%{fold(term)}%")]
    return [(f"{column} ILIKE %s", f"%{form}%") for form in spellings(term)]


def _pg_match(table, alternatives_per_word, *, column, with_stems):
    """SQL selecting the ids of the rows of ``table`` that hold every word: per word a UNION
    of index scans (the stemmed match of the tsvector with ``with_stems``, and the word as
    part of ``column`` through the trigram index), the words' sets intersected.

    Separate branches rather than one OR of the conditions: the planner answers each
    branch from its own index, where an OR (or ILIKE ANY) made it scan the whole table.
    """
    selects, params = [], []
    for alternatives in alternatives_per_word:
        branches = []
        for term in alternatives:
            if with_stems:
                branches.append(f"SELECT id FROM {table} WHERE search_vector @@ plainto_tsquery('german', %s)")
                params.append(term)
            for condition, param in _part_conditions(column, term):
                branches.append(f"SELECT id FROM {table} WHERE {condition}")
                params.append(param)
        selects.append("(" + " UNION ".join(branches) + ")")
    return " INTERSECT ".join(selects), params


def provider_match(alternatives_per_word, *, name_only=False):
    """Q on Provider: every word (one of its alternatives) in its own text (or its name)."""
    if _postgres():
        sql, params = _pg_match(
            "providers_provider",
            alternatives_per_word,
            column="name" if name_only else "search_text",
            with_stems=not name_only,
        )
        return Q(pk__in=RawSQL(sql, params))
    query = _fts_match(alternatives_per_word, "name" if name_only else None)
    return Q(pk__in=RawSQL(f"SELECT rowid FROM {PROVIDER_FTS} WHERE {PROVIDER_FTS} MATCH %s", [query]))


class OwnText(Expression):
    """A condition on the search columns of the query's own table (PostgreSQL): ``sql``
    names them as ``{t}.column``, and ``{t}`` becomes the table's alias in that query (so
    that it works in a subquery too, where Django renames the table)."""

    output_field = BooleanField()

    def __init__(self, table, sql, params):
        super().__init__()
        self.table, self.sql, self.params = table, sql, tuple(params)

    def as_sql(self, compiler, connection):
        alias = compiler.query.base_table
        table = compiler.query.alias_map[alias].table_name
        if table != self.table:
            raise ValueError(f"OwnText on {self.table} in a query on {table}")
        return self.sql.format(t=compiler.quote_name_unless_alias(alias)), list(self.params)


def _pg_own_text(table, alternatives_per_word, *, with_stems):
    """OwnText: every word (one of its alternatives) stemmed in the tsvector or as part of
    the folded text; the planner answers it from both indexes at once (a BitmapOr)."""
    words, params = [], []
    for alternatives in alternatives_per_word:
        conditions = []
        for term in alternatives:
            if with_stems:
                conditions.append("{t}.search_vector @@ plainto_tsquery('german', %s)")
                params.append(term)
            conditions.append("{t}.search_text LIKE %s")
            params.append(f"%{fold(term)}%")
        words.append("(" + " OR ".join(conditions) + ")")
    return OwnText(table, " AND ".join(words), params)


def in_target_groups(group_ids):
    """PostgreSQL: Q on Offer: the offer is for one of the target groups, on its own row
    (``target_group_ids``, kept by triggers; providers/search_index.py), so that the GIN
    index answers it as one arm of a BitmapOr."""
    return Q(OwnText("providers_offer", "{t}.target_group_ids && %s::bigint[]", [sorted(group_ids)]))


def title_contains(term):
    """PostgreSQL: Q on Offer: the term, in one of its spellings, is part of the title
    (ILIKE, which the titles' trigram index answers)."""
    conditions = _part_conditions("{t}.title", term)
    return Q(OwnText("providers_offer", " OR ".join(sql for sql, _param in conditions), [p for _s, p in conditions]))


def offer_match(alternatives_per_word, *, with_stems=True):
    """Q on Offer: every word (one of its alternatives) in the offer's text (title,
    description, place). ``with_stems=False``: as part of the text only, without
    PostgreSQL's stemmed match (SQLite matches parts of the text only anyway).

    On PostgreSQL a condition on the offer's own row rather than a set of ids: the offers
    that match are read from the heap anyway, so whether they run and whose they are costs
    nothing more (a set of ids needed a second pass over every running offer)."""
    if _postgres():
        return Q(_pg_own_text("providers_offer", alternatives_per_word, with_stems=with_stems))
    query = _fts_match(alternatives_per_word)
    return Q(pk__in=RawSQL(f"SELECT rowid FROM {OFFER_FTS} WHERE {OFFER_FTS} MATCH %s", [query]))


# --- Typing errors ------------------------------------------------------------------------

_vocabulary = {"key": None, "checked": None, "words": None}


def _names_version():
    """Changes whenever a provider or an offer is added, removed or saved (two queries)."""
    return tuple(
        value
        for model in (Provider, Offer)
        for value in model.objects.aggregate(n=Count("pk"), changed=Max("updated_at")).values()
    )


def name_vocabulary():
    """SQLite: the words of provider names and offer titles. While the content version stays
    the same, no query checks it; after a write, two queries ask whether providers or
    offers changed, and only then are the names and titles read again (seconds at 10,000
    providers), so that edits elsewhere do not cost the next corrected search a rebuild."""
    version = known_content_version()  # None without the cache: then checked every time
    checked = (version, connection.alias)
    if version is None or _vocabulary["checked"] != checked:
        key = (_names_version(), connection.alias)
        if _vocabulary["key"] != key:
            vocabulary = Vocabulary()
            for values in (
                Provider.objects.values_list("name", flat=True),
                Offer.objects.active().values_list("title", flat=True).distinct(),
            ):
                for text in values.iterator():
                    for word in search_words(text):
                        vocabulary.add(word)
            _vocabulary.update(key=key, words=vocabulary)
        _vocabulary["checked"] = checked
    return _vocabulary["words"]


def _found_anywhere(term):
    alternatives = [[term]]
    return (
        Provider.objects.filter(provider_match(alternatives)).exists()
        or Offer.objects.active().filter(offer_match(alternatives)).exists()
    )


def _typo_condition(term):
    """Q on Provider for a word that occurs nowhere: names or active offer titles one typing
    error away (None when there are none)."""
    if _postgres():
        offers = Offer.objects.active().filter(similar_word("title", term)).values("provider_id")
        return Q(similar_word("name", term)) | Q(pk__in=offers)
    neighbours = [stem(word) for word in name_vocabulary().neighbours(term)]
    if not neighbours:
        return None
    alternatives = [list(dict.fromkeys(neighbours))]
    offers = Offer.objects.active().filter(offer_match(alternatives)).values("provider_id")
    return provider_match(alternatives) | Q(pk__in=offers)


# --- The search ---------------------------------------------------------------------------


def provider_search(queryset, text):
    """``queryset`` (of Provider) narrowed to the providers that match ``text``, with
    ``search_rank`` (NAME_MATCH, TEXT_MATCH, OFFER_MATCH) for ordering."""
    terms = search_terms(text)
    if not terms:
        return queryset.annotate(search_rank=Value(TEXT_MATCH, output_field=IntegerField()))
    alternatives = [[term] for term in terms]
    own = provider_match(alternatives)
    offers = Offer.objects.active().filter(offer_match(alternatives)).values("provider_id")
    condition = own | Q(pk__in=offers)
    if not queryset.filter(condition).exists():
        condition = _typo_tolerant_condition(terms) or condition
    return queryset.filter(condition).annotate(
        search_rank=Case(
            When(provider_match(alternatives, name_only=True), then=Value(NAME_MATCH)),
            When(own, then=Value(TEXT_MATCH)),
            default=Value(OFFER_MATCH),
            output_field=IntegerField(),
        )
    )


def _typo_tolerant_condition(terms):
    """Q: every word as it is, or, for a word that occurs nowhere, its typing-error
    neighbours (None when no word could be corrected)."""
    conditions, corrected = [], False
    for term in terms:
        alternatives = [[term]]
        exact = provider_match(alternatives) | Q(
            pk__in=Offer.objects.active().filter(offer_match(alternatives)).values("provider_id")
        )
        if len(term) >= 5 and not _found_anywhere(term):
            typo = _typo_condition(fold(term))
            if typo is not None:
                exact |= typo
                corrected = True
        conditions.append(exact)
    return reduce(and_, conditions) if corrected else None
