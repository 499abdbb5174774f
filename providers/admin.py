from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from sozialraum.common.admin_maps import MapAdminMixin
from sozialraum.common.concurrency import VersionedAdminMixin, VersionedInlineMixin
from sozialraum.common.history import ReadableHistoryMixin
from sozialraum.common.readability import ReadabilityAdminMixin
from sozialraum.roles import is_editorial_staff

from . import services
from .accounts import is_self_service, self_service_provider_id
from .models import Offer, OpeningSlot, OverlapReview, Provider, ProviderAccount, ServiceType, active_offer_condition
from .overlaps.views import message_parallel_offers, review_start
from .schedules.describe import describe_slots
from .tabular.admin import ProviderImportExportMixin
from .taxonomy import suggest_service_type

# --- Provider self-service: a provider account sees and changes only its own entry --------

SELF_SERVICE_HIDDEN_FIELDS = ["needs_review", "last_verified"]
SLUG_FIXED_HELP = _(
    "Der Kurzname ist die feste Kennung des Angebots (Import, Links); ändern kann ihn nur die Redaktion."
)


def _without(fields, hidden):
    return [name for name in fields if name not in hidden]


def _slug_fixed_on_existing(form_class):
    """An inline form whose existing rows keep their slug: the field is disabled, so Django
    ignores a posted value and keeps the stored one. New rows still set their slug."""

    class SlugFixedOnExistingForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            slug = self.fields.get("slug")
            if slug is not None and self.instance.pk is not None:
                slug.disabled = True
                slug.help_text = SLUG_FIXED_HELP

    SlugFixedOnExistingForm.__name__ = form_class.__name__
    return SlugFixedOnExistingForm


