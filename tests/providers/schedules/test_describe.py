"""Describing slots in German, and whether (and when) an offer is open."""

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

from providers.schedules.describe import (
    describe_slots,
    is_open_at,
    next_opening,
    occurs_on,
    opening_status,
    public_holidays,
)
from providers.schedules.parsing import LAST, MIDNIGHT, Slot, parse_opening_hours, sort_slots

MO, DI, MI, DO, FR, SA, SO = range(7)
MO_FR = (MO, DI, MI, DO, FR)


def hours(text):
    """(opens, closes) from "09:00-12:00"."""
    opens, closes = text.split("-")
    return dt.time.fromisoformat(opens), dt.time.fromisoformat(closes)


def weekly(days, *ranges):
    return [Slot(day, *hours(text)) for day in days for text in ranges]


def monthly(ordinals, day, *ranges):
    return [Slot(day, *hours(text), ordinal) for ordinal in ordinals for text in ranges]


def at(text):
    return dt.datetime.fromisoformat(text)


# 1 June 2026 is a Monday; Thursday 4 June 2026 is Corpus Christi (a holiday in NW, not in BE).
OFFICE = weekly(MO_FR, "09:00-12:00")
NW_2026 = public_holidays("NW", [2026])


# --- describe_slots ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "slots, expected",
    [
        (OFFICE, "Mo–Fr 9:00–12:00 Uhr"),
        (weekly((DI, DO), "14:00-18:00"), "Di, Do 14:00–18:00 Uhr"),
        (weekly((MO, DI, MI), "08:30-12:00", "13:00-15:00"), "Mo–Mi 8:30–12:00 und 13:00–15:00 Uhr"),
        (weekly((DI,), "09:00-10:00", "11:00-12:00", "13:00-14:00"), "Di 9:00–10:00, 11:00–12:00 und 13:00–14:00 Uhr"),
        (weekly((SA, SO), "11:00-17:00"), "Sa, So 11:00–17:00 Uhr"),
        (weekly(range(7), "10:00-18:00"), "täglich 10:00–18:00 Uhr"),
        (weekly((MO, DI, MI, FR), "09:00-12:00"), "Mo–Mi, Fr 9:00–12:00 Uhr"),
        (weekly((MO,), "09:05-09:45"), "Mo 9:05–9:45 Uhr"),
        (weekly((FR,), "18:00-23:59"), "Fr 18:00–24:00 Uhr"),
        (
            OFFICE + weekly((MO, DO), "14:00-17:00"),
            "Mo, Do 9:00–12:00 und 14:00–17:00 Uhr, Di, Mi, Fr 9:00–12:00 Uhr",
        ),
        (weekly((DO,), "14:00-18:00") + weekly((MO,), "09:00-12:00"), "Mo 9:00–12:00 Uhr, Do 14:00–18:00 Uhr"),
        (monthly([1], MI, "15:00-17:00"), "jeden 1. Mi 15:00–17:00 Uhr"),
        (monthly([LAST], FR, "15:00-17:00"), "jeden letzten Fr 15:00–17:00 Uhr"),
        (monthly([4, 2], DI, "10:00-12:00"), "jeden 2. und 4. Di 10:00–12:00 Uhr"),
        (monthly([LAST, 1, 3], FR, "15:00-17:00"), "jeden 1., 3. und letzten Fr 15:00–17:00 Uhr"),
        (monthly([3], DO, "18:00-20:00"), "jeden 3. Do im Monat 18:00–20:00 Uhr"),
        (
            monthly([LAST, 3], MI, "09:00-10:00") + monthly([1], MI, "15:00-17:00"),
            "jeden 1. Mi 15:00–17:00 Uhr, jeden 3. und letzten Mi 9:00–10:00 Uhr",
        ),
        (
            monthly([1], MI, "15:00-17:00") + weekly((MI,), "10:00-12:00"),
            "Mi 10:00–12:00 Uhr, jeden 1. Mi 15:00–17:00 Uhr",
        ),
        ([], ""),
    ],
)
def test_describe_slots(slots, expected):
    assert describe_slots(slots) == expected
    assert describe_slots(list(reversed(slots)) + slots) == expected  # order and repeats do not matter


