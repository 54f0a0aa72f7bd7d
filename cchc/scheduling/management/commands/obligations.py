"""``cchc obligations generate|refresh``: the grid of expected reports.

    cchc obligations generate [PLAN_ID] [--since 2026-01-01] [--until 2027-12-31]
                                      [--report par] [--kind quarter]
                                      (default: periods ending this year or the next)
    cchc obligations refresh [--on DATE]     # not yet due → open → late, by the clock

Both are idempotent: cron can run them daily.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.plans.models import Plan
from cchc.scheduling.obligations import (
    GenerateResult,
    default_span,
    generate_obligations,
    refresh_statuses,
)


def _day(value: str, flag: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            _("%(flag)s %(value)s is not a date (YYYY-MM-DD).") % {"flag": flag, "value": value}
        ) from exc


class Command(BaseCommand):
    help = _("Generate the reporting obligations of a plan, or move their status with the clock.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        generate = sub.add_parser("generate", help=_("Create or update a plan's obligations."))
        generate.add_argument(
            "plan", type=int, nargs="?", default=None, help=_("The plan (default: every plan).")
        )
        generate.add_argument("--since", default="")
        generate.add_argument("--until", default="")
        generate.add_argument("--report", default="par")
        generate.add_argument(
            "--kind",
            default="",
            choices=["", "month", "quarter", "half", "nine_months", "year"],
            help=_("Only periods of this kind (default: every period of the report's rules)."),
        )
        refresh = sub.add_parser("refresh", help=_("Update statuses by the date."))
        refresh.add_argument("--on", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["action"] == "refresh":
            day = _day(options["on"], "--on") if options["on"] else today
            count = refresh_statuses(on=day)
            self.stdout.write(_("%(count)s obligations changed status.") % {"count": count})
            return
        plans = list(Plan.objects.order_by("pk"))
        if options["plan"] is not None:
            plans = [p for p in plans if p.pk == options["plan"]]
            if not plans:
                raise CommandError(_("There is no plan with id %(id)s.") % {"id": options["plan"]})
        first, last = default_span(today)
        since = _day(options["since"], "--since") if options["since"] else first
        until = _day(options["until"], "--until") if options["until"] else last
        if until < since:
            raise CommandError(_("--until is before --since."))
        for plan in plans:
            self.stderr.write(
                _("Generating obligations of plan #%(id)s from %(since)s to %(until)s …")
                % {"id": plan.pk, "since": since, "until": until}
            )
            result = generate_obligations(
                plan=plan,
                since=since,
                until=until,
                report=options["report"],
                period_kind=options["kind"] or None,
                on=today,
            )
            write_result(self.stdout.write, plan.pk, result)


def write_result(write: Any, plan_id: int, result: GenerateResult) -> None:
    """The summary of a generation, and the obligations that no longer apply but were kept
    because a report was filed or started on them (for the secretariat to settle)."""
    write(
        _(
            "Plan #%(id)s: %(created)s obligations created, %(updated)s updated, "
            "%(removed)s removed, %(unchanged)s unchanged, %(filed)s filed reports kept; "
            "%(unscheduled)s activities have no calendar (events or unreadable "
            "timeframes)."
        )
        % {
            "id": plan_id,
            "created": result.created,
            "updated": result.updated,
            "removed": result.removed,
            "unchanged": result.unchanged,
            "filed": result.filed_kept,
            "unscheduled": result.unscheduled,
        }
    )
    kept = result.run.kept_rows if result.run else []
    if kept:
        write(
            _(
                "%(count)s obligations no longer apply but were kept because a report was "
                "filed or started on them; settle them (mark not applicable, or keep):"
            )
            % {"count": len(kept)}
        )
        for row in kept:
            write(
                _("  #%(obligation)s activity %(number)s · %(agency)s · %(period)s · %(status)s")
                % row
            )
