"""XLSX reader: one table per visible, non-empty sheet, via openpyxl.

Formulas give their cached values (``data_only``); a formula never calculated (e.g. written by
a library rather than Excel) reads as empty. "Line" numbers are Excel row numbers. A merged
range gives its top-left value to every cell it covers. Values become text: whole numbers
without decimals ("12", also for 12.0), other numbers with up to 15 significant digits and no
trailing zeros, percent-formatted numbers as "95%", dates "dd/mm/yyyy" (with " HH:MM" when
there is a time of day), booleans "TRUE"/"FALSE". Empty rows are dropped and every row is cut
or padded to the sheet's rightmost non-empty column. Hidden sheets are skipped; hidden rows and
columns are read.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from typing import Any

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.escape import unescape
from openpyxl.worksheet.worksheet import Worksheet

from cchc.plans.readers.base import ReadError, Row, SourceDocument, Table
from cchc.plans.readers.csv import clean_cell, tidy_rows
from cchc.plans.readers.docx import zip_members
from cchc.plans.readers.legacy import convert_run
from cchc.plans.readers.limits import Budget, Limits, current

_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([^\"]*)\"")
# What openpyxl makes an object of: a cell, a shared string.
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")
_STRING_TAG = re.compile(rb"<(?:\w+:)?si[\s/>]")


def read_xlsx(data: bytes, name: str) -> SourceDocument:
    """Read a workbook: one :class:`Table` per visible sheet that has a non-empty cell."""
    names = zip_members(data, name)
    if names is None:
        raise ReadError(
            _(
                "%(name)s: the file is damaged or incomplete (not a readable ZIP container), "
                "so it cannot be read as an Excel workbook."
            )
            % {"name": name}
        )
    if not any(n.startswith("xl/") for n in names):
        if "word/document.xml" in names:  # a Word document under a workbook's name
            from cchc.plans.readers.docx import read_docx

            return read_docx(data, name)
        raise ReadError(
            _("%(name)s: this ZIP file is not an Excel workbook (it has no xl/workbook.xml).")
            % {"name": name}
        )
    limits = current()
    _check_sheets(data, name, limits)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions, invalid defined names
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except KeyError as exc:
        raise ReadError(
            _("%(name)s: the workbook is incomplete: a part it refers to is missing.")
            % {"name": name}
        ) from exc
    except Exception as exc:
        raise _damaged(name, exc) from exc
    doc = SourceDocument(name=name, format="xlsx", line_unit="row")
    budget = Budget(name, limits)
    try:
        for sheet in workbook.worksheets:
            visible = sheet.sheet_state == "visible"
            if visible and (table := _sheet_table(sheet, budget, doc.legacy)):
                doc.blocks.append(table)
    except ReadError:
        raise
    except Exception as exc:  # openpyxl accepts values it cannot convert later
        raise _damaged(name, exc) from exc
    finally:
        workbook.close()
    if not doc.blocks:
        raise ReadError(
            _("%(name)s: the workbook has no visible sheet with any content.") % {"name": name}
        )
    return doc


def _damaged(name: str, exc: Exception) -> ReadError:
    """The one-line message for a workbook openpyxl cannot read (its own is several lines)."""
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    return ReadError(
        _("%(name)s: the workbook is damaged and cannot be read (%(error)s).")
        % {"name": name, "error": detail}
    )


def _check_sheets(data: bytes, name: str, limits: Limits) -> None:
    """Count what openpyxl would make objects of (cells, shared strings, cells covered by
    merged ranges) and refuse a workbook past the limits before it is loaded."""
    covered = cells = strings = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/") and member.endswith(".xml"):
                xml = archive.read(member)
                cells += len(_CELL_TAG.findall(xml))
                for ref in _MERGE_REF.findall(xml):
                    covered += _merged_size(ref, name)
            elif member == "xl/sharedStrings.xml":
                strings += len(_STRING_TAG.findall(archive.read(member)))
    if covered > limits.cells:
        raise ReadError(
            _(
                "%(name)s: the workbook merges %(count)s cells, too many to read; unmerge the "
                "whole rows or columns that were merged and try again."
            )
            % {"name": name, "count": covered}
        )
    if max(cells, strings) > limits.cells:
        raise ReadError(
            _(
                "%(name)s: the workbook holds %(count)s cells, more than the %(limit)s a plan "
                "document is read with."
            )
            % {"name": name, "count": f"{max(cells, strings):,}", "limit": f"{limits.cells:,}"}
        )


def _merged_size(ref: bytes, name: str) -> int:
    """How many cells a ``mergeCell ref`` covers; a reference Excel could not write is refused."""
    text = ref.decode("ascii", "replace")
    try:
        bounds = range_boundaries(text)
    except (ValueError, TypeError) as exc:
        raise ReadError(
            _("%(name)s: the merged range %(ref)s is not a valid cell range.")
            % {"name": name, "ref": text[:40]}
        ) from exc
    # "A:B" and "1:2" leave the other axis open: the whole sheet's height or width.
    min_col, min_row = (1 if b is None else b for b in bounds[:2])
    max_col = 16384 if bounds[2] is None else bounds[2]
    max_row = 1048576 if bounds[3] is None else bounds[3]
    if min(min_col, min_row, max_col, max_row) < 1 or max(max_col, min_col) > 16384:
        raise ReadError(
            _("%(name)s: the merged range %(ref)s is not a valid cell range.")
            % {"name": name, "ref": text[:40]}
        )
    return (abs(max_col - min_col) + 1) * (abs(max_row - min_row) + 1)


def _legacy_cell(text: str, cell: Cell, row: int, legacy: dict[str, int]) -> str:
    """A cell typed in a legacy Vietnamese font ('.VnTime', 'VNI-Times') as Unicode."""
    try:
        font = cell.font.name
    except (IndexError, KeyError, AttributeError):  # a style the workbook lacks
        return text
    converted, encoding = convert_run(text, font)
    if encoding:
        legacy[encoding] = min(legacy.get(encoding, row), row)
    return converted


def _sheet_table(sheet: Worksheet, budget: Budget, legacy: dict[str, int]) -> Table | None:
    """The sheet's non-empty rows, merged ranges filled with their top-left value."""
    # Walk the stored cells only: a sheet formatted down to row 1048576 or column XFD holds
    # few values, and Worksheet.iter_rows would create every cell of the rectangle.
    texts: dict[int, dict[int, str]] = {}
    for (r, c), cell in sheet._cells.items():
        if cell.value is not None and (text := clean_cell(format_value(cell.value, _fmt(cell)))):
            if isinstance(cell.value, str) and not text.isascii():
                text = _legacy_cell(text, cell, r, legacy)
            texts.setdefault(r, {})[c] = text
    last_row = max(texts, default=0)
    last_col = max((max(row) for row in texts.values()), default=0)
    budget.width(last_col, min((r for r, row in texts.items() if last_col in row), default=0))
    for cells in sheet.merged_cells.ranges:
        top_left = texts.get(cells.min_row, {}).get(cells.min_col)
        if not top_left:
            continue
        for r in range(cells.min_row, min(cells.max_row, last_row) + 1):
            for c in range(cells.min_col, min(cells.max_col, last_col) + 1):
                texts.setdefault(r, {})[c] = top_left
    rows = [
        Row(cells=[by_col.get(c, "") for c in range(1, max(by_col) + 1)], line=r)
        for r, by_col in sorted(texts.items())
    ]
    rows = tidy_rows(rows)
    return Table(rows=rows, line=rows[0].line, part=sheet.title) if rows else None


def _fmt(cell: Cell | MergedCell) -> str:
    try:
        return str(cell.number_format or "General")
    except (IndexError, KeyError):  # a style naming a number format the workbook lacks
        return "General"


def format_value(value: Any, number_format: str = "General") -> str:
    """A cell value as the text a person reads in the sheet."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        if "%" in (number_format or ""):
            return _number(value * 100) + "%"
        return _number(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return unescape(str(value)).strip()  # Excel writes a carriage return as "_x000D_"


def _number(value: float) -> str:
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    return format(value, ".15g")
