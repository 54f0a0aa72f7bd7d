"""The secretariat's review list: submitted reports, approved together with one comment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import permissions
from cchc.reporting import selectors
from cchc.reporting.actions import ReportError, bulk_approve
from cchc.reporting.forms import BulkApproveForm
from cchc.reporting.views import common


def _reviewer(request: HttpRequest) -> None:
    if not permissions.can_review(request.user):
        raise PermissionDenied


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    reports = list(selectors.awaiting_review())
    return render(
        request,
        "reporting/review_list.html",
        {"reports": reports, "form": BulkApproveForm(auto_id="bulk_%s")},
    )


@login_required
@require_POST
def bulk_approve_view(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    form = BulkApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the reports to approve."))
        return redirect("reporting:review")
    try:
        approved = bulk_approve(
            reports=form.cleaned_data["reports"],
            user=common.actor(request),
            comment=form.cleaned_data["comment"],
        )
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect("reporting:review")
    messages.success(request, _("%(count)s reports approved.") % {"count": len(approved)})
    return redirect("reporting:review")
