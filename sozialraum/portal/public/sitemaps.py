"""sitemap.xml: every public page with the date it last changed (django.contrib.sitemaps).

List pages and the start page change whenever what they list changes: their date is the
newest change among those records. Quarters have no change date of their own; theirs is
the newest entry of their history.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse

from measures.models import Measure
from providers.models import Offer, Provider
from providers.offers.selectors import offer_detail_queryset
from sozialraum.models import ConceptEdition, Quarter
from workshops.selectors import public_workshops

from .models import AccessibilityStatement, InfoPage


def _newest(queryset, field="updated_at"):
    return queryset.aggregate(newest=Max(field))["newest"]


class ListPagesSitemap(Sitemap):
    """Start page, the four lists and the concept editions."""

    changefreq = "daily"

    def items(self):
        measures = _newest(Measure.objects.published())
        workshops = _newest(public_workshops())
        offers = _newest(Offer.objects.filter(active=True))
        providers = _newest(Provider.objects.all())
        editions = _newest(ConceptEdition.objects.all(), "published_at")
        pages = [
            ("measures:measure-list", [measures]),
            ("workshops:workshop-list", [workshops]),
            ("offers:offer-list", [offers]),
            ("providers:provider-list", [providers, offers]),
            ("concept:edition-list", [editions]),
        ]
        home = ("sozialraum:home", [measures, workshops])
        # A list without records of its own (no edition yet) changed when the portal last did.
        anything = max((d for d in (measures, workshops, offers, providers, editions) if d), default=None)
        return [(name, max((d for d in dates if d), default=anything)) for name, dates in [home, *pages]]

    def location(self, item):
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]


class PublicBodySitemap(Sitemap):
    """Impressum, Datenschutz, Leichte Sprache, Gebärdensprache, Barrierefreiheit."""

    changefreq = "monthly"

    def items(self):
        return [*InfoPage.objects.order_by("kind"), *AccessibilityStatement.objects.order_by("pk")[:1]]

    def lastmod(self, item):
        return item.updated_at


class UpdatedSitemap(Sitemap):
    queryset = None

    def items(self):
        return self.queryset.order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class MeasureSitemap(UpdatedSitemap):
    queryset = Measure.objects.published().only("slug", "updated_at")


class WorkshopSitemap(UpdatedSitemap):
    queryset = public_workshops().only("slug", "updated_at")


class ProviderSitemap(UpdatedSitemap):
    queryset = Provider.objects.only("slug", "updated_at")


class OfferSitemap(UpdatedSitemap):
    def items(self):
        # the offers that have a page, without what the page itself prefetches
        return offer_detail_queryset().prefetch_related(None).select_related("provider").order_by("pk")


class QuarterSitemap(Sitemap):
    def items(self):
        history = Quarter.history.filter(id=OuterRef("pk")).order_by("-history_date").values("history_date")[:1]
        return Quarter.objects.annotate(changed=Subquery(history)).order_by("order", "name")

    def lastmod(self, item):
        return item.changed


SITEMAPS = {
    "seiten": ListPagesSitemap,
    "pflichtseiten": PublicBodySitemap,
    "massnahmen": MeasureSitemap,
    "werkstaetten": WorkshopSitemap,
    "anbieter": ProviderSitemap,
    "angebote": OfferSitemap,
    "quartiere": QuarterSitemap,
}
