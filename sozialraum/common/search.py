"""Text search that understands German, on PostgreSQL and on SQLite.

PostgreSQL: the ``german`` full-text configuration (stemming: "Jugendliche" finds
"Jugendlicher"), combined with a case-insensitive substring match per word so that
parts of words ("Über" → "Übergang") are found as well.

SQLite: no stemming; every word must occur in one of the fields, ignoring case and
umlauts (ä/ae, ö/oe, ü/ue, ß/ss are treated alike, "über" finds "Übergang").
"""

import re
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Q, TextField, Value
from django.db.models.functions import Lower, Replace

from .text import fold, fold_pairs

SEARCH_MAX_LENGTH = 200
MAX_WORDS = 10



def search_words(text):
    """The words of a search string (at most MAX_WORDS, punctuation removed)."""
    return re.findall(r"[^\W_]+", text or "")[:MAX_WORDS]


def _folded(field):
    expression = field
    for umlaut, plain in fold_pairs():
        expression = Replace(expression, Value(umlaut), Value(plain), output_field=TextField())
    return Lower(expression, output_field=TextField())


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
    annotations = {f"_folded_{field}": _folded(field) for field in fields}
    queryset = queryset.annotate(**annotations)
    condition = reduce(
        and_,
        (reduce(or_, (Q(**{f"{name}__contains": fold(word)}) for name in annotations)) for word in words),
    )
    return queryset.filter(condition)
