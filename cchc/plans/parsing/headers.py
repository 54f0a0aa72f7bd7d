"""Finding the header of a plan table: its row, its height (one or two rows), the columns it
names, and the rows that only repeat it or number its columns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc.core.text import fold
from cchc.plans.parsing import cells as C
from cchc.plans.parsing.columns import field_for_label, header_key, is_header, map_header
from cchc.plans.readers.base import Row, Table

_NUMBERING_CELL_RE = re.compile(r"^\(?\s*(\d{1,2}|[a-zđ])\s*\)?$")


@dataclass(slots=True)
class Layout:
    labels: list[str]
    fields: list[str | None]

    @property
    def keys(self) -> list[str]:
        return [header_key(label) for label in self.labels]

    @property
    def width(self) -> int:
        return len(self.labels)

    def column(self, name: str) -> int | None:
        try:
            return self.fields.index(name)
        except ValueError:
            return None


def find_header(rows: list[Row]) -> tuple[int, Layout | None]:
    for index, row in enumerate(rows[:40]):
        if is_header(row.cells):
            cells = list(row.cells)
            height = header_height(rows, index)
            if height == 2:
                cells = _merge_header(cells, rows[index + 1].cells)
            labels = [C.clean_cell(c).replace("\n", " ") for c in cells]
            fields = map_header(labels)
            if "number" not in fields and _numbered_beyond(rows[index + height :], len(labels)):
                # The header names the columns of the text but not the number's: the rows
                # of work are one cell wider, their first cell "1.1", "2.3" …
                labels, fields = ["STT", *labels], ["number", *fields]
            return index, Layout(labels=labels, fields=fields)
    return 0, None


_GROUP_LABEL_RE = re.compile(r"^(?:PHẦN|Phần)\s+\S+$|^[IVXLC]{1,6}\.?$|^[A-ZĐ]\.?$")


def groups_above(rows: list[Row]) -> list[Row]:
    """The rows just above a header that are grouping rows: a label ("B", "I") and a title."""
    groups: list[Row] = []
    for row in reversed(rows):
        filled = [C.clean_cell(c) for c in row.cells if c.strip()]
        if not (2 <= len(filled) <= 3 and _GROUP_LABEL_RE.match(filled[0])):
            break
        groups.insert(0, row)
    return groups


ROW_NUMBER_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,3}\.?$")


def _numbered_beyond(rows: list[Row], width: int) -> bool:
    """Whether most rows below a header of ``width`` cells have one more, a number first."""
    wider = numbered = 0
    for row in rows[:60]:
        if len(row.cells) == width + 1:
            wider += 1
            numbered += bool(ROW_NUMBER_RE.match(C.clean_cell(row.cells[0])))
    narrow = sum(1 for row in rows[:60] if len(row.cells) == width)
    return numbered >= 2 and numbered * 4 >= wider * 3 and wider > narrow


_SUB_LABELS = {"bat dau", "ket thuc", "hoan thanh", "tu", "den", "nam", "so", "ngay"}


def header_height(rows: list[Row], index: int) -> int:
    """2 when the header continues on the next row ("Cơ quan thực hiện" over "Chủ trì",
    "Phối hợp"), else 1.

    The second row must consist of short labels, and at least one of them must sit under a
    label that spans several columns (repeated, or followed by an empty cell) or under an
    empty cell.
    """
    if index + 1 >= len(rows):
        return 1
    top = [C.clean_cell(c) for c in rows[index].cells]
    sub = [C.clean_cell(c) for c in rows[index + 1].cells]
    filled = [(i, c) for i, c in enumerate(sub) if c]
    if not filled or is_numbering_row(sub):
        return 1
    for _i, label in filled:
        if len(label) > 40 or (
            field_for_label(label) is None and header_key(label) not in _SUB_LABELS
        ):
            return 1
    for i, _label in filled:
        head = top[i] if i < len(top) else ""
        spans = (
            head == ""
            or (i > 0 and top[i - 1] == head)
            or (i + 1 < len(top) and (top[i + 1] == head or top[i + 1] == ""))
        )
        if spans:
            return 2
    return 1


def _merge_header(top: list[str], below: list[str]) -> list[str]:
    merged = []
    for i, head in enumerate(top):
        sub = C.clean_cell(below[i]) if i < len(below) else ""
        head = C.clean_cell(head)
        if sub and fold(sub) != fold(head):
            merged.append(f"{head} {sub}".strip() if head else sub)
        else:
            merged.append(head)
    return merged


def is_repeated_header(cells: list[str], header_keys: list[str]) -> bool:
    # Header labels are short; a long cell is data, and folding it would be wasted work.
    keys = [header_key(C.clean_cell(c)) if len(c) <= 120 else "\0" for c in cells]
    filled = [k for k in keys if k]
    if len(filled) < 2:
        return False
    matches = sum(1 for k in filled if k in header_keys)
    return matches >= max(2, len(filled) * 2 // 3)


def is_numbering_row(cells: list[str]) -> bool:
    filled = [c.strip() for c in cells if c.strip()]
    return len(filled) >= 3 and all(_NUMBERING_CELL_RE.match(c) for c in filled)


def same_width(table: Table, layout: Layout) -> bool:
    widths = [len(r.cells) for r in table.rows]
    return bool(widths) and max(widths) in (layout.width, layout.width + 1)
