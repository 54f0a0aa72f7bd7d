"""Reads of plans for the web pages and the export: each a fixed, small number of queries.

The plan tree is built in Python from ONE query of the plan's nodes in document order, so a
plan page costs the same number of queries whatever the size of the plan.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from cchc.core.text import fold
from cchc.plans.models import Node, NodeKind, Plan, PlanImport
from cchc.scheduling.models import Obligation

# Node columns the tree and the result lists show; the long texts stay in the database.
_TREE_FIELDS = (
    "id",
    "plan_id",
    "parent_id",
    "area_id",
    "kind",
    "position",
    "depth",
    "number",
    "label",
    "title",
    "lead",
    "timeframe",
)


@dataclass(slots=True)
class TreeNode:
    node: Node
    children: list[TreeNode] = field(default_factory=list)
    # Activities under this node, at any depth.
    activity_count: int = 0
    # Progress (0–100) and, for an activity, whether it is done: set by the page from the
    # reporting app's one definition (``cchc.reporting.progress``); None when not computed.
    progress: float | None = None
    done: bool = False

    @property
    def is_activity(self) -> bool:
        return self.node.kind == NodeKind.ACTIVITY


@dataclass(slots=True)
class PlanTree:
    roots: list[TreeNode]
    activity_count: int

    @property
    def areas(self) -> list[TreeNode]:
        return [r for r in self.roots if r.node.kind == NodeKind.SECTION]

    def walk(self) -> Iterator[TreeNode]:
        stack = list(reversed(self.roots))
        while stack:
            item = stack.pop()
            yield item
            stack.extend(reversed(item.children))


@dataclass(slots=True)
class ActivityFilters:
    q: str = ""
    area: int | None = None
    lead: str = ""
    timeframe: str = ""

    @property
    def active(self) -> bool:
        return bool(self.q.strip() or self.area or self.lead or self.timeframe)


@dataclass(slots=True)
class FilterChoices:
    areas: list[tuple[int, str]]
    leads: list[str]
    timeframes: list[str]


@dataclass(slots=True)
class NodeContext:
    """An activity (or any node) with its ancestors, top-level section first."""

    node: Node
    ancestors: list[Node]

    @property
    def sections(self) -> list[Node]:
        return [a for a in self.ancestors if a.kind == NodeKind.SECTION]

    def ancestor_of_kind(self, kind: str) -> Node | None:
        for ancestor in reversed(self.ancestors):
            if ancestor.kind == kind:
                return ancestor
        return None


def plan_list() -> QuerySet[Plan]:
    """Every plan with its count of activities (one query)."""
    return Plan.objects.annotate(
        activity_count=Count("nodes", filter=Q(nodes__kind=NodeKind.ACTIVITY))
    ).order_by("-issued_on", "title", "pk")


def plan_tree(*, plan: Plan) -> PlanTree:
    """The plan's nodes as a tree in document order, from one query."""
    nodes = list(Node.objects.filter(plan=plan).in_document_order().only(*_TREE_FIELDS))
    by_id: dict[int, TreeNode] = {}
    roots: list[TreeNode] = []
    for node in nodes:
        item = TreeNode(node=node)
        by_id[node.pk] = item
        parent = by_id.get(node.parent_id) if node.parent_id is not None else None
        if parent is None:
            roots.append(item)
        else:
            parent.children.append(item)
    total = 0
    for node in reversed(nodes):  # children come after their parent in document order
        item = by_id[node.pk]
        if item.is_activity:
            item.activity_count = 1
            total += 1
        parent = by_id.get(node.parent_id) if node.parent_id is not None else None
        if parent is not None:
            parent.activity_count += item.activity_count
    return PlanTree(roots=roots, activity_count=total)


def filter_choices(*, plan: Plan) -> FilterChoices:
    """The values the plan page's dropdowns offer: areas, lead texts, timeframe texts."""
    areas = [
        (pk, f"{number}. {title}" if number else title)
        for pk, number, title in Node.objects.filter(
            plan=plan, kind=NodeKind.SECTION, parent__isnull=True
        )
        .order_by("position")
        .values_list("pk", "number", "title")
    ]
    rows = list(
        Node.objects.activities()
        .filter(plan=plan)
        .values_list("lead", "timeframe")
        .order_by()
        .distinct()
    )
    leads = sorted({lead for lead, _ in rows if lead}, key=fold)
    timeframes = sorted({tf for _, tf in rows if tf}, key=fold)
    return FilterChoices(areas=areas, leads=leads, timeframes=timeframes)


