"""``cchc dossiers ingest PATH [--skip-bad-rows] [--synthetic] [--json]``: store a dossier
CSV (one dossier a row) or a JSON-lines file of status events."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.dossiers.actions import ingest_file
from cchc.dossiers.ingest import IngestResult
from cchc.dossiers.models import IngestMode


class Progress:
    """A counter on standard error, redrawn at most a few times a second (terminal only)."""

    def __init__(self) -> None:
        self.shown = 0.0
        self.active = sys.stderr.isatty()

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if self.active and now - self.shown > 0.2:
            self.shown = now
            sys.stderr.write("\r" + _("%(done)s rows and events read …") % {"done": f"{done:,}"})
            sys.stderr.flush()

    def close(self) -> None:
        if self.active and self.shown:
            sys.stderr.write("\n")


class Command(BaseCommand):
    help = _(
        "Store dossier records from a CSV (one dossier a row) or status events from a JSON-lines "
        "file. By default one bad row refuses the whole file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help=_("Store the good rows and report the bad ones (default: refuse the file)."),
        )
        parser.add_argument(
            "--synthetic", action="store_true", help=_("Mark the dossiers as synthetic.")
        )
        parser.add_argument("--json", action="store_true", help=_("Print the result as JSON."))

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        progress = Progress()
        started = time.monotonic()
        result = ingest_file(
            path=path,
            mode=IngestMode.SKIP if options["skip_bad_rows"] else IngestMode.REFUSE,
            synthetic=options["synthetic"],
            progress=progress,
        )
        progress.close()
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        else:
            self._report(result, time.monotonic() - started)
        if not result.ok:
            raise CommandError(
                _("%(path)s refused: %(count)s errors; nothing was stored.")
                % {"path": path, "count": result.error_count}
            )

    def _report(self, result: IngestResult, seconds: float) -> None:
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(warning))
        for error in result.errors:
            self.stdout.write(self.style.ERROR(str(error)))
        if result.error_count > len(result.errors):
            self.stdout.write(
                _("… and %(more)s more errors.") % {"more": result.error_count - len(result.errors)}
            )
        if result.ok:
            self.stdout.write(
                _(
                    "Rows: %(received)s read, %(created)s created, %(updated)s updated, "
                    "%(unchanged)s unchanged, %(refused)s skipped. Events: %(events)s read, "
                    "%(events_created)s recorded (%(seconds).1f s)."
                )
                % {
                    "received": result.received,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "refused": result.refused,
                    "events": result.events_received,
                    "events_created": result.events_created,
                    "seconds": seconds,
                }
            )
