"""The obligations grid: one expected report per activity × responsible agency × period.

``generate_obligations`` derives the grid from three things: each activity's schedule (its
timeframe, read by ``timeframes.parse_timeframe``), its open assignments (agency groups
expand to their members at the period's cut-off), and the reporting periods of the report's
rules (``periods.periods_for``). It is idempotent: run again after the plan, an assignment or
a rule changed, it creates what is newly expected, updates dates of what is still unfiled,
and removes unfiled obligations no longer expected. Filed ones (submitted, approved, not
applicable) and started ones (a draft, a contribution) are never touched: when they no
longer apply they are kept and listed in the run's ``GenerationRun.kept_rows`` for the
secretariat. Which periods an activity owes a report for: ``reported_in``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from cchc.agencies.models import Assignment
from cchc.agencies.resolver import Resolver
from cchc.core.history import actor_of
from cchc.core.versions import bump_plan
from cchc.plans.models import Node, NodeKind, Plan
from cchc.scheduling.models import FILED_STATUSES, GenerationRun, Obligation, ObligationStatus
from cchc.scheduling.periods import Period, periods_for
from cchc.scheduling.timeframes import Schedule, parse_timeframe

_YEARS_RE = re.compile(r"(20\d\d)\s*[-–]\s*(20\d\d)")
# Schedules that say when work happens; events ("Khi có Thông tư mới") and unknown text are
# reported on when the secretariat decides, not on a calendar.
_SCHEDULED = {"deadline", "span", "recurring", "continuous"}


@dataclass(frozen=True, slots=True)
class Expected:
    activity_id: int
    agency_id: int
    role: str
    report: str
    period: Period


@dataclass(slots=True)
class GenerateResult:
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    filed_kept: int = 0
    unscheduled: int = 0
    # Obligations no longer expected but kept: a report was filed or started on them.
    kept_unexpected: list[int] = field(default_factory=list)
    run: GenerationRun | None = None


def plan_span(plan: Plan, schedules: list[Schedule]) -> tuple[dt.date, dt.date]:
    """The years a plan covers: from its title ("giai đoạn 2021-2030"), else its schedules."""
    found = _YEARS_RE.search(plan.title)
    if found:
        return dt.date(int(found.group(1)), 1, 1), dt.date(int(found.group(2)), 12, 31)
    starts = [s.start for s in schedules if s.start] + [s.end for s in schedules if s.end]
    if starts:
        return min(starts).replace(month=1, day=1), max(starts).replace(month=12, day=31)
    year = (plan.issued_on or timezone.localdate()).year
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def active_span(schedule: Schedule, span: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """When an activity is under way, clipped to the plan's span."""
    start = schedule.start or span[0]
    end = schedule.end or span[1]
    if schedule.kind == "deadline" and schedule.start is None:
        start = span[0]
    return max(start, span[0]), min(end, span[1])


def closing_end(last: dt.date, periods: list[Period]) -> dt.date | None:
    """The named end of an activity's closing period: the first period (by the calendar
    months it is named for) that ends on or after the activity's last day. None when no
    period of the list gets there (the activity runs past the periods asked for)."""
    return min((p.named_end for p in periods if p.named_end >= last), default=None)


def reported_in(period: Period, *, first: dt.date, last: dt.date, closing: dt.date | None) -> bool:
    """Whether an activity scheduled from ``first`` to ``last`` owes a report for ``period``.

    The rule (docs/obligations.md): the calendar months the period is named for (Quý I/2026 =
    1/1–31/3/2026, not its NĐ 09 window 15/12/2025–14/3/2026) overlap the schedule, and the
    period ends no later than the activity's closing period. An activity of "Năm 2025" is
    reported in the 2025 periods only; one that ends on 30/4/2026 in Quý I and the half-year
    of 2026, not again in the annual report.
    """
    if period.named_end < first or period.named_start > last:
        return False
    return closing is None or period.named_end <= closing


