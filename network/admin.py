from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sozialraum.common.history import ReadableHistoryMixin

from .models import Cooperation


@admin.register(Cooperation)
class CooperationAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "since"]
    list_filter = ["kind"]
    list_select_related = ["first_provider", "second_provider"]
    search_fields = ["first_provider__name", "first_institution", "second_provider__name", "second_institution", "note"]
    autocomplete_fields = ["first_provider", "second_provider"]
    date_hierarchy = "since"
    fields = ["first_provider", "first_institution", "second_provider", "second_institution", "kind", "since", "note"]
