"""State changes of agencies and assignments; views, CLI, admin and tests all call these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.agencies.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyRename,
    AliasKind,
    Assignment,
    AssignmentChange,
    Contact,
    ContactChange,
    GroupPhrase,
    RegistryConfirmation,
    Role,
    Succession,
)
from cchc.agencies.names import phrase_key
from cchc.agencies.registry import CONFIRMABLE, find_cycle
from cchc.agencies.resolver import Resolution, Resolver
from cchc.core.bulk import insert_rows
from cchc.core.history import actor_of


class AgencyError(Exception):
    """A change to the registry that cannot be made; the message says why."""


@dataclass(slots=True)
class SuccessionResult:
    successions: list[Succession]
    moved: int = 0


def record_succession(
    *,
    predecessor: Agency,
    successors: list[Agency],
    on: dt.date,
    kind: str = Succession.Kind.MERGED,
    legal_basis: str = "",
    user: AbstractBaseUser | None = None,
) -> SuccessionResult:
    """An agency ends (merged, split, dissolved) on the day before ``on``; its open
    assignments move to its successor(s), each move kept in the assignment's history."""
    if not successors:
        raise AgencyError(_("Name at least one successor."))
    if predecessor in successors:
        raise AgencyError(_("An agency cannot succeed itself."))
    if kind not in Succession.Kind.values:
        raise AgencyError(_("Unknown kind of succession: %(kind)s.") % {"kind": kind})
    with transaction.atomic():
        edges: dict[str, set[str]] = {}
        for s in Succession.objects.select_related("predecessor", "successor"):
            edges.setdefault(s.predecessor.code, set()).add(s.successor.code)
        for successor in successors:
            edges.setdefault(predecessor.code, set()).add(successor.code)
        cycle = find_cycle(edges)
        if cycle:
            raise AgencyError(
                _("This succession would make a cycle: %(cycle)s.") % {"cycle": " → ".join(cycle)}
            )
        if predecessor.valid_from and predecessor.valid_from >= on:
            raise AgencyError(
                _("%(agency)s only starts on %(start)s; it cannot end before %(on)s.")
                % {"agency": predecessor, "start": predecessor.valid_from, "on": on}
            )
        for successor in successors:
            if not successor.is_valid_on(on):
                raise AgencyError(
                    _("%(agency)s does not exist on %(on)s.") % {"agency": successor, "on": on}
                )
        locked = Agency.objects.select_for_update().get(pk=predecessor.pk)
        last_day = on - dt.timedelta(days=1)
        if locked.valid_until is None or locked.valid_until > last_day:
            locked.valid_until = last_day
            locked.save(update_fields=["valid_until"])
            predecessor.valid_until = last_day
        rows = [
            Succession.objects.update_or_create(
                predecessor=locked,
                successor=successor,
                defaults={"on": on, "kind": kind, "legal_basis": legal_basis},
            )[0]
            for successor in successors
        ]
        moved = transfer_assignments(
            agency=locked, on=on, user=user, reason=legal_basis or _("Succession")
        )
    return SuccessionResult(successions=rows, moved=moved)


