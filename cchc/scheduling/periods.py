"""Reporting periods: their windows, Vietnamese labels and deadlines under dated rules.

Windows (Nghị định 09/2019/NĐ-CP, Điều 12) run from the 15th to the 14th: a month from the 15th
of the previous month to the 14th; a quarter from the 15th of the month before it to the 14th
of its last month (Q1 2026: 15/12/2025–14/03/2026); six months 15/12–14/06 (and 15/06–14/12);
nine months 15/12–14/09 (a provincial practice); a year 15/12–14/12. Statistics reports use
calendar windows instead (Q1 = 1/1–31/3). A period belongs to the year in which it ends; its
end is the cut-off day (ngày chốt số liệu).

The deadline comes from the ``PeriodRule`` in force on the cut-off day:

* "day N of the last month" (the PAR report: day 20), the month's last day if N is past it;
  "k working days after the cut-off" counted with ``cchc.scheduling.workdays``;
* at least one working day must separate cut-off and deadline (NĐ 09/2019, khoản 5 Điều 8):
  when the rule's day leaves none (e.g. day 15 on a Sunday after a Saturday cut-off), the
  deadline moves to the first working day after the cut-off and ``deadline_moved`` says so;
* ``deadline`` is the day the rule names; ``deadline_effective`` is that day or, when it is a
  weekend day or a holiday, the next working day (Bộ luật Dân sự 2015, Điều 148 khoản 5: a
  time limit ending on a day off ends at the end of the next working day; that it governs
  administrative reports is our reading, no report regime we read says otherwise). Lateness
  is judged against ``deadline_effective``.

Labels are stored as the Vietnamese names used in the reports themselves ("Quý I/2026");
pages show ``display_label``, the same name in the interface language ("Q1/2026" in English).

A period is *named* for calendar months (``Period.named_start``/``named_end``: Quý I/2026 is
January–March 2026) while its NĐ 09 window starts half a month earlier; the obligations
generator compares an activity's schedule with the named months (docs/obligations.md).
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
from dataclasses import dataclass, replace

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cchc.core.versions import ProcessCache
from cchc.scheduling.models import (
    DeadlineAudience,
    DeadlineMethod,
    DeadlineRule,
    PeriodKind,
    PeriodRule,
    WindowStyle,
)
from cchc.scheduling.workdays import WorkCalendar

CUTOFF_DAY = 14
ROMAN = ("I", "II", "III", "IV")
KIND_ORDER = {kind: position for position, kind in enumerate(PeriodKind)}
# How many periods of each kind a year has, and how many months each spans.
COUNT = {
    PeriodKind.MONTH: 12,
    PeriodKind.QUARTER: 4,
    PeriodKind.HALF: 2,
    PeriodKind.NINE_MONTHS: 1,
    PeriodKind.YEAR: 1,
}
MONTHS = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF: 6,
    PeriodKind.NINE_MONTHS: 9,
    PeriodKind.YEAR: 12,
}


@dataclass(frozen=True, slots=True)
class Period:
    report: str
    kind: PeriodKind
    year: int
    number: int
    label: str
    start: dt.date
    end: dt.date
    deadline: dt.date
    deadline_effective: dt.date
    deadline_moved: bool
    rule_id: int | None
    # The province's deadline to the Ministry (the periodic report); ``deadline`` and
    # ``deadline_effective`` above are the agencies' deadline to the secretariat.
    province_deadline: dt.date | None = None
    province_deadline_effective: dt.date | None = None
    deadline_rule_id: int | None = None
    province_rule_id: int | None = None

    @property
    def named_start(self) -> dt.date:
        """The first day of the calendar months the period is named for."""
        return window(self.kind, self.year, self.number, WindowStyle.CALENDAR)[0]

    @property
    def named_end(self) -> dt.date:
        """The last day of the calendar months the period is named for."""
        return window(self.kind, self.year, self.number, WindowStyle.CALENDAR)[1]

    @property
    def display_label(self) -> str:
        return display_label(self.kind, self.year, self.number)

    def as_dict(self) -> dict[str, str]:
        return {
            "label": self.label,
            "kind": str(self.kind),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "deadline": self.deadline.isoformat(),
            "deadline_effective": self.deadline_effective.isoformat(),
            "province_deadline": _iso(self.province_deadline),
            "province_deadline_effective": _iso(self.province_deadline_effective),
        }


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _check(kind: PeriodKind | str, number: int) -> PeriodKind:
    kind = PeriodKind(kind)
    if not 1 <= number <= COUNT[kind]:
        raise ValueError(f"A year has no {kind} number {number}.")
    return kind


def last_month(kind: PeriodKind | str, number: int) -> int:
    kind = _check(kind, number)
    return number * MONTHS[kind]


def window(
    kind: PeriodKind | str, year: int, number: int, style: WindowStyle | str = WindowStyle.ND09
) -> tuple[dt.date, dt.date]:
    """The first and last day (the cut-off) of a period of ``year``."""
    kind = _check(kind, number)
    last = number * MONTHS[kind]
    first = last - MONTHS[kind] + 1
    if WindowStyle(style) == WindowStyle.CALENDAR:
        days = gregorian.monthrange(year, last)[1]
        return dt.date(year, first, 1), dt.date(year, last, days)
    start_year, start_month = (year - 1, 12) if first == 1 else (year, first - 1)
    return dt.date(start_year, start_month, CUTOFF_DAY + 1), dt.date(year, last, CUTOFF_DAY)


def number_containing(
    day: dt.date, kind: PeriodKind | str, style: WindowStyle | str = WindowStyle.ND09
) -> tuple[int, int]:
    """The (year, number) of the period of ``kind`` whose window holds ``day``: under NĐ 09
    a dossier of 20/03/2026 counts in April and in quarter II."""
    kind = PeriodKind(kind)
    year, month = day.year, day.month
    if WindowStyle(style) == WindowStyle.ND09 and day.day > CUTOFF_DAY:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if kind == PeriodKind.NINE_MONTHS and month > MONTHS[kind]:
        raise ValueError(f"No nine-month window holds {day.isoformat()}.")
    return year, (month - 1) // MONTHS[kind] + 1


def label(kind: PeriodKind | str, year: int, number: int) -> str:
    """The Vietnamese name of the period, as reports write it."""
    kind = _check(kind, number)
    if kind == PeriodKind.MONTH:
        return f"Tháng {number}/{year}"
    if kind == PeriodKind.QUARTER:
        return f"Quý {ROMAN[number - 1]}/{year}"
    if kind == PeriodKind.HALF:
        return f"6 tháng {'đầu' if number == 1 else 'cuối'} năm {year}"
    if kind == PeriodKind.NINE_MONTHS:
        return f"9 tháng năm {year}"
    return f"Năm {year}"


def display_label(kind: PeriodKind | str, year: int, number: int) -> str:
    """The period's name in the interface language: "Quý I/2026" in Vietnamese, "Q1/2026"
    in English. The names are Vietnamese terms of the report regime, so under Vietnamese
    they are ``label`` itself, whatever the catalogue holds."""
    kind = _check(kind, number)
    if (get_language() or "").startswith("vi"):
        return label(kind, year, number)
    if kind == PeriodKind.MONTH:
        return _("Month %(number)s/%(year)s") % {"number": number, "year": year}
    if kind == PeriodKind.QUARTER:
        quarters = (_("Q1/%(year)s"), _("Q2/%(year)s"), _("Q3/%(year)s"), _("Q4/%(year)s"))
        return quarters[number - 1] % {"year": year}
    if kind == PeriodKind.HALF:
        if number == 1:
            return _("First half-year %(year)s") % {"year": year}
        return _("Second half-year %(year)s") % {"year": year}
    if kind == PeriodKind.NINE_MONTHS:
        return _("Nine months %(year)s") % {"year": year}
    return _("Year %(year)s") % {"year": year}


def display_label_at(kind: PeriodKind | str, end: dt.date) -> str:
    """``display_label`` of the period of ``kind`` whose cut-off is ``end`` (an obligation's
    stored period), whatever its window style."""
    kind = PeriodKind(kind)
    number = (end.month - 1) // MONTHS[kind] + 1
    return display_label(kind, end.year, number)


def deadline_for(
    rule: PeriodRule, end: dt.date, calendar: WorkCalendar
) -> tuple[dt.date, dt.date, bool]:
    """(deadline, deadline_effective, moved) of the period whose cut-off is ``end``."""
    if rule.deadline_rule == DeadlineMethod.DAY_OF_LAST_MONTH:
        if rule.deadline_day is None:
            raise ValueError(f"Rule {rule.pk} has no deadline day.")
        days = gregorian.monthrange(end.year, end.month)[1]
        deadline = dt.date(end.year, end.month, min(rule.deadline_day, days))
    else:
        if rule.deadline_working_days is None:
            raise ValueError(f"Rule {rule.pk} has no number of working days.")
        deadline = calendar.add_working_days(end, rule.deadline_working_days)
    moved = calendar.working_days_between(end, deadline) < 1
    if moved:
        deadline = calendar.next_working_day(end)
    return deadline, calendar.working_day_on_or_after(deadline), moved


def deadline_under(
    rule: DeadlineRule, end: dt.date, calendar: WorkCalendar
) -> tuple[dt.date, dt.date, bool]:
    """(deadline, deadline_effective, moved) under a ``DeadlineRule`` for the period whose
    cut-off is ``end``. At least one working day follows the cut-off (NĐ 09/2019, khoản 5
    Điều 8: else the first working day after it, ``moved``); a deadline on a day off moves
    to the next working day only if the rule says so (the province's choice)."""
    if rule.method == DeadlineMethod.WORKING_DAYS_AFTER_CUTOFF:
        deadline = calendar.add_working_days(end, rule.working_days or 1)
    else:
        year, month = end.year, end.month
        if rule.method == DeadlineMethod.DAY_OF_NEXT_MONTH:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        days = gregorian.monthrange(year, month)[1]
        deadline = dt.date(year, month, min(rule.day or days, days))
    moved = calendar.working_days_between(end, deadline) < 1
    if moved:
        deadline = calendar.next_working_day(end)
    effective = calendar.working_day_on_or_after(deadline) if rule.move_off_days else deadline
    return deadline, effective, moved


def _in_force(
    rules: list[DeadlineRule], audience: str, kind: PeriodKind, end: dt.date
) -> DeadlineRule | None:
    """The rule for ``audience`` in force on ``end``: one for the kind of period before one
    for every kind."""
    found = [
        r
        for r in rules
        if r.audience == audience
        and r.period_kind in (kind, "")
        and r.valid_from <= end
        and (r.valid_until is None or end <= r.valid_until)
    ]
    found.sort(key=lambda r: r.period_kind == "")
    return found[0] if found else None


def with_deadline_rules(
    period: Period, rules: list[DeadlineRule], calendar: WorkCalendar
) -> Period:
    """``period`` with the agencies' and the province's deadlines of the rules in force on its
    cut-off; without a province rule, the period rule's own deadline is the province's;
    without an agencies' rule, the province's deadline is theirs too."""
    province = _in_force(rules, DeadlineAudience.PROVINCE, period.kind, period.end)
    agencies = _in_force(rules, DeadlineAudience.AGENCIES, period.kind, period.end)
    p_deadline, p_effective = period.deadline, period.deadline_effective
    if province is not None:
        p_deadline, p_effective, _moved = deadline_under(province, period.end, calendar)
    a_deadline, a_effective, a_moved = p_deadline, p_effective, period.deadline_moved
    if agencies is not None:
        a_deadline, a_effective, a_moved = deadline_under(agencies, period.end, calendar)
    return replace(
        period,
        deadline=a_deadline,
        deadline_effective=a_effective,
        deadline_moved=a_moved,
        province_deadline=p_deadline,
        province_deadline_effective=p_effective,
        deadline_rule_id=agencies.pk if agencies else None,
        province_rule_id=province.pk if province else None,
    )


def period_under(rule: PeriodRule, year: int, number: int, calendar: WorkCalendar) -> Period | None:
    """The period ``number`` of ``year`` under ``rule``, or None if the rule is not in force
    on its cut-off day."""
    kind = PeriodKind(rule.period_kind)
    start, end = window(kind, year, number, rule.window)
    if end < rule.valid_from or (rule.valid_until is not None and end > rule.valid_until):
        return None
    deadline, effective, moved = deadline_for(rule, end, calendar)
    return Period(
        report=rule.report,
        kind=kind,
        year=year,
        number=number,
        label=label(kind, year, number),
        start=start,
        end=end,
        deadline=deadline,
        deadline_effective=effective,
        deadline_moved=moved,
        rule_id=rule.pk,
    )


def periods_for(
    year: int,
    kind: PeriodKind | str | None = None,
    report: str = "par",
    *,
    calendar: WorkCalendar | None = None,
) -> list[Period]:
    """The periods of ``report`` ending in ``year`` (of one kind, or all), in time order.

    A period of a rule marked ``replaced_by_longer`` is left out when a longer period of the
    same report ends on the same day (the PAR report has no quarter II or IV report: the
    six-month and annual reports take their place). Cached per process under the schedule
    version (one query, read once per ``calendar``); else one query for the rules, one per
    year for the province's calendar days, one for the deadline rules.
    """
    calendar = calendar or WorkCalendar()
    every = CACHE.get(
        calendar.version, ("periods", year, report), lambda: _periods_of(year, report, calendar)
    )
    if kind is None:
        return list(every)
    return [p for p in every if p.kind == PeriodKind(kind)]


# The periods of each year and report, for this process, under the schedule version (bumped
# by every change to a period rule, a deadline rule or a calendar entry).
CACHE = ProcessCache()


def _periods_of(year: int, report: str, calendar: WorkCalendar) -> tuple[Period, ...]:
    rules = PeriodRule.objects.filter(report=report).overlapping(
        dt.date(year, 1, 1), dt.date(year, 12, 31)
    )
    deadline_rules = list(
        DeadlineRule.objects.filter(report=report).overlapping(
            dt.date(year, 1, 1), dt.date(year, 12, 31)
        )
    )
    found: list[tuple[Period, bool]] = []
    for rule in rules:
        for number in range(1, COUNT[PeriodKind(rule.period_kind)] + 1):
            period = period_under(rule, year, number, calendar)
            if period is not None:
                found.append((period, rule.replaced_by_longer))
    longer_ends = {(p.end, KIND_ORDER[p.kind]) for p, _ in found}
    result = [
        with_deadline_rules(p, deadline_rules, calendar)
        for p, replaced in found
        if not (
            replaced
            and any(end == p.end and order > KIND_ORDER[p.kind] for end, order in longer_ends)
        )
    ]
    return tuple(sorted(result, key=lambda p: (p.end, KIND_ORDER[p.kind], p.start)))
