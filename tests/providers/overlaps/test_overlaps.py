"""The overlap and gap rule, the deliberate mark and its reopening."""

from decimal import Decimal

import pytest
from django.db.models import signals

from providers.models import OverlapReview, Provider
from providers.overlaps import selectors, services
from tests import factories

pytestmark = pytest.mark.django_db


def offer(provider, quarters, target_groups, **kwargs):
    return factories.OfferFactory(provider=provider, quarters=quarters, target_groups=target_groups, **kwargs)


def cells(result):
    return {(o.quarter.slug, o.target_group.slug) for o in result}


def test_two_providers_in_one_cell_overlap(quarter, target_group, caritas, diakonie):
    offer(caritas, [quarter], [target_group])
    offer(diakonie, [quarter], [target_group])

    [overlap] = selectors.overlaps()

    assert overlap.quarter == quarter
    assert overlap.target_group == target_group
    assert overlap.field_of_action is None
    assert overlap.providers == [caritas, diakonie]
    assert overlap.offer_count == 2
    assert overlap.status == "open"
    assert overlap.review is None


def test_providers_are_sorted_by_slug(quarter, target_group, caritas, diakonie, awo):
    for provider in (diakonie, caritas, awo):
        offer(provider, [quarter], [target_group])

    [overlap] = selectors.overlaps()

    assert [p.slug for p in overlap.providers] == ["awo", "caritas", "diakonie"]


def test_providers_are_read_as_only_would_read_them(
    quarter, target_group, caritas, diakonie, django_assert_num_queries
):
    # The check makes its providers without Model.__init__ (selectors._light_provider),
    # which holds only while nothing listens to a provider's pre_init or post_init.
    assert not signals.pre_init.has_listeners(Provider)
    assert not signals.post_init.has_listeners(Provider)
    offer(caritas, [quarter], [target_group])
    offer(diakonie, [quarter], [target_group])

    [overlap] = selectors.overlaps()

    provider = overlap.providers[0]
    read = Provider.objects.only(*selectors.PROVIDER_FIELDS).get(pk=caritas.pk)
    assert provider == read
    assert (provider.pk, provider.name, provider.slug) == (read.pk, read.name, read.slug)
    assert provider.get_deferred_fields() == read.get_deferred_fields()
    assert (provider._state.adding, provider._state.db) == (False, read._state.db)
    with django_assert_num_queries(1):  # a deferred field loads when asked
        assert provider.email == caritas.email


def test_one_provider_with_several_offers_is_no_overlap(quarter, target_group, caritas):
    offer(caritas, [quarter], [target_group])
    offer(caritas, [quarter], [target_group])

    assert selectors.overlaps() == []


def test_inactive_offer_does_not_count(quarter, target_group, caritas, diakonie):
    offer(caritas, [quarter], [target_group])
    offer(diakonie, [quarter], [target_group], active=False)

    assert selectors.overlaps() == []


def test_offer_count_ignores_inactive_offers_and_counts_each_offer_once(quarter, target_group, caritas, diakonie):
    offer(caritas, [quarter], [target_group])
    offer(caritas, [quarter], [target_group])
    offer(diakonie, [quarter], [target_group])
    offer(diakonie, [quarter], [target_group], active=False)

    [overlap] = selectors.overlaps()

    assert overlap.offer_count == 3


def test_offer_in_several_quarters_counts_in_each(quarter, other_quarter, target_group, caritas, diakonie, awo):
    offer(caritas, [quarter, other_quarter], [target_group])
    offer(diakonie, [quarter], [target_group])
    offer(awo, [other_quarter], [target_group])

    result = selectors.overlaps()

    assert cells(result) == {(quarter.slug, target_group.slug), (other_quarter.slug, target_group.slug)}
    by_quarter = {o.quarter.slug: [p.slug for p in o.providers] for o in result}
    assert by_quarter == {quarter.slug: ["caritas", "diakonie"], other_quarter.slug: ["awo", "caritas"]}


def test_offer_for_several_target_groups_counts_in_each(quarter, target_group, other_target_group, caritas, diakonie):
    offer(caritas, [quarter], [target_group, other_target_group])
    offer(diakonie, [quarter], [other_target_group])

    result = selectors.overlaps()

    assert cells(result) == {(quarter.slug, other_target_group.slug)}
    assert result[0].offer_count == 2


