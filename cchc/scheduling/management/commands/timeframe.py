"""``cchc timeframe "Quý IV/2025 - Quý II/2026" [--json]``: how a timeframe cell reads."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.scheduling.timeframes import describe, parse_timeframe


class Command(BaseCommand):
    help = _("Show how a plan's timeframe text is read: kind, start, end and recurrence.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", help=_("The timeframe, as the plan prints it."))
        parser.add_argument("--json", action="store_true", help=_("Print JSON."))

    def handle(self, *args: Any, **options: Any) -> None:
        text = options["text"]
        if not text.strip():
            raise CommandError(_("The text is empty."))
        schedule = parse_timeframe(text)
        if options["json"]:
            self.stdout.write(json.dumps(schedule.as_dict(), ensure_ascii=False, indent=2))
            return
        line = _("“%(text)s”: %(reading)s") % {"text": text, "reading": describe(schedule)}
        self.stdout.write(self.style.WARNING(line) if schedule.kind == "unknown" else line)
