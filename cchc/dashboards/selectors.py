"""Reads of the leaders' dashboards: the province overview, an agency's scorecard and the
drill-down of a reform area. Every figure comes from a definition owned elsewhere:

- progress: ``cchc.reporting.progress`` (approved reports only), by area and by agency;
- completeness, timeliness and the on-time share: ``cchc.reporting.grid.category`` for each
  lead obligation of a reporting period;
- targets: ``cchc.indicators.status.assess``;
- service indicators: the latest measurement of each ``tthc.*`` / ``766.*`` indicator.

Each read costs a fixed number of grouped queries whatever the number of agencies:
the plan's nodes (1), its lead obligations with their latest approved reports, their state
and submission time (1: progress and the period counts are read from the same rows), the
plan's confirmed targets (1) and their measurements (1 when there are targets), the service
indicators with their latest value (1). A year's reporting periods (three queries) are reused
by the process for ``CCHC_DASHBOARDS_PERIODS_TTL`` seconds.

Those reads are made once per change, not per page: ``plan_figures`` keeps them in the cache
under the plan's data version (``data_version``: the plan's version and the figures' version
of ``cchc.core.versions``, read with the plan: no query of its own) and the day, shared by
the overview, every agency's scorecard and the drill-down. Every change a figure depends on
bumps one of the two in its own transaction: import, obligation generation, approval and
reopening the plan's; a report reaching or leaving the secretariat (submission, sign-off,
return, withdrawal), targets decided, measurements recorded or removed (rollup refresh
included) and indicators the figures'.

The definitions shown on the pages are ``DEFINITIONS`` (docs/dashboards.md).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.core import versions
from cchc.core.models import CacheVersion
from cchc.dashboards import store
from cchc.indicators.models import Indicator, Measurement, Target, TargetState
from cchc.indicators.selectors import TargetRow, with_status
from cchc.indicators.status import BEHIND, Status
from cchc.plans.models import Node, NodeKind, Plan, numbered_title
from cchc.reporting.grid import Category, category
from cchc.reporting.models import ReportState
from cchc.reporting.progress import AgencyProgress, LeadRow, progress_by_agency
from cchc.scheduling import selectors as due
from cchc.scheduling.models import Obligation, ObligationStatus
from cchc.scheduling.periods import Period
from cchc.scheduling.workdays import WorkCalendar

# Indicator codes shown as service indicators (dossier figures, Quyết định 766 index).
SERVICE_PREFIXES = ("tthc.", "766.")
# Targets behind listed on the overview (the rest: the "targets behind" page).
BEHIND_SHOWN = 10
# Agencies shown on the overview, lowest progress first (all of them: ``?agencies=all``).
AGENCIES_SHOWN = 10

DEFINITIONS = {
    "progress": _(
        "Mean progress (0–100%) of the activities beneath, each counting the latest approved "
        "report of each of its lead agencies (0 without one). Drafts and reports under review "
        "do not count."
    ),
    "completeness": _(
        "Lead reports of the period that reached the secretariat (submitted or approved), out "
        "of those expected (not applicable ones left out)."
    ),
    "timeliness": _(
        "Lead reports of the period sent on or before their deadline, out of those sent."
    ),
    "on_time_share": _(
        "Lead reports of the period sent on or before their deadline, out of all those "
        "expected: the share of obligations met on time."
    ),
    "heat": _(
        "Each agency's progress in each reform area: the mean, over the activities of the "
        "area it leads, of its own latest approved report's completion (0 without one)."
    ),
    "targets": _(
        "Confirmed targets of the plan by status on the day (met, on track, at risk, off "
        "track, missed, no data), judged on the latest measurement against the trajectory."
    ),
    "service": _(
        "The latest value of each service indicator (dossiers, Quyết định 766 index) with "
        "its period and source; no data yet when none was recorded."
    ),
    "trend": _(
        "Completeness and timeliness of each reporting period of the year; the change is "
        "against the reporting period before it."
    ),
}


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


def choose_period(
    *, year: int | None, key: str, years: list[int], on: dt.date
) -> tuple[int, list[Period], Period | None]:
    """``scheduling.selectors.choose_period`` over ``year_periods``: the year asked for (if
    offered; else the year of the period due next), its periods and the period of ``key``
    (else the one due next)."""
    calendar = WorkCalendar()
    if year is None or year not in years:
        # The year of the period due next: this year's, else (late December) the next.
        this = year_periods(on.year, calendar=calendar)
        year = on.year if any(p.deadline_effective >= on for p in this) else on.year + 1
    periods = year_periods(year, calendar=calendar)
    by_key = {due.period_key(p): p for p in periods}
    return year, periods, by_key.get(key) or due.default_period(periods, on=on)


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


@dataclass(slots=True)
class PeriodFigures:
    period: Period
    key: str
    counts: Counts
    previous: Counts | None = None

    @staticmethod
    def _delta(now: float | None, before: float | None) -> float | None:
        return None if now is None or before is None else now - before

    @property
    def completeness_change(self) -> float | None:
        before = self.previous.completeness if self.previous else None
        return self._delta(self.counts.completeness, before)

    @property
    def timeliness_change(self) -> float | None:
        before = self.previous.timeliness if self.previous else None
        return self._delta(self.counts.timeliness, before)


@dataclass(frozen=True, slots=True)
class NodeRow:
    pk: int
    parent_id: int | None
    kind: str
    area_id: int | None
    heading: str
    depth: int


@dataclass(slots=True)
class AreaRow:
    node: NodeRow
    percent: float
    activities: int
    done: int


@dataclass(slots=True)
class AgencyRow:
    agency_id: int
    name: str
    progress: float | None
    counts: Counts
    # Area id → percent, for the heat map (absent: it leads nothing there).
    cells: dict[int, float] = field(default_factory=dict)
    # The same in the order of the overview's areas (None: it leads nothing there).
    heat: list[float | None] = field(default_factory=list)


@dataclass(slots=True)
class ServiceRow:
    indicator: Indicator
    value: float | None
    period_label: str
    period_end: dt.date | None
    source: str


@dataclass(slots=True)
class Overview:
    plan: Plan
    period: Period | None
    on: dt.date
    as_of: dt.datetime
    overall: float
    activities: int
    done: int
    areas: list[AreaRow]
    agencies: list[AgencyRow]
    periods: list[PeriodFigures]
    current: PeriodFigures | None
    targets: dict[str, int]
    behind: list[TargetRow]
    behind_total: int
    service: list[ServiceRow]
    # The figures are older than the data (served while they are computed again).
    updating: bool = False

    @property
    def target_counts(self) -> list[tuple[str, str, int]]:
        return [(s.value, str(s.label), self.targets[s.value]) for s in Status]


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


def _figures(
    periods: list[Period], totals: dict[tuple[str, dt.date], Counts], key_of: dict[int, str]
) -> list[PeriodFigures]:
    """Each period's counts with those of the reporting period before it in the year."""
    result = []
    last: Counts | None = None
    for p in sorted(periods, key=lambda p: (p.end, p.kind)):
        counts = totals.get((p.kind, p.end), Counts())
        result.append(PeriodFigures(p, key_of[id(p)], counts, last))
        last = counts
    return result


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


