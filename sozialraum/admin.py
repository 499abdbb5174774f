from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sozialraum.common.admin_maps import MapAdminMixin
from sozialraum.common.history import ReadableHistoryMixin

from .models import (
    CityIndicatorValue,
    FieldOfAction,
    Indicator,
    IndicatorValue,
    Language,
    Programme,
    Quarter,
    SwotItem,
    TargetGroup,
)

admin.site.site_header = _("Sozialraum-Portal – Verwaltung")
admin.site.site_title = _("Sozialraum-Portal")
admin.site.index_title = _("Katalog, Maßnahmen und Werkstätten pflegen")


class SwotItemInline(admin.TabularInline):
    model = SwotItem
    extra = 0
    fields = ["kind", "text", "order"]


@admin.register(Quarter)
class QuarterAdmin(ReadableHistoryMixin, MapAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "city", "in_programme_area", "order"]
    list_filter = ["city", "in_programme_area"]
    list_editable = ["order"]
    search_fields = ["name", "city", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "city", "in_programme_area", "order", "description", "boundary"]
    inlines = [SwotItemInline]


@admin.register(TargetGroup)
class TargetGroupAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["name", "parent", "age_range", "order"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = ["name", "slug", "parent", "min_age", "max_age", "order", "description"]

    @admin.display(description=_("Alter"))
    def age_range(self, obj):
        return obj.age_range


@admin.register(FieldOfAction)
class FieldOfActionAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "order", "description"]


@admin.register(Language)
class LanguageAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    fields = ["name", "code"]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ["quarter", "year", "value", "source"]
    autocomplete_fields = ["quarter"]


class CityIndicatorValueInline(admin.TabularInline):
    """The city-wide reference values the quarter profiles compare with."""

    model = CityIndicatorValue
    extra = 0
    fields = ["year", "value", "source"]


@admin.register(Indicator)
class IndicatorAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["name", "unit", "target_group", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["target_group"]
    fields = ["name", "slug", "unit", "target_group", "order", "description"]
    inlines = [IndicatorValueInline, CityIndicatorValueInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["indicator", "quarter", "year", "value", "source"]
    list_filter = ["indicator", "quarter", "year"]
    list_editable = ["value", "source"]
    list_select_related = ["indicator", "quarter"]
    search_fields = ["indicator__name", "quarter__name", "source"]
    autocomplete_fields = ["indicator", "quarter"]
    fields = ["indicator", "quarter", "year", "value", "source"]


@admin.register(SwotItem)
class SwotItemAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["text", "kind", "quarter", "order"]
    list_filter = ["kind", "quarter"]
    list_select_related = ["quarter"]
    search_fields = ["text", "quarter__name"]
    autocomplete_fields = ["quarter"]
    fields = ["quarter", "kind", "text", "order"]


@admin.register(Programme)
class ProgrammeAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["name", "city", "area_name"]
    search_fields = ["name", "city", "area_name"]
    fields = ["name", "city", "area_name", "summary", "situation", "contact"]
