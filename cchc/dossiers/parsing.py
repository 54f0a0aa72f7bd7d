"""Reading one dossier row's cells (the CSV columns of the national synchronisation format)
into typed values, with an error naming the column and the reason for each bad cell.

Knows nothing about the database except the agency codes it is handed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from cchc.core.text import clean_text, fold
from cchc.dossiers.models import Channel, Feedback, Level, OnlineLevel, TextLimit

# The CSV columns, header names as written (issue 11, point 2), in this order.
COLUMNS = (
    "MaHoSo",
    "MaTTHC",
    "LinhVuc",
    "MaCoQuan",
    "CapThucHien",
    "KenhThucHien",
    "MucDoDVC",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "TrangThai",
    "SoLanYeuCauBoSung",
    "SoNgayBoSung",
    "CoKetQuaDienTu",
    "DuocSoHoa",
    "TaiSuDungDuLieu",
    "PhiLePhi",
    "ThanhToanTrucTuyen",
    "DanhGia",
)
# Without these a row cannot be stored; the others are taken as empty when missing.
REQUIRED_COLUMNS = ("MaHoSo", "MaTTHC", "CapThucHien", "KenhThucHien", "NgayTiepNhan")

# The model fields a row sets, in the order ``DossierValues`` holds them.
FIELDS = (
    "procedure_code",
    "field",
    "agency_id",
    "agency_code",
    "level",
    "channel",
    "online_level",
    "received_at",
    "due_at",
    "finished_at",
    "status",
    "supplement_requests",
    "supplement_days",
    "e_result",
    "digitised",
    "reused_data",
    "fee",
    "paid_online",
    "feedback",
)


@dataclass(frozen=True, slots=True)
class RowError:
    """One bad cell (or line): where, which column, why."""

    line: int
    column: str
    reason: str
    value: str = ""
    part: str = ""  # "dossiers" or "events" in an API batch; "" in a file

    def as_dict(self) -> dict[str, Any]:
        found = {"line": self.line, "column": self.column, "reason": self.reason}
        if self.value:
            found["value"] = self.value
        if self.part:
            found["part"] = self.part
        return found

    def __str__(self) -> str:
        shown = f" ({self.value!r})" if self.value else ""
        return _("line %(line)s, column %(column)s: %(reason)s") % {
            "line": self.line,
            "column": self.column or "-",
            "reason": f"{self.reason}{shown}",
        }


@dataclass(slots=True)
class ParsedRow:
    line: int
    code: str
    values: dict[str, Any]


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason."""


_LEVELS = {
    "tinh": Level.PROVINCE,
    "cap tinh": Level.PROVINCE,
    "province": Level.PROVINCE,
    "xa": Level.COMMUNE,
    "cap xa": Level.COMMUNE,
    "commune": Level.COMMUNE,
}
_ONLINE = {
    "": OnlineLevel.BLANK,
    "toan_trinh": OnlineLevel.FULL,
    "toan trinh": OnlineLevel.FULL,
    "full": OnlineLevel.FULL,
    "4": OnlineLevel.FULL,
    "mot_phan": OnlineLevel.PARTIAL,
    "mot phan": OnlineLevel.PARTIAL,
    "partial": OnlineLevel.PARTIAL,
    "3": OnlineLevel.PARTIAL,
}
_FEEDBACK = {
    "": Feedback.BLANK,
    "hai_long": Feedback.SATISFIED,
    "hai long": Feedback.SATISFIED,
    "satisfied": Feedback.SATISFIED,
    "khong_hai_long": Feedback.UNSATISFIED,
    "khong hai long": Feedback.UNSATISFIED,
    "unsatisfied": Feedback.UNSATISFIED,
}
_CHANNELS = {str(value): str(value) for value in Channel.values}
_TRUE = frozenset({"1", "true", "x", "co", "yes", "y", "t"})
_FALSE = frozenset({"", "0", "false", "khong", "no", "n", "f"})
_DMY = re.compile(
    r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?$"
)
_THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+$")
_WHOLE = re.compile(r"^\d+(?:[.,]0+)?$")


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def parse_datetime(text: str) -> dt.datetime | None:
    """ISO 8601 (date or date and time, with or without offset) or dd/mm/yyyy [hh:mm[:ss]];
    a time without offset is the install's local time; empty → None. Fractions of a second
    are dropped: every engine of the indicators then reads the same whole second (SQLite
    rounds fractions to the millisecond, DuckDB and PostgreSQL keep them)."""
    text = text.strip()
    if not text:
        return None
    match = _DMY.match(text)
    try:
        if match:
            value = dt.datetime(
                int(match["y"]),
                int(match["m"]),
                int(match["d"]),
                int(match["H"] or 0),
                int(match["M"] or 0),
                int(match["S"] or 0),
                tzinfo=local_zone(),
            )
        else:
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise CellError(_("not a date: write yyyy-mm-dd[Thh:mm] or dd/mm/yyyy [hh:mm]")) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=local_zone())
    if not 1990 <= value.year <= 2100:
        raise CellError(_("the year is out of range (1990–2100)"))
    return value.replace(microsecond=0)


