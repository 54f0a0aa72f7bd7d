"""The figures the leaders' dashboards are drawn from, read from the database for a plan and
a year's reporting periods on a day (``compute_figures``: five grouped queries whatever the
number of agencies). Every figure comes from a definition owned elsewhere:

- progress: ``cchc.reporting.progress`` (approved reports only), by area and by agency;
- completeness, timeliness and the on-time share: ``cchc.reporting.grid.category`` for each
  lead obligation of a reporting period;
- targets: ``cchc.indicators.status.assess``;
- service indicators: the latest measurement of each ``tthc.*`` / ``766.*`` indicator.

The queries: the plan's nodes (1), its lead obligations with their latest approved reports,
their state and submission time (1: progress and the period counts are read from the same
rows), the plan's confirmed targets (1) and their measurements (1 when there are targets),
the service indicators with their latest value (1). A year's reporting periods (three
queries) are reused by the process for ``CCHC_DASHBOARDS_PERIODS_TTL`` seconds.

They are computed once per change and shared by every page (``cache.plan_figures``); the
pages' reads are ``selectors``.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery

from cchc.indicators.models import Indicator, Measurement, Target, TargetState
from cchc.indicators.selectors import TargetRow, with_status
from cchc.indicators.status import BEHIND, Status
from cchc.plans.models import Node, Plan, numbered_title
from cchc.reporting.grid import Category, category
from cchc.reporting.models import ReportState
from cchc.reporting.progress import AgencyProgress, LeadRow, progress_by_agency
from cchc.scheduling import selectors as due
from cchc.scheduling.models import ObligationStatus
from cchc.scheduling.periods import Period
from cchc.scheduling.workdays import WorkCalendar

# Indicator codes shown as service indicators (dossier figures, Quyết định 766 index).
SERVICE_PREFIXES = ("tthc.", "766.")

_PERIODS: dict[int, tuple[float, list[Period]]] = {}


def year_periods(year: int, *, calendar: WorkCalendar) -> list[Period]:
    """The reporting periods of ``year`` (``report_periods``: three queries), reused by the
    process for ``CCHC_DASHBOARDS_PERIODS_TTL`` seconds."""
    ttl = settings.CCHC_DASHBOARDS_PERIODS_TTL
    now = time.monotonic()
    found = _PERIODS.get(year)
    if ttl > 0 and found is not None and now - found[0] < ttl:
        return found[1]
    periods = due.report_periods(year, calendar=calendar)
    if ttl > 0:
        _PERIODS[year] = (now, periods)
    return periods


def forget_periods() -> None:
    _PERIODS.clear()


def pct(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


@dataclass(slots=True)
class Counts:
    """Lead obligations of a period, by category (``grid.category``)."""

    total: int = 0
    sent: int = 0
    on_time: int = 0
    overdue: int = 0
    approved: int = 0

    def add(self, cat: str, state: str | None) -> None:
        self.total += 1
        if cat in (Category.ON_TIME, Category.LATE):
            self.sent += 1
        if cat == Category.ON_TIME:
            self.on_time += 1
        if cat == Category.OVERDUE:
            self.overdue += 1
        if state == ReportState.APPROVED:
            self.approved += 1

    @property
    def completeness(self) -> float | None:
        return pct(self.sent, self.total)

    @property
    def timeliness(self) -> float | None:
        return pct(self.on_time, self.sent)

    @property
    def on_time_share(self) -> float | None:
        return pct(self.on_time, self.total)


@dataclass(frozen=True, slots=True)
class NodeRow:
    pk: int
    parent_id: int | None
    kind: str
    area_id: int | None
    heading: str
    depth: int


@dataclass(slots=True)
class ServiceRow:
    indicator: Indicator
    value: float | None
    period_label: str
    period_end: dt.date | None
    source: str


def plan_nodes(plan: Plan) -> list[NodeRow]:
    """The plan's nodes in document order, as the dashboards need them (one query)."""
    rows = (
        Node.objects.filter(plan=plan)
        .order_by("position")
        .values_list("pk", "parent_id", "kind", "area_id", "number", "label", "title", "depth")
    )
    return [
        NodeRow(
            pk,
            parent,
            kind,
            area,
            numbered_title(kind=kind, number=number, label=label, title=title),
            depth,
        )
        for pk, parent, kind, area, number, label, title, depth in rows
    ]


def _progress(
    plan: Plan, nodes: list[NodeRow], visit: PeriodCounter | None = None
) -> AgencyProgress:
    return progress_by_agency(
        plan, nodes=[(n.pk, n.parent_id, n.kind, n.area_id) for n in nodes], visit=visit
    )


