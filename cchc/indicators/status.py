"""Whether a target is met, on track, at risk, off track, missed or without data on a day.

ONE function, ``target_status``, used by the pages, the API, the report form and the CLI.
The rule (docs/indicators.md, "Status of a target"):

1. The **actual** value is the latest measurement of the target's indicator and scope whose
   period ended on or before the day (``period_end <= on``). Values of the same, latest
   period (several agencies) are combined by the indicator's aggregation: summed for ``sum``
   and ``cumulative``; for ``ratio_of_sums``, the sum of their numerators over the sum of
   their denominators when every value has them; averaged otherwise. No such measurement, or
   only "no data" in that latest period → **no data**.
2. **Met** when the actual value satisfies the target: ``>=`` actual ≥ value; ``<=`` actual ≤
   value; ``=`` equal (to 1e-9); ``top N`` rank ≤ N; ``range`` value ≤ actual ≤ value_max.
3. Not met and the due day (``due_on``, else 31 December of the year) has passed (``on >
   due``) → **missed**. A target with neither year nor date is never missed.
4. Otherwise the **trajectory**: a straight line from the start (the baseline: value at 31
   December of its year; without one, the first measurement: value at its period's end) to
   the target value at the due day; the expected value on ``on`` is read from it (before the
   start: the start value). Without a due day, or without a start earlier than the actual
   value's period, the expected value is the actual one (nothing to be behind).
5. The **gap** is how far the actual value is behind the expected one, in the good direction:
   ``expected − actual`` when higher is better (``>=``, ``range``, ``=`` approached from
   below), ``actual − expected`` when lower is better (``<=``, ``top``, ranks, ``=`` approached
   from above). Gap ≤ 0 → **on track**; 0 < gap ≤ tolerance → **at risk**; gap > tolerance →
   **off track**. The tolerance is the indicator's (percentage points for shares, places for
   ranks), 5 without an indicator. A ``range`` value above its upper value is **at risk**.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.indicators.models import Aggregation, Comparator, Target

EPSILON = 1e-9
DEFAULT_TOLERANCE = 5.0


class Status(models.TextChoices):
    MET = "met", _("Met")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    MISSED = "missed", _("Missed")
    NO_DATA = "no_data", _("No data")


# Statuses that need an explanation in the report, and that "Chỉ tiêu chậm tiến độ" lists.
NEEDS_EXPLANATION = (Status.OFF_TRACK, Status.MISSED)
BEHIND = (Status.AT_RISK, Status.OFF_TRACK, Status.MISSED)

# Bootstrap badge class of each status.
BADGE = {
    Status.MET: "text-bg-success",
    Status.ON_TRACK: "text-bg-primary",
    Status.AT_RISK: "text-bg-warning",
    Status.OFF_TRACK: "text-bg-danger",
    Status.MISSED: "text-bg-dark",
    Status.NO_DATA: "text-bg-secondary",
}


class MeasurementLike(Protocol):
    indicator_id: int
    scope: str
    period_end: dt.date
    value: float | None


@dataclass(frozen=True, slots=True)
class Assessment:
    status: Status
    actual: float | None
    expected: float | None
    as_of: dt.date | None

    @property
    def badge(self) -> str:
        return BADGE[self.status]


def target_status(target: Target, on: dt.date, measurements: Iterable[MeasurementLike]) -> Status:
    """The status of ``target`` on ``on`` from ``measurements`` (any; those of other
    indicators or scopes, or after ``on``, are ignored)."""
    return assess(target, on, measurements).status


def assess(target: Target, on: dt.date, measurements: Iterable[MeasurementLike]) -> Assessment:
    """``target_status`` with the numbers it was judged on (pages show them)."""
    series = sorted(
        (
            m
            for m in measurements
            if m.indicator_id == target.indicator_id
            and m.scope == target.scope
            and m.period_end <= on
        ),
        key=lambda m: m.period_end,
    )
    if not series:
        return Assessment(Status.NO_DATA, None, None, None)
    as_of = series[-1].period_end
    latest = [m for m in series if m.period_end == as_of and m.value is not None]
    if not latest:
        return Assessment(Status.NO_DATA, None, None, as_of)
    actual = _combine(target, latest)
    if _met(target, actual):
        return Assessment(Status.MET, actual, float(target.value), as_of)
    due = target.due
    if due is not None and on > due:
        return Assessment(Status.MISSED, actual, float(target.value), as_of)
    expected = _expected(target, on, series, as_of, actual)
    higher = _higher_is_better(target, series)
    gap = (expected - actual) if higher else (actual - expected)
    if (
        target.comparator == Comparator.RANGE
        and target.value_max is not None
        and actual > target.value_max
    ):
        return Assessment(Status.AT_RISK, actual, expected, as_of)
    tolerance = _tolerance(target)
    if gap <= EPSILON:
        status = Status.ON_TRACK
    elif gap <= tolerance + EPSILON:
        status = Status.AT_RISK
    else:
        status = Status.OFF_TRACK
    return Assessment(status, actual, expected, as_of)


def _combine(target: Target, latest: list[MeasurementLike]) -> float:
    indicator = target.indicator if target.indicator_id else None
    aggregation = indicator.aggregation if indicator is not None else Aggregation.LATEST
    values = [float(m.value) for m in latest if m.value is not None]
    if aggregation in (Aggregation.SUM, Aggregation.CUMULATIVE):
        return float(sum(values))
    if aggregation == Aggregation.RATIO_OF_SUMS and len(latest) > 1:
        tops = [getattr(m, "numerator", None) for m in latest]
        bottoms = [getattr(m, "denominator", None) for m in latest]
        if all(t is not None for t in tops) and all(b for b in bottoms):
            return 100 * sum(float(t or 0) for t in tops) / sum(float(b or 0) for b in bottoms)
    return float(sum(values)) / len(values)


def _met(target: Target, actual: float) -> bool:
    value = float(target.value)
    if target.comparator == Comparator.AT_LEAST:
        return actual >= value - EPSILON
    if target.comparator in (Comparator.AT_MOST, Comparator.TOP):
        return actual <= value + EPSILON
    if target.comparator == Comparator.EQUAL:
        return abs(actual - value) <= EPSILON
    upper = float(target.value_max) if target.value_max is not None else value
    return value - EPSILON <= actual <= upper + EPSILON


def _start(
    target: Target, series: list[MeasurementLike], as_of: dt.date
) -> tuple[dt.date, float] | None:
    if target.baseline is not None and target.baseline_year is not None:
        return dt.date(target.baseline_year, 12, 31), float(target.baseline)
    for m in series:
        if m.value is not None and m.period_end < as_of:
            return m.period_end, float(m.value)
    return None


def _expected(
    target: Target,
    on: dt.date,
    series: list[MeasurementLike],
    as_of: dt.date,
    actual: float,
) -> float:
    due = target.due
    start = _start(target, series, as_of)
    if due is None or start is None or start[0] >= due:
        return actual
    start_day, start_value = start
    span = (due - start_day).days
    elapsed = min(max((on - start_day).days, 0), span)
    return start_value + (float(target.value) - start_value) * elapsed / span


def _higher_is_better(target: Target, series: list[MeasurementLike]) -> bool:
    if target.comparator in (Comparator.AT_LEAST, Comparator.RANGE):
        return True
    if target.comparator in (Comparator.AT_MOST, Comparator.TOP):
        return False
    # "=": approached from where it starts.
    start = _start(target, series, series[-1].period_end)
    if start is not None:
        return start[1] <= float(target.value)
    indicator = target.indicator if target.indicator_id else None
    return indicator is None or indicator.direction == "higher"


def _tolerance(target: Target) -> float:
    indicator = target.indicator if target.indicator_id else None
    if indicator is None:
        return DEFAULT_TOLERANCE
    return float(Decimal(indicator.tolerance))
