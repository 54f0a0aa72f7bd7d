"""What is due: the secretariat's view of one reporting period (for those who see every
agency), and one agency's view across periods (for that agency's members, and those who see
everything). Reads only; the buttons post to ``commands``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cchc.accounts import permissions
from cchc.agencies.models import Agency
from cchc.core.exports import Cell, export_format, export_response
from cchc.scheduling import selectors
from cchc.scheduling.forms import DueFilterForm, GenerateForm, PeriodDueForm
from cchc.scheduling.models import Obligation
from cchc.scheduling.views import common
from cchc.scheduling.workdays import WorkCalendar

# Obligations shown on one page of a list.
PAGE_SIZE = 100


def _page(
    request: HttpRequest, qs: QuerySet[Obligation], *, on: dt.date, calendar: WorkCalendar
) -> dict[str, Any]:
    page = Paginator(selectors.with_row_fields(qs), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.due_rows(list(page.object_list), on=on, calendar=calendar)
    return {"page": page, "rows": rows}


def _due_file(rows: list[selectors.DueRow], *, fmt: str) -> HttpResponse:
    """ "Việc cần báo cáo" as a file: every row of the filters, not one page."""
    headers = [
        _("No."),
        _("Activity"),
        _("Agency"),
        _("Role"),
        _("Period"),
        _("Deadline"),
        _("Status"),
        _("Working days overdue"),
    ]
    cells: list[Sequence[Cell]] = [
        [
            r.obligation.activity.number,
            r.obligation.activity.title,
            r.obligation.agency.name,
            r.role_label,
            r.obligation.period_label,
            r.obligation.deadline,
            r.status_label,
            r.overdue_days,
        ]
        for r in rows
    ]
    return export_response(
        fmt=fmt, filename="reports-due", title="reports-due", headers=headers, rows=cells
    )


def _own_agencies(request: HttpRequest) -> HttpResponse:
    """What a member of some agencies gets for the province-wide page: their first agency's
    view (the others are linked from it); with no agency, 403."""
    mine = sorted(permissions.agencies_of(request.user))
    if not mine:
        permissions.deny(request.user, "province-wide due list")
    return redirect("scheduling:agency_due", pk=mine[0])


@login_required
@require_GET
def due(request: HttpRequest) -> HttpResponse:
    if not permissions.sees_everything(request.user):
        return _own_agencies(request)
    on = common.today()
    calendar = WorkCalendar()
    years = selectors.obligation_years(on=on)
    year, periods, period = selectors.choose_period(
        year=request.GET.get("year"),
        period=request.GET.get("period"),
        years=years,
        on=on,
        calendar=calendar,
    )
    plans = selectors.plan_choices()
    data = request.GET.copy()
    data["year"] = str(year)
    data["period"] = selectors.period_key(period) if period else ""
    form = PeriodDueForm(
        data,
        years=years,
        periods=[(selectors.period_key(p), p.display_label) for p in periods],
        agencies=selectors.agency_choices(period=period),
        plans=plans,
        auto_id="due_%s",
    )
    filters = form.filters()
    sort = form.cleaned("sort") or "-overdue"
    context: dict[str, Any] = {"form": form, "period": period, "on": on, "sort": sort}
    if period is not None:
        base = selectors.obligations(on=on, filters=filters, period=period, with_status=False)
        context["status_counts"] = selectors.status_counts(base)
        context["agency_counts"] = selectors.agency_counts(
            selectors.obligations(
                on=on,
                filters=selectors.DueFilters(role=filters.role, plan=filters.plan),
                period=period,
            ),
            sort=sort,
        )
        qs = selectors.obligations(on=on, filters=filters, period=period)
        fmt = export_format(request)
        if fmt is not None:
            rows = selectors.due_rows(list(selectors.with_row_fields(qs)), on=on, calendar=calendar)
            return _due_file(rows, fmt=fmt)
        context.update(_page(request, qs, on=on, calendar=calendar))
        run = selectors.last_generation(period=period, plan_id=filters.plan)
        context["generation"] = run
        context["kept_unexpected"] = selectors.kept_unexpected(run=run, period=period)
    if request.user.has_perm("scheduling.change_obligation"):
        context["generate_form"] = GenerateForm(
            initial={
                "plan": filters.plan or (plans[0][0] if plans else None),
                "since": dt.date(year, 1, 1),
                "until": dt.date(year, 12, 31),
            },
            auto_id="generate_%s",
        )
    context["can_remind"] = request.user.has_perm("scheduling.add_reminder")
    return render(request, "scheduling/due.html", context)


@login_required
@require_GET
def agency_due(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_see_agency(request.user, pk):
        permissions.deny(request.user, "agency's due list", hide=True)
    agency = get_object_or_404(Agency, pk=pk)
    on = common.today()
    form = DueFilterForm(request.GET or None, plans=selectors.plan_choices(), auto_id="due_%s")
    filters = form.filters()
    base = selectors.obligations(on=on, filters=filters, agency_id=agency.pk, with_status=False)
    qs = selectors.obligations(on=on, filters=filters, agency_id=agency.pk)
    mine = permissions.agencies_of(request.user)
    context: dict[str, Any] = {
        "agency": agency,
        "other_agencies": (
            Agency.objects.filter(pk__in=mine - {agency.pk}).order_by("name")
            if len(mine) > 1 and not permissions.sees_everything(request.user)
            else []
        ),
        "form": form,
        "on": on,
        "status_counts": selectors.status_counts(base),
        **_page(request, qs, on=on, calendar=WorkCalendar()),
    }
    return render(request, "scheduling/agency_due.html", context)
