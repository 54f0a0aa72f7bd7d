"""Indicator values imported from a spreadsheet (XLSX) or CSV, and the template to fill.

One value per row, columns (header names as in the template, any order):

| column | meaning |
|---|---|
| indicator | the indicator's code (``tthc.dossiers_online``) |
| scope | empty, ``level:province``, ``field:dat-dai`` … (as the targets) |
| period_kind | ``year``, ``half``, ``nine_months``, ``quarter``, ``month`` |
| period_year, period_number | the period (``2024``, ``1``); its window is NĐ 09/2019's |
| value | a number ("45,5" or "45.5"; "%" allowed), or empty with ``no_data_reason`` |
| no_data_reason | why there is no value |
| agency | the agency's registry code, or empty for the province as a whole |
| note | optional |
| numerator, denominator | optional, for a share: the two counts behind it; the value may |
| | then stay empty (it is computed); agencies' shares then combine as a ratio of sums |

Every row is checked (``actions.record_measurement``); errors are listed as (line, column,
reason). A file with errors stores nothing unless the user chose to skip bad rows. Importing
the same file again replaces the values it stored before (same indicator, scope, agency and
period), except values locked by an approved report.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cchc.indicators.actions import IndicatorError, PeriodOf, record_measurement
from cchc.indicators.models import Indicator, Measurement, MeasurementSource
from cchc.scheduling.models import PeriodKind
from cchc.scheduling.periods import COUNT, label, window

COLUMNS = (
    "indicator",
    "scope",
    "period_kind",
    "period_year",
    "period_number",
    "value",
    "no_data_reason",
    "agency",
    "note",
    "numerator",
    "denominator",
)
REQUIRED = ("indicator", "period_kind", "period_year")
MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024
MAX_ROWS = 10_000


class ImportRefused(Exception):
    """The file cannot be read at all (format, size, header); nothing is stored."""


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "column": self.column, "reason": self.reason}


@dataclass(slots=True)
class ImportOutcome:
    stored: int = 0
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    skipped_rows: int = 0

    @property
    def refused(self) -> bool:
        """Errors and nothing stored (the user did not choose to skip bad rows)."""
        return bool(self.errors) and self.stored == 0


def template_csv(indicator: Indicator) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow([indicator.code, "", "year", "2024", "1", "", "", "", "", "", ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(indicator: Indicator) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "values"
    sheet.append(list(COLUMNS))
    sheet.append([indicator.code, "", "year", 2024, 1, None, "", "", "", None, None])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_rows(data: bytes, name: str) -> list[tuple[int, dict[str, str]]]:
    """(line, {column: text}) of every non-empty row after the header."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 5 MB."))
    if data[:2] == b"PK" or name.lower().endswith(".xlsx"):
        table = _xlsx_table(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRefused(_("The CSV file is not UTF-8 text.")) from None
        table = [list(row) for row in csv.reader(io.StringIO(text))]
    if not table:
        raise ImportRefused(_("The file is empty."))
    header = [h.strip().lower() for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportRefused(
            _("The header row lacks the columns: %(cols)s. Use the template.")
            % {"cols": ", ".join(missing)}
        )
    if len(table) - 1 > MAX_ROWS:
        raise ImportRefused(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS})
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        row = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        if any(row.values()):
            rows.append((line, row))
    return rows


def _xlsx_table(data: bytes) -> list[list[str]]:
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED:
                raise ImportRefused(_("The spreadsheet unpacks to more than 50 MB."))
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportRefused:
        raise
    except Exception:
        raise ImportRefused(_("The file is not a readable XLSX spreadsheet.")) from None
    sheet = book.worksheets[0]
    table: list[list[str]] = []
    for values in sheet.iter_rows(values_only=True):
        table.append([_cell(v) for v in values])
        if len(table) > MAX_ROWS + 1:
            break
    book.close()
    return table


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _period(row: dict[str, str]) -> PeriodOf:
    kind_text = row.get("period_kind", "").lower()
    try:
        year = int(row.get("period_year", ""))
    except ValueError:
        raise _RowProblem("period_year", _("enter a year such as 2024.")) from None
    try:
        number = int(row.get("period_number", "") or "1")
    except ValueError:
        raise _RowProblem("period_number", _("enter a whole number.")) from None
    try:
        return period_from(kind_text, year, number)
    except PeriodProblem as problem:
        raise _RowProblem(problem.column, problem.reason) from None


class PeriodProblem(Exception):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(f"{column}: {reason}")
        self.column = column
        self.reason = reason


def period_from(kind_text: str, year: int, number: int) -> PeriodOf:
    """The reporting period (NĐ 09/2019 window, Vietnamese label) of a kind, year and
    number; ``PeriodProblem`` names the part that is wrong."""
    if kind_text not in PeriodKind.values:
        raise PeriodProblem(
            "period_kind",
            _("“%(text)s” is not one of: %(kinds)s.")
            % {"text": kind_text[:50], "kinds": ", ".join(PeriodKind.values)},
        )
    kind = PeriodKind(kind_text)
    if not 2000 <= year <= 2100:
        raise PeriodProblem("period_year", _("a year between 2000 and 2100."))
    if not 1 <= number <= COUNT[kind]:
        raise PeriodProblem(
            "period_number",
            _("a %(kind)s number from 1 to %(n)s.") % {"kind": kind.label, "n": COUNT[kind]},
        )
    start, end = window(kind, year, number)
    return PeriodOf(str(kind), label(kind, year, number), start, end)


class _RowProblem(Exception):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


# The labels the actions' messages start with ("Value: …"), and the column each names.
_LABELS = {
    "value": "Value",
    "no_data_reason": "Reason for no data",
    "note": "Note",
    "indicator": "Indicator",
    "period_year": "Period",
    "agency": "Agency",
    "numerator": "Numerator",
    "denominator": "Denominator",
}


def _column_of(message: str) -> str:
    head = message.split(":", 1)[0].strip()
    for column, name in _LABELS.items():
        if head in (name, _(name)):
            return column
    return "value"


def import_measurements(
    *, data: bytes, name: str, user: AbstractBaseUser | None, skip_bad_rows: bool = False
) -> ImportOutcome:
    """Store the file's values in one transaction: all of them, or none when a row has an
    error (unless ``skip_bad_rows``: then the good ones, the errors listed)."""
    from cchc.agencies.models import Agency

    rows = read_rows(data, name)
    outcome = ImportOutcome(rows=len(rows))
    indicators = {i.code: i for i in Indicator.objects.all()}
    agencies = dict(Agency.objects.values_list("code", "pk"))
    with transaction.atomic():
        for line, row in rows:
            try:
                indicator = indicators.get(row.get("indicator", ""))
                if indicator is None:
                    raise _RowProblem(
                        "indicator",
                        _("no indicator has the code “%(code)s”.")
                        % {"code": row.get("indicator", "")[:100]},
                    )
                period = _period(row)
                agency_code = row.get("agency", "")
                agency_id = agencies.get(agency_code) if agency_code else None
                if agency_code and agency_id is None:
                    raise _RowProblem(
                        "agency",
                        _("no agency has the code “%(code)s”.") % {"code": agency_code[:100]},
                    )
                scope = row.get("scope", "")
                with transaction.atomic():
                    same_agency = (
                        Q(agency_id=agency_id) if agency_id is not None else Q(agency__isnull=True)
                    )
                    Measurement.objects.filter(
                        same_agency,
                        indicator=indicator,
                        scope=scope,
                        period_kind=period.kind,
                        period_end=period.end,
                        source=MeasurementSource.IMPORT,
                        locked=False,
                    ).delete()
                    record_measurement(
                        indicator=indicator,
                        user=user,
                        period=period,
                        value=row.get("value", ""),
                        no_data_reason=row.get("no_data_reason", ""),
                        scope=scope,
                        source=MeasurementSource.IMPORT,
                        agency_id=agency_id,
                        note=row.get("note", ""),
                        numerator=row.get("numerator") or None,
                        denominator=row.get("denominator") or None,
                    )
                outcome.stored += 1
            except _RowProblem as problem:
                outcome.errors.append(RowError(line, problem.column, problem.reason))
            except IndicatorError as exc:
                outcome.errors.append(RowError(line, _column_of(str(exc)), str(exc)))
        if outcome.errors:
            outcome.skipped_rows = len({e.line for e in outcome.errors})
            if not skip_bad_rows:
                transaction.set_rollback(True)
                outcome.stored = 0
    return outcome
