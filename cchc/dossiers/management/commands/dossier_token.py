"""``cchc dossiers token create NAME`` / ``revoke NAME`` / ``list``: the API tokens of the
one-stop systems. The token is printed once, when created; only its hash is stored."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.dossiers.actions import TokenError, create_token, revoke_token
from cchc.dossiers.models import IngestToken


class Command(BaseCommand):
    help = _("Create, revoke or list the ingest tokens of the one-stop systems.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help=_("Create a token; it is printed once."))
        create.add_argument("name")
        revoke = sub.add_parser("revoke", help=_("Revoke a token at once."))
        revoke.add_argument("name")
        sub.add_parser("list", help=_("List the tokens (never the tokens themselves)."))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "create":
                new = create_token(name=options["name"], user=None)
                self.stderr.write(
                    _("Token %(name)s created. Copy it now: it is not shown again.")
                    % {"name": new.token.name}
                )
                self.stdout.write(new.plain)
            elif options["action"] == "revoke":
                token = revoke_token(name=options["name"], user=None)
                self.stdout.write(
                    _("Token %(name)s revoked at %(at)s.")
                    % {"name": token.name, "at": token.revoked_at}
                )
            else:
                for token in IngestToken.objects.all():
                    state = _("revoked") if token.revoked_at else _("active")
                    self.stdout.write(
                        f"{token.name}\t{token.prefix}…\t{state}\t{token.created_at:%Y-%m-%d}"
                    )
        except TokenError as error:
            raise CommandError(str(error)) from error
