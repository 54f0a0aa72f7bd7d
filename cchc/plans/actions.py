"""State changes of plans. Views, the CLI, the admin and tests all go through these functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, User
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from cchc.core.bulk import insert_rows
from cchc.core.versions import bump_plan
from cchc.plans.models import Node, NodeCorrection, NodeKind, Plan, PlanImport
from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.readers.base import ReadError
from cchc.plans.tree import CONTENT_FIELDS, NodeSpec, build_specs, search_text

# Fields that follow from the document's layout; a change in them alone is not reported.
_LAYOUT_FIELDS = ("position", "depth", "source_line", "search_text", "kind")


@dataclass(slots=True)
class ImportResult:
    plan: Plan
    record: PlanImport | None
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    # [{"key", "kind", "number", "title", "change": "created"|"updated"|"removed", "fields": [...]}]
    changes: list[dict[str, Any]] = field(default_factory=list)
    plan_created: bool = False
    dry_run: bool = False
    # Lead/partner assignments made to follow the plan's cells: created, ended, kept.
    assignments: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan.pk if not self.dry_run or not self.plan_created else None,
            "plan_created": self.plan_created,
            "dry_run": self.dry_run,
            "created": self.created,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "changes": self.changes,
            "assignments": self.assignments,
        }


class _DryRun(Exception):
    def __init__(self, result: ImportResult) -> None:
        self.result = result


def find_target_plan(parsed: ParsedPlan) -> Plan | None:
    """The stored plan a document updates: same number, else same title without a number."""
    doc = parsed.document
    if doc.number:
        return Plan.objects.filter(number=doc.number).first()
    if doc.title:
        return Plan.objects.filter(number="", title=doc.title).first()
    return None


def import_plan(
    *,
    parsed: ParsedPlan,
    source_sha256: str,
    user: AbstractBaseUser | None = None,
    plan: Plan | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Store a parsed plan in one transaction, updating an existing plan in place.

    The target is ``plan`` if given, else the plan with the document's number, else the plan
    with the same title and no number; otherwise a new plan. Nodes are matched by key: new
    ones are created, changed ones updated, missing ones removed. Writes a PlanImport history
    row. With ``dry_run`` everything is computed and rolled back: the result says what would
    change.
    """
    if not parsed.items:
        raise ReadError(
            _("%(name)s: there is nothing to import.") % {"name": parsed.document.source_name}
        )
    specs = build_specs(parsed)
    check_field_lengths(parsed, specs)
    try:
        with transaction.atomic():
            result = _store(parsed, specs, source_sha256, user, plan)
            if dry_run:
                result.dry_run = True
                raise _DryRun(result)
    except _DryRun as stop:
        return stop.result
    except IntegrityError as exc:
        raise ReadError(
            _(
                "%(name)s: the plan could not be stored because it conflicts with a plan stored "
                "at the same time (%(error)s). Import it again."
            )
            % {"name": parsed.document.source_name, "error": exc}
        ) from exc
    return result


def check_field_lengths(parsed: ParsedPlan, specs: list[NodeSpec]) -> None:
    """Refuse values longer than their column holds, naming the line and the field.

    Only the short fields can overflow (the document's number and issuer, a row's or a
    section's number); long free texts are TextFields, stored whole. PostgreSQL would refuse the
    row half-way through the import; SQLite would store it. Either way the file is at fault.
    """
    doc = parsed.document
    for field_name, value in (("number", doc.number), ("issuer", doc.issuer)):
        limit, verbose_name = _column(Plan, field_name)
        if value and len(value) > limit:
            raise ReadError(
                _(
                    '%(name)s: the document\'s %(field)s "%(value)s…" is %(length)s characters '
                    "long; at most %(limit)s are stored."
                )
                % {
                    "name": doc.source_name,
                    "field": verbose_name,
                    "value": value[:40],
                    "length": len(value),
                    "limit": limit,
                }
            )
    limit, _verbose = _column(Node, "number")
    label = next((c.label for c in doc.columns if c.field == "number"), "")
    for spec in specs:
        number = str(spec.values.get("number") or "")
        if len(number) > limit:
            is_row = spec.kind == NodeKind.ACTIVITY and label
            raise ReadError(
                _(
                    '%(name)s, line %(line)s: the number "%(value)s…" (%(field)s) is %(length)s '
                    "characters long; at most %(limit)s are stored."
                )
                % {
                    "name": doc.source_name,
                    "line": spec.source_line or "?",
                    "value": number[:40],
                    "field": label if is_row else NodeKind(spec.kind).label,
                    "length": len(number),
                    "limit": limit,
                }
            )