def with_versions(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """``plans`` with what their figures are read from, in the same query: each plan's version
    (import, obligations, approval, reopening) and the figures' (a report reaching or leaving
    the secretariat, targets, measurements, indicators; ``cchc.core.versions``)."""
    figures = CacheVersion.objects.filter(key=versions.FIGURES_KEY).values("value")[:1]
    return versions.with_version(plans, versions.PLAN_PREFIX).annotate(
        figures_version=Subquery(figures)
    )


def data_version(plan: Plan) -> str:
    """The plan's data version as one string: read with the plan (``with_versions``), else
    here (one query). Its creation time keeps apart two plans of the same id (a database
    rebuilt, a test rolled back) before their first version."""
    if not hasattr(plan, "figures_version"):
        plan = with_versions(Plan.objects.filter(pk=plan.pk)).only("pk", "created_at").get()
    plan_version = getattr(plan, "cache_version", None) or 0
    figures_version = getattr(plan, "figures_version", None) or 0
    return f"{plan.created_at.timestamp()}.{plan_version}.{figures_version}"


def figures_key(plan_id: int, digest: str, on: dt.date, version: str) -> str:
    """The process cache's key of a plan's figures (``digest``: ``store.periods_digest``)."""
    return f"{_figures_prefix(plan_id)}{version}:{on.isoformat()}:{digest}"


def _figures_prefix(plan_id: int) -> str:
    return f"dashboards:figures:{plan_id}:"


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


class LocalCache:
    """A small cache of this process's own: values are shared, not copied (a cached
    ``PlanFigures`` of 2,000 activities takes 150 ms to unpickle from Django's cache, more
    than the page). Keys carry the data version, so an entry is never stale, only unused;
    at most ``size`` entries, each for at most ``CCHC_PAGE_CACHE_SECONDS``. The readers
    never change what they get."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: dict[str, tuple[float, object]] = {}
        self.lock = threading.Lock()

    def get(self, key: str) -> object | None:
        found = self.entries.get(key)
        if found is None or time.monotonic() - found[0] > settings.CCHC_PAGE_CACHE_SECONDS:
            return None
        return found[1]

    def set(self, key: str, value: object) -> None:
        with self.lock:
            self.entries.pop(key, None)
            while len(self.entries) >= self.size:
                self.entries.pop(next(iter(self.entries)))  # the oldest entry
            self.entries[key] = (time.monotonic(), value)

    def drop(self, prefix: str, *, keep: str) -> None:
        """Forget the entries whose key starts with ``prefix`` but not with ``keep``."""
        with self.lock:
            for key in [k for k in self.entries if k.startswith(prefix)]:
                if not key.startswith(keep):
                    del self.entries[key]

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


FIGURES = LocalCache(8)
# Rendered page bodies (``views.pages``): for each figures, a few periods and languages.
BODIES = LocalCache(64)


def forget_figures() -> None:
    FIGURES.clear()
    BODIES.clear()


def plan_figures(
    *, plan: Plan, periods: list[Period], on: dt.date, now: dt.datetime
) -> PlanFigures:
    """The plan's figures for ``periods`` (a year's) on the day ``on``.

    From the process's cache while nothing they are read from changed (``data_version``,
    read with the plan: no query). Else from the figures every process shares
    (``store``: one query, one more to load figures another process computed): current
    ones, or stale ones with their "as of" time while one recomputation is queued; computed
    here (and stored) when there are none, or when they have been stale longer than
    ``CCHC_DASHBOARDS_STALE_SECONDS``. The day is part of what they are read from: what is
    overdue and the targets' status depend on it."""
    version = data_version(plan)
    digest = store.periods_digest(periods)
    found = FIGURES.get(figures_key(plan.pk, digest, on, version))
    if isinstance(found, PlanFigures):
        return found
    stored = store.read(plan.pk, digest)
    if stored is None:
        return _compute_and_store(plan=plan, periods=periods, digest=digest, on=on, now=now)
    fresh = stored.current(version, on) and not store.too_old(stored, now)
    if not fresh and store.stale_too_long(stored, now):
        return _compute_and_store(plan=plan, periods=periods, digest=digest, on=on, now=now)
    held = _held(plan.pk, digest, stored)
    if held is None:
        return _compute_and_store(plan=plan, periods=periods, digest=digest, on=on, now=now)
    if not fresh:
        year = periods[0].year if periods else None
        store.request_refresh(stored, plan_id=plan.pk, year=year, day=on, now=now)
    return held


