"""``cchc prune-notifications [--days 180]``: delete the notifications older than the given
number of days, read or not. Safe to run daily from cron."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.notifications.actions import prune

KEEP_DAYS = 180


class Command(BaseCommand):
    help = _("Delete the notifications older than --days days (default %(days)s).") % {
        "days": KEEP_DAYS
    }

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=KEEP_DAYS,
            help=_("Keep the notifications of this many days."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days < 1:
            raise CommandError(_("--days must be 1 or more."))
        deleted = prune(older_than=timezone.now() - dt.timedelta(days=days))
        self.stdout.write(
            _("Notifications older than %(days)s days deleted: %(count)s.")
            % {"days": days, "count": deleted}
        )
