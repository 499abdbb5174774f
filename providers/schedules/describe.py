"""Opening times for people: „Mo–Fr 9:00–12:00 Uhr“, „jetzt geöffnet bis 12:00 Uhr“.

Naive datetimes are local time (Europe/Berlin) and are not converted; the time zone of an
aware datetime is kept as it is. Closed dates (such as ``public_holidays``) and the validity
period of a schedule take out whole days.
"""

import datetime as dt
from collections import defaultdict

import holidays

from .parsing import LAST, MIDNIGHT, sort_slots

WEEKDAY_ABBR = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
BY_APPOINTMENT = "nach Vereinbarung"


# --- Description ------------------------------------------------------------------------


def describe_slots(slots, *, by_appointment=False):
    """The slots in German, days with the same hours together: „Mo–Fr 9:00–12:00 Uhr, Sa 10:00–13:00 Uhr“.

    ``parse_opening_hours`` reads the description back to the same slots.
    """
    weekly = defaultdict(list)  # weekday → [(opens, closes), …]
    monthly = defaultdict(list)  # (weekday, ordinal) → [(opens, closes), …]
    for slot in sort_slots(slots):
        if slot.ordinal is None:
            weekly[slot.weekday].append((slot.opens, slot.closes))
        else:
            monthly[slot.weekday, slot.ordinal].append((slot.opens, slot.closes))

    days_by_hours = defaultdict(list)  # hours → weekdays, in the order of their first day
    for weekday, hours in weekly.items():
        days_by_hours[tuple(hours)].append(weekday)
    groups = [f"{_days(days)} {_hours(hours)}" for hours, days in days_by_hours.items()]

    ordinals_by_day_and_hours = defaultdict(list)
    for (weekday, ordinal), hours in monthly.items():
        ordinals_by_day_and_hours[weekday, tuple(hours)].append(ordinal)
    for (weekday, hours), ordinals in sorted(ordinals_by_day_and_hours.items(), key=_monthly_order):
        groups.append(_monthly(weekday, ordinals, hours))

    if by_appointment:
        groups.append(BY_APPOINTMENT)
    return ", ".join(groups)


def format_time(time):
    """„9:00“, and „24:00“ for the end of the day."""
    if time == MIDNIGHT:
        return "24:00"
    return f"{time.hour}:{time.minute:02d}"


def _days(weekdays):
    """„täglich“, or runs of three and more days as „Mo–Mi“: „Mo–Mi, Fr“, „Di, Do“."""
    if len(weekdays) == 7:
        return "täglich"
    runs = []
    for weekday in weekdays:  # in ascending order
        if runs and runs[-1][-1] == weekday - 1:
            runs[-1].append(weekday)
        else:
            runs.append([weekday])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{WEEKDAY_ABBR[run[0]]}–{WEEKDAY_ABBR[run[-1]]}")
        else:
            parts.extend(WEEKDAY_ABBR[weekday] for weekday in run)
    return ", ".join(parts)


def _hours(hours):
    """„9:00–12:00 und 13:00–15:00 Uhr“."""
    ranges = [f"{format_time(opens)}–{format_time(closes)}" for opens, closes in hours]
    return f"{_enumerate(ranges)} Uhr"


def _monthly(weekday, ordinals, hours):
    """„jeden 1. und 3. Mi 15:00–17:00 Uhr“, „jeden letzten Fr …“.

    A single 2nd to 5th gets „im Monat“: „jeden 2. Di“ alone may mean every other Tuesday.
    """
    ordinals = sorted(ordinals, key=_rank)
    words = _enumerate(["letzten" if ordinal == LAST else f"{ordinal}." for ordinal in ordinals])
    in_month = " im Monat" if len(ordinals) == 1 and ordinals[0] not in (1, LAST) else ""
    return f"jeden {words} {WEEKDAY_ABBR[weekday]}{in_month} {_hours(hours)}"


def _monthly_order(item):
    (weekday, hours), ordinals = item
    return weekday, min(map(_rank, ordinals)), hours


def _rank(ordinal):
    return 6 if ordinal == LAST else ordinal


def _enumerate(items):
    """„a“, „a und b“, „a, b und c“."""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} und {items[-1]}"


# --- Days and moments -------------------------------------------------------------------


def public_holidays(state, years):
    """The dates of the public holidays of a German state („NW“, „BE“, …) in the given years."""
    return set(holidays.country_holidays("DE", subdiv=state, years=list(years)))


def occurs_on(slot, day):
    """True when the slot takes place on that day (its weekday and, if monthly, its ordinal)."""
    if day.weekday() != slot.weekday:
        return False
    if slot.ordinal is None:
        return True
    if slot.ordinal == LAST:
        return (day + dt.timedelta(days=7)).month != day.month
    return (day.day - 1) // 7 + 1 == slot.ordinal


def is_open_at(slots, moment, *, closed_dates=frozenset(), valid_from=None, valid_until=None):
    """True when a slot is open at the moment (opens <= time < closes)."""
    day, time = moment.date(), moment.time()
    if not _is_available(day, closed_dates, valid_from, valid_until):
        return False
    return any(occurs_on(slot, day) and _covers(slot, time) for slot in slots)


def next_opening(slots, moment, *, closed_dates=frozenset(), valid_from=None, valid_until=None, horizon_days=62):
    """The first start of a slot at or after the moment, at most ``horizon_days`` days later; or None."""
    for offset in range(horizon_days + 1):
        day = moment.date() + dt.timedelta(days=offset)
        if not _is_available(day, closed_dates, valid_from, valid_until):
            continue
        for opens in sorted({slot.opens for slot in slots if occurs_on(slot, day)}):
            start = dt.datetime.combine(day, opens, tzinfo=moment.tzinfo)
            if start >= moment:
                return start
    return None


def opening_status(slots, moment, *, closed_dates=frozenset(), valid_from=None, valid_until=None):
    """„jetzt geöffnet bis 12:00 Uhr“, „öffnet heute/morgen/Di/am 3.2. 14:00 Uhr“, or ''."""
    limits = {"closed_dates": closed_dates, "valid_from": valid_from, "valid_until": valid_until}
    if is_open_at(slots, moment, **limits):
        return f"jetzt geöffnet bis {format_time(_open_until(slots, moment))} Uhr"
    start = next_opening(slots, moment, **limits)
    if start is None:
        return ""
    days = (start.date() - moment.date()).days
    time = format_time(start.time())
    if days == 0:
        return f"öffnet heute {time} Uhr"
    if days == 1:
        return f"öffnet morgen {time} Uhr"
    if days < 7:
        return f"öffnet {WEEKDAY_ABBR[start.weekday()]} {time} Uhr"
    return f"öffnet am {start.day}.{start.month}. {time} Uhr"


def _is_available(day, closed_dates, valid_from, valid_until):
    if day in closed_dates:
        return False
    if valid_from is not None and day < valid_from:
        return False
    return valid_until is None or day <= valid_until


def _covers(slot, time):
    """True when the time lies in the slot; a slot until 24:00 covers the last minute too."""
    return slot.opens <= time and (time < slot.closes or slot.closes == MIDNIGHT)


def _open_until(slots, moment):
    """The end of the open spell around the moment, across slots that meet or overlap."""
    day, time = moment.date(), moment.time()
    today = [slot for slot in slots if occurs_on(slot, day)]
    until = max(slot.closes for slot in today if _covers(slot, time))
    extended = True
    while extended:
        extended = False
        for slot in today:
            if slot.opens <= until < slot.closes:
                until, extended = slot.closes, True
    return until
