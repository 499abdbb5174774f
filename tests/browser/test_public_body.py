"""A public body's duties in a real browser: the barrier feedback form, "Karte laden" before
third-party tiles, accessible marker names, and the legal pages, with axe-core on each page."""

import copy
import datetime as dt
import struct
import zlib

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from sozialraum.portal.public.models import BarrierReport
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
THIRD_PARTY_TILES = "https://tiles.example.org/{z}/{x}/{y}.png"

axe = Axe()


def check_accessibility(page):
    results = axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def tile_png():
    """A 1×1 grey PNG, the answer of the fake tile server."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xcc\xcc\xcc")) + chunk(
        b"IEND", b""
    )


@pytest.fixture
def quarter(transactional_db):
    factories.ProgrammeFactory()
    quarter = factories.QuarterFactory(name="Obere Mühle", slug="obere-muehle", boundary=BOUNDARY)
    provider = factories.ProviderFactory(name="Caritasverband Iserlohn", location={"type": "Point",
                                                                                 "coordinates": [7.695, 51.374]})
    factories.OfferFactory(provider=provider, title="Seniorenberatung", quarters=[quarter])
    soon = timezone.now() + dt.timedelta(days=5)
    factories.WorkshopFactory(title="Quartierswerkstatt", quarter=quarter, starts_at=soon,
                              ends_at=soon + dt.timedelta(hours=2))
    return quarter


def test_resident_reports_a_barrier_from_the_footer(page, live_server, quarter):
    page.goto(f"{live_server.url}/angebote/")
    page.get_by_role("navigation", name="Rechtliches und Barrierefreiheit").get_by_role(
        "link", name="Barriere melden"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Barriere melden")
    expect(page.get_by_label("Auf welcher Seite? (freiwillig)")).to_have_value("/angebote/")
    expect(page.get_by_text("löschen Ihre Meldung nach 180 Tagen automatisch")).to_be_visible()
    expect(page.get_by_label("Bitte dieses Feld leer lassen")).not_to_be_in_viewport()  # the honeypot
    check_accessibility(page)

    page.get_by_role("button", name="Meldung senden").click()  # nothing written yet
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Angaben.")
    expect(page).to_have_title("Fehler: Barriere melden – Stadt Iserlohn")
    check_accessibility(page)

    page.get_by_label("Welche Barriere haben Sie gefunden?").fill("Die Filter lassen sich mit der Tastatur nicht öffnen.")
    page.get_by_label("Ihre E-Mail-Adresse, wenn Sie eine Antwort möchten (freiwillig)").fill("anna@example.org")
    page.get_by_role("button", name="Meldung senden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Danke für Ihre Meldung")
    check_accessibility(page)

    report = BarrierReport.objects.get()
    assert report.message == "Die Filter lassen sich mit der Tastatur nicht öffnen."
    assert (report.page, report.email) == ("/angebote/", "anna@example.org")


def test_map_loads_third_party_tiles_only_after_a_click(page, live_server, quarter, settings):
    settings.MAP_TILES_URL = THIRD_PARTY_TILES
    settings.MAP_TILES_OWN_SERVER = False
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["img-src"] = [*policy["DIRECTIVES"]["img-src"], "https://tiles.example.org"]
    settings.CONTENT_SECURITY_POLICY = policy
    tile_requests = []

    def fake_tile_server(route):
        tile_requests.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=tile_png())

    page.route("https://tiles.example.org/**", fake_tile_server)

    page.goto(f"{live_server.url}/quartiere/obere-muehle/")
    # markers and the boundary are there at once, without any tile
    expect(page.locator("path.leaflet-interactive")).to_have_count(1)
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    expect(page.locator(".leaflet-tile")).to_have_count(0)
    load = page.get_by_role("button", name="Karte laden")
    expect(load).to_be_visible()
    check_accessibility(page)
    assert tile_requests == []

    load.click()
    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()
    assert tile_requests and all(url.startswith("https://tiles.example.org/") for url in tile_requests)
    expect(page.get_by_role("button", name="Karte laden")).to_have_count(0)
    expect(page.get_by_text("Die Hintergrundkarte ist geladen.")).to_be_visible()
    check_accessibility(page)


def test_markers_have_an_accessible_name(page, live_server, quarter):
    page.goto(f"{live_server.url}/quartiere/obere-muehle/")
    marker = page.locator(".leaflet-marker-icon").first
    expect(marker).to_have_attribute("aria-label", "Seniorenberatung")
    expect(page.get_by_role("button", name="Seniorenberatung")).to_have_count(1)


def test_on_english_pages_the_german_names_on_the_map_are_marked_german(page, live_server, quarter):
    page.goto(f"{live_server.url}/quartiere/obere-muehle/")
    marker = page.locator(".leaflet-marker-icon").first
    expect(marker).not_to_have_attribute("lang", "de")  # a German page needs no mark

    page.goto(f"{live_server.url}/sprache/?language=en&next=/quartiere/obere-muehle/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    marker = page.locator(".leaflet-marker-icon").first
    expect(marker).to_have_attribute("lang", "de")
    marker.click()
    expect(page.locator(".leaflet-popup-content > div")).to_have_attribute("lang", "de")
    expect(page.locator(".leaflet-popup-content").get_by_role("link", name="Seniorenberatung")).to_be_visible()


def test_resident_finds_easy_language_and_legal_pages(page, live_server, quarter):
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Informationen in Leichter Sprache und Gebärdensprache").get_by_role(
        "link", name="Leichte Sprache"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leichte Sprache")
    check_accessibility(page)
    page.goto(f"{live_server.url}/gebaerdensprache/")
    expect(page.get_by_role("heading", name="Abschrift des Videos")).to_be_visible()
    check_accessibility(page)
    for name, heading in [("Impressum", "Impressum"), ("Datenschutz", "Datenschutzerklärung"),
                          ("Erklärung zur Barrierefreiheit", "Erklärung zur Barrierefreiheit")]:
        page.get_by_role("navigation", name="Rechtliches und Barrierefreiheit").get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        check_accessibility(page)
    assert page.context.cookies() == []  # reading set no cookie


def test_language_switch_without_cookie_until_chosen(page, live_server, quarter):
    page.goto(f"{live_server.url}/massnahmen/")
    assert page.context.cookies() == []
    page.locator("#language-select").select_option("en")
    page.locator(".language-switcher button").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url == f"{live_server.url}/massnahmen/"
    assert [cookie["name"] for cookie in page.context.cookies()] == ["django_language"]


def test_readability_figure_updates_while_staff_type(page, live_server, transactional_db):
    from django.conf import settings as django_settings
    from django.test import Client

    from sozialraum.portal import roles

    editor = factories.UserFactory(username="redaktion-browser")
    roles.user_assign_role(user=editor, role=roles.EDITORS)
    session = Client()
    session.force_login(editor)
    page.context.add_cookies([{
        "name": django_settings.SESSION_COOKIE_NAME,
        "value": session.cookies[django_settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])
    page.goto(f"{live_server.url}/admin/measures/measure/add/")
    figure = page.locator("#id_summary-lesbarkeit")
    expect(figure).to_contain_text("erst ab 10 Wörtern")
    page.get_by_label("Kurzfassung").fill(
        "Die sozialraumorientierte Angebotsstrukturplanung berücksichtigt insbesondere die infrastrukturellen "
        "Rahmenbedingungen, die kommunalpolitischen Entscheidungsprozesse sowie die interdisziplinäre "
        "Zusammenarbeit verschiedenster Wohlfahrtsverbände und Selbsthilfeorganisationen im Programmgebiet."
    )
    expect(figure).to_contain_text("sehr schwer")
    expect(figure).to_contain_text("1 sehr langer Satz (über 20 Wörter)")
    page.get_by_label("Kurzfassung").fill("Wir helfen Familien. Wir haben Zeit. Kommen Sie am Montag zu uns. Wir trinken Tee.")
    expect(figure).not_to_contain_text("sehr schwer")
    expect(figure.locator(".readability-hint")).to_be_hidden()
