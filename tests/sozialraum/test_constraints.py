"""The invariants the database holds for quarters, target groups and indicators, tried with data that breaks them."""

import pytest
from django.db import IntegrityError, transaction

from tests import factories

pytestmark = pytest.mark.django_db


def _refused_by_database(build):
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


def test_quarter_slug_is_unique():
    factories.QuarterFactory(slug="obere-muehle")
    _refused_by_database(lambda: factories.QuarterFactory(slug="obere-muehle"))


def test_target_group_age_range_must_be_ordered():
    _refused_by_database(lambda: factories.TargetGroupFactory(min_age=18, max_age=14))
    assert factories.TargetGroupFactory(min_age=14, max_age=17).age_range == "14–17 Jahre"


def test_indicator_value_once_per_quarter_and_year():
    value = factories.IndicatorValueFactory(year=2024)
    _refused_by_database(
        lambda: factories.IndicatorValueFactory(indicator=value.indicator, quarter=value.quarter, year=2024)
    )


def test_indicator_year_must_be_plausible():
    _refused_by_database(lambda: factories.IndicatorValueFactory(year=20245))
