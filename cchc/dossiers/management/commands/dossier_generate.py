"""``cchc dossiers generate N [--year Y] [--seed S] [--csv PATH]``: synthetic dossiers of a
province-year, stored (marked synthetic) or written as a CSV that ``cchc dossiers ingest``
reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.dossiers import synthetic
from cchc.dossiers.management.commands.dossier_ingest import Progress


class Command(BaseCommand):
    help = _(
        "Generate N synthetic dossiers of a province-year (seeded: the same seed gives the "
        "same rows); store them, or write them as an ingest CSV with --csv."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int)
        parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--csv", type=Path, default=None, help=_("Write a CSV; store nothing."))

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["count"]
        if count < 1 or not 2000 <= options["year"] <= 2100:
            raise CommandError(_("Give a count of 1 or more and a year from 2000 to 2100."))
        if options["csv"] is not None:
            written = synthetic.write_csv(
                options["csv"], count=count, year=options["year"], seed=options["seed"]
            )
            self.stdout.write(
                _("%(count)s synthetic dossiers written to %(path)s.")
                % {"count": written, "path": options["csv"]}
            )
            return
        progress = Progress()
        result = synthetic.load(
            count=count, year=options["year"], seed=options["seed"], progress=progress
        )
        progress.close()
        if not result.ok:
            raise CommandError("; ".join(str(error) for error in result.errors[:5]))
        self.stdout.write(
            _("Synthetic dossiers: %(created)s created, %(unchanged)s unchanged.")
            % {"created": result.created, "unchanged": result.unchanged}
        )
