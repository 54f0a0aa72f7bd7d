"""The periods the indicators are figured for: calendar months, quarters and years, and the
Nghị định 09 windows (15th to 14th) of months, quarters, halves and years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cchc.scheduling import periods as nd09
from cchc.scheduling.models import PeriodKind, WindowStyle

CALENDAR_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR)
ND09_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR)
PREFIX = {
    PeriodKind.MONTH: "M",
    PeriodKind.QUARTER: "Q",
    PeriodKind.HALF: "H",
    PeriodKind.NINE_MONTHS: "N",
    PeriodKind.YEAR: "Y",
}


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A period: ``key`` like "2026-M01", "2026-Q1", "2026-Y" or "ND09-2026-Q1"."""

    start: dt.date
    end: dt.date
    key: str
    kind: str
    style: str
    year: int
    number: int

    @property
    def label(self) -> str:
        text = nd09.label(self.kind, self.year, self.number)
        return f"{text} (NĐ 09)" if self.style == WindowStyle.ND09 else text


def span(kind: PeriodKind | str, year: int, number: int, style: str = "calendar") -> Span:
    kind = PeriodKind(kind)
    start, end = nd09.window(kind, year, number, style)
    suffix = f"{PREFIX[kind]}{number:02d}" if kind == PeriodKind.MONTH else PREFIX[kind]
    if kind in (PeriodKind.QUARTER, PeriodKind.HALF):
        suffix = f"{PREFIX[kind]}{number}"
    key = f"{year}-{suffix}"
    if style == WindowStyle.ND09:
        key = f"ND09-{key}"
    return Span(start, end, key, str(kind), str(style), year, number)


def parse(key: str) -> Span:
    """The span a key names; ValueError when it names none."""
    style = "calendar"
    text = key
    if text.startswith("ND09-"):
        style, text = str(WindowStyle.ND09), text[5:]
    try:
        year_text, rest = text.split("-", 1)
        year = int(year_text)
        kinds = {v: k for k, v in PREFIX.items()}
        kind = kinds[rest[0]]
        number = int(rest[1:]) if len(rest) > 1 else 1
        return span(kind, year, number, style)
    except (ValueError, KeyError, IndexError) as exc:
        raise ValueError(f"Unknown period {key!r}.") from exc


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def overlapping(months: Iterable[dt.date]) -> list[Span]:
    """Every period (calendar and NĐ 09) overlapping any of the calendar ``months``."""
    found: set[Span] = set()
    for month in {month_start(m) for m in months}:
        last = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        for kind in CALENDAR_KINDS:
            year, number = nd09.number_containing(month, kind, WindowStyle.CALENDAR)
            found.add(span(kind, year, number))
        for kind in ND09_KINDS:
            for day in (month, last):
                year, number = nd09.number_containing(day, kind, WindowStyle.ND09)
                found.add(span(kind, year, number, str(WindowStyle.ND09)))
    return sorted(found)


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    out: list[dt.date] = []
    month = month_start(start)
    while month <= end:
        out.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out