def search_activities(*, plan: Plan, filters: ActivityFilters) -> QuerySet[Node]:
    """Activities of the plan matching ``q`` (diacritics- and case-insensitive) and the exact
    area, lead and timeframe filters, in document order.

    ``q`` is looked for as a phrase ("so noi vu" finds "Sở Nội vụ", not every row that has
    "sở", "nội" and "vụ" somewhere); only when the phrase occurs nowhere in the plan must each
    word occur somewhere in the row.
    """
    qs = Node.objects.activities().filter(plan=plan)
    needle = fold(filters.q)
    if needle:
        phrase = qs.filter(search_text__contains=needle)
        if " " in needle and not phrase.exists():
            for word in needle.split():
                qs = qs.filter(search_text__contains=word)
        else:
            qs = phrase
    if filters.area:
        qs = qs.filter(area_id=filters.area)
    if filters.lead:
        qs = qs.filter(lead=filters.lead)
    if filters.timeframe:
        qs = qs.filter(timeframe=filters.timeframe)
    return qs.in_document_order().only(*_TREE_FIELDS)


def node_context(*, plan: Plan, node_pk: int, node: Node | None = None) -> NodeContext:
    """A node of the plan and its ancestors (two queries whatever the depth; one when the
    caller has the node).

    Raises Node.DoesNotExist when the node is not in the plan.
    """
    if node is None or node.pk != node_pk:
        node = Node.objects.get(plan=plan, pk=node_pk)
    groups = {
        n.pk: n
        for n in Node.objects.filter(plan=plan)
        .exclude(kind=NodeKind.ACTIVITY)
        .filter(position__lt=node.position)
        .only(
            "id",
            "plan_id",
            "parent_id",
            "kind",
            "number",
            "label",
            "title",
            "position",
            "source_line",
        )
    }
    ancestors: list[Node] = []
    parent_id = node.parent_id
    while parent_id is not None and parent_id in groups:
        ancestor = groups[parent_id]
        ancestors.append(ancestor)
        parent_id = ancestor.parent_id
    ancestors.reverse()
    return NodeContext(node=node, ancestors=ancestors)


@dataclass(slots=True)
class NodePage:
    """An area, objective or task with its place in the plan and what is beneath it."""

    item: TreeNode
    # Top-level section first; each links to its own page.
    ancestors: list[Node]
    # The whole plan's tree (progress is computed over it in one go).
    tree: PlanTree

    @property
    def activities(self) -> list[TreeNode]:
        """The activities beneath the node, at any depth, in document order."""
        found: list[TreeNode] = []
        stack = list(reversed(self.item.children))
        while stack:
            current = stack.pop()
            if current.is_activity:
                found.append(current)
            stack.extend(reversed(current.children))
        return found


def node_page(*, plan: Plan, node_pk: int) -> NodePage:
    """A grouping node of the plan, its ancestors and its children, from the one query of
    ``plan_tree`` (the same count whatever the number of children).

    Raises Node.DoesNotExist when the node is not in the plan.
    """
    tree = plan_tree(plan=plan)
    by_id: dict[int, TreeNode] = {item.node.pk: item for item in tree.walk()}
    item = by_id.get(node_pk)
    if item is None:
        raise Node.DoesNotExist
    ancestors: list[Node] = []
    parent_id = item.node.parent_id
    while parent_id is not None and parent_id in by_id:
        ancestors.append(by_id[parent_id].node)
        parent_id = by_id[parent_id].node.parent_id
    ancestors.reverse()
    return NodePage(item=item, ancestors=ancestors, tree=tree)


def activity_obligations(*, activity_id: int) -> QuerySet[Obligation]:
    """The expected reports of an activity, every agency and period, with their reports
    (one query), latest period first, lead agencies before coordinating ones."""
    return (
        Obligation.objects.filter(activity_id=activity_id)
        .select_related("agency", "progress_report")
        .order_by("-period_end", "role", "agency__name", "pk")
    )


def import_history(*, plan: Plan) -> QuerySet[PlanImport]:
    return plan.imports.select_related("imported_by").order_by("-imported_at", "-pk")


def column_label(plan: Plan, field_name: str) -> str | None:
    """The document's printed header for a field, or None when the document has no such
    column."""
    for col in plan.columns:
        if col.get("field") == field_name:
            label = col.get("label")
            return str(label) if label else None
    return None


def labelled_columns(plan: Plan) -> list[dict[str, Any]]:
    """plan.columns, each as {"label", "field"}, skipping malformed entries."""
    return [
        {"label": str(c.get("label", "")), "field": str(c.get("field", ""))}
        for c in plan.columns
        if isinstance(c, dict)
    ]
