"""The root URLconf: German paths, one include per app.

The provider and measure pages show records of apps above them, so their views live in
the portal layer (``sozialraum.portal.views``); they join the app's own routes here, in
the app's namespace, so that ``providers:provider-detail`` and ``measures:measure-detail``
keep their names.
"""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from measures import urls as measure_urls
from providers import urls as provider_urls
from sozialraum.operations.health import health
from sozialraum.portal import views as portal_views

provider_pages = [
    *provider_urls.urlpatterns,
    path("<slug:slug>/", portal_views.ProviderPage.as_view(), name="provider-detail"),
]
measure_pages = [
    *measure_urls.urlpatterns,
    path("<slug:slug>/", portal_views.MeasurePage.as_view(), name="measure-detail"),
]

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("verwaltung/auftraege/", include("sozialraum.operations.urls")),
    path("konto/", include("sozialraum.portal.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/hsds/", include("providers.hsds.urls")),
    path("anbieter/", include((provider_pages, provider_urls.app_name))),
    path("massnahmen/", include((measure_pages, measure_urls.app_name))),
    path("angebote/", include("providers.offers.urls")),
    path("werkstaetten/", include("workshops.urls")),
    path("verwaltung/ueberschneidungen/", include("providers.overlaps.urls")),
    path("verwaltung/wirkung/", include("sozialraum.portal.impact.urls")),
    path("verwaltung/netzwerk/", include("network.urls")),
    path("konzept/", include("sozialraum.portal.concept.urls")),
    path("", include("sozialraum.portal.public.urls")),
    path("", include("sozialraum.portal.urls")),
]

# German error pages; JSON under /api/ (sozialraum.portal.public.errors).
handler400 = "sozialraum.portal.public.errors.bad_request"
handler403 = "sozialraum.portal.public.errors.permission_denied"
handler404 = "sozialraum.portal.public.errors.page_not_found"
handler500 = "sozialraum.portal.public.errors.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
