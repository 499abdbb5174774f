"""Chapter 8 of the concept report: "Wirkungen und Zielerreichung"."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from sozialraum.portal.concept.data import concept_data
from sozialraum.portal.concept.effects import effects_chapter
from sozialraum.portal.concept.render import render_concept, report_html
from tests import factories
from tests.impact_factories import CityIndicatorValueFactory, EffectFactory
from tests.sozialraum.portal.concept.helpers import build_programme, pdf_reader, pdf_text


@pytest.fixture(autouse=True)
def year_2026(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 5, 1))


def build_effects():
    built = build_programme()
    indicator = factories.IndicatorFactory(name="SGB-II-Quote", slug="sgb-ii-quote", unit="%")
    for year, value in [(2021, "19.6"), (2023, "19.0"), (2025, "18.4")]:
        factories.IndicatorValueFactory(indicator=indicator, quarter=built["south"], year=year, value=Decimal(value))
    CityIndicatorValueFactory(indicator=indicator, year=2025, value=Decimal("11.3"))
    EffectFactory(
        measure=built["measure"], title="Weniger Menschen leben von Grundsicherung", indicator=indicator,
        quarter=built["south"], baseline_year=2021, baseline_value=Decimal("19.6"),
        target_year=2027, target_value=Decimal("17.0"),
    )
    hidden = factories.MeasureFactory(code="9.8", slug="intern", title="Interne Maßnahme", published=False)
    EffectFactory(measure=hidden, title="Geheime Wirkung", indicator=indicator, quarter=built["south"])


@pytest.fixture(scope="module")
def effects_pdf(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 5, 1))
            build_effects()
            rendered = render_concept(concept_data())
        transaction.set_rollback(True)
    return rendered


def test_chapter_8_sits_between_participation_and_annex(effects_pdf):
    text = pdf_text(effects_pdf.pdf)
    body = text.split("Inhaltsverzeichnis", 1)[1]
    chapter = body.split("7 Beteiligung")[-1]
    assert "8 Wirkungen und Zielerreichung" in chapter
    assert chapter.index("8 Wirkungen und Zielerreichung") < chapter.index("Anhang")


def test_chapter_8_shows_the_effect_its_figures_and_status(effects_pdf):
    text = pdf_text(effects_pdf.pdf)
    chapter = text[text.index("8.1 So wird der Status bestimmt") : text.index("A.1 Zielgruppen")]
    assert "Weniger Menschen leben von Grundsicherung" in chapter
    assert "SGB-II-Quote 19,6 % (2021) → 18,4 % (2025), Ziel 17,0 % bis 2027: 46 % des Weges" in chapter
    assert "verzögert" in chapter
    assert "So wird der Status bestimmt" in chapter
    assert "11,3 %" in chapter  # the city-wide reference in the chart's table
    assert "Geheime Wirkung" not in pdf_text(effects_pdf.pdf)  # unpublished measures stay out


def test_pdf_stays_tagged_with_chapter_8_bookmarked(effects_pdf):
    reader = pdf_reader(effects_pdf.pdf)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    top_level = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top_level.index("8 Wirkungen und Zielerreichung") == top_level.index("7 Beteiligung") + 1


@pytest.mark.django_db
def test_chart_in_the_report_has_alt_text():
    build_effects()
    html = report_html(concept_data())
    chapter = html.split('id="wirkungen"')[1]
    assert 'role="img" aria-label="Diagramm: SGB-II-Quote in Südliche Innenstadt/Obere Mühle im Zeitverlauf"' in chapter
    assert "<title>Diagramm: SGB-II-Quote in Südliche Innenstadt/Obere Mühle im Zeitverlauf</title>" in chapter


@pytest.mark.django_db
def test_chapter_without_effects_says_so():
    chapter = effects_chapter()
    assert chapter.effect_count == 0
    html = report_html(concept_data())
    assert "Es sind noch keine beabsichtigten Wirkungen der Maßnahmen erfasst." in html
