"""Text tables aligned with spaces, as ``pdftotext -layout`` prints a signed PDF::

    STT   Nhiệm vụ                         Chủ trì        Thời gian
          Rà soát văn bản quy phạm
    1     pháp luật của tỉnh               Sở Tư pháp     Quý II/2025
          thuộc thẩm quyền

Columns are found from the header row (the first line whose space-separated cells name a
plan table's columns; a header wrapped over several lines is merged column by column). Every
later line is cut into cells where it has runs of two spaces or more, and each cell goes to the
header column it overlaps most. Lines make records: where blank lines separate the rows, each
blank-separated block is one row (the row number may stand on any of its lines, as it does
when the number is centred in a tall cell); otherwise a line with a row number (or a
grouping label) starts a row and the lines below continue it. A form feed is a page break: the
repeated header on the next page is skipped and the first row there may continue the last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc.plans.readers.base import Paragraph, Row, Table

_CELL_RE = re.compile(r"\S+(?: \S+)*")
_NUMBER_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|[A-ZĐ]\.|[a-zđ]\))$")
_END_RE = re.compile(
    r"^\s*(?:Nơi nhận|KT\.|TM\.|Q\. ?CHỦ TỊCH|CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG)(?:\s|:|$)"
)
_PAGE_NUMBER_RE = re.compile(r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$|^\s*Trang \d+(?:/\d+)?\s*$")
_MAX_HEADER_LINES = 4


@dataclass(slots=True)
class _Cell:
    start: int
    end: int
    text: str


def _cells(line: str) -> list[_Cell]:
    return [_Cell(m.start(), m.end(), m.group()) for m in _CELL_RE.finditer(line)]


def find_layout_table(lines: list[str]) -> tuple[int, int, Table] | None:
    """The first space-aligned plan table in ``lines``: (first index, end index, table)."""
    from cchc.plans.parsing.columns import is_header

    for index, line in enumerate(lines[:4000]):
        cells = _cells(line.replace("\f", ""))
        if len(cells) < 3 or not is_header([c.text for c in cells]):
            continue
        top = index
        while (
            top > 0
            and index - top < _MAX_HEADER_LINES
            and _header_like(lines[top - 1])
            and len(_cells(lines[top - 1])) >= 1
        ):
            top -= 1
        bottom = index + 1
        while (
            bottom < len(lines) and bottom - top < _MAX_HEADER_LINES and _header_like(lines[bottom])
        ):
            bottom += 1
        header_lines = lines[top:bottom]
        columns = _columns(header_lines)
        table, end = _records(lines, bottom, columns, header_lines)
        table.line = top + 1
        return top, end, table
    return None


def _header_like(line: str) -> bool:
    cells = _cells(line.replace("\f", ""))
    if not cells:
        return False
    first = cells[0].text
    return all(len(c.text) <= 30 for c in cells) and not (
        _NUMBER_RE.match(first) or first[:1].isdigit()
    )


def _columns(header_lines: list[str]) -> list[_Cell]:
    """The header's columns (their span and merged label), from its widest line."""
    rows = [_cells(line.replace("\f", "")) for line in header_lines]
    widest = max(rows, key=len)
    columns = [_Cell(c.start, c.end, "") for c in widest]
    for row in rows:
        for cell in row:
            col = _best(columns, cell)
            target = columns[col]
            target.start = min(target.start, cell.start)
            target.end = max(target.end, cell.end)
            target.text = f"{target.text} {cell.text}".strip()
    return columns


def _best(columns: list[_Cell], cell: _Cell) -> int:
    """The column a cell overlaps most; the nearest one when it overlaps none."""
    best, best_score = 0, -(10**9)
    for i, col in enumerate(columns):
        overlap = min(col.end, cell.end) - max(col.start, cell.start)
        score = (
            overlap if overlap > 0 else -min(abs(col.start - cell.start), abs(col.end - cell.end))
        )
        if (
            overlap <= 0
            and cell.start >= col.start
            and (i + 1 == len(columns) or cell.start < columns[i + 1].start)
        ):
            score = 0  # starts inside the column's band (left-aligned wrapped text)
        if score > best_score:
            best, best_score = i, score
    return best


def _records(
    lines: list[str], start: int, columns: list[_Cell], header_lines: list[str]
) -> tuple[Table, int]:
    header_keys = {_key(line) for line in header_lines if line.strip()}
    body: list[tuple[int, list[str], bool]] = []  # (line index, cells by column, after break)
    end = len(lines)
    page_break = False
    for index in range(start, len(lines)):
        raw = lines[index]
        if "\f" in raw:
            page_break = True
            raw = raw.replace("\f", "")
        if _END_RE.match(raw):
            end = index
            break
        if not raw.strip():
            body.append((index, [], page_break))
            continue
        if _PAGE_NUMBER_RE.match(raw):
            page_break = True  # a page number printed in the margin
            continue
        if _key(raw) in header_keys:
            page_break = True
            continue
        by_column = [""] * len(columns)
        for cell in _cells(raw):
            col = _best(columns, cell)
            by_column[col] = f"{by_column[col]} {cell.text}".strip()
        body.append((index, by_column, page_break))
        page_break = False
    filled = [b for b in body if b[1]]
    blank_separated = sum(1 for b in body if not b[1]) >= max(2, len(_numbered(filled)) // 2)
    table = Table(rows=[], line=start + 1)
    current: list[tuple[int, list[str], bool]] = []

    def close() -> None:
        if not current:
            return
        cells = [
            " ".join(part[1][i] for part in current if part[1][i]) for i in range(len(columns))
        ]
        table.rows.append(Row(cells=cells, line=current[0][0] + 1, after_break=current[0][2]))
        current.clear()

    header = Row(cells=[c.text for c in columns], line=start)
    table.rows.append(header)
    for entry in body:
        _index, cells, after_break = entry
        if not cells:
            if blank_separated:
                close()
            continue
        starts_row = bool(cells[0] and _NUMBER_RE.match(cells[0].split(" ")[0]))
        if after_break or (not blank_separated and starts_row):
            close()
        current.append(entry)
    close()
    return table, end


def _numbered(entries: list[tuple[int, list[str], bool]]) -> list[int]:
    return [i for i, cells, _b in entries if cells and cells[0] and _NUMBER_RE.match(cells[0])]


def _key(line: str) -> str:
    return " ".join(c.text.casefold() for c in _cells(line.replace("\f", "")))


def split_layout(lines: list[str]) -> tuple[list[Paragraph], Table, list[Paragraph]] | None:
    """Paragraphs before, the table, paragraphs after; None when no aligned table is found."""
    found = find_layout_table(lines)
    if found is None:
        return None
    top, end, table = found
    before = [Paragraph(text=t.strip(), line=i + 1) for i, t in enumerate(lines[:top]) if t.strip()]
    after = [
        Paragraph(text=t.strip(), line=i + 1)
        for i, t in enumerate(lines[end:], start=end)
        if t.strip()
    ]
    return before, table, after