def transfer_assignments(
    *,
    agency: Agency,
    on: dt.date,
    user: AbstractBaseUser | None = None,
    reason: str = "",
    plan_id: int | None = None,
) -> int:
    """Move the open assignments of an agency that no longer exists on ``on`` to the
    agencies carrying its work then (in one plan if ``plan_id`` is given, else in all).
    Returns the number of assignments moved."""
    resolver = Resolver.load()
    successors = resolver.successors_on(agency.pk, on)
    if not successors:
        return 0
    moved = 0
    with transaction.atomic():
        scope = Assignment.objects.select_for_update().filter(agency=agency).open()
        if plan_id is not None:
            scope = scope.filter(activity__plan_id=plan_id)
        for assignment in scope.order_by("pk"):
            assignment.ended_on = on - dt.timedelta(days=1)
            assignment.save(update_fields=["ended_on"])
            for successor in successors:
                target = (
                    Assignment.objects.filter(
                        activity_id=assignment.activity_id, role=assignment.role, agency=successor
                    )
                    .open()
                    .first()
                )
                if target is None:
                    target = Assignment.objects.create(
                        activity_id=assignment.activity_id,
                        role=assignment.role,
                        agency=successor,
                        source_text=assignment.source_text,
                        started_on=on,
                    )
                AssignmentChange.objects.create(
                    assignment=target,
                    action=AssignmentChange.Action.TRANSFERRED,
                    actor=actor_of(user),
                    from_agency=agency,
                    to_agency=successor,
                    reason=reason,
                )
            AssignmentChange.objects.create(
                assignment=assignment,
                action=AssignmentChange.Action.ENDED,
                actor=actor_of(user),
                from_agency=agency,
                reason=reason,
            )
            moved += 1
    return moved


def map_text(
    *,
    text: str,
    agency: Agency | None = None,
    group: AgencyGroup | None = None,
    user: AbstractBaseUser | None = None,
) -> AgencyAlias | GroupPhrase:
    """Remember what an unresolved text means, for this and every later import."""
    if (agency is None) == (group is None):
        raise AgencyError(_("Map the text to one agency or one group."))
    key = phrase_key(text)
    if not key:
        raise AgencyError(_("The text to map is empty."))
    with transaction.atomic():
        if group is not None:
            existing = GroupPhrase.objects.filter(folded=key).first()
            if existing is not None and existing.group_id != group.pk:
                raise AgencyError(
                    _("“%(text)s” already means the group %(group)s.")
                    % {"text": text, "group": existing.group}
                )
            phrase, _created = GroupPhrase.objects.get_or_create(
                folded=key, defaults={"group": group, "text": text}
            )
            return phrase
        assert agency is not None
        alias, _created = AgencyAlias.objects.get_or_create(
            agency=agency,
            folded=key,
            defaults={"text": text, "kind": AliasKind.MAPPED, "created_by": actor_of(user)},
        )
        return alias


@dataclass(slots=True)
class SyncResult:
    created: int = 0
    ended: int = 0
    kept: int = 0
    unresolved: list[tuple[int, str]] = field(default_factory=list)


# Ids per UPDATE when the sync ends assignments.
SYNC_BATCH = 1000


