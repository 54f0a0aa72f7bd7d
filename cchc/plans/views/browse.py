"""Reading plans: the list, a plan's tree with search and filters, an activity, the history."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import CharField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.db.models.sql.compiler import SQLCompiler
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from cchc.accounts import permissions
from cchc.agencies import selectors as agency_selectors
from cchc.core import versions
from cchc.core.models import CacheVersion
from cchc.core.pages import KeptBody, body_response, page_response
from cchc.indicators.selectors import targets_exist
from cchc.plans import selectors
from cchc.plans.forms import ActivitySearchForm
from cchc.plans.models import Node, NodeKind, Plan
from cchc.plans.tree_html import (
    CachedTree,
    cached_children,
    cached_tree,
    is_lazy,
    plan_cached,
    render_children,
    render_tree,
)
from cchc.plans.views import bodies
from cchc.plans.views.activity_reports import activity_reports
from cchc.plans.views.assignments_html import assignments_html
from cchc.plans.views.ended_html import ended_agencies_html
from cchc.plans.views.reports_html import section_html
from cchc.reporting.progress import (
    ActivityProgress,
    PlanProgress,
    activity_progress,
    progress_for,
)

# Search results shown at once; the list says when more matched.
RESULT_LIMIT = 200

# The fields of a node the activity page shows, in the order of a printed plan row.
DETAIL_FIELDS = ("outputs", "lead", "partners", "timeframe", "budget", "submit_level", "notes")


def _get_plan(pk: int, *, with_version: bool = False) -> Plan:
    """The one place that decides which plan a logged-in user may read: any of them (the plan,
    its tree, its activities and their overall progress are the province's shared text; its
    obligations, reports and statuses per agency are not shown here). ``with_version``: the
    versions of its cached tree and of the registry too (``cache_version``,
    ``registry_version``), in the same query (cchc.core.versions)."""
    if not with_version:
        return get_object_or_404(Plan, pk=pk)
    sql, params = _compiled_plan()
    found = next(iter(Plan.objects.raw(sql, [pk if p == _PK else p for p in params])), None)
    if found is None:
        raise Http404
    return found


# Stands for the plan's id while its query is compiled (``_compiled_plan``).
_PK = -7_340_002


@functools.cache
def _compiled_plan() -> tuple[str, tuple[Any, ...]]:
    """The plan with its versions as SQL, compiled once by the process (compiling the
    versions' subqueries cost more than running them)."""
    plans = versions.with_version(Plan.objects.filter(pk=_PK), versions.PLAN_PREFIX)
    plans = versions.with_key_version(plans, "registry_version", versions.REGISTRY_KEY)
    sql, params = plans.query.sql_with_params()
    return sql, tuple(params)


def _can_import(request: HttpRequest) -> bool:
    return request.user.has_perm("plans.add_plan")


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "plans/plan_list.html",
        {"plans": selectors.plan_list(), "can_import": _can_import(request)},
    )


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _get_plan(pk, with_version=True)
    partial = bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )
    can_import = _can_import(request)
    can_transfer = request.user.has_perm("agencies.change_assignment")
    can_history = request.user.has_perm("plans.view_planimport")

    def build() -> KeptBody:
        return KeptBody.of(
            _plan_body(
                request, plan, partial=partial, can_import=can_import, can_transfer=can_transfer
            )
        )

    if request.GET:
        # A search: drawn per request (its results are not kept for every query string).
        body = build()
    else:
        # The tree, the search form and the ended agencies: drawn once per plan and
        # registry version, day, language and the permissions the body asks (bodies).
        body = bodies.cached(
            plan_id=plan.pk,
            plan_version=plan.cache_version,  # type: ignore[attr-defined]
            registry_version=plan.registry_version,  # type: ignore[attr-defined]
            key=("plan", plan.pk, partial, can_import, can_transfer, can_history),
            build=build,
        )
    if partial:
        return body_response(request, body)
    title = Truncator(plan.number or plan.title).chars(60)
    # The body kept as bytes is copied once, into the response (cchc.core.pages).
    return page_response(request, "plans/plan_detail.html", {"title": title}, body)


