"""``cchc send-reminders [--on DATE] [--days-before 3] [--escalate-after 5] [--dry-run]``.

E-mails the focal points of agencies whose reports fall due within the next working days,
and escalates overdue ones; each reminder is sent once (safe to run twice, or concurrently).
Prints whom it wrote to, agency by agency, and the agencies nobody could be written to;
``--dry-run`` prints the same without sending.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.scheduling.models import Reminder
from cchc.scheduling.obligations import refresh_statuses
from cchc.scheduling.reminders import plan_reminders, send_reminders


class Command(BaseCommand):
    help = _("Send reminders before deadlines and escalations after them.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", default="", help=_("The date to act as of (YYYY-MM-DD)."))
        parser.add_argument("--days-before", type=int, default=3)
        parser.add_argument("--escalate-after", type=int, default=5)
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Print whom it would write to; send nothing.")
        )

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
        knobs = {"days_before": options["days_before"], "escalate_after": options["escalate_after"]}
        if options["dry_run"]:
            plan = plan_reminders(on=day, **knobs)
            for batch in plan.batches:
                self._line(batch.agency_name, batch.stage, len(batch.obligations), batch.recipients)
            self._unreachable(sorted({b.agency_name for b in plan.unreachable}))
            self.stdout.write(
                _(
                    "Dry run: %(count)s reminders would be sent to %(people)s addresses, "
                    "%(skipped)s already sent, %(missing)s without anyone to send to."
                )
                % {
                    "count": plan.to_send,
                    "people": len(plan.recipients),
                    "skipped": plan.already_sent,
                    "missing": plan.no_contact,
                }
            )
            return
        result = send_reminders(on=day, **knobs)
        for agency, stage, count, recipients in result.sent_to:
            self._line(agency, stage, count, recipients)
        self._unreachable(result.unreachable)
        self.stdout.write(
            _("%(emails)s e-mails written, one per person.") % {"emails": result.emails}
        )
        self.stdout.write(
            _(
                "Reminders: %(sent)s sent, %(skipped)s already sent, "
                "%(missing)s without a contact to send to."
            )
            % {"sent": result.sent, "skipped": result.skipped, "missing": result.no_contact}
        )

    def _line(self, agency: str, stage: str, count: int, recipients: list[str]) -> None:
        self.stdout.write(
            _("%(agency)s · %(stage)s · %(count)s reports → %(recipients)s")
            % {
                "agency": agency,
                "stage": Reminder.Stage(stage).label,
                "count": count,
                "recipients": ", ".join(recipients),
            }
        )

    def _unreachable(self, agencies: list[str]) -> None:
        if agencies:
            self.stdout.write(
                _(
                    "Nobody to write to (no focal point, head or contact with an e-mail): "
                    "%(agencies)s"
                )
                % {"agencies": "; ".join(agencies)}
            )
