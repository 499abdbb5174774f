"""Admin pages for importing and exporting providers with their offers (see ``export`` and ``imports``).

Import is two steps: upload → preview (dry run: what would be created, updated, or is
wrong, with row, column and message) → confirm, which writes all rows or none. Between the
steps the file waits in the user's session. A table of more than
``IMPORT_PREVIEW_INLINE_ROWS`` rows is previewed by a background job (2,000 rows take about
10 s): the upload leads to the job's status page and from there to the preview
(``?vorschau=<job>``), and the file waits in the job.
"""

import base64
import json
import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
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
from .imports import ImportPreview, plan_import, read_catalogue_table

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
            return self._import_confirm(request)
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
                        table = read_catalogue_table(data)
                    except ImportFileError as error:
                        form.add_error("file", str(error))
                    else:
                        if len(table.rows) > settings.IMPORT_PREVIEW_INLINE_ROWS:
                            return self._import_preview_job(request, upload.name, data)
                        with transaction.atomic():
                            result = plan_import(table)
                        request.session[SESSION_KEY] = {
                            "name": upload.name,
                            "data": base64.b64encode(data).decode("ascii"),
                        }
                        context.update(result=result, filename=upload.name)
            if not form.is_valid():
                status = 400
        elif "vorschau" in request.GET:
            job = self._preview_job(request)
            if job is None:
                messages.error(request, _("Diese Vorschau gibt es nicht (mehr). Bitte die Datei erneut hochladen."))
                return redirect("admin:providers_provider_import")
            with job.result.open("rb") as stored:
                result = ImportPreview.from_data(json.loads(stored.read()))
            request.session[SESSION_KEY] = {"name": job.params.get("name", ""), "job": str(job.pk)}
            context.update(result=result, filename=job.params.get("name", ""))
        context.update(
            self.admin_site.each_context(request),
            title=_("Anbieter und Angebote importieren"),
            opts=self.model._meta,
            columns=COLUMNS,
            required_headers=REQUIRED_HEADERS,
        )
        return TemplateResponse(request, "admin/providers/provider/import.html", context, status=status)

    def _import_preview_job(self, request, name, data):
        """A large table: the worker checks it; the status page leads to the preview."""
        job = job_enqueue(
            task=tasks.catalogue_preview, kind="providers.import-preview", user=request.user,
            title=_("Vorschau des Imports von „%(name)s“") % {"name": name},
            params={"name": name}, input_data=data, input_name="import.bin",
        )  # fmt: skip
        request.session.pop(SESSION_KEY, None)
        return redirect(job)

    def _preview_job(self, request):
        """The finished preview job of ``?vorschau=``, if it is this user's."""
        try:
            pk = uuid.UUID(request.GET["vorschau"])
        except ValueError:
            return None
        return Job.objects.filter(
            pk=pk, user=request.user, kind="providers.import-preview", status=Job.Status.SUCCEEDED
        ).exclude(result="").first()

    def _import_confirm(self, request):
        stored = request.session.get(SESSION_KEY)
        data = None
        if stored and "data" in stored:
            data = base64.b64decode(stored["data"])
        elif stored and "job" in stored:
            preview = Job.objects.filter(pk=stored["job"], user=request.user).exclude(input="").first()
            if preview is not None:
                with preview.input.open("rb") as file:
                    data = file.read()
        if data is None:
            messages.error(request, _("Die Vorschau ist abgelaufen. Bitte die Datei erneut hochladen."))
            return redirect("admin:providers_provider_import")
        # The rows were checked in the preview; the worker writes them (all or none).
        job = job_enqueue(
            task=tasks.catalogue_import, kind="providers.import", user=request.user,
            title=_("Import von „%(name)s“") % {"name": stored["name"]},
            input_data=data, input_name="import.bin",
            return_url=reverse("admin:providers_provider_changelist"),
        )  # fmt: skip
        del request.session[SESSION_KEY]
        return redirect(job)

    def get_import_url(self):
        return reverse("admin:providers_provider_import")