def parse_bool(text: str) -> bool:
    key = fold(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError(_("not a yes/no value: write 1 or 0"))


def parse_count(text: str, *, limit: int) -> int:
    text = text.strip()
    if not text:
        return 0
    if not text.isdigit():
        raise CellError(_("not a whole number of 0 or more"))
    value = int(text)
    if value > limit:
        raise CellError(_("too large (at most %(limit)s)") % {"limit": limit})
    return value


def parse_fee(text: str) -> Decimal | None:
    """Whole VND; thousands may be grouped with dots or commas ("1.500.000")."""
    text = text.replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if _THOUSANDS.match(text):
        text = text.replace(".", "").replace(",", "")
    elif _WHOLE.match(text):
        text = re.split(r"[.,]", text)[0]
    else:
        raise CellError(_("not an amount in whole VND"))
    if len(text.lstrip("0")) > 14:
        raise CellError(_("too large (at most 14 digits)"))
    return Decimal(text)


def _text(text: str, limit: int) -> str:
    value = clean_text(text)
    if "\x00" in value:
        raise CellError(_("holds a NUL character"))
    if len(value) > limit:
        raise CellError(_("too long (at most %(limit)s characters)") % {"limit": limit})
    return value


def _choice(text: str, table: Mapping[str, str], allowed: str) -> str:
    key = fold(text)
    if key in table:
        return table[key]
    raise CellError(_("not one of: %(allowed)s") % {"allowed": allowed})


def parse_row(
    cells: Mapping[str, str | None], line: int, *, agencies: Mapping[str, int]
) -> tuple[ParsedRow | None, list[RowError]]:
    """One row's cells (by column name) → the dossier's values, or the errors of its cells.

    ``agencies`` maps registry codes to agency ids; an unknown code keeps the code with no
    agency (the caller warns)."""
    errors: list[RowError] = []
    values: dict[str, Any] = {}

    def cell(column: str) -> str:
        return (cells.get(column) or "").strip()

    def read(column: str, field: str, reader: Any) -> None:
        raw = cell(column)
        try:
            values[field] = reader(raw)
        except CellError as error:
            errors.append(RowError(line, column, str(error), raw[:100]))

    code = cell("MaHoSo")
    if not code:
        errors.append(RowError(line, "MaHoSo", _("the dossier code is empty")))
    elif len(code) > TextLimit.CODE:
        errors.append(
            RowError(
                line,
                "MaHoSo",
                _("too long (at most %(limit)s characters)") % {"limit": TextLimit.CODE},
                code[:100],
            )
        )
    procedure = cell("MaTTHC")
    if not procedure:
        errors.append(RowError(line, "MaTTHC", _("the procedure code is empty")))
    read("MaTTHC", "procedure_code", lambda t: _text(t, TextLimit.PROCEDURE))
    read("LinhVuc", "field", lambda t: _text(t, TextLimit.FIELD))
    read("MaCoQuan", "agency_code", lambda t: _text(t, TextLimit.AGENCY_CODE))
    values["agency_id"] = agencies.get(values.get("agency_code") or "")
    read("CapThucHien", "level", lambda t: _choice(t, _LEVELS, "tinh, xa"))
    read(
        "KenhThucHien",
        "channel",
        lambda t: int(_choice(t, _CHANNELS, "1, 2, 3")),
    )
    read("MucDoDVC", "online_level", lambda t: _choice(t, _ONLINE, "toan_trinh, mot_phan, ''"))
    read("NgayTiepNhan", "received_at", parse_datetime)
    if "received_at" in values and values["received_at"] is None:
        errors.append(RowError(line, "NgayTiepNhan", _("the date received is empty")))
    read("NgayHenTra", "due_at", parse_datetime)
    read("NgayKetThucXuLy", "finished_at", parse_datetime)
    received, finished = values.get("received_at"), values.get("finished_at")
    if received is not None and finished is not None and finished < received:
        errors.append(
            RowError(
                line,
                "NgayKetThucXuLy",
                _("processing ended before the dossier was received"),
                cell("NgayKetThucXuLy"),
            )
        )
    read("TrangThai", "status", lambda t: _text(t, TextLimit.STATUS))
    read("SoLanYeuCauBoSung", "supplement_requests", lambda t: parse_count(t, limit=32_767))
    read("SoNgayBoSung", "supplement_days", lambda t: parse_count(t, limit=100_000))
    read("CoKetQuaDienTu", "e_result", parse_bool)
    read("DuocSoHoa", "digitised", parse_bool)
    read("TaiSuDungDuLieu", "reused_data", parse_bool)
    read("PhiLePhi", "fee", parse_fee)
    read("ThanhToanTrucTuyen", "paid_online", parse_bool)
    read("DanhGia", "feedback", lambda t: _choice(t, _FEEDBACK, "hai_long, khong_hai_long, ''"))
    if errors:
        return None, errors
    return ParsedRow(line, code, values), []
