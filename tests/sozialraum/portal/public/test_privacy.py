"""Privacy by default: reading sets no cookie; third-party map tiles wait for a click."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

BOUNDARY = {
    "type": "Polygon",
    "coordinates": [[[7.69, 51.37], [7.70, 51.37], [7.70, 51.38], [7.69, 51.38], [7.69, 51.37]]],
}
POINT = {"type": "Point", "coordinates": [7.695, 51.374]}


@pytest.fixture
def programme(db):
    factories.ProgrammeFactory()
    quarter = factories.QuarterFactory(slug="obere-muehle", boundary=BOUNDARY)
    provider = factories.ProviderFactory(slug="caritas", location=POINT)
    offer = factories.OfferFactory(provider=provider, slug="beratung", quarters=[quarter])
    measure = factories.MeasureFactory(slug="sozialraumkonzept", quarters=[quarter])
    soon = timezone.now() + dt.timedelta(days=3)
    workshop = factories.WorkshopFactory(slug="werkstatt", starts_at=soon, ends_at=soon + dt.timedelta(hours=2),
                                         quarter=quarter, location=POINT)
    return [quarter, provider, offer, measure, workshop]


READ_PAGES = ["/", "/massnahmen/", "/werkstaetten/", "/angebote/", "/anbieter/", "/konzept/", "/impressum/",
              "/datenschutz/", "/leichte-sprache/", "/gebaerdensprache/", "/barrierefreiheit/",
              "/barrierefreiheit/barriere-melden/danke/", "/sitemap.xml", "/robots.txt", "/favicon.ico",
              "/gibt-es-nicht/", "/massnahmen/?status=unbekannt", "/angebote/?quartier=gibt-es-nicht"]


def test_reading_any_public_page_sets_no_cookie(programme):
    client = Client()
    for path in READ_PAGES + [record.get_absolute_url() for record in programme]:
        response = client.get(path)
        assert response.status_code in (200, 400, 404), path
        assert not response.cookies, (path, list(response.cookies))
        assert "Set-Cookie" not in response.headers, path
    assert not client.cookies


def test_reading_in_english_sets_only_the_chosen_language(programme):
    client = Client()
    response = client.get("/sprache/", {"language": "en", "next": "/massnahmen/"})
    assert response.status_code == 302 and response["Location"] == "/massnahmen/"
    assert list(response.cookies) == ["django_language"]
    assert response.cookies["django_language"]["max-age"] == ""  # until the browser closes
    page = client.get("/massnahmen/")
    assert '<html lang="en">' in page.content.decode()
    assert not page.cookies


def test_a_form_page_sets_the_csrf_cookie(client):
    assert "csrftoken" in client.get("/barrierefreiheit/barriere-melden/").cookies


def test_language_switch_refuses_foreign_targets_and_unknown_languages(client):
    response = client.get("/sprache/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    response = client.get("/sprache/", {"language": "xx", "next": "/angebote/"})
    assert response["Location"] == "/angebote/" and not response.cookies
    assert client.post("/sprache/", {"language": "en"}).status_code == 405


def test_language_form_sends_no_csrf_token(client):
    html = client.get("/").content.decode()
    switcher = html[html.index('class="language-switcher"'):html.index("</form>", html.index('class="language-switcher"'))]
    assert 'method="get"' in switcher and "csrfmiddlewaretoken" not in switcher


def test_third_party_tiles_wait_for_a_click(client, settings, programme):
    settings.MAP_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    settings.MAP_TILES_OWN_SERVER = False
    html = client.get("/quartiere/obere-muehle/").content.decode()
    assert 'data-tiles-ask="karte-quartier-laden"' in html or "data-tiles-ask=" in html
    assert ">Karte laden</button>" in html
    assert "(tile.openstreetmap.org)" in html
    assert 'href="/datenschutz/">Mehr zum Datenschutz</a>' in html


def test_own_tile_server_loads_at_once(client, settings, programme):
    settings.MAP_TILES_URL = "https://karten.iserlohn.de/{z}/{x}/{y}.png"
    settings.MAP_TILES_OWN_SERVER = True
    html = client.get("/quartiere/obere-muehle/").content.decode()
    assert "data-tiles-ask" not in html and "Karte laden" not in html
    assert 'data-tiles-url="https://karten.iserlohn.de/{z}/{x}/{y}.png"' in html


def test_without_tiles_there_is_nothing_to_load(client, settings, programme):
    settings.MAP_TILES_URL = ""
    html = client.get("/quartiere/obere-muehle/").content.decode()
    assert "Karte laden" not in html
    assert '"type": "Polygon"' in html  # the boundary still comes with the page


def test_privacy_statement_tells_what_the_portal_stores_and_sends(client):
    html = client.get("/datenschutz/").content.decode()
    assert "setzt es kein Cookie" in html
    assert "„csrftoken“" in html and "„django_language“" in html and "„sessionid“" in html
    assert "erst geladen, wenn Sie auf „Karte laden“ klicken" in html
    assert "Nach 180 Tagen löscht das Portal die Meldung automatisch." in html
    assert "Ihre IP-Adresse speichern wir nicht." in html
