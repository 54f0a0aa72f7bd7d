"""Reads of the obligations grid for the web pages: what is due in a period, per agency.

Every read costs a fixed number of queries whatever the number of obligations: counts are
one ``aggregate`` or one grouped ``annotate``, rows come with their activity and agency from
one ``select_related`` query, and working days are counted in Python on one ``WorkCalendar``
(one query per calendar year it reads).

Statuses are read "as of today": a filed status (submitted, approved, not applicable) is
shown as stored; an unfiled one is the status the clock gives it (``obligations.status_on``,
written in SQL), so the page is right even before ``refresh_statuses`` has run today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Value,
    When,
)

from cchc.agencies.models import Agency, Role
from cchc.core.validation import query_int
from cchc.plans.models import Node, NodeKind, Plan
from cchc.scheduling.models import FILED_STATUSES, GenerationRun, Obligation, ObligationStatus
from cchc.scheduling.obligations import active_span, plan_span
from cchc.scheduling.periods import Period, periods_for
from cchc.scheduling.timeframes import Schedule, parse_timeframe
from cchc.scheduling.workdays import WorkCalendar

# Rank of a row: overdue first, then what is still to file, then what is filed.
OVERDUE, PENDING, FILED = 0, 1, 2

# Columns of a row: the obligation, its activity's number and title, its agency's names.
_ROW_FIELDS = (
    "id",
    "role",
    "report",
    "period_kind",
    "period_label",
    "period_start",
    "period_end",
    "deadline",
    "status",
    "activity__id",
    "activity__plan_id",
    "activity__number",
    "activity__label",
    "activity__title",
    "activity__position",
    "agency__id",
    "agency__name",
    "agency__short_name",
)

SORTS = ("-overdue", "overdue", "name", "-total")


@dataclass(frozen=True, slots=True)
class DueFilters:
    agency: int | None = None
    status: str = ""
    role: str = ""
    plan: int | None = None


@dataclass(frozen=True, slots=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class AgencyCount:
    agency_id: int
    name: str
    total: int
    overdue: int
    counts: list[int]  # in the order of ObligationStatus


@dataclass(frozen=True, slots=True)
class DueRow:
    obligation: Obligation
    status: str
    status_label: str
    role_label: str
    overdue_days: int  # working days past the deadline; 0 when not overdue


def current_status(on: dt.date) -> Case:
    """The status of an obligation on ``on``, as SQL (``obligations.status_on`` for unfiled
    ones)."""
    return Case(
        When(status__in=FILED_STATUSES, then=F("status")),
        When(deadline__lt=on, then=Value(ObligationStatus.LATE.value)),
        When(period_end__lt=on, then=Value(ObligationStatus.OPEN.value)),
        default=Value(ObligationStatus.NOT_DUE.value),
        output_field=CharField(),
    )


def _rank(on: dt.date) -> Case:
    return Case(
        When(status__in=FILED_STATUSES, then=Value(FILED)),
        When(deadline__lt=on, then=Value(OVERDUE)),
        default=Value(PENDING),
        output_field=IntegerField(),
    )


def obligations(
    *,
    on: dt.date,
    filters: DueFilters,
    period: Period | None = None,
    agency_id: int | None = None,
    with_status: bool = True,
) -> QuerySet[Obligation]:
    """Obligations of a period (or of an agency across periods) with ``current`` and ``rank``
    annotated, overdue first, then by deadline and the activity's place in the plan.

    ``with_status=False`` leaves out the status filter (for the counts the filter chooses
    from)."""
    qs = Obligation.objects.annotate(current=current_status(on), rank=_rank(on))
    if period is not None:
        qs = qs.filter(report=period.report, period_kind=period.kind, period_end=period.end)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if filters.agency:
        qs = qs.filter(agency_id=filters.agency)
    if filters.role:
        qs = qs.filter(role=filters.role)
    if filters.plan:
        qs = qs.filter(activity__plan_id=filters.plan)
    if with_status and filters.status:
        qs = qs.filter(current=filters.status)
    return qs.order_by("rank", "deadline", "activity__position", "agency__name", "role", "pk")


def status_counts(qs: QuerySet[Obligation]) -> list[StatusCount]:
    """How many obligations of ``qs`` are in each status (one query)."""
    totals = qs.order_by().aggregate(
        **{s.value: Count("pk", filter=Q(current=s.value)) for s in ObligationStatus}
    )
    return [StatusCount(s.value, str(s.label), totals[s.value] or 0) for s in ObligationStatus]


def agency_counts(qs: QuerySet[Obligation], *, sort: str = "-overdue") -> list[AgencyCount]:
    """One row per agency of ``qs`` with its counts by status (one query), most overdue first
    unless ``sort`` says otherwise ("overdue", "name", "-total")."""
    per_status = {f"n_{s.value}": Count("pk", filter=Q(current=s.value)) for s in ObligationStatus}
    rows = (
        qs.order_by()
        .values("agency_id", "agency__name")
        .annotate(total=Count("pk"), overdue=Count("pk", filter=Q(rank=OVERDUE)), **per_status)
    )
    order = {
        "-overdue": ("-overdue", "agency__name"),
        "overdue": ("overdue", "agency__name"),
        "name": ("agency__name",),
        "-total": ("-total", "agency__name"),
    }[sort if sort in SORTS else "-overdue"]
    result = []
    for values in rows.order_by(*order):
        row: dict[str, Any] = {**values}
        result.append(
            AgencyCount(
                agency_id=row["agency_id"],
                name=row["agency__name"],
                total=row["total"],
                overdue=row["overdue"],
                counts=[row[f"n_{s.value}"] for s in ObligationStatus],
            )
        )
    return result


def due_rows(
    obligations_page: list[Obligation], *, on: dt.date, calendar: WorkCalendar
) -> list[DueRow]:
    """The rows of one page, with their labels and working days overdue."""
    roles = dict(Role.choices)
    rows = []
    for obligation in obligations_page:
        status = str(getattr(obligation, "current", obligation.status))
        overdue = getattr(obligation, "rank", None) == OVERDUE
        rows.append(
            DueRow(
                obligation=obligation,
                status=status,
                status_label=str(ObligationStatus(status).label),
                role_label=str(roles.get(obligation.role, obligation.role)),
                overdue_days=(
                    calendar.working_days_between(obligation.deadline, on) if overdue else 0
                ),
            )
        )
    return rows


def with_row_fields(qs: QuerySet[Obligation]) -> QuerySet[Obligation]:
    """``qs`` with the activity and the agency of each row, in the same query."""
    return qs.select_related("activity", "agency").only(*_ROW_FIELDS)


# -- periods -------------------------------------------------------------------------------


def report_periods(year: int, *, report: str = "par", calendar: WorkCalendar) -> list[Period]:
    """The periods of ``report`` ending in ``year``, in time order."""
    return periods_for(year, report=report, calendar=calendar)


def default_period(periods: list[Period], *, on: dt.date) -> Period | None:
    """The period whose deadline is the next one on or after ``on``, else the latest past."""
    upcoming = [p for p in periods if p.deadline_effective >= on]
    if upcoming:
        return min(upcoming, key=lambda p: (p.deadline_effective, p.end))
    return max(periods, key=lambda p: (p.deadline_effective, p.end), default=None)


def period_by_key(year: int, key: str, *, calendar: WorkCalendar) -> Period | None:
    """The period of ``year`` named ``key`` (``quarter-1``) in an address; None if none is."""
    if not 1900 < year < 2200:
        return None
    return next((p for p in report_periods(year, calendar=calendar) if period_key(p) == key), None)


def choose_period(
    *, year: str | None, period: str | None, years: list[int], on: dt.date, calendar: WorkCalendar
) -> tuple[int, list[Period], Period | None]:
    """What a period selector shows: the year (asked for, if offered; else the year of the
    period due next), its periods, and the period asked for by key (else the default one)."""
    read: dict[int, list[Period]] = {}

    def of(y: int) -> list[Period]:  # each year's periods read once
        if y not in read:
            read[y] = report_periods(y, calendar=calendar)
        return read[y]

    asked = query_int(year)
    chosen_year = asked if asked in years else None
    if chosen_year is None:
        candidates = [p for y in (on.year, on.year + 1) for p in of(y)]
        default = default_period(candidates, on=on)
        chosen_year = default.year if default is not None else on.year
    periods = of(chosen_year)
    by_key = {period_key(p): p for p in periods}
    return chosen_year, periods, by_key.get(period or "") or default_period(periods, on=on)


def last_generation(*, period: Period, plan_id: int | None = None) -> GenerationRun | None:
    """The latest run of the generator that covered ``period`` (for ``plan_id``, or any
    plan): None means the list was never generated for it, which a page must not show as
    "nothing is expected"."""
    runs = GenerationRun.objects.filter(
        Q(period_kind="") | Q(period_kind=period.kind),
        report=period.report,
        since__lte=period.end,
        until__gte=period.end,
    )
    if plan_id is not None:
        runs = runs.filter(plan_id=plan_id)
    return runs.order_by("-at", "-pk").first()


def kept_unexpected(*, run: GenerationRun | None, period: Period) -> list[dict[str, Any]]:
    """The obligations of ``period`` the run found no longer apply but kept (a report was
    filed or started on them) and that still exist: the secretariat settles them."""
    if run is None:
        return []
    rows = [r for r in run.kept_rows if r.get("period_end") == period.end.isoformat()]
    alive = set(
        Obligation.objects.filter(pk__in=[r["obligation"] for r in rows]).values_list(
            "pk", flat=True
        )
    )
    return [r for r in rows if r["obligation"] in alive]


def period_key(period: Period) -> str:
    """How a period is named in a page's address: ``quarter-1``."""
    return f"{period.kind}-{period.number}"


