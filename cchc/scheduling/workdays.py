"""The Vietnamese working-day calendar: every deadline counted in working days uses it.

A day is a working day unless it is a Saturday or Sunday or a day off, in this order of
precedence (first match wins):

1. a ``CalendarDay`` entry for that date (national: the government's announcements with their
   legal basis, loaded from ``data/calendar.toml``; or the province's own), day off or
   working day;
2. in a year that has national entries (2021–2026 as announced), nothing else: Saturday and
   Sunday are days off, every other day is a working day. The ``holidays`` package is not
   consulted; ``cchc calendar YEAR --diff`` lists where it disagrees (it missed the New Year
   2026 swap, 2/1 off and 10/1 worked, and counts 24/11 "Ngày Văn hóa Việt Nam", which no
   legal text makes a day off);
3. in a year without national entries, the package: its weekend days worked, then weekends,
   then its days off, less the days no legal text makes days off (``NOT_DAYS_OFF``), with the
   days of tháng Chạp named from the lunar table (``cchc.scheduling.lunar``: the package calls
   the day two days before Tết "29 Tết" even when it is the 28th).

Counting: ``add_working_days(day, k)`` is the k-th working day after ``day`` (before it if
k < 0; ``day`` itself if k == 0); ``working_days_between(a, b)`` counts the working days d with
a < d <= b (when b < a: minus those with b <= d < a), so that
``working_days_between(a, add_working_days(a, k)) == k`` for every k.

A ``WorkCalendar`` reads the year's entries once per year it touches (one query per year) and
keeps the year's working days as a sorted list, so ranges cost a bisection, not a loop over
days. The package part is cached for the process; so are the entries and the working days of
each year, under the schedule version (``cchc.core.versions.SCHEDULE_KEY``, bumped by every
saved or deleted entry in its transaction): each ``WorkCalendar`` reads that version once (one
cheap query), so a calendar never outlives an edit made elsewhere. For many dates, make
one ``WorkCalendar`` and call its methods; the module functions make a new one per call.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass

import holidays

from cchc.core import versions
from cchc.scheduling import lunar
from cchc.scheduling.models import CalendarDay, CalendarDayKind, CalendarScope

SATURDAY = 5
# Days the package counts off that no legal text seen makes a day off (issue 13).
NOT_DAYS_OFF = frozenset({"Ngày Văn hóa Việt Nam"})
PACKAGE_TET_EVE_MINUS_ONE = "29 Tết"
# The holidays package names days in Vietnamese; a weekend day worked is named alike.
WORKED_WEEKEND_NAME = "Ngày làm việc bù"


@dataclass(frozen=True, slots=True)
class DayInfo:
    """Why a day is (not) a working day: ``source`` is "national" or "province" (an entry),
    "package" (the ``holidays`` package, in a year without national entries) or "weekend"."""

    day: dt.date
    working: bool
    name: str
    source: str


@functools.lru_cache(maxsize=64)
def national_days(year: int) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    """The holidays package's days off (weekdays and weekends) and weekend days worked in
    ``year``, with their Vietnamese names."""
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    off = {
        day: _package_name(day, str(name))
        for day, name in calendar.items()
        if day.year == year and str(name) not in NOT_DAYS_OFF
    }
    worked = {
        day: WORKED_WEEKEND_NAME
        for day in getattr(calendar, "weekend_workdays", set())
        if day.year == year
    }
    return off, worked


def _package_name(day: dt.date, name: str) -> str:
    """The package's name, with "29 Tết" replaced by the day of tháng Chạp it really is."""
    if name == PACKAGE_TET_EVE_MINUS_ONE:
        return lunar.chap_name(day) or name
    return name


@dataclass(frozen=True, slots=True)
class _Year:
    working: list[int]  # ordinals of the year's working days, sorted
    working_set: frozenset[int]


# The entries and working days of each year, for this process, under the schedule version.
CACHE = versions.ProcessCache()


class WorkCalendar:
    """The working days of the years it is asked about; province days read once per year
    (once per process and schedule version when the version row exists)."""

    def __init__(self, *, province: bool = True, version: int | None = None) -> None:
        """``version``: the schedule version if the caller read it already (with others)."""
        self._province = province
        self._version: int | None = version
        self._years: dict[int, _Year] = {}
        self._province_days: dict[int, dict[dt.date, CalendarDay]] = {}
        self._announced: dict[int, bool] = {}

    @property
    def version(self) -> int:
        """The schedule version this calendar reads under (read once; 0: nothing cached)."""
        if self._version is None:
            self._version = versions.current(versions.SCHEDULE_KEY)
        return self._version

    def province_days(self, year: int) -> dict[dt.date, CalendarDay]:
        """The year's entries by date (shared with the process cache: do not change them)."""
        if year not in self._province_days:
            if self._province:
                self._province_days[year] = CACHE.get(
                    self.version, ("days", year), lambda: self._read_days(year)
                )
            else:
                self._province_days[year] = {}
        return self._province_days[year]

    @staticmethod
    def _read_days(year: int) -> dict[dt.date, CalendarDay]:
        rows = CalendarDay.objects.filter(date__year=year).order_by("date")
        return {row.date: row for row in rows}

    def announced(self, year: int) -> bool:
        """True if the year has national entries: then they are the national calendar."""
        if year not in self._announced:
            rows = self.province_days(year).values()
            self._announced[year] = any(row.scope == CalendarScope.NATIONAL for row in rows)
        return self._announced[year]

    def entry(self, day: dt.date) -> CalendarDay | None:
        return self.province_days(day.year).get(day)

    def info(self, day: dt.date) -> DayInfo:
        row = self.province_days(day.year).get(day)
        if row is not None:
            return DayInfo(day, row.kind == CalendarDayKind.WORKING_DAY, row.name, row.scope)
        if self.announced(day.year):
            weekend = day.weekday() >= SATURDAY
            return DayInfo(day, not weekend, "", "weekend" if weekend else "")
        off, worked = national_days(day.year)
        if day in worked:
            return DayInfo(day, True, worked[day], "package")
        if day.weekday() >= SATURDAY:
            return DayInfo(day, False, off.get(day, ""), "package" if day in off else "weekend")
        if day in off:
            return DayInfo(day, False, off[day], "package")
        return DayInfo(day, True, "", "")

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is None:
            if self._province:
                cached = CACHE.get(self.version, ("year", year), lambda: self._compute_year(year))
            else:
                cached = _package_year(year)
            self._years[year] = cached
        return cached

    def _compute_year(self, year: int) -> _Year:
        first = dt.date(year, 1, 1).toordinal()
        last = dt.date(year, 12, 31).toordinal()
        working = [n for n in range(first, last + 1) if self.info(dt.date.fromordinal(n)).working]
        return _Year(working, frozenset(working))

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
        days = set(self.province_days(year))
        if not self.announced(year):
            off, worked = national_days(year)
            days |= set(off) | set(worked)
        result = []
        for day in sorted(days):
            info = self.info(day)
            if info.working == (day.weekday() >= SATURDAY):
                result.append(info)
        return result


@functools.lru_cache(maxsize=64)
def _package_year(year: int) -> _Year:
    """The working days of ``year`` without the entries (the package and weekends only)."""
    return WorkCalendar(province=False)._compute_year(year)


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
