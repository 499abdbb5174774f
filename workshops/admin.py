from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sozialraum.common.admin_exports import CsvExportAdminMixin
from sozialraum.common.admin_maps import MapAdminMixin
from sozialraum.common.concurrency import VersionedAdminMixin
from sozialraum.common.history import ReadableHistoryMixin
from sozialraum.common.readability import ReadabilityAdminMixin

from . import exports
from .models import Participant, Workshop, WorkshopDocument, WorkshopResult, WorkshopSeries


@admin.register(WorkshopSeries)
class WorkshopSeriesAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["title"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "description"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ["provider", "institution", "role"]
    autocomplete_fields = ["provider"]


class WorkshopResultInline(admin.TabularInline):
    model = WorkshopResult
    extra = 0
    fields = ["order", "title", "theme", "responsible", "traffic_light", "note"]


class WorkshopDocumentInline(admin.TabularInline):
    model = WorkshopDocument
    extra = 0
    fields = ["title", "file"]


@admin.register(Workshop)
class WorkshopAdmin(ReadabilityAdminMixin, VersionedAdminMixin, CsvExportAdminMixin, ReadableHistoryMixin, MapAdminMixin, SimpleHistoryAdmin):
    readability_fields = ["description", "documentation"]
    list_display = ["title", "kind", "starts_at", "venue", "quarter", "published"]
    list_filter = ["kind", "published", "series", "quarter"]
    list_select_related = ["quarter", "series"]
    search_fields = ["title", "description", "documentation", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "quarter", "measure"]
    date_hierarchy = "starts_at"
    inlines = [ParticipantInline, WorkshopResultInline, WorkshopDocumentInline]
    csv_export = exports.export_csv
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "series", "measure", "published"]}),
        (_("Termin und Ort"), {"fields": ["starts_at", "ends_at", "venue", "address", "quarter", "location"]}),
        (_("Inhalt"), {"fields": ["description", "documentation"]}),
    ]
