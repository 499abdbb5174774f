"""Opening times of offers: "open now / today / this week / on a day" as SQL, and the
schedule of one offer for people.

Whose times count: an offer with slots of its own follows them, with its own validity
period and its own "closed on public holidays"; an offer without slots follows its
provider's slots, validity and holidays. "Nach Vereinbarung" alone never makes an offer
open at a given time.

The SQL needs no date arithmetic in the database: the days asked about are known in
Python, so each day becomes plain conditions on ``OpeningSlot`` — its weekday, its
ordinal in the month (every week, the n-th, or the last such weekday), the times, and
on the owner of the slots its validity period and, on a public holiday of
``settings.PORTAL_STATE``, ``closed_on_holidays=False``. Three subqueries (offers with an
open slot, offers with any slot, providers with an open slot), whatever the size of the
catalogue.
"""

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import connection
from django.db.models import Exists, ExpressionWrapper, F, IntegerField, OuterRef, Q
from django.utils import timezone

from providers.models import OpeningSlot
from providers.schedules.describe import describe_slots, opening_status, public_holidays
from providers.schedules.parsing import LAST, MIDNIGHT

WEEK_DAYS = 7


# --- Windows of time ----------------------------------------------------------------------


@dataclass(frozen=True)
class DayWindow:
    """Part of one day: a slot counts when it is open at some moment of it.

    ``after``: the slot must close after this time; ``before``: it must open before it;
    both set to the same time: open at that moment. None: no bound.
    """

    day: dt.date
    after: dt.time | None = None
    before: dt.time | None = None

    @classmethod
    def at(cls, moment):
        """The single moment (a datetime or a (date, time) pair)."""
        day, time = (moment.date(), moment.time()) if isinstance(moment, dt.datetime) else moment
        return cls(day, after=time, before=_just_after(time))


def _just_after(time):
    """The moment plus a second: "opens before" it means "opens at or before the moment"."""
    return (dt.datetime.combine(dt.date(2000, 1, 1), time) + dt.timedelta(seconds=1)).time() if time < MIDNIGHT else None


def local_now():
    """The local time in the portal's time zone, to the second (tests replace it)."""
    return timezone.localtime().replace(microsecond=0)


def windows_now(now):
    return [DayWindow.at(now)]


def windows_today(now):
    """The rest of today: slots that have not closed yet."""
    return [DayWindow(now.date(), after=now.time())]


def windows_week(now):
    """The next seven days from now: the rest of today, six whole days, and the eighth day
    until the present time (the same weekday next week)."""
    today = now.date()
    windows = [DayWindow(today, after=now.time())]
    windows += [DayWindow(today + dt.timedelta(days=offset)) for offset in range(1, WEEK_DAYS)]
    windows.append(DayWindow(today + dt.timedelta(days=WEEK_DAYS), before=now.time()))
    return windows


def windows_on(day, time=None):
    """A whole day, or one moment of it."""
    return [DayWindow.at((day, time))] if time is not None else [DayWindow(day)]


# --- SQL ----------------------------------------------------------------------------------


def holidays_for(days):
    """The public holidays of the portal's state in the years of ``days``."""
    return public_holidays(settings.PORTAL_STATE, sorted({day.year for day in days}))


