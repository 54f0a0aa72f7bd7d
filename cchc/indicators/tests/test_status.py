"""The status rule (cchc/indicators/status.py, docs/indicators.md) at each of its boundaries.
Pure: unsaved rows, no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from cchc.indicators.models import Aggregation, Comparator, Direction, Indicator, Target, Unit
from cchc.indicators.status import Status, assess, target_status

D = dt.date


@dataclass
class M:
    indicator_id: int
    scope: str
    period_end: dt.date
    value: float | None


def share(tolerance: float = 5, aggregation: str = Aggregation.RATIO_OF_SUMS) -> Indicator:
    return Indicator(
        pk=1,
        code="tthc.dossiers_online",
        name="x",
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        aggregation=aggregation,
        tolerance=Decimal(str(tolerance)),
    )


def rank() -> Indicator:
    return Indicator(
        pk=2,
        code="index.pci_rank",
        name="x",
        unit=Unit.RANK,
        direction=Direction.LOWER,
        aggregation=Aggregation.LATEST,
        tolerance=Decimal("2"),
    )


def target(indicator: Indicator | None = None, **kw: object) -> Target:
    values: dict[str, object] = {
        "comparator": Comparator.AT_LEAST,
        "value": 80.0,
        "unit": Unit.PERCENT,
        "year": 2025,
        "scope": "",
        "baseline": 40.0,
        "baseline_year": 2021,
        "phrase": "tối thiểu 80%",
    }
    values.update(kw)
    return Target(indicator=indicator or share(), **values)


def at(day: dt.date, value: float | None, *, scope: str = "", indicator: int = 1) -> M:
    return M(indicator, scope, day, value)


DUE = D(2025, 12, 31)
START = D(2021, 12, 31)


def test_no_measurement_is_no_data() -> None:
    assert target_status(target(), D(2024, 1, 1), []) == Status.NO_DATA


def test_latest_period_without_a_value_is_no_data_even_after_a_value() -> None:
    series = [at(D(2022, 12, 14), 50), at(D(2023, 12, 14), None)]
    assert target_status(target(), D(2024, 1, 1), series) == Status.NO_DATA


def test_values_of_later_periods_other_scopes_and_indicators_are_ignored() -> None:
    t = target()
    series = [
        at(D(2023, 12, 14), 90, scope="level:commune"),
        at(D(2023, 12, 14), 90, indicator=7),
        at(D(2024, 12, 14), 90),
    ]
    assert target_status(t, D(2024, 1, 1), series) == Status.NO_DATA


def test_met_when_the_value_is_reached_even_before_the_due_day() -> None:
    assert target_status(target(), D(2023, 1, 1), [at(D(2022, 12, 14), 80)]) == Status.MET
    assert target_status(target(), D(2023, 1, 1), [at(D(2022, 12, 14), 79.99)]) != Status.MET


def test_missed_only_after_the_due_day() -> None:
    series = [at(D(2025, 12, 14), 79)]
    assert target_status(target(), DUE, series) == Status.AT_RISK
    assert target_status(target(), DUE + dt.timedelta(days=1), series) == Status.MISSED


def test_due_on_overrides_the_end_of_the_year() -> None:
    t = target(due_on=D(2025, 6, 30))
    assert target_status(t, D(2025, 7, 1), [at(D(2025, 6, 14), 79)]) == Status.MISSED


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (80.5, Status.MET),
        (79.999, Status.AT_RISK),  # a hair behind the trajectory: within the band
        (75.0, Status.AT_RISK),  # exactly the tolerance (5 points) behind
        (74.99, Status.OFF_TRACK),  # just past the band
    ],
)
def test_band_at_the_due_day(actual: float, expected: Status) -> None:
    assert target_status(target(), DUE, [at(D(2025, 12, 14), actual)]) == expected


def test_on_the_trajectory_is_on_track() -> None:
    # At the start the expected value is the baseline.
    assert target_status(target(), START, [at(D(2021, 12, 14), 40)]) == Status.ON_TRACK
    # Half-way (2023-12-31: 730 of 1461 days) the trajectory is at 59.99 %.
    result = assess(target(), D(2023, 12, 31), [at(D(2023, 12, 14), 60)])
    assert result.expected == pytest.approx(40 + 40 * 730 / 1461)
    assert result.status == Status.ON_TRACK
    assert target_status(target(), D(2023, 12, 31), [at(D(2023, 12, 14), 55)]) == Status.AT_RISK
    assert target_status(target(), D(2023, 12, 31), [at(D(2023, 12, 14), 54.9)]) == (
        Status.OFF_TRACK
    )


def test_the_tolerance_is_the_indicators_and_editable() -> None:
    series = [at(D(2025, 12, 14), 72)]
    assert target_status(target(share(tolerance=5)), DUE, series) == Status.OFF_TRACK
    assert target_status(target(share(tolerance=10)), DUE, series) == Status.AT_RISK
    assert target_status(target(share(tolerance=0)), DUE, [at(D(2025, 12, 14), 79.9)]) == (
        Status.OFF_TRACK
    )


def test_without_baseline_the_first_measurement_starts_the_trajectory() -> None:
    t = target(baseline=None, baseline_year=None)
    # Only one value: nothing to be behind.
    assert target_status(t, D(2023, 1, 1), [at(D(2022, 12, 14), 10)]) == Status.ON_TRACK
    # From 10 % (2022-12-14) the line reaches 80 % at the end of 2025; 2025-12-14 is near it.
    series = [at(D(2022, 12, 14), 10), at(D(2025, 12, 14), 20)]
    assert target_status(t, D(2025, 12, 20), series) == Status.OFF_TRACK


def test_at_most_target_lower_is_better() -> None:
    t = target(comparator=Comparator.AT_MOST, value=10.0, baseline=30.0)
    assert target_status(t, DUE, [at(D(2025, 12, 14), 10)]) == Status.MET
    assert target_status(t, DUE, [at(D(2025, 12, 14), 15)]) == Status.AT_RISK
    assert target_status(t, DUE, [at(D(2025, 12, 14), 15.01)]) == Status.OFF_TRACK


def test_top_n_compares_ranks() -> None:
    ind = rank()
    t = target(
        ind,
        comparator=Comparator.TOP,
        value=15.0,
        unit=Unit.RANK,
        baseline=30.0,
        baseline_year=2021,
    )

    def on_due(value: float) -> Status:
        return target_status(t, DUE, [at(D(2025, 12, 14), value, indicator=2)])

    assert on_due(15) == Status.MET
    assert on_due(1) == Status.MET
    assert on_due(17) == Status.AT_RISK  # 2 places behind: the rank tolerance
    assert on_due(18) == Status.OFF_TRACK
    assert target_status(t, D(2026, 1, 1), [at(D(2025, 12, 14), 16, indicator=2)]) == (
        Status.MISSED
    )


def test_range() -> None:
    t = target(comparator=Comparator.RANGE, value=25.0, value_max=35.0, baseline=10.0)
    assert target_status(t, DUE, [at(D(2025, 12, 14), 25)]) == Status.MET
    assert target_status(t, DUE, [at(D(2025, 12, 14), 35)]) == Status.MET
    assert target_status(t, DUE, [at(D(2025, 12, 14), 36)]) == Status.AT_RISK
    assert target_status(t, DUE, [at(D(2025, 12, 14), 20)]) == Status.AT_RISK
    assert target_status(t, DUE, [at(D(2025, 12, 14), 19)]) == Status.OFF_TRACK


def test_equal() -> None:
    t = target(comparator=Comparator.EQUAL, value=100.0, baseline=50.0)
    assert target_status(t, DUE, [at(D(2025, 12, 14), 100)]) == Status.MET
    assert target_status(t, DUE, [at(D(2025, 12, 14), 96)]) == Status.AT_RISK


def test_values_of_one_period_combine_by_aggregation() -> None:
    day = D(2025, 12, 14)
    two = [at(day, 70), at(day, 90)]
    assert target_status(target(), DUE, two) == Status.MET  # mean 80
    summed = target(share(aggregation=Aggregation.SUM), value=150.0, unit=Unit.COUNT)
    assert target_status(summed, DUE, two) == Status.MET  # sum 160


def test_no_due_year_is_never_missed() -> None:
    t = target(year=None, baseline=None, baseline_year=None)
    assert target_status(t, D(2040, 1, 1), [at(D(2030, 12, 14), 50)]) == Status.ON_TRACK


@dataclass
class Counted(M):
    numerator: float | None = None
    denominator: float | None = None


def test_shares_with_their_counts_combine_as_a_ratio_of_sums() -> None:
    """A large agency at 70 % (700 of 1,000) and a small one at 100 % (10 of 10): the province
    is at 70.3 %, not at the mean 85 %; without the counts of every value, the mean."""
    day = D(2025, 12, 14)
    counted = [Counted(1, "", day, 70.0, 700, 1000), Counted(1, "", day, 100.0, 10, 10)]
    goal = target(value=80.0)
    assessed = assess(goal, DUE, counted)
    assert assessed.actual == pytest.approx(100 * 710 / 1010)
    assert assessed.status == Status.OFF_TRACK  # the mean, 85 %, would be met
    partly = [Counted(1, "", day, 70.0, 700, 1000), Counted(1, "", day, 100.0)]
    assert assess(goal, DUE, partly).actual == pytest.approx(85.0)
    averaged = target(share(aggregation=Aggregation.MEAN), value=80.0)
    assert assess(averaged, DUE, counted).actual == pytest.approx(85.0)
