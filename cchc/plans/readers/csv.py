"""CSV reader, and the grid helpers every table reader shares.

The delimiter is the one an Excel ``sep=;`` first line names, else the one among ``,`` ``;``
tab and ``|`` that splits the first records into the most rows of equal width. Quoted cells
may span lines; ``Row.line`` is the line where the record starts. A quoted cell never closed is
refused rather than left to swallow the rest of the file.

Shared conventions (``clean_cell`` and ``tidy_rows``, used by the HTML, DOCX and XLSX readers
too): a cell's text has its whitespace collapsed within each line and empty lines dropped;
empty rows are dropped; every row of a table has the same length, the table's rightmost
non-empty column (shorter rows are padded with ``""``).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from django.utils.translation import gettext as _

from cchc.plans.readers.base import ReadError, Row, SourceDocument, Table
from cchc.plans.readers.limits import Budget

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_RECORDS = 50
_SPACES = re.compile(r"[^\S\n]+")
_SEP_DIRECTIVE = re.compile(r"sep=([^\r\n])(?=\r?\n|\r|\Z)", re.IGNORECASE)


def clean_cell(text: str) -> str:
    """Collapse whitespace within each line, drop empty lines, join the rest with newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def tidy_rows(rows: list[Row]) -> list[Row]:
    """Drop empty rows and pad the rest to the table's rightmost non-empty column."""
    kept = [row for row in rows if any(row.cells)]
    width = max((_used_width(row.cells) for row in kept), default=0)
    for row in kept:
        row.cells = (row.cells + [""] * width)[:width]
    return kept


def _used_width(cells: list[str]) -> int:
    return max((i + 1 for i, cell in enumerate(cells) if cell), default=0)


def read_csv(text: str, name: str) -> SourceDocument:
    """Read a CSV text as one table."""
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise ReadError(
            _("%(name)s: the file contains binary data (NUL characters); it is not a CSV text.")
            % {"name": name}
        )
    directive = _SEP_DIRECTIVE.match(text)
    if directive:  # Excel's "sep=;" first line: blank it, keeping the line numbers
        text = text[len(directive.group(0)) :]
    delimiter = directive.group(1) if directive else sniff_delimiter(text)
    _check_quotes_closed(text, delimiter, name)
    rows: list[Row] = []
    budget = Budget(name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        while True:
            start = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            if not any(record):  # blank lines are dropped anyway; never hold them
                continue
            budget.row(len(record), start)
            rows.append(Row(cells=[clean_cell(cell) for cell in record], line=start))
    except csv.Error as exc:
        raise ReadError(
            _("%(name)s: line %(line)s cannot be read as CSV (%(error)s).")
            % {"name": name, "line": reader.line_num, "error": exc}
        ) from exc
    rows = tidy_rows(rows)
    if not rows:
        raise ReadError(_("%(name)s: the CSV file has no non-empty row.") % {"name": name})
    doc = SourceDocument(name=name, format="csv", line_unit="line")
    doc.blocks.append(Table(rows=rows, line=rows[0].line))
    return doc


def sniff_delimiter(text: str) -> str:
    """The delimiter that gives the most records of one common width (ties: list order)."""
    best, best_score = DELIMITERS[0], (0, 0)
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        widths: Counter[int] = Counter()
        try:
            for index, record in enumerate(reader):
                if index >= _SNIFF_RECORDS:
                    break
                if record:
                    widths[len(record)] += 1
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = widths.most_common(1)[0]
        score = (count, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _check_quotes_closed(text: str, delimiter: str, name: str) -> None:
    """Refuse a quoted cell that is never closed: it would swallow the rest of the file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for _record in reader:
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise ReadError(
                _(
                    "%(name)s: a quoted cell starting on line %(line)s is never closed "
                    "(a missing double quote)."
                )
                % {"name": name, "line": start}
            ) from exc
        # Other strictness complaints (a stray quote inside a cell) are read leniently.
