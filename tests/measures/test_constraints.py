"""The invariants the database holds for measures and their funding, tried with data that breaks them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests import factories

pytestmark = pytest.mark.django_db


def _refused_by_database(build):
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


@pytest.mark.parametrize("progress", [101, 250])
def test_measure_progress_above_100_is_refused(progress):
    _refused_by_database(lambda: factories.MeasureFactory(progress=progress))


def test_measure_progress_100_is_accepted():
    assert factories.MeasureFactory(progress=100).progress == 100


def test_measure_end_before_start_is_refused():
    _refused_by_database(
        lambda: factories.MeasureFactory(start_date=dt.date(2026, 5, 1), end_date=dt.date(2026, 4, 30))
    )


def test_measure_end_before_start_gets_german_message_in_validation():
    measure = factories.MeasureFactory.build(
        code="9.9", slug="x", start_date=dt.date(2026, 5, 1), end_date=dt.date(2026, 4, 30)
    )
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert "Das Ende darf nicht vor dem Beginn liegen." in str(error.value)


def test_measure_code_is_unique():
    factories.MeasureFactory(code="6.0")
    _refused_by_database(lambda: factories.MeasureFactory(code="6.0"))


def test_funding_amount_not_negative():
    _refused_by_database(lambda: factories.FundingLineFactory(amount=-1))
