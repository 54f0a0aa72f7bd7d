"""The report lists as files (``cchc.core.exports``): the status grid, "my reports" and the
review list, each with the page's filters, all its rows (not one page of them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.translation import gettext as _

from cchc.core.exports import Cell, export_response
from cchc.reporting.grid import Category, Grid, GridRow
from cchc.reporting.models import Report
from cchc.reporting.selectors import MyRow


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def grid_file(grid: Grid, *, fmt: str, name: str) -> HttpResponse:
    """One row per agency shown, then the totals."""
    headers = [
        _("Agency"),
        _("Total"),
        *(str(c.label) for c in Category),
        _("Completeness (%)"),
        _("Timeliness (%)"),
        _("Approved"),
        _("Awaiting review"),
    ]

    def cells(row: GridRow, label: str) -> Sequence[Cell]:
        return [
            label,
            row.total,
            *(count for _cat, count in row.cells),
            _r(row.completeness),
            _r(row.timeliness),
            row.approved,
            row.awaiting_review,
        ]

    rows = [cells(r, r.name) for r in grid.rows] + [cells(grid.totals, _("Total"))]
    return export_response(
        fmt=fmt, filename=f"status-{name}", title=name, headers=headers, rows=rows
    )


def mine_file(rows: Iterable[MyRow], *, fmt: str) -> HttpResponse:
    headers = [
        _("No."),
        _("Activity"),
        _("Agency"),
        _("Role"),
        _("Period"),
        _("Deadline"),
        _("Status"),
        _("Report"),
    ]
    cells: list[Sequence[Cell]] = [
        [
            r.row.obligation.activity.number,
            r.row.obligation.activity.title,
            r.row.obligation.agency.name,
            r.row.role_label,
            r.row.obligation.period_label,
            r.row.obligation.deadline,
            r.row.status_label,
            r.report_state,
        ]
        for r in rows
    ]
    return export_response(
        fmt=fmt, filename="my-reports", title="my-reports", headers=headers, rows=cells
    )


def review_file(reports: Iterable[Report], *, fmt: str) -> HttpResponse:
    headers = [
        _("No."),
        _("Activity"),
        _("Agency"),
        _("Period"),
        _("Deadline"),
        _("Submitted at"),
        _("Completion (%)"),
    ]
    cells: list[Sequence[Cell]] = [
        [
            r.obligation.activity.number,
            r.obligation.activity.title,
            r.obligation.agency.name,
            r.obligation.period_label,
            r.obligation.deadline,
            r.submitted_at,
            r.percent,
        ]
        for r in reports
    ]
    return export_response(
        fmt=fmt, filename="to-review", title="to-review", headers=headers, rows=cells
    )
