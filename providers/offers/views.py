"""Public offer search and offer pages."""

from django.shortcuts import get_object_or_404, render
from django.views.generic import ListView

from providers.models import Offer


class OfferListView(ListView):
    template_name = "providers/offers/offer_list.html"
    context_object_name = "offers"
    paginate_by = 20

    def get_queryset(self):
        return Offer.objects.active().select_related("provider", "service_type").order_by("title", "pk")


def offer_detail(request, provider, slug):
    offer = get_object_or_404(
        Offer.objects.active().select_related("provider", "service_type"), provider__slug=provider, slug=slug
    )
    return render(request, "providers/offers/offer_detail.html", {"offer": offer})
