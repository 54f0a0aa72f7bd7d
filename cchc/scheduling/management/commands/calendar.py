"""``cchc calendar YEAR``: the days that break the weekly pattern (holidays and days off on
weekdays, weekend days worked), national and provincial, or counts between two dates.

cchc calendar 2026 [--json]
cchc calendar --between 2026-02-13 2026-02-23
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.scheduling.workdays import WorkCalendar


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(_("%(value)s is not a date (YYYY-MM-DD).") % {"value": value}) from exc


class Command(BaseCommand):
    help = _("The working-day calendar: a year's holidays and days off, or working days between.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int, nargs="?")
        parser.add_argument("--between", nargs=2, metavar=("FROM", "TO"))
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
        year = options["year"]
        if year is None:
            raise CommandError(_("Give a year, or --between FROM TO."))
        days = calendar.days_off(year)
        if options["json"]:
            rows = [
                {
                    "date": d.day.isoformat(),
                    "working": d.working,
                    "name": d.name,
                    "source": d.source,
                }
                for d in days
            ]
            self.stdout.write(json.dumps({"days": rows}, ensure_ascii=False, indent=2))
            return
        for d in days:
            what = _("working day") if d.working else _("day off")
            self.stdout.write(f"{d.day.isoformat()} {d.day:%a}  {what}: {d.name} [{d.source}]")
