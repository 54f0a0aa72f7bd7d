"""The working-day calendar of a year: the entries in force with their legal basis, where
the ``holidays`` package differs, and (for the secretariat) a form to set an entry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cchc.accounts import permissions
from cchc.scheduling.actions import set_calendar_day
from cchc.scheduling.calendar_data import package_diff
from cchc.scheduling.forms import CalendarDayEditForm
from cchc.scheduling.models import CalendarDayChange
from cchc.scheduling.views import common
from cchc.scheduling.workdays import WorkCalendar


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return common.today().year
    return year if 2000 <= year <= 2100 else common.today().year


@login_required
@permissions.require_perm("scheduling.view_calendarday")
@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest) -> HttpResponse:
    can_edit = request.user.has_perm("scheduling.change_calendarday")
    year = _year(request)
    form = CalendarDayEditForm()
    if request.method == "POST":
        if not can_edit:
            permissions.deny(request.user, "scheduling.change_calendarday")
        form = CalendarDayEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                set_calendar_day(
                    day=data["date"],
                    kind=data["kind"],
                    name=data["name"],
                    scope=data["scope"],
                    basis_number=data["basis_number"],
                    basis_date=data["basis_date"],
                    basis_issuer=data["basis_issuer"],
                    basis_url=data["basis_url"],
                    confirmed=data["confirmed"],
                    missing=data["missing"],
                    user=request.user if request.user.is_authenticated else None,
                    reason=data["reason"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request, _("Calendar entry for %(date)s saved.") % {"date": data["date"]}
                )
                return redirect(f"{reverse('scheduling:calendar')}?year={data['date'].year}")
    work = WorkCalendar()
    days = work.days_off(year)
    entries = work.province_days(year)
    rows = [(d, entries.get(d.day)) for d in days]
    history = CalendarDayChange.objects.filter(date__year=year).select_related("actor")
    return render(
        request,
        "scheduling/calendar.html",
        {
            "year": year,
            "years": range(2021, common.today().year + 2),
            "rows": rows,
            "announced": work.announced(year),
            "differences": package_diff(year, work),
            "history": history.order_by("-at", "-pk")[:30],
            "form": form,
            "can_edit": can_edit,
        },
    )
