"""Reads of the agency registry for the web pages: each a fixed, small number of queries.

Lists are filtered in Python over one query of the registry (a province has a few hundred
agencies), so the diacritics-insensitive search uses ``cchc.core.text.fold`` exactly as the
resolver does, and no page costs more queries when the registry or the plans grow.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from cchc.agencies.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyRename,
    Assignment,
    AssignmentChange,
    Role,
    Succession,
)
from cchc.agencies.resolver import Resolver
from cchc.core.text import fold


class Status:
    ACTIVE = "active"
    ENDED = "ended"


@dataclass(slots=True)
class AgencyFilters:
    q: str = ""
    level: str = ""
    status: str = ""
    on: dt.date | None = None


@dataclass(slots=True)
class AgencyList:
    agencies: list[Agency]
    total: int
    by_level: dict[str, int]
    active: int
    ended: int


def agency_list(*, filters: AgencyFilters, today: dt.date) -> AgencyList:
    """The agencies matching the filters, with their open assignment counts and aliases; the
    counts (all, by level, active on the date, ended before it) are of the whole registry."""
    day = filters.on or today
    agencies = list(
        Agency.objects.select_related("parent")
        .annotate(open_count=Count("assignments", filter=Q(assignments__ended_on__isnull=True)))
        .prefetch_related(Prefetch("aliases", queryset=AgencyAlias.objects.order_by("text")))
        .order_by("level", "name", "pk")
    )
    by_level = Counter(a.level for a in agencies)
    active = sum(1 for a in agencies if a.is_valid_on(day))
    ended = sum(1 for a in agencies if a.valid_until is not None and a.valid_until < day)
    needle = fold(filters.q)
    shown = []
    for agency in agencies:
        if filters.level and agency.level != filters.level:
            continue
        if filters.status == Status.ACTIVE and not agency.is_valid_on(day):
            continue
        if filters.status == Status.ENDED and not (
            agency.valid_until is not None and agency.valid_until < day
        ):
            continue
        if needle and needle not in _search_text(agency):
            continue
        shown.append(agency)
    return AgencyList(
        agencies=shown, total=len(agencies), by_level=dict(by_level), active=active, ended=ended
    )


def _search_text(agency: Agency) -> str:
    names = [agency.code, agency.name, agency.short_name, *(a.text for a in agency.aliases.all())]
    return fold(" | ".join(names))


@dataclass(slots=True)
class GroupRow:
    group: AgencyGroup
    phrases: list[str]
    members: list[Agency]

    @property
    def is_open(self) -> bool:
        return not self.group.levels and not self.members


def group_list(*, on: dt.date, ids: set[int] | None = None) -> list[GroupRow]:
    """Every group (or those of ``ids``) with its phrases and its members on the date (four
    queries in all): the membership rule of ``AgencyGroup.members_on`` applied in Python."""
    groups_qs = AgencyGroup.objects.prefetch_related("phrases", "members").order_by("name", "pk")
    if ids is not None:
        groups_qs = groups_qs.filter(pk__in=ids)
    groups = list(groups_qs)
    valid = list(Agency.objects.valid_on(on).order_by("level", "name", "pk"))
    rows = []
    for group in groups:
        explicit = {m.pk for m in group.members.all()}
        levels = set(group.levels or [])
        members = [
            a
            for a in valid
            if a.pk in explicit
            or (a.level in levels and (group.parent_id is None or a.parent_id == group.parent_id))
        ]
        rows.append(
            GroupRow(
                group=group,
                phrases=sorted((p.text for p in group.phrases.all()), key=fold),
                members=members,
            )
        )
    return rows


@dataclass(slots=True)
class AgencyDetail:
    agency: Agency
    aliases: list[AgencyAlias]
    predecessors: list[Succession]
    successors: list[Succession]
    open_assignments: list[Assignment]
    past_assignments: list[Assignment]
    history: list[AssignmentChange]


def agency_detail(*, pk: int) -> AgencyDetail:
    """An agency with everything its page shows. Raises Agency.DoesNotExist."""
    agency = Agency.objects.select_related("parent").get(pk=pk)
    assignments = list(
        Assignment.objects.filter(agency=agency)
        .select_related("activity", "activity__plan")
        .order_by("activity__plan__issued_on", "activity__plan_id", "activity__position", "role")
    )
    history = list(
        AssignmentChange.objects.filter(Q(from_agency=agency) | Q(to_agency=agency))
        .exclude(action=AssignmentChange.Action.CREATED)
        .select_related(
            "actor",
            "from_agency",
            "to_agency",
            "assignment__activity",
            "assignment__activity__plan",
        )
        .order_by("-at", "-pk")
    )
    return AgencyDetail(
        agency=agency,
        aliases=list(agency.aliases.order_by("kind", "text")),
        predecessors=list(
            Succession.objects.filter(successor=agency).select_related("predecessor")
        ),
        successors=list(Succession.objects.filter(predecessor=agency).select_related("successor")),
        open_assignments=[a for a in assignments if a.ended_on is None],
        past_assignments=[a for a in assignments if a.ended_on is not None],
        history=history,
    )


def agencies_valid_on(day: dt.date) -> QuerySet[Agency]:
    return Agency.objects.valid_on(day).order_by("level", "name", "pk")


# -- plans: the mapping screen, the plan page, the activity page ---------------------------


@dataclass(slots=True)
class UnresolvedFragment:
    text: str
    # (activity id, activity number, role) of every cell the fragment appears in.
    uses: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def numbers(self) -> list[str]:
        seen: list[str] = []
        for _pk, number, _role in self.uses:
            if number not in seen:
                seen.append(number)
        return seen


def unresolved_fragments(*, plan_id: int, on: dt.date) -> list[UnresolvedFragment]:
    """Every lead/partner fragment of the plan that resolves to no agency or group on the
    date, with the activities using it, by text (the registry's queries and one of the
    plan's activities)."""
    from cchc.plans.models import Node

    activities = (
        Node.objects.activities()
        .filter(plan_id=plan_id)
        .order_by("position")
        .only("id", "number", "lead", "partners")
    )
    resolver: Resolver | None = None
    found: dict[str, UnresolvedFragment] = {}
    cache: dict[str, list[str]] = {}
    for activity in activities:
        for role, text in ((Role.LEAD, activity.lead), (Role.PARTNER, activity.partners)):
            if not text or not text.strip():
                continue
            if text not in cache:
                resolver = resolver or Resolver.load()
                cache[text] = resolver.resolve(text, on=on).unresolved
            for fragment in cache[text]:
                entry = found.setdefault(fragment, UnresolvedFragment(text=fragment))
                entry.uses.append((activity.pk, activity.number or "?", str(role)))
    return sorted(found.values(), key=lambda f: (-len(f.uses), fold(f.text)))


@dataclass(slots=True)
class EndedAgency:
    """An agency that no longer exists but still holds open assignments in a plan."""

    agency: Agency
    assignments: list[Assignment]
    successors: list[Agency]


def ended_agencies_in_plan(*, plan_id: int, today: dt.date) -> list[EndedAgency]:
    """Open assignments of the plan whose agency ended before today, by agency, with the
    agencies carrying its work today. One query, plus one for the successions when there are any."""
    assignments = list(
        Assignment.objects.open()
        .filter(activity__plan_id=plan_id, agency__valid_until__lt=today)
        .select_related("agency", "activity")
        .order_by("agency__name", "agency_id", "activity__position", "role")
    )
    if not assignments:
        return []
    resolver = Resolver.load_successions()
    rows: dict[int, EndedAgency] = {}
    for assignment in assignments:
        agency = assignment.agency
        assert agency is not None
        if agency.pk not in rows:
            rows[agency.pk] = EndedAgency(
                agency=agency,
                assignments=[],
                successors=resolver.successors_on(agency.pk, today),
            )
        rows[agency.pk].assignments.append(assignment)
    return list(rows.values())


@dataclass(frozen=True, slots=True)
class AssignedAgency:
    """What the activity page shows of an assignment, read as plain values: its agency (or
    group), its role, when it ended and the text it was resolved from."""

    pk: int
    role: str
    agency_id: int | None
    agency_name: str
    agency_valid_until: dt.date | None
    group_id: int | None
    group_name: str
    source_text: str
    ended_on: dt.date | None


@dataclass(frozen=True, slots=True)
class Member:
    """A group's member today: enough for a link."""

    pk: int
    name: str


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One change of an assignment, as its history table shows it."""

    pk: int
    at: dt.datetime
    action: str
    from_agency: str
    to_agency: str
    actor: str
    reason: str

    def get_action_display(self) -> str:
        return str(AssignmentChange.Action(self.action).label)


@dataclass(slots=True)
class AssignmentRow:
    assignment: AssignedAgency
    members: list[Member]
    changes: list[ChangeRow]


@dataclass(slots=True)
class ActivityAssignments:
    lead: list[AssignmentRow]
    partners: list[AssignmentRow]
    ended: list[AssignmentRow]

    def __bool__(self) -> bool:
        return bool(self.lead or self.partners or self.ended)

    @property
    def history(self) -> list[ChangeRow]:
        """Every change of the activity's assignments, oldest first."""
        changes = [
            c for rows in (self.lead, self.partners, self.ended) for r in rows for c in r.changes
        ]
        return sorted(changes, key=lambda c: (c.at, c.pk))


def _members_on(
    groups: dict[int, tuple[list[str], int | None]], *, on: dt.date
) -> dict[int, list[Member]]:
    """Each group's members on ``on`` (the rule of ``group_list``) in one query of plain
    values: the valid agencies of the groups' levels (``groups``: each group's levels and
    parent) or explicitly members of one of them, each marked with the groups it is an
    explicit member of."""
    if not groups:
        return {}
    through = AgencyGroup.members.through
    levels = {level for group_levels, _parent in groups.values() for level in group_levels}
    marks = {
        f"in_group_{pk}": Exists(
            through.objects.filter(agencygroup_id=pk, agency_id=OuterRef("pk"))
        )
        for pk in groups
    }
    explicit = Q(pk__in=through.objects.filter(agencygroup_id__in=list(groups)).values("agency_id"))
    candidates = list(
        Agency.objects.valid_on(on)
        .filter(explicit | Q(level__in=levels))
        .annotate(**marks)
        .order_by("level", "name", "pk")
        .values_list("pk", "name", "level", "parent_id", *marks)
    )
    result: dict[int, list[Member]] = {}
    for index, (pk, (group_levels, parent_id)) in enumerate(groups.items()):
        wanted = set(group_levels)
        result[pk] = [
            Member(pk=row[0], name=row[1])
            for row in candidates
            if row[4 + index] or (row[2] in wanted and (parent_id is None or row[3] == parent_id))
        ]
    return result


def _name(short_name: str | None, name: str | None) -> str:
    return (short_name or name or "") if name is not None else "—"


def activity_assignments(*, activity_id: int, today: dt.date) -> ActivityAssignments:
    """The activity's assignments (open by role, then ended), each with its history and,
    for a group, its members today: three queries of plain values (no model rows: a
    group's members are dozens of agencies)."""
    fields = (
        "pk",
        "role",
        "agency_id",
        "agency__name",
        "agency__valid_until",
        "group_id",
        "group__name",
        "group__levels",
        "group__parent_id",
        "source_text",
        "ended_on",
    )
    rows = list(
        Assignment.objects.filter(activity_id=activity_id)
        .order_by("role", "pk")
        .values_list(*fields)
    )
    if not rows:
        return ActivityAssignments(lead=[], partners=[], ended=[])
    changes: dict[int, list[ChangeRow]] = {}
    for c in (
        AssignmentChange.objects.filter(assignment__activity_id=activity_id)
        .order_by("at", "pk")
        .values_list(
            "pk",
            "assignment_id",
            "at",
            "action",
            "from_agency__short_name",
            "from_agency__name",
            "to_agency__short_name",
            "to_agency__name",
            "actor__username",
            "reason",
        )
    ):
        changes.setdefault(c[1], []).append(
            ChangeRow(
                pk=c[0],
                at=c[2],
                action=c[3],
                from_agency=_name(c[4], c[5]),
                to_agency=_name(c[6], c[7]),
                actor=c[8] or "—",
                reason=c[9],
            )
        )
    groups = {r[5]: (list(r[7] or []), r[8]) for r in rows if r[5] is not None}
    members = _members_on(groups, on=today)
    result = ActivityAssignments(lead=[], partners=[], ended=[])
    for r in rows:
        assignment = AssignedAgency(
            pk=r[0],
            role=r[1],
            agency_id=r[2],
            agency_name=r[3] or "",
            agency_valid_until=r[4],
            group_id=r[5],
            group_name=r[6] or "",
            source_text=r[9],
            ended_on=r[10],
        )
        row = AssignmentRow(
            assignment=assignment,
            members=members.get(r[5], []) if r[5] is not None else [],
            changes=changes.get(r[0], []),
        )
        if assignment.ended_on is not None:
            result.ended.append(row)
        elif assignment.role == Role.LEAD:
            result.lead.append(row)
        else:
            result.partners.append(row)
    return result


@dataclass(frozen=True, slots=True)
class Unverified:
    """Registry rows for the secretariat to settle: agencies and successions not checked
    against a legal text (``confirmed`` false), and agencies with no legal source at all."""

    agencies: list[Agency]
    successions: list[Succession]
    without_source: list[Agency]
    renames: list[AgencyRename] = field(default_factory=list)
    calendar_days: list[Any] = field(default_factory=list)
    deadline_rules: list[Any] = field(default_factory=list)

    @property
    def count(self) -> int:
        return (
            len(self.agencies)
            + len(self.successions)
            + len(self.renames)
            + len(self.calendar_days)
            + len(self.deadline_rules)
        )


def unverified_count() -> int:
    """How many registry rows wait to be verified (two queries)."""
    return (
        Agency.objects.filter(confirmed=False).count()
        + Succession.objects.filter(confirmed=False).count()
    )


def unverified() -> Unverified:
    agencies = list(
        Agency.objects.filter(confirmed=False).select_related("parent").order_by("level", "name")
    )
    successions = list(
        Succession.objects.filter(confirmed=False)
        .select_related("predecessor", "successor")
        .order_by("on", "predecessor__name", "successor__name")
    )
    without_source = list(Agency.objects.filter(basis_type="").order_by("level", "name"))
    from cchc.scheduling.models import CalendarDay, DeadlineRule

    return Unverified(
        agencies=agencies,
        successions=successions,
        without_source=without_source,
        renames=list(
            AgencyRename.objects.filter(confirmed=False)
            .select_related("agency")
            .order_by("on", "agency__code")
        ),
        calendar_days=list(CalendarDay.objects.filter(confirmed=False).order_by("date")),
        deadline_rules=list(DeadlineRule.objects.filter(confirmed=False)),
    )
