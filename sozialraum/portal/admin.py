"""Admin of the portal layer: concept editions, whose "add" is the publishing form."""

from django.contrib import admin

from sozialraum.models import ConceptEdition

from .concept.views import publish


@admin.register(ConceptEdition)
class ConceptEditionAdmin(admin.ModelAdmin):
    list_display = ["name", "presented_on", "presented_to", "page_count", "published_at", "published_by"]
    list_select_related = ["published_by"]
    search_fields = ["name", "presented_to", "note"]
    date_hierarchy = "presented_on"
    readonly_fields = ["pdf", "file_size", "page_count", "sha256", "published_at", "published_by"]
    fields = ["name", "slug", "presented_on", "presented_to", "note", *readonly_fields]

    def add_view(self, request, form_url="", extra_context=None):
        """Adding an edition means publishing it: the concept's form renders and stores the PDF."""
        return publish(request)
