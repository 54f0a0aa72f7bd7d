"""``cchc send-reminders [--on DATE] [--days-before 3] [--escalate-after 5]``.

E-mails the focal points of agencies whose reports fall due within the next working days,
and escalates overdue ones; each reminder is sent once (safe to run twice, or concurrently).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.scheduling.obligations import refresh_statuses
from cchc.scheduling.reminders import send_reminders


class Command(BaseCommand):
    help = _("Send reminders before deadlines and escalations after them.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", default="", help=_("The date to act as of (YYYY-MM-DD)."))
        parser.add_argument("--days-before", type=int, default=3)
        parser.add_argument("--escalate-after", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(
                _("--on %(value)s is not a date (YYYY-MM-DD).") % {"value": options["on"]}
            ) from exc
        if options["days_before"] < 0 or options["escalate_after"] < 1:
            raise CommandError(_("--days-before must be 0 or more, --escalate-after 1 or more."))
        refresh_statuses(on=day)
        result = send_reminders(
            on=day, days_before=options["days_before"], escalate_after=options["escalate_after"]
        )
        self.stdout.write(
            _(
                "Reminders: %(sent)s sent, %(skipped)s already sent, "
                "%(missing)s without a contact to send to."
            )
            % {"sent": result.sent, "skipped": result.skipped, "missing": result.no_contact}
        )
