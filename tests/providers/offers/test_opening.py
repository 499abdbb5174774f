"""Opening times in SQL agree with the schedules' own reading in Python
(``providers.schedules.describe``: is_open_at, next_opening) at many moments."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from providers.models import Offer
from providers.offers import opening, selectors
from providers.schedules.describe import is_open_at, next_opening
from tests import factories

pytestmark = [pytest.mark.django_db]


def local(year, month, day, hour=0, minute=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def open_titles(now, **criteria):
    offers = selectors.search_offers(selectors.Criteria(**criteria), now=now)
    return set(offers.values_list("title", flat=True))


def python_open(offer, now, days_ahead=None, until_end_of_day=False):
    """The same questions answered from the schedule in Python."""
    schedule = opening.schedule_of(offer)
    closed = opening.holidays_for([now.date(), now.date() + dt.timedelta(days=10)]) if schedule.closed_on_holidays else set()
    limits = {"closed_dates": closed, "valid_from": schedule.valid_from, "valid_until": schedule.valid_until}
    if is_open_at(schedule.slots, now, **limits):
        return True
    if days_ahead is None and not until_end_of_day:
        return False
    start = next_opening(schedule.slots, now, horizon_days=8, **limits)
    if start is None:
        return False
    if until_end_of_day:
        return start.date() == now.date()
    return start < now + dt.timedelta(days=days_ahead)


@pytest.fixture
def random_catalogue(db):
    """Forty offers with random weekly and monthly slots, some following their provider,
    some with a validity period, some open on public holidays."""
    rng = random.Random(6)
    offers = []
    for number in range(40):
        provider = factories.ProviderFactory(closed_on_holidays=rng.random() < 0.5)
        offer = factories.OfferFactory(
            provider=provider,
            title=f"Angebot {number:02d}",
            closed_on_holidays=rng.random() < 0.7,
            hours_valid_from=dt.date(2026, 3, rng.randint(1, 20)) if rng.random() < 0.2 else None,
            hours_valid_until=dt.date(2026, 4, rng.randint(1, 20)) if rng.random() < 0.2 else None,
        )
        owner = {"offer": offer} if rng.random() < 0.7 else {"offer": None, "provider": provider}
        for _ in range(rng.randint(1, 3)):
            opens = rng.randint(7, 19)
            closes = min(opens + rng.randint(1, 5), 24)
            factories.OpeningSlotFactory(
                **owner,
                weekday=rng.randint(0, 6),
                opens=dt.time(opens),
                closes=dt.time(23, 59) if closes == 24 else dt.time(closes),
                ordinal=rng.choice([None, None, None, 1, 2, 3, 4, 5, -1]),
            )
        offers.append(offer)
    return offers


MOMENTS = [
    local(2026, 3, 3, 10, 30),
    local(2026, 3, 29, 23, 59),  # the last Sunday of March, at the end of the day
    local(2026, 3, 31, 8, 0),  # a last Tuesday
    local(2026, 4, 2, 18, 0),  # before Good Friday and Easter Monday (NW)
    local(2026, 4, 3, 11, 0),  # Good Friday
    local(2026, 4, 29, 9, 0),  # a 5th Wednesday
    local(2026, 5, 31, 12, 0),
]


@pytest.mark.parametrize("now", MOMENTS, ids=lambda moment: moment.strftime("%a-%d.%m.-%H:%M"))
def test_sql_agrees_with_the_schedules(random_catalogue, now):
    offers = list(
        Offer.objects.filter(pk__in=[o.pk for o in random_catalogue]).prefetch_related("slots", "provider__slots")
    )
    expected_now = {o.title for o in offers if python_open(o, now)}
    expected_today = {o.title for o in offers if python_open(o, now, until_end_of_day=True)}
    expected_week = {o.title for o in offers if python_open(o, now, days_ahead=7)}
    assert open_titles(now, open="jetzt") == expected_now
    assert open_titles(now, open="heute") == expected_today
    assert open_titles(now, open="woche") == expected_week
    assert expected_now <= expected_today <= expected_week
    assert len(expected_week) > len(expected_now)  # the moments do tell the cases apart


def test_a_day_and_a_time_agree_with_the_schedules(random_catalogue):
    offers = list(Offer.objects.prefetch_related("slots", "provider__slots"))
    for day in (dt.date(2026, 3, 4), dt.date(2026, 4, 6), dt.date(2026, 3, 31)):
        for hour in (9, 13, 18):
            moment = local(day.year, day.month, day.day, hour)
            expected = {o.title for o in offers if python_open(o, moment)}
            assert open_titles(local(2026, 3, 1), day=day, time=dt.time(hour)) == expected


def test_the_week_reaches_the_same_weekday_until_the_present_time(db):
    offer = factories.OfferFactory(title="Dienstag früh")
    factories.OpeningSlotFactory(offer=offer, weekday=1, opens=dt.time(8), closes=dt.time(9))
    tuesday = local(2026, 3, 3, 10, 30)  # today's slot is over; next Tuesday's is within 7 days
    assert open_titles(tuesday, open="woche") == {"Dienstag früh"}
    assert open_titles(tuesday, open="heute") == set()
    late = local(2026, 3, 3, 7, 0)  # next Tuesday 8:00 is more than seven days away, today's is not
    assert open_titles(late, open="heute") == {"Dienstag früh"}


def test_a_slot_until_midnight_is_open_in_the_last_minute(db):
    offer = factories.OfferFactory(title="Nachtcafé")
    factories.OpeningSlotFactory(offer=offer, weekday=1, opens=dt.time(20), closes=dt.time(23, 59))
    assert open_titles(local(2026, 3, 3, 23, 59), open="jetzt") == {"Nachtcafé"}
    assert open_titles(local(2026, 3, 3, 19, 59), open="jetzt") == set()


def test_own_slots_replace_the_providers(db):
    provider = factories.ProviderFactory()
    factories.OpeningSlotFactory(offer=None, provider=provider, weekday=1, opens=dt.time(9), closes=dt.time(12))
    follows = factories.OfferFactory(provider=provider, title="folgt dem Anbieter")
    own = factories.OfferFactory(provider=provider, title="eigene Zeiten")
    factories.OpeningSlotFactory(offer=own, weekday=2, opens=dt.time(9), closes=dt.time(12))
    assert open_titles(local(2026, 3, 3, 10), open="jetzt") == {"folgt dem Anbieter"}
    assert open_titles(local(2026, 3, 4, 10), open="jetzt") == {"eigene Zeiten"}
    assert opening.schedule_of(follows).of_provider and not opening.schedule_of(own).of_provider
