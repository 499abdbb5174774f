"""The invariants the database holds for offers and overlap reviews, tried with data that breaks them."""

import pytest
from django.db import IntegrityError, transaction

from tests import factories

pytestmark = pytest.mark.django_db


def _refused_by_database(build):
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


def test_offer_slug_unique_per_provider_only():
    offer = factories.OfferFactory(slug="beratung")
    factories.OfferFactory(slug="beratung")  # another provider may use the same slug
    _refused_by_database(lambda: factories.OfferFactory(provider=offer.provider, slug="beratung"))


def test_overlap_review_needs_reason(quarter, target_group):
    from providers.models import OverlapReview

    _refused_by_database(
        lambda: OverlapReview.objects.create(
            quarter=quarter, target_group=target_group, provider_ids="1,2", decision="deliberate", reason=""
        )
    )
