"""Readers for the structured offer cells that people write as text: cost and access.

Shared by the catalogue import and the data migration that converted the old free texts.
"""

import re

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
