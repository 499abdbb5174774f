"""What a resident types into the offer search, understood in German.

``understand(text, …)`` reads the words of ``q``:

- a language name ("türkisch", "Arabisch", "auf Russisch", also "türkischsprachig" and
  one typing error) acts as the ``sprache`` filter; "kostenlos" (gratis, umsonst,
  kostenfrei …) as ``kostenlos=1``; "barrierefrei" (stufenlos, rollstuhlgerecht) as
  ``barrierefrei=1``. These words leave the text.
- function words ("für", "in der") leave the text too.
- every remaining word must match the offer (``text_condition``), where a word matches
  when one of these holds:

  1. its stem ("Familien" → "famili") is part of the offer's title, description, place
     or provider name (case, umlauts and ß folded: "ueber" = "über");
  2. it is a compound whose parts are both in the title or both in the description:
     "Erziehungsberatung" = "erziehung" + "beratung" finds "Erziehungs- und
     Familienberatung" and "Beratung in Erziehungsfragen" (heads from
     ``providers.taxonomy.COMPOUND_HEADS``);
  3. it names the offer's service type, its group or a synonym ("Insolvenzberatung" is a
     synonym of Schuldnerberatung; "Beratung" is a group: all its types);
  4. it names one of the offer's target groups ("Familien", "Senioren");
  5. one typing error: words of the vocabulary one edit away (service-type names and
     synonyms; on SQLite also the words of offer titles with their coordinated compounds
     written out by ``expand_compounds``) count as the word; on PostgreSQL pg_trgm's word
     similarity against the title (``%>``, answered by the trigram index of migration
     providers 0005) instead of the titles' vocabulary, for a word that is part of no
     running offer's title (one query asks), as SQLite corrects only words its vocabulary
     does not know.

On PostgreSQL every arm of a word's OR is a condition an index answers (the text's
trigram index, provider_id, service_type_id, the offer's ``target_group_ids``), so that the
planner reads the matching offers as a BitmapOr instead of testing every offer.

Nothing new is stored: the compounds of titles are matched from the query's side.
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Count, F, Max, Q

from providers.models import Offer, Provider
from providers.search import in_target_groups, offer_match, provider_match, title_contains
from providers.taxonomy import COMPOUND_HEADS, expand_compounds
from sozialraum.common.pagecache import known_content_version
from sozialraum.common.search import (
    InArray,
    Vocabulary,
    compound_heads,
    contains_word,
    query_words,
    search_words,
    similar_word,
    split_compound,
    stem,
    within_one_edit,
)
from sozialraum.common.text import fold

#: Words that mean kostenlos=1 (folded).
FREE_WORDS = frozenset(
    "kostenlos kostenlose kostenlosen kostenloses kostenfrei kostenfreie kostenfreien gratis umsonst "
    "gebuehrenfrei gebuehrenfreie unentgeltlich unentgeltliche".split()
)
#: Words that mean barrierefrei=1 (folded).
STEP_FREE_WORDS = frozenset(
    "barrierefrei barrierefreie barrierefreien barrierefreier stufenlos stufenlose stufenlosen "
    "rollstuhlgerecht rollstuhlgerechte rollstuhlgerechten".split()
)
#: What may follow a language name: "türkische", "türkischsprachig", "türkischsprachigen".
_LANGUAGE_ENDINGS = re.compile(r"(?:e|em|en|er|es)?(?:sprachige?[mnrs]?)?")

#: Text columns every word is looked for in (case, umlauts and ß folded).
TEXT_FIELDS = ("title", "description", "place", "provider__name")
#: Where both parts of a split compound must be found together.
COMPOUND_FIELDS = ("title", "description")
#: Parts at least this long are looked up in the search index (its trigrams).
INDEXED_MIN_LENGTH = 3

HEADS = compound_heads(COMPOUND_HEADS)


@dataclass
class Understood:
    """A query, understood: ``words`` are matched as text (folded); the rest are filters."""

    text: str
    words: list = field(default_factory=list)
    languages: list = field(default_factory=list)  # Language instances
    free: bool = False
    step_free: bool = False
    removed: list = field(default_factory=list)  # (kind, word as typed, language or None) taken out

    def without(self, word):
        """The original query with one word (as typed) taken out."""
        return " ".join(w for w in search_words(self.text) if w != word)


def language_of(word, languages):
    """The language a (folded) word names, or None: "tuerkisch", "arabischsprachige"."""
    for language in languages:
        name = fold(language.name)
        if len(name) < 4:
            continue
        if word.startswith(name) and _LANGUAGE_ENDINGS.fullmatch(word[len(name) :]):
            return language
        if len(word) >= 6 and within_one_edit(word, name):
            return language
    return None


def understand(text, *, languages):
    """Split ``q`` into text words and the filters it names (see the module docstring)."""
    understood = Understood(text=text or "")
    taken = set()
    for original in search_words(text):
        word = fold(original)
        language = language_of(word, languages)
        if language is not None:
            if language not in understood.languages:
                understood.languages.append(language)
            understood.removed.append(("sprache", original, language))
            taken.add(word)
        elif word in FREE_WORDS:
            understood.free = True
            understood.removed.append(("kostenlos", original, None))
            taken.add(word)
        elif word in STEP_FREE_WORDS:
            understood.step_free = True
            understood.removed.append(("barrierefrei", original, None))
            taken.add(word)
    understood.words = [word for word in query_words(text) if word not in taken]
    return understood


# --- Service types and target groups --------------------------------------------------------


@dataclass
class Term:
    """A folded name or synonym of a record (service type or target group)."""

    text: str
    record_id: int


def _terms_matching(word, terms):
    """Ids of the records whose terms the word names: the whole term, a part of it (from
    five letters), a word that starts with the term ("Schuldnerberatungsstelle"), or the
    term with one typing error."""
    word_stem = stem(word)
    ids = set()
    for term in terms:
        text = term.text
        if (
            word == text
            or (len(word_stem) >= 5 and word_stem in text)
            or (len(text) >= 6 and " " not in text and word.startswith(text))
            or (len(word) >= 6 and within_one_edit(word, text))
        ):
            ids.add(term.record_id)
    return ids


class Catalogue:
    """Service types and target groups as the words of a search name them (built by
    ``selectors.search_catalogue``, two queries, kept while nothing changes)."""

    def __init__(self, service_types, target_groups):
        self.type_children = {}
        self.type_terms = []
        for service_type in service_types:
            if service_type.parent_id:
                self.type_children.setdefault(service_type.parent_id, set()).add(service_type.pk)
            for text in (service_type.name, *service_type.synonym_list):
                self.type_terms.append(Term(fold(text).strip(), service_type.pk))
        self.group_children = {}
        self.group_terms = []
        for group in target_groups:
            if group.parent_id:
                self.group_children.setdefault(group.parent_id, set()).add(group.pk)
            self.group_terms.append(Term(fold(group.name), group.pk))
        self.signature = hash(tuple((term.text, term.record_id) for term in self.type_terms))

    @staticmethod
    def _with_children(ids, children):
        result = set(ids)
        for pk in ids:
            result |= children.get(pk, set())
        return result

    def service_types_for(self, word):
        return self._with_children(_terms_matching(word, self.type_terms), self.type_children)

    def target_groups_for(self, word):
        """Groups one of whose words starts with the word's stem ("famili" → Familien)."""
        word_stem = stem(word)
        if len(word_stem) < 4:
            return set()
        ids = {
            term.record_id
            for term in self.group_terms
            if any(part.startswith(word_stem) for part in re.findall(r"[^\W_]+", term.text))
        }
        return self._with_children(ids, self.group_children)

    def words(self):
        """Words of the service types' names and synonyms, for the vocabulary."""
        for term in self.type_terms:
            yield from re.findall(r"[^\W\d_]+", term.text)


