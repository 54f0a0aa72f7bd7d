"""``cchc periods YEAR``: the reporting periods of a report ending in a year, with deadlines.

cchc periods 2026 [--kind month|quarter|half|nine_months|year] [--report par] [--json]

Each period shows the agencies' deadline to the secretariat (obligations, the status grid and
reminders use it) and the province's deadline to the Ministry (the periodic report).

JSON: {"periods": [{"label", "kind", "start", "end", "deadline", "deadline_effective",
"province_deadline", "province_deadline_effective"}, ...]}
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.scheduling.models import PeriodKind, PeriodRule
from cchc.scheduling.periods import periods_for


class Command(BaseCommand):
    help = _("The reporting periods of a report ending in a year: window, cut-off, deadline.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int)
        parser.add_argument("--kind", choices=PeriodKind.values, default=None)
        parser.add_argument("--report", default="par", help=_("Report code (default: par)."))
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        if not 1900 < year < 2200:
            raise CommandError(_("%(year)s is not a plausible year.") % {"year": year})
        report: str = options["report"]
        if not PeriodRule.objects.filter(report=report).exists():
            known = ", ".join(
                sorted(set(PeriodRule.objects.values_list("report", flat=True)))
            ) or _("none")
            raise CommandError(
                _("No rules for the report “%(report)s”; known reports: %(known)s.")
                % {"report": report, "known": known}
            )
        periods = periods_for(year, kind=options["kind"], report=report)
        if options["json"]:
            payload = {"periods": [p.as_dict() for p in periods]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if not periods:
            self.stdout.write(_("No periods: no rule of this report is in force in that year."))
            return
        width = max(len(p.label) for p in periods)
        for p in periods:
            line = _(
                "%(label)s  %(start)s → %(end)s  agencies due %(deadline)s, "
                "province due %(province)s"
            ) % {
                "label": p.label.ljust(width),
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "deadline": p.deadline.isoformat(),
                "province": (p.province_deadline or p.deadline).isoformat(),
            }
            if p.province_deadline_effective and p.province_deadline_effective != (
                p.province_deadline
            ):
                line += _(" (province: a day off, %(day)s applies)") % {
                    "day": p.province_deadline_effective.isoformat()
                }
            if p.deadline_effective != p.deadline:
                line += _(" (agencies: a day off, the next working day, %(day)s, applies)") % {
                    "day": p.deadline_effective.isoformat()
                }
            if p.deadline_moved:
                line += _(" (moved: one working day after the cut-off)")
            self.stdout.write(line)
