"""Gaps by service type: where the indicators show demand of a target group, the service
types offered for the group elsewhere in the city but not in that quarter."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from providers.overlaps import selectors
from sozialraum.models import Indicator
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def wermingsen(db):
    return factories.QuarterFactory(name="Wermingsen", slug="wermingsen", order=3)


@pytest.fixture
def families(db):
    return factories.TargetGroupFactory(name="Familien", slug="familien", order=2)


@pytest.fixture
def debt_counselling(db):
    return factories.ServiceTypeFactory(slug="schuldnerberatung", name="Schuldnerberatung")


@pytest.fixture
def language_course(db):
    return factories.ServiceTypeFactory(slug="sprachkurs", name="Sprachkurs")


def offer(quarters, target_groups, service_type=None, **kwargs):
    return factories.OfferFactory(quarters=quarters, target_groups=target_groups, service_type=service_type, **kwargs)


def demand(quarter, target_group, value, year=2025, name=None):
    """A value of the group's indicator (one indicator per group) for the quarter."""
    indicator = Indicator.objects.filter(target_group=target_group).first() or factories.IndicatorFactory(
        name=name or f"Anteil {target_group.name}", target_group=target_group
    )
    factories.IndicatorValueFactory(indicator=indicator, quarter=quarter, year=year, value=Decimal(value))
    return indicator


def rows(result):
    return [(gap.quarter.slug, gap.target_group.slug, gap.service_type.slug, gap.demand) for gap in result]


def test_a_type_offered_elsewhere_is_missing_where_there_is_demand(quarter, wermingsen, families, debt_counselling):
    offer([quarter], [families], debt_counselling)
    indicator = demand(wermingsen, families, "18.5")

    [gap] = selectors.service_type_gaps()

    assert (gap.quarter, gap.target_group, gap.service_type) == (wermingsen, families, debt_counselling)
    assert (gap.demand, gap.demand_indicator, gap.demand_year) == (Decimal("18.5"), indicator, 2025)
    assert gap.offered_in == [quarter]


def test_no_gap_where_the_type_is_offered(quarter, wermingsen, families, debt_counselling):
    offer([quarter, wermingsen], [families], debt_counselling)
    demand(wermingsen, families, "18.5")

    assert selectors.service_type_gaps() == []


def test_no_gap_without_demand(quarter, wermingsen, families, debt_counselling):
    offer([quarter], [families], debt_counselling)

    assert selectors.service_type_gaps() == []


def test_a_type_offered_only_for_another_group_is_not_missing(
    quarter, wermingsen, families, target_group, debt_counselling
):
    offer([quarter], [target_group], debt_counselling)  # for seniors only
    demand(wermingsen, families, "18.5")

    assert selectors.service_type_gaps() == []


@pytest.mark.parametrize(
    "inactive",
    [{"active": False}, {"paused_until": dt.date.today() + dt.timedelta(days=7)}],
    ids=["ended", "paused"],
)
def test_only_active_offers_elsewhere_count(quarter, wermingsen, families, debt_counselling, inactive):
    offer([quarter], [families], debt_counselling, **inactive)
    demand(wermingsen, families, "18.5")

    assert selectors.service_type_gaps() == []


def test_an_ended_offer_in_the_quarter_leaves_the_gap_open(quarter, wermingsen, families, debt_counselling):
    offer([quarter], [families], debt_counselling)
    offer([wermingsen], [families], debt_counselling, active=False)
    demand(wermingsen, families, "18.5")

    assert rows(selectors.service_type_gaps()) == [("wermingsen", "familien", "schuldnerberatung", Decimal("18.5"))]


def test_offers_without_type_are_not_a_service_type(quarter, wermingsen, families):
    offer([quarter], [families])
    demand(wermingsen, families, "18.5")

    assert selectors.service_type_gaps() == []


def test_gaps_are_ranked_by_demand(
    quarter, other_quarter, wermingsen, families, target_group, debt_counselling, language_course
):
    offer([quarter], [families], debt_counselling)
    offer([quarter], [families], language_course)
    offer([quarter], [target_group], debt_counselling)
    demand(wermingsen, families, "12")
    demand(other_quarter, families, "30")
    seniors = demand(wermingsen, target_group, "21", year=2023)
    factories.IndicatorValueFactory(indicator=seniors, quarter=wermingsen, year=2025, value=Decimal("25"))  # latest

    result = selectors.service_type_gaps()

    assert rows(result) == [
        ("obere-muehle", "familien", "schuldnerberatung", Decimal("30")),
        ("obere-muehle", "familien", "sprachkurs", Decimal("30")),
        ("wermingsen", "senioren", "schuldnerberatung", Decimal("25")),
        ("wermingsen", "familien", "schuldnerberatung", Decimal("12")),
        ("wermingsen", "familien", "sprachkurs", Decimal("12")),
    ]
    assert result[2].demand_year == 2025


def test_gaps_filter_by_quarter_and_target_group(
    quarter, other_quarter, wermingsen, families, target_group, debt_counselling
):
    offer([quarter], [families, target_group], debt_counselling)
    demand(wermingsen, families, "12")
    demand(other_quarter, families, "30")
    demand(wermingsen, target_group, "25")

    assert rows(selectors.service_type_gaps(quarter=wermingsen)) == [
        ("wermingsen", "senioren", "schuldnerberatung", Decimal("25")),
        ("wermingsen", "familien", "schuldnerberatung", Decimal("12")),
    ]
    assert rows(selectors.service_type_gaps(quarter=wermingsen, target_group=families)) == [
        ("wermingsen", "familien", "schuldnerberatung", Decimal("12")),
    ]


def test_the_matrix_page_shows_missing_service_types(editor_client, quarter, wermingsen, families, debt_counselling):
    offer([quarter], [families], debt_counselling)
    demand(wermingsen, families, "18.5", name="Anteil Familien mit Kindern")

    response = editor_client.get(reverse("overlaps:matrix"))

    content = response.content.decode()
    assert [(g.quarter, g.service_type) for g in response.context["service_type_gaps"]] == [
        (wermingsen, debt_counselling)
    ]
    assert "Fehlende Leistungsarten mit Bedarf" in content
    assert "Anteil Familien mit Kindern" in content
    assert "Schuldnerberatung" in content


def test_the_command_lists_missing_service_types(quarter, wermingsen, families, debt_counselling):
    offer([quarter], [families], debt_counselling)
    indicator = demand(wermingsen, families, "18.5")
    out = io.StringIO()

    call_command("overlaps", "--format", "json", stdout=out)

    assert json.loads(out.getvalue())["service_type_gaps"] == [
        {
            "quarter": "wermingsen",
            "target_group": "familien",
            "service_type": "schuldnerberatung",
            "demand": "18.50",
            "demand_indicator": indicator.slug,
            "demand_year": 2025,
            "offered_in": [quarter.slug],
        }
    ]


@pytest.mark.parametrize("size", [3, 7])
def test_gaps_run_a_fixed_number_of_queries(size, django_assert_num_queries):
    quarters = factories.QuarterFactory.create_batch(size)
    groups = factories.TargetGroupFactory.create_batch(size)
    types = factories.ServiceTypeFactory.create_batch(size)
    for index in range(size * 3):
        offer([quarters[index % size]], groups[: 1 + index % size], types[index % size])
    for group in groups:
        indicator = factories.IndicatorFactory(target_group=group)
        for q in quarters:
            factories.IndicatorValueFactory(indicator=indicator, quarter=q)

    # offered (quarter, target group, service type), indicator values, quarters, service types
    with django_assert_num_queries(4):
        result = selectors.service_type_gaps()
    assert len(result) >= size