def _column(model: type[models.Model], name: str) -> tuple[int, str]:
    """A text column's length and its name as people read it."""
    column = model._meta.get_field(name)
    return int(getattr(column, "max_length", 0) or 0), str(getattr(column, "verbose_name", name))


def _store(
    parsed: ParsedPlan,
    specs: list[NodeSpec],
    source_sha256: str,
    user: AbstractBaseUser | None,
    plan: Plan | None,
) -> ImportResult:
    doc = parsed.document
    target = plan or find_target_plan(parsed)
    plan_created = target is None
    target = Plan() if target is None else Plan.objects.select_for_update().get(pk=target.pk)
    target.title = doc.title or doc.source_name
    target.number = doc.number or ""
    target.issued_on = doc.date
    target.issuer = doc.issuer or ""
    target.source_name = doc.source_name[:255]
    target.source_format = doc.format
    target.source_sha256 = source_sha256
    target.columns = [c.as_dict() for c in doc.columns]
    target.save()

    result = ImportResult(plan=target, record=None, plan_created=plan_created)
    existing = {node.key: node for node in Node.objects.filter(plan=target)}
    ids: dict[str, int] = {}
    to_update: list[Node] = []
    # The fields some node changed in: only these go into the bulk UPDATE's CASE expressions.
    stale_fields: set[str] = set()
    for depth in sorted({s.depth for s in specs}):
        to_create: list[tuple[Any, ...]] = []
        for spec in (s for s in specs if s.depth == depth):
            values = _values(spec, ids)
            node = existing.pop(spec.key, None)
            if node is not None and spec.area_key == spec.key:
                values["area_id"] = node.pk
            if node is None:
                to_create.append((target.pk, spec.key, *(values[c] for c in _NODE_COLUMNS[2:])))
                result.changes.append(_change(spec, "created", []))
                result.created += 1
                continue
            changed = [name for name, value in values.items() if getattr(node, name) != value]
            for name in changed:
                setattr(node, name, values[name])
            reported = [name for name in changed if name not in _LAYOUT_FIELDS]
            if reported:
                result.changes.append(_change(spec, "updated", reported))
                result.updated += 1
            else:
                result.unchanged += 1
            if changed:
                to_update.append(node)
                stale_fields.update(changed)
            ids[spec.key] = node.pk
        ids.update(
            (key, pk)
            for pk, key in insert_rows(Node, _NODE_COLUMNS, to_create, returning=("id", "key"))
        )
        if depth == 0 and to_create:
            # Top-level sections are their own area; now that they have ids, point at them.
            sections = [ids[row[1]] for row in to_create if row[2] == NodeKind.SECTION.value]
            Node.objects.filter(pk__in=sections).update(area_id=models.F("pk"))
    if to_update:
        Node.objects.bulk_update(
            to_update,
            fields=[name for name in _NODE_COLUMNS[2:] if name in stale_fields],
            batch_size=500,
        )
    for node in existing.values():
        result.changes.append(
            {
                "key": node.key,
                "kind": node.kind,
                "number": node.number,
                "title": node.title,
                "change": "removed",
                "fields": [],
            }
        )
    result.removed = len(existing)
    if existing:
        _refuse_removing_filed_work(doc.source_name, list(existing.values()))
        Node.objects.filter(pk__in=[n.pk for n in existing.values()]).delete()
    from cchc.agencies.actions import sync_plan_assignments

    synced = sync_plan_assignments(plan_id=target.pk, user=user)
    result.assignments = {"created": synced.created, "ended": synced.ended, "kept": synced.kept}
    from cchc.indicators.actions import propose_plan_targets

    propose_plan_targets(plan=target, user=user)
    # The plan's cached tree and progress are stale from this commit on (cchc.core.versions).
    bump_plan(target.pk)
    result.record = PlanImport.objects.create(
        plan=target,
        imported_by=user if isinstance(user, User) else None,
        source_name=doc.source_name[:255],
        source_sha256=source_sha256,
        created=result.created,
        updated=result.updated,
        removed=result.removed,
        unchanged=result.unchanged,
        changes=result.changes,
        warnings=[w.as_dict() for w in parsed.warnings],
    )
    return result


