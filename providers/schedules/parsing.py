"""Opening times read from the texts people write, such as „Mo–Fr 9–12 Uhr“.

The result follows the schedules of Open Referral HSDS: a slot is a weekday with an opening
and a closing time, either every week (``freq=WEEKLY``, ``byday=MO``) or on the n-th or the
last such weekday of a month (``freq=MONTHLY``, ``byday=1MO`` or ``-1MO``).

The parser never guesses. The text is cut into groups („Mo–Fr 9–12 Uhr“, „Termine nach
Vereinbarung“); a group with anything in it the parser does not know gives no slots and is
kept word for word in ``note``. A qualifier such as „(14-täglich)“ or „außer in den Ferien“
therefore takes its group with it into the note instead of being dropped.
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import NamedTuple

from sozialraum.common.text import fold

LAST = -1
"""The ordinal of the last such weekday of a month."""

MIDNIGHT = dt.time(23, 59)
"""A closing time of „24:00 Uhr“, the end of the day."""


@dataclass(frozen=True, order=True)
class Slot:
    """Open from ``opens`` until ``closes`` on a weekday (0 = Monday … 6 = Sunday).

    ``ordinal`` is None for every week, 1 to 5 for the n-th and ``LAST`` for the last such
    weekday of a month. Sort slots with ``sort_slots``: plain ``sorted()`` fails on two slots
    that differ only in None against a number.
    """

    weekday: int
    opens: dt.time
    closes: dt.time
    ordinal: int | None = None

    def __post_init__(self):
        if self.weekday not in range(7):
            raise ValueError(f"weekday must be 0 to 6, not {self.weekday!r}")
        if self.ordinal not in (None, LAST, 1, 2, 3, 4, 5):
            raise ValueError(f"ordinal must be None, 1 to 5 or -1, not {self.ordinal!r}")
        if not self.opens < self.closes:
            raise ValueError(f"closes ({self.closes}) must be after opens ({self.opens})")


def slot_key(slot):
    """Weekday, times, then every week before the 1st … 5th and the last of a month."""
    rank = 0 if slot.ordinal is None else 6 if slot.ordinal == LAST else slot.ordinal
    return (slot.weekday, slot.opens, slot.closes, rank)


def sort_slots(slots):
    """The slots without repeats, in the order of ``slot_key``."""
    return sorted(set(slots), key=slot_key)


@dataclass
class ParsedSchedule:
    """What ``parse_opening_hours`` read: slots, „nach Vereinbarung“ and the unread rest."""

    slots: list[Slot]
    by_appointment: bool
    note: str

    @property
    def complete(self):
        """True when the whole text was read."""
        return self.note == ""


def parse_opening_hours(text):
    """Read the opening times in a German text such as „Mo–Fr 9–12 Uhr, Mi 14–17 Uhr“."""
    slots, by_appointment, unread = [], False, []
    for segment in _segments(_tokenize(text or "")):
        tokens = [t for t in segment if t.kind != FILLER]
        kinds = [t.kind for t in tokens if t.kind not in _SEPARATORS]
        if not kinds:
            continue  # only a label such as „Öffnungszeiten:“
        if kinds == [APPOINTMENT]:
            by_appointment = True
            continue
        group = _read_group(tokens)
        if group is None:
            unread.append(_span(segment))
        else:
            slots.extend(group)
    return ParsedSchedule(sort_slots(slots), by_appointment, _note(text, unread))


# --- Tokens -----------------------------------------------------------------------------

DAY, DAYS, ORDINAL, MONTH, TIME, DASH = "day", "days", "ordinal", "month", "time", "dash"
AND, COMMA, SLASH, COLON, DOT, PAREN, BREAK = "and", "comma", "slash", "colon", "dot", "paren", "break"
APPOINTMENT, FILLER, UNKNOWN, WORD = "appointment", "filler", "unknown", "word"

_CONNECTORS = {AND, COMMA, SLASH}
"""What joins the items of a list of days, ordinals or times."""

_SEPARATORS = _CONNECTORS | {COLON, DOT, PAREN, BREAK}
"""Punctuation and conjunctions: no content of their own, trimmed at the ends of a group."""

_GROUP_START = {DAY, DAYS, ORDINAL, APPOINTMENT}


class Token(NamedTuple):
    kind: str
    value: object
    start: int  # position in the original text
    end: int


# The patterns run on the folded text (lower case, „ä“ as „ae“, „ß“ as „ss“), in this order.
_APPOINTMENT_PATTERN = r"""
    (?:(?:und|oder|sowie|u\.)\s+)?
    (?:(?:auch|gerne?|nur|jederzeit|zusaetzlich|weitere|individuelle)\s+)*
    (?:(?:termine?|einzeltermine|beratung(?:en|stermine|sgespraeche)?|gespraeche|sprechstunden?|hausbesuche)\s+)?
    (?:(?:auch|gerne?|nur|jederzeit)\s+)*
    nach\s+
    (?:(?:telefonischer|tel\.|vorheriger|persoenlicher|individueller)\s+)*
    (?:termin)?(?:vereinbarung|absprache|ruecksprache)\b
    (?:\s+moeglich\b)?
    | n\.\s?v\.?(?!\w)