def test_describe_by_appointment():
    assert describe_slots(OFFICE, by_appointment=True) == "Mo–Fr 9:00–12:00 Uhr, nach Vereinbarung"
    assert describe_slots([], by_appointment=True) == "nach Vereinbarung"


# --- Round trip -------------------------------------------------------------------------

ROUND_TRIP_CASES = [
    OFFICE,
    weekly((DI, DO), "14:00-18:00"),
    weekly((MO, DI, MI), "08:30-12:00", "13:00-15:00"),
    weekly(range(7), "10:00-18:00"),
    weekly((SA, SO, MO), "10:00-14:00"),
    weekly((FR,), "18:00-23:59", "00:00-02:00"),
    weekly((MO,), "09:00-12:00", "10:00-14:00"),  # overlapping hours stay two slots
    OFFICE + weekly((MO, DO), "14:00-17:00"),
    monthly([1], MI, "15:00-17:00"),
    monthly([LAST], FR, "15:00-17:00"),
    monthly([2], DI, "10:00-12:00"),
    monthly([5], SO, "10:00-12:00"),
    monthly([2, 4], DI, "10:00-12:00", "14:00-16:00"),
    monthly([1, 2, 3, 4, 5, LAST], SA, "09:00-10:00"),
    weekly((MI,), "15:00-17:00") + monthly([1, LAST], MI, "15:00-17:00"),
    OFFICE + monthly([1], MO, "14:00-16:00") + monthly([3], FR, "13:00-15:00"),
]


def random_slots(rng):
    """A few slots on random days, at quarter hours, weekly or monthly."""
    slots = []
    for _ in range(rng.randint(1, 8)):
        opens = rng.randrange(0, 23 * 4)
        closes = rng.randrange(opens + 1, 24 * 4 + 1)
        slots.append(
            Slot(
                rng.randrange(7),
                dt.time(opens // 4, opens % 4 * 15),
                MIDNIGHT if closes == 24 * 4 else dt.time(closes // 4, closes % 4 * 15),
                rng.choice([None, None, None, 1, 2, 3, 4, 5, LAST]),
            )
        )
    return slots


@pytest.mark.parametrize("slots", ROUND_TRIP_CASES, ids=describe_slots)
@pytest.mark.parametrize("by_appointment", [False, True])
def test_parsing_the_description_gives_back_the_slots(slots, by_appointment):
    result = parse_opening_hours(describe_slots(slots, by_appointment=by_appointment))

    assert result.slots == sort_slots(slots)
    assert result.by_appointment is by_appointment
    assert result.complete


def test_round_trip_of_many_generated_schedules():
    rng = random.Random(20260604)  # fixed: the same 500 schedules on every run
    for _ in range(500):
        slots = random_slots(rng)
        text = describe_slots(slots)
        result = parse_opening_hours(text)
        assert (result.slots, result.note) == (sort_slots(slots), ""), text


# --- Days -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ordinal, day, expected",
    [
        (None, dt.date(2026, 4, 1), True),
        (None, dt.date(2026, 4, 29), True),
        (None, dt.date(2026, 3, 31), False),  # a Tuesday
        (1, dt.date(2026, 4, 1), True),
        (1, dt.date(2026, 4, 8), False),
        (1, dt.date(2026, 10, 7), True),  # the 7th is still in the first week
        (2, dt.date(2026, 10, 14), True),
        (2, dt.date(2026, 10, 7), False),
        (1, dt.date(2026, 3, 31), False),
        (2, dt.date(2026, 4, 8), True),
        (4, dt.date(2026, 4, 22), True),
        (4, dt.date(2026, 4, 29), False),
        (5, dt.date(2026, 4, 29), True),  # April 2026 has five Wednesdays
        (5, dt.date(2026, 6, 24), False),  # June 2026 has four
        (LAST, dt.date(2026, 4, 29), True),  # the last is the 5th
        (LAST, dt.date(2026, 4, 22), False),
        (LAST, dt.date(2026, 6, 24), True),  # the last is the 4th
        (LAST, dt.date(2026, 6, 17), False),
        (LAST, dt.date(2026, 12, 30), True),  # across the year's end
        (1, dt.date(2027, 1, 6), True),
    ],
)
def test_occurs_on_wednesdays(ordinal, day, expected):
    assert occurs_on(Slot(MI, dt.time(15), dt.time(17), ordinal), day) is expected


def test_public_holidays_of_the_state():
    corpus_christi, womens_day = dt.date(2026, 6, 4), dt.date(2026, 3, 8)

    assert corpus_christi in NW_2026
    assert womens_day not in NW_2026
    assert corpus_christi not in public_holidays("BE", [2026])
    assert womens_day in public_holidays("BE", [2026])
    assert {dt.date(2025, 12, 25), dt.date(2026, 12, 25)} <= public_holidays("NW", range(2025, 2027))
    assert dt.date(2027, 12, 25) not in NW_2026


# --- is_open_at -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment, expected",
    [
        ("2026-06-01 08:59:59", False),
        ("2026-06-01 09:00", True),
        ("2026-06-01 11:59:59", True),
        ("2026-06-01 12:00", False),
        ("2026-06-05 10:00", True),  # Friday
        ("2026-06-06 10:00", False),  # Saturday
    ],
)
def test_is_open_from_opening_until_before_closing(moment, expected):
    assert is_open_at(OFFICE, at(moment)) is expected


