"""The measure page shows the intended effects, their figures, status and chart."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories
from tests.impact_factories import CityIndicatorValueFactory, EffectFactory

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def year_2026(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 5, 1))


def sgb_ii_effect(measure):
    quarter = factories.QuarterFactory(name="Obere Mühle")
    indicator = factories.IndicatorFactory(name="SGB-II-Quote", unit="%")
    for year, value in [(2021, "19.6"), (2023, "19.0"), (2025, "18.4")]:
        factories.IndicatorValueFactory(indicator=indicator, quarter=quarter, year=year, value=Decimal(value))
    CityIndicatorValueFactory(indicator=indicator, year=2025, value=Decimal("11.3"))
    return EffectFactory(
        measure=measure, title="Weniger Menschen leben von Grundsicherung", indicator=indicator, quarter=quarter,
        baseline_year=2021, baseline_value=Decimal("19.6"), target_year=2027, target_value=Decimal("17.0"),
    )


def test_measure_page_shows_effect_progress_status_chart_and_table(client):
    measure = factories.MeasureFactory()
    sgb_ii_effect(measure)
    EffectFactory(measure=measure, title="Stadtteilbüro ist fünf Tage die Woche offen", level="output",
                  indicator=None, quarter=None, baseline_year=None, baseline_value=None,
                  target_year=None, target_value=None)

    html = client.get(measure.get_absolute_url()).content.decode()

    assert 'id="wirkungen"' in html
    assert "SGB-II-Quote 19,6 % (2021) → 18,4 % (2025), Ziel 17,0 % bis 2027: 46 % des Weges" in html
    assert "verzögert" in html
    assert "Stadtteilbüro ist fünf Tage die Woche offen" in html and "ohne Messung" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "<title>Diagramm: SGB-II-Quote in Obere Mühle" in html
    assert "<th scope=\"row\">2025</th><td class=\"number\">18,4 %</td><td class=\"number\">11,3 %</td>" in html
    assert "Zielwert 17 %" in html
    assert "Wie der Status berechnet wird" in html


def test_measure_page_shows_override_with_its_reason(client):
    measure = factories.MeasureFactory()
    effect = sgb_ii_effect(measure)
    effect.status_override = "on_track"
    effect.status_override_reason = "Die Zahlen des Jobcenters für 2026 zeigen den Anschluss."
    effect.save()

    html = client.get(measure.get_absolute_url()).content.decode()

    assert "im Plan" in html and "von der Verwaltung festgelegt" in html
    assert "Die Zahlen des Jobcenters für 2026 zeigen den Anschluss." in html


def test_measure_page_without_effects_has_no_section(client):
    measure = factories.MeasureFactory()
    assert 'id="wirkungen"' not in client.get(measure.get_absolute_url()).content.decode()


@pytest.mark.parametrize("size", [2, 20])
def test_measure_page_query_count_is_fixed_with_effects(client, django_assert_num_queries, size):
    measure = factories.MeasureFactory()
    for number in range(size):
        effect = sgb_ii_effect(measure) if number == 0 else EffectFactory(measure=measure)
        factories.IndicatorValueFactory(indicator=effect.indicator, quarter=effect.quarter, year=2024)
        CityIndicatorValueFactory(indicator=effect.indicator, year=2024)
    # measure, goals, fields, target groups, quarters, partners, funding, documents, workshops,
    # effects with indicator and quarter, the quarters' values, the city's values
    with django_assert_num_queries(12):
        response = client.get(measure.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="effect"') == size