def sync_plan_assignments(
    *, plan_id: int, on: dt.date | None = None, user: AbstractBaseUser | None = None
) -> SyncResult:
    """Make the open assignments of a plan's activities follow their lead/partner texts.

    An assignment moved to a successor counts as the agency named in the text; assignments
    the text no longer names are ended. Idempotent.

    Set-based, so that the statements do not grow with the plan's rows: one locked read of
    the plan's open assignments, the new assignments and their history rows in one
    multi-row INSERT each (``cchc.core.bulk.insert_rows``: tuples, no model instance per row),
    and the ended ones in one UPDATE per ``SYNC_BATCH`` ids with their history rows in one
    INSERT (a plan of 10,000 rows has ~30,000 assignments: a few statements per thousands).
    """
    from cchc.core.versions import bump_registry
    from cchc.plans.models import Node, NodeKind, Plan

    plan = Plan.objects.get(pk=plan_id)
    day = on or plan.issued_on or timezone.localdate()
    resolver = Resolver.load()
    result = SyncResult()
    actor_id = actor.pk if (actor := actor_of(user)) is not None else None
    activities = Node.objects.filter(plan_id=plan_id, kind=NodeKind.ACTIVITY).values_list(
        "id", "lead", "partners"
    )
    # A plan names the same agencies over and over: each distinct text is resolved once.
    resolutions: dict[str, Resolution] = {}
    with transaction.atomic():
        existing: dict[int, list[_Open]] = {}
        locked = (
            Assignment.objects.select_for_update(of=("self",))
            .filter(activity__plan_id=plan_id)
            .open()
            .order_by("activity_id", "role", "pk")
            .values_list("pk", "activity_id", "role", "agency_id", "group_id")
        )
        for pk, held_by, held_as, agency, group in locked:
            existing.setdefault(held_by, []).append(_Open(pk, held_as, agency, group))
        history_from = dict(
            AssignmentChange.objects.filter(
                assignment__activity__plan_id=plan_id,
                action=AssignmentChange.Action.TRANSFERRED,
            ).values_list("assignment_id", "from_agency_id")
        )
        new: list[_New] = []
        stale: list[_Open] = []
        for activity_id, lead, partners in activities:
            wanted: list[_New] = []
            for role, text in ((Role.LEAD.value, lead), (Role.PARTNER.value, partners)):
                if not text:
                    continue
                resolution = resolutions.get(text)
                if resolution is None:
                    resolution = resolutions[text] = resolver.resolve(text, on=day)
                wanted += [
                    (activity_id, role, m.agency.pk, None, text) for m in resolution.agencies
                ]
                wanted += [(activity_id, role, None, g.group.pk, text) for g in resolution.groups]
                result.unresolved += [(activity_id, frag) for frag in resolution.unresolved]
            current = existing.get(activity_id, [])
            matched: set[int] = set()
            for want in wanted:
                _activity, role, agency_id, group_id, _text = want
                found = next(
                    (
                        a
                        for a in current
                        if a.pk not in matched
                        and a.role == role
                        and (
                            (
                                agency_id
                                and (
                                    a.agency_id == agency_id or history_from.get(a.pk) == agency_id
                                )
                            )
                            or (group_id and a.group_id == group_id)
                        )
                    ),
                    None,
                )
                if found is not None:
                    matched.add(found.pk)
                    result.kept += 1
                    continue
                new.append(want)
            stale += [a for a in current if a.pk not in matched]
        if new:
            _insert_created(new, actor_id)
        result.created = len(new)
        if stale:
            today = timezone.localdate()
            ids = [a.pk for a in stale]
            for i in range(0, len(ids), SYNC_BATCH):
                Assignment.objects.filter(pk__in=ids[i : i + SYNC_BATCH]).update(ended_on=today)
            reason = str(_("No longer named by the plan."))
            insert_rows(
                AssignmentChange,
                ("assignment_id", "action", "actor_id", "from_agency_id", "reason"),
                [(a.pk, _ENDED, actor_id, a.agency_id, reason) for a in stale],
            )
            result.ended = len(stale)
        if new or stale:
            # Bulk writes send no post_save: what is cached under the registry's version
            # (``cchc.agencies.apps.bump_registry``) is stale from this commit on.
            bump_registry()
    return result


class _Open(NamedTuple):
    """An open assignment of the plan, as the sync reads it."""

    pk: int
    role: str
    agency_id: int | None
    group_id: int | None


# A new assignment: activity, role, agency, group, the text it was read from.
_New = tuple[int, str, int | None, int | None, str]
_CREATED = AssignmentChange.Action.CREATED.value
_ENDED = AssignmentChange.Action.ENDED.value


def _insert_created(new: list[_New], actor_id: int | None) -> None:
    """Insert new assignments and their "created" history rows, in the order given."""
    columns = ("activity_id", "role", "agency_id", "group_id", "source_text")
    ids = {
        tuple(row[1:]): row[0]
        for row in insert_rows(Assignment, columns, new, returning=("id", *columns[:4]))
    }
    insert_rows(
        AssignmentChange,
        ("assignment_id", "action", "actor_id", "to_agency_id"),
        [(ids[n[:4]], _CREATED, actor_id, n[2]) for n in new],
    )


# -- Contacts: people reminders are written to who have no account -------------------------


