"""A plan's progress: every node's, from the one definition (``cchc.reporting.progress``),
readable by every logged-in user, as the plan pages are."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from cchc.api.errors import answers
from cchc.plans.models import Node, NodeKind, Plan
from cchc.reporting.progress import progress_for

router = Router(tags=["progress"])


class NodeProgressOut(Schema):
    id: int
    parent_id: int | None
    kind: str
    number: str
    title: str
    progress: float  # 0–100
    # Activities only: done (every lead's latest approved report says done, with evidence),
    # lead agencies, and those with an approved report.
    done: bool | None = None
    leads: int | None = None
    reported: int | None = None


class PlanProgressOut(Schema):
    plan_id: int
    progress: float
    activities: int
    done: int
    nodes: list[NodeProgressOut]


@router.get("/{int:plan_id}/progress", response=answers({200: PlanProgressOut}))
def plan_progress(request: HttpRequest, plan_id: int) -> PlanProgressOut:
    """Every node with activities beneath it, in document order, with its progress."""
    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        raise Http404(_("No such plan."))
    nodes = list(
        Node.objects.filter(plan=plan)
        .in_document_order()
        .only("id", "parent_id", "kind", "number", "title")
    )
    progress = progress_for(plan, nodes=[(n.pk, n.parent_id, n.kind) for n in nodes])
    out: list[NodeProgressOut] = []
    for node in nodes:
        if node.pk not in progress.nodes:
            continue
        activity = progress.activities.get(node.pk) if node.kind == NodeKind.ACTIVITY else None
        out.append(
            NodeProgressOut(
                id=node.pk,
                parent_id=node.parent_id,
                kind=node.kind,
                number=node.number,
                title=node.title,
                progress=progress.nodes[node.pk],
                done=activity.done if activity else None,
                leads=activity.leads if activity else None,
                reported=activity.reported if activity else None,
            )
        )
    return PlanProgressOut(
        plan_id=plan.pk,
        progress=progress.overall,
        activities=len(progress.activities),
        done=progress.done_count,
        nodes=out,
    )
