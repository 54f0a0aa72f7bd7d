"""Progress of a plan: the one definition every page, export and API response uses.

**An activity's lead agencies** are the agencies with a lead obligation on it (an activity led
by "Các Sở, ngành" has one per department). For each of them only its **latest approved
report** counts (latest by reporting period, then by approval): drafts, submitted and returned
reports say nothing yet.

- **Activity progress** (0–100): the mean, over its lead agencies, of the completion percent
  of each one's latest approved report; an agency without one counts 0, and so does an
  activity without lead obligations (an event-driven activity, a lead not yet resolved).
- **An activity is done** when every lead agency's latest approved report says *done* or *done
  late* and lists at least one piece of evidence (an expected output delivered).
- **A task, objective, area and the plan**: the plain mean of the progress of all the
  activities beneath them, at any depth (not a mean of means: each activity weighs the same).
  A node with no activity beneath it has no progress and is absent from the results.

``progress_for`` computes it for a whole plan in two queries (one when the caller has the
plan's nodes), ``activity_progress`` for one activity in one.

**An agency's progress in an area** (the dashboards' heat map and scorecards): the mean, over
the activities of the area the agency leads, of the completion percent of its own latest
approved report on each (0 without one). ``progress_by_agency`` gives it with the plan's
progress from the same one query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from cchc.agencies.models import Role
from cchc.plans.models import Node, NodeKind, Plan
from cchc.reporting.models import DONE_STATUSES, Evidence, ReportState
from cchc.scheduling.models import Obligation


@dataclass(frozen=True, slots=True)
class ActivityProgress:
    percent: float
    done: bool
    # Lead agencies, and those with an approved report.
    leads: int
    reported: int


@dataclass(slots=True)
class PlanProgress:
    activities: dict[int, ActivityProgress] = field(default_factory=dict)
    # Every node with an activity beneath it (activities included) → percent.
    nodes: dict[int, float] = field(default_factory=dict)
    overall: float = 0.0

    @property
    def done_count(self) -> int:
        return sum(1 for a in self.activities.values() if a.done)


@dataclass(frozen=True, slots=True)
class LeadRow:
    """One lead obligation as ``visit`` sees it."""

    agency_id: int
    period_end: dt.date
    state: str | None
    report: str
    period_kind: str
    deadline: dt.date
    status: str
    submitted_at: dt.datetime | None


VISITED = ("report", "period_kind", "deadline", "status", "submitted_at")


@dataclass(frozen=True, slots=True)
class _Latest:
    key: tuple[dt.date, dt.datetime]
    percent: int
    done: bool


def _lead_reports(
    obligations: QuerySet[Obligation],
    *,
    names: dict[int, str] | None = None,
    visit: Callable[[LeadRow], None] | None = None,
    until: dt.date | None = None,
) -> tuple[dict[int, set[int]], dict[tuple[int, int], _Latest]]:
    """From one query over lead obligations: activity → its lead agencies, and (activity,
    agency) → that lead agency's latest approved report. ``names``, when given, is filled
    with agency id → name from the same query; ``visit``, when given, is called with every
    row (what the dashboards count by period, without a second query). ``until``: only the
    reports of periods ending on or before it count (progress as of a cut-off).

    Without ``visit`` the database keeps one row per (activity, lead agency), its latest
    approved report first (a window, ``ROW_NUMBER() OVER (PARTITION BY activity, agency)``,
    on PostgreSQL and SQLite alike): a few thousand rows instead of every obligation of every
    year. Evidence is looked for only on approved reports of done work."""
    if names is not None or visit is not None:
        obligations = obligations.annotate(agency_name=F("agency__name"))
    if visit is not None:
        obligations = obligations.annotate(submitted_at=F("progress_report__submitted_at"))
    obligations = obligations.filter(role=Role.LEAD)
    approved = Q(progress_report__state=ReportState.APPROVED)
    # Evidence is looked for only where it decides something: an approved report of done work.
    done = approved & Q(progress_report__work_status__in=DONE_STATUSES)
    evidence = Exists(Evidence.objects.filter(report_id=OuterRef("progress_report")))
    obligations = obligations.annotate(
        has_evidence=Case(
            When(done, then=evidence), default=Value(False), output_field=BooleanField()
        )
    )
    if visit is None:
        # One row per (activity, lead agency): its latest approved report that counts (by
        # period, then approval), else any of its obligations (the agency still leads).
        counts = approved if until is None else approved & Q(period_end__lte=until)
        obligations = obligations.annotate(
            latest_rank=Window(
                RowNumber(),
                partition_by=[F("activity_id"), F("agency_id")],
                order_by=[
                    Case(
                        When(counts, then=Value(1)), default=Value(0), output_field=IntegerField()
                    ).desc(),
                    F("period_end").desc(),
                    F("progress_report__approved_at").desc(nulls_last=True),
                ],
            )
        ).filter(latest_rank=1)
    rows = obligations.values_list(
        "activity_id",
        "agency_id",
        "period_end",
        "progress_report__state",
        "progress_report__approved_at",
        "progress_report__percent",
        "progress_report__work_status",
        "has_evidence",
        *(("agency_name",) if names is not None or visit is not None else ()),
        *(VISITED if visit is not None else ()),
    ).order_by()
    leads: dict[int, set[int]] = {}
    latest: dict[tuple[int, int], _Latest] = {}
    for row in rows:
        activity_id, agency_id, period_end, state, approved_at, percent, status, evidence = row[:8]
        if names is not None:
            names[agency_id] = row[8]
        if visit is not None:
            visit(LeadRow(agency_id, period_end, state, *row[9:]))
        leads.setdefault(activity_id, set()).add(agency_id)
        if state != ReportState.APPROVED or (until is not None and period_end > until):
            continue
        assert approved_at is not None  # the database refuses an approved report without it
        item = _Latest(
            key=(period_end, approved_at),
            percent=percent,
            done=status in DONE_STATUSES and bool(evidence),
        )
        current = latest.get((activity_id, agency_id))
        if current is None or item.key > current.key:
            latest[(activity_id, agency_id)] = item
    return leads, latest


def _activity(
    leads: set[int], activity_id: int, latest: dict[tuple[int, int], _Latest]
) -> ActivityProgress:
    found = [latest[(activity_id, a)] for a in leads if (activity_id, a) in latest]
    if not leads:
        return ActivityProgress(percent=0.0, done=False, leads=0, reported=0)
    return ActivityProgress(
        percent=sum(f.percent for f in found) / len(leads),
        done=len(found) == len(leads) and all(f.done for f in found),
        leads=len(leads),
        reported=len(found),
    )


def progress_for(
    plan: Plan,
    *,
    nodes: Iterable[tuple[int, int | None, str]] | None = None,
    until: dt.date | None = None,
    subtree: bool = False,
) -> PlanProgress:
    """Progress of every activity and every node of ``plan``, and of the plan: two queries,
    one when the caller already has the plan's ``nodes`` as (id, parent id, kind). ``until``:
    as of that cut-off (only reports of periods ending by then; the periodic report).
    ``subtree``: ``nodes`` are one node and everything beneath it, and only their activities'
    obligations are read (a lazy part of the plan tree); ``overall`` is then theirs."""
    if nodes is None:
        nodes = Node.objects.filter(plan=plan).values_list("id", "parent_id", "kind")
    nodes = list(nodes)
    obligations = Obligation.objects.filter(activity__plan=plan)
    if subtree:
        obligations = obligations.filter(
            activity_id__in=[pk for pk, _parent, kind in nodes if kind == NodeKind.ACTIVITY]
        )
    leads, latest = _lead_reports(obligations, until=until)

    parents = {node_id: parent_id for node_id, parent_id, _kind in nodes}
    result = PlanProgress()
    sums: dict[int, float] = {}
    counts: dict[int, int] = {}
    for node_id, _parent, kind in nodes:
        if kind != NodeKind.ACTIVITY:
            continue
        progress = _activity(leads.get(node_id, set()), node_id, latest)
        result.activities[node_id] = progress
        walk: int | None = node_id
        while walk is not None:
            sums[walk] = sums.get(walk, 0.0) + progress.percent
            counts[walk] = counts.get(walk, 0) + 1
            walk = parents.get(walk)
    result.nodes = {node_id: sums[node_id] / counts[node_id] for node_id in sums}
    if result.activities:
        result.overall = sum(a.percent for a in result.activities.values()) / len(result.activities)
    return result


def activity_progress(activity_id: int) -> ActivityProgress:
    """One activity's progress (one query): the same definition, for its page."""
    leads, latest = _lead_reports(Obligation.objects.filter(activity_id=activity_id))
    return _activity(leads.get(activity_id, set()), activity_id, latest)


