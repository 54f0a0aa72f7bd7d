"""State changes of plans. Views, the CLI, the admin and tests all go through these functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from cchc.plans.models import Plan, PlanImport
from cchc.plans.parsing.result import ParsedPlan


@dataclass(slots=True)
class ImportResult:
    plan: Plan
    record: PlanImport
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    # [{"key", "kind", "number", "title", "change": "created"|"updated"|"removed", "fields": [...]}]
    changes: list[dict[str, Any]] = field(default_factory=list)
    plan_created: bool = False


def import_plan(
    *,
    parsed: ParsedPlan,
    source_sha256: str,
    user: AbstractBaseUser | None = None,
    plan: Plan | None = None,
) -> ImportResult:
    """Store a parsed plan in one transaction, updating an existing plan in place.

    The target is ``plan`` if given, else the plan with the document's number, else the plan
    with the same title and no number; otherwise a new plan. Writes a PlanImport history row.
    """
    raise NotImplementedError  # implemented in the next commit
