"""State changes of indicators, targets and measurements. Views, the API, the CLI, the plan
import and the tests all call these: keyword-only, one transaction, a history row each.

Who may call which is the caller's check (``cchc.accounts.permissions``), except that a value
is recorded for an agency only by someone who files for it (or the secretariat), which
``record_measurement`` checks itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.history import actor_of
from cchc.core.versions import bump_figures
from cchc.indicators.extraction import ProposedTarget
from cchc.indicators.models import (
    ChangeAction,
    Comparator,
    Indicator,
    IndicatorChange,
    Measurement,
    MeasurementSource,
    Target,
    TargetChange,
    TargetState,
    TextLimit,
    Unit,
)
from cchc.plans.models import Node, NodeKind, Plan


class IndicatorError(Exception):
    """A change that cannot be made; the message names the field and says why."""


# -- indicators --------------------------------------------------------------------------

INDICATOR_FIELDS = (
    "name",
    "unit",
    "direction",
    "aggregation",
    "disaggregations",
    "definition",
    "legal_source",
    "source_url",
    "data_source",
    "tolerance",
    "valid_from",
    "valid_until",
)


def change_indicator(
    *, indicator: Indicator, user: AbstractBaseUser | None, reason: str = "", **changes: Any
) -> Indicator:
    """Edit an indicator's dated data (tolerance, definition, legal source, validity …)."""
    unknown = set(changes) - set(INDICATOR_FIELDS)
    if unknown:
        raise IndicatorError(_("Unknown indicator fields: %(f)s.") % {"f": ", ".join(unknown)})
    with transaction.atomic():
        locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
        diff: dict[str, dict[str, Any]] = {}
        for name, value in changes.items():
            old = getattr(locked, name)
            if old != value:
                diff[name] = {"from": _jsonable(old), "to": _jsonable(value)}
                setattr(locked, name, value)
        if not diff:
            return locked
        locked.full_clean()
        locked.save()
        IndicatorChange.objects.create(
            indicator=locked,
            action=ChangeAction.CHANGED,
            actor=actor_of(user),
            changes=diff,
            reason=reason[: TextLimit.REASON],
        )
        bump_figures()  # the dashboards' targets and service indicators
    return locked


def create_indicator(
    *, code: str, user: AbstractBaseUser | None, reason: str = "", **fields: Any
) -> Indicator:
    """A new indicator of the catalogue (the admin; the shipped ones come with migration
    0002_load_catalogue)."""
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise IndicatorError(_("Unknown indicator fields: %(f)s.") % {"f": ", ".join(unknown)})
    with transaction.atomic():
        indicator = Indicator(code=code, **fields)
        indicator.full_clean()
        indicator.save()
        IndicatorChange.objects.create(
            indicator=indicator,
            action=ChangeAction.CREATED,
            actor=actor_of(user),
            changes={k: _jsonable(v) for k, v in fields.items()},
            reason=reason[: TextLimit.REASON],
        )
        bump_figures()  # a new service indicator shows on the dashboards
    return indicator


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# -- targets: proposals read from the plan -----------------------------------------------


@dataclass(slots=True)
class ProposeResult:
    created: int = 0
    kept: int = 0
    refreshed: int = 0
    removed: int = 0
    skipped: int = 0

    def add(self, other: ProposeResult) -> None:
        self.created += other.created
        self.kept += other.kept
        self.refreshed += other.refreshed
        self.removed += other.removed
        self.skipped += other.skipped

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "kept": self.kept,
            "refreshed": self.refreshed,
            "removed": self.removed,
            "skipped": self.skipped,
        }


