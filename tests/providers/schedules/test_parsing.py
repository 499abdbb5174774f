"""Reading opening times as German counselling centres, youth clubs, family centres and food
banks write them on their websites."""

import datetime as dt

import pytest

from providers.schedules.parsing import LAST, MIDNIGHT, Slot, parse_opening_hours, slot_key, sort_slots

MO, DI, MI, DO, FR, SA, SO = range(7)
MO_FR = (MO, DI, MI, DO, FR)
EVERY_DAY = (MO, DI, MI, DO, FR, SA, SO)


def hours(text):
    """(opens, closes) from "09:00-12:00"."""
    opens, closes = text.split("-")
    return dt.time.fromisoformat(opens), dt.time.fromisoformat(closes)


def weekly(days, *ranges):
    return [Slot(day, *hours(text)) for day in days for text in ranges]


def monthly(ordinals, day, *ranges):
    return [Slot(day, *hours(text), ordinal) for ordinal in ordinals for text in ranges]


def case(text, slots=(), *, appointment=False, note=""):
    return pytest.param(text, list(slots), appointment, note, id=text)


CASES = [
    # Weekly hours, the way most places write them
    case("Mo–Fr 9–12 Uhr", weekly(MO_FR, "09:00-12:00")),
    case("Mo-Fr 9-12 Uhr", weekly(MO_FR, "09:00-12:00")),
    case("Mo. - Fr. 08:00 - 12:00 Uhr", weekly(MO_FR, "08:00-12:00")),
    case("Mo.–Fr. 9.00–12.00 Uhr", weekly(MO_FR, "09:00-12:00")),
    case("Montag bis Freitag von 9 bis 12 Uhr", weekly(MO_FR, "09:00-12:00")),
    case("Montag - Freitag: 8:00 - 16:00 Uhr", weekly(MO_FR, "08:00-16:00")),
    case("Mo bis Fr 8 bis 16.30 Uhr", weekly(MO_FR, "08:00-16:30")),
    case("Mo–Fr 09:30h–12:00h", weekly(MO_FR, "09:30-12:00")),
    case("Mo-Fr 9h-12h", weekly(MO_FR, "09:00-12:00")),
    case("Mo–Sa 10–13 Uhr", weekly((MO, DI, MI, DO, FR, SA), "10:00-13:00")),
    case("Mo–So 10–18 Uhr", weekly(EVERY_DAY, "10:00-18:00")),
    case("täglich 10–18 Uhr", weekly(EVERY_DAY, "10:00-18:00")),
    case("Täglich von 8:00 bis 20:00 Uhr geöffnet", weekly(EVERY_DAY, "08:00-20:00")),
    case("werktags 8–16 Uhr", weekly(MO_FR, "08:00-16:00")),
    case("wochentags 7.30–16 Uhr", weekly(MO_FR, "07:30-16:00")),
    case("am Wochenende 11–17 Uhr", weekly((SA, SO), "11:00-17:00")),
    case("Fr–Mo 10–14 Uhr", weekly((FR, SA, SO, MO), "10:00-14:00")),
    case("Di und Do 14:00–18:00", weekly((DI, DO), "14:00-18:00")),
    case("Di, Do 9-12", weekly((DI, DO), "09:00-12:00")),
    case("Di + Do 10-12 Uhr", weekly((DI, DO), "10:00-12:00")),
    case("Sa/So 10-14 Uhr", weekly((SA, SO), "10:00-14:00")),
    case("Mo, Mi, Fr 9-12 Uhr", weekly((MO, MI, FR), "09:00-12:00")),
    case("dienstags 15–18 Uhr", weekly((DI,), "15:00-18:00")),
    case("Mittwochs 14.30 - 17.00 Uhr", weekly((MI,), "14:30-17:00")),
    case("jeden Mittwoch 15–17 Uhr", weekly((MI,), "15:00-17:00")),
    case("Mittwoch, 15–17 Uhr", weekly((MI,), "15:00-17:00")),
    case("dienstags und donnerstags jeweils 9–11 Uhr", weekly((DI, DO), "09:00-11:00")),
    case("Sonnabend 10-13 Uhr", weekly((SA,), "10:00-13:00")),
    case("So 11–13 Uhr", weekly((SO,), "11:00-13:00")),
    case("Do 14 Uhr bis 16 Uhr", weekly((DO,), "14:00-16:00")),
    case("Do von 14.00 Uhr bis 16.00 Uhr", weekly((DO,), "14:00-16:00")),
    case("Fr 18–24 Uhr", weekly((FR,), "18:00-23:59")),
    case("Mo-Fr 0-24 Uhr", weekly(MO_FR, "00:00-23:59")),
    # Several hours on the same days
    case("Mo–Fr 9–12 und 14–16 Uhr", weekly(MO_FR, "09:00-12:00", "14:00-16:00")),
    case("Mo-Mi 8.30-12 u. 13-15 Uhr", weekly((MO, DI, MI), "08:30-12:00", "13:00-15:00")),
    case("Mo - Fr: 9:00 - 12:00 Uhr & 13:00 - 15:30 Uhr", weekly(MO_FR, "09:00-12:00", "13:00-15:30")),
    case(
        "Mo.–Fr. von 9:00 bis 12:00 Uhr und von 13:00 bis 15:00 Uhr",
        weekly(MO_FR, "09:00-12:00", "13:00-15:00"),
    ),
    case("Mo-Fr 9-12/14-16 Uhr", weekly(MO_FR, "09:00-12:00", "14:00-16:00")),
    case("Di 9–12, 13–15 und 16–18 Uhr", weekly((DI,), "09:00-12:00", "13:00-15:00", "16:00-18:00")),
    # Several groups
    case("Mo 9-12, Mi 14-17", weekly((MO,), "09:00-12:00") + weekly((MI,), "14:00-17:00")),
    case(
        "Mo-Do 8:00-16:00 Uhr, Fr 8:00-13:00 Uhr",
        weekly((MO, DI, MI, DO), "08:00-16:00") + weekly((FR,), "08:00-13:00"),
    ),
    case(
        "Montag bis Donnerstag: 8:00 – 16:00 Uhr\nFreitag: 8:00 – 13:00 Uhr",
        weekly((MO, DI, MI, DO), "08:00-16:00") + weekly((FR,), "08:00-13:00"),
    ),
    case(
        "Mo, Di, Do: 9-12 Uhr; Mi: 14-18 Uhr",
        weekly((MO, DI, DO), "09:00-12:00") + weekly((MI,), "14:00-18:00"),
    ),
    case(
        "Montags von 9.00 Uhr bis 12.00 Uhr und donnerstags von 14.00 Uhr bis 18.00 Uhr",
        weekly((MO,), "09:00-12:00") + weekly((DO,), "14:00-18:00"),
    ),
    case(
        "Mo–Do 9–12 Uhr und 13–15 Uhr, Fr 9–12 Uhr",
        weekly((MO, DI, MI, DO), "09:00-12:00", "13:00-15:00") + weekly((FR,), "09:00-12:00"),
    ),
    case(
        "Di. 15.00 - 18.00 Uhr, Do. 10.00 - 13.00 Uhr",
        weekly((DI,), "15:00-18:00") + weekly((DO,), "10:00-13:00"),
    ),
    case("Mo–Fr 8–12 Uhr / Do 14–18 Uhr", weekly(MO_FR, "08:00-12:00") + weekly((DO,), "14:00-18:00")),
    case(
        "Mo–Fr 9–12 Uhr sowie Di und Do 13–15 Uhr",
        weekly(MO_FR, "09:00-12:00") + weekly((DI, DO), "13:00-15:00"),
    ),
    case(
        "Mo.–Fr. 9.00–12.00 Uhr, Mo. u. Do. 14.00–17.00 Uhr",
        weekly(MO_FR, "09:00-12:00") + weekly((MO, DO), "14:00-17:00"),
    ),
    case(
        "Mo, Mi 9:00 - 12:00 Uhr, Di, Do 14:00 - 17:00 Uhr",
        weekly((MO, MI), "09:00-12:00") + weekly((DI, DO), "14:00-17:00"),
    ),
    case(
        "Do 16–20 Uhr, Fr 16–22 Uhr, Sa 14–22 Uhr",
        weekly((DO,), "16:00-20:00") + weekly((FR,), "16:00-22:00") + weekly((SA,), "14:00-22:00"),
    ),
    case("Mo 9–12 | Mi 9–12 | Fr 9–12", weekly((MO, MI, FR), "09:00-12:00")),
    case("Mo–Fr 9–12 Uhr, Mi 9–12 Uhr", weekly(MO_FR, "09:00-12:00")),
    case("Öffnungszeiten: Mo-Fr 10-13 Uhr", weekly(MO_FR, "10:00-13:00")),
    case("Offene Sprechstunde: Di 10-12 Uhr", weekly((DI,), "10:00-12:00")),
    case("Ausgabe: Dienstag und Freitag 14:00 – 16:00 Uhr", weekly((DI, FR), "14:00-16:00")),
    # Once a month
    case("jeden 1. Mittwoch im Monat 15–17 Uhr", monthly([1], MI, "15:00-17:00")),
    case("1. Mo im Monat 10-12 Uhr", monthly([1], MO, "10:00-12:00")),
    case("letzter Freitag im Monat 15–17 Uhr", monthly([LAST], FR, "15:00-17:00")),
    case("am letzten Freitag des Monats, 15–17 Uhr", monthly([LAST], FR, "15:00-17:00")),
    case("Jeden letzten Samstag im Monat 10 bis 14 Uhr", monthly([LAST], SA, "10:00-14:00")),
    case("jeden 2. und 4. Dienstag 10–12 Uhr", monthly([2, 4], DI, "10:00-12:00")),
    case("1.+3. Mi 9-11 Uhr", monthly([1, 3], MI, "09:00-11:00")),
    case("jeden ersten und dritten Donnerstag im Monat 18–20 Uhr", monthly([1, 3], DO, "18:00-20:00")),
    case("jeden 2. Dienstag im Monat 10–12 Uhr", monthly([2], DI, "10:00-12:00")),
    case("jeden 5. Freitag im Monat 18-22 Uhr", monthly([5], FR, "18:00-22:00")),
    case(
        "Mo 10–12 Uhr, 1. und 3. Mi 15–17 Uhr",
        weekly((MO,), "10:00-12:00") + monthly([1, 3], MI, "15:00-17:00"),
    ),
    case(
        "Mi 10-12 Uhr, jeden 1. Mi im Monat zusätzlich 15-17 Uhr",
        weekly((MI,), "10:00-12:00") + monthly([1], MI, "15:00-17:00"),
    ),
    # By appointment
    case("nach Vereinbarung", appointment=True),
    case("Nach Vereinbarung.", appointment=True),
    case("Termine nach telefonischer Vereinbarung", appointment=True),
    case("Termine nach Absprache", appointment=True),
    case("Beratung nach Vereinbarung", appointment=True),
    case("n.V.", appointment=True),
    case("Mo–Fr 9–12 Uhr, Termine nach Vereinbarung", weekly(MO_FR, "09:00-12:00"), appointment=True),
    case("Mo-Fr 9-12 Uhr und nach Vereinbarung", weekly(MO_FR, "09:00-12:00"), appointment=True),
    case("Di 9-12 Uhr sowie nach Vereinbarung", weekly((DI,), "09:00-12:00"), appointment=True),
    case("Mo–Fr 9–12 Uhr (Termine nach Vereinbarung)", weekly(MO_FR, "09:00-12:00"), appointment=True),
    case("Mo-Fr 9-12 Uhr. Termine nach Vereinbarung.", weekly(MO_FR, "09:00-12:00"), appointment=True),
    case("Mo–Fr 9–12 Uhr\nTermine nach Absprache", weekly(MO_FR, "09:00-12:00"), appointment=True),
    case(
        "Sprechzeiten: Mo, Mi 9–11.30 Uhr und nach Vereinbarung",
        weekly((MO, MI), "09:00-11:30"),
        appointment=True,
    ),
    # Partly readable: the readable groups are kept, the rest is the note
    case("Mo–Fr 9–12 Uhr, Do bis 18 Uhr", weekly(MO_FR, "09:00-12:00"), note="Do bis 18 Uhr"),
    case("Mo 9-12 Uhr\nDi geschlossen", weekly((MO,), "09:00-12:00"), note="Di geschlossen"),
    case(
        "Mo–Fr 9–12 Uhr; Di 14–17 Uhr nur nach Anmeldung",
        weekly(MO_FR, "09:00-12:00"),
        note="Di 14–17 Uhr nur nach Anmeldung",
    ),
    case(
        "Di 9–12 Uhr, Mi–Fr 13–16 Uhr, Sa nach Vereinbarung",
        weekly((DI,), "09:00-12:00") + weekly((MI, DO, FR), "13:00-16:00"),
        note="Sa nach Vereinbarung",
    ),
    case("Mo 9–12 Uhr (Di geschlossen)", weekly((MO,), "09:00-12:00"), note="(Di geschlossen)"),
    case(
        "Außensprechstunde Mi 9–11 Uhr, Fr 9–11 Uhr",
        weekly((FR,), "09:00-11:00"),
        note="Außensprechstunde Mi 9–11 Uhr",
    ),
    case(
        "Do 15–18 Uhr; über die Feiertage geschlossen",
        weekly((DO,), "15:00-18:00"),
        note="über die Feiertage geschlossen",
    ),
    case(
        "Mo–Fr 9–12 Uhr und ab 14 Uhr nach Vereinbarung",
        appointment=True,
        note="Mo–Fr 9–12 Uhr und ab 14 Uhr",
    ),
    # Unreadable: never guessed
    case("ab 18 Uhr", note="ab 18 Uhr"),
    case("Mo ab 18 Uhr", note="Mo ab 18 Uhr"),
    case("9–12 Uhr", note="9–12 Uhr"),
    case("geschlossen", note="geschlossen"),
    case("nur in den Ferien", note="nur in den Ferien"),
    case("  In den Ferien geschlossen  ", note="In den Ferien geschlossen"),
    case("geschlossen\nnur in den Ferien", note="geschlossen\nnur in den Ferien"),
    case("Sommerpause vom 20.07. bis 31.08.", note="Sommerpause vom 20.07. bis 31.08."),
    case("Mo–Fr vormittags", note="Mo–Fr vormittags"),
    case("zweiwöchentlich dienstags 10–12 Uhr", note="zweiwöchentlich dienstags 10–12 Uhr"),
    case("14-täglich Do 15-17 Uhr", note="14-täglich Do 15-17 Uhr"),
    case("Di 10–12 Uhr (14-täglich)", note="Di 10–12 Uhr (14-täglich)"),
    case("alle zwei Wochen mittwochs 16–18 Uhr", note="alle zwei Wochen mittwochs 16–18 Uhr"),
    case("jeden 2. Dienstag 10–12 Uhr", note="jeden 2. Dienstag 10–12 Uhr"),
    case("Mo–Fr 9–16 Uhr (Mittagspause 12–13 Uhr)", note="Mo–Fr 9–16 Uhr (Mittagspause 12–13 Uhr)"),
    case("Mi 15–18 Uhr (in den Schulferien geschlossen)", note="Mi 15–18 Uhr (in den Schulferien geschlossen)"),
    case("Mo–Fr 9–12 Uhr, außer an Feiertagen", note="Mo–Fr 9–12 Uhr, außer an Feiertagen"),
    case("täglich außer montags 10–18 Uhr", note="täglich außer montags 10–18 Uhr"),
    case("Fr 20–2 Uhr", note="Fr 20–2 Uhr"),
    case("Mi 12–9 Uhr", note="Mi 12–9 Uhr"),
    case("Mo 25–27 Uhr", note="Mo 25–27 Uhr"),
    case("Offener Treff: Mo–Do 14–19 Uhr", note="Offener Treff: Mo–Do 14–19 Uhr"),
    case("Telefonische Sprechzeit: Mo–Fr 9–10 Uhr", note="Telefonische Sprechzeit: Mo–Fr 9–10 Uhr"),
    case("Kleiderkammer: Mi 15–17 Uhr", note="Kleiderkammer: Mi 15–17 Uhr"),
    case("Mo–Fr 9–12:30 Uhr, Tel. 0761 12345", note="Mo–Fr 9–12:30 Uhr, Tel. 0761 12345"),
    case("rund um die Uhr", note="rund um die Uhr"),
    case("Donnerstags 9:30 - 11:30 Uhr (Eltern-Kind-Café)", note="Donnerstags 9:30 - 11:30 Uhr (Eltern-Kind-Café)"),
    case("14 täglich 15–17 Uhr", note="14 täglich 15–17 Uhr"),
    case("jeden 1. Werktag im Monat 9–12 Uhr", note="jeden 1. Werktag im Monat 9–12 Uhr"),
    case("jedes erste Wochenende im Monat 10–16 Uhr", note="jedes erste Wochenende im Monat 10–16 Uhr"),
    case("Mi im Monat 9–12 Uhr", note="Mi im Monat 9–12 Uhr"),
]


