"""The secretariat's review list: submitted reports, approved together with one comment;
filtered to one agency, period and reform area (``?agency=ID&year=YYYY&period=KEY&area=ID``,
the status grid's links and the list's own filter form), and back to the same filtered list
after approving."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import permissions
from cchc.agencies.models import Agency
from cchc.core.exports import export_format
from cchc.core.validation import query_int
from cchc.notifications.selectors import WorkQueues, work_queues
from cchc.reporting import exports, selectors
from cchc.reporting.actions import ReportError, bulk_approve
from cchc.reporting.forms import BulkApproveForm
from cchc.reporting.grid import area_choices
from cchc.reporting.models import Report
from cchc.reporting.views import common, list_cache
from cchc.reporting.views.rows_html import CountedPaginator, ReviewRow, ReviewRows, options
from cchc.scheduling import selectors as due
from cchc.scheduling.periods import Period
from cchc.scheduling.workdays import WorkCalendar

_PERIOD_KEY = re.compile(r"^[a-z_]+-\d{1,2}$")
# Reports listed on one page of the review list: what a reviewer reads before approving
# them together (100 were 85 KB on the seed data).
PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class ReviewFilters:
    agency: Agency | None = None
    year: int | None = None
    period: Period | None = None
    area: int | None = None

    def query(self) -> dict[str, str]:
        """The filters as the list's query string."""
        query: dict[str, str] = {}
        if self.agency is not None:
            query["agency"] = str(self.agency.pk)
        if self.period is not None and self.year is not None:
            query["year"] = str(self.year)
            query["period"] = due.period_key(self.period)
        if self.area is not None:
            query["area"] = str(self.area)
        return query


def _reviewer(request: HttpRequest) -> None:
    if not permissions.can_review(request.user):
        permissions.deny(request.user, "review list")


def list_filters(data: QueryDict, *, calendar: WorkCalendar | None = None) -> ReviewFilters:
    """The agency and period asked for; what does not name one is dropped. ``calendar``:
    the page's own (the schedule version read once a page)."""
    agency = None
    agency_id = query_int(data.get("agency"))
    if agency_id is not None:
        agency = Agency.objects.filter(pk=agency_id).first()
    period = None
    year, key = query_int(data.get("year"), low=1901, high=2199), data.get("period", "")
    if key and _PERIOD_KEY.match(key):
        year = year or common.today().year
        period = due.period_by_key(year, key, calendar=calendar or WorkCalendar())
    area = query_int(data.get("area"))
    if area is not None and area not in {pk for pk, _label in area_choices(plan_id=None)}:
        area = None
    return ReviewFilters(agency=agency, year=year if period else None, period=period, area=area)


def _list_url(filters: ReviewFilters) -> str:
    query = filters.query()
    url = reverse("reporting:review")
    return f"{url}?{urlencode(query)}" if query else url


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    fmt = export_format(request)
    if fmt is not None:
        return exports.review_file(_awaiting(list_filters(request.GET)), fmt=fmt)
    # The navigation's queues are read on every page; unfiltered, their "to review" is this
    # list's length (one COUNT less). Given to the template, they are not read twice.
    queues = work_queues(user=request.user)
    # Every reviewer sees the same list (the secretariat): the body depends on the data and
    # the query only.
    return list_cache.cached_page(
        request,
        "reporting/review_list.html",
        (),
        lambda calendar: _context(request, queues, calendar),
        extra={"work_queues": queues},
    )


def _awaiting(filters: ReviewFilters) -> QuerySet[Report]:
    return selectors.awaiting_review(
        agency_id=filters.agency.pk if filters.agency else None,
        period=filters.period,
        area_id=filters.area,
    )


def _context(request: HttpRequest, queues: WorkQueues, calendar: WorkCalendar) -> dict[str, Any]:
    filters = list_filters(request.GET, calendar=calendar)
    awaiting = _awaiting(filters)
    on = common.today()
    year = filters.year or on.year
    rows = awaiting.values_list(*ReviewRow.FIELDS)
    unfiltered = filters.agency is None and filters.period is None and filters.area is None
    if unfiltered and queues.review is not None:
        paginator: Paginator[Any] = CountedPaginator(rows, PAGE_SIZE, count=queues.review)
    else:
        paginator = Paginator(rows, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    reports = ReviewRow.read(page.object_list)
    areas = area_choices(plan_id=None)
    years = [on.year - 1, on.year, on.year + 1]
    periods = [(due.period_key(p), p.label) for p in due.report_periods(year, calendar=calendar)]
    period_key = due.period_key(filters.period) if filters.period else ""
    return {
        "page": page,
        "work_queues": queues,
        "reports": reports,
        "rows_html": ReviewRows().rows(reports),
        "form": BulkApproveForm(auto_id="bulk_%s"),
        "filters": filters,
        "agency_options": options(
            selectors.agencies_awaiting_review(),
            filters.agency.pk if filters.agency else None,
        ),
        "areas": areas,
        "years": years,
        "year": year,
        "periods": periods,
        # The filters' choices, drawn in Python (a template loop each).
        "options": {
            "year": options(((y, y) for y in years), year),
            "period": options(periods, period_key),
            "area": options(areas, filters.area),
        },
        "period_key": period_key,
    }


@login_required
@require_POST
def bulk_approve_view(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    back = _list_url(list_filters(request.POST))
    form = BulkApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the reports to approve."))
        return redirect(back)
    try:
        approved = bulk_approve(
            reports=form.cleaned_data["reports"],
            user=common.actor(request),
            comment=form.cleaned_data["comment"],
        )
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(request, _("%(count)s reports approved.") % {"count": len(approved)})
    return redirect(back)