def test_offer_without_quarter_or_target_group_counts_nowhere(quarter, target_group, caritas, diakonie):
    offer(caritas, [quarter], [target_group])
    offer(diakonie, [], [target_group])
    offer(diakonie, [quarter], [])

    assert selectors.overlaps() == []


def test_filters_by_quarter_and_target_group(
    quarter, other_quarter, target_group, other_target_group, caritas, diakonie
):
    offer(caritas, [quarter, other_quarter], [target_group, other_target_group])
    offer(diakonie, [quarter, other_quarter], [target_group, other_target_group])

    assert len(selectors.overlaps()) == 4
    assert cells(selectors.overlaps(quarter=quarter)) == {(quarter.slug, "senioren"), (quarter.slug, "familien")}
    assert cells(selectors.overlaps(quarter=other_quarter, target_group=target_group)) == {
        (other_quarter.slug, target_group.slug)
    }
    # An offer in several quarters is counted once per cell, also when filtered.
    assert selectors.overlaps(quarter=quarter, target_group=target_group)[0].offer_count == 2


def test_field_narrowing_needs_the_same_field(quarter, target_group, caritas, diakonie, awo):
    health = factories.FieldOfActionFactory(name="Gesundheit", slug="gesundheit")
    education = factories.FieldOfActionFactory(name="Bildung", slug="bildung")
    offer(caritas, [quarter], [target_group], field_of_action=health)
    offer(diakonie, [quarter], [target_group], field_of_action=education)
    offer(awo, [quarter], [target_group], field_of_action=health)

    [plain] = selectors.overlaps()
    by_field = selectors.overlaps(by_field=True)

    assert [p.slug for p in plain.providers] == ["awo", "caritas", "diakonie"]
    assert plain.field_of_action is None
    assert [(o.field_of_action.slug, [p.slug for p in o.providers]) for o in by_field] == [
        ("gesundheit", ["awo", "caritas"])
    ]
    assert selectors.overlaps(field_of_action=education) == []
    [health_overlap] = selectors.overlaps(field_of_action=health)
    assert health_overlap.field_of_action == health


def test_field_narrowing_ignores_offers_without_field(quarter, target_group, caritas, diakonie):
    offer(caritas, [quarter], [target_group])
    offer(diakonie, [quarter], [target_group])

    assert len(selectors.overlaps()) == 1
    assert selectors.overlaps(by_field=True) == []


# --- the deliberate mark ------------------------------------------------------------


@pytest.fixture
def overlap_cell(quarter, target_group, caritas, diakonie):
    offer(caritas, [quarter], [target_group])
    offer(diakonie, [quarter], [target_group])


def test_mark_deliberate_keeps_reason_author_and_providers(
    quarter, target_group, caritas, diakonie, editor, overlap_cell
):
    review = services.overlap_mark_deliberate(
        quarter=quarter,
        target_group=target_group,
        reason="  Ergänzende Zeiten: vormittags und abends.  ",
        user=editor,
    )

    assert review.decision == OverlapReview.Decision.DELIBERATE
    assert review.reason == "Ergänzende Zeiten: vormittags und abends."
    assert review.decided_by == editor
    assert review.decided_at is not None
    assert review.provider_ids == ",".join(str(pk) for pk in sorted([caritas.pk, diakonie.pk]))
    [overlap] = selectors.overlaps()
    assert overlap.status == "deliberate"
    assert overlap.review == review


def test_mark_deliberate_refuses_a_cell_without_overlap(quarter, target_group, caritas, editor):
    offer(caritas, [quarter], [target_group])

    with pytest.raises(services.OverlapReviewError, match="keine Überschneidung"):
        services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="x", user=editor)
    assert not OverlapReview.objects.exists()


def test_mark_deliberate_refuses_an_already_deliberate_overlap(quarter, target_group, editor, overlap_cell):
    services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="ergänzend", user=editor)

    with pytest.raises(services.OverlapReviewError, match="bereits"):
        services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="noch mal", user=editor)


def test_mark_deliberate_requires_a_reason(quarter, target_group, editor, overlap_cell):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="   ", user=editor)
    assert not OverlapReview.objects.exists()


