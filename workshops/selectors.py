"""Reads for the public workshop pages, the calendar feed and the start page."""

from django.db.models import Prefetch

from workshops.models import Participant, Workshop, WorkshopDocument, WorkshopResult


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


def workshop_detail_queryset():
    """Published workshops with everything the detail page shows (1 + 3 queries)."""
    return public_workshops().select_related("quarter", "measure", "series").prefetch_related(
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
