"""Public pages of a public body: information pages, the accessibility statement with its
feedback form, the language switch without cookies for readers, and the standard files."""

import functools

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from sozialraum.common.client_ip import client_ip_address

from . import services
from .forms import BarrierReportForm
from .models import AccessibilityStatement, InfoPage


@require_GET
def info_page(request, kind):
    """Impressum, Datenschutzerklärung, Leichte Sprache or Deutsche Gebärdensprache."""
    page = get_object_or_404(InfoPage, kind=kind)
    template = "public/sign_language.html" if kind == InfoPage.Kind.SIGN_LANGUAGE else "public/infopage_detail.html"
    return render(request, template, {"page": page, "meta_title": page.title, "meta_description": page.description})


@require_GET
def accessibility_statement(request):
    """The Erklärung zur Barrierefreiheit with its known barriers."""
    statement = AccessibilityStatement.objects.prefetch_related("barriers").order_by("pk").first()
    if statement is None:
        raise Http404
    return render(
        request,
        "public/accessibility_statement.html",
        {
            "statement": statement,
            "meta_description": _(
                "Wie barrierefrei das Portal ist, welche Barrieren wir kennen und wie Sie uns eine Barriere melden."
            ),
        },
    )


def _page_from_query(request):
    page = request.GET.get("seite", "")
    return page if page.startswith("/") and not page.startswith("//") and len(page) <= 500 else ""


@require_http_methods(["GET", "POST"])
def barrier_report(request):
    """The form "Barriere melden": stores the message (honeypot and rate limit against spam)."""
    status = 200
    if request.method == "POST":
        form = BarrierReportForm(request.POST)
        if form.is_valid():
            if form.is_spam():
                return redirect("public:barrier-report-thanks")  # a bot learns nothing
            try:
                services.barrier_report_rate_check(client_address=client_ip_address(request))
            except services.TooManyReports:
                form.add_error(
                    None,
                    _("Sie haben in der letzten Stunde schon mehrere Meldungen geschickt. Bitte versuchen Sie es "
                      "später noch einmal oder schreiben Sie uns an die Adresse auf der Seite Barrierefreiheit."),
                )
                status = 429
            else:
                services.barrier_report_create(
                    message=form.cleaned_data["message"],
                    page=form.cleaned_data["page"],
                    email=form.cleaned_data["email"],
                )
                return redirect("public:barrier-report-thanks")
        else:
            status = 400
    else:
        form = BarrierReportForm(initial={"page": _page_from_query(request)})
    return render(
        request,
        "public/barrier_report_form.html",
        {
            "form": form,
            "retention_days": settings.BARRIER_REPORT_RETENTION_DAYS,
            "meta_description": _("Melden Sie uns eine Barriere auf diesem Portal."),
        },
        status=status,
    )


@require_GET
def barrier_report_thanks(request):
    return render(
        request,
        "public/barrier_report_thanks.html",
        {"retention_days": settings.BARRIER_REPORT_RETENTION_DAYS, "meta_description": _("Danke für Ihre Meldung.")},
    )


@require_GET
def language_switch(request):
    """/sprache/?language=en&next=/…: sets the language cookie and goes back.

    A GET form without a CSRF token, so that pages that are only read set no cookie; the
    only cookie is the one the visitor asks for (the language, until the browser closes).
    """
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = reverse("sozialraum:home")
    response = HttpResponseRedirect(next_url)
    language = request.GET.get("language", "")
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


ROBOTS_DISALLOW = ["/admin/", "/konto/", "/verwaltung/", "/sprache/", "/konzept/entwurf.pdf", "/konzept/veroeffentlichen/"]


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('public:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@functools.cache
def _favicon_bytes():
    with open(finders.find("favicon.ico"), "rb") as handle:
        return handle.read()


@require_GET
@cache_control(max_age=86400 * 7, public=True)
def favicon(request):
    """/favicon.ico, from the portal's own static files."""
    return HttpResponse(_favicon_bytes(), content_type="image/x-icon")
