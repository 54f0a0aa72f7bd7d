"""The home page (``/``): the user's work, by role, not a list of plans; a leader (holding
no other role) lands on the province overview of the dashboards. The plans stay one
link away (``/plans/``) and are listed at the bottom; a user without a role sees them with a
line saying so."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from cchc.accounts import permissions
from cchc.accounts.models import Role
from cchc.notifications import home as reads
from cchc.plans.selectors import plan_list
from cchc.reporting.views import common
from cchc.scheduling import selectors as due
from cchc.scheduling.workdays import WorkCalendar

# Plans listed at the bottom of a home page with work on it.
PLANS_SHOWN = 5


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    on = common.today()
    roles = {role for _agency, role in permissions.memberships_of(user)}
    if roles == {Role.LEADER}:
        # A leader's home is the province overview (``cchc.dashboards``).
        return redirect("dashboards:overview")
    calendar = WorkCalendar()
    context: dict[str, Any] = {"on": on, "roles": roles}
    if roles & {Role.FOCAL_POINT, Role.HEAD}:
        context["work"] = work = reads.agency_work(user=user, on=on, calendar=calendar)
        context["work_period_key"] = due.period_key(work.period) if work.period else ""
        context["files"] = Role.FOCAL_POINT in roles
        context["heads"] = Role.HEAD in roles
    if permissions.is_secretariat(user) or permissions.is_leader(user):
        context["province"] = reads.province_summary(on=on, calendar=calendar)
        context["secretariat"] = permissions.is_secretariat(user)
        context["leader"] = permissions.is_leader(user)
    has_work = any(k in context for k in ("work", "province"))
    plans = list(plan_list()[: PLANS_SHOWN + 1] if has_work else plan_list())
    context["plans"] = plans[:PLANS_SHOWN] if has_work else plans
    context["more_plans"] = has_work and len(plans) > PLANS_SHOWN
    context["no_role"] = not roles
    context["administrator"] = permissions.is_administrator(user)
    return render(request, "notifications/home.html", context)
