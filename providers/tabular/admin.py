"""Admin pages for importing and exporting providers with their offers (see ``export`` and ``imports``).

Import is two steps: upload → preview (dry run: what would be created, updated, or is
wrong, with row, column and message) → confirm, which writes all rows or none. Between the
steps the file waits in the user's session.
"""

import base64

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from providers.accounts import is_self_service
from providers.hsds import tasks as hsds_tasks
from sozialraum.common.tabular import ImportFileError, render_csv, render_xlsx
from sozialraum.operations.jobs import job_enqueue
from sozialraum.operations.models import Job

from . import tasks
from .columns import COLUMNS, MAX_IMPORT_BYTES, REQUIRED_HEADERS
from .export import template_rows
from .imports import providers_import

SESSION_KEY = "provider_import_file"

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ProviderImportForm(forms.Form):
    file = forms.FileField(
        allow_empty_file=True,  # the import explains an empty file itself
        label=gettext_lazy("Tabelle (CSV oder XLSX)"),
        help_text=gettext_lazy(
            "Erste Zeile: Spaltennamen wie in der Vorlage. CSV mit Semikolon oder Komma, UTF-8 oder Windows-1252."
        ),
    )


def _download(content: bytes, filename: str, fmt: str):
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ProviderImportExportMixin:
    """Import, export and template download on the provider admin."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="providers_provider_import"),
            path("export/<str:fmt>/", wrap(self.export_view), name="providers_provider_export"),
            path("vorlage/<str:fmt>/", wrap(self.import_template_view), name="providers_provider_import_template"),
        ] + super().get_urls()

    def has_import_permission(self, request):
        user = request.user
        return not is_self_service(user) and all(
            user.has_perm(f"providers.{action}_{model}")
            for action in ("add", "change")
            for model in ("provider", "offer")
        )

    def has_export_permission(self, request):
        return not is_self_service(request.user) and self.has_view_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_import_permission": self.has_import_permission(request),
            "has_export_permission": self.has_export_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def export_view(self, request, fmt):
        """POST: the table is written by the worker; the user follows the job's status page."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        if fmt not in (*tasks.FORMATS, "hsds"):
            return HttpResponse(_("Unbekanntes Format; möglich sind csv, xlsx und hsds."), status=400)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        kind = f"providers.export.{fmt}"
        job = Job.objects.unfinished().filter(user=request.user, kind=kind).first()
        if job is None and fmt == "hsds":  # the public catalogue as Open Referral HSDS 3.0 (ZIP of JSON files)
            job = job_enqueue(
                task=hsds_tasks.hsds_export, kind=kind, user=request.user, title=_("Katalog als HSDS 3.0 (ZIP)"),
                params={"base_url": request.build_absolute_uri("/")},
            )
        elif job is None:
            job = job_enqueue(
                task=tasks.catalogue_export, kind=kind, user=request.user, params={"format": fmt},
                title=_("Anbieter und Angebote als %(format)s") % {"format": fmt.upper()},
            )
        return redirect(job)

    def import_template_view(self, request, fmt):
        if not self.has_export_permission(request) and not self.has_import_permission(request):
            raise PermissionDenied
        rows = template_rows()
        if fmt == "csv":
            return _download(render_csv(rows), "anbieter-vorlage.csv", fmt)
        if fmt == "xlsx":
            return _download(render_xlsx(rows, title="Anbieter"), "anbieter-vorlage.xlsx", fmt)
        return HttpResponse(_("Unbekanntes Format; möglich sind csv und xlsx."), status=400)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = ProviderImportForm()
        context = {"form": form}
        status = 200
        if request.method == "POST" and "_confirm" in request.POST:
            stored = request.session.get(SESSION_KEY)
            if not stored:
                messages.error(request, _("Die Vorschau ist abgelaufen. Bitte die Datei erneut hochladen."))
                return redirect("admin:providers_provider_import")
            # The rows were checked in the preview; the worker writes them (all or none).
            job = job_enqueue(
                task=tasks.catalogue_import, kind="providers.import", user=request.user,
                title=_("Import von „%(name)s“") % {"name": stored["name"]},
                input_data=base64.b64decode(stored["data"]), input_name="import.bin",
                return_url=reverse("admin:providers_provider_changelist"),
            )
            del request.session[SESSION_KEY]
            return redirect(job)
        elif request.method == "POST":
            form = ProviderImportForm(request.POST, request.FILES)
            context["form"] = form
            if form.is_valid():
                upload = form.cleaned_data["file"]
                if upload.size > MAX_IMPORT_BYTES:
                    form.add_error("file", _("Die Datei ist zu groß; höchstens 5 MB sind erlaubt."))
                else:
                    data = upload.read()
                    try:
                        result = providers_import(data=data, user=request.user, dry_run=True)
                    except ImportFileError as error:
                        form.add_error("file", str(error))
                    else:
                        request.session[SESSION_KEY] = {
                            "name": upload.name,
                            "data": base64.b64encode(data).decode("ascii"),
                        }
                        context.update(result=result, filename=upload.name)
            if not form.is_valid():
                status = 400
        context.update(
            self.admin_site.each_context(request),
            title=_("Anbieter und Angebote importieren"),
            opts=self.model._meta,
            columns=COLUMNS,
            required_headers=REQUIRED_HEADERS,
        )
        return TemplateResponse(request, "admin/providers/provider/import.html", context, status=status)

    def get_import_url(self):
        return reverse("admin:providers_provider_import")
