"""The offer search (/angebote/), the offer pages and the Wegweiser PDF.

Results are offers. Only running offers are found (``Offer.objects.active()``); an offer
page exists for running and paused offers (a paused one says until when), an ended
offer's page is a 404.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from providers.models import Offer
from sozialraum.common.filtering import FilteredListView, describe_errors
from sozialraum.common.maps import feature, feature_collection

from . import cards as offer_cards
from . import chips as offer_chips
from . import guide as offer_guide
from . import opening, selectors
from .filters import OfferFilter


def offer_features(page_cards):
    """Map markers of the cards that have a place."""
    return [
        feature(card.point, name=card.offer.title, url=card.path, text=card.offer.provider.name)
        for card in page_cards
        if card.point
    ]


def query_without_page(request):
    return offer_chips.clean_query(request.GET)


class OfferListView(FilteredListView):
    filterset_class = OfferFilter
    template_name = "providers/offers/offer_list.html"
    context_object_name = "offers"
    paginate_by = 20

    def get_base_queryset(self):
        return Offer.objects.all()  # the filter set keeps the offers running at its moment

    def page_rows(self, ids):
        return selectors.with_card_data(Offer.objects.filter(pk__in=ids))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        valid = not kwargs.get("filter_invalid")
        page_cards = offer_cards.cards(context["offers"], now=filterset.now) if valid else []
        criteria = filterset.criteria if valid else None
        context.update(
            cards=page_cards,
            card_labels=offer_cards.card_labels(),
            offers_geojson=feature_collection(offer_features(page_cards)),
            chips=offer_chips.build(self.request.GET, filterset.form.cleaned_data, criteria) if criteria else [],
            criteria=criteria,
            query=query_without_page(self.request),
            guide_limit=offer_guide.GUIDE_LIMIT,
            more_filters_open=any(self.request.GET.get(name) for name in ("alter", "am", "um", "nahe", "umkreis")),
        )
        return context


def offer_detail(request, provider, slug):
    offer = get_object_or_404(selectors.offer_detail_queryset(), provider__slug=provider, slug=slug)
    now = opening.local_now()
    card = offer_cards.cards([offer], now=now)[0]
    features = [feature(card.point, name=offer.title, text=card.place)] if card.point else []
    return render(
        request,
        "providers/offers/offer_detail.html",
        {
            "offer": offer,
            "card": card,
            "offer_geojson": feature_collection(features),
            "nearby_query": (
                f"nahe={card.point['coordinates'][1]:.5f},{card.point['coordinates'][0]:.5f}" if card.point else ""
            ),
        },
    )


def download_name(criteria):
    if criteria.quarter:
        return f"wegweiser-{criteria.quarter.slug}.pdf"
    return "wegweiser-angebote.pdf"


@require_GET
def guide_pdf(request):
    """/angebote/wegweiser.pdf?<the search's parameters>: the first GUIDE_LIMIT results as a PDF."""
    filterset = OfferFilter(request.GET, queryset=Offer.objects.all(), request=request)
    if not filterset.is_valid():
        describe_errors(filterset.form)
        context = {"filter": filterset, "filter_invalid": True, "offers": [], "cards": [], "chips": []}
        return render(request, "providers/offers/offer_list.html", context, status=400)
    object_list = filterset.qs
    criteria = filterset.criteria
    query = query_without_page(request)
    page_url = request.build_absolute_uri(reverse("offers:offer-list") + (f"?{query}" if query else ""))
    chips = offer_chips.build(request.GET, filterset.form.cleaned_data, criteria)
    data = offer_guide.guide_data(object_list, criteria, chips=chips, now=filterset.now, page_url=page_url)
    for card in data.cards:
        card.url = request.build_absolute_uri(card.path)
    pdf = offer_guide.render_guide_pdf(data)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{download_name(criteria)}"'
    response["X-Robots-Tag"] = "noindex"
    return response
