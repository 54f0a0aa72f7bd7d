"""State changes of period rules and the province's calendar days; each writes its history.

Views, admin, commands and tests call these. Errors are ``ValidationError`` keyed by field, as
the admin shows them. A rule that changes from a date is ended the day before and a new rule
starts (``change_rule_from``), so periods before the change keep the rule they were made under.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.core.history import actor_of
from cchc.scheduling.models import (
    CalendarDay,
    CalendarDayChange,
    CalendarDayKind,
    CalendarScope,
    DeadlineRule,
    DeadlineRuleChange,
    PeriodRule,
    PeriodRuleChange,
)

# The fields a rule is made of; the rest (pk, created_at) are the database's.
RULE_FIELDS = (
    "report",
    "report_name",
    "period_kind",
    "window",
    "deadline_rule",
    "deadline_day",
    "deadline_working_days",
    "replaced_by_longer",
    "valid_from",
    "valid_until",
    "legal_basis",
    "confirmed",
    "notes",
)


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _check_fields(changes: dict[str, Any]) -> None:
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of a period rule: {', '.join(sorted(unknown))}")


def create_rule(
    *, user: AbstractBaseUser | None = None, reason: str = "", **fields: Any
) -> PeriodRule:
    """A new rule, validated (field ranges, a deadline after the cut-off, no overlap with
    another rule of the same report and period)."""
    _check_fields(fields)
    with transaction.atomic():
        rule = PeriodRule(**fields)
        _lock_siblings(rule)
        rule.full_clean()
        rule.save()
        PeriodRuleChange.objects.create(
            rule=rule,
            action=PeriodRuleChange.Action.CREATED,
            actor=actor_of(user),
            changes={name: _json(getattr(rule, name)) for name in RULE_FIELDS},
            reason=reason,
        )
    return rule


def correct_rule(
    *,
    rule: PeriodRule,
    changes: dict[str, Any],
    user: AbstractBaseUser | None = None,
    reason: str = "",
) -> PeriodRuleChange | None:
    """Correct a rule in place (a typo, a better source). This changes every period the rule
    ever applied to; for a change in the law use ``change_rule_from``. None if nothing
    changed."""
    _check_fields(changes)
    with transaction.atomic():
        locked = PeriodRule.objects.select_for_update().get(pk=rule.pk)
        diff = {
            name: {"from": _json(getattr(locked, name)), "to": _json(value)}
            for name, value in changes.items()
            if getattr(locked, name) != value
        }
        if not diff:
            return None
        for name in diff:
            setattr(locked, name, changes[name])
        _lock_siblings(locked)
        locked.full_clean()
        locked.save(update_fields=list(diff))
        for name in diff:
            setattr(rule, name, changes[name])
        action = (
            PeriodRuleChange.Action.ENDED
            if set(diff) == {"valid_until"} and changes["valid_until"] is not None
            else PeriodRuleChange.Action.CHANGED
        )
        return PeriodRuleChange.objects.create(
            rule=locked, action=action, actor=actor_of(user), changes=diff, reason=reason
        )


def end_rule(
    *,
    rule: PeriodRule,
    last_day: dt.date,
    user: AbstractBaseUser | None = None,
    reason: str = "",
) -> PeriodRuleChange | None:
    """The rule applies up to and including ``last_day``."""
    return correct_rule(rule=rule, changes={"valid_until": last_day}, user=user, reason=reason)


def change_rule_from(
    *,
    rule: PeriodRule,
    on: dt.date,
    changes: dict[str, Any],
    user: AbstractBaseUser | None = None,
    reason: str = "",
) -> PeriodRule:
    """From ``on`` the rule reads differently (a new circular): the old rule ends the day
    before, a new one with ``changes`` starts on ``on`` and ends when the old one did."""
    _check_fields(changes)
    if {"report", "period_kind", "valid_from"} & set(changes):
        raise ValueError("A change from a date keeps the report, the period and its start.")
    if on <= rule.valid_from:
        raise ValidationError(
            {"valid_from": _("A change must start after the rule it replaces starts.")}
        )
    if rule.valid_until is not None and on > rule.valid_until:
        raise ValidationError({"valid_from": _("The rule has already ended by then.")})
    with transaction.atomic():
        fields = {name: getattr(rule, name) for name in RULE_FIELDS}
        end_rule(rule=rule, last_day=on - dt.timedelta(days=1), user=user, reason=reason)
        return create_rule(user=user, reason=reason, **{**fields, **changes, "valid_from": on})


def _lock_siblings(rule: PeriodRule) -> None:
    """Rows of the same report and period are read to check overlaps: lock them first."""
    list(
        PeriodRule.objects.select_for_update()
        .filter(report=rule.report, period_kind=rule.period_kind)
        .values_list("pk", flat=True)
    )


CALENDAR_BASIS_FIELDS = (
    "basis_number",
    "basis_date",
    "basis_issuer",
    "basis_url",
    "confirmed",
    "missing",
)
CALENDAR_FIELDS = (
    "kind",
    "name",
    "scope",
    "source",
    "basis_number",
    "basis_date",
    "basis_issuer",
    "basis_url",
    "confirmed",
    "missing",
)


def _calendar_state(row: CalendarDay) -> dict[str, Any]:
    return {name: _json(getattr(row, name)) for name in CALENDAR_FIELDS}


def set_calendar_day(
    *,
    day: dt.date,
    kind: str,
    name: str,
    scope: str = CalendarScope.PROVINCE,
    source: str = "",
    basis_number: str = "",
    basis_date: dt.date | None = None,
    basis_issuer: str = "",
    basis_url: str = "",
    confirmed: bool | None = None,
    missing: str = "",
    user: AbstractBaseUser | None = None,
    reason: str = "",
) -> CalendarDay:
    """Record (or correct) a calendar entry: a day off, holiday or weekend day worked, with
    its legal basis. ``confirmed`` defaults to "the basis has a number"; a confirmed entry
    needs one."""
    if kind not in CalendarDayKind.values:
        raise ValidationError(
            {"kind": _("Unknown kind of calendar day: %(kind)s.") % {"kind": kind}}
        )
    if not name.strip():
        raise ValidationError({"name": _("A calendar day needs a name.")})
    if confirmed is None:
        confirmed = bool(basis_number.strip())
    if confirmed and not basis_number.strip():
        raise ValidationError(
            {"basis_number": _("A confirmed calendar day needs the number of its legal text.")}
        )
    with transaction.atomic():
        row = CalendarDay.objects.select_for_update().filter(date=day).first()
        before = _calendar_state(row) if row else {}
        if row is None:
            row = CalendarDay(date=day)
        values = {
            "kind": kind,
            "name": name.strip(),
            "scope": scope,
            "source": source.strip(),
            "basis_number": basis_number.strip(),
            "basis_date": basis_date,
            "basis_issuer": basis_issuer.strip(),
            "basis_url": basis_url.strip(),
            "confirmed": confirmed,
            "missing": "" if confirmed else missing.strip(),
        }
        for field, value in values.items():
            setattr(row, field, value)
        after = _calendar_state(row)
        if before == after:
            return row
        row.full_clean(validate_unique=False)
        row.save()
        CalendarDayChange.objects.create(
            date=day,
            action=CalendarDayChange.Action.SET,
            actor=actor_of(user),
            changes={"from": before, "to": after},
            reason=reason,
        )
    return row


def confirm_calendar_day(
    *,
    row: CalendarDay,
    basis_number: str,
    basis_date: dt.date | None,
    basis_issuer: str,
    basis_url: str = "",
    user: AbstractBaseUser | None = None,
    reason: str = "",
) -> CalendarDay:
    """The secretariat checked the entry against its legal text: record the basis and mark it
    confirmed (history row)."""
    return set_calendar_day(
        day=row.date,
        kind=row.kind,
        name=row.name,
        scope=row.scope,
        source=row.source,
        basis_number=basis_number,
        basis_date=basis_date,
        basis_issuer=basis_issuer,
        basis_url=basis_url,
        confirmed=True,
        user=user,
        reason=reason,
    )


def remove_calendar_day(
    *, day: dt.date, user: AbstractBaseUser | None = None, reason: str = ""
) -> bool:
    """The date follows the national calendar again. False if it had no entry."""
    with transaction.atomic():
        row = CalendarDay.objects.select_for_update().filter(date=day).first()
        if row is None:
            return False
        before = _calendar_state(row)
        row.delete()
        CalendarDayChange.objects.create(
            date=day,
            action=CalendarDayChange.Action.REMOVED,
            actor=actor_of(user),
            changes={"from": before, "to": {}},
            reason=reason,
        )
    return True


DEADLINE_FIELDS = (
    "audience",
    "report",
    "period_kind",
    "method",
    "day",
    "working_days",
    "move_off_days",
    "move_basis",
    "valid_from",
    "valid_until",
    "basis_number",
    "basis_date",
    "basis_issuer",
    "basis_url",
    "confirmed",
    "missing",
    "notes",
)


def save_deadline_rule(
    *,
    rule: DeadlineRule | None = None,
    changes: dict[str, Any],
    user: AbstractBaseUser | None = None,
    reason: str = "",
    on: dt.date | None = None,
) -> tuple[DeadlineRule, list[Any]]:
    """Create (``rule`` None) or change a deadline rule, validated, with its history row; then
    regenerate the due dates of the obligations it governs (``generate_obligations`` with its
    ``GenerationRun``, over the range earlier runs covered, clipped to the rule's validity).
    Returns the rule and the regeneration results."""
    unknown = set(changes) - set(DEADLINE_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of a deadline rule: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        if rule is None:
            row = DeadlineRule(**changes)
            before: dict[str, Any] = {}
            action = "created"
        else:
            row = DeadlineRule.objects.select_for_update().get(pk=rule.pk)
            before = {name: _json(getattr(row, name)) for name in DEADLINE_FIELDS}
            for name, value in changes.items():
                setattr(row, name, value)
            action = "confirmed" if changes.get("confirmed") and not rule.confirmed else "changed"
        row.full_clean()
        after = {name: _json(getattr(row, name)) for name in DEADLINE_FIELDS}
        diff = {k: {"from": before.get(k), "to": v} for k, v in after.items() if before.get(k) != v}
        if not diff:
            return row, []
        row.save()
        DeadlineRuleChange.objects.create(
            rule=row, action=action, actor=actor_of(user), changes=diff, reason=reason
        )
        results = _regenerate(row, user=user, on=on)
    return row, results


def _regenerate(
    rule: DeadlineRule, *, user: AbstractBaseUser | None, on: dt.date | None
) -> list[Any]:
    from django.db.models import Max, Min

    from cchc.plans.models import Plan
    from cchc.scheduling.models import GenerationRun
    from cchc.scheduling.obligations import generate_obligations

    spans = (
        GenerationRun.objects.filter(report=rule.report)
        .values("plan")
        .annotate(since=Min("since"), until=Max("until"))
    )
    results = []
    for span in spans:
        since = max(span["since"], rule.valid_from)
        until = min(span["until"], rule.valid_until or span["until"])
        if since > until:
            continue
        plan = Plan.objects.get(pk=span["plan"])
        results.append(
            generate_obligations(
                plan=plan, since=since, until=until, report=rule.report, on=on, user=user
            )
        )
    return results
