"""Reading the registry: the agencies with filters and counts, one agency, the groups."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cchc.accounts import permissions
from cchc.agencies import selectors
from cchc.agencies.forms import AgencyFilterForm, SuccessionForm
from cchc.agencies.models import Agency, AgencyLevel
from cchc.core.exports import export_format, export_response


def can_record_succession(request: HttpRequest) -> bool:
    return request.user.has_perm("agencies.add_succession")


@login_required
@require_GET
def agency_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = AgencyFilterForm(request.GET or None, auto_id="filter_%s")
    filters = form.filters()
    result = selectors.agency_list(filters=filters, today=today)
    fmt = export_format(request)
    if fmt is not None:
        return _agencies_file(result.agencies, fmt=fmt)
    levels = [
        {"value": value, "label": label, "count": result.by_level.get(value, 0)}
        for value, label in AgencyLevel.choices
    ]
    return render(
        request,
        "agencies/agency_list.html",
        {
            "form": form,
            "filters": filters,
            "day": filters.on or today,
            "result": result,
            "levels": levels,
            "unverified_count": selectors.unverified_count(),
        },
    )


def _agencies_file(agencies: list[Agency], *, fmt: str) -> HttpResponse:
    """The agencies listed, with the page's filters, as a file."""
    headers = [
        _("Code"),
        _("Official name"),
        _("Short name"),
        _("Level"),
        _("Valid from"),
        _("Valid until"),
        _("Open assignments"),
    ]
    rows = [
        [
            a.code,
            a.name,
            a.short_name,
            a.get_level_display(),
            a.valid_from,
            a.valid_until,
            getattr(a, "open_count", 0),
        ]
        for a in agencies
    ]
    return export_response(
        fmt=fmt, filename="agencies", title="agencies", headers=headers, rows=rows
    )


def detail_context(
    request: HttpRequest, pk: int, *, form: SuccessionForm | None = None
) -> dict[str, Any]:
    """What the agency page shows; ``form`` is a succession form with errors to show."""
    try:
        detail = selectors.agency_detail(pk=pk)
    except Agency.DoesNotExist as exc:
        raise Http404 from exc
    today = timezone.localdate()
    can_record = can_record_succession(request)
    if form is None and can_record:
        form = SuccessionForm(predecessor=detail.agency, today=today, auto_id="succession_%s")
    return {
        "agency": detail.agency,
        "detail": detail,
        "today": today,
        "ended": detail.agency.valid_until is not None and detail.agency.valid_until < today,
        "can_record_succession": can_record,
        "succession_form": form,
        "can_edit_contacts": permissions.can_manage_members(request.user),
    }


@login_required
@require_GET
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = detail_context(request, pk)
    if context["can_record_succession"] and "on" in request.GET:
        # The date changed in the succession form: offer the agencies valid on it.
        context["succession_form"] = SuccessionForm(
            predecessor=context["agency"],
            today=context["today"],
            day=request.GET["on"],
            auto_id="succession_%s",
        )
    return render(request, "agencies/agency_detail.html", context)


@login_required
@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "agencies/group_list.html",
        {"groups": selectors.group_list(on=today), "today": today},
    )
