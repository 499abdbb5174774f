from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sozialraum.common.admin_exports import CsvExportAdminMixin, csv_attachment
from sozialraum.common.admin_maps import MapAdminMixin
from sozialraum.common.concurrency import VersionedAdminMixin
from sozialraum.common.history import ReadableHistoryMixin
from sozialraum.common.readability import ReadabilityAdminMixin

from . import exports, services
from .models import Participant, Registration, Workshop, WorkshopDocument, WorkshopResult, WorkshopSeries


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
        (
            _("Zugang zum Ort"),
            {"fields": [*Workshop.ACCESS_FIELDS, "access_note"], "description": _("wie bei Anbietern und Angeboten")},
        ),
        (_("Ansprechperson"), {"fields": ["contact_name", "contact_phone", "contact_email"]}),
        (
            _("Anmeldung"),
            {"fields": ["registration_enabled", "registration_form", "capacity", "registrations_link"]},
        ),
    ]
    readonly_fields = ["registrations_link"]

    @admin.display(description=_("Anmeldungen"))
    def registrations_link(self, obj):
        if not obj.pk:
            return "–"
        url = reverse("admin:workshops_registration_changelist") + f"?workshop__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Liste der Anmeldungen"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"capacity", "registration_form"} & set(form.changed_data):
            promoted = services.workshop_places_changed(workshop=obj, base_url=request.build_absolute_uri("/"))
            if promoted:
                self.message_user(
                    request,
                    _("%(count)s Anmeldung(en) von der Warteliste sind nachgerückt und per E-Mail benachrichtigt.")
                    % {"count": len(promoted)},
                )


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """The staff list of registrations, per workshop, with CSV export. Removing a registration
    lets the waiting list move up (by e-mail)."""

    list_display = ["workshop", "status", "name", "email", "people", "created_at", "promoted_at"]
    list_filter = ["status", ("workshop", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["workshop"]
    search_fields = ["name", "email", "workshop__title"]
    fields = ["workshop", "status", "name", "email", "people", "created_at", "promoted_at"]
    readonly_fields = fields
    ordering = ["workshop__starts_at", "workshop", "status", "created_at", "pk"]
    change_list_template = "admin/workshops/registration/change_list.html"

    def has_add_permission(self, request):
        return False  # only through the public form, which counts the places

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        services.registration_cancel(registration=obj, base_url=request.build_absolute_uri("/"))

    def delete_queryset(self, request, queryset):
        for registration in queryset.select_related("workshop"):
            services.registration_cancel(registration=registration, base_url=request.build_absolute_uri("/"))

    def get_urls(self):
        return [
            path(
                "export/",
                self.admin_site.admin_view(self.csv_export_view),
                name="workshops_registration_export",
            ),
        ] + super().get_urls()

    def csv_export_view(self, request):
        """The registrations the list shows (with its filters) as CSV; formulas neutralised."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        return csv_attachment(*exports.registrations_csv(changelist.get_queryset(request)))
