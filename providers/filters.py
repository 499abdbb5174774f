import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from providers.models import Offer, Provider
from providers.search import provider_search
from sozialraum.common.filtering import slug_choice_filter
from sozialraum.common.search import SEARCH_MAX_LENGTH
from sozialraum.models import FieldOfAction, Language, Quarter, TargetGroup

# Filter name → lookup on Offer. All of them must hold for the same active offer:
# "Jugendliche in der Oberen Mühle" means one offer for both, not two different ones.
OFFER_LOOKUPS = {
    "zielgruppe": "target_groups",
    "quartier": "quarters",
    "handlungsfeld": "field_of_action",
}


class ProviderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suchbegriff"), method="filter_search", max_length=SEARCH_MAX_LENGTH)
    zielgruppe = slug_choice_filter(_("Zielgruppe"), TargetGroup.objects.all(), method="filter_nothing")
    quartier = slug_choice_filter(_("Quartier"), Quarter.objects.all(), method="filter_nothing")
    handlungsfeld = slug_choice_filter(_("Handlungsfeld"), FieldOfAction.objects.all(), method="filter_nothing")
    sprache = slug_choice_filter(_("Sprache des Angebots"), Language.objects.all(), to_field_name="code", method="filter_language")

    class Meta:
        model = Provider
        fields = []

    def filter_nothing(self, queryset, name, value):
        """Offer filters are applied together in filter_queryset."""
        return queryset

    def filter_search(self, queryset, name, value):
        """The indexed search (providers/search.py), best matches first."""
        return provider_search(queryset, value).order_by("search_rank", "name")

    def filter_language(self, queryset, name, language):
        offers = Offer.objects.active().filter(languages=language).values("provider_id")
        return queryset.filter(Q(languages=language) | Q(pk__in=offers)).distinct()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        conditions = {
            lookup: self.form.cleaned_data[name]
            for name, lookup in OFFER_LOOKUPS.items()
            if self.form.cleaned_data.get(name)
        }
        if conditions:
            offers = Offer.objects.active()
            for lookup, value in conditions.items():
                offers = offers.filter(**{lookup: value})
            queryset = queryset.filter(pk__in=offers.values("provider_id"))
        return queryset
