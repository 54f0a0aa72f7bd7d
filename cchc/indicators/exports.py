"""The indicator catalogue and "targets behind" as files (``cchc.core.exports``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.translation import gettext as _

from cchc.core.exports import Cell, export_response
from cchc.indicators.models import Indicator
from cchc.indicators.selectors import BehindRow


def indicators_file(indicators: Iterable[Indicator], *, fmt: str) -> HttpResponse:
    headers = [
        _("Code"),
        _("Name"),
        _("Unit"),
        _("Data source"),
        _("Confirmed targets"),
        _("Values"),
    ]
    rows: list[Sequence[Cell]] = [
        [
            i.code,
            i.name,
            i.get_unit_display(),
            i.get_data_source_display(),
            getattr(i, "confirmed_targets", 0),
            getattr(i, "values_count", 0),
        ]
        for i in indicators
    ]
    return export_response(
        fmt=fmt, filename="indicators", title="indicators", headers=headers, rows=rows
    )


def behind_file(rows: Iterable[BehindRow], *, fmt: str) -> HttpResponse:
    headers = [
        _("Target"),
        _("Plan item"),
        _("Status"),
        _("Actual"),
        _("Expected"),
        _("As of"),
        _("Responsible agencies"),
    ]
    cells: list[Sequence[Cell]] = [
        [
            r.target.describe(),
            r.target.node.display,
            str(r.assessment.status.label),
            r.assessment.actual,
            None if r.assessment.expected is None else round(r.assessment.expected, 1),
            r.assessment.as_of,
            "; ".join(r.agencies),
        ]
        for r in rows
    ]
    return export_response(
        fmt=fmt, filename="targets-behind", title="targets-behind", headers=headers, rows=cells
    )
