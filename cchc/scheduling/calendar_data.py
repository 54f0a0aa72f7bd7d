"""The national calendar as announced (``data/calendar.toml``): read it, load it, compare it
with the ``holidays`` package.

``read_calendar()`` returns plain dicts (the migration that loads the file uses them with
historical models); ``load_calendar()`` writes them through ``actions.set_calendar_day`` so
that every change has its history row; ``package_diff(year)`` lists where the package and the
entries of a year disagree.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "calendar.toml"
ENTRY_FIELDS = (
    "kind",
    "name",
    "scope",
    "basis_number",
    "basis_date",
    "basis_issuer",
    "basis_url",
    "confirmed",
    "missing",
)


def read_calendar(path: Path = DATA_FILE) -> list[dict[str, Any]]:
    """The entries of the file: each a dict with ``date`` and ``ENTRY_FIELDS``; a day names
    its basis by key, whose fields it takes. Raises ValueError naming the bad entry."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    bases: dict[str, dict[str, Any]] = data.get("basis", {})
    entries = []
    for number, day in enumerate(data.get("day", []), start=1):
        basis = bases.get(day.get("basis", ""))
        if basis is None or not isinstance(day.get("date"), dt.date) or not day.get("name"):
            raise ValueError(f"{path.name}: day {number} needs a date, a name and a known basis.")
        entries.append(
            {
                "date": day["date"],
                "kind": day.get("kind", "day_off"),
                "name": day["name"],
                "scope": "national",
                "basis_number": basis.get("number", ""),
                "basis_date": basis.get("date"),
                "basis_issuer": basis.get("issuer", ""),
                "basis_url": basis.get("url", ""),
                "confirmed": bool(basis.get("confirmed", False)),
                "missing": basis.get("missing", ""),
            }
        )
    return entries


def load_calendar(*, user: Any = None, reason: str = "") -> tuple[int, int]:
    """Write the file's entries (created or corrected); (written, unchanged)."""
    from cchc.scheduling.actions import set_calendar_day
    from cchc.scheduling.models import CalendarDay

    written = unchanged = 0
    for entry in read_calendar():
        existing = CalendarDay.objects.filter(date=entry["date"]).first()
        fields = {k: entry[k] for k in ENTRY_FIELDS}
        if existing is not None and all(getattr(existing, k) == v for k, v in fields.items()):
            unchanged += 1
            continue
        set_calendar_day(day=entry["date"], user=user, reason=reason, **fields)
        written += 1
    return written, unchanged


def package_days(year: int) -> dict[dt.date, tuple[bool, str]]:
    """The ``holidays`` package's view of ``year``, unfiltered: date → (working, name) for
    its days off and its weekend days worked."""
    import holidays

    package = holidays.country_holidays("VN", years=year, language="vi")
    days = {d: (False, str(name)) for d, name in package.items() if d.year == year}
    for d in getattr(package, "weekend_workdays", set()):
        if d.year == year:
            days[d] = (True, "Ngày làm việc bù")
    return days


def package_diff(year: int, calendar: Any) -> list[dict[str, Any]]:
    """Where the package and the calendar in force (``WorkCalendar``) disagree on whether a
    day is worked: [{"date", "package_working", "package_name", "working", "name",
    "source"}], in date order."""
    package = package_days(year)
    dates = set(package) | set(calendar.province_days(year))
    rows = []
    for day in sorted(dates):
        weekend = day.weekday() >= 5
        package_working, package_name = package.get(day, (not weekend, ""))
        info = calendar.info(day)
        if info.working != package_working:
            rows.append(
                {
                    "date": day,
                    "package_working": package_working,
                    "package_name": package_name,
                    "working": info.working,
                    "name": info.name,
                    "source": info.source,
                }
            )
    return rows
