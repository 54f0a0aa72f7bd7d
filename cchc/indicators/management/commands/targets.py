"""``cchc targets PLAN_ID``: the plan's stored targets with their state and status.

cchc targets PLAN_ID [--on 2026-01-01] [--state proposed|confirmed|rejected] [--json]

JSON: {"plan": id, "on": date, "targets": [{"id", "node", "line", "indicator", "comparator",
"value", "value_max", "unit", "year", "scope", "state", "status", "actual", "expected",
"phrase"}, ...]}
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.indicators.models import TargetState
from cchc.indicators.selectors import plan_targets
from cchc.plans.models import Plan


class Command(BaseCommand):
    help = _("The plan's stored targets with their state and status.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan_id", type=int)
        parser.add_argument("--on", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--state", choices=TargetState.values, default=None)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(pk=options["plan_id"]).first()
        if plan is None:
            raise CommandError(_("No plan has the id %(id)s.") % {"id": options["plan_id"]})
        on: dt.date = options["on"] or timezone.localdate()
        rows = plan_targets(plan_id=plan.pk, on=on)
        if options["state"]:
            rows = [r for r in rows if r.target.state == options["state"]]
        if options["json"]:
            payload = {
                "plan": plan.pk,
                "on": on.isoformat(),
                "targets": [
                    {
                        "id": r.target.pk,
                        "node": r.target.node.number or r.target.node.key,
                        "line": r.target.source_line,
                        "indicator": r.target.indicator.code if r.target.indicator else None,
                        "comparator": r.target.comparator,
                        "value": r.target.value,
                        "value_max": r.target.value_max,
                        "unit": r.target.unit,
                        "year": r.target.year,
                        "scope": r.target.scope or None,
                        "state": r.target.state,
                        "status": str(r.status),
                        "actual": r.assessment.actual,
                        "expected": r.assessment.expected,
                        "phrase": r.target.phrase,
                    }
                    for r in rows
                ],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write(_("No stored target in this plan."))
            return
        for r in rows:
            t = r.target
            code = t.indicator.code if t.indicator else "?"
            scope = f" [{t.scope}]" if t.scope else ""
            self.stdout.write(
                f"{t.pk:>5}  {t.get_state_display():<10} {r.status.label:<12} "
                f"{code} {t.describe()}{scope}  (#{t.node.number or t.node.key}, "
                f"{_('line')} {t.source_line or '-'})"
            )
