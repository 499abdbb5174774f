"""The residents' main journeys in a real browser, with axe-core on every public page."""

import datetime as dt
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from measures.models import MeasureDocument
from tests import factories

pytestmark = [pytest.mark.browser]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
BOUNDARY = {
    "type": "Polygon",
    "coordinates": [[[7.690, 51.370], [7.702, 51.370], [7.702, 51.379], [7.690, 51.379], [7.690, 51.370]]],
}

axe = Axe()


def point(lon, lat):
    return {"type": "Point", "coordinates": [lon, lat]}


@pytest.fixture
def portal(transactional_db, settings, tmp_path):
    """A small programme: one quarter, goals, measures, workshops, providers and offers."""
    settings.MEDIA_ROOT = tmp_path
    factories.ProgrammeFactory(summary="Die Stadt stärkt die südliche Innenstadt und die Obere Mühle.")
    quarter = factories.QuarterFactory(name="Obere Mühle", slug="obere-muehle", boundary=BOUNDARY)
    other_quarter = factories.QuarterFactory(name="Dördel", slug="doerdel")
    share = factories.IndicatorFactory(name="Anteil Senioren (65 und älter)", unit="%")
    for year, value in ((2024, "19.1"), (2025, "19.5")):
        factories.IndicatorValueFactory(indicator=share, quarter=quarter, year=year, value=Decimal(value))
    seniors = factories.TargetGroupFactory(name="Senioren", slug="senioren")
    youth = factories.TargetGroupFactory(name="Jugendliche", slug="jugendliche")
    top = factories.GoalFactory(title="Wohn- und Lebensqualität verbessern")
    sub = factories.GoalFactory(title="Stabilisierung der Sozialstruktur", parent=top)

    caritas = factories.ProviderFactory(
        name="Caritasverband Iserlohn",
        slug="caritas",
        street="Karlstraße 15",
        postcode="58636",
        phone="02371 12345",
        accessibility="Stufenloser Zugang",
        location=point(7.695, 51.374),
    )
    factories.OfferFactory(
        provider=caritas,
        title="Seniorenberatung",
        slug="seniorenberatung",
        opening_hours="Di 10–12 Uhr",
        target_groups=[seniors],
        quarters=[quarter],
    )
    awo = factories.ProviderFactory(name="AWO Ortsverein", slug="awo", location=point(7.698, 51.376))
    factories.OfferFactory(provider=awo, title="Jugendtreff", target_groups=[youth], quarters=[quarter])
    factories.OfferFactory(provider=awo, title="Mittagstisch", target_groups=[seniors], quarters=[other_quarter])

    measure = factories.MeasureFactory(
        code="6.0",
        slug="sozialraumkonzept",
        title="Durchführung eines Sozialraumkonzeptes",
        summary="Angebote bündeln, Doppelstrukturen vermeiden.",
        progress=65,
        lead="Ressort Generationen und Soziales",
        goals=[sub],
        quarters=[quarter],
    )
    measure.partners.add(caritas)
    factories.FundingLineFactory(measure=measure, year=2025)
    MeasureDocument.objects.create(
        measure=measure, title="Protokoll Arbeitsgruppe", file=ContentFile(b"%PDF-1.4", name="protokoll.pdf")
    )

    soon = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0) + dt.timedelta(days=7)
    factories.WorkshopFactory(
        title="Quartierswerkstatt Obere Mühle",
        slug="werkstatt-obere-muehle",
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=2),
        quarter=quarter,
        measure=measure,
        location=point(7.6958, 51.3741),
    )
    later = soon + dt.timedelta(days=21)
    factories.WorkshopFactory(title="Werkstatt Straßenräume", starts_at=later, ends_at=later + dt.timedelta(hours=2))
    past = timezone.now() - dt.timedelta(days=60)
    done = factories.WorkshopFactory(
        title="Nachhaltigkeitsworkshop", slug="nachhaltigkeit", starts_at=past, ends_at=past + dt.timedelta(hours=3)
    )
    factories.WorkshopResultFactory(workshop=done, title="Sprachcafé", traffic_light="green")
    factories.WorkshopResultFactory(workshop=done, title="Stadtteilzeitung", traffic_light="red")
    factories.ParticipantFactory(workshop=done, institution="Volkshochschule")
    return {"quarter": quarter, "measure": measure}


