"""The invariants the database holds for workshops and their participants, tried with data that breaks them."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests import factories

pytestmark = pytest.mark.django_db


def _refused_by_database(build):
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


def test_workshop_ending_before_it_starts_is_refused():
    workshop = factories.WorkshopFactory.build()
    workshop.ends_at = workshop.starts_at - dt.timedelta(minutes=1)
    _refused_by_database(workshop.save)


def test_participant_needs_provider_or_institution():
    workshop = factories.WorkshopFactory()
    _refused_by_database(lambda: factories.ParticipantFactory(workshop=workshop, institution=""))
    provider = factories.ProviderFactory()
    participant = factories.ParticipantFactory(workshop=workshop, institution="", provider=provider)
    assert participant.name == provider.name