def _plan_body(
    request: HttpRequest, plan: Plan, *, partial: bool, can_import: bool, can_transfer: bool
) -> str:
    """The plan page's content (or, for htmx, only the results), as drawn from the plan and
    the registry: the tree or the search results, the search form, the ended agencies."""
    # The filters' choices (areas, lead texts, timeframes) change only with an import.
    choices = plan_cached(plan, "choices", lambda: selectors.filter_choices(plan=plan))
    form = ActivitySearchForm(request.GET or None, choices=choices, auto_id="search_%s")
    filters = form.filters()
    context: dict[str, Any] = {"plan": plan, "form": form, "filters": filters}
    if filters.active:
        results = list(selectors.search_activities(plan=plan, filters=filters)[: RESULT_LIMIT + 1])
        context["results"] = results[:RESULT_LIMIT]
        context["truncated"] = len(results) > RESULT_LIMIT
    else:
        # The tree and its progress, drawn once per plan version (cchc.plans.tree_html).
        context["tree"] = context["progress"] = cached_tree(plan, lambda: _draw_tree(plan))
    if partial:
        return render_to_string("plans/_results.html", context, request)
    # Only its date is shown (the large change list and warnings stay in the database); an
    # import bumps the plan's version.
    context["latest_import"] = plan_cached(
        plan,
        "latest_import",
        lambda: (
            plan.imports.order_by("-imported_at", "-pk")
            .only("pk", "plan_id", "imported_at")
            .first()
        ),
    )
    context["can_import"] = can_import
    context["ended_agencies"] = ended_agencies_html(
        plan_id=plan.pk,
        today=timezone.localdate(),
        can_transfer=can_transfer,
        token=bodies.CSRF_MARK,
    )
    return render_to_string("plans/_plan_body.html", context, request)


@login_required
@require_GET
def node_detail(request: HttpRequest, plan_pk: int, pk: int) -> HttpResponse:
    """Any node of the plan: an activity with its fields, assignments and reports; an area,
    objective or task with its place in the plan, its children and their progress."""
    # The node with its plan, the plan's and the registry's versions and whether it has
    # targets, in one query (any logged-in user reads any plan: _get_plan); without targets,
    # the targets' include reads nothing (indicators.selectors.node_targets).
    node = _get_node(plan_pk, pk)
    plan = node.plan
    if node.kind != NodeKind.ACTIVITY:
        try:
            return _group_page(request, plan, node)
        except Node.DoesNotExist as exc:
            raise Http404 from exc
    today = timezone.localdate()
    reports = activity_reports(
        request, activity_id=node.pk, today=today, wanted=request.GET.get("period")
    )
    context: dict[str, Any] = {"plan": plan, "node": node, "reports": reports}
    if request.headers.get("HX-Target") == "activity-reports" and not request.headers.get(
        "HX-History-Restore-Request"
    ):
        # The period selector (htmx names the section it swaps): only that section.
        return HttpResponse(section_html(reports, node_url=node.get_absolute_url()))
    context["reports_html"] = section_html(reports, node_url=node.get_absolute_url())
    # Everything above the reports (where the activity sits, its fields and progress, its
    # assigned agencies) is the same for every user: drawn once per plan and registry
    # version and day (bodies); the reports and targets are drawn per request.
    context["top"] = mark_safe(
        bodies.cached(
            plan_id=plan.pk,
            plan_version=node.plan_version,  # type: ignore[attr-defined]
            registry_version=node.registry_version,  # type: ignore[attr-defined]
            key=("activity", node.pk),
            build=lambda: _activity_top(plan, node, today),
        )
    )
    context["title"] = Truncator(node.display).chars(60)
    return render(request, "plans/node_detail.html", context)


def _activity_top(plan: Plan, node: Node, today: dt.date) -> str:
    """The activity page above its reports: breadcrumb, heading, fields, progress, source
    line and assigned agencies."""
    pk = node.pk
    try:
        # The ancestors and the progress change only with the plan's version (import,
        # corrections, obligation generation, approval, reopening): drawn once per version.
        ancestors: list[Node] = plan_cached(
            plan,
            f"ancestors:{pk}",
            lambda: selectors.node_context(plan=plan, node_pk=pk, node=node).ancestors,
        )
    except Node.DoesNotExist as exc:
        raise Http404 from exc
    ctx = selectors.NodeContext(node=node, ancestors=ancestors)
    activity = plan_cached(plan, f"progress:{pk}", lambda: activity_progress(pk))
    assignments = agency_selectors.activity_assignments(activity_id=pk, today=today)
    return render_to_string(
        "plans/_activity_top.html",
        {
            "plan": plan,
            "node": node,
            "kind_label": kind_label(node),
            "ancestors": [(a, kind_label(a)) for a in ancestors],
            "rows": activity_rows(plan, ctx),
            "assignments": assignments_html(assignments, today=today),
            "activity_progress": activity,
            "node_progress": activity.percent,
        },
    )


# Stand for the plan's and the node's ids while the node's query is compiled (``_get_node``).
_PLAN_PK, _NODE_PK = -7_340_003, -7_340_004
_NODE_FIELDS = tuple(f.attname for f in Node._meta.concrete_fields)
_PLAN_FIELDS = tuple(f.attname for f in Plan._meta.concrete_fields)


