"""The offer page /angebote/<provider>/<offer>/ and the links to it."""

import datetime as dt

import pytest

from tests import factories

from .conftest import slot

pytestmark = [pytest.mark.django_db]


def page(client, offer):
    response = client.get(offer.get_absolute_url())
    assert response.status_code == 200
    return response, response.content.decode()


def test_offer_page_shows_everything_a_resident_needs(client, catalogue):
    family = catalogue.family
    family.opening_hours = "in den Schulferien geschlossen"
    family.appointment_required = True
    family.hours_valid_until = dt.date(2026, 12, 31)
    family.save()
    response, html = page(client, family)
    assert family.get_absolute_url() == "/angebote/caritas/familienberatung/"
    assert "<h1>Erziehungs- und Familienberatung</h1>" in html
    assert "Di 14:00–17:00 Uhr, jeden 1. Mi 15:00–17:00 Uhr" in html
    assert "öffnet heute 14:00 Uhr" in html  # Tuesday 10:30
    assert "Zeiten gelten bis 31.12.2026" in html
    assert "an gesetzlichen Feiertagen geschlossen" in html
    assert "in den Schulferien geschlossen" in html
    assert "ja, bitte vorher einen Termin vereinbaren" in html
    assert "kostenlos" in html
    assert "stufenloser Zugang" in html  # at Caritas' place
    assert "Arabisch, Türkisch" in html
    assert "Familien" in html and "Südliche Innenstadt/Obere Mühle" in html
    assert "Karlstraße 15, 58636" in html  # the provider's address: no place of its own
    assert 'href="tel:0237112345"' in html and "mailto:beratung@caritas.example" in html
    assert 'href="/anbieter/caritas/"' in html
    assert 'href="/angebote/?leistungsart=erziehungsberatung"' in html
    assert 'id="karte-angebot"' in html
    assert 'href="/angebote/?nahe=51.37700,7.69600"' in html  # "Weitere Angebote in der Nähe"
    assert "<dt>Status</dt><dd>läuft</dd>" in html


def test_open_now_and_own_place(client, catalogue):
    _response, html = page(client, catalogue.seniors_offer)
    assert "jetzt geöffnet bis 12:00 Uhr" in html
    assert "Markt 1" in html
    assert "ab 60 Jahren" in html


def test_offer_without_own_slots_shows_the_providers_times(client, catalogue):
    _response, html = page(client, catalogue.language)
    assert "Mo 14:00–16:00 Uhr" in html
    assert "(die Zeiten des Anbieters)" in html
    assert "öffnet Mo 14:00 Uhr" in html
    assert "Arabisch, Russisch" in html  # the provider's languages
    assert "gegen Spende" in html


def test_by_appointment_and_cost_text(client, catalogue):
    _response, html = page(client, catalogue.homework)
    assert "nach Vereinbarung" in html
    assert "6 bis 12 Jahre" in html
    _response, html = page(client, catalogue.debt)
    assert "ermäßigt möglich: 5 €, ermäßigt 2 €" in html
    assert "jeden letzten Fr 13:00–15:00 Uhr" in html


def test_paused_offer_has_a_page_that_says_until_when(client, catalogue):
    response, html = page(client, catalogue.paused)
    assert "Status: pausiert bis 30. April 2026" in html
    assert 'role="status"' in html


def test_ended_and_unknown_offers_are_404(client, catalogue):
    assert client.get(catalogue.ended.get_absolute_url()).status_code == 404
    assert client.get("/angebote/caritas/gibt-es-nicht/").status_code == 404
    assert client.get("/angebote/gibt-es-nicht/familienberatung/").status_code == 404
    # the slug belongs to another provider's offer
    assert client.get("/angebote/awo/familienberatung/").status_code == 404


@pytest.mark.parametrize("size", [1, 10])
def test_offer_page_query_count_is_fixed(client, catalogue, django_assert_num_queries, size):
    offer = catalogue.family
    for number in range(size):
        offer.target_groups.add(factories.TargetGroupFactory())
        offer.quarters.add(factories.QuarterFactory())
        slot(offer, number % 7, (8, 0), (9, 0))
        slot(catalogue.caritas, number % 7, (8, 0), (9, 0))
    # offer with provider, type, its group and field; languages, target groups, slots,
    # provider slots, provider languages, quarters
    with django_assert_num_queries(7):
        page(client, offer)


# --- Links to the offers ----------------------------------------------------------------------------


def test_provider_page_links_each_offer_to_its_page(client, catalogue):
    html = client.get("/anbieter/caritas/").content.decode()
    assert '<a href="/angebote/caritas/familienberatung/">Erziehungs- und Familienberatung</a>' in html
    assert '<a href="/angebote/caritas/seniorentreff/">Seniorentreff am Markt</a>' in html


def test_directory_links_to_the_offer_search(client, catalogue):
    html = client.get("/anbieter/").content.decode()
    assert '<a class="button" href="/angebote/">Angebote durchsuchen</a>' in html


def test_quarter_page_links_to_its_offers_and_its_wegweiser(client, catalogue):
    html = client.get(catalogue.south.get_absolute_url()).content.decode()
    assert 'href="/angebote/?quartier=suedliche-innenstadt"' in html
    assert 'href="/angebote/wegweiser.pdf?quartier=suedliche-innenstadt"' in html
    assert "Wegweiser für Südliche Innenstadt/Obere Mühle als PDF herunterladen" in html


def test_main_navigation_leads_to_the_offer_search(client, catalogue):
    html = client.get("/angebote/").content.decode()
    assert '<a href="/angebote/" aria-current="page">Angebote</a>' in html
    assert '<a href="/anbieter/">Anbieter</a>' in html
