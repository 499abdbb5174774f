"""Public measure list (filters, search, sorting, bad input), detail and downloads."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from measures.models import Measure, MeasureDocument
from tests import factories

pytestmark = [pytest.mark.django_db]

LIST_URL = "/massnahmen/"


@pytest.fixture(autouse=True)
def no_tiles(settings, tmp_path):
    settings.MAP_TILES_URL = ""
    settings.MEDIA_ROOT = tmp_path


def titles(response):
    return [measure.title for measure in response.context["measures"]]


def test_list_shows_only_published_measures(client):
    factories.MeasureFactory(title="Quartiersbüro")
    factories.MeasureFactory(title="Entwurf", published=False)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert titles(response) == ["Quartiersbüro"]
    assert "Entwurf" not in response.content.decode()


def test_filter_by_status(client):
    factories.MeasureFactory(title="Läuft", status=Measure.Status.ONGOING)
    factories.MeasureFactory(title="Fertig", status=Measure.Status.COMPLETED)
    assert titles(client.get(LIST_URL, {"status": "completed"})) == ["Fertig"]


def test_filter_by_field_of_action(client):
    housing = factories.FieldOfActionFactory(name="Wohnen", slug="wohnen")
    measure = factories.MeasureFactory(title="Wohnumfeld")
    measure.fields_of_action.add(housing)
    factories.MeasureFactory(title="Anderes")
    assert titles(client.get(LIST_URL, {"handlungsfeld": "wohnen"})) == ["Wohnumfeld"]


def test_filter_by_top_goal_includes_measures_of_its_sub_goals(client):
    top = factories.GoalFactory(slug="oberziel")
    sub = factories.GoalFactory(slug="teilziel", parent=top)
    factories.MeasureFactory(title="Direkt", goals=[top])
    factories.MeasureFactory(title="Über Teilziel", goals=[sub])
    factories.MeasureFactory(title="Ohne Ziel")
    assert titles(client.get(LIST_URL, {"ziel": "oberziel"})) == ["Direkt", "Über Teilziel"]
    assert titles(client.get(LIST_URL, {"ziel": "teilziel"})) == ["Über Teilziel"]


def test_filter_by_quarter_and_target_group(client, quarter, target_group):
    both = factories.MeasureFactory(title="Beides", quarters=[quarter])
    both.target_groups.add(target_group)
    factories.MeasureFactory(title="Nur Quartier", quarters=[quarter])
    response = client.get(LIST_URL, {"quartier": quarter.slug, "zielgruppe": target_group.slug})
    assert titles(response) == ["Beides"]


def test_measure_in_two_matching_quarters_is_listed_once(client, quarter):
    other = factories.QuarterFactory(slug="anderes")
    top = factories.GoalFactory(slug="oberziel")
    sub_a = factories.GoalFactory(parent=top)
    sub_b = factories.GoalFactory(parent=top)
    factories.MeasureFactory(title="Doppelt", quarters=[quarter, other], goals=[top, sub_a, sub_b])
    assert titles(client.get(LIST_URL, {"ziel": "oberziel"})) == ["Doppelt"]


def test_text_search(client):
    factories.MeasureFactory(title="Übergang Schule–Beruf")
    factories.MeasureFactory(title="Quartiersbüro")
    assert titles(client.get(LIST_URL, {"q": "über"})) == ["Übergang Schule–Beruf"]


def test_sorting_by_progress(client):
    factories.MeasureFactory(title="Wenig", progress=10)
    factories.MeasureFactory(title="Viel", progress=90)
    assert titles(client.get(LIST_URL, {"sortierung": "-fortschritt"})) == ["Viel", "Wenig"]
    assert titles(client.get(LIST_URL, {"sortierung": "fortschritt"})) == ["Wenig", "Viel"]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "erfunden"},
        {"handlungsfeld": "gibt-es-nicht"},
        {"ziel": "gibt-es-nicht"},
        {"quartier": "<script>"},
        {"zielgruppe": "x" * 500},
        {"sortierung": "passwort"},
        {"q": "Quartier " * 100},
    ],
)
def test_bad_filter_values_give_400_with_german_message(client, params):
    factories.MeasureFactory()
    response = client.get(LIST_URL, params)
    assert response.status_code == 400
    assert "Bitte prüfen Sie Ihre Auswahl." in response.content.decode()
    assert list(response.context["measures"]) == []


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0", "1.5"])
def test_bad_page_numbers_give_404(client, page):
    factories.MeasureFactory.create_batch(3)
    assert client.get(LIST_URL, {"page": page}).status_code == 404


def test_pagination_keeps_filters(client):
    factories.MeasureFactory.create_batch(25, status=Measure.Status.PLANNED)
    response = client.get(LIST_URL, {"status": "planned"})
    assert len(response.context["measures"]) == 20
    assert "?status=planned&amp;page=2" in response.content.decode()
    assert len(client.get(LIST_URL, {"status": "planned", "page": 2}).context["measures"]) == 5


@pytest.mark.parametrize("size", [3, 30])
def test_list_query_count_is_fixed(client, django_assert_num_queries, size, quarter, target_group):
    field = factories.FieldOfActionFactory()
    for _ in range(size):
        measure = factories.MeasureFactory(quarters=[quarter])
        measure.fields_of_action.add(field)
        measure.target_groups.add(target_group)
    # count, page, fields of action, quarters; choices: fields, goals, quarters, target groups;
    # lookups of the chosen quarter and target group
    with django_assert_num_queries(10):
        response = client.get(LIST_URL, {"quartier": quarter.slug, "zielgruppe": target_group.slug})
    assert response.status_code == 200


def build_detail(size=2):
    top = factories.GoalFactory(title="Teilhabe stärken")
    sub = factories.GoalFactory(title="Nachbarschaft fördern", parent=top)
    measure = factories.MeasureFactory(
        code="6.0",
        slug="sozialraumkonzept",
        title="Durchführung eines Sozialraumkonzeptes",
        progress=65,
        lead="Stadt Iserlohn, Ressort Generationen und Soziales",
        goals=[sub],
    )
    for number in range(size):
        partner = factories.ProviderFactory(name=f"Partner {number}")
        measure.partners.add(partner)
        factories.FundingLineFactory(measure=measure, year=2025 + number)
        MeasureDocument.objects.create(
            measure=measure, title=f"Protokoll {number}", file=ContentFile(b"%PDF-1.4", name=f"protokoll{number}.pdf")
        )
        factories.WorkshopFactory(measure=measure, title=f"Werkstatt {number}")
        measure.quarters.add(factories.QuarterFactory())
        measure.target_groups.add(factories.TargetGroupFactory())
        measure.fields_of_action.add(factories.FieldOfActionFactory())
    return measure


def test_detail_shows_goals_progress_period_lead_partners_funding_documents_workshops(client):
    measure = build_detail()
    factories.WorkshopFactory(measure=measure, title="Interne Runde", published=False)
    response = client.get(reverse("measures:measure-detail", kwargs={"slug": "sozialraumkonzept"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Durchführung eines Sozialraumkonzeptes" in html
    assert "Nachbarschaft fördern" in html and "Teilhabe stärken" in html
    assert '<progress max="100" value="65"' in html and "65 %" in html
    assert "01.01.2025" in html and "31.12.2027" in html
    assert "Ressort Generationen und Soziales" in html
    partner = measure.partners.get(name="Partner 0")
    assert f'href="{partner.get_absolute_url()}"' in html
    assert "10.000,00 €" in html
    document = measure.documents.get(title="Protokoll 0")
    assert f'href="{document.get_absolute_url()}"' in html
    assert "Werkstatt 1" in html
    assert "Interne Runde" not in html


@pytest.mark.parametrize(
    ("summary", "description", "shown"),
    [
        ("Ein Bauwagen als Treffpunkt.", "Ein Bauwagen als Treffpunkt.", False),
        ("Ein Bauwagen als Treffpunkt.", "Ein Bauwagen  als\nTreffpunkt. ", False),
        ("Ein Bauwagen als Treffpunkt.", "Er steht jede Woche an einem anderen Platz.", True),
        ("", "Er steht jede Woche an einem anderen Platz.", True),
    ],
)
def test_detail_shows_the_description_only_where_it_says_more_than_the_summary(client, summary, description, shown):
    factories.MeasureFactory(slug="bauwagen", summary=summary, description=description)

    html = client.get("/massnahmen/bauwagen/").content.decode()
    main = html[html.index("<main"):html.index("</main>")]  # the head repeats it as meta description

    assert ("<h2>Beschreibung</h2>" in main) is shown
    assert main.count("Ein Bauwagen als Treffpunkt.") == (1 if summary else 0)


def test_detail_of_unpublished_or_unknown_measure_is_404(client):
    factories.MeasureFactory(slug="entwurf", published=False)
    assert client.get("/massnahmen/entwurf/").status_code == 404
    assert client.get("/massnahmen/gibt-es-nicht/").status_code == 404


@pytest.mark.parametrize("size", [2, 20])
def test_detail_query_count_is_fixed(client, django_assert_num_queries, size):
    build_detail(size)
    # measure, goals, fields, target groups, quarters, partners, funding, documents, workshops,
    # effects (none here: no indicator values to read)
    with django_assert_num_queries(10):
        response = client.get("/massnahmen/sozialraumkonzept/")
    assert response.status_code == 200


def test_document_is_downloaded_as_attachment(client):
    measure = build_detail(1)
    document = measure.documents.get()
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"%PDF-1.4"


def test_document_of_unpublished_measure_is_404(client):
    measure = build_detail(1)
    Measure.objects.filter(pk=measure.pk).update(published=False)
    document = measure.documents.get()
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get("/massnahmen/dokumente/999999/").status_code == 404


def test_all_filters_search_and_sorting_together(client, quarter):
    top = factories.GoalFactory(slug="oberziel")
    sub = factories.GoalFactory(slug="teilziel", parent=top)
    housing = factories.FieldOfActionFactory(slug="wohnen")
    measure = factories.MeasureFactory(title="Treff für Jugendliche", goals=[top, sub], quarters=[quarter])
    measure.fields_of_action.add(housing)
    factories.MeasureFactory(title="Treff für Senioren", goals=[top], quarters=[quarter])
    response = client.get(
        LIST_URL,
        {
            "q": "Jugendliche",
            "ziel": "oberziel",
            "handlungsfeld": "wohnen",
            "quartier": quarter.slug,
            "status": "ongoing",
            "sortierung": "-fortschritt",
        },
    )
    assert response.status_code == 200
    assert titles(response) == ["Treff für Jugendliche"]


def test_invalid_filter_is_tied_to_its_message(client):
    html = client.get(LIST_URL, {"quartier": "gibt-es-nicht"}).content.decode()
    assert 'aria-describedby="id_quartier-fehler"' in html
    assert 'aria-invalid="true"' in html
    assert '<ul class="errorlist" id="id_quartier-fehler">' in html
