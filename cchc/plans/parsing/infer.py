"""Columns inferred from the cells of a numbered table whose headers name none we know.

A table of the genre may head its columns in words no rule of ``columns.py`` lists ("TT |
Tỉnh kiến nghị | Thông tin đề xuất | Bộ phụ trách tiếp nhận, xử lý"). When its header names
the number's column and its rows are numbered, the other columns are told by what their
cells hold: the column whose cells are mostly agencies' names (the heads of
``vocabulary._AGENCY``: "Bộ", "Sở", "Ủy ban nhân dân" …) is the lead, a column of dates or
periods ("Năm 2025", "Quý I", "30/6/2026") the timeframe, and the column of the longest text
the task. Without a lead column nothing is inferred: a table that is no plan stays refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from cchc.core.text import clean_text
from cchc.plans.parsing import cells as C
from cchc.plans.parsing.columns import map_header
from cchc.plans.parsing.headers import ROW_NUMBER_RE, Layout
from cchc.plans.parsing.vocabulary import _AGENCY
from cchc.plans.readers.base import Row

_AGENCY_CELL_RE = re.compile(rf"^(?:{_AGENCY})")
_PERIOD_CELL_RE = re.compile(
    r"^(?:(?:[Tt]rước|[Tt]rong|[Hh]oàn thành|[Tt]ừ|[Đđ]ến)\s+)?(?:[Nn]ăm\s+\d{4}|[Qq]uý\s+[IV1-4]|"
    r"[Tt]háng\s+\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|\d{4}\b|[Hh]ằng năm|[Hh]àng năm|"
    r"[Tt]hường xuyên|[Hh]ằng quý|[Hh]àng quý)"
)
_MIN_ROWS = 3
_MIN_SHARE = 0.6  # of a column's filled cells
_MIN_TASK_LENGTH = 20  # characters on average
_MAX_AGENCY_CELL = 300


@dataclass(slots=True)
class Inferred:
    header: int  # index of the header row
    layout: Layout
    inferred: list[int]  # the columns whose field was inferred


def _agency(cell: str) -> bool:
    first = re.split(r"[;\n]", cell, maxsplit=1)[0].strip(" -•+")
    return len(cell) <= _MAX_AGENCY_CELL and bool(_AGENCY_CELL_RE.match(first))


def infer_layout(rows: list[Row]) -> Inferred | None:
    """The layout of a numbered table read from its cells, or None when it is no plan table."""
    for index, row in enumerate(rows[:10]):
        labels = [C.clean_cell(c).replace("\n", " ") for c in row.cells]
        fields = map_header(labels)
        if "number" not in fields or any(len(clean_text(label)) > 80 for label in labels):
            continue
        found = _from_cells(rows[index + 1 :], labels, fields)
        if found is not None:
            return Inferred(
                header=index, layout=Layout(labels=labels, fields=found[0]), inferred=found[1]
            )
        return None
    return None


def _from_cells(
    rows: list[Row], labels: list[str], fields: list[str | None]
) -> tuple[list[str | None], list[int]] | None:
    width = len(labels)
    number_col = fields.index("number")
    body = [
        [C.clean_cell(c) for c in row.cells]
        for row in rows
        if len(row.cells) == width and ROW_NUMBER_RE.match(C.clean_cell(row.cells[number_col]))
    ]
    if len(body) < _MIN_ROWS:
        return None
    free = [i for i, f in enumerate(fields) if f is None]

    def share(col: int, test: Callable[[str], object]) -> float:
        filled = [r[col] for r in body if r[col]]
        if len(filled) < _MIN_ROWS:
            return 0.0
        return sum(1 for c in filled if test(c)) / len(filled)

    def length(col: int) -> float:
        return sum(len(r[col]) for r in body) / len(body)

    fields = list(fields)
    inferred: list[int] = []
    if "lead" not in fields:
        scored = [(share(i, _agency), i) for i in free]
        best = max(scored, default=(0.0, -1))
        if best[0] < _MIN_SHARE:
            return None
        fields[best[1]] = "lead"
        inferred.append(best[1])
        free.remove(best[1])
    elif share(fields.index("lead"), _agency) < _MIN_SHARE:
        return None
    if "timeframe" not in fields:
        periods = [(share(i, _PERIOD_CELL_RE.match), i) for i in free]
        best = max(periods, default=(0.0, -1))
        if best[0] >= _MIN_SHARE:
            fields[best[1]] = "timeframe"
            inferred.append(best[1])
            free.remove(best[1])
    if "title" not in fields:
        longest = max(((length(i), i) for i in free), default=(0.0, -1))
        if longest[0] < _MIN_TASK_LENGTH:
            return None
        fields[longest[1]] = "title"
        inferred.append(longest[1])
    return fields, sorted(inferred)
