"""The dashboards' tables as files (``cchc.core.exports``) and their charts' data: one small
function per table, reading the same ``selectors`` result the page shows."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from cchc.core.exports import Cell, export_response
from cchc.dashboards.selectors import AgencyRow, Drill, Overview, Scorecard


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


Table = tuple[list[str], list[Sequence[Cell]]]


def areas_table(data: Overview) -> Table:
    headers = [_("Reform area"), _("Progress (%)"), _("Activities"), _("Done")]
    rows: list[Sequence[Cell]] = [
        [a.node.heading, _r(a.percent), a.activities, a.done] for a in data.areas
    ]
    return headers, rows


def agencies_table(data: Overview) -> Table:
    headers = [
        _("Agency"),
        _("Progress (%)"),
        _("Reports expected"),
        _("Sent"),
        _("On time"),
        _("Overdue"),
        _("Completeness (%)"),
        _("Timeliness (%)"),
    ]
    rows: list[Sequence[Cell]] = [
        [
            a.name,
            _r(a.progress),
            a.counts.total,
            a.counts.sent,
            a.counts.on_time,
            a.counts.overdue,
            _r(a.counts.completeness),
            _r(a.counts.timeliness),
        ]
        for a in data.agencies
    ]
    return headers, rows


def heat_table(data: Overview) -> Table:
    headers = [_("Agency"), *(a.node.heading for a in data.areas)]
    rows: list[Sequence[Cell]] = [
        [a.name, *(_r(a.cells.get(area.node.pk)) for area in data.areas)] for a in data.agencies
    ]
    return headers, rows


def periods_table(data: Overview | Scorecard) -> Table:
    headers = [
        _("Period"),
        _("Deadline"),
        _("Reports expected"),
        _("Sent"),
        _("On time"),
        _("Completeness (%)"),
        _("Timeliness (%)"),
        _("Change in completeness (points)"),
        _("Change in timeliness (points)"),
    ]
    rows: list[Sequence[Cell]] = [
        [
            f.period.label,
            f.period.deadline_effective,
            f.counts.total,
            f.counts.sent,
            f.counts.on_time,
            _r(f.counts.completeness),
            _r(f.counts.timeliness),
            _r(f.completeness_change),
            _r(f.timeliness_change),
        ]
        for f in data.periods
    ]
    return headers, rows


def targets_table(data: Overview) -> Table:
    headers = [_("Target"), _("Plan item"), _("Status"), _("Actual"), _("Expected"), _("As of")]
    rows: list[Sequence[Cell]] = [
        [
            r.target.describe(),
            r.target.node.display,
            str(r.status.label),
            r.assessment.actual,
            _r(r.assessment.expected),
            r.assessment.as_of,
        ]
        for r in data.behind
    ]
    return headers, rows


def service_table(data: Overview) -> Table:
    headers = [_("Code"), _("Indicator"), _("Value"), _("Period"), _("Source")]
    rows: list[Sequence[Cell]] = [
        [s.indicator.code, s.indicator.name, s.value, s.period_label, s.source]
        for s in data.service
    ]
    return headers, rows


OVERVIEW_TABLES = {
    "areas": areas_table,
    "agencies": agencies_table,
    "heat": heat_table,
    "periods": periods_table,
    "targets": targets_table,
    "service": service_table,
}


def overview_table(data: Overview, *, table: str, fmt: str) -> HttpResponse:
    build = OVERVIEW_TABLES.get(table)
    if build is None:
        raise Http404
    headers, rows = build(data)
    return export_response(
        fmt=fmt,
        filename=f"dashboard-{table}-{data.on:%Y%m%d}",
        title=table,
        headers=headers,
        rows=rows,
    )


def card_areas_table(card: Scorecard) -> Table:
    headers = [_("Reform area"), _("Progress (%)"), _("Activities led")]
    rows: list[Sequence[Cell]] = [[n.heading, _r(p), led] for n, p, led in card.areas]
    return headers, rows


def card_activities_table(card: Scorecard) -> Table:
    headers = [_("Activity"), _("Progress (%)"), _("Done")]
    rows: list[Sequence[Cell]] = [
        [n.heading, _r(p), _("Yes") if done else _("No")] for n, p, done in card.activities
    ]
    return headers, rows


def scorecard_table(card: Scorecard, *, table: str, fmt: str) -> HttpResponse:
    builds = {
        "periods": periods_table,
        "areas": card_areas_table,
        "activities": card_activities_table,
    }
    build = builds.get(table)
    if build is None:
        raise Http404
    headers, rows = build(card)
    return export_response(
        fmt=fmt,
        filename=f"scorecard-{card.agency_id}-{table}",
        title=table,
        headers=headers,
        rows=rows,
    )


def drill_rows(found: Drill) -> Table:
    if found.obligations:
        headers = [_("Agency"), _("Role"), _("Period"), _("Deadline"), _("Report"), _("Done")]
        rows: list[Sequence[Cell]] = []
        for o in found.obligations:
            report = getattr(o, "progress_report", None)
            rows.append(
                [
                    o.agency.name,
                    o.role,
                    o.period_label,
                    o.deadline,
                    report.get_state_display() if report is not None else "",
                    report.percent if report is not None else None,
                ]
            )
        return headers, rows
    headers = [_("Plan item"), _("Progress (%)")]
    return headers, [[n.heading, _r(p)] for n, p in found.children]


def drill_table(found: Drill, *, fmt: str) -> HttpResponse:
    headers, rows = drill_rows(found)
    return export_response(
        fmt=fmt, filename=f"drill-{found.node.pk}", title="drill", headers=headers, rows=rows
    )


def overview_charts(data: Overview, *, agencies: list[AgencyRow]) -> dict[str, object]:
    """The data of the overview's charts (the ``data-charts`` attribute); each chart has its
    table. The heat map shows ``agencies`` (those the page lists)."""
    return {
        "areas": {
            "labels": [a.node.heading[:40] for a in data.areas],
            "values": [_r(a.percent) for a in data.areas],
        },
        "periods": {
            "labels": [f.period.label for f in data.periods],
            "completeness": [_r(f.counts.completeness) for f in data.periods],
            "timeliness": [_r(f.counts.timeliness) for f in data.periods],
            "names": [_("Completeness (%)"), _("Timeliness (%)")],
        },
        "heat": {
            "areas": [a.node.heading[:30] for a in data.areas],
            "agencies": [a.name[:40] for a in agencies],
            "cells": [
                [x, y, _r(agency.cells[area.node.pk])]
                for y, agency in enumerate(agencies)
                for x, area in enumerate(data.areas)
                if area.node.pk in agency.cells
            ],
        },
    }
