"""The public pages the checkers look at: ONE list, German and English.

Each entry names a page type and says how to find its address in the demo programme
(``manage.py load_demo``). A new public page type is one more line in ``PAGES``; every
checker in this folder (Nu validator, axe, pa11y) then checks it in both languages.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from measures.models import Measure
from providers.models import Offer, Provider
from sozialraum.models import Language, Quarter, TargetGroup
from workshops.models import Workshop

LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[], str]
    status: int = 200


def _directory_filtered():
    group = TargetGroup.objects.order_by("name").first()
    language = Language.objects.exclude(code="de").order_by("code").first()
    return f"{reverse('providers:provider-list')}?zielgruppe={group.slug}&sprache={language.code}"


def _offer_search_filtered():
    group = TargetGroup.objects.order_by("name").first()
    return f"{reverse('offers:offer-list')}?zielgruppe={group.slug}"


def _first(queryset):
    return queryset.first().get_absolute_url()


PAGES = [
    Page("Startseite", lambda: reverse("sozialraum:home")),
    Page("Quartiersprofil", lambda: _first(Quarter.objects.order_by("name"))),
    Page("Anbieterverzeichnis", lambda: reverse("providers:provider-list")),
    Page("Anbieterverzeichnis mit Filtern", _directory_filtered),
    Page("Anbieterseite", lambda: _first(Provider.objects.order_by("name"))),
    Page("Angebotssuche", lambda: reverse("offers:offer-list")),
    Page("Angebotssuche mit Filtern", _offer_search_filtered),
    Page("Angebotsseite", lambda: _first(Offer.objects.active().select_related("provider").order_by("title"))),
    Page("Maßnahmen", lambda: reverse("measures:measure-list")),
    Page("Maßnahme", lambda: _first(Measure.objects.published().order_by("code"))),
    Page("Werkstätten", lambda: reverse("workshops:workshop-list")),
    Page(
        "Werkstatt mit Ergebnissen",
        lambda: _first(Workshop.objects.published().filter(results__isnull=False).distinct().order_by("starts_at")),
    ),
    Page("Werkstatt angekündigt", lambda: _first(Workshop.objects.published().upcoming().order_by("starts_at"))),
    Page("Konzeptausgaben", lambda: reverse("concept:edition-list")),
    Page("Anmeldung", lambda: reverse("admin:login")),
    Page("Fehlerseite 400", lambda: f"{reverse('sozialraum:home')}?q=%00", status=400),
    Page("Fehlerseite 404", lambda: "/gibt-es-nicht/", status=404),
    Page(
        "Konzept fehlt (404)", lambda: reverse("concept:edition-download", kwargs={"slug": "gibt-es-nicht"}), status=404
    ),
    Page("Fehlerseite 500", lambda: "/checker-serverfehler/", status=500),  # tests/checkers/urls.py
    Page("Impressum", lambda: reverse("public:impressum")),
    Page("Datenschutzerklärung", lambda: reverse("public:datenschutz")),
    Page("Erklärung zur Barrierefreiheit", lambda: reverse("public:barrierefreiheit")),
    Page("Barriere melden", lambda: reverse("public:barrier-report")),
    Page("Leichte Sprache", lambda: reverse("public:leichte-sprache")),
    Page("Gebärdensprache", lambda: reverse("public:gebaerdensprache")),
    Page("Anmeldung zur Werkstatt", lambda: reverse(
        "workshops:registration-start",
        kwargs={"slug": Workshop.objects.published().filter(registration_enabled=True).order_by("slug").first().slug},
    )),
]