def _refuse_removing_filed_work(source_name: str, nodes: list[Node]) -> None:
    """A revised document that drops rows on which agencies already reported is refused:
    removing them would delete the reports. The secretariat corrects the plan instead."""
    from cchc.scheduling.models import FILED_STATUSES, Obligation

    filed = (
        Obligation.objects.filter(activity__in=nodes, status__in=FILED_STATUSES)
        .values_list("activity__number", flat=True)
        .distinct()
    )
    numbers = sorted({n or "?" for n in filed})
    if numbers:
        raise ReadError(
            _(
                "%(name)s: the document no longer has rows %(rows)s, but agencies have already "
                "filed reports on them. Nothing was imported; keep those rows in the document "
                "or mark their reports not applicable first."
            )
            % {"name": source_name, "rows": ", ".join(numbers)}
        )


# The columns of a new node: the plan, the key, then what ``_values`` gives.
_NODE_COLUMNS = (
    "plan_id",
    "key",
    "kind",
    "parent_id",
    "area_id",
    "position",
    "depth",
    "source_line",
    "search_text",
    *CONTENT_FIELDS,
)


def _values(spec: NodeSpec, ids: dict[str, int]) -> dict[str, Any]:
    """A node's stored values from its spec (the columns of ``_NODE_COLUMNS`` but the first
    two)."""
    values: dict[str, Any] = {
        "kind": str(spec.kind),
        "parent_id": ids[spec.parent_key] if spec.parent_key else None,
        "area_id": ids.get(spec.area_key) if spec.area_key and spec.area_key != spec.key else None,
        "position": spec.position,
        "depth": spec.depth,
        "source_line": spec.source_line,
        "search_text": spec.search_text,
    }
    for name in CONTENT_FIELDS:
        values[name] = spec.values.get(name, {} if name == "extra" else "")
    return values


def _change(spec: NodeSpec, change: str, fields: list[str]) -> dict[str, Any]:
    return {
        "key": spec.key,
        "kind": spec.kind,
        "number": spec.values.get("number", ""),
        "title": spec.values.get("title", ""),
        "change": change,
        "fields": fields,
    }


# The fields of a node that a person may correct by hand.
CORRECTABLE_FIELDS = (
    "number",
    "title",
    "outputs",
    "lead",
    "partners",
    "timeframe",
    "budget",
    "submit_level",
    "notes",
    "extra",
)


def correct_node(
    *,
    node: Node,
    changes: dict[str, Any],
    user: AbstractBaseUser | None = None,
    reason: str = "",
) -> NodeCorrection | None:
    """Correct fields of an imported node by hand, keeping search in step and the history.

    Returns the NodeCorrection written, or None when nothing changed. A title change reaches
    the search text of every node below, which matches its ancestors' titles too.
    """
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"Fields that cannot be corrected: {', '.join(sorted(unknown))}")
    if "title" in changes and not str(changes["title"]).strip():
        raise ValueError(_("A plan node needs a title."))
    with transaction.atomic():
        locked = Node.objects.select_for_update().get(pk=node.pk)
        diff = {
            name: {"from": getattr(locked, name), "to": value}
            for name, value in changes.items()
            if getattr(locked, name) != value
        }
        if not diff:
            return None
        for name in diff:
            setattr(locked, name, changes[name])
        refresh_search_text(plan=locked.plan, overrides={locked.pk: locked})
        locked.save(update_fields=[*diff, "search_text"])
        bump_plan(locked.plan_id)
        for name in diff:
            setattr(node, name, changes[name])
        node.search_text = locked.search_text
        return NodeCorrection.objects.create(
            plan_id=locked.plan_id,
            node=locked,
            corrected_by=user if isinstance(user, User) else None,
            changes=diff,
            reason=reason,
        )


def refresh_search_text(*, plan: Plan, overrides: dict[int, Node] | None = None) -> int:
    """Recompute the search text of a plan's nodes (one query to read, one bulk update)."""
    nodes = {n.pk: n for n in Node.objects.filter(plan=plan)}
    nodes.update(overrides or {})
    stale: list[Node] = []
    for node in nodes.values():
        ancestors: list[str] = []
        parent_id = node.parent_id
        while parent_id is not None and parent_id in nodes:
            parent = nodes[parent_id]
            ancestors.append(f"{parent.number} {parent.label} {parent.title}")
            parent_id = parent.parent_id
        values = {name: getattr(node, name) for name in CONTENT_FIELDS}
        text = search_text(values, ancestors)
        if text != node.search_text:
            node.search_text = text
            if node.pk not in (overrides or {}):
                stale.append(node)
    Node.objects.bulk_update(stale, ["search_text"], batch_size=500)
    return len(stale)
