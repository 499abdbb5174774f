"""Being found: sitemap.xml, robots.txt, favicon.ico, meta description, Open Graph, JSON-LD."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def build(size):
    factories.ProgrammeFactory()
    for _number in range(size):
        quarter = factories.QuarterFactory()
        provider = factories.ProviderFactory()
        factories.OfferFactory(provider=provider, quarters=[quarter])
        factories.MeasureFactory()
        factories.WorkshopFactory()


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text.removeprefix("http://testserver"): getattr(url.find("s:lastmod", NS), "text", None)
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_every_public_page_with_lastmod(client):
    measure = factories.MeasureFactory(slug="quartiersmanagement")
    factories.MeasureFactory(slug="geheim", published=False)
    workshop = factories.WorkshopFactory(slug="werkstatt")
    factories.WorkshopFactory(slug="entwurf", published=False)
    offer = factories.OfferFactory(slug="beratung")
    factories.OfferFactory(slug="beendet", active=False)
    quarter = factories.QuarterFactory(slug="obere-muehle")
    entries = sitemap_entries(client)
    for path in ["/", "/massnahmen/", "/werkstaetten/", "/angebote/", "/anbieter/", "/konzept/", "/impressum/",
                 "/datenschutz/", "/leichte-sprache/", "/gebaerdensprache/", "/barrierefreiheit/",
                 measure.get_absolute_url(), workshop.get_absolute_url(), offer.get_absolute_url(),
                 offer.provider.get_absolute_url(), quarter.get_absolute_url()]:
        assert path in entries, path
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entries[path] or ""), (path, entries[path])
    assert "/massnahmen/geheim/" not in entries
    assert "/werkstaetten/entwurf/" not in entries
    assert not any(path.endswith("/beendet/") for path in entries)


def test_sitemap_lastmod_follows_changes(client):
    measure = factories.MeasureFactory(slug="alt")
    from measures.models import Measure

    Measure.objects.filter(pk=measure.pk).update(updated_at=timezone.make_aware(dt.datetime(2024, 5, 6, 12)))
    assert sitemap_entries(client)["/massnahmen/alt/"] == "2024-05-06"
    assert sitemap_entries(client)["/massnahmen/"] == "2024-05-06"


@pytest.mark.parametrize("size", [2, 12])
def test_sitemap_query_count_is_fixed(client, django_assert_num_queries, size):
    build(size)
    # list pages: newest measure, workshop, offer, provider, edition; information pages, statement;
    # then count and rows of each: measures, workshops, providers, offers (with provider), quarters
    with django_assert_num_queries(17):
        client.get("/sitemap.xml")


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines and "Disallow: /sprache/" in lines


def test_favicon_ico_is_served_locally(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO header


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_every_page_has_a_description_and_open_graph(client):
    build(1)
    from measures.models import Measure
    from providers.models import Offer, Provider
    from sozialraum.models import Quarter
    from workshops.models import Workshop

    paths = ["/", "/massnahmen/", "/werkstaetten/", "/angebote/", "/anbieter/", "/konzept/", "/impressum/",
             "/barrierefreiheit/", "/barrierefreiheit/barriere-melden/", "/gibt-es-nicht/",
             Measure.objects.get().get_absolute_url(), Workshop.objects.get().get_absolute_url(),
             Offer.objects.get().get_absolute_url(), Provider.objects.get().get_absolute_url(),
             Quarter.objects.get().get_absolute_url()]
    descriptions = set()
    for path in paths:
        html = client.get(path).content.decode()
        description = meta(html, "name", "description")
        assert description, path
        descriptions.add(description)
        assert meta(html, "property", "og:description") == description, path
        assert meta(html, "property", "og:title"), path
        assert meta(html, "property", "og:url") == f"http://testserver{path.split('?')[0]}", path
        assert meta(html, "property", "og:locale") == "de_DE", path
    assert len(descriptions) >= 10  # each page type says what it is


def test_workshop_page_has_an_event(client):
    starts = timezone.make_aware(dt.datetime(2026, 12, 17, 18, 0))
    workshop = factories.WorkshopFactory(
        title="Quartierswerkstatt Obere Mühle", slug="werkstatt", starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2), venue="Stadtteilbüro", address="Obere Mühle 3, 58636 Iserlohn",
        description="Wir sprechen über den Spielplatz.",
    )
    (event,) = json_ld(client.get(workshop.get_absolute_url()).content.decode())
    assert event["@context"] == "https://schema.org"
    assert event["@type"] == "Event"
    assert event["name"] == "Quartierswerkstatt Obere Mühle"
    assert event["startDate"] == "2026-12-17T18:00:00+01:00"
    assert event["endDate"] == "2026-12-17T20:00:00+01:00"
    assert event["location"] == {"@type": "Place", "name": "Stadtteilbüro", "address": "Obere Mühle 3, 58636 Iserlohn"}
    assert event["url"] == "http://testserver/werkstaetten/werkstatt/"
    assert event["description"] == "Wir sprechen über den Spielplatz."


def test_provider_page_has_an_organization(client):
    provider = factories.ProviderFactory(name="Caritas", slug="caritas", street="Karlstraße 15", postcode="58636",
                                         phone="02371 12345", email="info@caritas.example")
    (organization,) = json_ld(client.get(provider.get_absolute_url()).content.decode())
    assert organization["@type"] == "Organization"
    assert organization["name"] == "Caritas"
    assert organization["telephone"] == "02371 12345"
    assert organization["address"] == {"@type": "PostalAddress", "addressCountry": "DE", "streetAddress": "Karlstraße 15",
                                       "postalCode": "58636", "addressLocality": "Iserlohn"}


def test_offer_page_has_a_service(client):
    quarter = factories.QuarterFactory(name="Obere Mühle")
    group = factories.TargetGroupFactory(name="Senioren")
    offer = factories.OfferFactory(title="Beratung </script><b>", slug="beratung", description="Hilfe & Rat",
                                   quarters=[quarter], target_groups=[group])
    html = client.get(offer.get_absolute_url()).content.decode()
    block = html.split('application/ld+json">')[1].split("</script>")[0]
    assert "\\u003C/script\\u003E" in block  # cannot end the script block early
    (service,) = json_ld(html)
    assert service["@type"] == "Service"
    assert service["name"] == "Beratung </script><b>"
    assert service["provider"]["@type"] == "Organization"
    assert service["provider"]["name"] == offer.provider.name
    assert service["areaServed"] == [{"@type": "Place", "name": "Obere Mühle"}]
    assert service["audience"] == [{"@type": "Audience", "audienceType": "Senioren"}]
    assert service["description"] == "Hilfe & Rat"


def test_other_pages_have_no_structured_data(client):
    assert json_ld(client.get("/").content.decode()) == []
    assert json_ld(client.get("/angebote/").content.decode()) == []
