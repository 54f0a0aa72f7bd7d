"""``cchc prune-login-attempts [--days 90]``: delete the record of login attempts older than
the given number of days (those the lockout still counts are always kept). Safe to run
daily from cron."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.accounts.lockout import KEEP_DAYS, PruneRefused, prune_login_attempts


class Command(BaseCommand):
    help = _("Delete the record of login attempts older than --days days (default %(days)s).") % {
        "days": KEEP_DAYS
    }

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=KEEP_DAYS,
            help=_("Keep the attempts of this many last days."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days < 1:
            raise CommandError(_("--days must be 1 or more."))
        try:
            deleted = prune_login_attempts(older_than=dt.timedelta(days=days))
        except PruneRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Login attempts older than %(days)s days deleted: %(count)s.")
            % {"days": days, "count": deleted}
        )