def _held(plan_id: int, digest: str, stored: store.Stored) -> PlanFigures | None:
    """The figures of ``stored``: this process's copy, else loaded (and kept)."""
    version = stored.version.split(":", 1)[1] if ":" in stored.version else stored.version
    key = figures_key(plan_id, digest, stored.day, version)
    found = FIGURES.get(key)
    if isinstance(found, PlanFigures) and found.as_of == stored.as_of:
        return found
    loaded = store.load(stored)
    if not isinstance(loaded, PlanFigures):
        return None
    _keep(plan_id, key, version, loaded)
    return loaded


def _keep(plan_id: int, key: str, version: str, figures: PlanFigures) -> None:
    # The plan's figures of another version will not be read again by this process.
    prefix = _figures_prefix(plan_id)
    FIGURES.drop(prefix, keep=f"{prefix}{version}:")
    FIGURES.set(key, figures)


# One computation of a plan's figures at a time in a process: its other threads wait for it.
_COMPUTING: dict[tuple[int, str], threading.Lock] = {}
_COMPUTING_GUARD = threading.Lock()


def _computing(plan_id: int, digest: str) -> threading.Lock:
    with _COMPUTING_GUARD:
        return _COMPUTING.setdefault((plan_id, digest), threading.Lock())


def _compute_and_store(
    *, plan: Plan, periods: list[Period], digest: str, on: dt.date, now: dt.datetime
) -> PlanFigures:
    version = data_version(plan)
    key = figures_key(plan.pk, digest, on, version)
    before = FIGURES.get(key)
    with _computing(plan.pk, digest):
        found = FIGURES.get(key)
        if isinstance(found, PlanFigures) and found is not before:
            return found  # computed by another thread while this one waited
        made = compute_figures(plan=plan, periods=periods, on=on, now=now, version=version)
        store.save(plan_id=plan.pk, digest=digest, version=version, day=on, as_of=now, value=made)
        _keep(plan.pk, key, version, made)
    return made