def test_open_until_midnight_includes_the_last_minute():
    late = weekly((FR,), "18:00-23:59")

    assert is_open_at(late, at("2026-06-05 23:59:30"))
    assert not is_open_at(late, at("2026-06-06 00:00"))
    assert not is_open_at(weekly((FR,), "18:00-23:30"), at("2026-06-05 23:30"))


def test_monthly_slot_is_open_only_in_its_week():
    first_wednesday = monthly([1], MI, "15:00-17:00")

    assert is_open_at(first_wednesday, at("2026-06-03 16:00"))
    assert not is_open_at(first_wednesday, at("2026-06-10 16:00"))


def test_closed_on_public_holidays_of_the_state():
    corpus_christi = at("2026-06-04 10:00")

    assert not is_open_at(OFFICE, corpus_christi, closed_dates=NW_2026)
    assert is_open_at(OFFICE, corpus_christi, closed_dates=public_holidays("BE", [2026]))


@pytest.mark.parametrize(
    "moment, expected",
    [("2026-06-02 10:00", False), ("2026-06-03 10:00", True), ("2026-06-05 10:00", True), ("2026-06-08 10:00", False)],
)
def test_open_only_within_the_validity_period(moment, expected):
    period = {"valid_from": dt.date(2026, 6, 3), "valid_until": dt.date(2026, 6, 5)}

    assert is_open_at(OFFICE, at(moment), **period) is expected


# --- next_opening -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment, expected",
    [
        ("2026-06-01 08:00", "2026-06-01 09:00"),
        ("2026-06-01 09:00", "2026-06-01 09:00"),
        ("2026-06-01 09:00:01", "2026-06-02 09:00"),
        ("2026-06-01 13:00", "2026-06-02 09:00"),
        ("2026-06-05 13:00", "2026-06-08 09:00"),  # over the weekend
    ],
)
def test_next_opening(moment, expected):
    assert next_opening(OFFICE, at(moment)) == at(expected)


def test_next_opening_takes_the_earliest_slot_of_the_day():
    slots = weekly((DI,), "14:00-16:00") + weekly((DI,), "09:00-12:00")

    assert next_opening(slots, at("2026-06-01 10:00")) == at("2026-06-02 09:00")
    assert next_opening(slots, at("2026-06-02 12:30")) == at("2026-06-02 14:00")