class _NoHistoryRestoreForSelfService:
    """A provider account reads the history but does not open or restore old versions: a restore
    would also bring back an old slug (and, for the provider entry, the review fields)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if is_self_service(request.user):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return is_self_service(request.user) or super().revert_disabled(request, obj)


class ProviderSelfServiceMixin(_NoHistoryRestoreForSelfService):
    """Limits a provider account to its own provider; its saves await the Redaktion's review."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_self_service(request.user):
            return queryset.filter(pk=self_service_provider_id(request.user))
        return queryset

    def _foreign(self, request, obj):
        return obj is not None and is_self_service(request.user) and obj.pk != self_service_provider_id(request.user)

    def has_view_permission(self, request, obj=None):
        return not self._foreign(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._foreign(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_self_service(request.user) and super().has_delete_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not is_self_service(request.user):
            return fieldsets
        trimmed = []
        for name, options in fieldsets:
            fields = _without(options["fields"], SELF_SERVICE_HIDDEN_FIELDS)
            if fields:
                trimmed.append((name, {**options, "fields": fields}))
        return trimmed

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if is_self_service(request.user):
            readonly.append("slug")  # the stable identifier of imports and links
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if is_self_service(request.user):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if is_self_service(request.user):
                formset = type(formset.__name__, (formset,), {"form": _slug_fixed_on_existing(formset.form)})
            yield formset, inline

    def get_list_display(self, request):
        if is_self_service(request.user):
            return _without(super().get_list_display(request), SELF_SERVICE_HIDDEN_FIELDS)
        return super().get_list_display(request)

    def get_list_filter(self, request):
        if is_self_service(request.user):
            return _without(super().get_list_filter(request), SELF_SERVICE_HIDDEN_FIELDS)
        return super().get_list_filter(request)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if is_self_service(request.user):
            services.provider_record_self_service_change(provider=obj, user=request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and self.has_confirm_review_permission(request):
            provider = self.get_object(request, unquote(object_id))
            if provider is not None and provider.needs_review:
                self.message_user(
                    request,
                    _(
                        "Der Anbieter hat diesen Eintrag selbst geändert; die Änderung ist noch nicht bestätigt. "
                        "Die Änderungen stehen in der Historie; bestätigen Sie sie in der Anbieterliste mit "
                        "der Aktion „Änderungen bestätigen“."
                    ),
                    messages.WARNING,
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def has_confirm_review_permission(self, request):
        return is_editorial_staff(request.user) and request.user.has_perm("providers.change_provider")

    @admin.action(description=_("Änderungen bestätigen (zuletzt geprüft: heute)"), permissions=["confirm_review"])
    def confirm_review(self, request, queryset):
        for provider in queryset:
            services.provider_confirm_review(provider=provider, user=request.user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d Anbieter bestätigt; „zuletzt geprüft am“ ist jetzt heute.",
                "%(count)d Anbieter bestätigt; „zuletzt geprüft am“ ist jetzt heute.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class OfferSelfServiceMixin(_NoHistoryRestoreForSelfService):
    """A provider account sees and changes only the offers of its own provider."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_self_service(request.user):
            return queryset.filter(provider_id=self_service_provider_id(request.user))
        return queryset

    def _foreign(self, request, obj):
        return (
            obj is not None
            and is_self_service(request.user)
            and obj.provider_id != self_service_provider_id(request.user)
        )

    def has_view_permission(self, request, obj=None):
        return not self._foreign(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._foreign(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._foreign(request, obj) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "provider" and is_self_service(request.user):
            kwargs["queryset"] = Provider.objects.filter(pk=self_service_provider_id(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and is_self_service(request.user):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and is_self_service(request.user):
            readonly.append("slug")  # the stable identifier of imports and links (#angebot-<slug>)
        return readonly

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._record_self_service(request, obj.provider)

    def delete_model(self, request, obj):
        provider = obj.provider
        super().delete_model(request, obj)
        self._record_self_service(request, provider)

    def delete_queryset(self, request, queryset):
        providers = list(Provider.objects.filter(offers__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for provider in providers:
            self._record_self_service(request, provider)

    def _record_self_service(self, request, provider):
        if is_self_service(request.user):
            services.provider_record_self_service_change(provider=provider, user=request.user)


class OfferInline(VersionedInlineMixin, admin.StackedInline):
    model = Offer
    extra = 0
    show_change_link = True
    fields = [
        ("title", "slug", "active", "paused_until"),
        "service_type",
        "description",
        ("target_groups", "quarters"),
        ("field_of_action", "languages"),
        ("place", "cost_kind", "cost"),
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["service_type", "target_groups", "quarters", "field_of_action", "languages"]


class OpeningSlotInline(admin.TabularInline):
    """Opening times as readable rows: weekday, from, to, and for monthly dates the n-th weekday."""

    model = OpeningSlot
    extra = 1
    fields = ["weekday", "opens", "closes", "ordinal"]
    verbose_name = _("Öffnungszeit")
    verbose_name_plural = _("Öffnungszeiten (eine Zeile je Wochentag und Zeitraum)")


class OfferOpeningSlotInline(OpeningSlotInline):
    fk_name = "offer"


class ProviderOpeningSlotInline(OpeningSlotInline):
    fk_name = "provider"


ACCESS_FIELDSET_FIELDS = [
    ("step_free", "elevator", "accessible_toilet"),
    ("hearing_loop", "sign_language", "easy_language"),
]
TIMES_FIELDS = [
    ("by_appointment", "closed_on_holidays"),
    ("hours_valid_from", "hours_valid_until"),
    "opening_hours",
]


class HoursToCheckFilter(admin.SimpleListFilter):
    """"Zeiten prüfen": offers whose old opening-time text the parser could not fully read."""

    title = _("Zeiten")
    parameter_name = "zeiten"

    def lookups(self, request, model_admin):
        return [("pruefen", _("prüfen (Text nicht gelesen)")), ("ohne", _("keine Zeiten"))]

    def queryset(self, request, queryset):
        if self.value() == "pruefen":
            return queryset.exclude(opening_hours="").filter(slots__isnull=True)
        if self.value() == "ohne":
            return queryset.filter(opening_hours="", slots__isnull=True, by_appointment=False)
        return queryset


class OfferStatusFilter(admin.SimpleListFilter):
    title = _("Status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Offer.Status.choices

    def queryset(self, request, queryset):
        if self.value() == Offer.Status.ACTIVE:
            return queryset.filter(active_offer_condition())
        if self.value() == Offer.Status.PAUSED:
            return queryset.filter(active=True).exclude(active_offer_condition())
        if self.value() == Offer.Status.ENDED:
            return queryset.filter(active=False)
        return queryset


def message_quarters_added(model_admin, request, changed):
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d Angebot liegt jetzt auch im Quartier seines Standorts.",
            "%(count)d Angebote liegen jetzt auch im Quartier ihres Standorts.",
            changed,
        )
        % {"count": changed}
        if changed
        else _("Keine Änderung: die Angebote haben ihre Quartiere schon oder keinen Standort in einem Quartier."),
        messages.SUCCESS if changed else messages.INFO,
    )


@admin.register(Provider)
class ProviderAdmin(
    ProviderSelfServiceMixin,
    VersionedAdminMixin,
    ProviderImportExportMixin,
    ReadableHistoryMixin,
    MapAdminMixin,
    SimpleHistoryAdmin,
):
    list_display = ["name", "kind", "city", "active_offer_count", "last_verified", "needs_review"]
    list_filter = ["kind", "needs_review", "offers__quarters", "offers__target_groups", "city"]
    search_fields = ["name", "description", "contact_person", "email", "street", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["languages"]
    date_hierarchy = "last_verified"
    inlines = [OfferInline, ProviderOpeningSlotInline]
    actions = ["confirm_review", "add_quarters_from_location"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "description"]}),
        (_("Kontakt"), {"fields": ["contact_person", "email", "phone", "website"]}),
        (_("Adresse und Standort"), {"fields": ["street", "postcode", "city", "location"]}),
        (_("Zugang"), {"fields": [*ACCESS_FIELDSET_FIELDS, "accessibility", "languages"]}),
        (_("Öffnungszeiten"), {"fields": TIMES_FIELDS}),
        (_("Pflege"), {"fields": ["last_verified", "needs_review"]}),
    ]

    def get_queryset(self, request):
        from django.db.models import Count

        return (
            super()
            .get_queryset(request)
            .annotate(
                active_offers=Count("offers", filter=active_offer_condition(prefix="offers__"), distinct=True)
            )
        )

    @admin.display(description=_("aktive Angebote"), ordering="active_offers")
    def active_offer_count(self, obj):
        return obj.active_offers

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        message_parallel_offers(request, offers=form.instance.offers.active())

    def has_derive_quarters_permission(self, request):
        return is_editorial_staff(request.user) and request.user.has_perm("providers.change_offer")

    @admin.action(description=_("Quartiere der Angebote aus dem Standort ergänzen"), permissions=["derive_quarters"])
    def add_quarters_from_location(self, request, queryset):
        changed = services.offers_add_quarters_from_location(offers=Offer.objects.filter(provider__in=queryset))
        message_quarters_added(self, request, changed)


@admin.register(Offer)
class OfferAdmin(ReadabilityAdminMixin, OfferSelfServiceMixin, VersionedAdminMixin, ReadableHistoryMixin, MapAdminMixin, SimpleHistoryAdmin):
    readability_fields = ["description"]
    list_display = ["title", "provider", "service_type", "times", "status_label"]
    list_filter = [OfferStatusFilter, HoursToCheckFilter, "service_type", "cost_kind", "field_of_action",
                   "target_groups", "quarters"]
    list_select_related = ["provider", "service_type"]
    search_fields = ["title", "description", "provider__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["provider", "service_type", "target_groups", "quarters", "field_of_action", "languages"]
    inlines = [OfferOpeningSlotInline]
    fieldsets = [
        (None, {"fields": ["provider", "title", "slug", "service_type", "description"]}),
        (_("Status"), {"fields": [("active", "paused_until")]}),
        (
            _("Für wen"),
            {"fields": ["target_groups", ("age_min", "age_max"), "languages", "quarters", "field_of_action"]},
        ),
        (_("Zeiten"), {"fields": ["appointment_required", *TIMES_FIELDS]}),
        (_("Kosten"), {"fields": [("cost_kind", "cost")]}),
        (_("Ort und Zugang"), {"fields": ["place", "location", *ACCESS_FIELDSET_FIELDS]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("slots")

    @admin.display(description=_("Zeiten"))
    def times(self, obj):
        text = describe_slots([slot.as_slot() for slot in obj.slots.all()], by_appointment=obj.by_appointment)
        return text or (_("prüfen: %(note)s") % {"note": obj.opening_hours} if obj.opening_hours else "–")

    @admin.display(description=_("Status"))
    def status_label(self, obj):
        status = obj.status
        if status == Offer.Status.PAUSED:
            return _("pausiert bis %(date)s") % {"date": obj.paused_until.strftime("%d.%m.%Y")}
        return status.label

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None or obj.service_type_id is not None or "service_type" not in form.base_fields:
            return form
        suggestion = _suggested_type(obj)
        if suggestion is None:
            return form

        class SuggestingForm(form):
            """Pre-selects the suggested type; it is stored only when staff save the form."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.initial["service_type"] = suggestion.pk
                self.fields["service_type"].help_text = _(
                    "Vorschlag aus Titel und Beschreibung: „%(type)s“. Bitte prüfen und mit „Sichern“ bestätigen."
                ) % {"type": suggestion.name}

        return SuggestingForm

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.service_type_id is None:
            suggestion = _suggested_type(obj)
            if suggestion is not None:
                self.message_user(
                    request,
                    _(
                        "Dieses Angebot hat noch keine Leistungsart. Vorschlag: „%(type)s“ – "
                        "öffnen Sie das Angebot und bestätigen Sie den Vorschlag."
                    )
                    % {"type": suggestion.name},
                    messages.WARNING,
                )

    actions = ["add_quarters_from_location"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        message_parallel_offers(request, offers=[form.instance])

    def has_derive_quarters_permission(self, request):
        return is_editorial_staff(request.user) and request.user.has_perm("providers.change_offer")

    @admin.action(description=_("Quartier aus dem Standort ergänzen"), permissions=["derive_quarters"])
    def add_quarters_from_location(self, request, queryset):
        changed = services.offers_add_quarters_from_location(offers=queryset)
        message_quarters_added(self, request, changed)


def _suggested_type(offer):
    """The service type the taxonomy suggests for an offer's title and description, or None."""
    types = list(ServiceType.objects.filter(parent__isnull=False).only("pk", "slug", "name", "synonyms"))
    slug = suggest_service_type(offer.title, offer.description, types=types)
    return next((service_type for service_type in types if service_type.slug == slug), None)


@admin.register(ServiceType)
class ServiceTypeAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["name", "parent", "slug", "offer_count"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "synonyms", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "parent", "synonyms", "description", "order"]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(offers_total=Count("offers"))

    @admin.display(description=_("Angebote"), ordering="offers_total")
    def offer_count(self, obj):
        return obj.offers_total


@admin.register(ProviderAccount)
class ProviderAccountAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
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

    def add_view(self, request, form_url="", extra_context=None):
        """Adding a review goes through the cell's page and the review service (current
        providers, deciding user), never through a bare form."""
        return review_start(request)

    def has_change_permission(self, request, obj=None):
        return False  # a review is a record of a decision; a new decision is a new review