@pytest.mark.parametrize("text, slots, by_appointment, note", CASES)
def test_reads_opening_hours_as_written_on_websites(text, slots, by_appointment, note):
    result = parse_opening_hours(text)

    assert result.slots == sort_slots(slots)
    assert result.by_appointment is by_appointment
    assert result.note == note
    assert result.complete is (note == "")


@pytest.mark.parametrize("text", ["", "   ", "\n", None])
def test_empty_text_has_nothing_to_read(text):
    result = parse_opening_hours(text)

    assert result.slots == []
    assert result.by_appointment is False
    assert result.note == ""
    assert result.complete


def test_a_label_alone_is_read_as_nothing():
    assert parse_opening_hours("Öffnungszeiten:").slots == []
    assert parse_opening_hours("Öffnungszeiten:").complete


def test_slots_come_sorted_by_weekday_and_time_without_repeats():
    result = parse_opening_hours("Fr 14–16 Uhr, Mo 14–16 Uhr, Mo 9–12 Uhr, Mo 9–12 Uhr")

    assert result.slots == [
        Slot(MO, dt.time(9), dt.time(12)),
        Slot(MO, dt.time(14), dt.time(16)),
        Slot(FR, dt.time(14), dt.time(16)),
    ]


def test_closing_at_24_is_midnight_but_opening_at_24_is_not_read():
    assert parse_opening_hours("Sa 20–24 Uhr").slots == [Slot(SA, dt.time(20), MIDNIGHT)]
    assert parse_opening_hours("Sa 24–2 Uhr").slots == []
    assert parse_opening_hours("Sa 20–24:30 Uhr").note == "Sa 20–24:30 Uhr"


