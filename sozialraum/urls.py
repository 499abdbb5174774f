from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/hsds/", include("providers.hsds_urls")),
    path("anbieter/", include("providers.urls")),
    path("massnahmen/", include("measures.urls")),
    path("werkstaetten/", include("workshops.urls")),
    path("verwaltung/ueberschneidungen/", include("providers.overlap_urls")),
    path("konzept/", include("sozialraum.concept.urls")),
    path("", include("sozialraum.portal_urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
