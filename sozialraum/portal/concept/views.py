"""The concept report: public list and downloads of published editions, staff draft and publishing.

Downloads serve the stored file and never render: only the draft and publishing do.
"""

import uuid

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import ListView

from sozialraum.common.decorators import staff_permission_required
from sozialraum.models import ConceptEdition
from sozialraum.operations.jobs import job_enqueue
from sozialraum.operations.models import Job

from . import services, tasks
from .forms import EditionPublishForm

DRAFT_KIND = "concept.draft"
PUBLISH_KIND = "concept.publish"


class EditionListView(ListView):
    """/konzept/: the published editions, newest first."""

    model = ConceptEdition
    template_name = "concept/edition_list.html"
    context_object_name = "editions"

    def get_queryset(self):
        return ConceptEdition.objects.published().only(
            "name", "slug", "presented_on", "presented_to", "note", "file_size", "page_count"
        )


def _not_found(request, message):
    return render(request, "concept/edition_missing.html", {"message": message}, status=404)


def download_name(edition):
    return f"Gesamtkonzept-{edition.slug}-{edition.presented_on:%Y-%m-%d}.pdf"


# A published edition never changes under its own URL; which one is current does.
EDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"
CURRENT_CACHE_CONTROL = "no-cache"


def _serve(request, edition, *, cache_control=EDITION_CACHE_CONTROL):
    """The stored PDF as it was published: no rendering. Conditional: its checksum is the
    ETag and its publication the Last-Modified date, so a browser that has it gets a 304."""
    etag = f'"{edition.sha256}"' if edition.sha256 else None
    last_modified = edition.published_at.timestamp() if edition.published_at else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        not_modified["Cache-Control"] = cache_control
        if etag:
            not_modified["ETag"] = etag
        return not_modified
    try:
        stored = edition.pdf.open("rb")
    except (FileNotFoundError, ValueError):
        return _not_found(request, _("Die Datei dieser Ausgabe ist nicht mehr vorhanden."))
    response = FileResponse(stored, content_type="application/pdf", filename=download_name(edition))
    response["Content-Length"] = str(edition.pdf.size)
    response["Cache-Control"] = cache_control
    if etag:
        response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    return response


@require_GET
def edition_current(request):
    """/konzept/aktuell.pdf: the newest published edition."""
    edition = ConceptEdition.objects.published().first()
    if edition is None:
        return _not_found(request, _("Es ist noch keine Ausgabe des Gesamtkonzepts veröffentlicht."))
    # Which edition is current changes when one is published: caches must ask every time.
    return _serve(request, edition, cache_control=CURRENT_CACHE_CONTROL)


@require_GET
def edition_download(request, slug):
    """/konzept/<slug>.pdf: one edition, stable for as long as it exists."""
    edition = ConceptEdition.objects.filter(slug=slug).first()
    if edition is None:
        return _not_found(request, _("Diese Ausgabe des Gesamtkonzepts gibt es nicht."))
    return _serve(request, edition)


@staff_permission_required("sozialraum.view_conceptedition")
@require_http_methods(["GET", "POST"])
def draft(request):
    """/konzept/entwurf/: the current data as a PDF, rendered by the worker (staff only).

    GET shows the page with the button; POST starts the job (or sends to the user's draft job
    that is still waiting or running) and leads to its status page.
    """
    if request.method == "POST":
        job = Job.objects.unfinished().filter(user=request.user, kind=DRAFT_KIND).first()
        if job is None:
            job = job_enqueue(
                task=tasks.concept_draft, kind=DRAFT_KIND, title=_("Entwurf des Gesamtkonzepts als PDF"),
                user=request.user,
            )
        return redirect(job)
    context = {
        **admin.site.each_context(request),
        "title": _("Entwurf des Gesamtkonzepts"),
        "opts": ConceptEdition._meta,
        "recent": Job.objects.for_user(request.user).filter(kind=DRAFT_KIND).first(),
    }
    return render(request, "concept/draft.html", context)


@staff_permission_required("sozialraum.view_conceptedition")
@require_GET
def draft_pdf(request):
    """The old address of the draft: the draft is now made in the background."""
    return redirect("concept:draft")


@staff_permission_required("sozialraum.add_conceptedition")
@require_http_methods(["GET", "POST"])
def publish(request):
    """Staff form: publish the current data as a new edition, as a background job.

    The form carries a token: a double click or a second submission of the same form gives
    the same job, and a job publishes at most one edition.
    """
    form = EditionPublishForm(
        request.POST or None, initial={"presented_on": timezone.localdate(), "token": uuid.uuid4()}
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("name", "slug", "presented_on", "presented_to", "note")}
        token = form.cleaned_data["token"] or uuid.uuid4()
        existing = Job.objects.filter(key=f"{PUBLISH_KIND}:{token}", user=request.user).first()
        if existing is not None:
            return redirect(existing)
        try:
            edition = services.edition_check(**fields, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            job = job_enqueue(
                task=tasks.concept_publish,
                kind=PUBLISH_KIND,
                title=_("Konzeptausgabe „%(name)s“ veröffentlichen") % {"name": edition.name},
                user=request.user,
                params={**fields, "slug": edition.slug, "presented_on": fields["presented_on"].isoformat()},
                key=f"{PUBLISH_KIND}:{token}",
                return_url=reverse("concept:edition-list"),
            )
            return redirect(job)
    context = {
        **admin.site.each_context(request),
        "form": form,
        "title": _("Konzeptausgabe veröffentlichen"),
        "latest": ConceptEdition.objects.published().first(),
        "opts": ConceptEdition._meta,
        "has_view_permission": True,
    }
    return render(request, "concept/edition_publish.html", context, status=400 if form.errors else 200)
