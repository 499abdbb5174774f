"""Public workshop list (upcoming, past with results), detail, downloads."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests import factories
from workshops.models import Participant, Workshop, WorkshopDocument

pytestmark = [pytest.mark.django_db]

LIST_URL = "/werkstaetten/"


@pytest.fixture(autouse=True)
def no_tiles(settings, tmp_path):
    settings.MAP_TILES_URL = ""
    settings.MEDIA_ROOT = tmp_path


def past_workshop(**kwargs):
    starts = timezone.now() - dt.timedelta(days=30)
    return factories.WorkshopFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=2), **kwargs)


def test_list_shows_upcoming_first_soonest_first(client):
    later = factories.WorkshopFactory(title="Später")
    later.starts_at += dt.timedelta(days=10)
    later.ends_at += dt.timedelta(days=10)
    later.save()
    factories.WorkshopFactory(title="Bald")
    past_workshop(title="Vorbei")
    factories.WorkshopFactory(title="Intern", published=False)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert [w.title for w in response.context["upcoming_workshops"]] == ["Bald", "Später"]
    assert html.index("Bald") < html.index("Später") < html.index("Vorbei")
    assert "Intern" not in html
    assert 'href="/werkstaetten/kalender.ics"' in html


def test_past_workshops_show_results_with_text_labels(client):
    workshop = past_workshop(title="Nachhaltigkeitswerkstatt")
    factories.WorkshopResultFactory(workshop=workshop, title="Sprachcafé", traffic_light="green")
    factories.WorkshopResultFactory(workshop=workshop, title="Stadtteilzeitung", traffic_light="red")

    html = client.get(LIST_URL).content.decode()

    assert "Sprachcafé" in html and "Stadtteilzeitung" in html
    # never colour alone: the label is written out
    assert 'class="light light-green"' in html and "Grün</span>" in html
    assert 'class="light light-red"' in html and "Rot</span>" in html


@pytest.mark.parametrize("page", ["abc", "99", "0"])
def test_bad_page_numbers_give_404(client, page):
    past_workshop()
    assert client.get(LIST_URL, {"page": page}).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_list_query_count_is_fixed(client, django_assert_num_queries, size):
    for _ in range(size):
        factories.WorkshopFactory()
        factories.WorkshopResultFactory(workshop=past_workshop())
    # count of past, past page, their results, upcoming, quarters and series to subscribe to
    with django_assert_num_queries(6):
        response = client.get(LIST_URL)
    assert response.status_code == 200


def build_detail(size=2):
    measure = factories.MeasureFactory(title="Sozialraumkonzept")
    workshop = factories.WorkshopFactory(
        title="Quartierswerkstatt Obere Mühle",
        slug="obere-muehle",
        location={"type": "Point", "coordinates": [7.6958, 51.3741]},
        quarter=factories.QuarterFactory(name="Obere Mühle"),
        measure=measure,
        description="Ablauf: Begrüßung, Arbeitsgruppen, Ergebnisse.",
    )
    for number in range(size):
        provider = factories.ProviderFactory(name=f"Caritas {number}")
        Participant.objects.create(workshop=workshop, provider=provider, role=Participant.Role.HOST)
        factories.ParticipantFactory(workshop=workshop, institution=f"Schule {number}")
        factories.WorkshopResultFactory(workshop=workshop, traffic_light="yellow")
        WorkshopDocument.objects.create(
            workshop=workshop, title=f"Protokoll {number}", file=ContentFile(b"Protokoll", name=f"p{number}.txt")
        )
    return workshop


def test_detail_shows_date_place_map_participants_and_calendar_link(client):
    workshop = build_detail()
    response = client.get(workshop.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Quartierswerkstatt Obere Mühle" in html
    assert "18:00–20:30 Uhr" in html
    assert "Bürgerzentrum" in html and "Musterstraße 1" in html
    assert 'id="karte-ort"' in html and '"coordinates": [7.6958, 51.3741]' in html
    assert "leaflet/leaflet.js" in html and "js/maps.js" in html
    provider = workshop.participants.filter(provider__isnull=False).first().provider
    assert f'href="{provider.get_absolute_url()}"' in html
    assert "Schule 1" in html
    assert 'href="/werkstaetten/obere-muehle/kalender.ics"' in html
    assert "Gelb</span>" in html
    assert "Sozialraumkonzept" in html


def test_detail_without_place_has_no_map(client):
    workshop = factories.WorkshopFactory(location=None)
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert "data-map" not in html and "leaflet.js" not in html


def test_detail_does_not_link_unpublished_measure(client):
    measure = factories.MeasureFactory(title="Geheim", published=False)
    workshop = factories.WorkshopFactory(measure=measure)
    assert "Geheim" not in client.get(workshop.get_absolute_url()).content.decode()


def test_unpublished_or_unknown_workshop_is_404(client):
    factories.WorkshopFactory(slug="intern", published=False)
    assert client.get("/werkstaetten/intern/").status_code == 404
    assert client.get("/werkstaetten/gibt-es-nicht/").status_code == 404


@pytest.mark.parametrize("size", [2, 20])
def test_detail_query_count_is_fixed(client, django_assert_num_queries, size):
    workshop = build_detail(size)
    # workshop with quarter/measure/series, participants with providers, results, documents
    with django_assert_num_queries(4):
        response = client.get(workshop.get_absolute_url())
    assert response.status_code == 200


def test_document_is_downloaded_as_attachment(client):
    document = build_detail(1).documents.get()
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"Protokoll"


def test_document_of_unpublished_workshop_is_404(client):
    workshop = build_detail(1)
    Workshop.objects.filter(pk=workshop.pk).update(published=False)
    assert client.get(workshop.documents.get().get_absolute_url()).status_code == 404
