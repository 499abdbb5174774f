"""The Wegweiser: a search result as a tagged PDF (/angebote/wegweiser.pdf?<parameters>)."""

import io

import pytest
from pypdf import PdfReader

from providers.offers import guide
from tests import factories

pytestmark = [pytest.mark.django_db]

URL = "/angebote/wegweiser.pdf"


def pdf_text(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def test_wegweiser_of_a_search_lists_its_offers_and_filters(client, catalogue):
    response = client.get(URL, {"quartier": "suedliche-innenstadt", "kostenlos": "1"})
    assert response["Content-Disposition"] == 'attachment; filename="wegweiser-suedliche-innenstadt.pdf"'
    reader, text = pdf_text(response)
    assert reader.metadata.title == "Wegweiser: Angebote in Südliche Innenstadt/Obere Mühle"
    assert "Wegweiser: Angebote in Südliche Innenstadt/Obere Mühle" in text
    assert "Quartier: Südliche Innenstadt/Obere Mühle" in text and "kostenlos" in text
    assert "2 Angebote gefunden." in text
    assert "Erziehungs- und Familienberatung" in text and "Seniorentreff am Markt" in text
    assert "Sprachcafé Deutsch" not in text  # not free
    assert "Di 14:00–17:00 Uhr, jeden 1. Mi 15:00–17:00 Uhr" in text
    assert "Telefon 02371 12345" in text
    assert "stufenloser Zugang" in text
    assert "http://testserver/angebote/caritas/familienberatung/" in text


def test_wegweiser_is_a_tagged_accessible_pdf(client, catalogue):
    reader, _text = pdf_text(client.get(URL, {"zielgruppe": "familien"}))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])  # tagged
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"
    assert reader.metadata.title == "Wegweiser: Angebote für Familien"


def test_wegweiser_of_everything_and_sorted_by_distance(client, catalogue):
    _reader, text = pdf_text(client.get(URL))
    assert "Alle laufenden Angebote, ohne Filter." in text
    assert "5 Angebote gefunden." in text
    _reader, text = pdf_text(client.get(URL, {"nahe": "51.3745,7.6960"}))
    assert text.index("Seniorentreff am Markt") < text.index("Erziehungs- und Familienberatung")
    assert "210 m" in text
    assert "Elterncafé" not in text  # paused


def test_wegweiser_says_when_it_shows_only_the_first_offers(client, catalogue, monkeypatch):
    monkeypatch.setattr(guide, "GUIDE_LIMIT", 3)
    _reader, text = pdf_text(client.get(URL))
    assert "Dieser Wegweiser zeigt die ersten 3 von 5 gefundenen Angeboten." in text


def test_wegweiser_with_bad_parameters_is_400_with_the_message(client, catalogue):
    response = client.get(URL, {"alter": "300"})
    assert response.status_code == 400
    assert "Bitte ein Alter zwischen 0 und 120 Jahren angeben." in response.content.decode()


@pytest.mark.parametrize("size", [2, 12])
def test_wegweiser_query_count_is_fixed(client, catalogue, django_assert_num_queries, size):
    for number in range(size):
        factories.OfferFactory(provider=catalogue.caritas, title=f"Treff {number}", quarters=[catalogue.south])
    # the quarter (1); count (1); offers (1); languages, slots, provider slots, provider
    # languages (4)
    with django_assert_num_queries(7):
        response = client.get(URL, {"quartier": "suedliche-innenstadt"})
    assert response.status_code == 200


def test_wegweiser_fetches_nothing(catalogue):
    fetcher = guide.refusing_fetcher()
    with pytest.raises(guide.RefusedURL):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(guide.RefusedURL):
        fetcher.fetch("https://example.org/x.css")