"""
_RULES = [
    (APPOINTMENT, re.compile(_APPOINTMENT_PATTERN, re.VERBOSE)),
    (MONTH, re.compile(r"(?:(?:im|des|eines|jeden|jedes|pro)\s+monats?|monatlich)\b")),
    (UNKNOWN, re.compile(r"\d+\s*-?\s*tae(?:gig|glich)\w*")),  # „14 täglich“ is not „täglich“
    (ORDINAL, re.compile(r"([1-5])\.(?!\d)")),
    (TIME, re.compile(r"(\d{1,2})(?:[:.](\d{2}))?(?!\d)(?:[^\S\n]*(?:uhr|h)\b)?")),
    (DASH, re.compile(r"[-‐‑–—−]")),
    (AND, re.compile(r"[&+]")),
    (COMMA, re.compile(r",")),
    (SLASH, re.compile(r"/")),
    (COLON, re.compile(r":")),
    (DOT, re.compile(r"\.")),
    (PAREN, re.compile(r"[()\[\]]")),
    (BREAK, re.compile(r"[\n;|•·]")),
    (WORD, re.compile(r"[^\W\d_]+\.?")),
    (UNKNOWN, re.compile(r"\d+|.", re.DOTALL)),
]
_SPACE = re.compile(r"(?:[^\S\n]|[\u200b\ufeff])+")  # not line breaks; zero-width spaces from web pages

_WEEKDAYS = [
    ("mo", "montag", "montags"),
    ("di", "dienstag", "dienstags"),
    ("mi", "mittwoch", "mittwochs"),
    ("do", "donnerstag", "donnerstags"),
    ("fr", "freitag", "freitags"),
    ("sa", "samstag", "samstags", "sonnabend", "sonnabends"),
    ("so", "sonntag", "sonntags"),
]
_ORDINALS = {"erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fuenft": 5, "letzt": LAST}
_WORDS = {
    **{name: (DAY, day) for day, names in enumerate(_WEEKDAYS) for name in names},
    **{stem + ending: (ORDINAL, n) for stem, n in _ORDINALS.items() for ending in ("e", "en", "er", "em")},
    "taeglich": (DAYS, (0, 1, 2, 3, 4, 5, 6)),
    "werktags": (DAYS, (0, 1, 2, 3, 4)),
    "werktaeglich": (DAYS, (0, 1, 2, 3, 4)),
    "wochentags": (DAYS, (0, 1, 2, 3, 4)),
    "wochenende": (DAYS, (5, 6)),
    "bis": (DASH, None),
    "und": (AND, None),
    "u": (AND, None),
    "sowie": (AND, None),
}
# Words that say nothing about the times: „von 9 bis 12“, „jeweils“, „Öffnungszeiten:“.
_FILLERS = """
    von am jeden jeder jede jedem jedes jeweils immer zusaetzlich geoeffnet offene
    oeffnungszeit oeffnungszeiten sprechzeit sprechzeiten sprechstunde sprechstunden
    beratungszeiten ausgabe ausgabezeiten
""".split()
_WORDS.update({word: (FILLER, None) for word in _FILLERS})


def _tokenize(text):
    """The tokens of the text, with their positions in the original (unfolded) text."""
    folded, origin = [], []
    for position, char in enumerate(text):
        replacement = fold(char)
        folded.append(replacement)
        origin.extend([position] * len(replacement))
    folded = "".join(folded)
    origin.append(len(text))

    tokens, position = [], 0
    while position < len(folded):
        space = _SPACE.match(folded, position)
        if space:
            position = space.end()
            continue
        kind, match = _match(folded, position)
        kind, value = _classify(kind, match)
        tokens.append(Token(kind, value, origin[position], origin[match.end() - 1] + 1))
        position = match.end()
    return tokens


def _match(folded, position):
    """The first rule that matches at the position (the last one matches any character)."""
    for kind, pattern in _RULES:
        match = pattern.match(folded, position)
        if match:
            return kind, match


def _classify(kind, match):
    """The token's kind and value: words looked up, times and ordinals as numbers."""
    if kind == WORD:
        return _WORDS.get(match.group().rstrip("."), (UNKNOWN, None))
    if kind == ORDINAL:
        return kind, int(match.group(1))
    if kind == TIME:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour > 24 or minute > 59 or (hour == 24 and minute):
            return UNKNOWN, None
        return kind, (hour, minute)
    if kind == PAREN:
        return kind, match.group()
    return kind, None


# --- Groups -----------------------------------------------------------------------------