@functools.cache
def _compiled_node() -> tuple[SQLCompiler, str, tuple[Any, ...]]:
    """A node with its plan, the plan's and the registry's versions and whether it has
    targets, as SQL compiled once by the process (compiling it cost more than running it),
    with the compiler that converts its values as ``values_list`` does."""
    annotated = Node.objects.filter(plan_id=_PLAN_PK, pk=_NODE_PK).annotate(
        has_targets=targets_exist()
    )
    nodes = versions.with_key_version(
        _with_plan_version(annotated), "registry_version", versions.REGISTRY_KEY
    )
    rows = nodes.values_list(
        *_NODE_FIELDS,
        *(f"plan__{name}" for name in _PLAN_FIELDS),
        "has_targets",
        "plan_version",
        "registry_version",
    )
    compiler = rows.query.get_compiler(using=rows.db)
    sql, params = compiler.as_sql()
    return compiler, sql, tuple(params)


def _get_node(plan_pk: int, pk: int) -> Node:
    """The node ``pk`` of the plan ``plan_pk`` with its plan, the plan's version as
    ``plan.cache_version`` and ``node.plan_version``, the registry's as
    ``node.registry_version`` and ``has_targets``: one query."""
    compiler, sql, params = _compiled_node()
    wanted = {_PLAN_PK: plan_pk, _NODE_PK: pk}
    with connections[compiler.using or DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(sql, [wanted.get(p, p) for p in params])
        fetched = cursor.fetchall()
    row = next(iter(compiler.results_iter(results=[fetched], tuple_expected=True)), None)
    if row is None:
        raise Http404
    n, m = len(_NODE_FIELDS), len(_PLAN_FIELDS)
    node = Node.from_db(compiler.using or DEFAULT_DB_ALIAS, _NODE_FIELDS, row[:n])
    plan = Plan.from_db(compiler.using or DEFAULT_DB_ALIAS, _PLAN_FIELDS, row[n : n + m])
    has_targets, plan_version, registry_version = row[n + m :]
    node.has_targets = bool(has_targets)  # type: ignore[attr-defined]
    node.plan_version = plan_version  # type: ignore[attr-defined]
    node.registry_version = registry_version  # type: ignore[attr-defined]
    plan.cache_version = plan_version  # type: ignore[attr-defined]
    node.plan = plan
    return node


def _with_plan_version(nodes: QuerySet[Node]) -> QuerySet[Node]:
    """``nodes`` with their plan's cache version as ``plan_version`` (cchc.core.versions),
    read in the same query."""
    key = Concat(Value(versions.PLAN_PREFIX), Cast(OuterRef("plan_id"), output_field=CharField()))
    return nodes.annotate(
        plan_version=Subquery(CacheVersion.objects.filter(key=key).values("value")[:1])
    )


@login_required
@require_GET
def node_children(request: HttpRequest, plan_pk: int, pk: int) -> HttpResponse:
    """What is beneath an area or objective of a large plan's tree: the fragment the plan page
    asks for when one is opened (cchc.plans.tree_html, lazy subtrees), cached per plan
    version. Any logged-in user reads it, like the tree."""
    plan = _get_plan(plan_pk, with_version=True)
    return HttpResponse(cached_children(plan, pk, lambda: _draw_children(plan, pk)))


def _draw_children(plan: Plan, node_pk: int) -> str:
    try:
        page = selectors.node_page(plan=plan, node_pk=node_pk)
    except Node.DoesNotExist as exc:
        raise Http404 from exc
    if page.item.is_activity:
        raise Http404
    # Only the obligations of the activities beneath the node.
    progress = progress_for(plan, nodes=_flatten([page.item]), subtree=True)
    _attach(page.item.children, progress)
    lazy = is_lazy(sum(1 for _ in page.tree.walk()))
    return render_children(page.item, depth=len(page.ancestors), plan_id=plan.pk, lazy=lazy)


def _group_page(request: HttpRequest, plan: Plan, node: Node) -> HttpResponse:
    """An area, objective or task: what it is, where it sits, what is beneath it."""
    page = selectors.node_page(plan=plan, node_pk=node.pk)
    progress = progress_for(plan, nodes=_flatten(page.tree.roots))
    _attach(page.item.children, progress)
    counts = {"done": 0, "in_progress": 0, "not_started": 0, "no_report": 0}
    for item in page.activities:
        counts[progress_state(progress.activities.get(item.node.pk))] += 1
    return render(
        request,
        "plans/node_group.html",
        {
            "plan": plan,
            "node": node,
            "kind_label": kind_label(node),
            "ancestors": [(a, kind_label(a)) for a in page.ancestors],
            "children": [(c, kind_label(c.node)) for c in page.item.children],
            "activity_count": len(page.activities),
            "counts": counts,
            "node_progress": progress.nodes.get(node.pk),
        },
    )


def progress_state(activity: ActivityProgress | None) -> str:
    """Where an activity stands by the one definition of progress: done; in progress (some
    completion approved); not started (approved reports say 0%); no approved report yet."""
    if activity is None or activity.reported == 0:
        return "no_report"
    if activity.done:
        return "done"
    return "in_progress" if activity.percent > 0 else "not_started"


def kind_label(node: Node) -> Any:
    """What a node is, in the product's words: a top-level section is an area."""
    if node.kind == NodeKind.SECTION and node.parent_id is None:
        return gettext_lazy("Area")
    return node.get_kind_display()


def _draw_tree(plan: Plan) -> CachedTree:
    tree = selectors.plan_tree(plan=plan)
    progress = progress_for(plan, nodes=_flatten(tree.roots))
    _attach(tree.roots, progress)
    lazy = is_lazy(sum(1 for _ in tree.walk()))
    return CachedTree(
        html=render_tree(tree, plan_id=plan.pk, lazy=lazy),
        activity_count=tree.activity_count,
        area_count=len(tree.areas),
        overall=progress.overall,
        done_count=progress.done_count,
    )


def _flatten(items: list[selectors.TreeNode]) -> list[tuple[int, int | None, str]]:
    """The tree's nodes as (id, parent id, kind), which progress needs."""
    flat: list[tuple[int, int | None, str]] = []
    for item in items:
        flat.append((item.node.pk, item.node.parent_id, item.node.kind))
        flat.extend(_flatten(item.children))
    return flat


def _attach(items: list[selectors.TreeNode], progress: PlanProgress) -> None:
    """Put each node's progress on the tree the page draws."""
    for item in items:
        item.progress = progress.nodes.get(item.node.pk)
        activity = progress.activities.get(item.node.pk)
        item.done = activity is not None and activity.done
        _attach(item.children, progress)


# The product's own names of an activity's fields; the document's printed headers ("5-Chủ
# trì") are not shown. Columns the product does not know keep their printed header.
FIELD_LABELS: dict[str, Any] = {
    "objective": gettext_lazy("Objective"),
    "task": gettext_lazy("Task"),
    "title": gettext_lazy("Activity"),
    "outputs": gettext_lazy("Results/outputs"),
    "lead": gettext_lazy("Lead agency"),
    "partners": gettext_lazy("Coordinating agencies"),
    "timeframe": gettext_lazy("Implementation period"),
    "budget": gettext_lazy("Budget (million VND)"),
    "submit_level": gettext_lazy("Submitted to"),
    "notes": gettext_lazy("Notes"),
}


def activity_rows(plan: Plan, ctx: selectors.NodeContext) -> list[dict[str, Any]]:
    """The activity's fields in the order of the document's columns, each under the product's
    label, then any filled field the document has no column for. The objective and task link
    to their pages; the title is the page's heading, not a row."""
    node = ctx.node
    values: dict[str, Any] = {}
    links: dict[str, Node] = {}
    for kind in (NodeKind.OBJECTIVE, NodeKind.TASK):
        ancestor = ctx.ancestor_of_kind(kind)
        if ancestor is not None:
            values[str(kind)] = ancestor.display
            links[str(kind)] = ancestor
    for name in DETAIL_FIELDS:
        values[name] = getattr(node, name)
    extra: dict[str, Any] = dict(node.extra or {})
    rows: list[dict[str, Any]] = []
    shown = {"number", "title"}

    def row(name: str) -> dict[str, Any]:
        return {
            "name": name,
            "label": FIELD_LABELS[name],
            "value": values[name],
            "link": links.get(name),
        }

    for col in selectors.labelled_columns(plan):
        name, label = col["field"], col["label"]
        if not name:
            rows.append({"name": "extra", "label": label, "value": extra.pop(label, "")})
        elif name not in shown and name in values:
            rows.append(row(name))
            shown.add(name)
    for name in ("objective", "task", *DETAIL_FIELDS):
        if name not in shown and values.get(name):
            rows.append(row(name))
    rows.extend({"name": "extra", "label": k, "value": v} for k, v in extra.items())
    return rows


@login_required
@permissions.require_perm("plans.view_planimport")
@require_GET
def import_history(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _get_plan(pk)
    return render(
        request,
        "plans/import_history.html",
        {"plan": plan, "imports": selectors.import_history(plan=plan)},
    )
