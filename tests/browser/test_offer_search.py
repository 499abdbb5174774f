"""A resident finds an offer for her situation in one search, on a phone too, with axe-core.

"A free counselling offer for families in the Südliche Innenstadt, in Turkish or Arabic,
open this week, step-free."
"""

import datetime as dt

import pytest
from playwright.sync_api import expect

from providers.models import Offer, ServiceType
from tests import factories
from tests.browser.test_journeys import check_accessibility, collect_errors, point

pytestmark = [pytest.mark.browser]

WANTED = "Erziehungs- und Familienberatung"


def every_day(offer):
    for weekday in range(7):
        factories.OpeningSlotFactory(offer=offer, weekday=weekday, opens=dt.time(8), closes=dt.time(20))


@pytest.fixture
def catalogue(transactional_db):
    """The wanted offer and one decoy for each condition it must meet."""
    # the taxonomy comes from a data migration, which a flushed test database lacks
    counselling, _ = ServiceType.objects.get_or_create(slug="beratung", defaults={"name": "Beratung", "order": 100})
    parenting, _ = ServiceType.objects.get_or_create(
        slug="erziehungsberatung", defaults={"name": "Erziehungsberatung", "parent": counselling, "order": 101}
    )
    leisure, _ = ServiceType.objects.get_or_create(slug="sport-und-freizeit", defaults={"name": "Sport und Freizeit"})
    south = factories.QuarterFactory(name="Südliche Innenstadt/Obere Mühle", slug="suedliche-innenstadt")
    north = factories.QuarterFactory(name="Nördliche Innenstadt", slug="noerdliche-innenstadt")
    families = factories.TargetGroupFactory(name="Familien", slug="familien")
    factories.TargetGroupFactory(name="Senioren", slug="senioren")
    german = factories.LanguageFactory(code="de", name="Deutsch")
    turkish = factories.LanguageFactory(code="tr", name="Türkisch")
    arabic = factories.LanguageFactory(code="ar", name="Arabisch")
    caritas = factories.ProviderFactory(
        name="Caritasverband Iserlohn", slug="caritas", step_free=True, phone="02371 12345",
        location=point(7.695, 51.374), closed_on_holidays=False,
    )
    base = {
        "provider": caritas,
        "service_type": parenting,
        "cost_kind": Offer.Cost.FREE,
        "target_groups": [families],
        "quarters": [south],
        "languages": [turkish],
        "closed_on_holidays": False,
    }
    variants = {
        WANTED: {"languages": [turkish, arabic]},
        "Familienberatung mit Gebühr": {"cost_kind": Offer.Cost.PAID, "cost": "10 € pro Termin"},
        "Familienberatung im Obergeschoss": {"place": "Obergeschoss, ohne Aufzug", "step_free": False},
        "Familienberatung auf Deutsch": {"languages": [german]},
        "Familienberatung im Norden": {"quarters": [north]},
        "Familienberatung zur Zeit geschlossen": {"hours_valid_until": dt.date(2000, 1, 1)},
        "Familiensport": {"service_type": leisure},
    }
    for number, (title, changes) in enumerate(variants.items()):
        offer = factories.OfferFactory(title=title, slug=f"angebot-{number}", **{**base, **changes})
        every_day(offer)
    return {"south": south}


def search_like_a_resident(page):
    page.get_by_label("Leistungsart").select_option(label="Beratung (alle)")
    page.get_by_label("Zielgruppe").select_option(label="Familien")
    page.get_by_label("Quartier").select_option(label="Südliche Innenstadt/Obere Mühle")
    page.get_by_role("checkbox", name="Türkisch").check()
    page.get_by_role("checkbox", name="Arabisch").check()
    page.get_by_label("nur kostenlose Angebote").check()
    page.get_by_label("stufenloser Zugang").check()
    page.get_by_label("Geöffnet", exact=True).select_option(label="in den nächsten 7 Tagen")
    page.get_by_role("button", name="Anzeigen").click()


@pytest.mark.parametrize("width", [1280, 375])
def test_resident_finds_the_offer_in_one_search(page, live_server, catalogue, width):
    errors = collect_errors(page)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Angebote").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Angebote finden")
    check_accessibility(page)

    search_like_a_resident(page)

    expect(page.get_by_role("heading", name="1 Angebot gefunden")).to_be_visible()
    results = page.get_by_role("list", name="Liste der gefundenen Angebote")
    expect(results.get_by_role("link")).to_have_text([WANTED])
    expect(results).to_contain_text("kostenlos")
    expect(results).to_contain_text("stufenloser Zugang")
    expect(results).to_contain_text("Arabisch, Türkisch")
    expect(results).to_contain_text("täglich 8:00–20:00 Uhr")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    # nothing overflows the phone's width
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    check_accessibility(page)

    # each active filter is a link that removes it, named for screen readers
    chip = page.get_by_role("link", name="Filter entfernen: kostenlos")
    expect(chip).to_be_visible()
    chip.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="2 Angebote gefunden")).to_be_visible()
    expect(page.get_by_label("nur kostenlose Angebote")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="Türkisch")).to_be_checked()  # the others stay

    results.get_by_role("link", name="Familienberatung mit Gebühr").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Familienberatung mit Gebühr")
    expect(page.get_by_text("kostenpflichtig: 10 € pro Termin")).to_be_visible()
    check_accessibility(page)
    assert errors == []


def test_bad_parameters_are_explained_at_the_field(page, live_server, catalogue):
    page.goto(f"{live_server.url}/angebote/?alter=300&geoeffnet=bald")
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Auswahl.")
    expect(page.get_by_label("Alter der Person (Jahre)")).to_have_accessible_description(
        "Bitte ein Alter zwischen 0 und 120 Jahren angeben."
    )
    expect(page.get_by_label("Geöffnet", exact=True)).to_have_accessible_description(
        "Bitte „jetzt“, „heute“ oder „woche“ angeben."
    )
    check_accessibility(page)


def test_the_result_prints_as_a_list_and_downloads_as_wegweiser(page, live_server, catalogue):
    page.goto(f"{live_server.url}/angebote/?quartier=suedliche-innenstadt&kostenlos=1")
    page.emulate_media(media="print")
    expect(page.locator("form.offer-filters")).to_be_hidden()
    expect(page.locator(".map-figure")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Hauptnavigation")).to_be_hidden()
    expect(page.get_by_role("list", name="Liste der gefundenen Angebote")).to_be_visible()
    page.emulate_media(media="screen")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Wegweiser als PDF herunterladen (höchstens 200 Angebote)").click()
    download = download_info.value
    assert download.suggested_filename == "wegweiser-suedliche-innenstadt.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    page.goto(f"{live_server.url}/quartiere/suedliche-innenstadt/")
    expect(page.get_by_role("link", name="Wegweiser für Südliche Innenstadt/Obere Mühle als PDF herunterladen")).to_be_visible()
