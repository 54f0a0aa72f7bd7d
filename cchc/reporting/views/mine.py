"""A focal point's "my reports": their agencies' obligations still to write, overdue first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cchc.accounts import permissions
from cchc.reporting import selectors
from cchc.reporting.views import common
from cchc.scheduling.workdays import WorkCalendar

PAGE_SIZE = 100


@login_required
@require_GET
def my_reports(request: HttpRequest) -> HttpResponse:
    on = common.today()
    headed = permissions.agencies_headed_by(request.user)
    qs = selectors.my_obligations(user=request.user, on=on)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.my_rows(list(page.object_list), on=on, calendar=WorkCalendar())
    context = {
        "page": page,
        "rows": rows,
        "on": on,
        "can_review": permissions.can_review(request.user),
        "heads": bool(headed),
        "awaiting_sign_off": (
            selectors.awaiting_sign_off(agency_ids=headed).count() if headed else 0
        ),
    }
    return render(request, "reporting/my_reports.html", context)
