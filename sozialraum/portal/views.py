"""Public pages that combine the apps: the start page, quarter profiles, and the provider
and measure pages, which show records of the apps above them."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from measures import impact
from measures import selectors as measure_selectors
from measures.views import MeasureDetailView
from providers import selectors as provider_selectors
from providers.views import ProviderDetailView
from sozialraum import selectors
from sozialraum.common.maps import feature, feature_collection, geometry_of, quarter_features
from sozialraum.models import ConceptEdition, Programme, Quarter
from sozialraum.portal.impact.presenters import effect_views
from workshops import selectors as workshop_selectors
from workshops.ical import webcal_url

HOME_WORKSHOPS = 3
HOME_MEASURES = 6


def home(request):
    """Start page: the programme, its goals, next dates, measures in progress, the area map."""
    quarters = list(selectors.programme_quarters())
    context = {
        "programme": Programme.objects.current(),
        # the concept link only when there is an edition to download (no dead end)
        "current_edition": ConceptEdition.objects.published().only("name", "slug", "presented_on").first(),
        "top_goals": measure_selectors.goal_tree(),
        "workshops": workshop_selectors.upcoming_workshops()[:HOME_WORKSHOPS],
        "measures": measure_selectors.public_measures().in_progress()[:HOME_MEASURES],
        "quarters": quarters,
        "area_geojson": feature_collection(quarter_features(quarters)),
    }
    return render(request, "sozialraum/home.html", context)


def quarter_detail(request, slug):
    """Quarter profile: boundary, indicators (table and chart), offers, measures."""
    quarter = get_object_or_404(Quarter, slug=slug)
    values = list(selectors.quarter_indicator_values(quarter))
    years, rows = selectors.indicator_table(values)
    offer_groups = provider_selectors.quarter_offer_groups(quarter)
    offers = list({offer.pk: offer for _group, _count, shown in offer_groups for offer in shown}.values())
    features = []
    boundary = geometry_of(quarter.boundary)
    if boundary:
        features.append(feature(boundary, name=quarter.name))
    for offer in offers:
        offer.url = offer.get_absolute_url()  # once for the list and the map
        point = geometry_of(offer.location) or geometry_of(offer.provider.location)
        if point:
            features.append(feature(point, name=offer.title, url=offer.url, text=offer.provider.name))
    context = {
        "quarter": quarter,
        "indicator_values": values,
        "indicator_years": years,
        "indicator_rows": rows,
        "city_comparison": selectors.city_comparison(rows),
        "chart_rows": selectors.latest_share_values(values),
        "offer_groups": offer_groups,
        "offers": offers,
        "measures": measure_selectors.public_measures().filter(quarters=quarter),
        "workshops": workshop_selectors.upcoming_workshops().filter(quarter=quarter),
        "workshops_webcal": webcal_url(request, reverse("workshops:quarter-calendar", args=[quarter.slug])),
        "swot_items": selectors.quarter_swot(quarter),
        "quarter_geojson": feature_collection(features),
    }
    return render(request, "sozialraum/quarter_detail.html", context)


class ProviderPage(ProviderDetailView):
    """The provider page with the measures the provider works in as a partner."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partner_measures"] = measure_selectors.measures_with_partner(self.object)
        return context


class MeasurePage(MeasureDetailView):
    """The measure page with the measure's public workshops."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["measure_workshops"] = workshop_selectors.workshops_of_measure(self.object)
        context["effects"] = effect_views(impact.measure_effects(self.object))
        context["status_rule"] = impact.status_rule()
        return context
