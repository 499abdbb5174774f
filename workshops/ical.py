"""iCalendar (RFC 5545) for workshop dates: one event per workshop, Europe/Berlin times.

UIDs depend only on the workshop's primary key, so a calendar that imported a date
recognises it again after changes (SEQUENCE counts the workshop's version).
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from icalendar import Calendar, Event, vGeo, vUri

from sozialraum.common.maps import geometry_of

PRODID = "-//Sozialraum-Portal//Werkstatttermine//DE"


def workshop_uid(workshop):
    return f"werkstatt-{workshop.pk}@{slugify(settings.PORTAL_CITY) or 'portal'}.sozialraum-portal"


def build_calendar(workshops, *, absolute_url, name):
    """The calendar as bytes. ``absolute_url(path)`` turns a path into a full URL."""
    berlin = timezone.get_default_timezone()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(berlin))
    workshops = list(workshops)
    for workshop in workshops:
        calendar.add_component(_event(workshop, berlin, absolute_url))
    if workshops:
        # VTIMEZONE transitions for the years the events span (RFC 5545 3.6.5), not 1970–2038
        first = min(w.starts_at for w in workshops).astimezone(berlin).date()
        last = max(w.ends_at for w in workshops).astimezone(berlin).date()
        calendar.add_missing_timezones(
            first_date=dt.date(first.year - 1, 1, 1), last_date=dt.date(last.year + 2, 1, 1)
        )
    return calendar.to_ical()


def _event(workshop, berlin, absolute_url):
    url = absolute_url(workshop.get_absolute_url())
    event = Event()
    event.add("uid", workshop_uid(workshop))
    event.add("dtstamp", (workshop.updated_at or timezone.now()).astimezone(dt.UTC))
    if workshop.updated_at:
        event.add("last-modified", workshop.updated_at.astimezone(dt.UTC))
    event.add("sequence", max(workshop.version - 1, 0))
    event.add("summary", workshop.title)
    event.add("dtstart", workshop.starts_at.astimezone(berlin))
    event.add("dtend", workshop.ends_at.astimezone(berlin))
    location = ", ".join(part for part in (workshop.venue, workshop.address) if part)
    if location:
        event.add("location", location)
    point = geometry_of(workshop.location)
    if point and point.get("type") == "Point":
        longitude, latitude = point["coordinates"][:2]
        event.add("geo", vGeo((float(latitude), float(longitude))))
    description = "\n\n".join(part for part in (workshop.description.strip(), url) if part)
    event.add("description", description)
    event.add("url", vUri(url))
    event.add("status", "CONFIRMED")
    event.add("class", "PUBLIC")
    return event


def webcal_url(request, path):
    """The ``webcal://`` address of a feed: calendar apps subscribe to it (and fetch it again
    by themselves) instead of importing the dates once."""
    url = request.build_absolute_uri(path)
    return "webcal://" + url.split("://", 1)[1]
