"""Plain text and markdown: pipe tables (with or without the ``|---|`` line), tab-separated
tables, and the paragraphs around them (letterhead, preamble, prose task blocks).

A PDF converted to markdown starts a new table on every page; each run of table lines becomes
one :class:`Table`, and the interpreter stitches consecutive tables back together.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from cchc.plans.readers.base import Paragraph, ReadError, Row, SourceDocument, Table
from cchc.plans.readers.legacy import decode_lines
from cchc.plans.readers.limits import Budget
from cchc.plans.readers.ocrtext import looks_ocr, repair_document
from cchc.plans.readers.wrappedrows import wrapped_tables

_SEPARATOR_RE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_PIPE_SPLIT_RE = re.compile(r"(?<!\\)\|")


def decode(data: bytes, name: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258.

    Binary data (NUL bytes, control characters) is refused with a message naming the file; a
    NUL anywhere, also past the first 64 KB that are sampled for control characters.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(
                _("%(name)s: the file claims to be UTF-16 but is not.") % {"name": name}
            ) from exc
        _refuse_nul(text, name)
        return text
    sample = data[:65536]
    if b"\x00" in sample or _control_ratio(sample) > 0.02:
        raise ReadError(
            _("%(name)s: this is a binary file, not a text, HTML, CSV, DOCX or XLSX plan document.")
            % {"name": name}
        )
    if b"\x00" in data:
        _refuse_nul(data.decode("latin-1"), name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # A file typed in TCVN3 or VNI: its legacy lines as Latin-1, converted later (legacy.py)
        if (legacy := decode_lines(data, "cp1258")) is not None:
            return legacy
        try:
            return data.decode("cp1258")
        except UnicodeDecodeError:
            raise ReadError(
                _(
                    "%(name)s: the text is neither UTF-8 nor Windows-1258 (byte %(pos)s). Save "
                    "it as UTF-8 and import it again."
                )
                % {"name": name, "pos": exc.start}
            ) from exc


def _refuse_nul(text: str, name: str) -> None:
    position = text.find("\x00")
    if position >= 0:
        raise ReadError(
            _(
                "%(name)s, line %(line)s: the text contains a NUL character (binary data); the "
                "file is refused."
            )
            % {"name": name, "line": text.count("\n", 0, position) + 1}
        )


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    bad = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(sample)


def _pipe_cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [unescape(cell.strip()) for cell in _PIPE_SPLIT_RE.split(body)]


# CommonMark's backslash escapes: a backslash before ASCII punctuation prints the mark itself.
# Editors exporting markdown escape every mark that could start a list or end a number
# ('1\. Ban …', '\- Các tỉnh uỷ …', '\--------' under a letterhead's name).
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape(text: str) -> str:
    """The text with markdown's backslash escapes resolved ("1\\." → "1.", "\\-" → "-")."""
    return _ESCAPE_RE.sub(r"\1", text) if "\\" in text else text


def _is_pipe_row(line: str) -> bool:
    stripped = line.strip()
    return stripped.count("|") >= 2 and (stripped.startswith("|") or stripped.endswith("|"))


_LINES_RE = re.compile(r"\r\n|\r|\n")


def _is_tab_row(line: str) -> bool:
    return line.count("\t") >= 2