def recompute(*, plan_id: int, year: int | None, on: dt.date) -> None:
    """Compute and store a plan's figures for ``year``'s reporting periods on ``on``
    (``store.refresh_figures``, outside any request): the data version is read first, so
    the figures are at least as new as the version they are stored under."""
    plan = with_versions(Plan.objects.filter(pk=plan_id)).only("pk", "created_at").first()
    if plan is None:
        return
    periods = year_periods(year, calendar=WorkCalendar()) if year is not None else []
    _compute_and_store(
        plan=plan, periods=periods, digest=store.periods_digest(periods), on=on, now=timezone.now()
    )


def overview(
    *,
    plan: Plan,
    periods: list[Period],
    period: Period | None,
    key_of: dict[int, str],
    on: dt.date,
    now: dt.datetime,
    figures: PlanFigures | None = None,
) -> Overview:
    """The province overview of ``plan`` for the reporting ``period`` among ``periods`` (the
    year's), on ``on``: the cached figures (``plan_figures``, unless given)."""
    fig = figures or plan_figures(plan=plan, periods=periods, on=on, now=now)
    nodes, progress = fig.nodes, fig.progress
    activities = progress.plan.activities
    area_of = {n.pk: n.area_id for n in nodes}
    under: dict[int | None, list[bool]] = {}
    for pk, activity in activities.items():
        under.setdefault(area_of.get(pk), []).append(activity.done)
    areas = [
        AreaRow(
            node,
            progress.plan.nodes.get(node.pk, 0.0),
            len(under[node.pk]),
            sum(under[node.pk]),
        )
        for node in nodes
        if node.parent_id is None and node.kind == NodeKind.SECTION and node.pk in under
    ]
    by_period = _figures(periods, fig.totals, key_of)
    current = next((f for f in by_period if period is not None and f.period is period), None)
    chosen = fig.by_agency.get((period.kind, period.end), {}) if period is not None else {}
    cells: dict[int, dict[int, float]] = {}
    for (agency_id, area), value in progress.cells.items():
        cells.setdefault(agency_id, {})[area] = value
    agencies = [
        AgencyRow(
            agency_id,
            name,
            progress.overall.get(agency_id),
            chosen.get(agency_id, Counts()),
            cells.get(agency_id, {}),
        )
        for agency_id, name in progress.agencies.items()
    ]
    agencies.sort(key=lambda r: (r.progress or 0.0, r.name))
    for row in agencies:
        row.heat = [row.cells.get(a.node.pk) for a in areas]
    return Overview(
        plan=plan,
        period=period,
        on=on,
        as_of=fig.as_of,
        overall=progress.plan.overall,
        activities=len(activities),
        done=progress.plan.done_count,
        areas=areas,
        agencies=agencies,
        periods=by_period,
        current=current,
        targets=fig.targets,
        behind=fig.behind[:BEHIND_SHOWN],
        behind_total=len(fig.behind),
        service=fig.service,
        updating=not fig.current(data_version(plan), on),
    )


def attention(data: Overview) -> list[AgencyRow]:
    """The agencies the overview shows first (``AGENCIES_SHOWN``): most reports overdue in
    the chosen period, then lowest progress (all of them: ``data.agencies``)."""
    ranked = sorted(data.agencies, key=lambda r: (-r.counts.overdue, r.progress or 0.0, r.name))
    return ranked[:AGENCIES_SHOWN]


