"""A focal point's "my reports": their agencies' obligations still to write, returned first,
then overdue; narrowed by state, agency, period and reform area
(``?state=returned&agency=ID&year=YYYY&period=KEY&area=ID``, read with
``cchc.core.validation``; what names nothing is dropped)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from cchc.accounts import permissions
from cchc.agencies.models import Agency
from cchc.core.exports import export_format
from cchc.core.validation import query_int
from cchc.reporting import exports, selectors
from cchc.reporting.grid import area_choices
from cchc.reporting.views import common, list_cache
from cchc.reporting.views.rows_html import CountedPaginator, MineItem, MineRows, options
from cchc.scheduling import selectors as due
from cchc.scheduling.workdays import WorkCalendar

# Rows on one page: the returned and overdue reports come first; 50 rows is what a focal
# point reads at once (100 were 92 KB on the seed data).
PAGE_SIZE = 50
_PERIOD_KEY = re.compile(r"^[a-z_]+-\d{1,2}$")
STATE_LABELS = {
    "returned": _("Returned for changes"),
    "late": _("Overdue, not submitted"),
    "open": _("To write, within the deadline"),
    "draft": _("Draft"),
    "awaiting_sign_off": _("Awaiting the head's sign-off"),
    "not_started": _("Not started"),
}


@login_required
@require_GET
def my_reports(request: HttpRequest) -> HttpResponse:
    headed = permissions.agencies_headed_by(request.user)
    mine = permissions.agencies_of(request.user)
    if export_format(request) is not None:
        response: HttpResponse = _context(request, headed=headed, mine=mine, export=True)
        return response
    can_review = permissions.can_review(request.user)
    # The body shows the user's agencies, the ones they head, and a link if they review.
    parts = (tuple(sorted(mine)), tuple(sorted(headed)), can_review)
    return list_cache.cached_page(
        request,
        "reporting/my_reports.html",
        parts,
        lambda calendar: _context(
            request, headed=headed, mine=mine, can_review=can_review, calendar=calendar
        ),
    )


def _context(
    request: HttpRequest,
    *,
    headed: set[int],
    mine: set[int],
    can_review: bool = False,
    export: bool = False,
    calendar: WorkCalendar | None = None,
) -> Any:
    """The body's context (the file asked for with ``export``)."""
    on = common.today()
    calendar = calendar or WorkCalendar()
    state = request.GET.get("state", "")
    state = state if state in selectors.MY_STATES else ""
    agency_id = query_int(request.GET.get("agency"))
    agency_id = agency_id if agency_id in mine else None
    year = query_int(request.GET.get("year"), low=1901, high=2199)
    key = request.GET.get("period", "")
    period = None
    if year is not None and _PERIOD_KEY.match(key):
        period = due.period_by_key(year, key, calendar=calendar)
    areas = area_choices(plan_id=None)
    area_id = query_int(request.GET.get("area"))
    area_id = area_id if area_id in {pk for pk, _label in areas} else None
    qs = selectors.my_obligations(
        user=request.user, on=on, state=state, agency_id=agency_id, period=period, area_id=area_id
    )
    fmt = export_format(request)
    if export and fmt is not None:
        return exports.mine_file(selectors.my_rows(list(qs), on=on, calendar=calendar), fmt=fmt)
    counts = selectors.my_counts(qs)
    values = qs.values_list(*MineItem.FIELDS)
    page = CountedPaginator(values, PAGE_SIZE, count=counts["total"]).get_page(
        request.GET.get("page")
    )
    rows = MineItem.read(page.object_list, on=on, calendar=calendar)
    years = [on.year - 1, on.year, on.year + 1]
    filters = {
        "state": state,
        "agency": agency_id,
        "year": year if period else None,
        "period": due.period_key(period) if period else "",
        "area": area_id,
    }
    states = list(STATE_LABELS.items())
    agencies = (
        list(Agency.objects.filter(pk__in=mine).order_by("name").values_list("pk", "name"))
        if len(mine) > 1
        else []
    )
    periods = [
        (due.period_key(p), p.label) for p in due.report_periods(year or on.year, calendar=calendar)
    ]
    context = {
        "page": page,
        "rows": rows,
        "rows_html": MineRows().rows(rows),
        "counts": [
            (key, STATE_LABELS[key], counts[key])
            for key in ("returned", "late", "open")
            if counts[key]
        ],
        "on": on,
        "can_review": can_review,
        "heads": bool(headed),
        "awaiting_sign_off": (
            selectors.awaiting_sign_off(agency_ids=headed).count() if headed else 0
        ),
        "filters": filters,
        "filtered": bool(state or agency_id or period or area_id),
        "areas": areas,
        "states": states,
        "agencies": agencies,
        "years": years,
        "periods": periods,
        # The filters' choices, drawn in Python (a template loop each).
        "options": {
            "state": options(states, state),
            "agency": options(agencies, agency_id),
            "year": options(((y, y) for y in years), filters["year"] or on.year),
            "period": options(periods, filters["period"]),
            "area": options(areas, area_id),
        },
    }
    return context
