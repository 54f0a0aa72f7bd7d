"""The rows of an activity's expected reports, drawn in Python: a period of the busiest
activity has a few hundred of them, and a template per row (two ``reverse()``, five
translations and three date filters each) was most of the page's time. The strings are
translated and the addresses reversed once per page; the markup is that of
``plans/_activity_reports.html`` before (classes and data attributes the tests and the
browser rely on). The rows are plain values (cchc.plans.views.activity_reports)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape as esc
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from cchc.reporting.models import ReportState

BADGES = {
    "approved": "success",
    "returned": "warning",
    "submitted": "primary",
    "awaiting_sign_off": "primary",
}


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One expected report as the activity page lists it (plain values, no model objects)."""

    pk: int
    agency_id: int
    agency_name: str
    lead: bool
    deadline: dt.date
    # The report's state, None when nobody started one.
    state: str | None
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    # Past the deadline with nothing sent to the secretariat.
    late: bool
    # The user may open the report (the reporting app's rule: they see its agency's work).
    can_open: bool


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
        self.states = {str(value): str(label) for value, label in ReportState.choices}

    def row(self, row: ReportRow) -> str:
        """The row's ``<li>``, every value escaped (``html.escape``: this runs once per row,
        where ``format_html`` was most of the cost)."""
        state = row.state
        if state is not None:
            badge = (
                f'<span class="badge text-bg-{BADGES.get(state, "secondary")}">'
                f"{esc(self.states.get(state, state))}</span>"
            )
        else:
            badge = f'<span class="badge text-bg-light border">{esc(self.no_report)}</span>'
        late = f'<span class="badge text-bg-danger">{esc(self.overdue)}</span>' if row.late else ""
        dates = [self.due % {"day": _day(row.deadline)}]
        if state is not None and row.submitted_at:
            dates.append(self.submitted % {"day": _day(row.submitted_at)})
        if state is not None and row.approved_at:
            dates.append(self.approved % {"day": _day(row.approved_at)})
        opening = ""
        if row.can_open:
            label = self.open_report if state is not None else self.open_expected
            head, tail = self.report_url
            opening = f' · <a href="{esc(head)}{int(row.pk)}{esc(tail)}">{esc(label)}</a>'
        head, tail = self.agency_url
        role = self.lead if row.lead else self.coordinating
        lead = " report-lead" if row.lead else ""
        return (
            f'<li class="report-row border-top py-1{lead}" data-obligation="{int(row.pk)}" '
            f'data-state="{esc(state or "none")}">'
            '<div class="d-flex flex-wrap justify-content-between column-gap-2">'
            f'<div><a href="{esc(head)}{int(row.agency_id)}{esc(tail)}">{esc(row.agency_name)}</a> '
            f'<span class="small text-body-secondary">({esc(role)})</span></div>'
            f'<div class="report-state">{badge} {late}</div></div>'
            f'<div class="small text-body-secondary">{esc(" · ".join(dates))}{opening}</div>'
            "</li>\n"
        )

    def rows(self, rows: Iterable[ReportRow]) -> SafeString:
        """Every row's markup; each value in it is escaped by ``row``."""
        return mark_safe("".join(self.row(r) for r in rows))
