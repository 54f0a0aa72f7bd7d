"""Indicator values inside a progress report: a typed field per confirmed target the activity
carries (``selectors.carried_by``: the activity's own targets and its task's and objective's,
one per indicator and scope), saved with the report through ``actions.record_measurement``.

The report page (``cchc.reporting.views.report``) calls three functions:

- ``parse`` reads the posted fields and checks them all before anything is saved (a bad value
  names its target; the report is not saved either);
- ``save`` stores them after the draft is saved;
- ``unexplained`` lists the targets off track or missed with this report's values, which the
  report must explain before it is submitted.

Field names: ``target-<pk>-value`` (a number), ``target-<pk>-no_data`` (a checkbox) and
``target-<pk>-reason`` (why there is no data).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import QueryDict
from django.utils.translation import gettext as _

from cchc.indicators import selectors
from cchc.indicators.actions import (
    MeasurementError,
    PeriodOf,
    check_period,
    check_value,
    parse_number,
    record_measurement,
)
from cchc.indicators.models import Measurement, MeasurementSource, Target, TextLimit
from cchc.indicators.status import NEEDS_EXPLANATION, Assessment, assess
from cchc.scheduling.models import Obligation


@dataclass(slots=True)
class TargetField:
    target: Target
    value: str = ""
    no_data: bool = False
    reason: str = ""
    error: str = ""
    stored: Measurement | None = None
    assessment: Assessment | None = None

    @property
    def prefix(self) -> str:
        return f"target-{self.target.pk}"


@dataclass(slots=True)
class Posted:
    fields: list[TargetField] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [f.error for f in self.fields if f.error]


def period_of(obligation: Obligation) -> PeriodOf:
    return PeriodOf(
        obligation.period_kind,
        obligation.period_label,
        obligation.period_start,
        obligation.period_end,
    )


def _name(target: Target) -> str:
    indicator = target.indicator.name if target.indicator else _("no indicator")
    return f"{indicator} {target.describe()}"


def fields_for(obligation: Obligation, report_id: int | None, on: dt.date) -> list[TargetField]:
    """The report's target fields as stored (values entered before), with each target's
    status today. Empty, without a query, when the obligation was read with ``carries_targets``
    false (``selectors.carried_exist``: targets do not change while a request runs)."""
    if not getattr(obligation, "carries_targets", True):
        return []
    targets = selectors.carried_by(activity=obligation.activity, period_end=obligation.period_end)
    if not targets:
        return []
    stored = {}
    if report_id is not None:
        stored = {
            m.target_id: m
            for m in Measurement.objects.filter(report_id=report_id, target__in=targets)
        }
    series = selectors.measurements_of(t.indicator_id for t in targets if t.indicator_id)
    result = []
    for t in targets:
        m = stored.get(t.pk)
        result.append(
            TargetField(
                target=t,
                value=f"{m.value:g}" if m is not None and m.value is not None else "",
                no_data=m is not None and m.value is None,
                reason=m.no_data_reason if m is not None else "",
                stored=m,
                assessment=assess(t, on, series.get(t.indicator_id or 0, [])),
            )
        )
    return result


def parse(obligation: Obligation, data: QueryDict, on: dt.date) -> Posted:
    """The posted values, each checked (number, unit, period within the target's span)."""
    posted = Posted()
    period = period_of(obligation)
    for f in fields_for(obligation, None, on):
        p = f.prefix
        f.value = str(data.get(f"{p}-value", "")).strip()[:50]
        f.no_data = bool(data.get(f"{p}-no_data"))
        f.reason = str(data.get(f"{p}-reason", "")).strip()
        name = _name(f.target)
        try:
            if f.no_data:
                if not f.reason:
                    raise MeasurementError(_("say why there is no data"))
                if len(f.reason) > TextLimit.REASON:
                    raise MeasurementError(
                        _("the reason is at most %(n)s characters") % {"n": TextLimit.REASON}
                    )
            elif f.value:
                number = parse_number(f.value, field=_("Value"))
                if number is not None and f.target.indicator is not None:
                    check_value(f.target.indicator, number, field=_("Value"))
                check_period(f.target, period)
        except MeasurementError as exc:
            f.error = _("%(target)s: %(error)s") % {"target": name, "error": exc}
        posted.fields.append(f)
    return posted


def save(
    *, obligation: Obligation, report_id: int, user: AbstractBaseUser | None, posted: Posted
) -> int:
    """Store the posted values with the report (what was left empty is not stored)."""
    stored = 0
    for f in posted.fields:
        if f.target.indicator is None or (not f.no_data and not f.value):
            continue
        record_measurement(
            indicator=f.target.indicator,
            target=f.target,
            user=user,
            period=period_of(obligation),
            value=None if f.no_data else f.value,
            no_data_reason=f.reason if f.no_data else "",
            scope=f.target.scope,
            source=MeasurementSource.REPORT,
            agency_id=obligation.agency_id,
            report_id=report_id,
        )
        stored += 1
    return stored


def unexplained(obligation: Obligation, report: Any, on: dt.date) -> list[str]:
    """The targets (named) off track or missed with the report's values, when the report has
    no explanation: submitting is refused until it explains them."""
    if (report.explanation or "").strip():
        return []
    return [
        _name(f.target)
        for f in fields_for(obligation, report.pk, on)
        if f.assessment is not None and f.assessment.status in NEEDS_EXPLANATION
    ]


def context(obligation: Obligation, report_id: int | None, on: dt.date) -> dict[str, Any]:
    return {"target_fields": fields_for(obligation, report_id, on)}
