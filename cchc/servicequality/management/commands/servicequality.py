"""``cchc servicequality refresh [--from YYYY-MM] [--to YYYY-MM] [--parquet]``: recompute the
rollups (and the computed measurements) of the periods overlapping those months; without
months, every month that has dossiers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.dossiers.models import Dossier
from cchc.servicequality import actions, parquet
from cchc.servicequality.periods import months_between


def _month(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()  # noqa: DTZ007 (a calendar month)
    except ValueError as error:
        raise CommandError(_("Not a month: %(text)s (use YYYY-MM).") % {"text": text}) from error


class Command(BaseCommand):
    help = _("Refresh the service-quality rollups.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        refresh = sub.add_parser("refresh", help=_("Recompute the rollups of some months."))
        refresh.add_argument("--from", dest="start", default=None, help="YYYY-MM")
        refresh.add_argument("--to", dest="end", default=None, help="YYYY-MM")
        refresh.add_argument(
            "--parquet", action="store_true", help=_("rewrite the Parquet copy of those months")
        )
        refresh.add_argument("--engine", choices=["django", "duckdb"], default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        bounds = Dossier.objects.aggregate(first=Min("received_at"), last=Max("received_at"))
        start = _month(options["start"]) if options["start"] else None
        end = _month(options["end"]) if options["end"] else None
        if start is None or end is None:
            if bounds["first"] is None:
                self.stdout.write(_("No dossiers: nothing to refresh."))
                return
            start = start or bounds["first"].date().replace(day=1)
            end = end or timezone.localdate().replace(day=1)
        if end < start:
            raise CommandError(_("--to is before --from."))
        months = months_between(start, end)
        if options["parquet"]:
            parquet.write_months(months=months)
        run = actions.refresh_rollups(months=months, trigger="command", engine=options["engine"])
        self.stdout.write(
            _("Refreshed %(rows)s rollup rows for %(n)s months in %(s)s s.")
            % {"rows": run.rows, "n": len(months), "s": run.seconds}
        )