def plan_progress(plan: Plan) -> dict[int, float]:
    """Node id → progress (0–100) for every node of ``plan`` with activities beneath it."""
    return progress_for(plan).nodes


@dataclass(slots=True)
class AgencyProgress:
    """The plan's progress, and each lead agency's progress by area (one query)."""

    plan: PlanProgress
    # agency id → name, for the agencies with a lead obligation in the plan.
    agencies: dict[int, str] = field(default_factory=dict)
    # (agency id, area id) → percent; and the number of activities it leads there.
    cells: dict[tuple[int, int], float] = field(default_factory=dict)
    led: dict[tuple[int, int], int] = field(default_factory=dict)
    # agency id → percent over all the activities it leads in the plan.
    overall: dict[int, float] = field(default_factory=dict)
    # (agency id, activity id) → its own latest approved percent (0 without one).
    own: dict[tuple[int, int], float] = field(default_factory=dict)


def progress_by_agency(
    plan: Plan,
    *,
    nodes: Iterable[tuple[int, int | None, str, int | None]],
    visit: Callable[[LeadRow], None] | None = None,
) -> AgencyProgress:
    """``progress_for`` with each lead agency's progress by area, from one query over the
    plan's lead obligations; ``nodes`` are the plan's (id, parent id, kind, area id).
    ``visit`` is called with each lead obligation read (see ``_lead_reports``)."""
    nodes = list(nodes)
    names: dict[int, str] = {}
    leads, latest = _lead_reports(
        Obligation.objects.filter(activity__plan=plan), names=names, visit=visit
    )
    area_of = {node_id: area_id for node_id, _p, _k, area_id in nodes}
    parents = {node_id: parent_id for node_id, parent_id, _k, _a in nodes}
    result = AgencyProgress(plan=PlanProgress(), agencies=names)
    sums: dict[int, float] = {}
    counts: dict[int, int] = {}
    cell_sums: dict[tuple[int, int], float] = {}
    agency_sums: dict[int, float] = {}
    agency_counts: dict[int, int] = {}
    for node_id, _parent, kind, _area in nodes:
        if kind != NodeKind.ACTIVITY:
            continue
        agencies = leads.get(node_id, set())
        progress = _activity(agencies, node_id, latest)
        result.plan.activities[node_id] = progress
        walk: int | None = node_id
        while walk is not None:
            sums[walk] = sums.get(walk, 0.0) + progress.percent
            counts[walk] = counts.get(walk, 0) + 1
            walk = parents.get(walk)
        area = area_of.get(node_id)
        for agency_id in agencies:
            found = latest.get((node_id, agency_id))
            percent = float(found.percent) if found is not None else 0.0
            result.own[(agency_id, node_id)] = percent
            agency_sums[agency_id] = agency_sums.get(agency_id, 0.0) + percent
            agency_counts[agency_id] = agency_counts.get(agency_id, 0) + 1
            if area is None:
                continue
            key = (agency_id, area)
            cell_sums[key] = cell_sums.get(key, 0.0) + percent
            result.led[key] = result.led.get(key, 0) + 1
    result.plan.nodes = {node_id: sums[node_id] / counts[node_id] for node_id in sums}
    activities = result.plan.activities
    if activities:
        result.plan.overall = sum(a.percent for a in activities.values()) / len(activities)
    result.cells = {key: cell_sums[key] / result.led[key] for key in cell_sums}
    result.overall = {a: agency_sums[a] / agency_counts[a] for a in agency_sums}
    return result