# --- The vocabulary (typing errors) -------------------------------------------------------

#: The last vocabulary built, with the key it was built for, and the content version it
#: was last checked at (one per process).
_cache = {"key": None, "checked": None, "vocabulary": None}


def _title_words(title):
    for text in (title, *expand_compounds(title)):
        yield from re.findall(r"[^\W\d_]+", text)


def _titles_version():
    """Changes whenever an offer is added, removed or edited (one query)."""
    return tuple(Offer.objects.aggregate(n=Count("pk"), changed=Max("updated_at")).values())


def vocabulary_for(catalogue):
    """The words typing errors are corrected to: the service types' names and synonyms;
    on SQLite also the words of active offers' titles with their coordinated compounds
    written out (PostgreSQL compares with the titles through pg_trgm instead).

    Kept in the process. On SQLite, while the content version of the page cache (which
    every write bumps) stays the same, no query checks it; after a write, one query asks
    whether the offers changed, and only then one more reads the titles to rebuild (about
    2 s at 50,000 offers), so that edits elsewhere do not cost the next search a rebuild.
    """
    titles = connection.vendor != "postgresql"
    version = known_content_version() if titles else None  # None without the cache: checked every time
    checked = (catalogue.signature, version, connection.alias)
    if (titles and version is None) or _cache["checked"] != checked:
        key = (catalogue.signature, _titles_version() if titles else None, connection.alias)
        if _cache["key"] != key:
            vocabulary = Vocabulary(catalogue.words())
            if titles:
                for title in Offer.objects.active().values_list("title", flat=True).distinct().iterator():
                    for word in _title_words(title):
                        vocabulary.add(word)
            _cache.update(key=key, vocabulary=vocabulary)
        _cache["checked"] = checked
    return _cache["vocabulary"]


