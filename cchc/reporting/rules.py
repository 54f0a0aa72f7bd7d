"""The minimum content of a report before its agency can submit it (``SubmissionRule``): set
by the secretariat, each change a row. ``missing_content`` is the one check, asked by
``submit_report`` and shown on the report page before the user presses the button."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from cchc.reporting.models import (
    DONE_STATUSES,
    EXPLAINED_STATUSES,
    Report,
    SubmissionRule,
    WorkStatus,
)


def set_submission_rule(
    *,
    require_narrative: bool,
    require_evidence_when_done: bool,
    by: AbstractBaseUser | None,
    reason: str = "",
) -> SubmissionRule:
    """Change what a report must contain (the secretariat's decision; callers check who). The
    rule in force is returned; setting the rule already in force records nothing."""
    from cchc.reporting.actions import actor_of

    with transaction.atomic():
        # Serialise concurrent changes: the latest row must be the last one written.
        rows = SubmissionRule.objects.select_for_update()
        current = rows.order_by(*SubmissionRule.NEWEST_FIRST).first()
        effective = current or SubmissionRule()
        if (
            effective.require_narrative == require_narrative
            and effective.require_evidence_when_done == require_evidence_when_done
            and current is not None
        ):
            return current
        return SubmissionRule.objects.create(
            require_narrative=require_narrative,
            require_evidence_when_done=require_evidence_when_done,
            reason=reason.strip(),
            changed_by=actor_of(by),
        )


def rule_annotations() -> dict[str, RawSQL]:
    """The rule in force, read in another query (an obligation's): ``rule_of`` makes it.
    Plain SQL: the ORM's subqueries cost more to build than the query they save."""
    q = connection.ops.quote_name
    table = q(SubmissionRule._meta.db_table)
    # SubmissionRule.NEWEST_FIRST
    order = f"{q('changed_at')} DESC, {q('id')} DESC"
    return {
        f"rule_{name}": RawSQL(
            f"SELECT {q(name)} FROM {table} ORDER BY {order} LIMIT 1",
            (),
            output_field=BooleanField(),
        )
        for name in ("require_narrative", "require_evidence_when_done")
    }


def rule_of(row: object) -> SubmissionRule | None:
    """The rule in force as read by ``rule_annotations`` with ``row`` (None if not read)."""
    if not hasattr(row, "rule_require_narrative"):
        return None
    narrative = getattr(row, "rule_require_narrative", None)
    evidence = getattr(row, "rule_require_evidence_when_done", None)
    if narrative is None or evidence is None:
        return SubmissionRule()  # none set yet: the default
    return SubmissionRule(require_narrative=narrative, require_evidence_when_done=evidence)


def missing_content(
    report: Report,
    on: dt.date,
    rule: SubmissionRule | None = None,
    *,
    has_evidence: bool | None = None,
) -> list[str]:
    """What the report lacks before it can be submitted on ``on``, one sentence each, in the
    order of the form; empty when it can go. ``has_evidence``: whether it lists evidence, if
    already known (else asked of the database)."""
    rule = rule or SubmissionRule.objects.current()
    missing: list[str] = []
    if rule.require_narrative and not report.narrative.strip():
        missing.append(_("What was done: describe the work done in the period."))
    late = on > report.obligation.deadline
    if not report.explanation.strip():
        if report.work_status in EXPLAINED_STATUSES:
            missing.append(
                _("Explanation: say why the work is %(status)s.")
                % {"status": WorkStatus(report.work_status).label.lower()}
            )
        elif late:
            missing.append(
                _("Explanation: the deadline was %(deadline)s; say why the report is late.")
                % {"deadline": report.obligation.deadline.strftime("%d/%m/%Y")}
            )
    if report.work_status in DONE_STATUSES:
        if report.percent != 100:
            missing.append(_("Completion: work that is done is complete; set it to 100."))
        if has_evidence is None:
            has_evidence = report.evidence.exists()
        if rule.require_evidence_when_done and not has_evidence:
            missing.append(
                _("Evidence: list the outputs delivered (document number, date, issuing body).")
            )
    return missing
