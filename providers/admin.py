from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from .models import Offer, OverlapReview, Provider, ProviderAccount
from .overlap_views import message_fellow_providers


class OfferInline(admin.StackedInline):
    model = Offer
    extra = 0
    show_change_link = True
    fields = [
        ("title", "slug", "active"),
        "description",
        ("target_groups", "quarters"),
        ("field_of_action", "languages"),
        ("place", "cost"),
        "opening_hours",
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["target_groups", "quarters", "field_of_action", "languages"]


@admin.register(Provider)
class ProviderAdmin(LeafletGeoAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "city", "active_offer_count", "last_verified", "needs_review"]
    list_filter = ["kind", "needs_review", "offers__quarters", "offers__target_groups", "city"]
    search_fields = ["name", "description", "contact_person", "email", "street", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["languages"]
    date_hierarchy = "last_verified"
    inlines = [OfferInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "description"]}),
        (_("Kontakt"), {"fields": ["contact_person", "email", "phone", "website"]}),
        (_("Adresse und Standort"), {"fields": ["street", "postcode", "city", "location"]}),
        (_("Zugang"), {"fields": ["accessibility", "languages"]}),
        (_("Pflege"), {"fields": ["last_verified", "needs_review"]}),
    ]

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return (
            super()
            .get_queryset(request)
            .annotate(active_offers=Count("offers", filter=Q(offers__active=True), distinct=True))
        )

    @admin.display(description=_("aktive Angebote"), ordering="active_offers")
    def active_offer_count(self, obj):
        return obj.active_offers

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        message_fellow_providers(request, offers=form.instance.offers.filter(active=True))


@admin.register(Offer)
class OfferAdmin(LeafletGeoAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "provider", "field_of_action", "active"]
    list_filter = ["active", "field_of_action", "target_groups", "quarters"]
    list_select_related = ["provider", "field_of_action"]
    search_fields = ["title", "description", "provider__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["provider", "target_groups", "quarters", "field_of_action", "languages"]
    fieldsets = [
        (None, {"fields": ["provider", "title", "slug", "active", "description"]}),
        (_("Für wen und wo"), {"fields": ["target_groups", "quarters", "field_of_action", "languages"]}),
        (_("Ort, Zeiten, Kosten"), {"fields": ["place", "location", "opening_hours", "cost"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        message_fellow_providers(request, offers=[form.instance])


@admin.register(ProviderAccount)
class ProviderAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "provider"]
    list_select_related = ["user", "provider"]
    search_fields = ["user__username", "user__email", "provider__name"]
    autocomplete_fields = ["user", "provider"]
    fields = ["user", "provider"]


@admin.register(OverlapReview)
class OverlapReviewAdmin(admin.ModelAdmin):
    list_display = ["quarter", "target_group", "field_of_action", "decision", "decided_by", "decided_at"]
    list_filter = ["decision", "quarter", "target_group"]
    list_select_related = ["quarter", "target_group", "field_of_action", "decided_by"]
    search_fields = ["reason", "quarter__name", "target_group__name"]
    readonly_fields = ["decided_by", "decided_at"]
    fields = ["quarter", "target_group", "field_of_action", "provider_ids", "decision", "reason", *readonly_fields]
