"""The rows of the work lists ("my reports", the review list, the status grid and the
obligations behind one of its counts) drawn in Python, once per page.

A template per row (a ``{% url %}``, a ``{% include %}`` of the status badge, translations,
``truncatechars`` and date filters in each) was most of these pages' time: 100 rows of "my
reports" cost ~20 ms of a 30 ms page. Here the strings are translated and the addresses
reversed once per page, values escaped with ``html.escape`` (what the template's autoescape
does); the markup is that of the templates before (the ids, classes and data attributes the
tests, the scripts and the browser rely on). The house pattern: ``cchc.plans.views.report_rows``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape as esc
from typing import Any, ClassVar

from django.core.paginator import Paginator
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from cchc.agencies.models import Role
from cchc.scheduling.models import ObligationStatus
from cchc.scheduling.selectors import OVERDUE
from cchc.scheduling.workdays import WorkCalendar

MARKER = 987654321


class CountedPaginator(Paginator[Any]):
    """A paginator told its count (read with the page's other figures in one query)."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


# ``scheduling/_status_badge.html``: the badge's colour of each status of an obligation.
STATUS_BADGES = {
    "late": "text-bg-danger",
    "open": "text-bg-warning",
    "submitted": "text-bg-info",
    "approved": "text-bg-success",
    "not_applicable": "text-bg-light border",
}


def around_id(name: str) -> tuple[str, str]:
    """The address of ``name`` split around its one id (one ``reverse()`` per page)."""
    head, _sep, tail = reverse(name, args=[MARKER]).partition(str(MARKER))
    return esc(head), esc(tail)


def cut(text: str, length: int) -> str:
    """``truncatechars``, the same result: most texts are shorter than ``length`` and are
    returned as they are (normalised, as the filter does); a longer one is cut by Django's
    ``Truncator`` (which does not count combining marks)."""
    text = unicodedata.normalize("NFC", text)
    if len(text) <= length:
        return text
    if not any(map(unicodedata.combining, text)):
        return text[: length - 1] + "…"
    return Truncator(text).chars(length)


def day(value: dt.date | dt.datetime | None) -> str:
    """``value|date:"d/m/Y"`` (a time in the local time zone)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def day_time(value: dt.datetime | None) -> str:
    """``value|date:"d/m/Y H:i"`` in the local time zone."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d} {value.hour:02d}:{value.minute:02d}"


def options(choices: Iterable[tuple[Any, Any]], selected: Any) -> SafeString:
    """The ``<option>`` of each ``(value, label)``, ``selected`` chosen (a filter's select:
    ~300 agencies on the review list were a template loop of their own)."""
    parts = []
    for value, label in choices:
        chosen = " selected" if value == selected and selected is not None else ""
        parts.append(f'<option value="{esc(str(value))}"{chosen}>{esc(str(label))}</option>')
    return mark_safe("".join(parts))


def status_badge(status: str, label: str) -> str:
    colour = STATUS_BADGES.get(status, "text-bg-secondary")
    return f'<span class="badge {colour}" data-status="{esc(status)}">{esc(label)}</span>'


@dataclass(frozen=True, slots=True)
class MineObligation:
    """What a row of "my reports" shows of its obligation."""

    pk: int
    agency_id: int
    role: str
    period_label: str
    deadline: dt.date
    number: str
    title: str  # the activity's label and title (``Node.labelled_title``)
    agency_name: str
    agency_short_name: str


@dataclass(frozen=True, slots=True)
class MineLine:
    """``scheduling.selectors.DueRow`` of a row of "my reports"."""

    obligation: MineObligation
    status: str
    status_label: str
    role_label: str
    overdue_days: int


@dataclass(frozen=True, slots=True)
class MineItem:
    """A row of "my reports" (``reporting.selectors.MyRow``), read with ``values_list``:
    50 rows of three models each were ~1.3 ms of model objects a page."""

    row: MineLine
    report_state: str

    FIELDS: ClassVar[tuple[str, ...]] = (
        "pk",
        "agency_id",
        "role",
        "period_label",
        "deadline",
        "activity__number",
        "activity__label",
        "activity__title",
        "agency__name",
        "agency__short_name",
        "current",
        "rank",
        "report_state",
    )

    @classmethod
    def read(
        cls, values: Iterable[tuple[Any, ...]], *, on: dt.date, calendar: WorkCalendar
    ) -> list[MineItem]:
        """The rows of ``values`` (``FIELDS`` of ``selectors.my_obligations``), with the
        labels and the working days overdue ``scheduling.selectors.due_rows`` gives."""
        roles = {value: str(label) for value, label in Role.choices}
        statuses: dict[str, str] = {}
        items = []
        for pk, agency, role, period, deadline, number, label, title, *rest in values:
            name, short, current, rank, state = rest
            status = str(current)
            if status not in statuses:
                statuses[status] = str(ObligationStatus(status).label)
            obligation = MineObligation(
                pk,
                agency,
                role,
                period,
                deadline,
                number,
                f"{label}: {title}" if label else title,
                name,
                short,
            )
            overdue = calendar.working_days_between(deadline, on) if rank == OVERDUE else 0
            line = MineLine(obligation, status, statuses[status], roles.get(role, role), overdue)
            items.append(cls(line, str(state or "")))
        return items


class MineRows:
    """The ``<tr>`` of "my reports" (``reporting/my_reports.html``)."""

    def __init__(self) -> None:
        self.report_url = around_id("reporting:obligation")
        self.contribute = esc(gettext("Contribute"))
        self.report = esc(gettext("Report"))
        awaiting = esc(gettext("Awaiting the head's sign-off"))
        returned = esc(gettext("Returned for changes"))
        draft = esc(gettext("Draft"))
        self.states = {
            "awaiting_sign_off": (
                ' <span class="badge text-bg-info" data-state="awaiting_sign_off">'
                f"{awaiting}</span>"
            ),
            "returned": (
                f' <span class="badge text-bg-warning" data-state="returned">{returned}</span>'
            ),
            "draft": f' <span class="badge text-bg-light border" data-state="draft">{draft}</span>',
        }

    def row(self, item: Any) -> str:
        row = item.row
        o = row.obligation
        head, tail = self.report_url
        href = f"{head}{int(o.pk)}{tail}"
        agency = o.agency_short_name or o.agency_name
        overdue = row.overdue_days
        danger = ' class="table-danger"' if overdue else ""
        button = self.contribute if o.role == "partner" else self.report
        return (
            f'<tr data-obligation="{int(o.pk)}"{danger}>'
            f'<td class="text-nowrap">{esc(o.number)}</td>'
            f'<td class="cell-wide"><a href="{href}">{esc(cut(o.title, 160))}'
            "</a></td>"
            f"<td>{esc(agency)}</td>"
            f'<td class="text-nowrap">{esc(row.role_label)}</td>'
            f'<td class="text-nowrap">{esc(o.period_label)}</td>'
            f'<td class="text-nowrap">{day(o.deadline)}</td>'
            f"<td>{status_badge(row.status, row.status_label)}"
            f"{self.states.get(item.report_state, '')}</td>"
            f'<td class="text-end">{overdue or ""}</td>'
            f'<td><a class="btn btn-sm btn-outline-primary report-link" href="{href}">{button}'
            "</a></td></tr>\n"
        )

    def rows(self, items: Sequence[Any]) -> SafeString:
        return mark_safe("".join(self.row(i) for i in items))


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """A report of the review list, as its row shows it (read with ``values_list``: 100
    rows of four models each were ~400 model objects a page)."""

    pk: int
    obligation_id: int
    work_status: str
    percent: int
    submitted_at: dt.datetime | None
    number: str
    title: str  # the activity's label and title (``Node.labelled_title``)
    agency_name: str
    agency_short_name: str
    period_label: str

    # The fields of ``Report`` read, in the order of the dataclass after ``title``'s two.
    FIELDS: ClassVar[tuple[str, ...]] = (
        "pk",
        "obligation_id",
        "work_status",
        "percent",
        "submitted_at",
        "obligation__activity__number",
        "obligation__activity__label",
        "obligation__activity__title",
        "obligation__agency__name",
        "obligation__agency__short_name",
        "obligation__period_label",
    )

    @classmethod
    def read(cls, values: Iterable[tuple[Any, ...]]) -> list[ReviewRow]:
        return [
            cls(pk, o, work, percent, at, number, f"{label}: {title}" if label else title, *rest)
            for pk, o, work, percent, at, number, label, title, *rest in values
        ]


class ReviewRows:
    """The ``<tr>`` of the review list (``reporting/review_list.html``), each with the
    checkbox of the bulk approval."""

    def __init__(self) -> None:
        from cchc.reporting.models import WorkStatus

        self.report_url = around_id("reporting:obligation")
        self.work = {value: esc(str(label)) for value, label in WorkStatus.choices}

    def row(self, r: ReviewRow) -> str:
        pk = int(r.pk)
        head, tail = self.report_url
        label = esc(f"{r.number} · {r.agency_name}")
        return (
            f'<tr data-report="{pk}">'
            f'<td><input class="form-check-input" type="checkbox" name="reports" value="{pk}" '
            f'id="bulk_report_{pk}" aria-label="{label}"></td>'
            f"<td>{esc(r.number)}</td>"
            f'<td class="cell-wide"><a href="{head}{int(r.obligation_id)}{tail}">'
            f"{esc(cut(r.title, 140))}</a></td>"
            f"<td>{esc(r.agency_short_name or r.agency_name)}</td>"
            f'<td class="text-nowrap">{esc(r.period_label)}</td>'
            f'<td class="text-nowrap">{day_time(r.submitted_at)}</td>'
            f"<td>{self.work.get(r.work_status, esc(r.work_status))}</td>"
            f'<td class="text-end">{int(r.percent)}</td></tr>\n'
        )

    def rows(self, reports: Sequence[ReviewRow]) -> SafeString:
        return mark_safe("".join(self.row(r) for r in reports))


def _percent(value: float | None) -> str:
    """``value|floatformat:0`` followed by %, or — when there is none."""
    if value is None:
        return "—"
    return f"{floatformat(value, 0)}%"


class GridRows:
    """The ``<tr>`` of the status grid's agencies (``reporting/grid.html``): each count a
    link to the obligations behind it (``count_query`` + agency and category), the number
    awaiting review a link to the review list of the agency and period."""

    def __init__(
        self, *, count_query: str, can_remind: bool, can_review: bool, year: int, period_key: str
    ) -> None:
        self.count_query = esc(count_query)
        self.can_remind = can_remind
        self.can_review = can_review
        self.agency_url = around_id("scheduling:agency_due")
        self.review_url = esc(reverse("reporting:review"))
        self.period_query = esc(f"&year={year}&period={period_key}")

    def _count(self, agency: str, cat: str, count: int, css: str = "") -> str:
        if not count:
            return f'<td class="text-end{css}" data-count="{cat}">0</td>'
        return (
            f'<td class="text-end{css}" data-count="{cat}"><a href="{self.count_query}{agency}'
            f'category={cat}#obligation-list">{count}</a></td>'
        )

    def row(self, row: Any) -> str:
        pk = int(row.agency_id)
        agency = f"agency={pk}&amp;"
        name = esc(row.name)
        choose = (
            f'<input class="form-check-input me-1" type="checkbox" name="agencies" value="{pk}" '
            f'form="grid-remind-form" id="remind_{pk}" aria-label="{name}">'
            if self.can_remind and row.unsent
            else ""
        )
        head, tail = self.agency_url
        cells = "".join(
            self._count(
                agency, cat, count, " text-danger fw-semibold" if cat == "overdue" and count else ""
            )
            for cat, count in row.cells
        )
        awaiting = row.awaiting_review
        if awaiting and self.can_review:
            awaiting_cell = (
                f'<a class="review-link" href="{self.review_url}?agency={pk}'
                f'{self.period_query}">{awaiting}</a>'
            )
        else:
            awaiting_cell = str(awaiting)
        return (
            f'<tr data-agency="{pk}">'
            f'<td>{choose}<a href="{head}{pk}{tail}">{name}</a></td>'
            f'<td class="text-end" data-count="total"><a href="{self.count_query}{agency}'
            f'category=all#obligation-list">{row.total}</a></td>'
            f"{cells}"
            f'<td class="text-end" data-count="completeness">{_percent(row.completeness)}</td>'
            f'<td class="text-end" data-count="timeliness">{_percent(row.timeliness)}</td>'
            f"{self._count(agency, 'approved', row.approved)}"
            f'<td class="text-end" data-count="awaiting_review">{awaiting_cell}</td></tr>\n'
        )

    def rows(self, rows: Sequence[Any]) -> SafeString:
        return mark_safe("".join(self.row(r) for r in rows))


class ListedRows:
    """The ``<tr>`` of the obligations behind one count of the grid."""

    def __init__(self) -> None:
        self.report_url = around_id("reporting:obligation")
        self.states: dict[str, str] = {}

    def _state(self, report: Any) -> str:
        label = self.states.get(report.state)
        if label is None:
            label = self.states[report.state] = esc(str(report.get_state_display()))
        return label

    def row(self, item: Any) -> str:
        o, report = item.obligation, item.report
        head, tail = self.report_url
        agency = o.agency.short_name or o.agency.name
        return (
            f'<tr data-obligation="{int(o.pk)}" data-category="{esc(item.category)}">'
            f'<td class="text-nowrap">{esc(o.activity.number)}</td>'
            f'<td class="cell-wide"><a href="{head}{int(o.pk)}{tail}">'
            f"{esc(cut(o.activity.title, 140))}</a></td>"
            f"<td>{esc(agency)}</td>"
            f'<td class="text-nowrap">{day(o.deadline)}</td>'
            f"<td>{self._state(report) if report is not None else '—'}</td>"
            f'<td class="text-nowrap">'
            f"{day_time(report.submitted_at) if report is not None else ''}</td>"
            f"<td>{esc(item.category_label)}</td></tr>\n"
        )

    def rows(self, items: Sequence[Any]) -> SafeString:
        return mark_safe("".join(self.row(i) for i in items))
