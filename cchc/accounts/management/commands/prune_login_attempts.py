"""``cchc prune-login-attempts [--days 90]``: forget the login record (django-axes) older than
the given number of days: the successful logins (access log), and the failures that no longer
count for the lockout. Failures inside the lockout window are always kept, so pruning never
lifts a lockout. Safe to run daily from cron."""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts.lockout import cool_off

KEEP_DAYS = 90


def prune_login_attempts(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Delete the login record older than ``older_than`` (at least the lockout window); how
    many rows."""
    now = now or timezone.now()
    cutoff = now - max(older_than, cool_off())
    with transaction.atomic():
        attempts, _a = AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()
        logins, _b = AccessLog.objects.filter(attempt_time__lt=cutoff).delete()
        failures, _c = AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()
    return int(attempts + logins + failures)


class Command(BaseCommand):
    help = _("Delete the login record older than --days days (default %(days)s).") % {
        "days": KEEP_DAYS
    }

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=KEEP_DAYS, help=_("Keep the record of this many days.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days < 1:
            raise CommandError(_("--days must be 1 or more."))
        deleted = prune_login_attempts(older_than=dt.timedelta(days=days))
        self.stdout.write(
            _("Login records older than %(days)s days deleted: %(count)s.")
            % {"days": days, "count": deleted}
        )
