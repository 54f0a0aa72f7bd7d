"""Reads of what is public, for the public pages, the releases and the catalogue.

Only what the secretariat marked public leaves through here: ``published()`` answers the
latest decision per subject (one query), and every other reader starts from it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from cchc.agencies.models import Agency
from cchc.indicators.models import Indicator, Measurement, TargetState
from cchc.indicators.selectors import TargetRow, plan_targets
from cchc.opendata.models import Publication, Release, ReleaseState, Subject
from cchc.plans.models import Node, NodeKind, Plan
from cchc.reporting.models import ReportState
from cchc.reporting.progress import AgencyProgress, progress_by_agency


@dataclass(frozen=True, slots=True)
class Published:
    """The ids of what is public now: plans (progress), plans whose targets are, indicators."""

    plans: frozenset[int] = frozenset()
    targets: frozenset[int] = frozenset()
    indicators: frozenset[int] = frozenset()


def published() -> Published:
    """The latest decision per subject (one query over the small history table)."""
    latest: dict[tuple[str, int], bool] = {}
    rows = Publication.objects.order_by("at", "pk").values_list(
        "subject", "plan_id", "indicator_id", "public"
    )
    for subject, plan_id, indicator_id, public in rows:
        latest[(subject, plan_id or indicator_id)] = public
    chosen: dict[str, set[int]] = defaultdict(set)
    for (subject, object_id), public in latest.items():
        if public:
            chosen[subject].add(object_id)
    return Published(
        plans=frozenset(chosen[Subject.PLAN]),
        targets=frozenset(chosen[Subject.TARGETS]),
        indicators=frozenset(chosen[Subject.INDICATOR]),
    )


def history() -> QuerySet[Publication]:
    return Publication.objects.select_related("plan", "indicator", "actor")


def public_plans(pub: Published) -> list[Plan]:
    return list(Plan.objects.filter(pk__in=pub.plans).order_by("-issued_on", "pk"))


def public_indicators(pub: Published) -> list[Indicator]:
    return list(Indicator.objects.filter(pk__in=pub.indicators).order_by("code"))


@dataclass(slots=True)
class AgencyRow:
    agency: Agency
    activities: int
    percent: float


@dataclass(slots=True)
class PlanView:
    plan: Plan
    overall: float
    activities: int
    done: int
    areas: list[tuple[Node, float | None]] = field(default_factory=list)
    agencies: list[AgencyRow] = field(default_factory=list)
    targets: list[TargetRow] | None = None
    # Node id → percent, for every node with activities beneath it.
    nodes: dict[int, float] = field(default_factory=dict)


def plan_view(plan: Plan, *, pub: Published, on: dt.date) -> PlanView:
    """Progress of a public plan by area and by lead agency, and its targets when those are
    public too. Both come from ``reporting.progress.progress_by_agency``: an agency's figure
    is the one its scorecard on the leaders' dashboards shows (the mean, over the activities
    it leads, of its own latest approved report's completion, 0 without one)."""
    nodes = list(
        Node.objects.filter(plan=plan)
        .values_list("id", "parent_id", "kind", "area_id")
        .order_by("position")
    )
    result = progress_by_agency(plan, nodes=nodes)
    progress = result.plan
    areas = list(
        Node.objects.filter(plan=plan, kind=NodeKind.SECTION, parent__isnull=True).order_by(
            "position"
        )
    )
    view = PlanView(
        plan=plan,
        overall=progress.overall,
        activities=len(progress.activities),
        done=progress.done_count,
        areas=[(area, progress.nodes.get(area.pk)) for area in areas],
        agencies=agency_rows(result),
        nodes=progress.nodes,
    )
    if plan.pk in pub.targets:
        view.targets = [
            row
            for row in plan_targets(plan_id=plan.pk, on=on)
            if row.target.state == TargetState.CONFIRMED
        ]
    return view


def agency_rows(result: AgencyProgress) -> list[AgencyRow]:
    """Each lead agency of the plan with the number of activities it leads and its progress
    (``progress_by_agency``'s ``overall``: the scorecard's number), by name (one query)."""
    led: dict[int, int] = defaultdict(int)
    for agency_id, _activity_id in result.own:
        led[agency_id] += 1
    names = Agency.objects.in_bulk(result.overall.keys())
    rows = [
        AgencyRow(names[agency_id], led[agency_id], percent)
        for agency_id, percent in result.overall.items()
        if agency_id in names
    ]
    rows.sort(key=lambda r: r.agency.name)
    return rows


def approved_measurements(indicator_ids: frozenset[int] | set[int]) -> QuerySet[Measurement]:
    """Values that count publicly: imported or computed ones, and those of approved
    reports."""
    return (
        Measurement.objects.filter(indicator_id__in=indicator_ids)
        .filter(Q(report__isnull=True) | Q(report__state=ReportState.APPROVED))
        .select_related("indicator", "agency")
        .order_by("indicator__code", "period_end", "scope", "pk")
    )


def published_releases() -> QuerySet[Release]:
    return Release.objects.filter(state=ReleaseState.PUBLISHED).order_by("-published_at", "-pk")