def _segments(tokens):
    """The tokens cut into groups: at line breaks and semicolons, and where a new group of
    days (or „nach Vereinbarung“) follows a time."""
    segments, current = [], []
    for token in tokens:
        if token.kind == BREAK:
            segments.append([*current, token])
            current = []
            continue
        if current and token.kind in _GROUP_START and _follows_time(current):
            # fillers and an opening bracket just before the new group belong to it
            start = len(current)
            while start and (current[start - 1].kind == FILLER or _bracket(current[start - 1]) > 0):
                start -= 1
            segments.append(current[:start])
            current = current[start:]
        current.append(token)
    segments.append(current)
    return [segment for segment in segments if segment]


def _follows_time(tokens):
    for token in reversed(tokens):
        if token.kind not in _SEPARATORS and token.kind != FILLER:
            return token.kind in (TIME, APPOINTMENT)
    return False


def _read_group(tokens):
    """The slots of one group such as „Mo, Mi 9–12 und 14–16 Uhr“; None if it does not read.

    ``tokens`` has no fillers; separators at either end are ignored.
    """
    tokens = _trim(tokens)
    position = 0

    def kind(offset=0):
        index = position + offset
        return tokens[index].kind if index < len(tokens) else None

    ordinals = []
    if kind() == ORDINAL:
        ordinals.append(tokens[position].value)
        position += 1
        while kind() in _CONNECTORS and kind(1) == ORDINAL:
            ordinals.append(tokens[position + 1].value)
            position += 2

    weekdays, spans_days = [], False
    while True:
        if kind() == DAY and kind(1) == DASH and kind(2) == DAY:
            first, last = tokens[position].value, tokens[position + 2].value
            if first == last:
                return None
            weekdays.extend((first + offset) % 7 for offset in range((last - first) % 7 + 1))
            spans_days = True
            position += 3
        elif kind() == DAY:
            weekdays.append(tokens[position].value)
            position += 1
        elif kind() == DAYS:
            weekdays.extend(tokens[position].value)
            spans_days = True
            position += 1
        else:
            return None
        if kind() in _CONNECTORS and kind(1) in (DAY, DAYS):
            position += 1
        else:
            break

    in_month = kind() == MONTH
    if in_month:
        position += 1
    if kind() in (COLON, COMMA):
        position += 1

    hours = []
    while True:
        if not (kind() == TIME and kind(1) == DASH and kind(2) == TIME):
            return None
        opens, closes = _time(tokens[position].value), _time(tokens[position + 2].value)
        if not opens < closes:
            return None
        hours.append((opens, closes))
        position += 3
        if kind() in _CONNECTORS and kind(1) == TIME:
            position += 1
        else:
            break

    if position != len(tokens):
        return None
    if ordinals and spans_days:
        return None  # „1. Mo–Fr“, „jeden 1. Werktag“
    if not ordinals and in_month:
        return None  # „Mi im Monat“
    if len(ordinals) == 1 and ordinals[0] not in (1, LAST) and not in_month:
        return None  # „jeden 2. Dienstag“ may as well mean every other Tuesday
    return [
        Slot(weekday, opens, closes, ordinal)
        for weekday in weekdays
        for opens, closes in hours
        for ordinal in (ordinals or [None])
    ]


def _trim(tokens):
    start, end = 0, len(tokens)
    while start < end and tokens[start].kind in _SEPARATORS:
        start += 1
    while end > start and tokens[end - 1].kind in _SEPARATORS:
        end -= 1
    return tokens[start:end]


def _time(value):
    """„24“ is midnight at the end of the day: a closing time, never before an opening time."""
    hour, minute = value
    return MIDNIGHT if hour == 24 else dt.time(hour, minute)


# --- The unread rest --------------------------------------------------------------------


def _span(segment):
    """(start, end) of a group in the text: from its first to its last word, with the
    brackets that belong to them and a full stop right after the last word („31.08.“)."""
    words = [index for index, token in enumerate(segment) if token.kind not in _SEPARATORS]
    first, last = words[0], words[-1]
    if last + 1 < len(segment) and segment[last + 1].kind == DOT and segment[last + 1].start == segment[last].end:
        last += 1
    opened = sum(_bracket(token) for token in segment[first : last + 1])
    while opened > 0 and last + 1 < len(segment) and _bracket(segment[last + 1]) < 0:
        last += 1
        opened -= 1
    while opened < 0 and first > 0 and _bracket(segment[first - 1]) > 0:
        first -= 1
        opened += 1
    while 0 < first and last + 1 < len(segment) and _bracket(segment[first - 1]) > 0 > _bracket(segment[last + 1]):
        first, last = first - 1, last + 1  # „(Di geschlossen)“
    return segment[first].start, segment[last].end


def _bracket(token):
    """1 for an opening, -1 for a closing bracket, 0 for any other token."""
    if token.kind != PAREN:
        return 0
    return 1 if token.value in "([" else -1


def _note(text, spans):
    """The unread spans word for word; neighbouring ones as one piece, others joined by „; “."""
    pieces, previous_end = [], None
    for start, end in spans:
        if pieces and text[previous_end:start].strip(" \t\n,;/.:|•·()[]") == "":
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
        previous_end = end
    return "; ".join(text[start:end].strip() for start, end in pieces)
