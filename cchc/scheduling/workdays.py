"""The Vietnamese working-day calendar: every deadline counted in working days uses it.

A day is a working day unless it is a Saturday or Sunday or a public holiday, in this order of
precedence (first match wins):

1. a ``CalendarDay`` of the province for that date (holiday, day off, or working day);
2. a weekend day the government made a working day to compensate a day off (the ``holidays``
   package's ``weekend_workdays``, e.g. Saturday 22/8/2026 for Monday 31/8/2026);
3. Saturday and Sunday are not working days;
4. the public holidays of ``holidays.country_holidays("VN")``: Tết by the lunar calendar, days
   observed in lieu and the substituted days off, are not working days.

Counting: ``add_working_days(day, k)`` is the k-th working day after ``day`` (before it if
k < 0; ``day`` itself if k == 0); ``working_days_between(a, b)`` counts the working days d with
a < d <= b (when b < a: minus those with b <= d < a), so that
``working_days_between(a, add_working_days(a, k)) == k`` for every k.

A ``WorkCalendar`` reads the province's days once per year it touches (one query per year) and
keeps the year's working days as a sorted list, so ranges cost a bisection, not a loop over
days. The national part is cached for the process; province days are read afresh by each
``WorkCalendar``, so a calendar never outlives an edit made elsewhere. For many dates, make
one ``WorkCalendar`` and call its methods; the module functions make a new one per call.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass

import holidays

from cchc.scheduling.models import CalendarDay, CalendarDayKind

SATURDAY = 5
# The holidays package names days in Vietnamese; a weekend day worked is named alike.
WORKED_WEEKEND_NAME = "Ngày làm việc bù"


@dataclass(frozen=True, slots=True)
class DayInfo:
    """Why a day is (not) a working day: ``source`` is "province", "national" or "weekend"."""

    day: dt.date
    working: bool
    name: str
    source: str


@functools.lru_cache(maxsize=64)
def national_days(year: int) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    """The holidays package's days off (weekdays and weekends) and weekend days worked in
    ``year``, with their Vietnamese names."""
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    off = {day: str(name) for day, name in calendar.items() if day.year == year}
    worked = {
        day: WORKED_WEEKEND_NAME
        for day in getattr(calendar, "weekend_workdays", set())
        if day.year == year
    }
    return off, worked


@dataclass(frozen=True, slots=True)
class _Year:
    working: list[int]  # ordinals of the year's working days, sorted
    working_set: frozenset[int]


class WorkCalendar:
    """The working days of the years it is asked about; province days read once per year."""

    def __init__(self, *, province: bool = True) -> None:
        self._province = province
        self._years: dict[int, _Year] = {}
        self._province_days: dict[int, dict[dt.date, CalendarDay]] = {}

    def province_days(self, year: int) -> dict[dt.date, CalendarDay]:
        if year not in self._province_days:
            rows = (
                CalendarDay.objects.filter(date__year=year).order_by("date")
                if self._province
                else CalendarDay.objects.none()
            )
            self._province_days[year] = {row.date: row for row in rows}
        return self._province_days[year]

    def info(self, day: dt.date) -> DayInfo:
        row = self.province_days(day.year).get(day)
        if row is not None:
            return DayInfo(day, row.kind == CalendarDayKind.WORKING_DAY, row.name, "province")
        off, worked = national_days(day.year)
        if day in worked:
            return DayInfo(day, True, worked[day], "national")
        if day.weekday() >= SATURDAY:
            return DayInfo(day, False, off.get(day, ""), "national" if day in off else "weekend")
        if day in off:
            return DayInfo(day, False, off[day], "national")
        return DayInfo(day, True, "", "")

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is None:
            first = dt.date(year, 1, 1).toordinal()
            last = dt.date(year, 12, 31).toordinal()
            working = [
                n for n in range(first, last + 1) if self.info(dt.date.fromordinal(n)).working
            ]
            cached = self._years[year] = _Year(working, frozenset(working))
        return cached

    def is_working_day(self, day: dt.date) -> bool:
        return day.toordinal() in self._year(day.year).working_set

    def add_working_days(self, day: dt.date, k: int) -> dt.date:
        """The k-th working day after ``day`` (before it when k < 0; ``day`` when k == 0)."""
        if k == 0:
            return day
        n = day.toordinal()
        year = day.year
        if k > 0:
            index = bisect.bisect_right(self._year(year).working, n)
            while True:
                working = self._year(year).working
                if index + k <= len(working):
                    return dt.date.fromordinal(working[index + k - 1])
                k -= len(working) - index
                year, index = year + 1, 0
        k = -k
        index = bisect.bisect_left(self._year(year).working, n)
        while True:
            working = self._year(year).working
            if k <= index:
                return dt.date.fromordinal(working[index - k])
            k -= index
            year -= 1
            index = len(self._year(year).working)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day after ``day``."""
        return self.add_working_days(day, 1)

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the next working day."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """The number of working days d with a < d <= b; if b < a, minus the number with
        b <= d < a (so that it undoes ``add_working_days`` both ways)."""
        if b < a:
            one = dt.timedelta(days=1)
            return -self.working_days_between(b - one, a - one)
        total = 0
        for year in range(a.year, b.year + 1):
            working = self._year(year).working
            low = bisect.bisect_right(working, a.toordinal()) if year == a.year else 0
            high = bisect.bisect_right(working, b.toordinal()) if year == b.year else len(working)
            total += high - low
        return total

    def days_off(self, year: int) -> list[DayInfo]:
        """The year's exceptions: weekdays off and weekend days worked, in date order."""
        off, worked = national_days(year)
        days = set(off) | set(worked) | set(self.province_days(year))
        result = []
        for day in sorted(days):
            info = self.info(day)
            if info.working == (day.weekday() >= SATURDAY):
                result.append(info)
        return result


def _calendar(calendar: WorkCalendar | None) -> WorkCalendar:
    return calendar if calendar is not None else WorkCalendar()


def is_working_day(day: dt.date, *, calendar: WorkCalendar | None = None) -> bool:
    return _calendar(calendar).is_working_day(day)


def add_working_days(day: dt.date, k: int, *, calendar: WorkCalendar | None = None) -> dt.date:
    return _calendar(calendar).add_working_days(day, k)


def next_working_day(day: dt.date, *, calendar: WorkCalendar | None = None) -> dt.date:
    return _calendar(calendar).next_working_day(day)


def working_days_between(a: dt.date, b: dt.date, *, calendar: WorkCalendar | None = None) -> int:
    return _calendar(calendar).working_days_between(a, b)