def obligation_years(*, on: dt.date) -> list[int]:
    """The years the year selector offers: from the first to the last year with obligations,
    this year and the next (one query: the ends of an index, not a scan of the table)."""
    span = Obligation.objects.aggregate(first=Min("period_end"), last=Max("period_end"))
    years = {on.year, on.year + 1}
    if span["first"] is not None and span["last"] is not None:
        years |= set(range(span["first"].year, span["last"].year + 1))
    return sorted(years)


# -- filter choices ------------------------------------------------------------------------


def agency_choices(*, period: Period | None) -> list[tuple[int, str]]:
    """Agencies with an obligation in ``period`` (every agency with one, if None)."""
    qs = Obligation.objects.all()
    if period is not None:
        qs = qs.filter(report=period.report, period_kind=period.kind, period_end=period.end)
    return list(
        Agency.objects.filter(pk__in=qs.values("agency_id"))
        .order_by("name", "pk")
        .values_list("pk", "name")
    )


def plan_choices() -> list[tuple[int, str]]:
    return [
        (pk, f"{number} – {title[:80]}" if number else title[:80])
        for pk, number, title in Plan.objects.order_by("-issued_on", "title", "pk").values_list(
            "pk", "number", "title"
        )
    ]


# -- timeline ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineRow:
    activity: Node
    schedule: Schedule
    # Offsets in % of the plan's span, as CSS-ready text ("12.345"); empty when not drawn.
    left: str = ""
    width: str = ""
    marker: str = ""  # a deadline
    dashed: bool = False  # recurring
    outside: bool = False  # its dates fall outside the plan's years

    @property
    def scheduled(self) -> bool:
        return self.schedule.kind in SCHEDULED_KINDS


