"""Public workshop pages: dates and results, detail, calendar files and subscriptions,
registration with a waiting list, document download."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import DetailView, ListView

from sozialraum.common.client_ip import client_ip_address
from sozialraum.common.downloads import document_attachment
from sozialraum.common.maps import feature, feature_collection, geometry_of
from sozialraum.common.spam import rate_limit_hit
from sozialraum.models import Quarter
from workshops import selectors, services
from workshops.forms import RegistrationForm
from workshops.ical import build_calendar, webcal_url
from workshops.models import WorkshopSeries


def _feed(request, name, url):
    return {"name": name, "url": url, "webcal": webcal_url(request, url)}


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
        quarters, series = selectors.calendar_feeds()
        context["calendar_webcal"] = webcal_url(self.request, reverse("workshops:calendar"))
        context["quarter_feeds"] = [
            _feed(self.request, quarter.name, reverse("workshops:quarter-calendar", args=[quarter.slug]))
            for quarter in quarters
        ]
        context["series_feeds"] = [
            _feed(self.request, item.title, reverse("workshops:series-calendar", args=[item.slug])) for item in series
        ]
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
        context["registration_state"] = selectors.registration_state(workshop)
        context["calendar_webcal"] = webcal_url(self.request, reverse("workshops:calendar"))
        if workshop.series:
            context["series_calendar_url"] = reverse("workshops:series-calendar", args=[workshop.series.slug])
            context["series_calendar_webcal"] = webcal_url(self.request, context["series_calendar_url"])
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


def quarter_calendar(request, slug):
    """The upcoming workshop dates of one quarter (a calendar to subscribe to)."""
    quarter = get_object_or_404(Quarter, slug=slug)
    return _calendar_response(
        request,
        selectors.workshops_of_quarter(quarter),
        name=_("Werkstatttermine: %(quarter)s") % {"quarter": quarter.name},
        filename=f"werkstatttermine-{quarter.slug}.ics",
    )


def series_calendar(request, slug):
    """The upcoming dates of one workshop series (a calendar to subscribe to)."""
    series = get_object_or_404(WorkshopSeries, slug=slug)
    return _calendar_response(
        request,
        selectors.workshops_of_series(series),
        name=series.title,
        filename=f"werkstattreihe-{series.slug}.ics",
    )


def document_download(request, pk):
    """A document of a published workshop, always as a download."""
    return document_attachment(selectors.public_document(pk))


def _base_url(request):
    return request.build_absolute_uri("/")


def _private(response):
    """Pages behind a registration's secret link: never cached, never indexed."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache  # each form carries its own one-time key and the places left right now
@require_http_methods(["GET", "HEAD", "POST"])
def registration_start(request, slug):
    """The registration form of a workshop; a valid form leads to the confirmation page."""
    workshop = get_object_or_404(selectors.with_places_taken(selectors.public_workshops()), slug=slug)
    state = selectors.registration_state(workshop)
    if not workshop.registration_enabled:
        raise Http404(_("Für diese Veranstaltung gibt es keine Anmeldung."))
    form = RegistrationForm(request.POST if request.method == "POST" else None, workshop=workshop)
    error = None
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return redirect(workshop.get_absolute_url(), permanent=False)  # a bot learns nothing
        if rate_limit_hit(
            "workshop-registration",
            client_address=client_ip_address(request),
            limit=settings.WORKSHOP_REGISTRATION_RATE_LIMIT,
        ):
            error = _(
                "Von Ihrem Anschluss kamen in der letzten Stunde schon viele Anmeldungen. Bitte versuchen Sie es "
                "später noch einmal oder melden Sie sich bei der Ansprechperson der Veranstaltung."
            )
            status = 429
        else:
            try:
                registration, _created = services.registration_create(
                    workshop=workshop, base_url=_base_url(request), **form.registration_data()
                )
            except services.RegistrationError as exc:
                error = str(exc)
            else:
                return redirect(registration.get_absolute_url(), permanent=False)
    context = {"workshop": workshop, "state": state, "form": form, "error": error,
               "retention_days": settings.WORKSHOP_REGISTRATION_RETENTION_DAYS}
    return render(request, "workshops/registration_form.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def registration_detail(request, token):
    """The confirmation page: place or waiting list, and a button to cancel."""
    registration = selectors.registration_by_token(token)
    if registration is None:
        raise Http404(_("Diese Anmeldung gibt es nicht (mehr)."))
    context = {"registration": registration, "workshop": registration.workshop,
               "retention_days": settings.WORKSHOP_REGISTRATION_RETENTION_DAYS}
    return _private(render(request, "workshops/registration_detail.html", context))


@require_POST
def registration_cancel(request, token):
    """Cancels a registration; the first on the waiting list moves up."""
    registration = selectors.registration_by_token(token)
    if registration is None:
        raise Http404(_("Diese Anmeldung gibt es nicht (mehr)."))
    workshop = registration.workshop
    services.registration_cancel(registration=registration, base_url=_base_url(request))
    return _private(render(request, "workshops/registration_cancelled.html", {"workshop": workshop}))
