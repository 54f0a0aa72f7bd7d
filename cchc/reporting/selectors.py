"""Reads of the report pages: a focal point's list, one report with everything shown around
it, the reports awaiting review. Every list costs a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from cchc.accounts import permissions
from cchc.accounts.permissions import AnyUser
from cchc.agencies.models import Role
from cchc.reporting.models import (
    Contribution,
    ContributionState,
    Evidence,
    Report,
    ReportState,
    ReportTransition,
)
from cchc.scheduling import selectors as due
from cchc.scheduling.models import Obligation, ObligationStatus
from cchc.scheduling.workdays import WorkCalendar

# Obligations whose report is still to write: open or late on the clock, or returned.
TO_WRITE = (ObligationStatus.OPEN, ObligationStatus.LATE)


@dataclass(frozen=True, slots=True)
class MyRow:
    row: due.DueRow
    report_state: str  # "" when no report was started


def my_obligations(*, user: AnyUser, on: dt.date) -> QuerySet[Obligation]:
    """The user's agencies' obligations still to write (open, late, or returned), overdue
    first, then by deadline."""
    agencies = permissions.agencies_of(user)
    qs = due.obligations(on=on, filters=due.DueFilters()).filter(agency_id__in=agencies)
    qs = qs.filter(Q(current__in=TO_WRITE) | Q(progress_report__state=ReportState.RETURNED))
    return due.with_row_fields(qs).annotate(report_state=F("progress_report__state"))


def my_rows(obligations: list[Obligation], *, on: dt.date, calendar: WorkCalendar) -> list[MyRow]:
    rows = due.due_rows(obligations, on=on, calendar=calendar)
    return [
        MyRow(row=r, report_state=str(getattr(r.obligation, "report_state", "") or ""))
        for r in rows
    ]


def obligation_for(pk: int) -> Obligation | None:
    return (
        Obligation.objects.select_related("activity", "activity__plan", "agency")
        .filter(pk=pk)
        .first()
    )


def report_of(obligation: Obligation) -> Report | None:
    return Report.objects.filter(obligation=obligation).first()


def evidence_of(report: Report | None) -> list[Evidence]:
    if report is None:
        return []
    return list(report.evidence.select_related("added_by"))


def history_of(report: Report | None) -> list[ReportTransition]:
    if report is None:
        return []
    return list(report.history.select_related("actor"))


def contributions_for(obligation: Obligation) -> list[Contribution]:
    """The coordinating agencies' submitted contributions on the same activity and period."""
    return list(
        Contribution.objects.filter(
            state=ContributionState.SUBMITTED,
            obligation__activity_id=obligation.activity_id,
            obligation__report=obligation.report,
            obligation__period_kind=obligation.period_kind,
            obligation__period_end=obligation.period_end,
            obligation__role=Role.PARTNER,
        )
        .select_related("obligation__agency", "author")
        .order_by("obligation__agency__name", "pk")
    )


def contribution_of(obligation: Obligation) -> Contribution | None:
    return Contribution.objects.filter(obligation=obligation).first()


def awaiting_review() -> QuerySet[Report]:
    """Submitted reports, the oldest submission first."""
    return (
        Report.objects.filter(state=ReportState.SUBMITTED)
        .select_related("obligation__activity", "obligation__agency")
        .order_by("submitted_at", "pk")
    )
