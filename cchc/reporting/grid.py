"""The secretariat's grid of one reporting period ("Tình hình báo cáo"): agencies × categories.

Each lead obligation of the period falls in exactly one category on a day ``on``
(``category``, the one definition the page, the tests and the API use); obligations not
applicable are left out:

- **On time** (Đúng hạn): the report reached the secretariat (state in ``SENT_STATES``:
  submitted or approved) and the local date of ``submitted_at`` is on or before the deadline.
- **Submitted late** (Nộp muộn): it reached the secretariat after the deadline.
- **In progress within deadline** (Đang lập, trong hạn): a report exists but has not
  reached the secretariat (draft, returned, awaiting the head's sign-off) and the deadline
  is ``on`` or later.
- **Overdue** (Quá hạn): no report reached the secretariat (or there is none) and the
  deadline is before ``on``.
- **Not started yet** (Chưa bắt đầu): no report at all and the deadline is ``on`` or later.

The terms are those of ``docs/vocabulary.md``.

Per agency: the total, completeness = sent / total, timeliness = on time / sent (``None``
when the divisor is 0), reports approved, and reports awaiting review (submitted).

The grid costs one query whatever the number of obligations: one ``values_list`` of the
period's lead obligations with their report's state and submission time; categories are
counted in Python with ``category``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.agencies.models import Role
from cchc.core.text import fold
from cchc.plans.models import Node, NodeKind, numbered_title
from cchc.reporting.models import SENT_STATES, Report, ReportState
from cchc.scheduling.models import Obligation, ObligationStatus
from cchc.scheduling.periods import Period


class Category(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Submitted late")
    IN_PROGRESS = "in_progress", _("In progress within deadline")
    OVERDUE = "overdue", _("Overdue")
    NOT_STARTED = "not_started", _("Not started yet")


# What the grid's other count links list besides the categories.
ALL, APPROVED = "all", "approved"
LISTS = (*Category.values, ALL, APPROVED)
SORTS = ("-overdue", "name")


def category(
    *, deadline: dt.date, state: str | None, submitted_at: dt.datetime | None, on: dt.date
) -> Category:
    """The category of a lead obligation on ``on``: its ``deadline``, and its report's
    ``state`` and ``submitted_at`` (``None`` when no report was started).

    A report in ``SENT_STATES`` is on time when the local date of ``submitted_at`` is on or
    before the deadline, else late (a sent report always has its submission time; one
    without counts as late). Any other report, or none, is overdue once the deadline has
    passed; before that it is in progress if a report exists, else not started."""
    if state in SENT_STATES:
        if submitted_at is not None and timezone.localdate(submitted_at) <= deadline:
            return Category.ON_TIME
        return Category.LATE
    if deadline < on:
        return Category.OVERDUE
    if state is None:
        return Category.NOT_STARTED
    return Category.IN_PROGRESS


@dataclass(frozen=True, slots=True)
class GridFilters:
    plan: int | None = None
    area: int | None = None
    level: str = ""
    overdue_only: bool = False
    sort: str = "-overdue"


@dataclass(slots=True)
class GridRow:
    """One agency's counts (the totals row has ``agency_id`` None)."""

    agency_id: int | None
    name: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Category.values, 0))
    approved: int = 0
    awaiting_review: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def sent(self) -> int:
        return self.counts[Category.ON_TIME] + self.counts[Category.LATE]

    @property
    def overdue(self) -> int:
        return self.counts[Category.OVERDUE]

    @property
    def unsent(self) -> int:
        return self.total - self.sent

    @property
    def cells(self) -> list[tuple[str, int]]:
        """The counts in the order of ``Category``."""
        return [(c, self.counts[c]) for c in Category.values]

    @property
    def completeness(self) -> float | None:
        """Reports sent out of those expected, in %; None when none is expected."""
        return 100 * self.sent / self.total if self.total else None

    @property
    def timeliness(self) -> float | None:
        """Reports on time out of those sent, in %; None when none was sent."""
        return 100 * self.counts[Category.ON_TIME] / self.sent if self.sent else None

    def add(self, cat: str, state: str | None) -> None:
        self.counts[cat] += 1
        if state == ReportState.APPROVED:
            self.approved += 1
        elif state == ReportState.SUBMITTED:
            self.awaiting_review += 1


@dataclass(frozen=True, slots=True)
class Grid:
    rows: list[GridRow]
    totals: GridRow
    # Each obligation shown, by id: its agency and category, and whether its report is
    # approved (what the count links list).
    obligations: dict[int, tuple[int, str, bool]]

    def ids(self, *, agency_id: int | None, kind: str) -> list[int]:
        """The obligations one count stands for: of an agency (or of all the agencies shown),
        of a category, ``ALL`` or ``APPROVED``; in deadline order as read."""
        shown = {row.agency_id for row in self.rows}
        return [
            pk
            for pk, (agency, cat, approved) in self.obligations.items()
            if agency in shown
            and (agency_id is None or agency == agency_id)
            and (kind in (ALL, cat) or (kind == APPROVED and approved))
        ]


