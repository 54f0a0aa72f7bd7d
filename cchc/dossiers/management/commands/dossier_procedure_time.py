"""``cchc dossiers procedure-time set CODE DAYS [--basis TEXT] [--paper-result|--no-paper-result]``
/ ``list``: the statutory time of a procedure in working days, against which a dossier without a
promised date is judged, and whether it requires a paper result (766 indicators 3.3 and 4.1;
neither flag keeps it as it was)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.dossiers.actions import set_procedure_time
from cchc.dossiers.models import ProcedureTime


class Command(BaseCommand):
    help = _("Set or list the statutory time of procedures (working days).")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        put = sub.add_parser(
            "set", help=_("Set a procedure's statutory time; its dossiers are recomputed.")
        )
        put.add_argument("code")
        put.add_argument("days", type=int)
        put.add_argument("--basis", default="")
        paper = put.add_mutually_exclusive_group()
        paper.add_argument(
            "--paper-result",
            dest="paper_result",
            action="store_true",
            default=None,
            help=_("The procedure requires a paper result."),
        )
        paper.add_argument(
            "--no-paper-result",
            dest="paper_result",
            action="store_false",
            help=_("The procedure does not require a paper result."),
        )
        sub.add_parser("list", help=_("List the statutory times."))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "set":
            try:
                row = set_procedure_time(
                    procedure_code=options["code"],
                    working_days=options["days"],
                    legal_basis=options["basis"],
                    paper_result=options["paper_result"],
                )
            except ValueError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                _("%(code)s: %(days)s working days.")
                % {"code": row.procedure_code, "days": row.working_days}
            )
            if row.paper_result:
                self.stdout.write(
                    _("%(code)s requires a paper result.") % {"code": row.procedure_code}
                )
            return
        for row in ProcedureTime.objects.all():
            paper = "paper" if row.paper_result else "-"
            self.stdout.write(
                f"{row.procedure_code}\t{row.working_days}\t{row.legal_basis}\t{paper}"
            )
