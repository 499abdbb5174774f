"""Public provider directory: filters, search, map, bad input, detail."""

import datetime as dt

import pytest

from tests import factories

pytestmark = [pytest.mark.django_db]

LIST_URL = "/anbieter/"
POINT = {"type": "Point", "coordinates": [7.695, 51.375]}


@pytest.fixture(autouse=True)
def no_tiles(settings):
    settings.MAP_TILES_URL = ""


def names(response):
    return [provider.name for provider in response.context["providers"]]


def card_offers(response):
    return {
        provider.name: [(offer.title, offer.target_groups) for offer in provider.card_offers]
        for provider in response.context["providers"]
    }


@pytest.mark.parametrize("query", [{}, {"sprache": "tr"}])  # paged by ids; paged by slicing (distinct)
def test_directory_cards_list_running_offers_by_title_with_their_target_groups(client, query):
    youth = factories.TargetGroupFactory(name="Jugendliche", order=2)
    families = factories.TargetGroupFactory(name="Familien", order=1)
    turkish = factories.LanguageFactory(code="tr", name="Türkisch")
    provider = factories.ProviderFactory(name="Caritas")
    provider.languages.add(turkish)
    factories.OfferFactory(provider=provider, title="Treff", target_groups=[youth, families])
    factories.OfferFactory(provider=provider, title="Beratung", target_groups=[])
    factories.OfferFactory(provider=provider, title="Pausiert", paused_until=dt.date.today() + dt.timedelta(days=9))
    factories.OfferFactory(provider=provider, title="Beendet", active=False)
    factories.OfferFactory(provider=factories.ProviderFactory(name="Diakonie"), title="Tafel", target_groups=[youth])

    response = client.get(LIST_URL, query)

    expected = {"Caritas": [("Beratung", ""), ("Treff", "Familien, Jugendliche")]}
    if not query:
        expected["Diakonie"] = [("Tafel", "Jugendliche")]
    assert card_offers(response) == expected
    html = response.content.decode()
    assert "Treff <span class=\"muted\">(Familien, Jugendliche)</span>" in html
    assert "<li>Beratung</li>" in html


def test_directory_lists_providers_with_offers_and_map(client, target_group):
    provider = factories.ProviderFactory(name="Caritas Iserlohn", location=POINT)
    factories.OfferFactory(provider=provider, title="Seniorenberatung", target_groups=[target_group])
    factories.OfferFactory(provider=provider, title="Alte Gruppe", active=False)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Caritas Iserlohn" in html
    assert "Seniorenberatung" in html and "(Senioren)" in html
    assert "Alte Gruppe" not in html
    assert 'id="karte-anbieter"' in html and '"url": "/anbieter/' in html
    assert "Liste der gefundenen Anbieter" in html  # the list alternative to the map


def test_filter_by_target_group_and_quarter_needs_one_offer_for_both(client, quarter, target_group):
    other_quarter = factories.QuarterFactory()
    youth = factories.TargetGroupFactory(name="Jugendliche")
    match = factories.ProviderFactory(name="Passt")
    factories.OfferFactory(provider=match, target_groups=[target_group], quarters=[quarter])
    split = factories.ProviderFactory(name="Nur getrennt")
    factories.OfferFactory(provider=split, target_groups=[target_group], quarters=[other_quarter])
    factories.OfferFactory(provider=split, target_groups=[youth], quarters=[quarter])
    inactive = factories.ProviderFactory(name="Inaktiv")
    factories.OfferFactory(provider=inactive, target_groups=[target_group], quarters=[quarter], active=False)

    response = client.get(LIST_URL, {"zielgruppe": target_group.slug, "quartier": quarter.slug})

    assert names(response) == ["Passt"]


def test_filter_by_field_of_action(client):
    counselling = factories.FieldOfActionFactory(slug="beratung")
    factories.OfferFactory(provider=factories.ProviderFactory(name="Beratung"), field_of_action=counselling)
    factories.OfferFactory(provider=factories.ProviderFactory(name="Sport"))
    assert names(client.get(LIST_URL, {"handlungsfeld": "beratung"})) == ["Beratung"]


def test_filter_by_language_of_provider_or_offer(client):
    turkish = factories.LanguageFactory(code="tr", name="Türkisch")
    provider = factories.ProviderFactory(name="Anbieter spricht")
    provider.languages.add(turkish)
    factories.OfferFactory(
        provider=factories.ProviderFactory(name="Angebot spricht"), languages=[turkish]
    )
    factories.ProviderFactory(name="Nur Deutsch")
    assert names(client.get(LIST_URL, {"sprache": "tr"})) == ["Anbieter spricht", "Angebot spricht"]


