from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sozialraum.common.admin_exports import CsvExportAdminMixin
from sozialraum.common.concurrency import VersionedAdminMixin
from sozialraum.common.history import ReadableHistoryMixin
from sozialraum.common.readability import ReadabilityAdminMixin

from . import exports
from .models import Effect, FundingLine, FundingProgramme, Goal, Measure, MeasureDocument


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "short_name", "slug", "kind", "website", "description"]


@admin.register(Goal)
class GoalAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["title", "parent", "measure_count", "order"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_editable = ["order"]
    list_select_related = ["parent"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent"]
    fields = ["title", "slug", "parent", "order", "description"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_measures=Count("measures"))

    @admin.display(description=_("Maßnahmen"), ordering="n_measures")
    def measure_count(self, obj):
        return obj.n_measures


class FundingLineInline(admin.TabularInline):
    model = FundingLine
    extra = 0
    fields = ["programme", "amount", "year", "note"]
    autocomplete_fields = ["programme"]


class MeasureDocumentInline(admin.TabularInline):
    model = MeasureDocument
    extra = 0
    fields = ["title", "file"]


class EffectInline(admin.StackedInline):
    """The measure's impact model; a status set by hand is changed on the effect's own page
    (its history keeps the reasons)."""

    model = Effect
    extra = 0
    show_change_link = True
    fields = [
        "order", "level", "title", "indicator", "quarter", "direction",
        ("baseline_year", "baseline_value"), ("target_year", "target_value"),
    ]
    autocomplete_fields = ["indicator", "quarter"]


@admin.register(Measure)
class MeasureAdmin(ReadabilityAdminMixin, VersionedAdminMixin, CsvExportAdminMixin, ReadableHistoryMixin, SimpleHistoryAdmin):
    readability_fields = ["summary", "description"]
    list_display = ["code", "title", "status", "progress", "start_date", "end_date", "traffic_light", "published"]
    list_display_links = ["code", "title"]
    list_filter = ["status", "traffic_light", "published", "fields_of_action", "goals", "quarters"]
    search_fields = ["code", "title", "summary", "description", "lead"]
    prepopulated_fields = {"slug": ["code", "title"]}
    autocomplete_fields = ["goals", "fields_of_action", "target_groups", "quarters", "partners", "swot_items"]
    date_hierarchy = "start_date"
    inlines = [FundingLineInline, MeasureDocumentInline, EffectInline]
    csv_export = exports.export_csv
    fieldsets = [
        (None, {"fields": ["code", "title", "slug", "summary", "description", "published"]}),
        (_("Stand"), {"fields": ["status", "progress", "start_date", "end_date", "traffic_light", "traffic_light_reason"]}),
        (_("Einordnung"), {"fields": ["goals", "fields_of_action", "target_groups", "quarters", "swot_items"]}),
        (_("Beteiligte"), {"fields": ["lead", "partners"]}),
    ]


@admin.register(Effect)
class EffectAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["title", "measure", "level", "indicator", "quarter", "status_override"]
    list_filter = ["level", "status_override", "indicator"]
    list_select_related = ["measure", "indicator", "quarter"]
    search_fields = ["title", "description", "measure__code", "measure__title"]
    autocomplete_fields = ["measure", "indicator", "quarter"]
    fieldsets = [
        (None, {"fields": ["measure", "order", "level", "title", "description"]}),
        (_("Messung"), {"fields": [
            "indicator", "quarter", "direction", ("baseline_year", "baseline_value"), ("target_year", "target_value"),
        ]}),
        (_("Status von Hand"), {"fields": ["status_override", "status_override_reason"]}),
    ]
