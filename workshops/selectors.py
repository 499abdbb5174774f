"""Reads for the public workshop pages, the calendar feed and the start page."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from sozialraum.models import Quarter
from workshops.models import Participant, Registration, Workshop, WorkshopDocument, WorkshopResult, WorkshopSeries


def public_workshops():
    return Workshop.objects.published()


def upcoming_workshops(now=None):
    """Published workshops not yet over, soonest first (1 query)."""
    return public_workshops().upcoming(now).select_related("quarter")


def past_workshops(now=None):
    """Published workshops that are over, newest first, with their results (1 + 1 queries)."""
    return (
        public_workshops()
        .past(now)
        .select_related("quarter")
        .prefetch_related(Prefetch("results", queryset=WorkshopResult.objects.order_by("order", "pk")))
    )


def with_places_taken(workshops):
    """Annotates ``places_taken``: people with a confirmed registration."""
    return workshops.annotate(
        places_taken=Coalesce(
            Sum("registrations__people", filter=Q(registrations__status=Registration.Status.CONFIRMED)), 0
        )
    )


@dataclass(frozen=True)
class RegistrationState:
    """What the workshop page says about registration."""

    open: bool
    capacity: int | None
    free: int | None
    waiting_list: bool

    @property
    def full(self):
        return self.free is not None and self.free <= 0


def registration_state(workshop, now=None):
    """From a workshop annotated by :func:`with_places_taken` (no query)."""
    now = now or timezone.now()
    is_open = workshop.registration_enabled and workshop.published and workshop.starts_at > now
    free = None if workshop.capacity is None else max(workshop.capacity - workshop.places_taken, 0)
    return RegistrationState(open=is_open, capacity=workshop.capacity, free=free, waiting_list=workshop.has_waiting_list)


def workshop_detail_queryset():
    """Published workshops with everything the detail page shows (1 + 3 queries)."""
    return with_places_taken(public_workshops()).select_related("quarter", "measure", "series").prefetch_related(
        Prefetch(
            "participants",
            queryset=Participant.objects.select_related("provider").order_by("role", "institution", "provider__name"),
        ),
        Prefetch("results", queryset=WorkshopResult.objects.order_by("order", "pk")),
        Prefetch("documents", queryset=WorkshopDocument.objects.order_by("title")),
    )


def public_document(pk):
    """A workshop document, only when its workshop is published."""
    return WorkshopDocument.objects.select_related("workshop").filter(workshop__published=True, pk=pk).first()


def workshops_of_measure(measure):
    """Published workshops of ``measure``, for its page (1 query)."""
    return public_workshops().filter(measure=measure).order_by("starts_at")


def workshops_of_quarter(quarter, now=None):
    """Upcoming published workshops in ``quarter`` (its calendar feed, 1 query)."""
    return upcoming_workshops(now).filter(quarter=quarter)


def workshops_of_series(series, now=None):
    """Upcoming published workshops of ``series`` (its calendar feed, 1 query)."""
    return upcoming_workshops(now).filter(series=series)


def calendar_feeds(now=None):
    """Quarters and series that have upcoming published workshops, for the subscription links (2 queries)."""
    upcoming = upcoming_workshops(now)
    quarters = Quarter.objects.filter(pk__in=upcoming.values("quarter")).order_by("order", "name")
    series = WorkshopSeries.objects.filter(pk__in=upcoming.values("series")).order_by("title")
    return list(quarters), list(series)


def registration_by_token(token):
    return Registration.objects.select_related("workshop").filter(token=token).first()
