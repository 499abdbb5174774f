"""Start page and quarter profile."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests import factories

pytestmark = [pytest.mark.django_db]

BOUNDARY = {
    "type": "Polygon",
    "coordinates": [[[7.69, 51.37], [7.70, 51.37], [7.70, 51.38], [7.69, 51.38], [7.69, 51.37]]],
}


@pytest.fixture(autouse=True)
def no_tiles(settings):
    settings.MAP_TILES_URL = ""


def build_home_data(size):
    factories.ProgrammeFactory(summary="Gemeinsam für ein lebenswertes Quartier.")
    top = factories.GoalFactory(title="Lebensqualität im Quartier verbessern")
    for number in range(size):
        factories.GoalFactory(title=f"Teilziel {number}", parent=top)
        factories.QuarterFactory(boundary=BOUNDARY)
        factories.MeasureFactory()
        factories.WorkshopFactory()


def test_home_shows_programme_goals_dates_measures_and_area(client):
    build_home_data(2)
    factories.MeasureFactory(title="Geheime Planung", published=False)
    factories.MeasureFactory(title="Längst fertig", status="completed")

    response = client.get(reverse("sozialraum:home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Soziale Stadt Südliche Innenstadt/Obere Mühle" in html
    assert "Gemeinsam für ein lebenswertes Quartier." in html
    assert "Lebensqualität im Quartier verbessern" in html
    assert "Teilziel 1" in html
    assert "Quartierswerkstatt" in html
    assert "Geheime Planung" not in html
    assert "Längst fertig" not in html
    assert 'id="karte-gebiet"' in html
    assert '"type": "Polygon"' in html
    assert "<progress" in html  # the progress of the measures in progress


def test_home_without_programme_or_data(client):
    response = client.get(reverse("sozialraum:home"))
    assert response.status_code == 200
    assert "Zurzeit sind keine Termine geplant." in response.content.decode()


def test_home_has_skip_link_landmarks_and_language_switcher(client):
    html = client.get(reverse("sozialraum:home")).content.decode()
    assert 'href="#inhalt"' in html
    assert '<main id="inhalt"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert 'action="/sprache/" method="get"' in html  # no CSRF token: reading sets no cookie
    assert '<label for="language-select">' in html


def test_home_in_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse("sozialraum:home")).content.decode()
    assert 'lang="en"' in html
    assert "Skip to content" in html


@pytest.mark.parametrize("size", [3, 30])
def test_home_query_count_is_fixed(client, django_assert_num_queries, size):
    build_home_data(size)
    # programme, current concept edition, top goals, sub-goals, upcoming workshops, measures in
    # progress, quarters
    with django_assert_num_queries(7):
        response = client.get(reverse("sozialraum:home"))
    assert response.status_code == 200


def build_quarter(size):
    """A quarter with ``size`` providers, each with an offer for seniors and one for all."""
    quarter = factories.QuarterFactory(name="Obere Mühle", slug="obere-muehle", boundary=BOUNDARY)
    share = factories.IndicatorFactory(name="Anteil Senioren (65+)", unit="%")
    residents = factories.IndicatorFactory(name="Einwohner", unit="Personen")
    factories.IndicatorValueFactory(indicator=share, quarter=quarter, year=2024, value=Decimal("21.5"))
    factories.IndicatorValueFactory(indicator=share, quarter=quarter, year=2025, value=Decimal("23.4"))
    factories.IndicatorValueFactory(indicator=residents, quarter=quarter, year=2025, value=Decimal("4210"))
    seniors = factories.TargetGroupFactory(name="Senioren")
    for number in range(size):
        provider = factories.ProviderFactory(location={"type": "Point", "coordinates": [7.695, 51.375]})
        factories.OfferFactory(
            provider=provider, title=f"Seniorentreff {number}", target_groups=[seniors], quarters=[quarter]
        )
        factories.OfferFactory(provider=provider, title=f"Stadtteilfest {number}", quarters=[quarter])
        factories.MeasureFactory(quarters=[quarter])
        factories.WorkshopFactory(quarter=quarter)
        factories.SwotItemFactory(quarter=quarter)
    return quarter


def test_quarter_profile_shows_boundary_indicators_offers_and_measures(client):
    quarter = build_quarter(2)
    factories.OfferFactory(title="Inaktiver Treff", quarters=[quarter], active=False)
    factories.MeasureFactory(title="Unveröffentlicht", quarters=[quarter], published=False)

    response = client.get(quarter.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Obere Mühle" in html
    assert '"type": "Polygon"' in html
    assert "Anteil Senioren (65+)" in html
    assert "Statistikstelle" in html  # source
    assert "2024" in html and "2025" in html
    assert "width:23.4%" in html  # bar of the newest year
    assert "Seniorentreff 0" in html and "Seniorentreff 1" in html
    assert "<h3>Senioren</h3>" in html
    assert "Inaktiver Treff" not in html
    assert "Unveröffentlicht" not in html
    assert "Maßnahme" in html


def test_quarter_profile_writes_each_indicator_with_one_number_of_decimals(client):
    quarter = factories.QuarterFactory(slug="obere-muehle")
    share = factories.IndicatorFactory(name="Anteil Kinder", unit="%")
    residents = factories.IndicatorFactory(name="Einwohner", unit="Personen")
    factories.IndicatorValueFactory(indicator=share, quarter=quarter, year=2024, value=Decimal("21.4"))
    factories.IndicatorValueFactory(indicator=share, quarter=quarter, year=2025, value=Decimal("22"))
    factories.IndicatorValueFactory(indicator=residents, quarter=quarter, year=2024, value=Decimal("4210"))
    factories.IndicatorValueFactory(indicator=residents, quarter=quarter, year=2025, value=Decimal("4305.00"))

    html = client.get(quarter.get_absolute_url()).content.decode()

    assert '<td class="number">21,4</td>' in html
    assert '<td class="number">22,0</td>' in html  # not "22" next to "21,4"
    assert "<strong>22,0 %</strong>" in html  # the bar chart too
    assert '<td class="number">4.210</td>' in html and '<td class="number">4.305</td>' in html


def test_quarter_profile_lists_the_first_offers_of_a_group_and_links_to_all(client):
    quarter = factories.QuarterFactory(slug="obere-muehle")
    seniors = factories.TargetGroupFactory(name="Senioren", slug="senioren")
    for number in range(15):
        factories.OfferFactory(title=f"Treff {number:02d}", target_groups=[seniors], quarters=[quarter])
    for number in range(13):
        factories.OfferFactory(title=f"Stadtteilfest {number:02d}", quarters=[quarter])

    html = client.get(quarter.get_absolute_url()).content.decode()

    assert "Treff 11" in html and "Treff 12" not in html  # the first twelve by title
    assert "Alle 15 Angebote für Senioren in diesem Quartier" in html
    assert "?quartier=obere-muehle&amp;zielgruppe=senioren" in html
    assert "Stadtteilfest 11" in html and "Stadtteilfest 12" not in html
    assert "Insgesamt 13 Angebote für alle" in html


def test_quarter_profile_unknown_slug_is_404(client):
    response = client.get("/quartiere/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_quarter_profile_query_count_is_fixed(client, django_assert_num_queries, size):
    quarter = build_quarter(size)
    # quarter, indicator values, offer count per target group, the first offers' ids per
    # group, target groups, the first offers, measures, workshops, SWOT, city-wide reference
    # values (30 > the twelve shown a group)
    with django_assert_num_queries(10):
        response = client.get(quarter.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/", "/massnahmen/", "/werkstaetten/", "/anbieter/"])
def test_pages_switch_to_english(client, path):
    factories.WorkshopFactory()
    client.post("/i18n/setlang/", {"language": "en", "next": path})
    html = client.get(path).content.decode()
    assert 'lang="en"' in html
    assert "Main navigation" in html and "Hauptnavigation" not in html


def test_workshop_date_in_english(client):
    import datetime as dt
    from zoneinfo import ZoneInfo

    starts = dt.datetime(2030, 6, 12, 18, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    factories.WorkshopFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    german = client.get("/werkstaetten/").content.decode()
    assert "Mittwoch, 12. Juni 2030, 18:00–20:00 Uhr" in german
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/werkstaetten/").content.decode()
    assert "Wednesday, 12 June 2030, 18:00–20:00" in english
    assert "Add to calendar" in english


def test_tile_server_comes_from_settings(client, settings):
    factories.QuarterFactory(boundary=BOUNDARY)
    settings.MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILES_ATTRIBUTION = "© Beispiel-Kacheln"
    html = client.get("/").content.decode()
    assert 'data-tiles-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-tiles-attribution="© Beispiel-Kacheln"' in html


def test_without_tile_server_the_map_has_no_background_url(client):
    factories.QuarterFactory(boundary=BOUNDARY)
    html = client.get("/").content.decode()
    assert 'data-tiles-url=""' in html
    assert "openstreetmap" not in html


def test_pages_have_no_inline_scripts(client):
    """The CSP forbids inline scripts: only files and JSON data blocks."""
    import re

    quarter = build_quarter(1)
    provider = factories.ProviderFactory(location={"type": "Point", "coordinates": [7.69, 51.37]})
    for path in ["/", quarter.get_absolute_url(), "/anbieter/", provider.get_absolute_url(), "/massnahmen/"]:
        html = client.get(path).content.decode()
        for tag in re.findall(r"<script[^>]*>", html):
            data_block = 'type="application/json"' in tag or 'type="application/ld+json"' in tag  # never run
            assert 'src="' in tag or data_block, (path, tag)
