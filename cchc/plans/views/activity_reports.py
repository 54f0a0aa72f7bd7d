"""An activity's expected reports, one reporting period at a time.

The page listed every expected report of every period of every year for every agency (the
seed's busiest activity: 874 rows, 514 KB). What an officer opening an activity needs first is
the period now due (or, once every deadline has passed, the last one), its lead agency first
and what is overdue; the other periods are one choice away in a selector that gives each
period's counts (approved, without a report, overdue), so the history of approved reports is
reachable period by period. ``?period=`` chooses a period (``PeriodSummary.key``); the
selector swaps the section with HTMX and works as a plain GET form without JavaScript.

One query reads the activity's obligations the user may see as plain values (no model
objects): the periods' counts come from all of them, the rows are drawn for the chosen period
only (cchc.plans.views.report_rows).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.sql.compiler import SQLCompiler
from django.http import HttpRequest
from django.utils.safestring import SafeString

from cchc.accounts import permissions
from cchc.plans.views.report_rows import ReportRow, RowsHtml
from cchc.reporting.models import SENT_STATES, ReportState
from cchc.scheduling.models import Obligation, ObligationStatus

_SENT = frozenset(str(s) for s in SENT_STATES)
_APPROVED = str(ReportState.APPROVED)
_NOT_APPLICABLE = str(ObligationStatus.NOT_APPLICABLE)

# The columns of one expected report the section reads (one query, values only).
_COLUMNS = (
    "pk",
    "agency_id",
    "agency__name",
    "role",
    "period_kind",
    "period_label",
    "period_end",
    "deadline",
    "status",
    "progress_report__state",
    "progress_report__submitted_at",
    "progress_report__approved_at",
)


@dataclass(slots=True)
class PeriodSummary:
    """One reporting period of the activity, with the counts the selector shows."""

    key: str
    label: str
    kind: str
    end: dt.date
    deadline: dt.date
    count: int = 0
    approved: int = 0
    missing: int = 0
    late: int = 0
    # The period's expected reports as read (``_COLUMNS``).
    values: list[tuple[Any, ...]] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.end.year


@dataclass(slots=True)
class ActivityReports:
    # Every period the user sees, latest first.
    periods: list[PeriodSummary]
    # The period shown (None: no expected report the user sees).
    selected: PeriodSummary | None
    # Whether it is the default one (the period now due, or the last).
    is_current: bool
    # The chosen period's rows, drawn (lead agencies first).
    rows_html: SafeString | str
    # Expected reports of agencies the user does not see.
    hidden: int
    # Overdue expected reports over every period.
    late: int
    # Approved reports over every period.
    approved: int

    @property
    def count(self) -> int:
        return sum(p.count for p in self.periods)

    @property
    def years(self) -> list[tuple[int, list[PeriodSummary]]]:
        """The periods by year (the selector's groups), latest first."""
        out: list[tuple[int, list[PeriodSummary]]] = []
        for period in self.periods:
            if not out or out[-1][0] != period.year:
                out.append((period.year, []))
            out[-1][1].append(period)
        return out

    @property
    def late_periods(self) -> list[PeriodSummary]:
        """Periods other than the one shown that have overdue reports, latest first."""
        return [p for p in self.periods if p.late and p is not self.selected]


def period_key(kind: str, end: dt.date) -> str:
    return f"{end.isoformat()}-{kind}"


def activity_reports(
    request: HttpRequest, *, activity_id: int, today: dt.date, wanted: str | None
) -> ActivityReports:
    """The expected reports the user may see (their agencies', or all for those who see
    every agency: the reporting pages' own rule, so nothing is shown here that would be a 404
    there), by period; ``wanted``: the key of the period to show (else the current one)."""
    sees_all = permissions.sees_everything(request.user)
    own = set() if sees_all else permissions.agencies_of(request.user)
    periods: dict[tuple[str, dt.date], PeriodSummary] = {}
    hidden = 0
    rows = _rows(activity_id)
    sent, approved, not_applicable = _SENT, _APPROVED, _NOT_APPLICABLE
    for row in rows:
        if not (sees_all or row[1] in own):
            hidden += 1
            continue
        kind, label, end, deadline, status, state = row[4:10]
        period = periods.get((kind, end))
        if period is None:
            period = periods[kind, end] = PeriodSummary(
                key=period_key(kind, end), label=label, kind=kind, end=end, deadline=deadline
            )
        period.count += 1
        if deadline < period.deadline:
            period.deadline = deadline
        if state is None:
            period.missing += 1
        elif state == approved:
            period.approved += 1
        if deadline < today and state not in sent and status != not_applicable:
            period.late += 1
        # Drawn only for the period shown (see below).
        period.values.append(row)
    ordered = sorted(
        periods.values(), key=lambda p: (p.end, p.deadline, p.kind, p.label), reverse=True
    )
    current = _current(ordered, today)
    selected = next((p for p in ordered if p.key == wanted), None) if wanted else None
    selected = selected or current
    rows_html: SafeString | str = ""
    if selected is not None:
        shown = [_row(values, today) for values in selected.values]
        shown.sort(key=lambda r: (not r.lead, r.agency_name, r.pk))
        rows_html = RowsHtml().rows(shown)
    return ActivityReports(
        periods=ordered,
        selected=selected,
        is_current=selected is current,
        rows_html=rows_html,
        hidden=hidden,
        late=sum(p.late for p in ordered),
        approved=sum(p.approved for p in ordered),
    )


# Stands for the activity's id while the query is compiled (``_compiled``).
_PK = -7_340_005


@functools.cache
def _compiled() -> tuple[SQLCompiler, str, tuple[Any, ...]]:
    """The section's query as SQL, compiled once by the process, with the compiler that
    converts its rows (dates on SQLite, ...) as ``values_list`` does."""
    rows = Obligation.objects.filter(activity_id=_PK).values_list(*_COLUMNS)
    compiler = rows.query.get_compiler(using=rows.db)
    sql, params = compiler.as_sql()
    return compiler, sql, tuple(params)


def _rows(activity_id: int) -> Iterable[tuple[Any, ...]]:
    """The activity's expected reports (``_COLUMNS``): what ``values_list`` reads, without
    compiling the query on each request (it cost as much as running it)."""
    compiler, sql, params = _compiled()
    with connections[compiler.using or DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(sql, [activity_id if p == _PK else p for p in params])
        fetched = cursor.fetchall()
    return cast("Iterable[tuple[Any, ...]]", compiler.results_iter(results=[fetched]))


def _row(values: tuple[Any, ...], today: dt.date) -> ReportRow:
    pk, agency_id, name, role, _kind, _label, _end, deadline, status, state, sent, ok = values
    return ReportRow(
        pk=pk,
        agency_id=agency_id,
        agency_name=name,
        lead=role == "lead",
        deadline=deadline,
        state=state,
        submitted_at=sent,
        approved_at=ok,
        late=deadline < today and state not in _SENT and status != _NOT_APPLICABLE,
        can_open=True,
    )


def _current(ordered: list[PeriodSummary], today: dt.date) -> PeriodSummary | None:
    """The period whose deadline comes next (the longest of those due that day), or the
    last one when every deadline has passed."""
    upcoming = [p for p in ordered if p.deadline >= today]
    if upcoming:
        soonest = min(p.deadline for p in upcoming)
        return next(p for p in upcoming if p.deadline == soonest)
    return ordered[0] if ordered else None


__all__ = ["ActivityReports", "PeriodSummary", "activity_reports", "period_key"]
