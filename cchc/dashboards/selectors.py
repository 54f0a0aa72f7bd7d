"""Reads of the leaders' dashboards: the province overview, an agency's scorecard and the
drill-down of a reform area, each from the plan's figures (``figures``, computed once per
change and kept by ``cache.plan_figures``) plus what the page alone needs.

The definitions shown on the pages are ``DEFINITIONS`` (docs/dashboards.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from cchc.dashboards.cache import data_version, plan_figures
from cchc.dashboards.figures import Counts, NodeRow, PlanFigures, ServiceRow, year_periods
from cchc.indicators.selectors import TargetRow
from cchc.indicators.status import Status
from cchc.plans.models import NodeKind, Plan
from cchc.scheduling import selectors as due
from cchc.scheduling.models import Obligation, ObligationStatus
from cchc.scheduling.periods import Period
from cchc.scheduling.workdays import WorkCalendar

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
