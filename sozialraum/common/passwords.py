"""Refuses passwords built on common German words ("Sommer2026!", "passwort1234", the city's name).

Django's :class:`~django.contrib.auth.password_validation.CommonPasswordValidator` compares
the whole password with an English list, so "Passwort1234" or "Iserlohn2026" pass. This
validator reduces a password to its core first and compares that with a German list
(``common-passwords-de.txt``, next to this module), Django's English list and the words of
``settings.PORTAL_CITY``:

- lower case, umlauts spelt out ("Bärchen" → "baerchen"),
- digits and punctuation at the start and end removed ("Sommer2026!" → "sommer"),
- common character swaps undone ("P@ssw0rt" → "passwort"),
- all non-letters removed and a repeated word reduced to one ("hallo-hallo-1" → "hallo").
"""

import gzip
import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .text import fold

GERMAN_PASSWORD_LIST_PATH = Path(__file__).resolve().parent / "common-passwords-de.txt"
DJANGO_PASSWORD_LIST_PATH = Path(password_validation.__file__).resolve().parent / "common-passwords.txt.gz"

_SWAPS = str.maketrans({"@": "a", "4": "a", "3": "e", "1": "i", "0": "o", "$": "s", "5": "s", "7": "t"})
_SWAPS_ONE_AS_L = str.maketrans({"1": "l"})
_EDGES = re.compile(r"^[^a-z]+|[^a-z]+$")
_NON_LETTERS = re.compile(r"[^a-z]+")
_REPEATED = re.compile(r"(.+?)\1+")
MIN_LETTERS = 4


def normalise(text):
    """Lower case with umlauts spelt out ("Bärchen" → "baerchen")."""
    return fold(text).casefold()


def password_cores(password):
    """The words a password may be built on, in the form of the list entries."""
    text = normalise(password).strip()
    stem = _EDGES.sub("", text)
    variants = {stem, stem.translate(_SWAPS), stem.translate(_SWAPS_ONE_AS_L).translate(_SWAPS)}
    cores = set()
    for variant in variants:
        cores.add(_EDGES.sub("", variant))
        letters = _NON_LETTERS.sub("", variant)
        repeated = _REPEATED.fullmatch(letters)
        for core in (letters, repeated.group(1) if repeated else ""):
            if len(core) >= MIN_LETTERS:  # the few letters of a random password are no word
                cores.add(core)
    cores.discard("")
    return cores


def _made_of(core, words):
    """Whether ``core`` is nothing but ``words`` run together ("iserlohnstadt")."""
    for word in sorted(words, key=len, reverse=True):
        core = core.replace(word, "")
    return core == ""


def _read_list(path):
    """Entries of a (possibly gzipped) list, one per line; lines starting with ``#`` are comments."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            entries = list(lines)
    except OSError:
        with open(path, encoding="utf-8") as lines:
            entries = list(lines)
    return {normalise(line.strip()) for line in entries if not line.startswith("#")} - {""}


class GermanCommonPasswordValidator(CommonPasswordValidator):
    """Refuses passwords whose core is a common German (or English) password or the city's name."""

    def __init__(self, password_list_path=GERMAN_PASSWORD_LIST_PATH, include_english=True):
        self.passwords = _read_list(password_list_path)
        if include_english:
            self.passwords |= _read_list(DJANGO_PASSWORD_LIST_PATH)

    def city_words(self):
        """The words of ``settings.PORTAL_CITY`` ("Stadt Iserlohn" → stadt, iserlohn, stadtiserlohn)."""
        city = normalise(getattr(settings, "PORTAL_CITY", ""))
        words = {word for word in _NON_LETTERS.split(city) if len(word) >= 4}
        words.add(_NON_LETTERS.sub("", city))
        return words - {""}

    def validate(self, password, user=None):
        cores, city_words = password_cores(password), self.city_words()
        if cores & self.passwords or cores & city_words or any(_made_of(core, city_words) for core in cores):
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_error_message(self):
        return _(
            "Dieses Passwort ist zu leicht zu erraten: Es beruht auf einem häufig verwendeten Wort "
            "oder Passwort (z. B. „Passwort“, „Sommer“ oder dem Namen der Stadt), auch wenn Ziffern "
            "oder Zeichen angehängt sind. Wählen Sie besser mehrere Wörter, die nicht zusammengehören."
        )

    def get_help_text(self):
        return _(
            "Ihr Passwort darf nicht auf einem häufig verwendeten Wort beruhen, auch nicht mit "
            "angehängten Ziffern oder Zeichen (z. B. „Sommer2026!“)."
        )