def read_text(text: str, name: str) -> SourceDocument:
    doc = SourceDocument(name=name, format="text", line_unit="line")
    budget = Budget(name)
    most = budget.limits.rows * 10  # blank lines between rows cost little, but not nothing
    # Lines end at "\n", "\r\n" or "\r" only, as an editor numbers them: str.splitlines would
    # also break at a form feed (pdftotext's page break) and shift every line number after it.
    if max(text.count("\n"), text.count("\r")) > most or len(lines := _LINES_RE.split(text)) > most:
        raise ReadError(
            _(
                "%(name)s: the file has more than %(limit)s lines; larger plan documents are "
                "refused."
            )
            % {"name": name, "limit": f"{most:,}"}
        )
    if not any(line.strip() for line in lines):
        raise ReadError(_("%(name)s: the file holds no text.") % {"name": name})
    has_pipe_table = any(_SEPARATOR_RE.match(line.strip()) and "-" in line for line in lines)
    if has_pipe_table or sum(1 for line in lines if _is_pipe_row(line)) >= 2:
        doc.format = "markdown"
    table: Table | None = None
    table_kind = ""
    # (pipe rows a converter wrapped over lines, rebuilt: wrappedrows.py)
    cell_tables = {**_cell_line_tables(lines), **wrapped_tables(lines)}
    broken_rows = _broken_pipe_rows(lines)
    skip_to = 0
    for index, raw in enumerate(lines, start=1):
        if index <= skip_to:
            continue
        if index in broken_rows:
            raw, skip_to = broken_rows[index]
        if index in cell_tables:
            found, skip_to = cell_tables[index]
            for row in found.rows:
                budget.row(len(row.cells), row.line)
            doc.blocks.append(found)
            doc.format = "markdown"
            table = None
            table_kind = ""
            continue
        line = raw.rstrip("\r")
        if _is_pipe_row(line) or (table_kind == "pipe" and _SEPARATOR_RE.match(line.strip())):
            if _SEPARATOR_RE.match(line.strip()) and "-" in line:
                continue
            if table is None or table_kind != "pipe":
                table = Table(rows=[], line=index)
                table_kind = "pipe"
                doc.blocks.append(table)
            cells = _pipe_cells(line)
            budget.row(len(cells), index)
            table.rows.append(Row(cells=cells, line=index))
            continue
        if _is_tab_row(line) and _tab_run(lines, index - 1):
            if table is None or table_kind != "tab":
                table = Table(rows=[], line=index)
                table_kind = "tab"
                doc.blocks.append(table)
            cells = [c.strip() for c in line.split("\t")]
            budget.row(len(cells), index)
            table.rows.append(Row(cells=cells, line=index))
            continue
        table = None
        table_kind = ""
        if line.strip():
            budget.row(1, index)
            doc.blocks.append(Paragraph(text=unescape(line.strip()), line=index))
    if not doc.tables:
        _read_layout(doc, text, budget)
    if looks_ocr(lines):
        repair_document(doc)
    return doc


# A table row whose cells hold line breaks spans this many printed lines at most.
_MAX_ROW_LINES = 40


def _closes_row(line: str) -> bool:
    stripped = line.strip()
    return stripped.endswith("|") and not stripped.endswith("\\|")


def _broken_pipe_rows(lines: list[str]) -> dict[int, tuple[str, int]]:
    """Pipe rows whose cells hold line breaks, as an editor exports a letterhead or a "Nơi
    nhận" cell: "| BAN CHẤP HÀNH …", "\\-------- | ĐẢNG CỘNG SẢN …", "\\--- |" then "| :--- |
    :--- |". The row opens with "|", closes with "|" on a later line (no blank line between)
    and a table's separator or row comes right after it (or before it). Returns {first line
    number: (the row on one line, its cells' breaks kept, last line number)}."""
    found: dict[int, tuple[str, int]] = {}
    index = 0
    while index < len(lines):
        line = lines[index].rstrip("\r")
        if not line.strip().startswith("|") or _closes_row(line):
            index += 1
            continue
        end = index + 1
        while end < min(len(lines), index + _MAX_ROW_LINES):
            text = lines[end].strip()
            if not text or (text.startswith("|") and _closes_row(text)):
                end = len(lines)
                break
            if _closes_row(text):
                break
            end += 1
        if end >= min(len(lines), index + _MAX_ROW_LINES):
            index += 1
            continue
        after = lines[end + 1].strip() if end + 1 < len(lines) else ""
        before = lines[index - 1].strip() if index > 0 else ""
        if any((_SEPARATOR_RE.match(t) and "-" in t) or _is_pipe_row(t) for t in (after, before)):
            joined = "\n".join(text.rstrip("\r") for text in lines[index : end + 1])
            found[index + 1] = (joined, end + 1)
            index = end + 1
            continue
        index += 1
    return found


def _cell_line_tables(lines: list[str]) -> dict[int, tuple[Table, int]]:
    """Tables a web crawler wrote one cell per line: "|", the cell's lines, "|", the next cell…

    A row ends with a "|" line followed by the next row's "|" line: two or more "|" lines in a
    row end the row (the ones before them are its empty last cells). A run has no blank line
    and ends on a "|" line; it is a table only with three rows or more (a letterhead laid out
    as a table has one). Returns {first line number: (table, last line number)}.
    """
    found: dict[int, tuple[Table, int]] = {}
    index = 0
    while index < len(lines):
        if lines[index].strip() != "|":
            index += 1
            continue
        end = index
        while end + 1 < len(lines) and lines[end + 1].strip():
            end += 1
        while end > index and lines[end].strip() != "|":
            end -= 1
        body = _body_between_pipes(lines, index, end)
        if body is not None:
            # A page crawled without blank lines: the letterhead's "|" cells, the whole body
            # of the document as one "cell", then the signature's. The body is text, not a
            # cell; only what comes before it may be a table.
            end = body - 1
            while end > index and lines[end].strip() != "|":
                end -= 1
        table = _cell_line_rows(lines, index, end)
        if len(table.rows) >= 3:
            found[index + 1] = (table, end + 1)
        index = end + 1 if body is None else body
    return found


