from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .models import InfoPage
from .sitemaps import SITEMAPS

app_name = "public"

urlpatterns = [
    *(
        path(f"{kind}/", views.info_page, {"kind": kind}, name=kind)
        for kind in InfoPage.Kind.values
    ),
    path("barrierefreiheit/", views.accessibility_statement, name="barrierefreiheit"),
    path("barrierefreiheit/barriere-melden/", views.barrier_report, name="barrier-report"),
    path("barrierefreiheit/barriere-melden/danke/", views.barrier_report_thanks, name="barrier-report-thanks"),
    path("sprache/", views.language_switch, name="language"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
]
