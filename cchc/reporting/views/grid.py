"""The secretariat's status grid of one reporting period ("Tình hình báo cáo"): agencies ×
categories (``cchc.reporting.grid``), the obligations behind a count, and reminders to the
agencies chosen on it. The secretariat, leaders and administrators read it; only the
secretariat reminds and reviews from it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import permissions
from cchc.core.exports import export_format
from cchc.core.validation import query_int
from cchc.reporting import exports
from cchc.reporting import grid as selectors
from cchc.reporting.forms import GridFilterForm, GridRemindForm
from cchc.reporting.views import common, list_cache
from cchc.reporting.views.rows_html import GridRows, ListedRows
from cchc.scheduling import selectors as due
from cchc.scheduling.periods import Period
from cchc.scheduling.reminders import send_manual_reminders
from cchc.scheduling.workdays import WorkCalendar

# Obligations listed on one page under the grid.
PAGE_SIZE = 100


def _reader(request: HttpRequest) -> None:
    if not permissions.sees_everything(request.user):
        permissions.deny(request.user, "status grid")


def _int(raw: str | None) -> int | None:
    return query_int(raw)


def _listing(
    request: HttpRequest, grid: selectors.Grid, agency_id: int | None, kind: str
) -> dict[str, Any]:
    """The obligations behind one count of the grid, a page of them."""
    ids = grid.ids(agency_id=agency_id, kind=kind)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.listed(grid=grid, ids=list(page.object_list))
    names = {row.agency_id: row.name for row in grid.rows}
    labels: dict[str, str] = {
        **{c.value: str(c.label) for c in selectors.Category},
        selectors.ALL: _("All reports"),
        selectors.APPROVED: _("Approved"),
    }
    return {
        "listing": True,
        "list_page": page,
        "list_rows": rows,
        "list_rows_html": ListedRows().rows(rows),
        "list_agency": names.get(agency_id) if agency_id is not None else None,
        "list_label": labels[kind],
    }


def _count_query(request: HttpRequest) -> str:
    """The start of every count's link: the grid's query without the listing's keys, ready
    for ``agency=…&category=…`` (one encoding per page, not one ``{% querystring %}`` per
    cell: 7 per agency)."""
    query = request.GET.copy()
    for key in ("agency", "category", "page"):
        query.pop(key, None)
    encoded = query.urlencode()
    return f"?{encoded}&" if encoded else "?"


@login_required
@require_GET
def status_grid(request: HttpRequest) -> HttpResponse:
    _reader(request)
    can_remind = permissions.is_secretariat(request.user)
    can_review = permissions.can_review(request.user)
    if export_format(request) is not None:
        response: HttpResponse = _page(
            request, can_remind=can_remind, can_review=can_review, export=True
        )
        return response
    # The body shows the remind form and the review links to whom may use them.
    return list_cache.cached_page(
        request,
        "reporting/grid.html",
        (can_remind, can_review),
        lambda calendar: _page(
            request, can_remind=can_remind, can_review=can_review, calendar=calendar
        ),
    )


def _page(
    request: HttpRequest,
    *,
    can_remind: bool,
    can_review: bool,
    export: bool = False,
    calendar: WorkCalendar | None = None,
) -> Any:
    """The body's context (the file asked for with ``export``)."""
    on = common.today()
    calendar = calendar or WorkCalendar()
    years = due.obligation_years(on=on)
    year, periods, period = due.choose_period(
        year=request.GET.get("year"),
        period=request.GET.get("period"),
        years=years,
        on=on,
        calendar=calendar,
    )
    plans = due.plan_choices()
    plan_id = _int(request.GET.get("plan"))
    plan_id = plan_id if plan_id in {pk for pk, _label in plans} else None
    data = request.GET.copy()
    data["year"] = str(year)
    data["period"] = due.period_key(period) if period else ""
    form = GridFilterForm(
        data,
        years=years,
        periods=[(due.period_key(p), p.label) for p in periods],
        plans=plans,
        areas=selectors.area_choices(plan_id=plan_id),
        auto_id="grid_%s",
    )
    filters = form.filters()
    context: dict[str, Any] = {
        "form": form,
        "period": period,
        "year": year,
        "period_key": data["period"],
        "on": on,
        "sort": filters.sort,
        "categories": list(selectors.Category),
        "can_remind": can_remind,
        "can_review": can_review,
    }
    if period is not None:
        grid = selectors.status_grid(period=period, on=on, filters=filters)
        fmt = export_format(request)
        if export and fmt is not None:
            return exports.grid_file(grid, fmt=fmt, name=f"{year}-{data['period']}")
        context["grid"] = grid
        context["count_query"] = _count_query(request)
        context["rows_html"] = GridRows(
            count_query=context["count_query"],
            can_remind=context["can_remind"],
            can_review=context["can_review"],
            year=year,
            period_key=context["period_key"],
        ).rows(grid.rows)
        kind = request.GET.get("category", "")
        if kind in selectors.LISTS:
            agency_id = _int(request.GET.get("agency"))
            context.update(_listing(request, grid, agency_id, kind))
    return context


def _back(request: HttpRequest) -> HttpResponse:
    """To the grid the button was on, if it is one of ours; else to the grid."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("reporting:grid")
    return redirect(target)


def _posted_period(data: QueryDict) -> Period | None:
    """The period the grid showed, exactly (never a default one)."""
    year = query_int(data.get("year"))
    if year is None:
        return None
    return due.period_by_key(year, data.get("period", ""), calendar=WorkCalendar())


@login_required
@require_POST
def grid_remind(request: HttpRequest) -> HttpResponse:
    """Remind the chosen agencies of their lead reports of the period not yet sent."""
    if not permissions.is_secretariat(request.user):
        permissions.deny(request.user, "remind from the grid")
    form = GridRemindForm(request.POST)
    period = _posted_period(request.POST)
    if not form.is_valid() or period is None:
        errors = form.errors.get("agencies") or [_("Choose a reporting period.")]
        messages.error(request, " ".join(str(e) for e in errors))
        return _back(request)
    obligations = selectors.unsent_obligations(
        period=period, agency_ids=[a.pk for a in form.cleaned_data["agencies"]]
    )
    result = send_manual_reminders(
        obligations=obligations, on=common.today(), by=common.actor(request)
    )
    if not (result.sent or result.skipped or result.no_contact):
        messages.info(request, _("Nothing to remind: the chosen agencies sent all their reports."))
    else:
        messages.success(
            request,
            _(
                "Reminders: %(sent)s sent, %(skipped)s already sent today, %(no_contact)s not "
                "sent because the agency has no contact."
            )
            % {"sent": result.sent, "skipped": result.skipped, "no_contact": result.no_contact},
        )
    return _back(request)