def check_accessibility(page):
    results = axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def collect_errors(page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def test_resident_filters_directory_and_opens_provider(page, live_server, portal):
    errors = collect_errors(page)
    page.goto(f"{live_server.url}/anbieter/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Angebote und Anbieter")
    check_accessibility(page)

    page.get_by_label("Zielgruppe").select_option(label="Senioren")
    page.get_by_label("Quartier").select_option(label="Obere Mühle")
    page.get_by_role("button", name="Anzeigen").click()

    expect(page.get_by_role("heading", name="1 Anbieter gefunden")).to_be_visible()
    results = page.get_by_role("list", name="Liste der gefundenen Anbieter")
    expect(results.get_by_role("link")).to_have_text(["Caritasverband Iserlohn"])
    # the map shows the same provider as a marker, without any tile server
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    check_accessibility(page)

    results.get_by_role("link", name="Caritasverband Iserlohn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Caritasverband Iserlohn")
    expect(page.get_by_text("Di 10–12 Uhr")).to_be_visible()
    expect(page.get_by_text("Stufenloser Zugang")).to_be_visible()
    page.locator(".leaflet-marker-icon").first.click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Caritasverband Iserlohn")
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")  # faded in
    check_accessibility(page)
    assert errors == []


def test_resident_finds_next_workshop_and_downloads_calendar_entry(page, live_server, portal):
    errors = collect_errors(page)
    page.goto(f"{live_server.url}/werkstaetten/")
    check_accessibility(page)
    upcoming = page.locator("h2#kommende + ul.cards > li")
    expect(upcoming.first.get_by_role("heading")).to_have_text("Quartierswerkstatt Obere Mühle")
    expect(page.locator(".light-green")).to_have_text("Ampel: Grün")  # traffic light with its label

    upcoming.first.get_by_role("link", name="Quartierswerkstatt Obere Mühle", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quartierswerkstatt Obere Mühle")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    check_accessibility(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Zum Kalender hinzufügen (iCal)").click()
    download = download_info.value
    assert download.suggested_filename == "werkstatt-obere-muehle.ics"
    with open(download.path(), "rb") as handle:
        calendar = Calendar.from_ical(handle.read())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Quartierswerkstatt Obere Mühle"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(event["URL"]) == f"{live_server.url}/werkstaetten/werkstatt-obere-muehle/"

    page.goto(f"{live_server.url}/werkstaetten/nachhaltigkeit/")
    expect(page.get_by_text("Volkshochschule")).to_be_visible()
    check_accessibility(page)
    assert errors == []


def test_resident_opens_measure_from_start_page(page, live_server, portal):
    errors = collect_errors(page)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Soziale Stadt Südliche Innenstadt/Obere Mühle")
    expect(page.locator("path.leaflet-interactive")).to_have_count(1)  # the quarter boundary
    check_accessibility(page)

    # keyboard: the first Tab reaches the skip link, which moves on to the content
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.get_by_role("link", name="6.0 Durchführung eines Sozialraumkonzeptes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Durchführung eines Sozialraumkonzeptes")
    expect(page.get_by_role("progressbar", name="Fortschritt")).to_have_attribute("value", "65")
    expect(page.locator(".progress-value")).to_have_text("65 %")
    expect(page.get_by_role("link", name="Caritasverband Iserlohn")).to_be_visible()
    check_accessibility(page)

    page.goto(f"{live_server.url}/massnahmen/?status=ongoing&q=Sozialraum")
    expect(page.get_by_role("heading", name="1 Maßnahme")).to_be_visible()
    check_accessibility(page)
    page.goto(f"{live_server.url}/massnahmen/?quartier=gibt-es-nicht")
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Auswahl.")
    check_accessibility(page)

    page.goto(f"{live_server.url}/quartiere/obere-muehle/")
    expect(page.get_by_role("heading", name="Seniorenberatung")).to_have_count(0)
    expect(page.get_by_role("link", name="Seniorenberatung")).to_be_visible()
    check_accessibility(page)

    page.goto(f"{live_server.url}/gibt-es-nicht/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")
    check_accessibility(page)
    # only the deliberate 400 (bad filter) and 404 (unknown page) responses
    assert [e for e in errors if "status of 400" not in e and "status of 404" not in e] == []


def test_language_switch_to_english(page, live_server, portal):
    page.goto(f"{live_server.url}/werkstaetten/")
    page.get_by_label("Sprache der Seite").select_option("en")
    page.get_by_role("button", name="Wechseln").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Workshops and dates")
    check_accessibility(page)


def test_map_works_when_the_tile_server_is_unreachable(page, live_server, portal, settings):
    settings.MAP_TILES_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    settings.MAP_TILES_OWN_SERVER = True  # the city's own server: tiles load without "Karte laden"
    page.goto(f"{live_server.url}/quartiere/obere-muehle/")
    expect(page.locator(".leaflet-tile")).not_to_have_count(0)  # tiles were requested …
    expect(page.locator("path.leaflet-interactive")).to_have_count(1)  # … the boundary is drawn anyway
    expect(page.locator(".leaflet-marker-icon")).to_have_count(2)  # and both offers
    page.goto(f"{live_server.url}/anbieter/caritas/")
    page.locator(".leaflet-marker-icon").first.click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Caritasverband Iserlohn")
