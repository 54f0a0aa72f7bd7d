"""The timeframe grammar: a plan's "Thời gian" cell read into a ``Schedule``.

Pure (no database). ``parse_timeframe(text)`` folds the text (lower case, no diacritics,
"Quí" = "Quý", dashes and spacing unified) and tries the named rules of ``GRAMMAR`` in order;
each rule is a compiled regex that must match the whole text and a builder. What no rule
reads is kind "unknown" with no dates: a date is never guessed, and a date inside other text
("theo Nghị định 80/2021/NĐ-CP ngày 26/8/2021") is not a deadline.

=================================  ==========  ==========  ==========  ===========
text                               kind        start       end         recurrence
=================================  ==========  ==========  ==========  ===========
Hàng năm / Hằng năm / Thực hiện    recurring   –           –           yearly
hàng năm / Thường xuyên hàng năm
Hàng quý, Định kỳ hằng quý         recurring   –           –           quarterly
Hằng tháng                         recurring   –           –           monthly
6 tháng, hằng năm                  recurring   –           –           half_yearly
Hàng năm, đến năm 2025             recurring   –           2025-12-31  yearly
Thường xuyên (, liên tục)          continuous  –           –           –
Khi có …, Sau khi …, Theo chỉ      event       –           –           –
đạo/yêu cầu …, Phát sinh, Đột xuất
2025, Năm 2025, Hoàn thành trong   deadline    2025-01-01  2025-12-31  –
năm 2025
Quý I/2022, Quí IV-2025, Quý III   deadline    2022-01-01  2022-03-31  –
năm 2026 (a quarter)
Tháng 6/2026, Trong tháng 6 năm    deadline    2026-06-01  2026-06-30  –
2026 (a month; Tháng 2/2028 ends
2028-02-29)
Đến năm 2025, Đến Quý II/2026      deadline    –           2025-12-31  –
Trước ngày 30/6/2026, Trước        deadline    –           2026-06-29  –
30/6/2026 (before X: X−1)
Chậm nhất ngày 30/6/2026,          deadline    –           2026-06-30  –
Ngày 31/12/2026, 31/12/2026
2021-2030, Từ 2021-2025, Giai      span        2021-01-01  2030-12-31  –
đoạn …, Năm 2025 - 2026
Triển khai 2022, hoàn thành 2025   span        2022-01-01  2025-12-31  –
Quý IV/2025 - Quý II/2026          span        2025-10-01  2026-06-30  –
Quý I, II/2026; Tháng 3-4/2026     span        first start, last end   –
=================================  ==========  ==========  ==========  ===========

Decisions: "Trước ngày X" is read as "before X": due X−1, the day before (issue 13: a
careful secretariat does not count X itself on time); "chậm nhất ngày X", "đến ngày X" and a
bare date are due X. A deadline naming a whole year, quarter or month starts on that period's first
day ("due within the period"); one naming a day or "đến …" has no start. A recurring or
continuous activity without bounds has no dates: the plan's own span applies (the
obligations generator clips it to the plan's period). "Thường xuyên hàng năm" is recurring
(the cadence is the more precise word). "6 tháng, hằng năm" takes the finest cadence.
Unknown, on purpose: "Tuần đầu tháng 1/2026" (reading it as the month would move the due
date three weeks late), "Trước Tết Nguyên đán" (no year), "Trước năm 2026" (by 1/1 or by
31/12?), a list of quarters or months with a gap, a range that ends before it starts.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.translation import gettext as _

from cchc.core.text import fold

Kind = Literal["deadline", "span", "recurring", "continuous", "event", "unknown"]
Recurrence = Literal["yearly", "quarterly", "monthly", "half_yearly"]

# A timeframe cell is a short phrase; anything longer is prose no rule reads.
MAX_LENGTH = 160


@dataclass(frozen=True, slots=True)
class Schedule:
    text: str
    kind: Kind
    start: dt.date | None = None
    end: dt.date | None = None
    recurrence: Recurrence | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "recurrence": self.recurrence,
        }


# -- normalisation -----------------------------------------------------------------------

_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
_BRACKETS_RE = re.compile(r"[()\[\]]")
_DECIMAL_DOT_RE = re.compile(r"(?<=\d)\.(?=\d)")
# fold() leaves single spaces, so one optional space on each side is enough (and linear).
_JOIN_RE = re.compile(r" ?([-/]) ?")
_LIST_RE = re.compile(r" ?[,;] ?")
_QUI_RE = re.compile(r"\bqui\b")
_SPACES_RE = re.compile(r" +")


def normalise(text: str) -> str:
    """The folded form the grammar reads: "Quí IV – 2025." -> "quy iv-2025"."""
    value = fold(text.translate(_DASHES)).replace("\u200b", "").replace("\ufeff", "")
    value = _BRACKETS_RE.sub(" ", value)
    value = _SPACES_RE.sub(" ", value).strip()
    value = _DECIMAL_DOT_RE.sub("/", value)
    value = _JOIN_RE.sub(r"\1", value)
    value = _LIST_RE.sub(", ", value)
    value = _QUI_RE.sub("quy", value)
    return value.strip(" .,;:")


# -- fragments (all on normalised text; no nested quantifiers) ------------------------------

_Y = r"(?:19|20)\d{2}"
_Q = r"(?:iv|i{1,3}|[1-4])"
_M = r"(?:1[0-2]|0?[1-9])"
_D = r"(?:3[01]|[12]\d|0?[1-9])"
_SEP = r"(?:/|-| nam | )"  # between a quarter or month and its year
_ITEM_SEP = r"(?:, va |, | va |-)"  # between the quarters or months of a list
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_RE = re.compile(_Q)
_MONTH_RE = re.compile(_M)


def _period(tag: str) -> str:
    """A year, quarter, month or half-year, always with its year."""
    return (
        rf"(?:quy (?P<q{tag}>{_Q}){_SEP}|thang (?P<m{tag}>{_M}){_SEP}|(?P<bm{tag}>{_M})/"
        rf"|6 thang (?P<h{tag}>dau|cuoi) nam |nam )?(?P<y{tag}>{_Y})"
    )


def _date(tag: str) -> str:
    return (
        rf"(?:ngay )?(?P<d{tag}>{_D})(?:/|-| thang )(?P<mo{tag}>{_M})(?:/|-| nam )(?P<y{tag}>{_Y})"
    )


_BOUND = (
    rf"(?:,? (?:(?:den|toi) (?:het )?(?:nam )?(?P<until>{_Y})|tu (?:nam )?(?P<since>{_Y})"
    rf"|(?:tu |giai doan )?(?:nam )?(?P<from>{_Y})(?:-| den (?:nam )?)(?P<to>{_Y})))?"
)
_CADENCE = r"(?:hang (?:nam|quy|thang)|(?:hang )?6 thang)"


# -- builders ----------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)


def _period_bounds(m: re.Match[str], tag: str) -> tuple[dt.date, dt.date]:
    year = int(m[f"y{tag}"])
    if quarter := m[f"q{tag}"]:
        return _quarter_bounds(year, _QUARTERS[quarter])
    if month := m[f"m{tag}"] or m[f"bm{tag}"]:
        return dt.date(year, int(month), 1), _month_end(year, int(month))
    if half := m[f"h{tag}"]:
        if half == "dau":
            return dt.date(year, 1, 1), dt.date(year, 6, 30)
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _day(m: re.Match[str], tag: str) -> dt.date:
    return dt.date(int(m[f"y{tag}"]), int(m[f"mo{tag}"]), int(m[f"d{tag}"]))


def _bounds(m: re.Match[str]) -> tuple[dt.date | None, dt.date | None]:
    if m["until"]:
        return None, dt.date(int(m["until"]), 12, 31)
    if m["since"]:
        return dt.date(int(m["since"]), 1, 1), None
    if m["from"]:
        return dt.date(int(m["from"]), 1, 1), dt.date(int(m["to"]), 12, 31)
    return None, None


Builder = Callable[[re.Match[str], str], Schedule | None]


def _event(m: re.Match[str], text: str) -> Schedule:
    return Schedule(text, "event")


def _continuous(m: re.Match[str], text: str) -> Schedule:
    start, end = _bounds(m)
    return Schedule(text, "continuous", start, end)


def _recurring(m: re.Match[str], text: str) -> Schedule:
    cadence = m["cadence"]
    recurrence: Recurrence = "yearly"
    if "hang thang" in cadence:
        recurrence = "monthly"
    elif "quy" in cadence:
        recurrence = "quarterly"
    elif "6 thang" in cadence:
        recurrence = "half_yearly"
    start, end = _bounds(m)
    return Schedule(text, "recurring", start, end, recurrence)


def _by_day(m: re.Match[str], text: str) -> Schedule:
    """ "Trước ngày X" is before X: due X−1 (issue 13); "chậm nhất ngày X", "đến X": X."""
    day = _day(m, "a")
    if m.string.startswith(("truoc ", "hoan thanh truoc ", "xong truoc ")):
        day -= dt.timedelta(days=1)
    return Schedule(text, "deadline", None, day)


def _day_span(m: re.Match[str], text: str) -> Schedule:
    return Schedule(text, "span", _day(m, "a"), _day(m, "b"))


def _period_span(m: re.Match[str], text: str) -> Schedule:
    return Schedule(text, "span", _period_bounds(m, "a")[0], _period_bounds(m, "b")[1])


def _until_period(m: re.Match[str], text: str) -> Schedule:
    return Schedule(text, "deadline", None, _period_bounds(m, "a")[1])


def _within_period(m: re.Match[str], text: str) -> Schedule:
    start, end = _period_bounds(m, "a")
    return Schedule(text, "deadline", start, end)


def _consecutive(numbers: list[int]) -> bool:
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _quarter_list(m: re.Match[str], text: str) -> Schedule | None:
    quarters = [_QUARTERS[q] for q in _QUARTER_RE.findall(m["items"].replace("quy", ""))]
    if not _consecutive(quarters):
        return None
    year = int(m["y"])
    return Schedule(
        text, "span", _quarter_bounds(year, quarters[0])[0], _quarter_bounds(year, quarters[-1])[1]
    )


def _month_list(m: re.Match[str], text: str) -> Schedule | None:
    months = [int(n) for n in _MONTH_RE.findall(m["items"])]
    if not _consecutive(months):
        return None
    year = int(m["y"])
    return Schedule(text, "span", dt.date(year, months[0], 1), _month_end(year, months[-1]))


# -- the grammar -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    build: Builder


def _rule(name: str, pattern: str, build: Builder) -> Rule:
    return Rule(name, re.compile(pattern, re.ASCII), build)


_START = r"(?:trien khai|bat dau|thuc hien)(?: tu)?"
_WITHIN = r"(?:(?:hoan thanh|thuc hien|trien khai|xong)(?: trong)? |trong )?"
_BY = r"(?:(?:hoan thanh |xong )?(?:truoc|cham nhat(?: la)?|han(?: chot)?|den)|hoan thanh|trong) "

GRAMMAR: tuple[Rule, ...] = (
    _rule(
        "event",
        r"(?:sau )?khi .+|theo (?:chi dao|yeu cau|de nghi)(?: .+)?|(?:co )?phat sinh|dot xuat",
        _event,
    ),
    _rule(
        "continuous",
        rf"(?:thuc hien )?(?:thuong xuyen|lien tuc)(?:(?:, | va | )(?:lien tuc|thuong xuyen))?"
        rf"{_BOUND}",
        _continuous,
    ),
    _rule(
        "recurring",
        rf"(?:(?:thuc hien|thuong xuyen|dinh ky|bao cao),? )?"
        rf"(?P<cadence>{_CADENCE}(?:{_ITEM_SEP}{_CADENCE})*){_BOUND}",
        _recurring,
    ),
    _rule("by-day", rf"(?:{_BY})?{_date('a')}", _by_day),
    _rule("day-span", rf"(?:tu )?{_date('a')}(?:-| den )(?:het )?{_date('b')}", _day_span),
    _rule(
        "start-finish",
        rf"{_START} {_period('a')},? (?:va )?hoan thanh (?:trong )?{_period('b')}",
        _period_span,
    ),
    _rule(
        "period-span",
        rf"(?:tu |(?:trong )?giai doan |{_START} )?{_period('a')}"
        rf"(?:-| den )(?:het )?{_period('b')}",
        _period_span,
    ),
    _rule(
        "until-period",
        rf"(?:hoan thanh )?(?:den|toi|cham nhat(?: trong)?) (?:het )?{_period('a')}",
        _until_period,
    ),
    _rule("within-period", rf"{_WITHIN}{_period('a')}", _within_period),
    _rule(
        "quarter-list",
        rf"{_WITHIN}quy (?P<items>{_Q}(?:{_ITEM_SEP}(?:quy )?{_Q})+){_SEP}(?P<y>{_Y})",
        _quarter_list,
    ),
    _rule(
        "month-list",
        rf"{_WITHIN}thang (?P<items>{_M}(?:{_ITEM_SEP}(?:thang )?{_M})+){_SEP}(?P<y>{_Y})",
        _month_list,
    ),
)


def parse_timeframe(text: str) -> Schedule:
    """Read a timeframe cell; kind "unknown" (no dates, text kept) when no rule reads it."""
    key = normalise(text)
    if len(key) <= MAX_LENGTH:
        for rule in GRAMMAR:
            match = rule.pattern.fullmatch(key)
            if match is None:
                continue
            try:
                schedule = rule.build(match, text)
            except ValueError:  # 31/2, a day that does not exist
                schedule = None
            if schedule is None:
                continue
            if schedule.start and schedule.end and schedule.start > schedule.end:
                continue
            return schedule
    return Schedule(text, "unknown")


def describe(schedule: Schedule) -> str:
    """One readable line (translated): "deadline: 2025-01-01 → 2025-12-31"."""
    if schedule.kind == "unknown" and not schedule.text.strip():
        return str(_("no timeframe given"))  # an empty cell is not a text left unread
    kinds = {
        "deadline": _("deadline"),
        "span": _("span"),
        "recurring": _("recurring"),
        "continuous": _("continuous"),
        "event": _("when an event occurs"),
        "unknown": _("not understood: no date assumed"),
    }
    recurrences = {
        "yearly": _("yearly"),
        "quarterly": _("quarterly"),
        "monthly": _("monthly"),
        "half_yearly": _("every 6 months"),
    }
    parts = [kinds[schedule.kind]]
    if schedule.recurrence:
        parts.append(recurrences[schedule.recurrence])
    if schedule.start or schedule.end:
        start = schedule.start.isoformat() if schedule.start else "…"
        end = schedule.end.isoformat() if schedule.end else "…"
        parts.append(_("%(start)s → %(end)s") % {"start": start, "end": end})
    return ", ".join(parts)