def test_deliberate_mark_lapses_when_a_provider_joins(quarter, target_group, awo, editor, overlap_cell):
    services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="ergänzend", user=editor)

    offer(awo, [quarter], [target_group])

    [overlap] = selectors.overlaps()
    assert overlap.status == "open"
    assert overlap.review is None


def test_deliberate_mark_lapses_when_a_provider_leaves_and_another_joins(
    quarter, target_group, diakonie, awo, editor, overlap_cell
):
    services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="ergänzend", user=editor)
    diakonie.offers.update(active=False)
    offer(awo, [quarter], [target_group])

    [overlap] = selectors.overlaps()
    assert overlap.status == "open"


def test_deliberate_mark_holds_when_the_same_providers_add_offers(
    quarter, target_group, caritas, editor, overlap_cell
):
    services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="ergänzend", user=editor)
    offer(caritas, [quarter], [target_group])

    [overlap] = selectors.overlaps()
    assert overlap.status == "deliberate"
    assert overlap.offer_count == 3


def test_deliberate_mark_on_the_whole_cell_does_not_cover_a_field_cell(
    quarter, target_group, caritas, diakonie, editor
):
    health = factories.FieldOfActionFactory(slug="gesundheit")
    offer(caritas, [quarter], [target_group], field_of_action=health)
    offer(diakonie, [quarter], [target_group], field_of_action=health)
    services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="ergänzend", user=editor)

    assert selectors.overlaps()[0].status == "deliberate"
    assert selectors.overlaps(by_field=True)[0].status == "open"

    services.overlap_mark_deliberate(
        quarter=quarter, target_group=target_group, field_of_action=health, reason="ergänzend", user=editor
    )
    assert selectors.overlaps(by_field=True)[0].status == "deliberate"
    assert selectors.overlaps(field_of_action=health)[0].status == "deliberate"


def test_reopen_makes_the_overlap_open_again(quarter, target_group, editor, overlap_cell):
    services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="ergänzend", user=editor)

    review = services.overlap_reopen(
        quarter=quarter, target_group=target_group, reason="Angebote doch doppelt", user=editor
    )

    assert review.decision == OverlapReview.Decision.OPEN
    [overlap] = selectors.overlaps()
    assert overlap.status == "open"
    assert overlap.review is None
    assert OverlapReview.objects.count() == 2  # append-only: the history keeps both


def test_reopen_refuses_an_open_overlap(quarter, target_group, editor, overlap_cell):
    with pytest.raises(services.OverlapReviewError, match="nicht als gewollt"):
        services.overlap_reopen(quarter=quarter, target_group=target_group, reason="x", user=editor)


def test_an_old_deliberate_mark_does_not_come_back_after_reopening(quarter, target_group, editor, overlap_cell):
    services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="ergänzend", user=editor)
    services.overlap_reopen(quarter=quarter, target_group=target_group, reason="doch doppelt", user=editor)
    services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="nun geklärt", user=editor)

    [overlap] = selectors.overlaps()
    assert overlap.status == "deliberate"
    assert overlap.review.reason == "nun geklärt"


# --- gaps --------------------------------------------------------------------------


def test_gaps_are_pairs_without_active_offer(quarter, other_quarter, target_group, other_target_group, caritas):
    offer(caritas, [quarter], [target_group])
    offer(caritas, [other_quarter], [target_group], active=False)

    result = selectors.gaps()

    assert {(g.quarter.slug, g.target_group.slug) for g in result} == {
        (quarter.slug, other_target_group.slug),
        (other_quarter.slug, target_group.slug),
        (other_quarter.slug, other_target_group.slug),
    }


def test_gaps_are_ranked_by_latest_demand(quarter, other_quarter, target_group, other_target_group):
    seniors_share = factories.IndicatorFactory(name="Anteil Senioren", target_group=target_group)
    factories.IndicatorValueFactory(indicator=seniors_share, quarter=quarter, year=2020, value=Decimal("40"))
    factories.IndicatorValueFactory(indicator=seniors_share, quarter=quarter, year=2024, value=Decimal("18"))
    factories.IndicatorValueFactory(indicator=seniors_share, quarter=other_quarter, year=2024, value=Decimal("31"))
    factories.IndicatorFactory(name="Ohne Zielgruppe")  # points at no group: ignored

    result = selectors.gaps()

    assert [(g.quarter.slug, g.target_group.slug, g.demand) for g in result] == [
        (other_quarter.slug, target_group.slug, Decimal("31")),
        (quarter.slug, target_group.slug, Decimal("18")),
        (quarter.slug, other_target_group.slug, None),
        (other_quarter.slug, other_target_group.slug, None),
    ]
    assert result[1].demand_year == 2024
    assert result[1].demand_indicator == seniors_share