def test_non_breaking_and_zero_width_spaces_from_web_pages_are_spaces():
    result = parse_opening_hours("Mo\u00a0–\u00a0Fr 9\u202f–\u202f12\u00a0Uhr\u200b")

    assert result.slots == weekly(MO_FR, "09:00-12:00")
    assert result.complete


def test_unread_parts_far_apart_are_joined_with_a_semicolon():
    result = parse_opening_hours("Mo 9–12 Uhr, Di geschlossen\nMi 9–12 Uhr\nFr nur in den Ferien")

    assert result.slots == weekly((MO, MI), "09:00-12:00")
    assert result.note == "Di geschlossen; Fr nur in den Ferien"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weekday": 7, "opens": dt.time(9), "closes": dt.time(12)},
        {"weekday": -1, "opens": dt.time(9), "closes": dt.time(12)},
        {"weekday": 0, "opens": dt.time(12), "closes": dt.time(12)},
        {"weekday": 0, "opens": dt.time(12), "closes": dt.time(9)},
        {"weekday": 0, "opens": dt.time(9), "closes": dt.time(12), "ordinal": 0},
        {"weekday": 0, "opens": dt.time(9), "closes": dt.time(12), "ordinal": 6},
        {"weekday": 0, "opens": dt.time(9), "closes": dt.time(12), "ordinal": -2},
    ],
)
def test_a_slot_refuses_impossible_values(kwargs):
    with pytest.raises(ValueError):
        Slot(**kwargs)


def test_sort_slots_orders_weekly_before_monthly_where_sorted_fails():
    weekly_slot = Slot(MI, dt.time(15), dt.time(17))
    first, last = Slot(MI, dt.time(15), dt.time(17), 1), Slot(MI, dt.time(15), dt.time(17), LAST)

    with pytest.raises(TypeError):
        sorted([first, weekly_slot])
    assert sort_slots([last, first, weekly_slot, first]) == [weekly_slot, first, last]
    assert [slot_key(slot)[-1] for slot in (weekly_slot, first, last)] == [0, 1, 6]
