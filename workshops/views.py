"""Public workshop pages: dates and results, detail, calendar files, document download."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from sozialraum.common.downloads import document_attachment
from sozialraum.common.maps import feature, feature_collection, geometry_of
from workshops import selectors
from workshops.ical import build_calendar


class WorkshopListView(ListView):
    """Upcoming dates first (all of them), then past workshops with results, paginated."""

    template_name = "workshops/workshop_list.html"
    context_object_name = "past_workshops"
    paginate_by = 10

    def get_queryset(self):
        return selectors.past_workshops()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upcoming_workshops"] = selectors.upcoming_workshops()
        return context


class WorkshopDetailView(DetailView):
    template_name = "workshops/workshop_detail.html"
    context_object_name = "workshop"

    def get_queryset(self):
        return selectors.workshop_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        workshop = self.object
        point = geometry_of(workshop.location)
        context["place_geojson"] = feature_collection(
            [feature(point, name=workshop.venue or workshop.title, text=workshop.address)] if point else []
        )
        context["has_place"] = point is not None
        return context


def _calendar_response(request, workshops, *, name, filename):
    body = build_calendar(workshops, absolute_url=request.build_absolute_uri, name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar(request):
    """All upcoming workshop dates as one iCalendar file."""
    return _calendar_response(
        request,
        selectors.upcoming_workshops(),
        name=_("Werkstatttermine"),
        filename="werkstatttermine.ics",
    )


def workshop_ical(request, slug):
    """One workshop as an iCalendar file ("add to calendar")."""
    workshop = get_object_or_404(selectors.public_workshops(), slug=slug)
    return _calendar_response(request, [workshop], name=workshop.title, filename=f"{workshop.slug}.ics")


def document_download(request, pk):
    """A document of a published workshop, always as a download."""
    return document_attachment(selectors.public_document(pk))
