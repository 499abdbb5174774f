"""Factories for the impact monitoring (kept apart from ``tests/factories.py``)."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from measures.models import Effect
from sozialraum.models import CityIndicatorValue
from tests.factories import IndicatorFactory, MeasureFactory, QuarterFactory


class EffectFactory(DjangoModelFactory):
    """An outcome measured by an indicator: lower is better, 20 (2021) → 10 by 2031."""

    class Meta:
        model = Effect

    measure = factory.SubFactory(MeasureFactory)
    level = Effect.Level.OUTCOME
    title = factory.Sequence(lambda n: f"Wirkung {n}")
    indicator = factory.SubFactory(IndicatorFactory)
    quarter = factory.SubFactory(QuarterFactory)
    direction = Effect.Direction.LOWER
    baseline_year = 2021
    baseline_value = Decimal("20")
    target_year = 2031
    target_value = Decimal("10")


class CityIndicatorValueFactory(DjangoModelFactory):
    class Meta:
        model = CityIndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2025
    value = Decimal("10.00")