def add_contact(
    *, agency: Agency, name: str, email: str, role: str, by: AbstractBaseUser | None
) -> Contact:
    """Add a person reminders go to (or make an inactive one active again with the new name).
    ``by`` is checked by the caller (the secretariat); refused: an empty name, an unknown
    role."""
    name, email = name.strip(), email.strip().lower()
    if not name:
        raise AgencyError(_("Name: say who this is."))
    if not email:
        raise AgencyError(_("E-mail: the address reminders go to."))
    if role not in Contact.Role.values:
        raise AgencyError(_("Role: unknown role."))
    with transaction.atomic():
        existing = (
            Contact.objects.select_for_update()
            .filter(agency=agency, email=email, role=role)
            .first()
        )
        if existing is not None:
            if existing.active and existing.name == name:
                return existing
            changes = {"name": {"from": existing.name, "to": name}} if existing.name != name else {}
            action = (
                ContactChange.Action.CHANGED if existing.active else ContactChange.Action.RESUMED
            )
            existing.name = name
            existing.active = True
            existing.save(update_fields=["name", "active"])
            _contact_history(existing, action, changes, by)
            return existing
        contact = Contact.objects.create(agency=agency, name=name, email=email, role=role)
        _contact_history(contact, ContactChange.Action.ADDED, {"name": {"to": name}}, by)
        return contact


def _contact_history(
    contact: Contact, action: str, changes: dict[str, Any], by: AbstractBaseUser | None
) -> None:
    ContactChange.objects.create(
        contact=contact,
        agency_id=contact.agency_id,
        email=contact.email,
        role=contact.role,
        action=action,
        changes=changes,
        actor=actor_of(by),
    )


def set_contact_active(*, contact: Contact, active: bool, by: AbstractBaseUser | None) -> Contact:
    """Stop (or resume) writing to a contact; the row stays, so the change can be undone."""
    with transaction.atomic():
        locked = Contact.objects.select_for_update().get(pk=contact.pk)
        if locked.active != active:
            locked.active = active
            locked.save(update_fields=["active"])
            action = ContactChange.Action.RESUMED if active else ContactChange.Action.STOPPED
            _contact_history(locked, action, {"active": {"from": not active, "to": active}}, by)
    contact.active = active
    return locked


def confirm_registry_row(
    *,
    kind: str,
    row_id: int,
    basis_number: str,
    basis_date: dt.date,
    basis_issuer: str,
    basis_type: str = "",
    basis_url: str = "",
    reason: str = "",
    user: AbstractBaseUser | None = None,
) -> RegistryConfirmation:
    """The secretariat confirms a registry row (an agency, a succession or a rename) against
    a legal text: the row is marked confirmed with that basis and a ``RegistryConfirmation``
    keeps who, when and why (loading the file again keeps it)."""
    model = CONFIRMABLE.get(kind)
    if model is None:
        raise AgencyError(_("Unknown kind of registry row: %(kind)s.") % {"kind": kind})
    missing = [
        label
        for label, value in (
            (_("number"), basis_number.strip()),
            (_("date"), basis_date),
            (_("issuer"), basis_issuer.strip()),
        )
        if not value
    ]
    if missing:
        raise AgencyError(
            _("The legal basis needs its %(fields)s.") % {"fields": ", ".join(missing)}
        )
    with transaction.atomic():
        row = model.objects.select_for_update().filter(pk=row_id).first()
        if row is None:
            raise AgencyError(_("This registry row does not exist."))
        basis = {
            "basis_type": basis_type.strip() or row.basis_type,
            "basis_number": basis_number.strip(),
            "basis_date": basis_date,
            "basis_issuer": basis_issuer.strip(),
            "basis_url": basis_url.strip(),
        }
        changes: dict[str, Any] = {"confirmed": True, **basis}
        if isinstance(row, AgencyRename):
            changes["missing"] = ""
        for name, value in changes.items():
            setattr(row, name, value)
        row.save(update_fields=list(changes))
        return RegistryConfirmation.objects.create(
            kind=kind,
            row_id=row.pk,
            label=str(row)[:500],
            actor=actor_of(user),
            reason=reason,
            **basis,
        )
