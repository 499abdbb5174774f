"""The concept report's content and form: text, metadata, bookmarks, layout, no network."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.db import transaction

from measures.models import Measure
from sozialraum.common.numbers import decimals_for
from sozialraum.portal.concept import charts
from sozialraum.portal.concept.data import concept_data
from sozialraum.portal.concept.render import RefusedURL, check_url, render_concept, render_document, url_fetcher
from tests import factories
from tests.impact_factories import EffectFactory
from tests.sozialraum.portal.concept.helpers import build_programme, page_texts, pdf_reader, pdf_text

CHAPTERS = [
    "Inhaltsverzeichnis",
    "1 Ausgangslage",
    "1.2 Sozialraumanalyse",
    "2 Stärken, Schwächen, Chancen und Risiken",
    "3 Ziele",
    "4 Maßnahmen nach Handlungsfeldern",
    "Finanzierung nach Förderprogrammen",
    "5 Angebote nach Quartier und Zielgruppe",
    "6 Parallelangebote und Lücken",
    "7 Beteiligung",
    "Anhang",
]


def _render_in_rollback(build):
    """Build data, render it once and roll the data back (module-scoped fixtures)."""
    with transaction.atomic():
        build()
        rendered = render_concept(concept_data())
        transaction.set_rollback(True)
    return rendered


@pytest.fixture(scope="module")
def programme_pdf(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return _render_in_rollback(build_programme)


@pytest.fixture(scope="module")
def programme_text(programme_pdf):
    return pdf_text(programme_pdf.pdf)


@pytest.fixture(scope="module")
def empty_pdf(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return _render_in_rollback(lambda: None)


def test_every_chapter_appears(programme_text):
    for chapter in CHAPTERS:
        assert chapter in programme_text, chapter


def test_sample_data_of_every_chapter_appears(programme_text):
    text = programme_text
    assert "Stadt Iserlohn" in text
    assert "Südliche Innenstadt/Obere Mühle" in text  # umlauts
    assert "großem Anteil älterer Menschen" in text  # ß, Ausgangslage
    assert "Anteil Senioren (65+)" in text
    assert "1.234,50" in text and "17,50" in text  # German number format in the indicator table
    assert "Engagierte Nachbarschaft" in text and "Leerstand großer Ladenflächen" in text  # SWOT
    assert "Oberziel: Lebensqualität im Quartier verbessern" in text
    assert "Teilziel: Nachbarschaften stärken" in text
    assert "Maßnahme 6.0: Durchführung eines Sozialraumkonzeptes" in text
    assert "in Umsetzung" in text and "55 %" in text  # status and progress
    assert "01.01.2025 – 31.12.2027" in text  # period in German date format
    assert "Stadt Iserlohn, Ressort Soziales" in text  # lead
    assert "12.345,67 €" in text  # funding in German money format
    assert "Seniorentreff" in text and "Mittagstisch" in text  # catalogue
    assert "Ergänzende Angebote zu verschiedenen Zeiten" in text  # deliberate parallel offer with reason
    assert "15.06.2011" in text  # workshop date
    assert "Bahnhofsmission Krefeld" in text  # participating institution
    assert "Begegnungstelefon" in text and "Grün" in text and "Rot" in text  # traffic light labels


def test_unpublished_measures_stay_out(programme_text):
    assert "Unveröffentlichte Maßnahme" not in programme_text


def test_open_overlap_and_gap_are_listed(programme_text):
    # Chapter 6 lists parallel offers: quarter, target group, service type, providers and
    # (open ones) the number of offers or (deliberate ones) the reason.
    open_section = programme_text.split("6.1 Offene Parallelangebote")[-1].split("6.2 Gewollte")[0]
    assert (
        "Südliche Innenstadt/Obere Mühle Senioren Seniorentreff Caritasverband Iserlohn, Diakonie Mark-Ruhr 2"
        in open_section
    )
    assert "Familien" not in open_section  # the northern parallel offer is marked deliberate
    deliberate = programme_text.split("6.2 Gewollte Parallelangebote")[-1].split("6.3 Lücken")[0]
    deliberate = deliberate.replace("- ", "-")  # words broken after a hyphen in the narrow columns
    assert (
        "Nördliche Innenstadt Familien Eltern-Kind-Gruppe Caritasverband Iserlohn, Diakonie Mark-Ruhr "
        "Ergänzende Angebote zu verschiedenen Zeiten" in deliberate
    )
    assert "Senioren" not in deliberate
    gaps = programme_text.split("6.3 Lücken")[-1].split("7 Beteiligung")[0]
    # Seniors in the northern quarter have no offer, and the indicator shows demand there.
    assert "Nördliche Innenstadt" in gaps and "Senioren" in gaps and "17,5" in gaps


def test_metadata_language_and_tagging(programme_pdf):
    reader = pdf_reader(programme_pdf.pdf)
    assert reader.metadata.title == "Gesamtkonzept Südliche Innenstadt/Obere Mühle – Entwurf"
    assert reader.metadata.author == "Stadt Iserlohn"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de"
    assert "/StructTreeRoot" in root  # tagged (PDF/UA)
    assert root["/MarkInfo"]["/Marked"]
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


def test_page_count_and_running_footer(programme_pdf):
    pages = page_texts(programme_pdf.pdf)
    assert programme_pdf.page_count == len(pages) >= 9
    assert f"Seite 2 von {len(pages)}" in pages[1]
    assert f"Seite {len(pages)} von {len(pages)}" in pages[-1]
    assert "Seite" not in pages[0]  # the title page has no footer


def test_bookmarks_for_the_chapters(programme_pdf):
    outline = pdf_reader(programme_pdf.pdf).outline
    top_level = [item.title for item in outline if not isinstance(item, list)]
    assert top_level[:3] == ["Inhaltsverzeichnis", "1 Ausgangslage", "2 Stärken, Schwächen, Chancen und Risiken"]
    assert "7 Beteiligung" in top_level and "Anhang" in top_level


def test_table_of_contents_gives_the_right_pages(programme_pdf):
    pages = page_texts(programme_pdf.pdf)
    toc = pages[1]
    for chapter in ("4 Maßnahmen nach Handlungsfeldern", "7 Beteiligung"):
        number = int(re.search(re.escape(chapter) + r"[ .]*?(\d+)\s*$", toc, re.MULTILINE).group(1))
        assert chapter in pages[number - 1]


def test_empty_programme_renders_a_sensible_document(empty_pdf, settings):
    text = pdf_text(empty_pdf.pdf)
    assert settings.PORTAL_CITY in text  # no Programme row: the city from the settings
    for chapter in CHAPTERS:
        assert chapter in text, chapter
    assert "Es sind noch keine Maßnahmen erfasst." in text
    assert "Es sind noch keine Angebote erfasst." in text
    assert "Es sind noch keine Werkstätten erfasst." in text
    assert empty_pdf.page_count <= 12


@pytest.mark.django_db
def test_long_names_and_texts_stay_on_the_page():
    quarter = factories.QuarterFactory(name="Quartier" + "ß" * 150)
    group = factories.TargetGroupFactory(name="Zielgruppe mit einem sehr langen Namen " * 5)
    provider = factories.ProviderFactory(name="Anbieter" + "ä" * 290)
    factories.OfferFactory(provider=provider, title="Angebot" + "x" * 290, quarters=[quarter], target_groups=[group])
    factories.MeasureFactory(
        code="1.0",
        title="Maßnahme" + "m" * 290,
        lead="Federführung " * 20,
        description=("Ein sehr langer Absatz über die Maßnahme. " * 400),
    )
    indicator = factories.IndicatorFactory(name="Indikator" + "i" * 190)
    factories.IndicatorValueFactory(indicator=indicator, quarter=quarter, value=Decimal("123456789012.25"))

    document = render_document(concept_data())

    assert len(document.pages) < 40
    for page in document.pages:
        right_edge = page.width
        for box in page._page_box.descendants():
            if getattr(box, "width", None) is None or box.element_tag in ("svg",):
                continue
            assert box.position_x + box.margin_width() <= right_edge + 1, (box, box.element_tag)


@pytest.mark.django_db(transaction=False)
def test_concept_data_runs_a_fixed_number_of_queries(django_assert_num_queries):
    def grow(size):
        for _n in range(size):
            quarter = factories.QuarterFactory()
            group = factories.TargetGroupFactory()
            measure = factories.MeasureFactory(goals=[factories.GoalFactory()], quarters=[quarter])
            measure.fields_of_action.add(factories.FieldOfActionFactory())
            measure.partners.add(factories.ProviderFactory())
            factories.FundingLineFactory(measure=measure)
            service_type = factories.ServiceTypeFactory()  # two providers, one type: a parallel offer
            factories.OfferFactory(quarters=[quarter], target_groups=[group], service_type=service_type)
            factories.OfferFactory(quarters=[quarter], target_groups=[group], service_type=service_type)
            factories.IndicatorValueFactory(quarter=quarter)
            factories.SwotItemFactory(quarter=quarter)
            workshop = factories.WorkshopFactory(quarter=quarter, measure=measure)
            factories.ParticipantFactory(workshop=workshop)
            factories.WorkshopResultFactory(workshop=workshop)
            effect = EffectFactory(measure=measure, quarter=quarter)
            factories.IndicatorValueFactory(indicator=effect.indicator, quarter=quarter)

    grow(1)
    # programme, quarters, target groups, fields, funding programmes, measures + 6 prefetches,
    # offers + quarter and group links, indicator values, SWOT, goals, parallel offers (7:
    # placements, providers, slots, quarters, target groups, service types, reviews),
    # gaps (4), workshops + participants + results, effects chapter (6: goals, measures + their
    # goals, effects, indicator values, city values), network of actors (10, see
    # network.selectors.network_facts)
    with django_assert_num_queries(48):
        small = concept_data()
    grow(4)
    with django_assert_num_queries(48):
        large = concept_data()
    assert small.measure_count == 1 and large.measure_count == 5
    assert len(large.overlaps) == 5 and len(large.workshops) == 5


def test_url_fetcher_allows_only_local_files_and_data_urls(settings):
    static_css = (settings.BASE_DIR / "static" / "concept" / "print.css").as_uri()
    assert check_url(static_css) == static_css
    assert check_url("data:image/png;base64,AAAA").startswith("data:")
    for url in (
        "https://example.org/logo.png",
        "http://127.0.0.1:8000/static/x.css",
        "ftp://example.org/x",
        "file:///etc/passwd",
        (settings.BASE_DIR / "static" / ".." / "sozialraum" / "settings.py").as_uri(),
        "file://fileserver/share/x.css",
    ):
        with pytest.raises(RefusedURL):
            check_url(url)


def test_weasyprint_fetcher_refuses_the_network_without_connecting(monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    fetcher = url_fetcher()
    with pytest.raises(RefusedURL):
        fetcher.fetch("https://example.org/tracker.png")


def test_charts_are_valid_svg_with_escaped_german_labels():
    svg = charts.grouped_bar_chart(
        title="Anteil <Senioren> & Familien",
        groups=["Südliche Innenstadt/Obere Mühle", "Nördliche & Östliche"],
        series=["2024", "2025"],
        values=[[Decimal("1234.5"), None], [Decimal("3"), Decimal("4.25")]],
        unit="%",
    )
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Anteil <Senioren> & Familien"
    assert len(root.findall("{http://www.w3.org/2000/svg}rect")) == 3 + 2  # three bars, two legend keys
    assert "Südliche" in svg and "Nördliche &amp; Östliche" in svg


def test_german_number_format():
    assert charts.german_number(Decimal("1234567.5")) == "1.234.567,5"
    assert charts.german_number(Decimal("12.00")) == "12"
    assert charts.german_number(Decimal("12000"), 2) == "12.000,00"
    assert charts.german_number(None) == "–"
    assert decimals_for([Decimal("14.00"), Decimal("13.80"), None]) == 1


@pytest.mark.django_db
def test_measure_in_several_fields_is_printed_once_and_referenced():
    first = factories.FieldOfActionFactory(name="Wohnen", order=1)
    second = factories.FieldOfActionFactory(name="Bildung", order=2)
    measure = factories.MeasureFactory(code="2.0", title="Hof- und Fassadenprogramm")
    measure.fields_of_action.set([first, second])

    fields = concept_data().fields

    assert [(f.name, [m.code for m in f.measures], [r.code for r in f.references]) for f in fields] == [
        ("Wohnen", ["2.0"], []),
        ("Bildung", [], ["2.0"]),
    ]
    assert Measure.objects.count() == 1
