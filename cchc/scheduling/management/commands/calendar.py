"""``cchc calendar YEAR``: the days that break the weekly pattern (days off on weekdays,
weekend days worked) with their legal basis, or counts between two dates; ``--diff`` lists
where the ``holidays`` package and the announced calendar differ; ``load`` (re)loads the
announced calendar from ``cchc/scheduling/data/calendar.toml``.

cchc calendar 2026 [--json] [--diff]
cchc calendar --between 2026-02-13 2026-02-23
cchc calendar load
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.scheduling.calendar_data import load_calendar, package_diff
from cchc.scheduling.workdays import WorkCalendar


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(_("%(value)s is not a date (YYYY-MM-DD).") % {"value": value}) from exc


def _worked(working: bool) -> str:
    return _("working day") if working else _("day off")


class Command(BaseCommand):
    help = _(
        "The working-day calendar: a year's days off and days worked with their legal basis, "
        "where the holidays package differs (--diff), or working days between two dates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", nargs="?", help=_("A year, or “load”."))
        parser.add_argument("--between", nargs=2, metavar=("FROM", "TO"))
        parser.add_argument("--diff", action="store_true")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        calendar = WorkCalendar()
        if options["between"]:
            a, b = (_day(v) for v in options["between"])
            count = calendar.working_days_between(a, b)
            if options["json"]:
                self.stdout.write(
                    json.dumps({"from": a.isoformat(), "to": b.isoformat(), "working_days": count})
                )
            else:
                self.stdout.write(
                    _("%(count)s working days after %(a)s up to and including %(b)s.")
                    % {"count": count, "a": a.isoformat(), "b": b.isoformat()}
                )
            return
        if options["year"] == "load":
            written, unchanged = load_calendar(reason=_("Loaded from the calendar data file."))
            self.stdout.write(
                _("Calendar loaded: %(written)s written, %(unchanged)s unchanged.")
                % {"written": written, "unchanged": unchanged}
            )
            return
        if options["year"] is None or not str(options["year"]).isdigit():
            raise CommandError(_("Give a year, “load”, or --between FROM TO."))
        year = int(options["year"])
        if not 1900 < year < 2200:
            raise CommandError(_("%(year)s is not a plausible year.") % {"year": year})
        if options["diff"]:
            self._diff(year, calendar, as_json=options["json"])
            return
        days = calendar.days_off(year)
        if options["json"]:
            rows = []
            for d in days:
                entry = calendar.entry(d.day)
                rows.append(
                    {
                        "date": d.day.isoformat(),
                        "working": d.working,
                        "name": d.name,
                        "source": d.source,
                        "basis": entry.basis if entry else "",
                        "confirmed": entry.confirmed if entry else None,
                    }
                )
            self.stdout.write(json.dumps({"days": rows}, ensure_ascii=False, indent=2))
            return
        if not calendar.announced(year):
            self.stdout.write(
                _("No announced calendar for %(year)s: the holidays package applies.")
                % {"year": year}
            )
        for d in days:
            entry = calendar.entry(d.day)
            basis = entry.basis if entry else ""
            flag = "" if entry is None or entry.confirmed else " " + _("(unverified)")
            line = f"{d.day.isoformat()} {d.day:%a}  {_worked(d.working)}: {d.name} [{d.source}]"
            self.stdout.write(line + (f" — {basis}" if basis else "") + flag)

    def _diff(self, year: int, calendar: WorkCalendar, *, as_json: bool) -> None:
        rows = package_diff(year, calendar)
        if as_json:
            payload = [{**row, "date": row["date"].isoformat()} for row in rows]
            self.stdout.write(json.dumps({"differences": payload}, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write(_("The holidays package and the calendar in force agree."))
            return
        for row in rows:
            self.stdout.write(
                _(
                    "%(date)s %(weekday)s  package: %(package)s %(package_name)s → in force: "
                    "%(working)s %(name)s [%(source)s]"
                )
                % {
                    "date": row["date"].isoformat(),
                    "weekday": f"{row['date']:%a}",
                    "package": _worked(row["package_working"]),
                    "package_name": f"({row['package_name']})" if row["package_name"] else "",
                    "working": _worked(row["working"]),
                    "name": f"({row['name']})" if row["name"] else "",
                    "source": row["source"],
                }
            )
