from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sozialraum.common.history import ReadableHistoryMixin
from sozialraum.common.readability import ReadabilityAdminMixin

from .models import AccessibilityStatement, BarrierReport, InfoPage, KnownBarrier


@admin.register(InfoPage)
class InfoPageAdmin(ReadabilityAdminMixin, ReadableHistoryMixin, SimpleHistoryAdmin):
    """The four information pages exist from the start (data migration): staff change, never add."""

    list_display = ["title", "kind", "updated_at"]
    fields = ["kind", "title", "description", "body", "video"]
    readonly_fields = ["kind"]
    readability_fields = ["body"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class KnownBarrierInline(admin.StackedInline):
    model = KnownBarrier
    extra = 0
    fields = ["barrier", "reason", "alternative", "order"]


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "conformance", "assessed_on", "updated_at"]
    fieldsets = [
        (None, {"fields": ["body_name", "scope", "standard"]}),
        (_("Stand der Vereinbarkeit"), {"fields": ["conformance", "assessment_method", "assessed_on", "prepared_on"]}),
        (_("Rückmeldung und Schlichtung"), {"fields": ["feedback_contact", "arbitration_body"]}),
    ]
    inlines = [KnownBarrierInline]

    def has_add_permission(self, request):
        return False  # the one statement exists from the start (data migration)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(KnownBarrier)
class KnownBarrierAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    """The rows' own history; staff edit them inline in the statement."""

    list_display = ["barrier", "alternative", "order"]
    fields = ["statement", "barrier", "reason", "alternative", "order"]

    def has_module_permission(self, request):
        return False  # reached from the statement, not from the index


@admin.register(BarrierReport)
class BarrierReportAdmin(admin.ModelAdmin):
    """What visitors reported; they are deleted after ``BARRIER_REPORT_RETENTION_DAYS`` days."""

    list_display = ["created_at", "short_message", "page", "email", "handled"]
    list_filter = ["handled", "created_at"]
    search_fields = ["message", "page", "email"]
    date_hierarchy = "created_at"
    fields = ["created_at", "message", "page", "email", "handled", "staff_note"]
    readonly_fields = ["created_at", "message", "page", "email"]

    def has_add_permission(self, request):
        return False  # only visitors write reports

    @admin.display(description=_("Nachricht"))
    def short_message(self, obj):
        return obj.message if len(obj.message) <= 100 else obj.message[:99] + "…"
