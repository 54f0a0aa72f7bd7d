"""Indicators, targets (with their status, from ``cchc.indicators.status``) and measurements.

Reading is for every logged-in user, as the indicator pages are. Confirming and rejecting a
target is the secretariat's; a value is posted by a focal point for their own agency (or by
the secretariat, for any agency or the province as a whole)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from annotated_types import Interval
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import AfterValidator, StringConstraints

from cchc.accounts import permissions
from cchc.api.errors import answers
from cchc.api.schemas import MAX_OFFSET, Id, In
from cchc.core.validation import storable
from cchc.indicators import selectors
from cchc.indicators.actions import (
    MeasurementError,
    confirm_target,
    record_measurement,
    reject_target,
)
from cchc.indicators.measurement_import import PeriodProblem, period_from
from cchc.indicators.models import (
    Indicator,
    Measurement,
    MeasurementSource,
    Target,
    TargetState,
    TextLimit,
)
from cchc.indicators.selectors import TargetRow

router = Router(tags=["indicators"])

Code = Annotated[str, StringConstraints(max_length=TextLimit.CODE), AfterValidator(storable)]
Scope = Annotated[str, StringConstraints(max_length=TextLimit.SCOPE), AfterValidator(storable)]
NoDataReason = Annotated[
    str, StringConstraints(max_length=TextLimit.REASON), AfterValidator(storable)
]
Note = Annotated[str, StringConstraints(max_length=TextLimit.NOTE), AfterValidator(storable)]
Year = Annotated[int, Interval(ge=2000, le=2100)]
PeriodNumber = Annotated[int, Interval(ge=1, le=12)]
NonNegative = Annotated[float, Interval(ge=0, le=1e12)]
MAX_LIMIT = 500


def _today() -> dt.date:
    return timezone.localdate()


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    direction: str
    aggregation: str
    disaggregations: list[str]
    definition: str
    legal_source: str
    source_url: str
    data_source: str
    tolerance: float
    valid_from: dt.date
    valid_until: dt.date | None


def _indicator_out(i: Indicator) -> IndicatorOut:
    return IndicatorOut(
        code=i.code,
        name=i.name,
        unit=i.unit,
        direction=i.direction,
        aggregation=i.aggregation,
        disaggregations=[str(d) for d in i.disaggregations],
        definition=i.definition,
        legal_source=i.legal_source,
        source_url=i.source_url,
        data_source=i.data_source,
        tolerance=float(i.tolerance),
        valid_from=i.valid_from,
        valid_until=i.valid_until,
    )


class TargetOut(Schema):
    id: int
    indicator: str | None
    plan_id: int
    node_id: int
    comparator: str
    value: float
    value_max: float | None
    unit: str
    year: int | None
    scope: str | None
    baseline: float | None
    baseline_year: int | None
    state: str
    phrase: str
    line: int | None
    # On the day asked (today by default): met, on_track, at_risk, off_track, missed, no_data.
    status: str
    actual: float | None
    expected: float | None


def _target_out(row: TargetRow) -> TargetOut:
    t = row.target
    return TargetOut(
        id=t.pk,
        indicator=t.indicator.code if t.indicator else None,
        plan_id=t.node.plan_id,
        node_id=t.node_id,
        comparator=t.comparator,
        value=t.value,
        value_max=t.value_max,
        unit=t.unit,
        year=t.year,
        scope=t.scope or None,
        baseline=t.baseline,
        baseline_year=t.baseline_year,
        state=t.state,
        phrase=t.phrase,
        line=t.source_line,
        status=str(row.assessment.status),
        actual=row.assessment.actual,
        expected=row.assessment.expected,
    )


class MeasurementOut(Schema):
    id: int
    indicator: str
    scope: str | None
    period_kind: str
    period: str
    period_start: dt.date
    period_end: dt.date
    value: float | None
    numerator: float | None
    denominator: float | None
    no_data_reason: str
    source: str
    agency_id: int | None
    report_id: int | None
    target_id: int | None
    entered_by: str | None
    entered_at: dt.datetime
    locked: bool


def _measurement_out(m: Measurement, code: str) -> MeasurementOut:
    return MeasurementOut(
        id=m.pk,
        indicator=code,
        scope=m.scope or None,
        period_kind=m.period_kind,
        period=m.period_label,
        period_start=m.period_start,
        period_end=m.period_end,
        value=m.value,
        numerator=m.numerator,
        denominator=m.denominator,
        no_data_reason=m.no_data_reason,
        source=m.source,
        agency_id=m.agency_id,
        report_id=m.report_id,
        target_id=m.target_id,
        entered_by=m.entered_by.get_username() if m.entered_by else None,
        entered_at=m.entered_at,
        locked=m.locked,
    )


@router.get("/indicators", response=answers({200: list[IndicatorOut]}))
def list_indicators(request: HttpRequest) -> list[IndicatorOut]:
    """The catalogue."""
    return [_indicator_out(i) for i in Indicator.objects.order_by("code")]


@router.get("/indicators/{code}", response=answers({200: IndicatorOut}))
def get_indicator(request: HttpRequest, code: str) -> IndicatorOut:
    indicator = Indicator.objects.filter(code=code[: TextLimit.CODE]).first()
    if indicator is None:
        raise Http404(_("No such indicator."))
    return _indicator_out(indicator)


class TargetFilter(Schema):
    plan: Id | None = None
    indicator: Code | None = None
    state: Literal["proposed", "confirmed", "rejected"] | None = None
    on: dt.date | None = None
    limit: Annotated[int, Interval(ge=1, le=MAX_LIMIT)] = 100
    offset: Annotated[int, Interval(ge=0, le=MAX_OFFSET)] = 0


@router.get("/targets", response=answers({200: list[TargetOut]}))
def list_targets(request: HttpRequest, filters: Query[TargetFilter]) -> list[TargetOut]:
    """Targets with their status on ``on`` (default today), in document order."""
    qs = Target.objects.select_related("indicator", "node").order_by(
        "node__plan_id", "node__position", "year", "pk"
    )
    if filters.plan is not None:
        qs = qs.filter(node__plan_id=filters.plan)
    if filters.indicator is not None:
        qs = qs.filter(indicator__code=filters.indicator)
    if filters.state is not None:
        qs = qs.filter(state=filters.state)
    page = list(qs[filters.offset : filters.offset + filters.limit])
    return [_target_out(r) for r in selectors.with_status(page, filters.on or _today())]


def _target(target_id: int) -> Target:
    return get_object_or_404(Target.objects.select_related("indicator", "node"), pk=target_id)


def _row(target: Target) -> TargetOut:
    target = _target(target.pk)
    return _target_out(selectors.with_status([target], _today())[0])


@router.get("/targets/{int:target_id}", response=answers({200: TargetOut}))
def get_target(request: HttpRequest, target_id: int) -> TargetOut:
    return _row(_target(target_id))


class DecisionIn(In):
    reason: NoDataReason = ""


def _check_secretariat(request: HttpRequest) -> None:
    if not permissions.can_manage_targets(request.user):
        permissions.deny(
            request.user,
            "decide on a target",
            message=_("Only the secretariat decides on targets."),
        )


@router.post("/targets/{int:target_id}/confirm", response=answers({200: TargetOut}, 400, 403))
def post_confirm(request: HttpRequest, target_id: int, payload: DecisionIn) -> TargetOut:
    """Confirm a proposed target (it needs an indicator: 400 otherwise)."""
    _check_secretariat(request)
    target = _target(target_id)
    return _row(confirm_target(target=target, user=request.user, reason=payload.reason))  # type: ignore[arg-type]


@router.post("/targets/{int:target_id}/reject", response=answers({200: TargetOut}, 403))
def post_reject(request: HttpRequest, target_id: int, payload: DecisionIn) -> TargetOut:
    """Not a target: kept as rejected, so a re-import does not propose it again."""
    _check_secretariat(request)
    target = _target(target_id)
    return _row(reject_target(target=target, user=request.user, reason=payload.reason))  # type: ignore[arg-type]


class MeasurementFilter(Schema):
    indicator: Code | None = None
    agency: Id | None = None
    limit: Annotated[int, Interval(ge=1, le=MAX_LIMIT)] = 100
    offset: Annotated[int, Interval(ge=0, le=MAX_OFFSET)] = 0


@router.get("/measurements", response=answers({200: list[MeasurementOut]}))
def list_measurements(
    request: HttpRequest, filters: Query[MeasurementFilter]
) -> list[MeasurementOut]:
    """Values with their source, period and who entered them, oldest first."""
    qs = Measurement.objects.select_related("indicator", "entered_by").order_by(
        "indicator__code", "period_end", "pk"
    )
    if filters.indicator is not None:
        qs = qs.filter(indicator__code=filters.indicator)
    if filters.agency is not None:
        qs = qs.filter(agency_id=filters.agency)
    rows = qs[filters.offset : filters.offset + filters.limit]
    return [_measurement_out(m, m.indicator.code) for m in rows]


class MeasurementIn(In):
    indicator: Code
    scope: Scope = ""
    period_kind: Literal["month", "quarter", "half", "nine_months", "year"]
    period_year: Year
    period_number: PeriodNumber = 1
    # A number, or null with ``no_data_reason``.
    value: float | None = None
    # For a share: the two counts behind it (the value is then computed, or must agree).
    numerator: NonNegative | None = None
    denominator: NonNegative | None = None
    no_data_reason: NoDataReason = ""
    agency_id: Id | None = None
    target_id: Id | None = None
    note: Note = ""


@router.post("/measurements", response=answers({201: MeasurementOut}, 400, 403))
def post_measurement(request: HttpRequest, payload: MeasurementIn) -> Status[MeasurementOut]:
    """Record a value (or "no data" with its reason). A focal point posts for their own
    agency; the secretariat for any agency or, without ``agency_id``, the province."""
    indicator = Indicator.objects.filter(code=payload.indicator).first()
    if indicator is None:
        raise Http404(_("No such indicator."))
    if payload.agency_id is None:
        if not permissions.can_manage_targets(request.user):
            permissions.deny(request.user, "record a province value")
    elif not (
        permissions.can_record_value_for(request.user, payload.agency_id)
        or permissions.can_manage_targets(request.user)
    ):
        permissions.deny(request.user, "record another agency's value")
    target = None
    if payload.target_id is not None:
        target = Target.objects.select_related("node__plan").filter(pk=payload.target_id).first()
        if target is None:
            raise Http404(_("No such target."))
    try:
        period = period_from(payload.period_kind, payload.period_year, payload.period_number)
    except PeriodProblem as problem:
        raise MeasurementError(str(problem)) from None
    m = record_measurement(
        indicator=indicator,
        target=target,
        user=request.user,  # type: ignore[arg-type]
        period=period,
        value=payload.value,
        no_data_reason=payload.no_data_reason,
        scope=payload.scope,
        source=MeasurementSource.IMPORT,
        agency_id=payload.agency_id,
        note=payload.note,
        numerator=payload.numerator,
        denominator=payload.denominator,
    )
    return Status(201, _measurement_out(m, indicator.code))


__all__ = ["TargetState", "router"]
