"""The progress arithmetic and the status rule of the impact monitoring (no database)."""

from decimal import Decimal as D

from measures.impact import STALE_AFTER_YEARS, Point, assess
from measures.models import Effect

Status = Effect.Status


def effect(**fields):
    defaults = {
        "indicator_id": 1,
        "quarter_id": 1,
        "direction": Effect.Direction.LOWER,
        "baseline_year": 2021,
        "baseline_value": D("19.6"),
        "target_year": 2027,
        "target_value": D("17.0"),
    }
    return Effect(**{**defaults, **fields})


def series(*pairs):
    return [Point(year, D(str(value))) for year, value in pairs]


def test_lower_is_better_the_issue_example():
    # SGB-II-Quote 19,6 % (2021) → 18,4 % (2025), Ziel 17,0 % bis 2027: 46 % des Weges
    result = assess(effect(), series((2021, 19.6), (2023, 19.0), (2025, 18.4)), current_year=2026)
    assert result.progress == 46
    assert result.expected == 67  # four of six years
    assert result.latest == Point(2025, D("18.4"))
    assert result.baseline == Point(2021, D("19.6"))
    assert result.status == Status.DELAYED  # 46 < 67 − 10


def test_higher_is_better_on_track():
    item = effect(direction=Effect.Direction.HIGHER, baseline_value=D("40"), target_value=D("60"))
    result = assess(item, series((2024, 53)), current_year=2025)
    assert result.progress == 65  # 13 of 20
    assert result.expected == 50  # three of six years
    assert result.status == Status.ON_TRACK


def test_on_track_within_the_tolerance_and_delayed_beyond_it():
    item = effect(direction=Effect.Direction.HIGHER, baseline_value=D("0"), target_value=D("100"),
                  baseline_year=2020, target_year=2030)
    assert assess(item, series((2025, 40)), current_year=2025).status == Status.ON_TRACK  # 40 ≥ 50 − 10
    assert assess(item, series((2025, 39)), current_year=2025).status == Status.DELAYED


def test_target_already_reached_in_both_directions():
    lower = assess(effect(), series((2024, 16.5)), current_year=2025)
    assert lower.status == Status.REACHED
    assert lower.progress == 119  # beyond the target: more than the whole way
    higher = effect(direction=Effect.Direction.HIGHER, baseline_value=D("10"), target_value=D("20"))
    assert assess(higher, series((2023, 20)), current_year=2024).status == Status.REACHED
    assert assess(higher, series((2023, D("19.99"))), current_year=2024).status != Status.REACHED


def test_wrong_direction_is_at_risk():
    result = assess(effect(), series((2024, 20.1)), current_year=2025)
    assert result.progress == -19
    assert result.status == Status.AT_RISK


def test_target_year_passed_without_reaching_is_at_risk():
    item = effect(target_year=2024)
    result = assess(item, series((2024, 17.5)), current_year=2025)
    assert result.progress == 81
    assert result.status == Status.AT_RISK


def test_without_baseline_the_oldest_value_is_the_baseline():
    item = effect(baseline_year=None, baseline_value=None)
    result = assess(item, series((2025, 18.4), (2022, 19.0)), current_year=2025)
    assert result.baseline == Point(2022, D("19.0"))
    assert result.progress == 30  # 0.6 of 2.0
    assert result.expected == 60  # three of five years
    assert result.status == Status.DELAYED


def test_without_baseline_and_a_single_value_there_is_no_progress_yet():
    item = effect(baseline_year=None, baseline_value=None)
    result = assess(item, series((2025, 18.4)), current_year=2025)
    assert result.progress == 0
    assert result.status == Status.AT_RISK


def test_stale_data():
    old = 2026 - STALE_AFTER_YEARS - 1
    result = assess(effect(), series((2021, 19.6), (old, 18.0)), current_year=2026)
    assert result.status == Status.NO_DATA
    assert result.progress is None
    assert result.latest == Point(old, D("18.0"))
    # one year younger is still current
    assert assess(effect(), series((old + 1, 18.0)), current_year=2026).status != Status.NO_DATA


def test_no_values_at_all():
    result = assess(effect(), [], current_year=2026)
    assert result.status == Status.NO_DATA
    assert result.latest is None


def test_effect_without_indicator_has_no_status():
    item = Effect(title="Stadtteilbüro ist eröffnet")
    result = assess(item, [], current_year=2026)
    assert result.status is None
    assert str(result.status_label) == "ohne Messung"


def test_override_wins_and_keeps_the_computed_status():
    item = effect(status_override=Status.ON_TRACK, status_override_reason="Neue Jobcenter-Zahlen bestätigen den Trend.")
    result = assess(item, series((2025, 18.4)), current_year=2026)
    assert result.status == Status.ON_TRACK
    assert result.computed == Status.DELAYED
    assert result.overridden
