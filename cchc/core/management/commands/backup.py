"""``cchc backup [--dir DIR] [--keep N]``: a consistent backup (cchc.core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cchc.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the evidence files (with a manifest of checksums)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, help="Where (default: CCHC_BACKUP_DIR).")
        parser.add_argument(
            "--keep", type=int, help="Newest backups kept (default: CCHC_BACKUP_KEEP)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["keep"] is not None and options["keep"] < 1:
            raise CommandError("--keep must be 1 or more.")
        try:
            result = backup(directory=options["dir"], keep=options["keep"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup: {result.path} ({result.files} files, {result.bytes} bytes)")
        for old in result.removed:
            self.stdout.write(f"backup: removed the old backup {old}")
