"""``cchc worker``: run the background tasks (cchc.core.tasks) until stopped."""

from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from cchc.core import tasks


class Command(BaseCommand):
    help = "Run queued background tasks (e-mails, notifications) until stopped (SIGTERM)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run the tasks due now, then stop.")
        parser.add_argument(
            "--sleep", type=float, default=2.0, help="Seconds to wait when nothing is due."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            count = tasks.run_pending()
            self.stdout.write(f"worker: {count} task(s) run")
            return
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write("worker: waiting for tasks (SIGTERM stops after the current task)")
        self.stdout.flush()
        while not stopping:
            close_old_connections()
            try:
                ran = tasks.run_one(time_limit=True)
            except Exception as exc:  # the database away: wait and try again
                self.stderr.write(f"worker: {exc}")
                ran = None
            if ran is None and not stopping:
                time.sleep(options["sleep"])
        self.stdout.write("worker: stopped")
