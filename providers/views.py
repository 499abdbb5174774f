"""Public provider directory: list with filters and map, detail with offers."""

from django.views.generic import DetailView

from providers import selectors
from providers.filters import ProviderFilter
from sozialraum.common.filtering import FilteredListView
from sozialraum.common.maps import feature, feature_collection, geometry_of


def provider_features(providers):
    return [
        feature(geometry_of(p.location), name=p.name, url=p.get_absolute_url(), text=p.address)
        for p in providers
        if geometry_of(p.location)
    ]


class ProviderListView(FilteredListView):
    filterset_class = ProviderFilter
    template_name = "providers/provider_list.html"
    context_object_name = "providers"
    paginate_by = 20

    def get_base_queryset(self):
        return selectors.directory_queryset()

    def page_rows(self, ids):
        return selectors.directory_queryset().filter(pk__in=ids)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["providers"] = selectors.with_card_offers(list(context["providers"]))
        context["providers_geojson"] = feature_collection(provider_features(context["providers"]))
        return context


class ProviderDetailView(DetailView):
    template_name = "providers/provider_detail.html"
    context_object_name = "provider"

    def get_queryset(self):
        return selectors.provider_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        provider = self.object
        features = provider_features([provider])
        for offer in provider.active_offers:
            point = geometry_of(offer.location)
            if point:
                features.append(feature(point, name=offer.title, url=f"#angebot-{offer.slug}", text=offer.place))
        context["provider_geojson"] = feature_collection(features)
        return context
