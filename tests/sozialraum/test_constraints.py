"""The invariants the database holds, tried with data that breaks them."""

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


def test_quarter_slug_is_unique():
    factories.QuarterFactory(slug="obere-muehle")
    _refused_by_database(lambda: factories.QuarterFactory(slug="obere-muehle"))


def test_workshop_ending_before_it_starts_is_refused():
    workshop = factories.WorkshopFactory.build()
    workshop.ends_at = workshop.starts_at - dt.timedelta(minutes=1)
    _refused_by_database(workshop.save)


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


def test_funding_amount_not_negative():
    _refused_by_database(lambda: factories.FundingLineFactory(amount=-1))


def test_offer_slug_unique_per_provider_only():
    offer = factories.OfferFactory(slug="beratung")
    factories.OfferFactory(slug="beratung")  # another provider may use the same slug
    _refused_by_database(lambda: factories.OfferFactory(provider=offer.provider, slug="beratung"))


def test_participant_needs_provider_or_institution():
    workshop = factories.WorkshopFactory()
    _refused_by_database(lambda: factories.ParticipantFactory(workshop=workshop, institution=""))
    provider = factories.ProviderFactory()
    participant = factories.ParticipantFactory(workshop=workshop, institution="", provider=provider)
    assert participant.name == provider.name


def test_overlap_review_needs_reason(quarter, target_group):
    from providers.models import OverlapReview

    _refused_by_database(
        lambda: OverlapReview.objects.create(
            quarter=quarter, target_group=target_group, provider_ids="1,2", decision="deliberate", reason=""
        )
    )
