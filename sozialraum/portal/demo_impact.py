"""The demo's impact monitoring (part of ``load_demo``): city-wide reference values and the
intended effects of several measures, tied to the demo indicators.

With the demo's figures (2021–2025) in 2026 the effects read: two "im Plan" (2.0, 5.0), one
"verzögert" (1.0, the SGB-II-Quote of the issue's example), one "keine aktuellen Daten"
(7.0: the school-entry survey stopped in 2022), and one output without an indicator.
"""

from decimal import Decimal

from measures.models import Effect, Measure
from sozialraum.models import CityIndicatorValue, Indicator, IndicatorValue, Quarter

AREA = "suedliche-innenstadt-obere-muehle"
SOURCE = "Stadt Iserlohn, Statistikstelle (Gesamtstadt)"

#: (slug, base value 2021, yearly change): the whole city of Iserlohn
CITY_VALUES = [
    ("einwohner", 92400, -120),
    ("anteil-kinder-jugendliche", 16.1, 0.1),
    ("anteil-senioren", 22.8, 0.3),
    ("anteil-migrationshintergrund", 29.5, 0.6),
    ("sgb-ii-quote", 10.9, -0.2),
    ("leerstand-wohnungen", 4.3, -0.1),
    ("leerstand-gewerbe", 8.9, -0.3),
]
CITY_YEARS = [2021, 2022, 2023, 2024, 2025]

#: An indicator whose survey stopped: its newest figure is from 2022.
LANGUAGE_SUPPORT = {
    "slug": "sprachfoerderbedarf-einschulung",
    "name": "Kinder mit Sprachförderbedarf bei der Einschulung",
    "unit": "%",
    "description": "Schuleingangsuntersuchung des Kreisgesundheitsamts; seit 2023 nicht mehr nach Quartieren ausgewertet.",
    "area": {2019: "38.0", 2020: "37.1", 2021: "36.5", 2022: "35.8"},
    "city": {2019: "24.0", 2020: "23.6", 2021: "23.9", 2022: "23.1"},
}

# (measure code, order, level, title, indicator slug, direction, baseline (year, value), target (year, value))
EFFECTS = [
    ("1.0", 1, Effect.Level.OUTPUT, "Das Stadtteilbüro ist an fünf Tagen in der Woche geöffnet",
     None, None, None, None),
    ("1.0", 2, Effect.Level.IMPACT, "Weniger Menschen im Quartier leben von Grundsicherung",
     "sgb-ii-quote", Effect.Direction.LOWER, (2021, "19.6"), (2027, "17.0")),
    ("2.0", 1, Effect.Level.OUTCOME, "Weniger leerstehende Wohnungen im Programmgebiet",
     "leerstand-wohnungen", Effect.Direction.LOWER, (2021, "8.4"), (2026, "7.5")),
    ("5.0", 1, Effect.Level.OUTCOME, "Leerstehende Ladenlokale werden wieder genutzt",
     "leerstand-gewerbe", Effect.Direction.LOWER, (2021, "17.3"), (2028, "14.0")),
    ("7.0", 1, Effect.Level.OUTCOME, "Weniger Kinder brauchen bei der Einschulung Sprachförderung",
     LANGUAGE_SUPPORT["slug"], Effect.Direction.LOWER, (2019, "38.0"), (2026, "30.0")),
]


def load_impact(result):
    """Creates what is missing (idempotent); counts what it made in ``result``."""
    area = Quarter.objects.get(slug=AREA)
    indicator, created = Indicator.objects.get_or_create(
        slug=LANGUAGE_SUPPORT["slug"],
        defaults={"name": LANGUAGE_SUPPORT["name"], "unit": LANGUAGE_SUPPORT["unit"],
                  "description": LANGUAGE_SUPPORT["description"], "order": 100},
    )
    result.count("Indikatoren", created)
    existing = set(IndicatorValue.objects.filter(indicator=indicator, quarter=area).values_list("year", flat=True))
    new = [IndicatorValue(indicator=indicator, quarter=area, year=year, value=Decimal(value),
                          source="Kreisgesundheitsamt, Schuleingangsuntersuchung")
           for year, value in LANGUAGE_SUPPORT["area"].items() if year not in existing]
    IndicatorValue.objects.bulk_create(new)
    result.add("Indikatorwerte", len(new))

    indicators = {item.slug: item for item in Indicator.objects.all()}
    known = set(CityIndicatorValue.objects.values_list("indicator__slug", "year"))
    city = []
    for slug, base, change in CITY_VALUES:
        if slug not in indicators:
            continue
        for step, year in enumerate(CITY_YEARS):
            if (slug, year) not in known:
                value = (Decimal(str(base)) + Decimal(str(change)) * step).quantize(Decimal("0.1"))
                city.append(CityIndicatorValue(indicator=indicators[slug], year=year, value=value, source=SOURCE))
    city += [CityIndicatorValue(indicator=indicator, year=year, value=Decimal(value),
                                source="Kreisgesundheitsamt, Schuleingangsuntersuchung")
             for year, value in LANGUAGE_SUPPORT["city"].items() if (indicator.slug, year) not in known]
    CityIndicatorValue.objects.bulk_create(city)
    result.add("Werte der Gesamtstadt", len(city))

    measures = {measure.code: measure for measure in Measure.objects.filter(code__in={row[0] for row in EFFECTS})}
    for code, order, level, title, slug, direction, baseline, target in EFFECTS:
        measure = measures.get(code)
        if measure is None:
            continue
        defaults = {"order": order, "level": level}
        if slug:
            defaults.update(
                indicator=indicators[slug], quarter=area, direction=direction,
                baseline_year=baseline[0], baseline_value=Decimal(baseline[1]),
                target_year=target[0], target_value=Decimal(target[1]),
            )
        _effect, created = Effect.objects.get_or_create(measure=measure, title=title, defaults=defaults)
        result.count("Wirkungen", created)