@dataclass(slots=True)
class Scorecard:
    agency_id: int
    name: str
    plan: Plan
    as_of: dt.datetime
    progress: float | None
    periods: list[PeriodFigures]
    current: PeriodFigures | None
    areas: list[tuple[NodeRow, float, int]]
    activities: list[tuple[NodeRow, float, bool]]
    updating: bool = False


def scorecard(
    *,
    agency_id: int,
    name: str,
    plan: Plan,
    periods: list[Period],
    period: Period | None,
    key_of: dict[int, str],
    on: dt.date,
    now: dt.datetime,
    figures: PlanFigures | None = None,
) -> Scorecard:
    """One agency's card: its progress overall and by area, the activities it leads (its own
    latest approved percent on each), and its completeness and timeliness in each period of
    the year (the cached figures: ``plan_figures``, unless given)."""
    fig = figures or plan_figures(plan=plan, periods=periods, on=on, now=now)
    progress = fig.progress
    by_pk = {n.pk: n for n in fig.nodes}
    areas = [
        (by_pk[area], percent, progress.led[(a, area)])
        for (a, area), percent in progress.cells.items()
        if a == agency_id and area in by_pk
    ]
    areas.sort(key=lambda item: item[0].pk)
    led = [
        (by_pk[pk], percent, progress.plan.activities[pk].done)
        for (a, pk), percent in progress.own.items()
        if a == agency_id and pk in by_pk
    ]
    led.sort(key=lambda item: item[0].pk)
    own = {key: counts[agency_id] for key, counts in fig.by_agency.items() if agency_id in counts}
    by_period = _figures(periods, own, key_of)
    current = next((f for f in by_period if period is not None and f.period is period), None)
    return Scorecard(
        agency_id=agency_id,
        name=name,
        plan=plan,
        as_of=fig.as_of,
        progress=progress.overall.get(agency_id),
        periods=by_period,
        current=current,
        areas=areas,
        activities=led,
        updating=not fig.current(data_version(plan), on),
    )


@dataclass(slots=True)
class Drill:
    plan: Plan
    node: NodeRow
    trail: list[NodeRow]
    children: list[tuple[NodeRow, float | None]]
    percent: float | None
    obligations: list[Obligation]
    as_of: dt.datetime
    updating: bool = False


def drill(
    *,
    plan: Plan,
    node_id: int,
    now: dt.datetime,
    on: dt.date,
    periods: list[Period] | None = None,
    figures: PlanFigures | None = None,
) -> Drill | None:
    """A node of the plan with its children's progress (the cached figures of the year due
    next, or of ``periods``, as the overview reads them); for an activity, its obligations and
    their reports (one query)."""
    if periods is None:
        _year, periods, _period = choose_period(year=None, key="", years=[], on=on)
    fig = figures or plan_figures(plan=plan, periods=periods, on=on, now=now)
    nodes = fig.nodes
    by_pk = {n.pk: n for n in nodes}
    node = by_pk.get(node_id)
    if node is None:
        return None
    progress = fig.progress.plan
    trail = []
    walk = node.parent_id
    while walk is not None and walk in by_pk:
        trail.append(by_pk[walk])
        walk = by_pk[walk].parent_id
    trail.reverse()
    children = [(n, progress.nodes.get(n.pk)) for n in nodes if n.parent_id == node.pk]
    obligations: list[Obligation] = []
    if node.kind == NodeKind.ACTIVITY:
        obligations = list(
            Obligation.objects.filter(activity_id=node.pk)
            .exclude(status=ObligationStatus.NOT_APPLICABLE)
            .select_related("agency", "progress_report")
            .only(
                "pk",
                "role",
                "period_label",
                "period_end",
                "deadline",
                "status",
                "agency__name",
                "progress_report__state",
                "progress_report__percent",
                "progress_report__work_status",
                "progress_report__approved_at",
            )
            .order_by("-period_end", "role", "agency__name")
        )
    return Drill(
        plan=plan,
        node=node,
        trail=trail,
        children=children,
        percent=progress.nodes.get(node.pk),
        obligations=obligations,
        as_of=fig.as_of,
        updating=not fig.current(data_version(plan), on),
    )