# A table cell is a few printed lines; a run of more lines between two "|" lines is the body
# of a document that a crawler wrote between its letterhead and its signature block. So is a
# shorter run that ends with the closing mark of a document's body ("… biết, thực hiện./."): a
# letter's few paragraphs, never a table's cell.
_MAX_CELL_LINES = 40
_MIN_BODY_LINES = 5


def _body_between_pipes(lines: list[str], start: int, end: int) -> int | None:
    """The index of the first line of a "cell" of more than ``_MAX_CELL_LINES`` lines, or of
    ``_MIN_BODY_LINES`` or more ending with the closing mark "./."."""
    run = 0
    for position in range(start, end + 1):
        if lines[position].strip() == "|":
            # (its last line with words: "* *" after it is emphasis left empty)
            words = [line for line in lines[position - run : position] if re.search(r"\w", line)]
            if run >= _MIN_BODY_LINES and words and words[-1].rstrip(" *_").endswith("./."):
                return position - run
            run = 0
            continue
        run += 1
        if run > _MAX_CELL_LINES:
            return position - run + 1
    return None


def _cell_line_rows(lines: list[str], start: int, end: int) -> Table:
    table = Table(rows=[], line=start + 1)
    cells: list[str] = []
    cell: list[str] = []
    row_line = start + 1
    pipes = 0
    for position in range(start, end + 1):
        text = lines[position].strip()
        if text == "|":
            if cell:
                cells.append(_unwrap_cell(cell))
                cell = []
            pipes += 1
            continue
        if pipes >= 2 and cells:
            table.rows.append(Row(cells=cells, line=row_line))
            cells = []
        if pipes >= 2 or not cells:
            row_line = position + 1
        pipes = 0
        cell.append(text)
    if cell:
        cells.append(_unwrap_cell(cell))
    if cells:
        table.rows.append(Row(cells=cells, line=row_line))
    header = len(table.rows[0].cells) if table.rows else 0
    for row in table.rows[1:]:
        # A row cut short by a cell merged over several rows: the merged cell is the "TT"
        # on the left when the row starts with a sentence rather than a number.
        if 2 <= len(row.cells) < header - 1 and not _SHORT_LABEL_RE.match(row.cells[0]):
            row.cells.insert(0, "")
    return table


_SHORT_LABEL_RE = re.compile(r"^\W*(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-Za-zĐđ])\W*$")


def _unwrap_cell(lines: list[str]) -> str:
    """A cell's printed lines joined again; a line break stays after a full sentence only."""
    text = lines[0]
    for line in lines[1:]:
        ends = text.rstrip("*_ ")[-1:] in ".;:!?"
        text = f"{text}\n{line}" if ends and not line[:1].islower() else f"{text} {line}"
    return text


def _read_layout(doc: SourceDocument, text: str, budget: Budget) -> None:
    """A table aligned with spaces (``pdftotext -layout``): columns from its header row."""
    from cchc.plans.readers.layout import split_layout

    # Lines as an editor counts them ("\n"); form feeds stay in their line as page breaks.
    lines = [line.rstrip("\r") for line in text.split("\n")]
    found = split_layout(lines)
    if found is None:
        _read_run_table(doc, lines, budget)
        return
    before, table, after = found
    for row in table.rows:
        budget.row(len(row.cells), row.line)
    doc.format = "text-layout"
    doc.blocks = [*before, table, *after]


def _read_run_table(doc: SourceDocument, lines: list[str], budget: Budget) -> None:
    """A task table OCR'd line by line, its cells run together on a line (``readers.runtable``)."""
    from cchc.plans.readers.runtable import read_run_table

    found = read_run_table(lines)
    if found is None:
        return
    before, table, after, notes = found
    for row in table.rows:
        budget.row(len(row.cells), row.line)
    doc.format = "text-ocr-table"
    doc.blocks = [*before, table, *after]
    doc.notes.extend((line, message, "ocr-row-unsplit") for line, message in notes)


def _tab_run(lines: list[str], index: int) -> bool:
    """A tab-separated row counts as a table row only next to another one."""
    before = index > 0 and _is_tab_row(lines[index - 1])
    after = index + 1 < len(lines) and _is_tab_row(lines[index + 1])
    return before or after
