"""One German text folding, used wherever texts are compared loosely.

``fold("Überweisung")`` → ``"ueberweisung"``: lower case, umlauts and ß written out, so
that "über", "Über" and "ueber" compare equal. Search, password rules and file names
all fold with this one table.
"""

UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"}
_UMLAUT_TABLE = str.maketrans({**UMLAUTS, "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def fold(text):
    """Lower case with German umlauts and ß written out."""
    return (text or "").translate(_UMLAUT_TABLE).lower()


def fold_pairs():
    """(letter, replacement) for every letter the folding replaces, capitals first (for SQL)."""
    return [("Ä", "ae"), ("ä", "ae"), ("Ö", "oe"), ("ö", "oe"), ("Ü", "ue"), ("ü", "ue"), ("ẞ", "ss"), ("ß", "ss")]


def german_slug(text):
    """„Fortschreibung für 2026“ → "fortschreibung-fuer-2026" (umlauts spelt out, not dropped)."""
    from django.utils.text import slugify

    return slugify(fold(text))
