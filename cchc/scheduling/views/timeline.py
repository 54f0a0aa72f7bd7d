"""A plan's activities on its years: one bar per activity, grouped by area."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from cchc.plans.models import Plan
from cchc.scheduling import selectors
from cchc.scheduling.views import common


@login_required
@require_GET
def plan_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    timeline = selectors.plan_timeline(plan=plan, on=common.today())
    return render(request, "scheduling/timeline.html", {"plan": plan, "timeline": timeline})
