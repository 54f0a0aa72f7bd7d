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
import warnings
from typing import Any

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.worksheet.worksheet import Worksheet

from cchc.plans.readers.base import ReadError, Row, SourceDocument, Table
from cchc.plans.readers.csv import clean_cell, tidy_rows
from cchc.plans.readers.docx import zip_members


def read_xlsx(data: bytes, name: str) -> SourceDocument:
    """Read a workbook: one :class:`Table` per visible sheet that has a non-empty cell."""
    names = zip_members(data)
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
        raise ReadError(
            _("%(name)s: the workbook is damaged and cannot be read (%(error)s).")
            % {"name": name, "error": exc}
        ) from exc
    doc = SourceDocument(name=name, format="xlsx", line_unit="row")
    try:
        for sheet in workbook.worksheets:
            if sheet.sheet_state == "visible" and (table := _sheet_table(sheet)):
                doc.blocks.append(table)
    finally:
        workbook.close()
    if not doc.blocks:
        raise ReadError(
            _("%(name)s: the workbook has no visible sheet with any content.") % {"name": name}
        )
    return doc


def _sheet_table(sheet: Worksheet) -> Table | None:
    max_row, max_col = sheet.max_row, sheet.max_column
    merged: dict[tuple[int, int], str] = {}
    for cells in sheet.merged_cells.ranges:
        top_left = sheet.cell(cells.min_row, cells.min_col)
        text = format_value(top_left.value, top_left.number_format)
        for r in range(cells.min_row, min(cells.max_row, max_row) + 1):
            for c in range(cells.min_col, min(cells.max_col, max_col) + 1):
                merged[r, c] = text
    rows = []
    for r, cells_of_row in enumerate(
        sheet.iter_rows(min_row=1, min_col=1, max_row=max_row, max_col=max_col), start=1
    ):
        texts = [
            merged.get((r, c)) or format_value(cell.value, cell.number_format)
            for c, cell in enumerate(cells_of_row, start=1)
        ]
        rows.append(Row(cells=[clean_cell(t) for t in texts], line=r))
    rows = tidy_rows(rows)
    return Table(rows=rows, line=rows[0].line, part=sheet.title) if rows else None


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
    return str(value).strip()


def _number(value: float) -> str:
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    return format(value, ".15g")
