"""Pipe tables whose rows a converter wrapped over several lines (held-out round 7).

A web page's table turned into markdown by a careless converter keeps the header on one line
but breaks the rows where a cell held a line break: the row goes on on the next lines, each
continuation line opening with "|" (the pipe closes the cell the line above left open), or
without it (a cell of its own after a line that closed with "|"). Stray lines of bare pipes
("|", "| |||||") part the rows, and a section row is one cell of text::

    | TT | Tên văn bản | Cơ quan trình | Cơ quan soạn thảo | Thẩm tra | Tiến độ | Hồ sơ | |
    |
    | I. Văn bản thuộc thẩm quyền của Quốc hội |
    | |||||
    | | Luật sửa đổi … | Ủy ban Thường vụ Quốc hội | Ban soạn thảo (…)
    | - Ủy ban Pháp luật chủ trì thẩm tra; …
    | - Trình tại Phiên họp thứ 42 … | - Hồ sơ gồm có: … | |
    | Nghị quyết về việc giải thể … | Ban Công tác đại biểu |
    Ban Công tác đại biểu (Viện … phối hợp) |
    | Trình trước ngày 10/01/2025 | - Hồ sơ gồm có: … | |

A row goes on until it holds the header's number of cells: a line opening with "|" after a
row left open continues its last cell's row; after a row that closed with "|" it continues
the row only while the cells still fit the header, an empty cell left between the two pipes
("… (Viện … phối hợp) |" / "| Trình …": the review cell the converter lost). A line of bare
pipes or of empty cells parts rows and is none; a row of one cell (a section) is whole. A row
short of its number cell ("| Nghị quyết … | … | ||", the "TT" column empty everywhere) gets
it back from its padding at the end.

Only a run with a broken line (a row left open, or a line that does not open with "|") is
rebuilt: a well-formed table, each row on one line, reads as before.
"""

from __future__ import annotations

import re

from cchc.plans.readers.base import Row, Table

_PIPE_SPLIT_RE = re.compile(r"(?<!\\)\|")
_SEPARATOR_RE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
# A number cell: "1", "1.2", "II", "a" (a row whose first cell is text lost its number cell).
_NUMBER_CELL_RE = re.compile(r"^\W*(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-Za-zĐđ])\W*$")
# A table this broken has a header naming three columns or more, and two rows or more.
_MIN_COLUMNS = 4


def wrapped_tables(lines: list[str]) -> dict[int, tuple[Table, int]]:
    """Pipe tables whose rows are wrapped over lines, rebuilt: {first line number (1-based):
    (the table, its last line number)}."""
    found: dict[int, tuple[Table, int]] = {}
    index = 0
    while index < len(lines):
        header = _header(lines[index])
        if header is None:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and _table_line(lines[end]):
            end += 1
        body = [line.strip() for line in lines[index + 1 : end]]
        if _broken(body):
            table = Table(rows=[Row(cells=header, line=index + 1)], line=index + 1)
            table.rows += _rows(body, index + 2, len(header))
            if len(table.rows) >= 3:
                found[index + 1] = (table, end)
        index = end  # (a well-formed run is read as it is, line by line)
    return found


def _header(line: str) -> list[str] | None:
    stripped = line.strip()
    if not (stripped.startswith("|") and _closed(stripped)):
        return None
    cells = _cells(stripped)
    return cells if sum(1 for cell in cells if cell) >= _MIN_COLUMNS - 1 else None


def _table_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and (stripped.startswith("|") or _closed(stripped))


def _broken(body: list[str]) -> bool:
    """Whether a line of the run leaves its row open or continues one without a pipe."""
    return any(
        not _SEPARATOR_RE.match(line) and (not line.startswith("|") or not _closed(line))
        for line in body
    )


def _rows(body: list[str], first_line: int, columns: int) -> list[Row]:
    rows: list[Row] = []
    cells: list[str] = []
    line_of_row = first_line
    left_open = False  # the row's last cell goes on on the next line

    def finish() -> None:
        nonlocal cells
        if cells:
            rows.append(Row(cells=_aligned(cells, columns), line=line_of_row))
        cells = []

    for offset, line in enumerate(body):
        number = first_line + offset
        if _SEPARATOR_RE.match(line) and "-" in line:
            continue
        if line == "|":
            if not left_open:
                finish()  # a lone "|": no row, the row above ends
            left_open = False  # (or it closes the cell left open)
            continue
        opens = line.startswith("|")
        closes = _closed(line)
        parts = _cells(line)
        if opens and not any(parts) and not left_open:
            finish()  # "| |||||": no row, the row above ends
            continue
        if not opens and cells:
            if left_open:
                cells[-1] = f"{cells[-1]} {parts[0]}".strip()
                parts = parts[1:]
            cells += parts
        elif opens and left_open:
            cells += parts  # the "|" closes the cell left open
        elif opens and cells and _fits(cells, parts, columns):
            cells += ["", *parts]  # the empty cell between "… |" and "| …"
        else:
            finish()
            cells, line_of_row = list(parts), number
        left_open = not closes
    finish()
    return rows


def _fits(cells: list[str], parts: list[str], columns: int) -> bool:
    """Whether a line opening with "|" goes on with a row closed on the line above."""
    if sum(1 for cell in cells if cell) <= 1:
        return False  # a section row, one cell of text, is whole
    return len(cells) + 1 + len(parts) <= columns


def _aligned(cells: list[str], columns: int) -> list[str]:
    """The row with its lost number cell given back: "| Nghị quyết … | … | ||" (the first
    cell text, empty cells padding the end) under a header whose first column numbers."""
    filled = [cell for cell in cells if cell]
    if (
        len(filled) >= 2
        and cells[0]
        and not _NUMBER_CELL_RE.match(cells[0])
        and len(cells) >= columns
        and not cells[-1]
    ):
        return ["", *cells[:-1]]
    return cells


def _closed(line: str) -> bool:
    return line.endswith("|") and not line.endswith("\\|")


def _cells(line: str) -> list[str]:
    from cchc.plans.readers.text import unescape  # (text.py hooks this module)

    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if _closed(body):
        body = body[:-1]
    return [unescape(cell.strip()) for cell in _PIPE_SPLIT_RE.split(body)]
