"""Reads of indicators, targets and measurements for the pages, the API and the CLI. Every
status comes from ``status.assess`` (the one rule); measurements are read once per call,
never per target."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Count, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404

from cchc.indicators.models import Indicator, Measurement, Target, TargetState
from cchc.indicators.status import BEHIND, Assessment, Status, assess
from cchc.plans.models import Node, NodeKind
from cchc.scheduling.models import Obligation


@dataclass(frozen=True, slots=True)
class TargetRow:
    target: Target
    assessment: Assessment

    @property
    def status(self) -> Status:
        return self.assessment.status


def indicator_list() -> QuerySet[Indicator]:
    """Every indicator with its number of confirmed targets and of values: one query."""
    return Indicator.objects.annotate(
        confirmed_targets=Count(
            "targets", filter=Q(targets__state=TargetState.CONFIRMED), distinct=True
        ),
        values_count=Count("measurements", distinct=True),
    ).order_by("code")


def measurements_of(indicator_ids: Iterable[int]) -> dict[int, list[Measurement]]:
    """The measurements of the indicators, by indicator, in time order: one query."""
    by_indicator: dict[int, list[Measurement]] = defaultdict(list)
    rows = (
        Measurement.objects.filter(indicator_id__in=set(indicator_ids))
        .select_related("agency", "entered_by", "report")
        .order_by("period_end", "pk")
    )
    for m in rows:
        by_indicator[m.indicator_id].append(m)
    return by_indicator


def with_status(targets: Sequence[Target], on: dt.date) -> list[TargetRow]:
    """Each target with its assessment on ``on`` (one query for all their measurements)."""
    series = measurements_of(t.indicator_id for t in targets if t.indicator_id)
    return [TargetRow(t, assess(t, on, series.get(t.indicator_id or 0, []))) for t in targets]


def _targets() -> QuerySet[Target]:
    return Target.objects.select_related("indicator", "node", "node__plan", "node__area")


@dataclass(slots=True)
class SeriesPoint:
    label: str
    end: dt.date
    actual: float | None
    target: float | None


@dataclass(slots=True)
class IndicatorPage:
    indicator: Indicator
    targets: list[TargetRow]
    measurements: list[Measurement]
    history: list[object] = field(default_factory=list)


def indicator_page(*, code: str, on: dt.date) -> IndicatorPage:
    indicator = get_object_or_404(Indicator, code=code)
    targets = list(_targets().filter(indicator=indicator, state=TargetState.CONFIRMED))
    measurements = measurements_of([indicator.pk]).get(indicator.pk, [])
    rows = [TargetRow(t, assess(t, on, measurements)) for t in targets]
    history = list(indicator.history.select_related("actor").order_by("-at")[:20])
    return IndicatorPage(indicator, rows, measurements, list(history))


def chart_data(page: IndicatorPage) -> dict[str, object]:
    """The chart's data (``json_script``): per scope, the actual values and each confirmed
    target's trajectory (baseline → value at the due day)."""
    scopes: dict[str, dict[str, list[list[object]]]] = {}
    for m in page.measurements:
        if m.value is None:
            continue
        scope = scopes.setdefault(m.scope, {"actual": [], "target": []})
        scope["actual"].append([m.period_end.isoformat(), m.value])
    for row in page.targets:
        t = row.target
        due = t.due
        if due is None:
            continue
        scope = scopes.setdefault(t.scope, {"actual": [], "target": []})
        if t.baseline is not None and t.baseline_year is not None:
            scope["target"].append([dt.date(t.baseline_year, 12, 31).isoformat(), t.baseline])
        scope["target"].append([due.isoformat(), t.value])
    for scope in scopes.values():
        scope["target"].sort(key=lambda p: str(p[0]))
    return {
        "unit": page.indicator.unit,
        "inverse": page.indicator.unit == "rank",
        "series": [
            {"scope": name, "actual": data["actual"], "target": data["target"]}
            for name, data in sorted(scopes.items())
        ],
    }


def review_queue(*, area_id: int | None = None, state: str = TargetState.PROPOSED) -> list[Target]:
    """Targets awaiting the secretariat's decision (or another state), in document order."""
    qs = _targets().filter(state=state)
    if area_id is not None:
        qs = qs.filter(node__area_id=area_id)
    return list(qs.order_by("node__plan_id", "node__position", "year", "scope", "pk"))


def areas_with_targets() -> list[Node]:
    ids = Target.objects.values_list("node__area_id", flat=True).distinct()
    return list(Node.objects.filter(pk__in=ids).order_by("plan_id", "position"))


@dataclass(slots=True)
class BehindRow:
    target: Target
    assessment: Assessment
    agencies: list[str]


