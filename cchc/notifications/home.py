"""Reads of the home page: each role's work on one day.

- A focal point or head: the reports of any period returned or awaiting the head's sign-off;
  the current reporting period (the Nghị định 09 period whose deadline comes next) of their
  agencies' obligations, counted (late, to write, sent); the first rows of their work,
  returned reports first.
- The secretariat: the reports to review; for the period whose deadline passed last and the
  one due next, the lead reports sent and overdue and how many agencies are late.
- A leader: the same periods, without the review queue.

Each summary costs a fixed number of queries, whatever the number of obligations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Q, QuerySet, Value, When

from cchc.accounts import permissions
from cchc.accounts.models import Role as MemberRole
from cchc.accounts.permissions import AnyUser
from cchc.agencies.models import Agency, Role
from cchc.reporting.models import SENT_STATES, Report, ReportState
from cchc.scheduling import selectors as due
from cchc.scheduling.models import Obligation, ObligationStatus
from cchc.scheduling.periods import Period
from cchc.scheduling.workdays import WorkCalendar

# Rows of work listed on the home page (the rest is one link away, in "my reports").
WORK_ROWS = 10


def current_period(*, on: dt.date, calendar: WorkCalendar) -> Period | None:
    """The reporting period whose deadline comes next on ``on`` (else the latest past)."""
    periods = [
        p for year in (on.year, on.year + 1) for p in due.report_periods(year, calendar=calendar)
    ]
    return due.default_period(periods, on=on)


def _of_period(period: Period) -> Q:
    return Q(report=period.report, period_kind=period.kind, period_end=period.end)


@dataclass(slots=True)
class AgencyWork:
    """A focal point's or head's period, counted, and their first rows of work."""

    period: Period | None
    agencies: list[tuple[int, str]]
    counts: dict[str, int] = field(default_factory=dict)
    rows: list[due.DueRow] = field(default_factory=list)
    more: bool = False


def agency_work(*, user: AnyUser, on: dt.date, calendar: WorkCalendar) -> AgencyWork:
    pairs = permissions.memberships_of(user)
    ids = sorted({a for a, role in pairs if role in (MemberRole.FOCAL_POINT, MemberRole.HEAD)})
    period = current_period(on=on, calendar=calendar)
    agencies = list(Agency.objects.filter(pk__in=ids).order_by("name").values_list("pk", "name"))
    work = AgencyWork(period=period, agencies=agencies)
    returned = Q(progress_report__state=ReportState.RETURNED)
    if period is not None:
        qs = (
            due.obligations(on=on, filters=due.DueFilters(), period=period)
            .filter(agency_id__in=ids)
            .exclude(status=ObligationStatus.NOT_APPLICABLE)
        )
        totals = qs.order_by().aggregate(
            total=Count("pk"),
            late=Count("pk", filter=Q(current=ObligationStatus.LATE) & ~returned),
            to_write=Count(
                "pk",
                filter=Q(current__in=(ObligationStatus.OPEN, ObligationStatus.NOT_DUE))
                & ~returned
                & ~Q(progress_report__state=ReportState.AWAITING_SIGN_OFF),
            ),
            sent=Count(
                "pk",
                filter=Q(current__in=(ObligationStatus.SUBMITTED, ObligationStatus.APPROVED)),
            ),
        )
        work.counts = {k: v or 0 for k, v in totals.items()}
    # What waits for someone now, of any period: returned, awaiting the head's sign-off.
    waiting = Report.objects.filter(obligation__agency_id__in=ids).aggregate(
        returned=Count("pk", filter=Q(state=ReportState.RETURNED)),
        awaiting=Count("pk", filter=Q(state=ReportState.AWAITING_SIGN_OFF)),
    )
    work.counts.update({k: v or 0 for k, v in waiting.items()})
    # The work itself, of any period: returned first, then overdue, then by deadline.
    rows_qs = work_queryset(agency_ids=set(ids), on=on)[: WORK_ROWS + 1]
    found = list(rows_qs)
    work.more = len(found) > WORK_ROWS
    work.rows = due.due_rows(found[:WORK_ROWS], on=on, calendar=calendar)
    return work


def work_queryset(*, agency_ids: set[int], on: dt.date) -> QuerySet[Obligation]:
    """The agencies' obligations that wait for someone of the agency: still to write (open,
    late), returned, or awaiting the head's sign-off; returned first, then overdue first."""
    qs = due.obligations(on=on, filters=due.DueFilters()).filter(agency_id__in=agency_ids)
    qs = qs.filter(
        Q(current__in=(ObligationStatus.OPEN, ObligationStatus.LATE))
        | Q(progress_report__state__in=(ReportState.RETURNED, ReportState.AWAITING_SIGN_OFF))
    )
    qs = due.with_row_fields(qs).annotate(report_state=F("progress_report__state"))
    returned_first = Q(progress_report__state=ReportState.RETURNED)
    # 0 for a returned report, 1 otherwise: never NULL (PostgreSQL sorts NULL first).
    return qs.annotate(
        returned_last=Case(When(returned_first, then=Value(0)), default=Value(1))
    ).order_by(
        F("returned_last").asc(),
        F("rank").asc(),
        "deadline",
        "activity__position",
        "agency__name",
        "pk",
    )


@dataclass(slots=True)
class PeriodSummary:
    """One period's lead reports across the province."""

    period: Period
    key: str
    total: int = 0
    sent: int = 0
    overdue: int = 0
    late_agencies: int = 0


@dataclass(slots=True)
class ProvinceSummary:
    """The secretariat's and leaders' home: the reports to review, and the period whose
    deadline passed last (where lateness shows) and the one due next."""

    periods: list[PeriodSummary] = field(default_factory=list)
    to_review: int = 0


def province_summary(*, on: dt.date, calendar: WorkCalendar) -> ProvinceSummary:
    periods = [
        p
        for year in (on.year - 1, on.year, on.year + 1)
        for p in due.report_periods(year, calendar=calendar)
    ]
    past = max(
        (p for p in periods if p.deadline_effective < on),
        key=lambda p: (p.deadline_effective, p.end),
        default=None,
    )
    upcoming = due.default_period([p for p in periods if p.deadline_effective >= on], on=on)
    summary = ProvinceSummary()
    summary.to_review = Report.objects.filter(state=ReportState.SUBMITTED).count()
    sent = Q(progress_report__state__in=SENT_STATES)
    overdue = Q(deadline__lt=on) & ~sent
    for period in (past, upcoming):
        if period is None:
            continue
        totals = (
            Obligation.objects.filter(_of_period(period), role=Role.LEAD)
            .exclude(status=ObligationStatus.NOT_APPLICABLE)
            .aggregate(
                total=Count("pk"),
                sent=Count("pk", filter=sent),
                overdue=Count("pk", filter=overdue),
                late_agencies=Count("agency_id", filter=overdue, distinct=True),
            )
        )
        summary.periods.append(
            PeriodSummary(
                period=period,
                key=due.period_key(period),
                total=totals["total"] or 0,
                sent=totals["sent"] or 0,
                overdue=totals["overdue"] or 0,
                late_agencies=totals["late_agencies"] or 0,
            )
        )
    return summary