def match_key(node_key: str, proposal: ProposedTarget) -> str:
    """What identifies a proposal across re-imports: node key, indicator, comparator, year,
    scope and phrase (the contract of ind-shared.md)."""
    parts = [
        node_key,
        proposal.indicator,
        proposal.comparator,
        proposal.year,
        proposal.scope,
        proposal.phrase,
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def _proposal_values(proposal: ProposedTarget, indicators: dict[str, Indicator]) -> dict[str, Any]:
    indicator = indicators.get(proposal.indicator) if proposal.indicator else None
    unit = proposal.unit if proposal.unit in Unit.values else Unit.COUNT
    baseline = proposal.baseline
    values: dict[str, Any] = {
        "indicator": indicator,
        "comparator": proposal.comparator,
        "value": float(proposal.value),
        "value_max": (
            float(proposal.value_max)
            if proposal.comparator == "range" and proposal.value_max is not None
            else None
        ),
        "unit": unit,
        "year": proposal.year,
        "scope": (proposal.scope or "")[: TextLimit.SCOPE],
        "phrase": proposal.phrase[: TextLimit.PHRASE],
        "source_line": proposal.line,
        "trajectory": (proposal.trajectory or "")[: TextLimit.TRAJECTORY],
        "proposed": proposal.as_json(),
    }
    if baseline is not None and proposal.year is not None:
        values["baseline"] = float(baseline)
        values["baseline_year"] = proposal.year - 1
    return values


def propose_targets(
    *,
    node: Node,
    proposals: Sequence[ProposedTarget],
    user: AbstractBaseUser | None = None,
) -> ProposeResult:
    """Store what the extractor read in ``node``'s text as proposed targets.

    Idempotent: a proposal already stored (same node key, indicator, comparator, year,
    scope, phrase) is kept as it is when confirmed or rejected (the secretariat's decision and
    edits survive a re-import) and refreshed when still proposed; new proposals are created
    as proposed; proposed targets no longer read are removed. Confirmed and rejected ones
    whose phrase vanished are kept (their history says what was decided).
    """
    with transaction.atomic():
        existing = {
            t.match_key: t
            for t in Target.objects.select_for_update(of=("self",))
            .filter(node=node)
            .select_related("indicator")
        }
        indicators = {i.code: i for i in Indicator.objects.all()}
        result, new = _propose(node.pk, node.key, proposals, user, indicators, existing)
        _create_proposed(new, user)
    return result


def _propose(
    node_id: int,
    node_key: str,
    proposals: Sequence[ProposedTarget],
    user: AbstractBaseUser | None,
    indicators: dict[str, Indicator],
    existing: dict[str, Target],
) -> tuple[ProposeResult, list[tuple[Target, ProposedTarget]]]:
    """Sort what was read in a node's text against its ``existing`` targets (locked by the caller):
    refresh and remove here, and return the new targets for ``_create_proposed`` to store with
    the others (a plan's thousands of rows in a few statements). Runs in the caller's
    transaction."""
    result = ProposeResult()
    new: list[tuple[Target, ProposedTarget]] = []
    seen: set[str] = set()
    for proposal in proposals:
        key = match_key(node_key, proposal)
        if key in seen:
            continue
        seen.add(key)
        values = _proposal_values(proposal, indicators)
        target = existing.get(key)
        if target is None:
            target = Target(node_id=node_id, match_key=key, **values)
            try:
                _check_target(target)
            except IndicatorError:
                # Numbers no target can hold (a share over 100 %): not proposed.
                result.skipped += 1
                continue
            new.append((target, proposal))
            result.created += 1
        elif target.state == TargetState.PROPOSED:
            changed = {
                k: v for k, v in values.items() if getattr(target, k) != v and k != "proposed"
            }
            if changed:
                for name, value in changed.items():
                    setattr(target, name, value)
                target.proposed = values["proposed"]
                target.save()
                TargetChange.objects.create(
                    target=target,
                    action=ChangeAction.REREAD,
                    actor=actor_of(user),
                    from_state=TargetState.PROPOSED,
                    to_state=TargetState.PROPOSED,
                    changes={k: _jsonable(_plain(v)) for k, v in changed.items()},
                )
                result.refreshed += 1
            else:
                result.kept += 1
        else:
            result.kept += 1
    vanished = [
        t.pk for k, t in existing.items() if k not in seen and t.state == TargetState.PROPOSED
    ]
    if vanished:
        Target.objects.filter(pk__in=vanished).delete()
        result.removed = len(vanished)
    return result, new


def _create_proposed(
    new: list[tuple[Target, ProposedTarget]], user: AbstractBaseUser | None
) -> None:
    """Store new proposed targets with their history rows, in bulk."""
    if not new:
        return
    created = Target.objects.bulk_create([target for target, _proposal in new])
    actor = actor_of(user)
    TargetChange.objects.bulk_create(
        TargetChange(
            target=target,
            action=ChangeAction.PROPOSED,
            actor=actor,
            to_state=TargetState.PROPOSED,
            changes=proposal.as_json(),
        )
        for target, (_target, proposal) in zip(created, new, strict=True)
    )


def _plain(value: Any) -> Any:
    if isinstance(value, Indicator):
        return value.code
    return value


TARGET_KINDS = (NodeKind.OBJECTIVE, NodeKind.TASK, NodeKind.ACTIVITY)


def propose_plan_targets(*, plan: Plan, user: AbstractBaseUser | None = None) -> ProposeResult:
    """Read targets from every objective, task and activity text of ``plan`` (the extractor)
    and store them as proposals; the plan import calls this after storing the nodes."""
    from cchc.indicators.extraction import extract_targets

    default_year = plan.issued_on.year if plan.issued_on else None
    total = ProposeResult()
    new: list[tuple[Target, ProposedTarget]] = []
    with transaction.atomic():
        # The plan's targets, locked in one statement (in key order), by node.
        stored: dict[int, dict[str, Target]] = {}
        for target in (
            Target.objects.select_for_update(of=("self",))
            .filter(node__plan=plan)
            .select_related("indicator")
            .order_by("pk")
        ):
            stored.setdefault(target.node_id, {})[target.match_key] = target
        indicators: dict[str, Indicator] | None = None
        nodes = (
            Node.objects.filter(plan=plan, kind__in=TARGET_KINDS)
            .order_by("position")
            .values_list("pk", "key", "title", "source_line")
        )
        for node_id, node_key, title, line in nodes:
            proposals = extract_targets(title, line=line, default_year=default_year)
            if not proposals and node_id not in stored:
                continue
            if indicators is None:
                indicators = {i.code: i for i in Indicator.objects.all()}
            existing = stored.get(node_id, {})
            result, found = _propose(node_id, node_key, proposals, user, indicators, existing)
            total.add(result)
            new += found
        _create_proposed(new, user)
    return total


# -- targets: the secretariat's decisions ------------------------------------------------

EDITABLE_TARGET_FIELDS = (
    "indicator",
    "comparator",
    "value",
    "value_max",
    "unit",
    "year",
    "due_on",
    "scope",
    "baseline",
    "baseline_year",
)


def _decide(
    target: Target,
    user: AbstractBaseUser | None,
    *,
    action: str,
    to_state: str,
    changes: dict[str, Any] | None = None,
    reason: str = "",
) -> Target:
    with transaction.atomic():
        locked = Target.objects.select_for_update().get(pk=target.pk)
        from_state = locked.state
        diff: dict[str, dict[str, Any]] = {}
        for name, value in (changes or {}).items():
            old = getattr(locked, name)
            if old != value:
                diff[name] = {"from": _jsonable(_plain(old)), "to": _jsonable(_plain(value))}
                setattr(locked, name, value)
        if to_state == TargetState.CONFIRMED and locked.indicator_id is None:
            raise IndicatorError(
                _("Indicator: choose the indicator this target measures before confirming it.")
            )
        if from_state == to_state and not diff:
            return locked
        locked.state = to_state
        locked.decided_by = actor_of(user)
        locked.decided_at = timezone.now()
        _check_target(locked)
        locked.save()
        TargetChange.objects.create(
            target=locked,
            action=action,
            actor=actor_of(user),
            from_state=from_state,
            to_state=to_state,
            changes=diff,
            reason=reason.strip()[: TextLimit.REASON],
        )
        bump_figures()  # the dashboards' targets (cchc.core.versions)
    return locked


def _check_target(target: Target) -> None:
    """The database's rules, said in words before it refuses (nothing is stored)."""
    if target.comparator == Comparator.RANGE:
        if target.value_max is None or target.value_max <= target.value:
            raise IndicatorError(_("Upper value: a range needs an upper value above the value."))
    elif target.value_max is not None:
        raise IndicatorError(_("Upper value: only a range has an upper value."))
    if target.value < 0:
        raise IndicatorError(_("Value: a target value cannot be negative."))
    if target.unit == Unit.PERCENT:
        for label, number in ((_("Value"), target.value), (_("Upper value"), target.value_max)):
            if number is not None and number > 100:
                raise IndicatorError(
                    _("%(field)s: a share is at most 100%%, not %(value)s.")
                    % {"field": label, "value": f"{number:g}"}
                )
    if target.comparator == Comparator.TOP and (target.unit != Unit.RANK or target.value < 1):
        raise IndicatorError(_("Value: 'within the top N' is a rank of at least 1."))
    if (target.baseline is None) != (target.baseline_year is None):
        raise IndicatorError(_("Baseline: give the baseline value with its year."))
    if target.baseline_year and target.year and target.baseline_year >= target.year:
        raise IndicatorError(_("Baseline year: it comes before the year due."))
    for label, year in ((_("Year"), target.year), (_("Baseline year"), target.baseline_year)):
        if year is not None and not 2000 <= year <= 2100:
            raise IndicatorError(_("%(field)s: between 2000 and 2100.") % {"field": label})


def confirm_target(*, target: Target, user: AbstractBaseUser | None, reason: str = "") -> Target:
    return _decide(
        target, user, action=ChangeAction.CONFIRMED, to_state=TargetState.CONFIRMED, reason=reason
    )


def edit_target(
    *, target: Target, user: AbstractBaseUser | None, reason: str = "", **changes: Any
) -> Target:
    """Correct a target's numbers, indicator or scope; the corrected target is confirmed."""
    unknown = set(changes) - set(EDITABLE_TARGET_FIELDS)
    if unknown:
        raise IndicatorError(_("Unknown target fields: %(f)s.") % {"f": ", ".join(unknown)})
    return _decide(
        target,
        user,
        action=ChangeAction.EDITED,
        to_state=TargetState.CONFIRMED,
        changes=changes,
        reason=reason,
    )


def reject_target(*, target: Target, user: AbstractBaseUser | None, reason: str = "") -> Target:
    """Not a target (a misreading, a number that promises nothing): kept as rejected so that a
    re-import does not propose it again."""
    return _decide(
        target, user, action=ChangeAction.REJECTED, to_state=TargetState.REJECTED, reason=reason
    )


# -- measurements -------------------------------------------------------------------------


class MeasurementError(IndicatorError):
    """A value refused; the message names the field (and the line, in an import)."""


def parse_number(text: str | float | int | None, *, field: str) -> float | None:
    """A number as people type it ("45", "45,5", "45.5", "45%"); None for empty."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise MeasurementError(_("%(field)s: enter a number.") % {"field": field})
    if isinstance(text, int | float):
        number = float(text)
    else:
        cleaned = text.strip().rstrip("%").strip().replace(" ", "")
        if not cleaned:
            return None
        if "," in cleaned and "." not in cleaned:
            cleaned = cleaned.replace(",", ".")
        try:
            number = float(Decimal(cleaned))
        except (InvalidOperation, ValueError):
            raise MeasurementError(
                _("%(field)s: “%(text)s” is not a number.") % {"field": field, "text": text[:50]}
            ) from None
    if not math.isfinite(number):
        raise MeasurementError(_("%(field)s: enter a number.") % {"field": field})
    return number


def check_value(indicator: Indicator, value: float, *, field: str) -> None:
    """The value suits the indicator's unit: a share 0–100, a rank a whole number ≥ 1, no
    negative counts."""
    if indicator.unit == Unit.PERCENT and not 0 <= value <= 100:
        raise MeasurementError(
            _("%(field)s: a share is between 0 and 100%%, not %(value)s.")
            % {"field": field, "value": f"{value:g}"}
        )
    if indicator.unit == Unit.RANK and (value < 1 or value != int(value)):
        raise MeasurementError(
            _("%(field)s: a rank is a whole number from 1, not %(value)s.")
            % {"field": field, "value": f"{value:g}"}
        )
    if value < 0:
        raise MeasurementError(_("%(field)s: cannot be negative.") % {"field": field})


def ratio_parts(
    indicator: Indicator,
    value: float | None,
    numerator: float | str | None,
    denominator: float | str | None,
) -> tuple[float, float] | None:
    """The (numerator, denominator) of a share, checked; None when neither is given."""
    top = parse_number(numerator, field=_("Numerator"))
    bottom = parse_number(denominator, field=_("Denominator"))
    if top is None and bottom is None:
        return None
    if top is None:
        raise MeasurementError(_("Numerator: give it with the denominator."))
    if bottom is None:
        raise MeasurementError(_("Denominator: give it with the numerator."))
    if indicator.unit != Unit.PERCENT:
        raise MeasurementError(_("Numerator: only a share has a numerator and a denominator."))
    if bottom <= 0:
        raise MeasurementError(_("Denominator: must be greater than 0 (no cases: “no data”)."))
    if top < 0:
        raise MeasurementError(_("Numerator: cannot be negative."))
    if top > bottom:
        raise MeasurementError(_("Numerator: cannot exceed the denominator."))
    if value is not None and abs(value - 100 * top / bottom) > 0.01:
        raise MeasurementError(
            _("Value: %(value)s%% does not agree with %(top)s of %(bottom)s (%(share)s%%).")
            % {
                "value": f"{value:g}",
                "top": f"{top:g}",
                "bottom": f"{bottom:g}",
                "share": f"{100 * top / bottom:.2f}",
            }
        )
    return top, bottom


@dataclass(frozen=True, slots=True)
class PeriodOf:
    kind: str
    label: str
    start: dt.date
    end: dt.date


def check_period(target: Target | None, period: PeriodOf) -> None:
    """A value for a target falls within the target's span: from its baseline year (else the
    plan's year) to its due day."""
    if period.end < period.start:
        raise MeasurementError(_("Period: it ends before it starts."))
    if target is None:
        return
    due = target.due
    if target.baseline_year is not None:
        first = target.baseline_year
    else:
        issued = target.node.plan.issued_on
        first = issued.year if issued else 2000
    if period.end.year < first or (due is not None and period.start > due):
        until = due.isoformat() if due else "…"
        raise MeasurementError(
            _("Period: %(period)s is outside the target's span (%(first)s–%(until)s).")
            % {"period": period.label, "first": first, "until": until}
        )


def record_measurement(
    *,
    indicator: Indicator,
    user: AbstractBaseUser | None,
    period: PeriodOf,
    value: float | str | None,
    no_data_reason: str = "",
    scope: str = "",
    source: str = MeasurementSource.REPORT,
    agency_id: int | None = None,
    target: Target | None = None,
    report_id: int | None = None,
    evidence_id: int | None = None,
    note: str = "",
    numerator: float | str | None = None,
    denominator: float | str | None = None,
) -> Measurement:
    """Store one value (or "no data" with its reason), validated: a number, suited to the
    unit, within the target's span, for an agency the user files for. A value of a report for
    a target replaces that report's earlier value; a locked value is refused.

    A share may come with the two counts behind it (``numerator`` of ``denominator``): the
    value is then computed from them (rounded to 2 decimals) or, if given too, must agree."""
    from cchc.accounts import permissions

    number = parse_number(value, field=_("Value"))
    parts = ratio_parts(indicator, number, numerator, denominator)
    if parts is not None and number is None:
        number = round(100 * parts[0] / parts[1], 2)
    reason = no_data_reason.strip()
    if number is None and not reason:
        raise MeasurementError(_("Value: enter a value, or choose “no data” and say why."))
    if number is not None and reason:
        raise MeasurementError(_("Value: a value or “no data”, not both."))
    if len(reason) > TextLimit.REASON:
        raise MeasurementError(
            _("Reason for no data: at most %(n)s characters.") % {"n": TextLimit.REASON}
        )
    if len(note) > TextLimit.NOTE:
        raise MeasurementError(_("Note: at most %(n)s characters.") % {"n": TextLimit.NOTE})
    if number is not None:
        check_value(indicator, number, field=_("Value"))
    if target is not None and target.indicator_id != indicator.pk:
        raise MeasurementError(_("Indicator: the target measures another indicator."))
    check_period(target, period)
    if (
        agency_id is not None
        and user is not None
        and not (
            permissions.can_file_for(user, agency_id)
            or (source != MeasurementSource.REPORT and permissions.is_secretariat(user))
        )
    ):
        raise MeasurementError(_("Agency: you may enter values for your own agency only."))
    fields: dict[str, Any] = {
        "indicator": indicator,
        "scope": scope[: TextLimit.SCOPE],
        "period_kind": period.kind,
        "period_label": period.label,
        "period_start": period.start,
        "period_end": period.end,
        "value": number,
        "numerator": parts[0] if parts is not None else None,
        "denominator": parts[1] if parts is not None else None,
        "no_data_reason": reason if number is None else "",
        "source": source,
        "agency_id": agency_id,
        "entered_by": actor_of(user),
        "entered_at": timezone.now(),
        "evidence_id": evidence_id,
        "note": note,
    }
    with transaction.atomic():
        existing = None
        if report_id is not None and target is not None:
            existing = (
                Measurement.objects.select_for_update()
                .filter(report_id=report_id, target=target)
                .first()
            )
        if existing is not None:
            if existing.locked:
                raise MeasurementError(_("Value: the report is approved; its values are locked."))
            for name, new in fields.items():
                setattr(existing, name, new)
            existing.save()
            bump_figures()  # the dashboards' targets and service indicators
            return existing
        created = Measurement.objects.create(target=target, report_id=report_id, **fields)
        bump_figures()
        return created


def lock_report_values(*, report_id: int, locked: bool = True) -> int:
    """Lock (approved) or unlock (reopened) the values entered in a report."""
    return Measurement.objects.filter(report_id=report_id).update(locked=locked)


def remove_measurements(*, ids: Iterable[int]) -> int:
    """Remove unlocked values (an import undone); locked ones stay."""
    with transaction.atomic():
        deleted, _detail = Measurement.objects.filter(pk__in=list(ids), locked=False).delete()
        if deleted:
            bump_figures()  # the dashboards' targets and service indicators
    return deleted