def _responsible(nodes: Iterable[Node]) -> dict[int, list[str]]:
    """Lead agencies (and groups) of each node's activities: the node itself, or the
    activities below it. Two queries."""
    from cchc.agencies.models import Assignment

    node_ids = {n.pk for n in nodes}
    activities = Node.objects.filter(kind=NodeKind.ACTIVITY).filter(
        Q(pk__in=node_ids) | Q(parent_id__in=node_ids) | Q(parent__parent_id__in=node_ids)
    )
    owner: dict[int, set[int]] = defaultdict(set)
    for pk, parent, grandparent in activities.values_list("pk", "parent_id", "parent__parent_id"):
        for candidate in (pk, parent, grandparent):
            if candidate in node_ids:
                owner[pk].add(candidate)
    names: dict[int, list[str]] = defaultdict(list)
    rows = (
        Assignment.objects.open()
        .filter(activity_id__in=owner, role="lead")
        .values_list("activity_id", "agency__name", "group__name")
        .order_by("agency__name", "group__name")
    )
    for activity_id, agency, group in rows:
        name = agency or group
        for node_id in owner[activity_id]:
            if name and name not in names[node_id]:
                names[node_id].append(name)
    return names


def behind(*, on: dt.date, area_id: int | None = None) -> list[BehindRow]:
    """Confirmed targets at risk, off track or missed on ``on``, with their responsible
    agencies: "Chỉ tiêu chậm tiến độ"."""
    qs = _targets().filter(state=TargetState.CONFIRMED)
    if area_id is not None:
        qs = qs.filter(node__area_id=area_id)
    rows = [r for r in with_status(list(qs), on) if r.status in BEHIND]
    agencies = _responsible(r.target.node for r in rows)
    order = {Status.MISSED: 0, Status.OFF_TRACK: 1, Status.AT_RISK: 2}
    rows.sort(key=lambda r: (order.get(r.status, 9), r.target.node.position))
    return [BehindRow(r.target, r.assessment, agencies.get(r.target.node_id, [])) for r in rows]


def node_targets(*, node: Node, on: dt.date) -> list[TargetRow]:
    """The node's own targets (confirmed and proposed, not rejected) with their status.
    None when the node was read with ``has_targets`` false (``targets_exist``): no query."""
    if getattr(node, "has_targets", True) is False:
        return []
    targets = list(
        Target.objects.select_related("indicator")
        .filter(node_id=node.pk)
        .exclude(state=TargetState.REJECTED)
    )
    if not targets:
        return []
    for target in targets:
        target.node = node  # the node the caller has: no join of the node, plan and area
    return with_status(targets, on)


def targets_exist() -> Exists:
    """Whether a node (the outer query's row) has targets ``node_targets`` shows: annotate a
    node query with it as ``has_targets`` and ``node_targets`` reads nothing when false."""
    return Exists(Target.objects.filter(node_id=OuterRef("pk")).exclude(state=TargetState.REJECTED))


def carried_by(*, activity: Node, period_end: dt.date) -> list[Target]:
    """The confirmed targets a report on ``activity`` answers for the period ending on
    ``period_end``: those of the activity and of its task and objective, one per indicator
    and scope (the one due soonest at or after the period's year; trajectories have one per
    year)."""
    nodes = Q(node_id=activity.pk)
    if activity.parent_id:
        # The task, and its objective (the task's parent) in the same query.
        grandparent = Node.objects.filter(pk=activity.parent_id, parent__isnull=False)
        nodes |= Q(node_id=activity.parent_id) | Q(node_id__in=grandparent.values("parent_id"))
    candidates = (
        # The report's fields show a target's indicator, never its node (a lighter query).
        Target.objects.select_related("indicator")
        .filter(nodes, state=TargetState.CONFIRMED)
        .filter(Q(year__isnull=True) | Q(year__gte=period_end.year))
        .order_by("indicator_id", "scope", "year", "pk")
    )
    chosen: dict[tuple[int | None, str], Target] = {}
    for t in candidates:
        chosen.setdefault((t.indicator_id, t.scope), t)
    return list(chosen.values())


def carried_exist() -> RawSQL:
    """Whether ``carried_by`` may find targets for an obligation (the outer query's
    obligation row): a confirmed target on its activity, the activity's task or
    the task's objective, whatever its year (false: ``carried_by`` finds none, no need to
    ask). Annotate an obligation query with it as ``carries_targets`` (``report_fields``).
    Plain SQL, as the obligation's other annotations (``reporting.selectors``)."""
    q = connection.ops.quote_name
    targets, nodes = q(Target._meta.db_table), q(Node._meta.db_table)
    activity = f"{q(Obligation._meta.db_table)}.{q('activity_id')}"
    task = f"(SELECT {q('parent_id')} FROM {nodes} WHERE {q('id')} = {activity})"
    objective = f"(SELECT {q('parent_id')} FROM {nodes} WHERE {q('id')} = {task})"
    return RawSQL(
        f"EXISTS (SELECT 1 FROM {targets} WHERE {q('state')} = %s "
        f"AND {q('node_id')} IN ({activity}, {task}, {objective}))",
        (TargetState.CONFIRMED.value,),
        output_field=BooleanField(),
    )


def plan_targets(*, plan_id: int, on: dt.date) -> list[TargetRow]:
    """Every stored target of a plan with its status (the CLI, exports)."""
    targets = list(_targets().filter(node__plan_id=plan_id).order_by("node__position", "year"))
    return with_status(targets, on)
