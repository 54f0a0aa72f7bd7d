"""Mapping the lead/partner texts of a plan that resolve to no agency or group: each is
remembered (``map_text``) and the plan's assignments follow (``sync_plan_assignments``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cchc.accounts import permissions
from cchc.agencies import actions, selectors
from cchc.agencies.forms import MapTextForm
from cchc.agencies.models import AgencyGroup
from cchc.core.validation import query_int
from cchc.plans.models import Plan


def _plan_day(plan: Plan) -> dt.date:
    """The date a plan's texts are read on: the day it was issued (as the import does)."""
    return plan.issued_on or timezone.localdate()


def _map_form(plan: Plan, data: Any = None) -> MapTextForm:
    return MapTextForm(
        data,
        agencies=list(selectors.agencies_valid_on(_plan_day(plan))),
        groups=list(AgencyGroup.objects.order_by("name", "pk")),
    )


def _selected_plan(request: HttpRequest) -> Plan | None:
    raw = request.POST.get("plan") if request.method == "POST" else request.GET.get("plan")
    plan_id = query_int(raw)
    if plan_id is None:
        return None
    return get_object_or_404(Plan, pk=plan_id)


@login_required
@permissions.require_perm("agencies.add_agencyalias")
@require_http_methods(["GET", "POST"])
def mapping(request: HttpRequest) -> HttpResponse:
    plan = _selected_plan(request)
    context: dict[str, Any] = {
        "plans": Plan.objects.order_by("-issued_on", "title", "pk").only(
            "id", "number", "title", "issued_on"
        ),
        "plan": plan,
    }
    if plan is None:
        return render(request, "agencies/mapping.html", context)
    form = _map_form(plan, request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        if form.is_valid():
            agency, group = form.chosen()
            user = request.user if request.user.is_authenticated else None
            try:
                actions.map_text(
                    text=form.cleaned_data["text"], agency=agency, group=group, user=user
                )
            except actions.AgencyError as exc:
                form.add_error("target", str(exc))
            else:
                synced = actions.sync_plan_assignments(plan_id=plan.pk, user=user)
                messages.success(
                    request,
                    _(
                        "“%(text)s” now means %(target)s, for this plan and every later "
                        "import. Assignments: %(created)s created, %(ended)s ended."
                    )
                    % {
                        "text": form.cleaned_data["text"],
                        "target": agency or group,
                        "created": synced.created,
                        "ended": synced.ended,
                    },
                )
                return redirect(f"{reverse('agencies:mapping')}?plan={plan.pk}")
        context["failed_text"] = form.data.get("text", "")
        context["failed_target"] = form.data.get("target", "")
        context["failed_errors"] = [e for errors in form.errors.values() for e in errors]
        status = 400
    context["day"] = _plan_day(plan)
    context["fragments"] = selectors.unresolved_fragments(plan_id=plan.pk, on=context["day"])
    context["option_groups"] = form.option_groups
    return render(request, "agencies/mapping.html", context, status=status)