# --- The condition ------------------------------------------------------------------------


def _text_contains(word_stem):
    """Q: the stem is part of the offer's title, description or place or of its provider's
    name, answered by the search index (providers/search.py) rather than by LIKE on every
    offer. The trigram index knows no parts shorter than three letters: those with LIKE."""
    if len(word_stem) < INDEXED_MIN_LENGTH:
        return reduce(or_, (contains_word(field, word_stem) for field in TEXT_FIELDS))
    alternatives = [[word_stem]]
    named = Provider.objects.filter(provider_match(alternatives, name_only=True)).order_by().values("pk")
    if connection.vendor == "postgresql":
        # an arm the index on provider_id answers, so that the whole OR is a BitmapOr
        return offer_match(alternatives, with_stems=False) | Q(InArray(F("provider_id"), named))
    return offer_match(alternatives, with_stems=False) | Q(provider_id__in=named)


def _compound_condition(modifier, head):
    """Q: both parts of a compound in the title, or both in the description. The index
    narrows the offers to those that hold both parts anywhere; LIKE checks the column on
    those few."""
    condition = reduce(or_, (contains_word(field, modifier) & contains_word(field, head) for field in COMPOUND_FIELDS))
    if min(len(modifier), len(head)) < INDEXED_MIN_LENGTH:
        return condition
    return offer_match([[modifier], [head]], with_stems=False) & condition


def _plain_condition(word, catalogue):
    """Q: the word (folded) matches in one of the ways 1–4 of the module docstring."""
    condition = _text_contains(stem(word))
    parts = split_compound(word, HEADS)
    if parts:
        condition |= _compound_condition(*parts)
    type_ids = catalogue.service_types_for(word)
    if type_ids:
        condition |= Q(service_type_id__in=sorted(type_ids))
    group_ids = catalogue.target_groups_for(word)
    if group_ids and connection.vendor == "postgresql":
        condition |= in_target_groups(group_ids)  # the offer's own column, an index answers it
    elif group_ids:
        placements = Offer.target_groups.through.objects.filter(targetgroup_id__in=sorted(group_ids))
        condition |= Q(pk__in=placements.values("offer_id"))
    return condition


def _in_a_title(word):
    """PostgreSQL: the word is part of the title of a running offer (one query, answered by
    the titles' trigram index), as SQLite's vocabulary knows the words of the titles."""
    return Offer.objects.active().filter(title_contains(word)).exists()


#: Up to this many offers with a title like a mistyped word are named by their ids.
SIMILAR_TITLES_LISTED = 500


def _similar_titles(word):
    """PostgreSQL: Q: the title holds a word one typing error away. The offers are looked up
    first (one query, on the titles' trigram index): none leave the condition out, a few
    are named by id, so that the planner reads the whole OR from indexes; many stay a
    subquery."""
    similar = Offer.objects.filter(similar_word("title", word)).order_by().values("pk")
    ids = list(similar.values_list("pk", flat=True)[: SIMILAR_TITLES_LISTED + 1])
    return Q(pk__in=similar) if len(ids) > SIMILAR_TITLES_LISTED else Q(pk__in=ids)


def text_condition(words, catalogue, vocabulary):
    """Q on Offer: every word matches (module docstring)."""
    postgres = connection.vendor == "postgresql"
    conditions = []
    for word in words:
        condition = _plain_condition(word, catalogue)
        if vocabulary.has_part(word) or (postgres and len(word) >= 5 and _in_a_title(word)):
            conditions.append(condition)  # a known word (or part of one): nothing to correct
            continue
        for neighbour in vocabulary.neighbours(word):
            condition |= _plain_condition(neighbour, catalogue)
        if postgres and len(word) >= 5:
            condition |= _similar_titles(word)
        conditions.append(condition)
    return reduce(lambda a, b: a & b, conditions) if conditions else Q()
