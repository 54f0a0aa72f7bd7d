"""Reading plans: the list, a plan's tree with search and filters, an activity, the history."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from cchc.accounts import permissions
from cchc.agencies import selectors as agency_selectors
from cchc.plans import selectors
from cchc.plans.forms import ActivitySearchForm
from cchc.plans.models import Node, NodeKind, Plan
from cchc.reporting.progress import PlanProgress, activity_progress, progress_for

# Search results shown at once; the list says when more matched.
RESULT_LIMIT = 200

# The fields of a node the activity page shows, in the order of a printed plan row.
DETAIL_FIELDS = ("outputs", "lead", "partners", "timeframe", "budget", "submit_level", "notes")


def _get_plan(pk: int) -> Plan:
    """The one place that decides which plan a logged-in user may read: any of them (the plan,
    its tree, its activities and their overall progress are the province's shared text; its
    obligations, reports and statuses per agency are not shown here)."""
    return get_object_or_404(Plan, pk=pk)


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
    plan = _get_plan(pk)
    form = ActivitySearchForm(
        request.GET or None, choices=selectors.filter_choices(plan=plan), auto_id="search_%s"
    )
    filters = form.filters()
    context: dict[str, Any] = {"plan": plan, "form": form, "filters": filters}
    if filters.active:
        results = list(selectors.search_activities(plan=plan, filters=filters)[: RESULT_LIMIT + 1])
        context["results"] = results[:RESULT_LIMIT]
        context["truncated"] = len(results) > RESULT_LIMIT
    else:
        context["tree"] = tree = selectors.plan_tree(plan=plan)
        context["progress"] = progress = progress_for(plan, nodes=_flatten(tree.roots))
        _attach(tree.roots, progress)
    if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"):
        return render(request, "plans/_results.html", context)
    context["latest_import"] = selectors.import_history(plan=plan).first()
    context["can_import"] = _can_import(request)
    context["ended_agencies"] = agency_selectors.ended_agencies_in_plan(
        plan_id=plan.pk, today=timezone.localdate()
    )
    context["can_transfer"] = request.user.has_perm("agencies.change_assignment")
    return render(request, "plans/plan_detail.html", context)


@login_required
@require_GET
def node_detail(request: HttpRequest, plan_pk: int, pk: int) -> HttpResponse:
    plan = _get_plan(plan_pk)
    try:
        ctx = selectors.node_context(plan=plan, node_pk=pk)
    except Node.DoesNotExist as exc:
        raise Http404 from exc
    rows = activity_rows(plan, ctx)
    today = timezone.localdate()
    if ctx.node.kind == NodeKind.ACTIVITY:
        activity = activity_progress(ctx.node.pk)
        node_progress: float | None = activity.percent
    else:
        activity = None
        node_progress = progress_for(plan).nodes.get(ctx.node.pk)
    assignments = agency_selectors.activity_assignments(activity_id=ctx.node.pk, today=today)
    return render(
        request,
        "plans/node_detail.html",
        {
            "plan": plan,
            "node": ctx.node,
            "sections": ctx.sections,
            "ancestors": ctx.ancestors,
            "number_label": _label(plan, "number"),
            "rows": rows,
            "today": today,
            "assignments": assignments,
            "assignment_blocks": [
                (gettext_lazy("Lead"), assignments.lead, "lead"),
                (gettext_lazy("Coordinating"), assignments.partners, "partner"),
                (gettext_lazy("Ended"), assignments.ended, "ended"),
            ],
            "history": assignments.history,
            "activity_progress": activity,
            "node_progress": node_progress,
        },
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


def activity_rows(plan: Plan, ctx: selectors.NodeContext) -> list[dict[str, Any]]:
    """The node's fields as the document printed them: its columns in order, each with its
    printed label, then any filled field the document has no column for."""
    node = ctx.node
    values: dict[str, str] = {"title": node.title}
    for kind in (NodeKind.OBJECTIVE, NodeKind.TASK):
        ancestor = ctx.ancestor_of_kind(kind)
        if ancestor is not None:
            values[str(kind)] = ancestor.title
    for name in DETAIL_FIELDS:
        values[name] = getattr(node, name)
    extra: dict[str, Any] = dict(node.extra or {})
    rows: list[dict[str, Any]] = []
    shown = {"number"}
    for col in selectors.labelled_columns(plan):
        name, label = col["field"], col["label"]
        if not name:
            rows.append({"name": "extra", "label": label, "value": extra.pop(label, "")})
        elif name not in shown and name in values:
            rows.append({"name": name, "label": label, "value": values[name]})
            shown.add(name)
    for name in ("objective", "task", "title", *DETAIL_FIELDS):
        if name not in shown and values.get(name):
            rows.append({"name": name, "label": _label(plan, name), "value": values[name]})
    rows.extend({"name": "extra", "label": k, "value": v} for k, v in extra.items())
    return rows


def _label(plan: Plan, name: str) -> Any:
    """The document's printed header for a field, else the field's own name."""
    label = selectors.column_label(plan, name)
    if label is not None:
        return label
    if name in NodeKind.values:
        return NodeKind(name).label
    field = Node._meta.get_field(name)
    return getattr(field, "verbose_name", name)


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