def expected_obligations(
    *, plan: Plan, since: dt.date, until: dt.date, report: str, period_kind: str | None
) -> tuple[list[Expected], int]:
    """What is expected from whom for which period, and how many activities have no
    calendar (events, unreadable timeframes)."""
    activities = list(
        Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY)
        .only("id", "timeframe")
        .order_by("position")
    )
    schedules = {a.pk: parse_timeframe(a.timeframe) for a in activities}
    span = plan_span(plan, list(schedules.values()))
    # Every period of the report from the plan's start (the closing period of an activity
    # may lie before ``since``), and the ones in range.
    all_periods = [
        p
        for year in range(min(span[0].year, since.year), until.year + 2)
        for p in periods_for(year, kind=period_kind, report=report)
    ]
    periods = [p for p in all_periods if p.end >= since and p.start <= until]
    assignments: dict[int, list[Assignment]] = {}
    for assignment in (
        Assignment.objects.filter(activity__plan=plan)
        .select_related("agency", "group")
        .order_by("pk")
    ):
        assignments.setdefault(assignment.activity_id, []).append(assignment)
    member_cache: dict[tuple[int, dt.date], list[int]] = {}
    resolver = Resolver.load()
    expected: list[Expected] = []
    unscheduled = 0
    for activity in activities:
        schedule = schedules[activity.pk]
        if schedule.kind not in _SCHEDULED:
            unscheduled += 1
            continue
        first, last = active_span(schedule, span)
        closing = closing_end(last, all_periods)
        for period in periods:
            if not reported_in(period, first=first, last=last, closing=closing):
                continue
            for assignment in assignments.get(activity.pk, []):
                if not _open_during(assignment, period):
                    continue
                for agency_id in _agencies(assignment, period.end, member_cache, resolver):
                    expected.append(
                        Expected(activity.pk, agency_id, assignment.role, report, period)
                    )
    return _unique(expected), unscheduled


def _open_during(assignment: Assignment, period: Period) -> bool:
    started = assignment.started_on is None or assignment.started_on <= period.end
    ended = assignment.ended_on is not None and assignment.ended_on < period.end
    return started and not ended


def _agencies(
    assignment: Assignment,
    day: dt.date,
    cache: dict[tuple[int, dt.date], list[int]],
    resolver: Resolver,
) -> list[int]:
    """Who reports for an assignment on a period's cut-off: the agency, or the agencies
    carrying its work if it no longer exists then (the registry's successions); a group's
    members then."""
    if assignment.agency is not None:
        if assignment.agency.is_valid_on(day):
            return [assignment.agency.pk]
        return [a.pk for a in resolver.successors_on(assignment.agency.pk, day)]
    assert assignment.group is not None
    key = (assignment.group.pk, day)
    if key not in cache:
        cache[key] = list(assignment.group.members_on(day).values_list("pk", flat=True))
    return cache[key]


def _unique(expected: list[Expected]) -> list[Expected]:
    """One report per activity, agency and period: an agency both leading and supporting an
    activity (its own name and a group it belongs to) reports as its lead."""
    seen: dict[tuple[int, int, str, str, dt.date], Expected] = {}
    for item in sorted(expected, key=lambda e: e.role != "lead"):
        key = (item.activity_id, item.agency_id, item.report, item.period.kind, item.period.end)
        seen.setdefault(key, item)
    return list(seen.values())


def status_on(deadline: dt.date, cutoff: dt.date, day: dt.date) -> str:
    """Not yet due while the period runs; open from its cut-off to the deadline; then late."""
    if day <= cutoff:
        return ObligationStatus.NOT_DUE
    if day <= deadline:
        return ObligationStatus.OPEN
    return ObligationStatus.LATE