def test_gaps_filter_by_quarter_and_target_group(quarter, other_quarter, target_group, other_target_group):
    result = selectors.gaps(quarter=quarter, target_group=other_target_group)

    assert [(g.quarter, g.target_group) for g in result] == [(quarter, other_target_group)]


# --- fixed number of queries ----------------------------------------------------------


def build_catalogue(size):
    quarters = factories.QuarterFactory.create_batch(size)
    groups = factories.TargetGroupFactory.create_batch(size)
    fields = factories.FieldOfActionFactory.create_batch(2)
    types = factories.ServiceTypeFactory.create_batch(2)
    for index in range(size * 3):
        provider = factories.ProviderFactory()
        offer(
            provider,
            quarters[index % size :][:2],
            groups[: 1 + index % size],
            field_of_action=fields[index % 2],
            service_type=types[index % 2],
        )
    indicator = factories.IndicatorFactory(target_group=groups[-1])
    for q in quarters:
        factories.IndicatorValueFactory(indicator=indicator, quarter=q)
    return quarters, groups


@pytest.mark.parametrize("size", [2, 6])
def test_overlaps_run_a_fixed_number_of_queries(size, django_assert_num_queries, editor):
    quarters, groups = build_catalogue(size)
    services.overlap_mark_deliberate(quarter=quarters[0], target_group=groups[0], reason="ergänzend", user=editor)

    # cells, providers, quarters, target groups, reviews
    with django_assert_num_queries(5):
        result = selectors.overlaps()
    assert len(result) >= size
    # cells, providers, quarters, target groups, fields, reviews
    with django_assert_num_queries(6):
        selectors.overlaps(by_field=True)


@pytest.mark.parametrize("size", [2, 6])
def test_gaps_run_a_fixed_number_of_queries(size, django_assert_num_queries):
    build_catalogue(size)

    # quarters, target groups, occupied pairs, indicator values
    with django_assert_num_queries(4):
        result = selectors.gaps()
    assert result


@pytest.mark.parametrize("size", [2, 6])
def test_matrix_runs_a_fixed_number_of_queries(size, django_assert_num_queries):
    build_catalogue(size)

    # The broad rule: quarters, target groups, cells, reviews
    with django_assert_num_queries(4):
        matrix = selectors.overlap_matrix(rule=selectors.RULE_ALL)
    assert len(matrix.rows) == size
    assert len(matrix.rows[0].cells) == size
    assert matrix.overlap_count >= 1
    # The default rule (parallel offers): quarters, target groups, cells with the parallel
    # cells, parallel reviews, service types
    with django_assert_num_queries(5):
        matrix = selectors.overlap_matrix()
    assert len(matrix.rows) == size
    assert matrix.parallel_count >= 1


def test_matrix_marks_cells(quarter, other_quarter, target_group, other_target_group, caritas, diakonie, editor):
    offer(caritas, [quarter], [target_group, other_target_group])
    offer(diakonie, [quarter], [target_group, other_target_group])
    offer(diakonie, [other_quarter], [target_group])
    services.overlap_mark_deliberate(
        quarter=quarter, target_group=other_target_group, reason="ergänzend", user=editor
    )

    matrix = selectors.overlap_matrix(rule=selectors.RULE_ALL)

    states = {(c.quarter.slug, c.target_group.slug): (c.state, c.provider_count) for r in matrix.rows for c in r.cells}
    assert states == {
        (quarter.slug, target_group.slug): ("overlap", 2),
        (quarter.slug, other_target_group.slug): ("deliberate", 2),
        (other_quarter.slug, target_group.slug): ("single", 1),
        (other_quarter.slug, other_target_group.slug): ("gap", 0),
    }
    assert (matrix.overlap_count, matrix.deliberate_count, matrix.gap_count) == (1, 1, 1)
