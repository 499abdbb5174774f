"""Readers for the structured offer cells that people write as text: cost and access.

``parse_cost`` and ``parse_access`` are lenient (they find what a free text says) and are
shared by the catalogue import and the data migration that converted the old free texts.
The ``read_*`` functions read one cell of the catalogue table strictly: what they do not
understand is a ``CellError`` with a German message, so that the import reports the row
and column instead of guessing.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from providers.schedules.parsing import parse_opening_hours
from sozialraum.common.tabular import CellError, cell_text, is_filled, parse_bool
from sozialraum.common.text import fold

COST_FREE, COST_DONATION, COST_REDUCED, COST_PAID = "free", "donation", "reduced", "paid"

_MONEY = r"(€|\beuro\b|\beur\b)"
_FREE = re.compile(r"\b(kostenlos|kostenfrei|gebuehrenfrei|unentgeltlich|gratis|frei|ohne kosten)\b|(^|\D)0\s*" + _MONEY)
_DONATION = re.compile(r"gegen spende|spendenbasis|auf spende|spende erbeten|^spende")
_REDUCED = re.compile(r"\b(ermaessig|sozialtarif|sozialpass|nach einkommen|nach selbsteinschaetzung)")
_AMOUNT = re.compile(r"\d+([.,]\d+)?\s*" + _MONEY + r"|" + _MONEY + r"\s*\d|beitrag|gebuehr|kostenpflichtig")
_NONZERO_AMOUNT = re.compile(r"(^|[^\d,.])[1-9]\d*([.,]\d+)?\s*" + _MONEY + r"|" + _MONEY + r"\s*[1-9]")


def parse_cost(text):
    """The cost kind of a German cost text, or "" when the text says nothing clear.

    "kostenlos" → free; "gegen Spende" → donation; "5 €, ermäßigt 2 €" → reduced;
    "5 € pro Termin" → paid. Whatever the text, it is kept beside the kind.
    """
    folded = fold(text).strip()
    if not folded:
        return ""
    if _REDUCED.search(folded):
        return COST_REDUCED
    if _DONATION.search(folded):
        return COST_DONATION
    if _FREE.search(folded) and not _NONZERO_AMOUNT.search(folded):
        return COST_FREE
    if _AMOUNT.search(folded):
        return COST_PAID
    return ""


# Access attribute → the words that name it (folded).
ACCESS_WORDS = {
    "step_free": ["stufenlos", "barrierefrei", "ebenerdig", "rollstuhlgerecht", "rampe", "rollstuhl"],
    "elevator": ["aufzug", "fahrstuhl", "lift"],
    "accessible_toilet": ["wc", "toilette"],
    "hearing_loop": ["hoeranlage", "induktion", "hoerschleife"],
    "sign_language": ["gebaerdensprache", "dgs"],
    "easy_language": ["leichte sprache", "leichter sprache", "einfache sprache"],
}
_NEGATION = re.compile(r"\b(kein|keine|nicht|ohne)\b")


def parse_access(text):
    """Access attributes named in a text ("stufenloser Zugang, Aufzug") → field names.

    Parts with a negation ("kein Aufzug", "nicht barrierefrei") name nothing; a toilet
    counts only when it is said to be accessible ("rollstuhlgerechtes WC", "barrierefreie Toilette").
    """
    found = []
    for part in re.split(r"[,;/\n]|\bund\b", fold(text)):
        part = part.strip()
        if not part or _NEGATION.search(part):
            continue
        for name, words in ACCESS_WORDS.items():
            if not any(word in part for word in words):
                continue
            if name == "accessible_toilet" and not re.search(r"rollstuhl|barrierefrei|behinderten", part):
                continue
            if name == "step_free" and re.search(r"\b(wc|toilette)\b", part):
                continue
            if name not in found:
                found.append(name)
    return found


_AMOUNT_NUMBER = r"(\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
_AMOUNTS = re.compile(_AMOUNT_NUMBER + r"\s*(?:€|\beuro\b|\beur\b)|(?:€|\beur\b)\s*" + _AMOUNT_NUMBER)


def cost_amounts(text):
    """The sums of money in a German cost text: "5 €, ermäßigt 2,50 €" → [5, 2.50] (Decimals)."""
    return [_amount(match.group(1) or match.group(2)) for match in _AMOUNTS.finditer(fold(text))]


def _amount(number):
    if "," in number:  # German: 1.000,50
        return Decimal(number.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", number):  # 1.000
        return Decimal(number.replace(".", ""))
    return Decimal(number)


# --- Strict readers of table cells ---------------------------------------------------------

SCHEDULE_EXAMPLE = "Mo–Fr 9–12 Uhr, jeden 1. Mi 15–17 Uhr, nach Vereinbarung"
MAX_AGE = 120


def read_schedule(value):
    """A "Zeiten" cell → ``ParsedSchedule`` (slots, by appointment); any unread rest is an error."""
    parsed = parse_opening_hours(cell_text(value))
    if parsed.note:
        raise CellError(_(
            "„%(rest)s“ ist als Zeit nicht lesbar. Bitte Wochentage und Uhrzeiten schreiben, z. B. „%(example)s“; "
            "was sich so nicht sagen lässt, gehört in die Spalte „Hinweis zu den Zeiten“."
        ) % {"rest": parsed.note, "example": SCHEDULE_EXAMPLE})
    return parsed


def read_cost_kind(value, labels):
    """A "Kosten" cell → a cost kind ("" when empty); ``labels`` maps kinds to German labels.

    Takes the labels („ermäßigt möglich“), short forms („ermäßigt“, „Spende“) and what
    ``parse_cost`` understands („5 €“ → paid); anything else is an error.
    """
    text = cell_text(value)
    if not text:
        return ""
    folded = fold(text)
    for kind, label in labels.items():
        if folded == fold(str(label)):
            return kind
    kind = parse_cost(text)
    if kind:
        return kind
    raise CellError(_(
        "„%(value)s“ ist keine Kostenart. Möglich sind: %(choices)s, oder ein Betrag wie „5 €“. "
        "Einzelheiten gehören in die Spalte „Kosten (Angabe)“."
    ) % {"value": text, "choices": ", ".join(str(label) for label in labels.values())})


# Words that name one access attribute on their own; "WC" alone does not say it is accessible.
_ACCESS_SYNONYMS = {
    word: name for name, words in ACCESS_WORDS.items() for word in words if word not in ("wc", "toilette")
}


def read_access(value, labels):
    """A "Zugang" cell → access field names; ``labels`` maps field names to German labels.

    Each comma-separated part is a label („Aufzug“), a field name or one word for it
    („barrierefrei“, „Gebärdensprache“); an unknown part is an error.
    """
    known = {
        **_ACCESS_SYNONYMS,
        **{name: name for name in labels},
        **{fold(str(label)): name for name, label in labels.items()},
    }
    found, unknown = [], []
    for part in re.split(r"[,;\n]", cell_text(value)):
        part = part.strip()
        if not part:
            continue
        name = known.get(fold(part))
        if name is None:
            unknown.append(part)
        elif name not in found:
            found.append(name)
    if unknown:
        raise CellError(_("Unbekannt: %(words)s. Möglich sind: %(choices)s.") % {
            "words": ", ".join(f"„{word}“" for word in unknown),
            "choices": ", ".join(str(label) for label in labels.values()),
        })
    return [name for name in labels if name in found]


def read_age(value):
    """An age cell → a whole number from 0 to 120, or None when empty."""
    text = cell_text(value)
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{1,3}", text) or int(text) > MAX_AGE:
        raise CellError(
            _("„%(value)s“ ist kein Alter; bitte eine ganze Zahl von 0 bis %(max)d schreiben.")
            % {"value": text, "max": MAX_AGE}
        )
    return int(text)


def read_flag(value):
    """A yes/no cell whose empty value means no."""
    return parse_bool(value) if is_filled(value) else False
