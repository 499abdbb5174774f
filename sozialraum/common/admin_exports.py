"""A CSV export link on an admin change list (measures, workshops)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path


def csv_attachment(filename, content: bytes):
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CsvExportAdminMixin:
    """Adds ``<changelist>/export/`` (URL name ``<app>_<model>_export``) serving ``export_csv()``.

    Set ``csv_export`` to a function returning ``(file name, bytes)``. Needs view permission.
    """

    csv_export = None

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "export/",
                self.admin_site.admin_view(self.csv_export_view),
                name=f"{opts.app_label}_{opts.model_name}_export",
            ),
        ] + super().get_urls()

    def csv_export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        filename, content = type(self).csv_export()
        return csv_attachment(filename, content)