@dataclass(frozen=True, slots=True)
class TimelineGroup:
    area: Node | None
    rows: list[TimelineRow]


@dataclass(frozen=True, slots=True)
class TimelineYear:
    year: int
    left: str
    width: str


@dataclass(frozen=True, slots=True)
class Timeline:
    start: dt.date
    end: dt.date
    years: list[TimelineYear]
    today: str  # the "today" line, empty when today is outside the plan's years
    groups: list[TimelineGroup]


SCHEDULED_KINDS = frozenset({"deadline", "span", "recurring", "continuous"})


def _pct(value: float) -> str:
    return f"{max(0.0, min(100.0, value)):.3f}"


def plan_timeline(*, plan: Plan, on: dt.date) -> Timeline:
    """The plan's activities by area, each placed on the plan's years (two queries)."""
    areas = {
        n.pk: n
        for n in Node.objects.filter(plan=plan, kind=NodeKind.SECTION, parent__isnull=True).only(
            "id", "plan_id", "kind", "number", "title", "position"
        )
    }
    activities = list(
        Node.objects.activities()
        .filter(plan=plan)
        .in_document_order()
        .only("id", "plan_id", "area_id", "number", "label", "title", "timeframe", "position")
    )
    schedules = {a.pk: parse_timeframe(a.timeframe) for a in activities}
    start, end = plan_span(plan, list(schedules.values()))
    days = (end - start).days + 1

    def offset(day: dt.date) -> float:
        return (day - start).days / days * 100

    groups: dict[int | None, list[TimelineRow]] = {}
    for activity in activities:
        schedule = schedules[activity.pk]
        row = TimelineRow(activity, schedule)
        if schedule.kind in SCHEDULED_KINDS:
            row = _place(row, start, end, offset)
        area_id = activity.area_id if activity.area_id in areas else None
        groups.setdefault(area_id, []).append(row)
    ordered = sorted(groups.items(), key=lambda item: _area_order(item[0], areas))
    years = [
        TimelineYear(
            year,
            _pct(offset(max(start, dt.date(year, 1, 1)))),
            _pct(
                ((min(end, dt.date(year, 12, 31)) - max(start, dt.date(year, 1, 1))).days + 1)
                / days
                * 100
            ),
        )
        for year in range(start.year, end.year + 1)
    ]
    return Timeline(
        start=start,
        end=end,
        years=years,
        today=_pct(offset(on) + 50 / days) if start <= on <= end else "",
        groups=[TimelineGroup(areas.get(pk) if pk else None, rows) for pk, rows in ordered],
    )


def _area_order(pk: int | None, areas: dict[int, Node]) -> tuple[int, int]:
    return (1, 0) if pk is None else (0, areas[pk].position)


def _place(
    row: TimelineRow, start: dt.date, end: dt.date, offset: Callable[[dt.date], float]
) -> TimelineRow:
    """The bar (and deadline marker) of a scheduled activity, clipped to the plan's years."""
    schedule = row.schedule
    first, last = active_span(schedule, (start, end))
    marker = ""
    if schedule.kind == "deadline" and schedule.end is not None and start <= schedule.end <= end:
        marker = _pct(offset(schedule.end) + 100 / ((end - start).days + 1))
    if first > last:
        return replace(row, marker=marker, outside=not marker)
    drawn = schedule.kind != "deadline" or schedule.start is not None
    width = offset(last) - offset(first) + 100 / ((end - start).days + 1)
    return replace(
        row,
        left=_pct(offset(first)) if drawn else "",
        width=_pct(width) if drawn else "",
        marker=marker,
        dashed=schedule.kind == "recurring",
    )