def generate_obligations(
    *,
    plan: Plan,
    since: dt.date,
    until: dt.date | None = None,
    report: str = "par",
    period_kind: str | None = None,
    on: dt.date | None = None,
    user: AbstractBaseUser | None = None,
) -> GenerateResult:
    """Create, update and remove the plan's obligations between ``since`` and ``until``.

    One transaction; writes a ``GenerationRun`` (the history: what was removed, and what no
    longer applies but is kept because a report was filed or started on it)."""
    day = on or timezone.localdate()
    until = until or day
    expected, unscheduled = expected_obligations(
        plan=plan, since=since, until=until, report=report, period_kind=period_kind
    )
    result = GenerateResult(unscheduled=unscheduled)
    with transaction.atomic():
        bump_plan(plan.pk)  # the plan's cached tree and progress (cchc.core.versions)
        existing = {
            (o.activity_id, o.agency_id, o.role, o.period_kind, o.period_end): o
            for o in _scope(plan, report, period_kind, since, until)
        }
        to_create: list[Obligation] = []
        for item in expected:
            period = item.period
            if period.end < since or period.end > until:
                continue
            key = (item.activity_id, item.agency_id, item.role, period.kind, period.end)
            current = existing.pop(key, None)
            if current is None:
                to_create.append(
                    Obligation(
                        activity_id=item.activity_id,
                        agency_id=item.agency_id,
                        role=item.role,
                        report=report,
                        period_kind=period.kind,
                        period_label=period.label,
                        period_start=period.start,
                        period_end=period.end,
                        deadline=period.deadline_effective,
                        status=status_on(period.deadline_effective, period.end, day),
                    )
                )
                continue
            if current.status in FILED_STATUSES:
                result.filed_kept += 1
                continue
            fields = {
                "period_label": period.label,
                "period_start": period.start,
                "deadline": period.deadline_effective,
                "status": status_on(period.deadline_effective, period.end, day),
            }
            changed = [k for k, v in fields.items() if getattr(current, k) != v]
            if changed:
                for name in changed:
                    setattr(current, name, fields[name])
                current.save(update_fields=[*changed, "updated_at"])
                result.updated += 1
            else:
                result.unchanged += 1
        Obligation.objects.bulk_create(to_create, batch_size=500)
        result.created = len(to_create)
        # No longer expected. An obligation someone filed or started writing on (a draft or
        # returned report, a partner's contribution; reverse relations of cchc.reporting)
        # is kept and listed for the secretariat; the others are removed, and listed in the
        # run's history.
        unfiled = [o.pk for o in existing.values() if o.status not in FILED_STATUSES]
        stale = set(
            Obligation.objects.filter(
                pk__in=unfiled, progress_report__isnull=True, contributions__isnull=True
            ).values_list("pk", flat=True)
        )
        gone = sorted(existing.values(), key=lambda o: (o.period_end, o.activity_id, o.pk))
        rows = _history_rows(gone)
        removed_rows = [row for row in rows if row["obligation"] in stale]
        kept_rows = [row for row in rows if row["obligation"] not in stale]
        result.filed_kept += len(kept_rows)
        result.kept_unexpected = [row["obligation"] for row in kept_rows]
        if stale:
            Obligation.objects.filter(pk__in=stale).delete()
        result.removed = len(stale)
        result.run = GenerationRun.objects.create(
            plan=plan,
            report=report,
            period_kind=period_kind or "",
            since=since,
            until=until,
            actor=actor_of(user),
            created=result.created,
            updated=result.updated,
            removed=result.removed,
            unchanged=result.unchanged,
            removed_rows=removed_rows,
            kept_rows=kept_rows,
        )
    return result


def _history_rows(obligations: list[Obligation]) -> list[dict[str, Any]]:
    """What a person needs to recognise an obligation after it is gone."""
    if not obligations:
        return []
    ids = [o.pk for o in obligations]
    rows = Obligation.objects.filter(pk__in=ids).values(
        "pk",
        "activity_id",
        "activity__number",
        "agency__name",
        "role",
        "period_label",
        "period_end",
        "status",
    )
    by_pk = {row["pk"]: row for row in rows}
    return [
        {
            "obligation": pk,
            "activity": by_pk[pk]["activity_id"],
            "number": by_pk[pk]["activity__number"],
            "agency": by_pk[pk]["agency__name"],
            "role": by_pk[pk]["role"],
            "period": by_pk[pk]["period_label"],
            "period_end": by_pk[pk]["period_end"].isoformat(),
            "status": by_pk[pk]["status"],
        }
        for pk in ids
    ]


def default_span(today: dt.date) -> tuple[dt.date, dt.date]:
    """The periods generated when no range is given (the command, an import): those ending
    in this year or the next."""
    return dt.date(today.year, 1, 1), dt.date(today.year + 1, 12, 31)


def generate_default_span(
    *, plan: Plan, on: dt.date | None = None, user: AbstractBaseUser | None = None
) -> tuple[GenerateResult, dt.date, dt.date]:
    """``generate_obligations`` over ``default_span``: what an import runs after storing."""
    day = on or timezone.localdate()
    since, until = default_span(day)
    return (
        generate_obligations(plan=plan, since=since, until=until, on=day, user=user),
        since,
        until,
    )


def _scope(
    plan: Plan, report: str, period_kind: str | None, since: dt.date, until: dt.date
) -> QuerySet[Obligation]:
    scope = Obligation.objects.select_for_update().filter(
        activity__plan=plan, report=report, period_end__gte=since, period_end__lte=until
    )
    return scope.filter(period_kind=period_kind) if period_kind else scope


def refresh_statuses(*, on: dt.date) -> int:
    """Move unfiled obligations along the clock: not yet due → open → late."""
    changed = 0
    with transaction.atomic():
        changed += Obligation.objects.filter(
            status=ObligationStatus.NOT_DUE, period_end__lt=on, deadline__gte=on
        ).update(status=ObligationStatus.OPEN)
        changed += Obligation.objects.filter(
            status__in=[ObligationStatus.NOT_DUE, ObligationStatus.OPEN], deadline__lt=on
        ).update(status=ObligationStatus.LATE)
    return changed