def lead_obligations(*, period: Period, filters: GridFilters) -> QuerySet[Obligation]:
    """The lead obligations of ``period`` the grid counts (not the not-applicable ones)."""
    qs = Obligation.objects.filter(
        report=period.report,
        period_kind=period.kind,
        period_end=period.end,
        role=Role.LEAD,
    ).exclude(status=ObligationStatus.NOT_APPLICABLE)
    if filters.plan:
        qs = qs.filter(activity__plan_id=filters.plan)
    if filters.area:
        qs = qs.filter(activity__area_id=filters.area)
    if filters.level:
        qs = qs.filter(agency__level=filters.level)
    return qs


def status_grid(*, period: Period, on: dt.date, filters: GridFilters) -> Grid:
    """One row per agency with lead obligations in ``period``, most overdue first (or by
    name), and the totals of the rows shown (one query)."""
    rows = (
        lead_obligations(period=period, filters=filters)
        .order_by("deadline", "activity__position", "pk")
        .values_list(
            "pk",
            "agency_id",
            "agency__name",
            "deadline",
            "progress_report__state",
            "progress_report__submitted_at",
        )
    )
    by_agency: dict[int, GridRow] = {}
    obligations: dict[int, tuple[int, str, bool]] = {}
    for pk, agency_id, name, deadline, state, submitted_at in rows:
        cat = category(deadline=deadline, state=state, submitted_at=submitted_at, on=on)
        row = by_agency.get(agency_id)
        if row is None:
            row = by_agency[agency_id] = GridRow(agency_id, name)
        row.add(cat, state)
        obligations[pk] = (agency_id, cat, state == ReportState.APPROVED)
    shown = [r for r in by_agency.values() if r.overdue or not filters.overdue_only]
    if filters.sort == "name":
        shown.sort(key=lambda r: (fold(r.name), r.name))
    else:
        shown.sort(key=lambda r: (-r.overdue, fold(r.name), r.name))
    return Grid(rows=shown, totals=_totals(shown), obligations=obligations)


def _totals(rows: Iterable[GridRow]) -> GridRow:
    totals = GridRow(None, "")
    for row in rows:
        for cat, count in row.counts.items():
            totals.counts[cat] += count
        totals.approved += row.approved
        totals.awaiting_review += row.awaiting_review
    return totals


@dataclass(frozen=True, slots=True)
class ListedRow:
    obligation: Obligation
    report: Report | None
    category: str
    category_label: str


def listed(*, grid: Grid, ids: list[int]) -> list[ListedRow]:
    """The obligations ``ids`` of ``grid`` with their activity, agency and report (one
    query), in the order of ``ids``."""
    found = {
        o.pk: o
        for o in Obligation.objects.filter(pk__in=ids).select_related(
            "activity", "agency", "progress_report"
        )
    }
    rows = []
    for pk in ids:
        obligation = found.get(pk)
        if obligation is None:
            continue
        cat = Category(grid.obligations[pk][1])
        report = getattr(obligation, "progress_report", None)
        rows.append(ListedRow(obligation, report, cat.value, str(cat.label)))
    return rows


def unsent_obligations(*, period: Period, agency_ids: Iterable[int]) -> QuerySet[Obligation]:
    """The agencies' lead obligations of ``period`` whose report has not reached the
    secretariat: those a reminder from the grid is for."""
    return (
        lead_obligations(period=period, filters=GridFilters())
        .filter(agency_id__in=list(agency_ids))
        .exclude(progress_report__state__in=SENT_STATES)
    )


def area_choices(*, plan_id: int | None) -> list[tuple[int, str]]:
    """The reform areas (top-level sections) of a plan, or of every plan (one query, read
    with ``values_list``: the filter of three pages)."""
    qs = Node.objects.filter(kind=NodeKind.SECTION, parent__isnull=True)
    if plan_id:
        qs = qs.filter(plan_id=plan_id)
    rows = qs.order_by("plan__issued_on", "plan_id", "position").values_list(
        "pk", "kind", "number", "title", "plan__number", "plan__title"
    )
    choices = []
    for pk, kind, number, title, plan_number, plan_title in rows:
        # The heading as the tree writes it, without the label (never read here).
        label = numbered_title(kind=kind, number=number, label="", title=title)[:80]
        if not plan_id:
            label = f"{plan_number or plan_title[:30]} · {label}"
        choices.append((pk, label))
    return choices
