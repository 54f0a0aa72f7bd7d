"""The reporting status of one period (the web's "Tình hình báo cáo" grid): agencies ×
categories as ``cchc.reporting.grid`` defines them, for whoever reads every agency (the
secretariat, leaders, administrators); reminders to chosen agencies, for the secretariat."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from annotated_types import Interval, MaxLen
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from cchc.accounts import permissions
from cchc.api import access
from cchc.api.errors import answers
from cchc.api.schemas import MAX_ITEMS, Id, In, Word
from cchc.reporting import grid
from cchc.reporting.actions import ReportError
from cchc.scheduling import selectors as due
from cchc.scheduling.periods import Period
from cchc.scheduling.reminders import send_manual_reminders
from cchc.scheduling.workdays import WorkCalendar

router = Router(tags=["status"])
# The years a period may be asked for.
Year = Annotated[int, Interval(ge=1901, le=2199)]


class StatusQuery(Schema):
    year: Year | None = None
    period: Word | None = None  # a period's key, e.g. "quarter-1"; default: the one due next
    plan: Id | None = None
    area: Id | None = None
    level: Word = ""
    overdue_only: bool = False
    sort: Word = "-overdue"


class PeriodOut(Schema):
    key: str
    label: str
    start: dt.date
    end: dt.date
    deadline: dt.date


class AgencyStatusOut(Schema):
    agency_id: int | None
    agency: str
    total: int
    on_time: int
    late: int
    in_progress: int
    overdue: int
    not_started: int
    approved: int
    awaiting_review: int
    completeness: float | None
    timeliness: float | None


class StatusOut(Schema):
    on: dt.date
    period: PeriodOut | None
    agencies: list[AgencyStatusOut]
    totals: AgencyStatusOut | None


class RemindIn(In):
    year: Year
    period: Word
    agencies: Annotated[list[Id], MaxLen(MAX_ITEMS)]


class RemindOut(Schema):
    sent: int
    skipped: int
    no_contact: int


def _row(row: grid.GridRow) -> AgencyStatusOut:
    return AgencyStatusOut(
        agency_id=row.agency_id,
        agency=row.name,
        total=row.total,
        approved=row.approved,
        awaiting_review=row.awaiting_review,
        completeness=row.completeness,
        timeliness=row.timeliness,
        **{c: row.counts[c] for c in grid.Category.values},
    )


def _period(year: int, key: str) -> Period:
    found = due.period_by_key(year, key, calendar=WorkCalendar())
    if found is None:
        raise ReportError(_("Choose a reporting period."))
    return found


@router.get("/", response=answers({200: StatusOut}, 403))
def get_status(request: HttpRequest, query: Query[StatusQuery]) -> StatusOut:
    """Each agency's lead reports of the period by category (on time, late, in progress
    within deadline, overdue, not started), with completeness and timeliness in %."""
    if not permissions.sees_everything(request.user):
        permissions.deny(
            request.user,
            "status",
            message=_("Only the secretariat, leaders and administrators read this."),
        )
    on = timezone.localdate()
    years = due.obligation_years(on=on)
    _year, _periods, period = due.choose_period(
        year=str(query.year) if query.year else None,
        period=query.period,
        years=years,
        on=on,
        calendar=WorkCalendar(),
    )
    if period is None:
        return StatusOut(on=on, period=None, agencies=[], totals=None)
    filters = grid.GridFilters(
        plan=query.plan,
        area=query.area,
        level=query.level,
        overdue_only=query.overdue_only,
        sort=query.sort if query.sort in grid.SORTS else "-overdue",
    )
    result = grid.status_grid(period=period, on=on, filters=filters)
    return StatusOut(
        on=on,
        period=PeriodOut(
            key=due.period_key(period),
            label=period.label,
            start=period.start,
            end=period.end,
            deadline=period.deadline,
        ),
        agencies=[_row(r) for r in result.rows],
        totals=_row(result.totals),
    )


@router.post("/remind", response=answers({200: RemindOut}, 400, 403))
def remind(request: HttpRequest, payload: RemindIn) -> RemindOut:
    """E-mail the chosen agencies about their lead reports of the period not yet sent to the
    secretariat; each report at most once a day."""
    if not permissions.is_secretariat(request.user):
        permissions.deny(request.user, "remind", message=_("Only the secretariat sends reminders."))
    if not payload.agencies:
        raise ReportError(_("Choose the agencies to remind."))
    period = _period(payload.year, payload.period)
    obligations = grid.unsent_obligations(period=period, agency_ids=payload.agencies)
    result = send_manual_reminders(
        obligations=obligations, on=timezone.localdate(), by=access.actor(request)
    )
    return RemindOut(sent=result.sent, skipped=result.skipped, no_contact=result.no_contact)
