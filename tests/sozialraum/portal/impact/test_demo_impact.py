"""The demo ties several measures to the demo indicators: some on track, one behind, one
without current data."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from measures.models import Effect
from sozialraum.models import CityIndicatorValue
from sozialraum.portal.impact.selectors import programme_impact

pytestmark = pytest.mark.django_db

Status = Effect.Status


@pytest.fixture(autouse=True)
def year_2026(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 5, 1))


def test_demo_effects_on_track_behind_and_without_data(capsys):
    call_command("load_demo")

    impact = programme_impact()

    assert len(impact.effects) == 5
    assert impact.count(Status.ON_TRACK) == 2
    assert impact.count(Status.DELAYED) == 1
    assert impact.count(Status.NO_DATA) == 1
    assert len(impact.measured) == 4  # the output of 1.0 has no indicator
    behind = next(view for view in impact.effects if view.status == Status.DELAYED)
    assert behind.summary == "SGB-II-Quote 19,6 % (2021) → 18,4 % (2025), Ziel 17,0 % bis 2027: 46 % des Weges"
    assert CityIndicatorValue.objects.filter(indicator__slug="sgb-ii-quote").count() == 5


def test_demo_impact_twice_adds_nothing(capsys):
    call_command("load_demo")
    before = (Effect.objects.count(), CityIndicatorValue.objects.count())
    call_command("load_demo")
    assert (Effect.objects.count(), CityIndicatorValue.objects.count()) == before
