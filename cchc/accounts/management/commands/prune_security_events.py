"""``cchc prune-security-events [--days 365]``: delete the security log older than the given
number of days. Safe to run daily from cron."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.accounts.security_log import KEEP_DAYS, prune_security_events


class Command(BaseCommand):
    help = _("Delete the security log older than --days days (default %(days)s).") % {
        "days": KEEP_DAYS
    }

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=KEEP_DAYS, help=_("Keep the events of this many days.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days < 1:
            raise CommandError(_("--days must be 1 or more."))
        deleted = prune_security_events(older_than=dt.timedelta(days=days))
        self.stdout.write(
            _("Security events older than %(days)s days deleted: %(count)s.")
            % {"days": days, "count": deleted}
        )