def test_next_opening_skips_holidays_and_respects_validity():
    wednesday = at("2026-06-03 13:00")

    assert next_opening(OFFICE, wednesday, closed_dates=NW_2026) == at("2026-06-05 09:00")
    assert next_opening(OFFICE, wednesday, valid_from=dt.date(2026, 6, 10)) == at("2026-06-10 09:00")
    assert next_opening(OFFICE, wednesday, valid_until=dt.date(2026, 6, 3)) is None


def test_next_opening_looks_only_as_far_as_the_horizon():
    fifth_wednesday = monthly([5], MI, "15:00-17:00")  # after April 2026 next on 29 July
    may_day = at("2026-05-01 10:00")

    assert next_opening(fifth_wednesday, may_day) is None
    assert next_opening(fifth_wednesday, may_day, horizon_days=89) == at("2026-07-29 15:00")
    assert next_opening(fifth_wednesday, may_day, horizon_days=88) is None
    assert next_opening([], may_day) is None


def test_next_opening_keeps_the_time_zone_without_converting():
    berlin = ZoneInfo("Europe/Berlin")

    start = next_opening(OFFICE, dt.datetime(2026, 6, 1, 13, 0, tzinfo=berlin))

    assert start == dt.datetime(2026, 6, 2, 9, 0, tzinfo=berlin)
    assert start.tzinfo is berlin


# --- opening_status ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "slots, moment, expected",
    [
        (OFFICE, "2026-06-01 10:00", "jetzt geöffnet bis 12:00 Uhr"),
        (weekly((MO,), "09:00-12:00", "12:00-15:00"), "2026-06-01 10:00", "jetzt geöffnet bis 15:00 Uhr"),
        (weekly((MO,), "09:00-12:00", "11:00-14:00"), "2026-06-01 10:00", "jetzt geöffnet bis 14:00 Uhr"),
        (weekly((MO,), "09:00-12:00", "12:30-14:00"), "2026-06-01 10:00", "jetzt geöffnet bis 12:00 Uhr"),
        (weekly((FR,), "18:00-23:59"), "2026-06-05 20:00", "jetzt geöffnet bis 24:00 Uhr"),
        (weekly((MO,), "09:00-12:00", "14:00-16:00"), "2026-06-01 12:30", "öffnet heute 14:00 Uhr"),
        (OFFICE, "2026-06-01 13:00", "öffnet morgen 9:00 Uhr"),
        (OFFICE, "2026-05-31 23:00", "öffnet morgen 9:00 Uhr"),  # Sunday night
        (weekly((DI,), "14:00-18:00"), "2026-06-04 10:00", "öffnet Di 14:00 Uhr"),  # in 5 days
        (weekly((DI,), "14:00-18:00"), "2026-06-03 10:00", "öffnet Di 14:00 Uhr"),  # in 6 days
        (weekly((DI,), "14:00-18:00"), "2026-06-02 19:00", "öffnet am 9.6. 14:00 Uhr"),  # in 7 days
        (monthly([1], MI, "15:00-17:00"), "2027-01-07 10:00", "öffnet am 3.2. 15:00 Uhr"),
        (monthly([5], MI, "15:00-17:00"), "2026-05-01 10:00", ""),
        ([], "2026-06-01 10:00", ""),
    ],
)
def test_opening_status(slots, moment, expected):
    assert opening_status(slots, at(moment)) == expected


def test_opening_status_on_a_holiday_and_outside_the_validity():
    assert opening_status(OFFICE, at("2026-06-04 10:00"), closed_dates=NW_2026) == "öffnet morgen 9:00 Uhr"
    assert opening_status(OFFICE, at("2026-06-03 13:00"), closed_dates=NW_2026) == "öffnet Fr 9:00 Uhr"
    assert opening_status(OFFICE, at("2026-06-03 10:00"), valid_until=dt.date(2026, 6, 2)) == ""
    assert opening_status(OFFICE, at("2026-06-03 10:00"), valid_from=dt.date(2026, 6, 4)) == "öffnet morgen 9:00 Uhr"
