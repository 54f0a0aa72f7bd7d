"""Tết dates and the days of tháng Chạp, 2021–2030, from a table (no lunar library is in the
lock).

``TET[year]`` is (the first day of tháng Giêng, the number of days of the preceding tháng
Chạp: 29 or 30). The dates were computed with the mean new-moon series of J. Meeus
(Astronomical Algorithms, ch. 49, as used by Hồ Ngọc Đức's Vietnamese lunar calendar) at
UTC+7, and the Tết dates checked against the ``holidays`` package (its Vietnamese calendar).
Every new moon of the table falls more than 25 minutes from local midnight, well beyond the
series' error. Known checks: 2025 had no "30 Tết" (28/1/2025 was 29 tháng Chạp, the eve),
Tết 2030 falls on 2/2 in Vietnam (3/2 in China). Extend the table before 2031.
"""

from __future__ import annotations

import datetime as dt

TET: dict[int, tuple[dt.date, int]] = {
    2021: (dt.date(2021, 2, 12), 30),
    2022: (dt.date(2022, 2, 1), 29),
    2023: (dt.date(2023, 1, 22), 30),
    2024: (dt.date(2024, 2, 10), 30),
    2025: (dt.date(2025, 1, 29), 29),
    2026: (dt.date(2026, 2, 17), 29),
    2027: (dt.date(2027, 2, 6), 29),
    2028: (dt.date(2028, 1, 26), 29),
    2029: (dt.date(2029, 2, 13), 29),
    2030: (dt.date(2030, 2, 2), 29),
}
FIRST_YEAR, LAST_YEAR = min(TET), max(TET)


def chap_day(day: dt.date) -> int | None:
    """The day of tháng Chạp (the twelfth lunar month) ``day`` is, or None if it is not in
    the Chạp before a Tết of the table."""
    for year in (day.year, day.year + 1):
        entry = TET.get(year)
        if entry is None:
            continue
        tet, length = entry
        before = (tet - day).days
        if 1 <= before <= length:
            return length - before + 1
    return None


def is_last_day_of_year(day: dt.date) -> bool:
    """True on the eve of Tết (giao thừa): the last day of tháng Chạp, the 29th or 30th."""
    entry = TET.get(day.year)
    return entry is not None and day == entry[0] - dt.timedelta(days=1)


def chap_name(day: dt.date) -> str | None:
    """The Vietnamese name of a day off in tháng Chạp before Tết: "29 Tết" only on the 29th
    of tháng Chạp, "30 Tết" on the 30th, otherwise "28 tháng Chạp" and so on; None outside
    tháng Chạp (or outside the table)."""
    number = chap_day(day)
    if number is None:
        return None
    if number >= 29:
        return f"{number} Tết"
    return f"{number} tháng Chạp"