def ordinals_of(day):
    """The ordinals of a slot that take place on this day: its n-th such weekday, and the
    last one when a week later is another month."""
    ordinals = [(day.day - 1) // 7 + 1]
    if (day + dt.timedelta(days=WEEK_DAYS)).month != day.month:
        ordinals.append(LAST)
    return ordinals


def _window_condition(window, owner, holidays):
    """Q on OpeningSlot for a slot of ``owner`` ("offer" or "provider") open in the window."""
    day = window.day
    condition = Q(slot_weekday=day.weekday()) & (Q(ordinal__isnull=True) | Q(ordinal__in=ordinals_of(day)))
    if window.after is not None:
        condition &= Q(closes__gt=window.after) | Q(closes=MIDNIGHT)
    if window.before is not None:
        condition &= Q(opens__lt=window.before)
    condition &= Q(**{f"{owner}__hours_valid_from__isnull": True}) | Q(**{f"{owner}__hours_valid_from__lte": day})
    condition &= Q(**{f"{owner}__hours_valid_until__isnull": True}) | Q(**{f"{owner}__hours_valid_until__gte": day})
    if day in holidays:
        condition &= Q(**{f"{owner}__closed_on_holidays": False})
    return condition


def _slots(*, correlated):
    """Opening slots with ``slot_weekday`` to filter on. Correlated (SQLite) it is
    "weekday + 0": without table statistics SQLite would otherwise look each offer's slots
    up through the (weekday, opens) index and scan every slot of that weekday per offer."""
    weekday = ExpressionWrapper(F("weekday") + 0, output_field=IntegerField()) if correlated else F("weekday")
    return OpeningSlot.objects.alias(slot_weekday=weekday)


def open_condition(windows, *, prefix=""):
    """Q on Offer: open at some moment of the windows, by its own slots or, when it has
    none, by its provider's. ``prefix`` for a lookup from another model ("offer__").

    The same three questions (an own slot open? any own slot? a provider's slot open?) in
    the shape each database plans best: PostgreSQL gets uncorrelated ``IN`` subqueries,
    run once and hashed (correlated EXISTS under OR make it estimate costs in the millions
    and spend a second compiling the query with JIT); SQLite gets correlated EXISTS that
    look up each offer's few slots by index.
    """
    if not windows:
        return Q()
    holidays = holidays_for(window.day for window in windows)
    offer_open = reduce(or_, (_window_condition(w, "offer", holidays) for w in windows))
    provider_open = reduce(or_, (_window_condition(w, "provider", holidays) for w in windows))
    if connection.vendor == "postgresql":
        slots = _slots(correlated=False)
        offers_open = slots.filter(offer_open, offer__isnull=False).values("offer_id")
        offers_with_slots = slots.filter(offer__isnull=False).values("offer_id")
        providers_open = slots.filter(provider_open, provider__isnull=False).values("provider_id")
        return Q(**{f"{prefix}pk__in": offers_open}) | (
            ~Q(**{f"{prefix}pk__in": offers_with_slots}) & Q(**{f"{prefix}provider_id__in": providers_open})
        )
    slots = _slots(correlated=True)
    own = slots.filter(offer=OuterRef(f"{prefix}pk"))
    of_provider = slots.filter(provider=OuterRef(f"{prefix}provider_id"))
    return Q(Exists(own.filter(offer_open))) | (~Q(Exists(own)) & Q(Exists(of_provider.filter(provider_open))))


# --- For people -----------------------------------------------------------------------------


@dataclass
class Schedule:
    """The times that hold for an offer, ready to show.

    ``of_provider``: the offer has no slots of its own and follows its provider's times.
    """

    slots: list
    by_appointment: bool
    valid_from: dt.date | None
    valid_until: dt.date | None
    closed_on_holidays: bool
    notes: list
    of_provider: bool

    @property
    def text(self):
        """„Mo–Fr 9:00–12:00 Uhr, jeden 1. Mi 15:00–17:00 Uhr, nach Vereinbarung“."""
        return describe_slots(self.slots, by_appointment=self.by_appointment)

    @property
    def has_times(self):
        return bool(self.slots)

    def status(self, now, holidays=None):
        """„jetzt geöffnet bis 12:00 Uhr“, „öffnet Di 14:00 Uhr“, or '' (no slots in sight)."""
        if not self.slots:
            return ""
        closed = (holidays if holidays is not None else holidays_for([now.date(), now.date() + dt.timedelta(days=62)]))
        return opening_status(
            self.slots,
            now,
            closed_dates=closed if self.closed_on_holidays else frozenset(),
            valid_from=self.valid_from,
            valid_until=self.valid_until,
        )


def schedule_of(offer):
    """The schedule that holds for the offer. Uses ``offer.slots.all()`` and
    ``offer.provider.slots.all()`` (prefetch them for lists)."""
    own = [slot.as_slot() for slot in offer.slots.all()]
    provider = offer.provider
    if own:
        owner, of_provider, slots = offer, False, own
    else:
        slots = [slot.as_slot() for slot in provider.slots.all()]
        owner, of_provider = (provider, True) if slots else (offer, False)
    notes = [note for note in (offer.opening_hours, provider.opening_hours if of_provider else "") if note]
    return Schedule(
        slots=slots,
        by_appointment=offer.by_appointment or (of_provider and provider.by_appointment),
        valid_from=owner.hours_valid_from,
        valid_until=owner.hours_valid_until,
        closed_on_holidays=owner.closed_on_holidays,
        notes=notes,
        of_provider=of_provider,
    )
