"""Exports of lists and grids: the rows a page shows, with its filters applied, as an Excel
workbook (XLSX, openpyxl) or as CSV (UTF-8 with a byte-order mark, so that Excel reads the
Vietnamese letters), chosen by ``?format=xlsx`` or ``?format=csv`` on the page's address.

A list view asks ``export_format(request)``; when it answers a format, the view builds its
rows with the same selector and filters as the page and returns ``export_response``. Each
list keeps one small function that turns its rows into cells; nothing else is shared.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpRequest, HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX, CSV = "xlsx", "csv"
FORMATS = (XLSX, CSV)
CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
}
# Excel's limit on a sheet name, and characters it refuses in one.
_SHEET_NAME = 31
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")

Cell = str | int | float | dt.date | dt.datetime | None


def export_format(request: HttpRequest) -> str | None:
    """``xlsx`` or ``csv`` when the page is asked for as a file; None otherwise (any other
    value shows the page)."""
    asked = request.GET.get("format", "")
    return asked if asked in FORMATS else None


def _plain(value: Cell) -> Cell:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # Excel keeps no time zone: the local time, as the pages show it.
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)
    return value


def xlsx_bytes(*, title: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """One sheet: the headers in bold, frozen, then the rows."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = _BAD_SHEET.sub(" ", title)[:_SHEET_NAME] or "Sheet1"
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths = [len(h) for h in headers]
    for row in rows:
        values = [_plain(v) for v in row]
        sheet.append(values)
        for i, v in enumerate(values[: len(widths)]):
            widths[i] = max(widths[i], min(len(str(v)) if v is not None else 0, 60))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(8, width + 2)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(*, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a byte-order mark; dates as ISO 8601; an empty cell for None."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else _text(_plain(v)) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _text(value: Cell) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def export_response(
    *,
    fmt: str,
    filename: str,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
) -> HttpResponse:
    """The file as an attachment named ``filename`` plus the format's extension."""
    if fmt == XLSX:
        body = xlsx_bytes(title=title, headers=headers, rows=rows)
    else:
        body = csv_bytes(headers=headers, rows=rows)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-") or "export"
    response["Content-Disposition"] = f'attachment; filename="{safe}.{fmt}"'
    return response
