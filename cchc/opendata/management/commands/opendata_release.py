"""``cchc opendata release --period KEY --year YYYY [--changelog TEXT] [--user NAME]``: build
a draft open-data release of the period from what is public now (the same action as the
secretariat's page), validate it and print where its files are and any validation errors.
Approving and publishing stay on the secretariat's page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.opendata.actions import ReleaseError, build_release, directory_of


class Command(BaseCommand):
    help = _("Build a draft open-data release of a period.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--period", required=True, help="quarter-1…4, half-1…2, nine_months-1, year"
        )
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--changelog", default="")
        parser.add_argument("--user", default="", help=_("the builder's user name"))

    def handle(self, *args: Any, **options: Any) -> None:
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("No such user: %(name)s") % {"name": options["user"]})
        try:
            release = build_release(
                period_key=options["period"],
                year=options["year"],
                user=user,
                changelog=options["changelog"],
            )
        except ReleaseError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            _("Draft %(label)s, version %(version)s: %(path)s")
            % {
                "label": release.period_label,
                "version": release.version,
                "path": directory_of(release),
            }
        )
        for name, count in release.counts.items():
            self.stdout.write(f"  {name}: {count}")
        if release.validation_errors:
            for line in release.validation_errors:
                self.stderr.write(line)
            raise CommandError(_("The data package does not validate."))
        self.stdout.write(_("The data package validates (Frictionless)."))
