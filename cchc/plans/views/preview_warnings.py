"""The import preview's warnings, grouped for the reader: first what may be wrong in the rows
(the reader's own warnings, in line order), then the names the agency registry does not know,
each name once with the lines that print it.

Presentation only: the plan's warnings stay one flat list (``import-plan --json``); the names
come from the items' ``unresolved_agencies`` (``cchc.agencies.interpret``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cchc.agencies.names import compact_key
from cchc.plans.parsing.result import ImportWarning, ParsedPlan

# The warnings the unknown-names group stands for.
AGENCY_CODES = frozenset({"unresolved-agency"})


@dataclass(slots=True)
class LineRef:
    line: int
    anchor: str  # the id of the row in the preview's table, "" when no row starts there


@dataclass(slots=True)
class UnknownName:
    name: str
    lines: list[LineRef] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # the labels of the columns it is in


@dataclass(slots=True)
class WarningRow:
    warning: ImportWarning
    anchor: str


@dataclass(slots=True)
class PreviewWarnings:
    rows: list[WarningRow]
    unknown: list[UnknownName]
    # Warnings about unknown names that no item lists (a plan read elsewhere): shown as is.
    unknown_unlisted: list[WarningRow]
    unknown_warnings: int
    total: int


def row_anchor(index: int) -> str:
    """The id of the preview table's row for the item at ``index``."""
    return f"preview-row-{index + 1}"


def _line_key(warning: ImportWarning) -> tuple[bool, int]:
    # Warnings about the whole document (no line) first, then by line; ties keep their order.
    return (warning.line is not None, warning.line or 0)


def group_warnings(parsed: ParsedPlan) -> PreviewWarnings:
    anchors: dict[int, str] = {}
    for index, item in enumerate(parsed.items):
        anchors.setdefault(item.line, row_anchor(index))
    ordered = sorted(parsed.warnings, key=_line_key)
    rows = [
        WarningRow(w, anchors.get(w.line, "") if w.line is not None else "")
        for w in ordered
        if w.code not in AGENCY_CODES
    ]
    labels = {c.field: c.label for c in parsed.document.columns}
    unknown: dict[str, UnknownName] = {}
    for index, item in sorted(enumerate(parsed.items), key=lambda pair: pair[1].line):
        entries: list[dict[str, Any]] = item.interpreted.get("unresolved_agencies") or []
        for entry in entries:
            key = compact_key(entry["text"]) or entry["text"]
            name = unknown.setdefault(key, UnknownName(name=entry["text"]))
            if not any(ref.line == item.line for ref in name.lines):
                name.lines.append(LineRef(item.line, row_anchor(index)))
            label = labels.get(entry["field"], entry["field"])
            if label not in name.columns:
                name.columns.append(label)
    agency_warnings = [w for w in ordered if w.code in AGENCY_CODES]
    unlisted = (
        [] if unknown else [WarningRow(w, anchors.get(w.line or 0, "")) for w in agency_warnings]
    )
    return PreviewWarnings(
        rows=rows,
        unknown=list(unknown.values()),
        unknown_unlisted=unlisted,
        unknown_warnings=len(agency_warnings),
        total=len(parsed.warnings),
    )
