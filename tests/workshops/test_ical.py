"""iCalendar output (RFC 5545), parsed back with the icalendar library."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests import factories

pytestmark = [pytest.mark.django_db]

BERLIN = ZoneInfo("Europe/Berlin")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    return Calendar.from_ical(response.content)


def summer_workshop(**kwargs):
    starts = dt.datetime(2030, 6, 12, 18, 0, tzinfo=BERLIN)
    return factories.WorkshopFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=2), **kwargs)


def test_workshop_ical_is_valid_with_berlin_times_uid_and_link(client):
    workshop = summer_workshop(
        title="Quartierswerkstatt Obere Mühle",
        slug="obere-muehle",
        location={"type": "Point", "coordinates": [7.6958, 51.3741]},
    )

    calendar = parse(client.get("/werkstaetten/obere-muehle/kalender.ics"))

    assert calendar["VERSION"] == "2.0"
    assert "PRODID" in calendar
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Berlin"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Quartierswerkstatt Obere Mühle"
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2030, 6, 12, 18, 0, tzinfo=BERLIN)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTEND") - start == dt.timedelta(hours=2)
    assert str(event["UID"]) == f"werkstatt-{workshop.pk}@stadt-iserlohn.sozialraum-portal"
    assert str(event["URL"]) == "http://testserver/werkstaetten/obere-muehle/"
    assert "http://testserver/werkstaetten/obere-muehle/" in str(event["DESCRIPTION"])
    assert "Bürgerzentrum" in str(event["LOCATION"])
    assert event["GEO"].latitude == pytest.approx(51.3741)
    assert "DTSTAMP" in event


def test_uid_is_stable_when_the_workshop_changes(client):
    workshop = summer_workshop(slug="werkstatt")
    first = parse(client.get("/werkstaetten/werkstatt/kalender.ics")).walk("VEVENT")[0]
    workshop.title = "Neuer Titel"
    workshop.save()
    second = parse(client.get("/werkstaetten/werkstatt/kalender.ics")).walk("VEVENT")[0]
    assert str(first["UID"]) == str(second["UID"])
    assert str(second["SUMMARY"]) == "Neuer Titel"


def test_winter_dates_use_the_winter_offset(client):
    starts = dt.datetime(2030, 1, 15, 18, 0, tzinfo=BERLIN)
    factories.WorkshopFactory(slug="winter", starts_at=starts, ends_at=starts + dt.timedelta(hours=1))
    event = parse(client.get("/werkstaetten/winter/kalender.ics")).walk("VEVENT")[0]
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=1)
    assert event.decoded("DTSTART").astimezone(dt.UTC).hour == 17


def test_calendar_feed_has_all_upcoming_published_workshops(client):
    factories.WorkshopFactory(title="Bald")
    summer_workshop(title="Sommer")
    factories.WorkshopFactory(title="Intern", published=False)
    past = timezone.now() - dt.timedelta(days=10)
    factories.WorkshopFactory(title="Vorbei", starts_at=past, ends_at=past + dt.timedelta(hours=1))

    calendar = parse(client.get("/werkstaetten/kalender.ics"))

    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Bald", "Sommer"]
    assert len(calendar.walk("VTIMEZONE")) == 1
    assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == 2


def test_empty_calendar_feed_is_still_valid(client):
    calendar = parse(client.get("/werkstaetten/kalender.ics"))
    assert calendar.walk("VEVENT") == []
    assert calendar["VERSION"] == "2.0"


def test_vtimezone_covers_the_events_years_only(client):
    summer_workshop(slug="sommer")
    calendar = parse(client.get("/werkstaetten/sommer/kalender.ics"))
    (vtimezone,) = calendar.walk("VTIMEZONE")
    transitions = vtimezone.to_ical().decode()
    assert "20300331T030000" in transitions  # summer time 2030
    assert "1990" not in transitions
    assert len(client.get("/werkstaetten/sommer/kalender.ics").content) < 3000


def test_ical_of_unpublished_or_unknown_workshop_is_404(client):
    factories.WorkshopFactory(slug="intern", published=False)
    assert client.get("/werkstaetten/intern/kalender.ics").status_code == 404
    assert client.get("/werkstaetten/gibt-es-nicht/kalender.ics").status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_calendar_feed_query_count_is_fixed(client, django_assert_num_queries, size):
    factories.WorkshopFactory.create_batch(size)
    with django_assert_num_queries(1):
        client.get("/werkstaetten/kalender.ics")


def summaries(calendar):
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


def test_quarter_feed_has_the_upcoming_dates_of_that_quarter_only(client):
    quarter = factories.QuarterFactory(name="Obere Mühle", slug="obere-muehle")
    summer_workshop(title="Im Quartier", quarter=quarter)
    summer_workshop(title="Anderswo", quarter=factories.QuarterFactory())
    summer_workshop(title="Intern", quarter=quarter, published=False)
    past = timezone.now() - dt.timedelta(days=3)
    factories.WorkshopFactory(title="Vorbei", quarter=quarter, starts_at=past, ends_at=past + dt.timedelta(hours=2))

    calendar = parse(client.get("/werkstaetten/quartier/obere-muehle/kalender.ics"))

    assert summaries(calendar) == ["Im Quartier"]
    assert str(calendar["X-WR-CALNAME"]) == "Werkstatttermine: Obere Mühle"


def test_series_feed_has_the_dates_of_that_series_only(client):
    series = factories.WorkshopSeriesFactory(title="Quartierswerkstätten", slug="quartierswerkstaetten")
    summer_workshop(title="Teil 1", series=series)
    summer_workshop(title="Teil 2", series=series)
    summer_workshop(title="Einzeltermin")

    calendar = parse(client.get("/werkstaetten/reihe/quartierswerkstaetten/kalender.ics"))

    assert summaries(calendar) == ["Teil 1", "Teil 2"]
    assert str(calendar["X-WR-CALNAME"]) == "Quartierswerkstätten"


@pytest.mark.parametrize(
    "url", ["/werkstaetten/quartier/gibt-es-nicht/kalender.ics", "/werkstaetten/reihe/gibt-es-nicht/kalender.ics"]
)
def test_unknown_feed_is_404(client, url):
    assert client.get(url).status_code == 404


def test_list_page_offers_webcal_subscriptions_per_quarter_and_series(client):
    quarter = factories.QuarterFactory(name="Obere Mühle", slug="obere-muehle")
    series = factories.WorkshopSeriesFactory(title="Quartierswerkstätten", slug="quartierswerkstaetten")
    factories.QuarterFactory(name="Ohne Termine", slug="ohne-termine")
    summer_workshop(quarter=quarter, series=series)

    html = client.get("/werkstaetten/").content.decode()

    assert 'href="webcal://testserver/werkstaetten/kalender.ics"' in html
    assert 'href="webcal://testserver/werkstaetten/quartier/obere-muehle/kalender.ics"' in html
    assert 'href="webcal://testserver/werkstaetten/reihe/quartierswerkstaetten/kalender.ics"' in html
    assert "ohne-termine" not in html


def test_detail_page_offers_the_series_subscription(client):
    series = factories.WorkshopSeriesFactory(title="Quartierswerkstätten", slug="quartierswerkstaetten")
    workshop = summer_workshop(series=series)

    html = client.get(workshop.get_absolute_url(), secure=True).content.decode()

    assert 'href="webcal://testserver/werkstaetten/reihe/quartierswerkstaetten/kalender.ics"' in html
    assert 'href="webcal://testserver/werkstaetten/kalender.ics"' in html


def test_quarter_profile_offers_the_quarter_subscription(client):
    quarter = factories.QuarterFactory(name="Obere Mühle", slug="obere-muehle")
    summer_workshop(quarter=quarter)

    html = client.get(quarter.get_absolute_url()).content.decode()

    assert 'href="webcal://testserver/werkstaetten/quartier/obere-muehle/kalender.ics"' in html
