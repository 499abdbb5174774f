"""The concept report: public list and downloads of published editions, staff draft and publishing.

Downloads serve the stored file and never render: only the draft and publishing do.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import ListView

from sozialraum.common.decorators import staff_permission_required
from sozialraum.models import ConceptEdition

from . import services
from .data import concept_data
from .forms import EditionPublishForm
from .render import render_concept_pdf


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
@require_GET
def draft(request):
    """/konzept/entwurf.pdf: the current data rendered now (staff only, never cached)."""
    pdf = render_concept_pdf(concept_data())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="Gesamtkonzept-Entwurf-{timezone.localdate():%Y-%m-%d}.pdf"'
    response["Content-Length"] = str(len(pdf))
    response["Cache-Control"] = "private, no-store"
    return response


@staff_permission_required("sozialraum.add_conceptedition")
@require_http_methods(["GET", "POST"])
def publish(request):
    """Staff form: publish the current data as a new edition."""
    form = EditionPublishForm(request.POST or None, initial={"presented_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.edition_publish(**form.cleaned_data, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Die Ausgabe „%(name)s“ ist veröffentlicht (%(pages)s Seiten).")
                % {"name": edition.name, "pages": edition.page_count},
            )
            return redirect("admin:sozialraum_conceptedition_changelist")
    context = {
        "form": form,
        "title": _("Konzeptausgabe veröffentlichen"),
        "latest": ConceptEdition.objects.published().first(),
        "opts": ConceptEdition._meta,
        "has_view_permission": True,
    }
    return render(request, "concept/edition_publish.html", context, status=400 if form.errors else 200)
