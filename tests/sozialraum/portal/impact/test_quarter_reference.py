"""The quarter profile compares each indicator with the city-wide reference value."""

from decimal import Decimal

import pytest

from sozialraum.models import CityIndicatorValue
from tests import factories
from tests.impact_factories import CityIndicatorValueFactory

pytestmark = [pytest.mark.django_db]


def comparison_table(html):
    return html.split('id="vergleich-gesamtstadt"')[1].split("</table>")[0]


def test_quarter_profile_compares_with_the_city(client):
    quarter = factories.QuarterFactory(name="Obere Mühle")
    sgb = factories.IndicatorFactory(name="SGB-II-Quote", unit="%")
    residents = factories.IndicatorFactory(name="Einwohner", unit="Personen")
    vacancy = factories.IndicatorFactory(name="Leerstandsquote", unit="%")
    factories.IndicatorValueFactory(indicator=sgb, quarter=quarter, year=2024, value=Decimal("19.0"))
    factories.IndicatorValueFactory(indicator=sgb, quarter=quarter, year=2025, value=Decimal("18.4"))
    CityIndicatorValueFactory(indicator=sgb, year=2024, value=Decimal("11.0"))
    CityIndicatorValueFactory(indicator=sgb, year=2025, value=Decimal("10.9"))
    factories.IndicatorValueFactory(indicator=residents, quarter=quarter, year=2025, value=Decimal("6480"))
    CityIndicatorValueFactory(indicator=residents, year=2023, value=Decimal("92000"))
    factories.IndicatorValueFactory(indicator=vacancy, quarter=quarter, year=2025, value=Decimal("8.4"))

    html = client.get(quarter.get_absolute_url()).content.decode()
    table = comparison_table(html)

    assert "Vergleich mit der Gesamtstadt" in html
    sgb_row = table.split("SGB-II-Quote")[1].split("</tr>")[0]
    assert "18,4" in sgb_row and "10,9" in sgb_row and "+7,5 Prozentpunkte" in sgb_row
    residents_row = table.split("Einwohner")[1].split("</tr>")[0]
    assert "(2023)" in residents_row and "92.000" in residents_row  # another year: no difference
    assert "Prozentpunkte" not in residents_row
    vacancy_row = table.split("Leerstandsquote")[1].split("</tr>")[0]
    assert "kein Wert" in vacancy_row


def test_city_is_not_a_quarter(client):
    """The reference values are no quarter: no quarter list shows a "Gesamtstadt"."""
    CityIndicatorValueFactory()
    assert CityIndicatorValue.objects.count() == 1
    html = client.get("/").content.decode()
    assert "Gesamtstadt" not in html


def test_one_city_value_per_indicator_and_year(editor_client):
    value = CityIndicatorValueFactory(year=2025)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CityIndicatorValue.objects.create(indicator=value.indicator, year=2025, value=Decimal("1"))
