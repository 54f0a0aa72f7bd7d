"""``cchc dossiers indicators --from DATE --to DATE [--agency CODE] [--json]``: the 766
indicators and Biểu 06 of a date range, computed from the dossiers (agency null = province)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.servicequality.selectors import indicator_report


def _date(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a calendar day)
        except ValueError:
            continue
    raise CommandError(_("Not a date: %(text)s (use YYYY-MM-DD or dd/mm/yyyy).") % {"text": text})


class Command(BaseCommand):
    help = _("Print the Decision 766 indicators and the Biểu 06 table of a date range.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help=_("first day"))
        parser.add_argument("--to", dest="end", required=True, help=_("last day"))
        parser.add_argument("--agency", default=None, help=_("agency code (default: all)"))
        parser.add_argument("--engine", choices=["django", "duckdb"], default=None)
        parser.add_argument("--json", action="store_true", help=_("print JSON"))

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = _date(options["start"]), _date(options["end"])
        try:
            report = indicator_report(
                start=start, end=end, agency=options["agency"], engine=options["engine"]
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"{report['from']} – {report['to']}")
        for item in report["indicators"]:
            rate = "—" if item["rate"] is None else f"{item['rate']:.2f}"
            pts = "" if item["points"] is None else f"  {item['points']:.2f}"
            who = item["agency"] if item["agency"] is not None else _("province")
            self.stdout.write(
                f"{item['code']:8} {who:16} {item['numerator']:>10}/{item['denominator']:<10}"
                f" {rate:>7}{pts}"
            )
        self.stdout.write("Biểu 06: " + json.dumps(report["bieu06"], ensure_ascii=False))
