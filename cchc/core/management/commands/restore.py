"""``cchc restore PATH [--force]``: put a backup back (cchc.core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cchc.core.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = "Restore a backup made by `cchc backup` (refuses a non-empty database without --force)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup directory.")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that already holds data."
        )
        parser.add_argument(
            "--check", action="store_true", help="Only verify the backup's checksums."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["check"]:
                manifest = read_manifest(options["path"])
                self.stdout.write(
                    f"restore: {options['path']} is complete ({len(manifest['files'])} files, "
                    f"made {manifest['created_at']})"
                )
                return
            manifest = restore(path=options["path"], force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"restore: {options['path']} restored (made {manifest['created_at']}); "
            "run `cchc migrate` if this version has newer migrations."
        )
