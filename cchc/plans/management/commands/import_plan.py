"""``cchc import-plan PATH [--dry-run] [--json]``: read a plan document and store it."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.plans.actions import import_plan
from cchc.plans.interpretation import read_plan
from cchc.plans.models import Plan
from cchc.plans.readers import read_file
from cchc.plans.readers.base import ReadError
from cchc.scheduling.obligations import generate_default_span


class Command(BaseCommand):
    help = _(
        "Read a plan document (markdown, text, HTML, DOCX, XLSX or CSV) and store it as a plan. "
        "Re-importing the same document updates the plan in place."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Read and check the document; store nothing.")
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help=_("Print the import preview as JSON on standard output."),
        )
        parser.add_argument(
            "--plan",
            type=int,
            default=None,
            help=_("Update this plan (id) instead of finding it by number."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        as_json: bool = options["json"]
        progress = sys.stderr if as_json else self.stdout
        print(_("Reading %(path)s …") % {"path": path}, file=progress)
        try:
            data = read_file(path)  # its size checked with stat() before it is read
            parsed = read_plan(data, path.name)
        except ReadError as exc:
            raise CommandError(str(exc)) from exc
        target = None
        if options["plan"] is not None:
            target = Plan.objects.filter(pk=options["plan"]).first()
            if target is None:
                raise CommandError(_("There is no plan with id %(id)s.") % {"id": options["plan"]})
        print(
            _("Storing %(count)s rows of work …") % {"count": len(parsed.items)}
            if not options["dry_run"]
            else _("Checking what would change …"),
            file=progress,
        )
        try:
            result = import_plan(
                parsed=parsed,
                source_sha256=hashlib.sha256(data).hexdigest(),
                plan=target,
                dry_run=options["dry_run"],
            )
        except ReadError as exc:
            raise CommandError(str(exc)) from exc
        obligations: dict[str, Any] | None = None
        if not options["dry_run"]:
            print(_("Working out the reports expected …"), file=progress)
            generated, since, until = generate_default_span(plan=result.plan)
            obligations = {
                "since": since.isoformat(),
                "until": until.isoformat(),
                "created": generated.created,
                "updated": generated.updated,
                "removed": generated.removed,
                "unchanged": generated.unchanged,
                "kept": len(generated.kept_unexpected),
            }
        if as_json:
            payload = parsed.as_dict()
            payload["result"] = result.as_dict()
            payload["obligations"] = obligations
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self._report(parsed.as_dict(), result.as_dict())
        if obligations is not None:
            self.stdout.write(
                _(
                    "Reports expected for periods ending from %(since)s to %(until)s: "
                    "%(created)s created, %(updated)s updated, %(removed)s removed, "
                    "%(unchanged)s unchanged (cchc obligations generate)."
                )
                % obligations
            )

    def _report(self, parsed: dict[str, Any], result: dict[str, Any]) -> None:
        doc = parsed["document"]
        self.stdout.write(self.style.MIGRATE_HEADING(doc["title"] or ""))
        details = [doc["number"], doc["date"], doc["issuer"]]
        self.stdout.write("  " + " · ".join(d for d in details if d))
        sections = {tuple(item["section"][:1]) for item in parsed["items"]}
        self.stdout.write(
            _("  %(items)s rows of work in %(sections)s sections; columns: %(columns)s")
            % {
                "items": len(parsed["items"]),
                "sections": len(sections),
                "columns": ", ".join(f"{c['label']} → {c['field'] or '-'}" for c in doc["columns"]),
            }
        )
        for warning in parsed["warnings"]:
            self.stdout.write(self.style.WARNING(_("  line %(line)s: %(message)s") % warning))
        summary = (
            _(
                "created %(created)s, updated %(updated)s, removed %(removed)s, "
                "unchanged %(unchanged)s"
            )
            % result
        )
        if result["dry_run"]:
            self.stdout.write(
                _("Dry run, nothing stored. Would have %(summary)s.") % {"summary": summary}
            )
        elif result["plan_created"]:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Stored new plan #%(id)s: %(summary)s.")
                    % {"id": result["plan"], "summary": summary}
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Updated plan #%(id)s: %(summary)s.")
                    % {"id": result["plan"], "summary": summary}
                )
            )
        for change in result["changes"]:
            if change["change"] == "updated":
                self.stdout.write(
                    _("  updated %(kind)s %(number)s: %(fields)s")
                    % {**change, "fields": ", ".join(change["fields"])}
                )
