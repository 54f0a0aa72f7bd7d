"""The rows of an activity's expected reports, drawn in Python: the activity with the most
obligations has about 900 of them, and a template per row (two ``reverse()``, five
translations and three date filters each) was most of the page's time. The strings are
translated and the addresses reversed once per page; the markup is that of
``plans/_activity_reports.html`` before (classes and data attributes the tests and the
browser rely on)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape as esc
from typing import Any, Protocol

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

BADGES = {
    "approved": "success",
    "returned": "warning",
    "submitted": "primary",
    "awaiting_sign_off": "primary",
}


class Row(Protocol):
    @property
    def obligation(self) -> Any: ...
    @property
    def report(self) -> Any: ...
    @property
    def late(self) -> bool: ...
    @property
    def can_open(self) -> bool: ...


def _day(value: Any) -> str:
    """``value|date:"d/m/Y"`` (a time in the local time zone, as the template showed it)."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


MARKER = 987654321


def _around_id(name: str) -> tuple[str, str]:
    """The address of ``name`` split around its one id (one ``reverse()`` per page)."""
    head, _sep, tail = reverse(name, args=[MARKER]).partition(str(MARKER))
    return head, tail


class RowsHtml:
    """Draws the ``<li>`` of each row; one per page (its strings made once)."""

    def __init__(self) -> None:
        self.lead = gettext("lead")
        self.coordinating = gettext("coordinating")
        self.no_report = gettext("no report yet")
        self.overdue = gettext("Overdue")
        self.open_report = gettext("Open the report")
        self.open_expected = gettext("Open the expected report")
        self.due = gettext("due %(day)s")
        self.submitted = gettext("submitted %(day)s")
        self.approved = gettext("approved %(day)s")
        self.agency_url = _around_id("agencies:agency_detail")
        self.report_url = _around_id("reporting:obligation")
        self.states: dict[str, str] = {}

    def _state(self, report: Any) -> str:
        label = self.states.get(report.state)
        if label is None:
            label = self.states[report.state] = str(report.get_state_display())
        return label

    def row(self, row: Row) -> str:
        """The row's ``<li>``, every value escaped (``html.escape``: this runs ~900 times a
        page, where ``format_html`` was most of the cost)."""
        o, r = row.obligation, row.report
        if r is not None:
            badge = (
                f'<span class="badge text-bg-{BADGES.get(r.state, "secondary")}">'
                f"{esc(self._state(r))}</span>"
            )
        else:
            badge = f'<span class="badge text-bg-light border">{esc(self.no_report)}</span>'
        late = f'<span class="badge text-bg-danger">{esc(self.overdue)}</span>' if row.late else ""
        dates = [self.due % {"day": _day(o.deadline)}]
        if r is not None and r.submitted_at:
            dates.append(self.submitted % {"day": _day(r.submitted_at)})
        if r is not None and r.approved_at:
            dates.append(self.approved % {"day": _day(r.approved_at)})
        opening = ""
        if row.can_open:
            label = self.open_report if r is not None else self.open_expected
            head, tail = self.report_url
            opening = f' · <a href="{esc(head)}{int(o.pk)}{esc(tail)}">{esc(label)}</a>'
        head, tail = self.agency_url
        role = self.lead if o.role == "lead" else self.coordinating
        state = r.state if r is not None else "none"
        return (
            f'<li class="report-row border-top py-1" data-obligation="{int(o.pk)}" '
            f'data-state="{esc(state)}">'
            '<div class="d-flex flex-wrap justify-content-between column-gap-2">'
            f'<div><a href="{esc(head)}{int(o.agency_id)}{esc(tail)}">{esc(o.agency.name)}</a> '
            f'<span class="small text-body-secondary">({esc(role)})</span></div>'
            f'<div class="report-state">{badge} {late}</div></div>'
            f'<div class="small text-body-secondary">{esc(" · ".join(dates))}{opening}</div>'
            "</li>\n"
        )

    def rows(self, rows: Iterable[Row]) -> SafeString:
        """Every row's markup; each value in it is escaped by ``row``."""
        return mark_safe("".join(self.row(r) for r in rows))
