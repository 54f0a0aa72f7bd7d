"""``cchc report build --period KEY --year YYYY [--out DIR]``: the periodic PAR report of a
plan (the latest, or ``--plan ID``) as DOCX, XLSX annexes, PDF and the data (JSON), written to
DIR, with the narrative sections as the secretariat left them (the generated text where the
report was never opened). ``--issue --user NAME`` also issues it as the next numbered version,
as the page does. Keys: q1 q2 q3 q4 h1 h2 9m year (those the PAR rules have for the year)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.accounts import permissions
from cchc.documents.actions import DocumentError, build, current_sections, issue_report, open_report
from cchc.documents.content import PERIOD_KEYS, PeriodError, resolve_period
from cchc.documents.models import OfficialReport
from cchc.documents.render import PdfError
from cchc.plans.models import Plan


class Command(BaseCommand):
    help = _("Build the periodic PAR report (DOCX, XLSX, PDF, JSON) for a period.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, choices=list(PERIOD_KEYS))
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--out", default=".", help=_("Directory to write the files to."))
        parser.add_argument("--plan", type=int, help=_("Plan id (default: the latest plan)."))
        parser.add_argument("--number", default="", help=_("Document number, e.g. 125."))
        parser.add_argument("--no-pdf", action="store_true", help=_("Skip the PDF."))
        parser.add_argument("--issue", action="store_true", help=_("Issue a numbered version."))
        parser.add_argument("--user", default="", help=_("Who issues (a secretariat member)."))

    def handle(self, *args: Any, **options: Any) -> None:
        plan = self._plan(options["plan"])
        try:
            period = resolve_period(options["year"], options["period"])
        except PeriodError as error:
            raise CommandError(str(error)) from error
        out = Path(options["out"])
        if out.exists() and not out.is_dir():
            raise CommandError(_("--out %(path)s is not a directory.") % {"path": out})
        out.mkdir(parents=True, exist_ok=True)
        stem = f"bao-cao-cchc-{options['period']}-{options['year']}"
        try:
            if options["issue"]:
                files = self._issue(plan, period, options)
            else:
                report = OfficialReport.objects.filter(
                    plan=plan,
                    period_kind=period.kind,
                    period_year=period.year,
                    period_number=period.number,
                ).first()
                built = build(
                    plan=plan,
                    period=period,
                    sections=current_sections(report) if report else None,
                    number=options["number"],
                    pdf=not options["no_pdf"],
                )
                files = {"docx": built.docx, "xlsx": built.xlsx, "json": _json(built.snapshot)}
                if built.pdf is not None:
                    files["pdf"] = built.pdf
        except (PdfError, DocumentError) as error:
            raise CommandError(str(error)) from error
        for fmt, data in files.items():
            path = out / f"{stem}.{fmt}"
            path.write_bytes(data)
            self.stdout.write(str(path))

    def _plan(self, plan_id: int | None) -> Plan:
        plans = Plan.objects.order_by("-issued_on", "-pk")
        plan = plans.filter(pk=plan_id).first() if plan_id else plans.first()
        if plan is None:
            raise CommandError(
                _("No plan %(id)s.") % {"id": plan_id} if plan_id else _("No plan imported yet.")
            )
        return plan

    def _issue(self, plan: Plan, period: Any, options: dict[str, Any]) -> dict[str, bytes]:
        user = User.objects.filter(username=options["user"]).first()
        if user is None or not permissions.can_edit_official_reports(user):
            raise CommandError(_("--issue needs --user, a member of the secretariat."))
        report = open_report(plan=plan, period=period, user=user)
        version = issue_report(report=report, user=user, document_number=options["number"])
        self.stdout.write(
            _("Version %(number)s issued.") % {"number": version.number}, self.style.SUCCESS
        )
        return {
            "docx": bytes(version.docx),
            "xlsx": bytes(version.xlsx),
            "pdf": bytes(version.pdf),
            "json": _json(version.snapshot),
        }


def _json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()