def test_search_finds_provider_and_offer_text(client):
    factories.ProviderFactory(name="Diakonie Mark-Ruhr", description="Schuldnerberatung und mehr")
    factories.OfferFactory(provider=factories.ProviderFactory(name="AWO"), title="Übergangswohnen")
    factories.ProviderFactory(name="Sportverein")
    assert names(client.get(LIST_URL, {"q": "schuldnerberatung"})) == ["Diakonie Mark-Ruhr"]
    assert names(client.get(LIST_URL, {"q": "über"})) == ["AWO"]


@pytest.mark.parametrize(
    "params",
    [
        {"zielgruppe": "gibt-es-nicht"},
        {"quartier": "'; DROP TABLE"},
        {"handlungsfeld": "?"},
        {"sprache": "xx"},
        {"q": "a" * 201},
    ],
)
def test_bad_filter_values_give_400_with_german_message(client, params):
    factories.ProviderFactory()
    response = client.get(LIST_URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Auswahl." in html
    assert not response.context["providers"]


@pytest.mark.parametrize("page", ["x", "1000", "-3"])
def test_bad_page_numbers_give_404(client, page):
    factories.ProviderFactory()
    assert client.get(LIST_URL, {"page": page}).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_directory_query_count_is_fixed(client, django_assert_num_queries, size, quarter, target_group):
    for _ in range(size):
        provider = factories.ProviderFactory(location=POINT)
        factories.OfferFactory.create_batch(2, provider=provider, target_groups=[target_group], quarters=[quarter])
    # count, page, offers with their target groups' names; choices: target groups,
    # quarters, fields, languages; lookups of chosen target group and quarter
    with django_assert_num_queries(9):
        response = client.get(LIST_URL, {"zielgruppe": target_group.slug, "quartier": quarter.slug})
    assert response.status_code == 200


def build_provider(size=2):
    provider = factories.ProviderFactory(
        name="Caritasverband Iserlohn",
        slug="caritas",
        contact_person="Frau Beispiel",
        email="info@caritas.example",
        phone="02371 123-45",
        website="https://caritas.example/",
        street="Karlstraße 15",
        postcode="58636",
        accessibility="Stufenloser Zugang, Aufzug",
        location=POINT,
    )
    for number in range(size):
        factories.OfferFactory(
            provider=provider,
            title=f"Beratung {number}",
            slug=f"beratung-{number}",
            opening_hours="Mo–Fr 9–12 Uhr",
            target_groups=[factories.TargetGroupFactory()],
            quarters=[factories.QuarterFactory()],
            languages=[factories.LanguageFactory(code=f"l{number}", name=f"Sprache {number}")],
            location={"type": "Point", "coordinates": [7.7, 51.37]},
        )
        provider.languages.add(factories.LanguageFactory(code=f"p{number}", name=f"Anbietersprache {number}"))
        factories.MeasureFactory(title=f"Maßnahme mit Partner {number}").partners.add(provider)
    return provider


def test_detail_shows_offers_times_contact_accessibility_map(client):
    provider = build_provider()
    factories.OfferFactory(provider=provider, title="Beendet", active=False)
    response = client.get("/anbieter/caritas/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="angebot-beratung-0"' in html and "Beratung 1" in html
    assert "Mo–Fr 9–12 Uhr" in html
    assert "Frau Beispiel" in html and "mailto:info@caritas.example" in html and "tel:0237112345" in html
    assert "Karlstraße 15, 58636 Iserlohn" in html
    assert "Stufenloser Zugang, Aufzug" in html
    assert 'id="karte-anbieter"' in html
    assert "Maßnahme mit Partner 1" in html
    assert "Beendet" not in html


def test_unknown_provider_is_404(client):
    assert client.get("/anbieter/gibt-es-nicht/").status_code == 404


@pytest.mark.parametrize("size", [2, 20])
def test_detail_query_count_is_fixed(client, django_assert_num_queries, size):
    build_provider(size)
    # provider, languages, offers with field, their target groups, quarters, languages, measures
    with django_assert_num_queries(7):
        response = client.get("/anbieter/caritas/")
    assert response.status_code == 200


def test_search_combined_with_offer_filters(client, quarter):
    youth_work = factories.ProviderFactory(name="Jugendwerk")
    factories.OfferFactory(provider=youth_work, title="Treff für Jugendliche", quarters=[quarter])
    elsewhere = factories.ProviderFactory(name="Jugendhilfe anderswo")
    factories.OfferFactory(provider=elsewhere, title="Treff für Jugendliche")
    response = client.get(LIST_URL, {"q": "Jugendliche", "quartier": quarter.slug, "sprache": ""})
    assert response.status_code == 200
    assert names(response) == ["Jugendwerk"]