class PeriodCounter:
    """Counts the lead obligations of ``periods`` (of one agency if asked) by period, and by
    period and agency, as ``progress_by_agency`` reads them (no query of its own)."""

    def __init__(self, *, periods: list[Period], on: dt.date, agency_id: int | None = None) -> None:
        self.wanted = {(p.report, p.kind, p.end) for p in periods}
        self.on = on
        self.agency_id = agency_id
        self.totals: dict[tuple[str, dt.date], Counts] = {}
        self.by_agency: dict[tuple[str, dt.date], dict[int, Counts]] = {}

    def __call__(self, row: LeadRow) -> None:
        if (row.report, row.period_kind, row.period_end) not in self.wanted:
            return
        if row.status == ObligationStatus.NOT_APPLICABLE:
            return
        if self.agency_id is not None and row.agency_id != self.agency_id:
            return
        cat = category(
            deadline=row.deadline, state=row.state, submitted_at=row.submitted_at, on=self.on
        )
        key = (row.period_kind, row.period_end)
        self.totals.setdefault(key, Counts()).add(cat, row.state)
        self.by_agency.setdefault(key, {}).setdefault(row.agency_id, Counts()).add(cat, row.state)


def _service() -> list[ServiceRow]:
    """Every service indicator with its latest measurement with a value (one query)."""
    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-period_end", "-pk")
    qs = (
        Indicator.objects.filter(
            Q(code__startswith=SERVICE_PREFIXES[0]) | Q(code__startswith=SERVICE_PREFIXES[1])
        )
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_label=Subquery(latest.values("period_label")[:1]),
            latest_end=Subquery(latest.values("period_end")[:1]),
            latest_source=Subquery(latest.values("source")[:1]),
        )
        .order_by("code")
    )
    return [
        ServiceRow(
            i,
            getattr(i, "latest_value", None),
            getattr(i, "latest_label", None) or "",
            getattr(i, "latest_end", None),
            getattr(i, "latest_source", None) or "",
        )
        for i in qs
    ]


def _targets(plan: Plan, on: dt.date) -> tuple[dict[str, int], list[TargetRow]]:
    targets = list(
        Target.objects.filter(node__plan=plan, state=TargetState.CONFIRMED)
        .select_related("indicator", "node")
        .order_by("node__position", "year", "pk")
    )
    rows = with_status(targets, on)
    counts = dict.fromkeys(Status.values, 0)
    for row in rows:
        counts[row.status] += 1
    order = {Status.MISSED: 0, Status.OFF_TRACK: 1, Status.AT_RISK: 2}
    behind = sorted(
        (r for r in rows if r.status in BEHIND),
        key=lambda r: (order.get(r.status, 9), r.target.node.position),
    )
    return counts, behind


@dataclass(slots=True)
class PlanFigures:
    """What the three pages read of a plan for a year's reporting periods on a day: computed
    from the database once per change (``plan_figures``), shared by every page and agency."""

    nodes: list[NodeRow]
    progress: AgencyProgress
    # (period kind, period end) → counts; and → agency id → counts.
    totals: dict[tuple[str, dt.date], Counts]
    by_agency: dict[tuple[str, dt.date], dict[int, Counts]]
    targets: dict[str, int]
    behind: list[TargetRow]
    service: list[ServiceRow]
    as_of: dt.datetime
    # What they were read from: the data version (``data_version``) and the day.
    version: str = ""
    day: dt.date | None = None

    @property
    def key(self) -> str:
        """Which figures these are (a rendered body is kept under it)."""
        return f"{self.version}:{self.day}:{self.as_of.timestamp()}"

    def current(self, version: str, on: dt.date) -> bool:
        """Whether nothing they are read from changed since (else: served while being
        computed again, with their "as of" time)."""
        return self.version == version and self.day == on


def compute_figures(
    *, plan: Plan, periods: list[Period], on: dt.date, now: dt.datetime, version: str = ""
) -> PlanFigures:
    """The figures from the database (five queries: nodes, lead obligations with their
    reports, targets and their measurements, service indicators), labelled with the data
    ``version`` read before them."""
    nodes = plan_nodes(plan)
    counter = PeriodCounter(periods=periods, on=on)
    progress = _progress(plan, nodes, counter)
    counts, behind = _targets(plan, on)
    return PlanFigures(
        nodes=nodes,
        progress=progress,
        totals=counter.totals,
        by_agency=counter.by_agency,
        targets=counts,
        behind=behind,
        service=_service(),
        as_of=now,
        version=version,
        day=on,
    )
