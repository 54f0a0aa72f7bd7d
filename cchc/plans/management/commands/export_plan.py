"""``cchc export-plan PLAN_ID [-o FILE]``: a stored plan as an Excel workbook in its own
columns (importing the workbook gives the same plan)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.plans.export import export_plan_xlsx
from cchc.plans.models import Plan


class Command(BaseCommand):
    help = _("Export a plan to an Excel workbook in the document's own columns.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", type=int)
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            default=None,
            help=_("The file to write (default: named after the plan)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(pk=options["plan"]).first()
        if plan is None:
            raise CommandError(_("There is no plan with id %(id)s.") % {"id": options["plan"]})
        name = (plan.number or f"plan-{plan.pk}").replace("/", "-")
        path: Path = options["output"] or Path(f"ke-hoach-{name}.xlsx")
        try:
            path.write_bytes(export_plan_xlsx(plan))
        except OSError as exc:
            raise CommandError(
                _("%(path)s: cannot write the file (%(error)s).")
                % {"path": path, "error": exc.strerror or exc}
            ) from exc
        self.stdout.write(_("Wrote %(path)s.") % {"path": path})
