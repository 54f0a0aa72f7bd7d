"""The indicator pages: the catalogue, an indicator (definition, chart, targets, values), the
secretariat's review of proposed targets, "Chỉ tiêu chậm tiến độ", the value import and its
templates. Thin: parse, ask ``cchc.accounts.permissions``, call a selector or an action."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cchc.accounts import permissions
from cchc.core.exports import export_format
from cchc.core.validation import query_int
from cchc.indicators import exports, selectors
from cchc.indicators.actions import IndicatorError, confirm_target, edit_target, reject_target
from cchc.indicators.forms import MeasurementImportForm, ReasonForm, TargetEditForm
from cchc.indicators.measurement_import import (
    ImportRefused,
    import_measurements,
    template_csv,
    template_xlsx,
)
from cchc.indicators.models import Comparator, Indicator, Target, TargetState, Unit


def today() -> dt.date:
    """The day the pages judge statuses on (tests set it here)."""
    return timezone.localdate()


def _actor(request: HttpRequest) -> AbstractBaseUser | None:
    user = request.user
    return user if isinstance(user, AbstractBaseUser) else None


@login_required
@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    fmt = export_format(request)
    if fmt is not None:
        return exports.indicators_file(selectors.indicator_list(), fmt=fmt)
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "indicators": selectors.indicator_list(),
            "can_manage": permissions.can_manage_targets(request.user),
            "can_see_behind": permissions.can_see_targets_behind(request.user),
        },
    )


@login_required
@require_GET
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    page = selectors.indicator_page(code=code, on=today())
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "page": page,
            "indicator": page.indicator,
            "chart": selectors.chart_data(page),
            "today": today(),
            "can_manage": permissions.can_manage_targets(request.user),
        },
    )


@login_required
@require_GET
def template_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code)
    if fmt == "xlsx":
        response = HttpResponse(
            template_xlsx(indicator),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(template_csv(indicator), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{indicator.code}-mau.{fmt}"'
    return response


@login_required
@require_GET
def review(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_targets(request.user):
        permissions.deny(request.user, "review targets")
    area = query_int(request.GET.get("area"))
    state = request.GET.get("state", TargetState.PROPOSED)
    if state not in TargetState.values:
        state = TargetState.PROPOSED
    targets = selectors.review_queue(area_id=area, state=state)
    indicators = list(Indicator.objects.order_by("code").values_list("code", "name"))
    return render(
        request,
        "indicators/review.html",
        {
            "targets": targets,
            "areas": selectors.areas_with_targets(),
            "area": area,
            "state": state,
            "states": TargetState.choices,
            "indicators": indicators,
            "comparators": Comparator.choices,
            "units": Unit.choices,
        },
    )


def _managed_target(request: HttpRequest, pk: int) -> Target:
    if not permissions.can_manage_targets(request.user):
        permissions.deny(request.user, "decide on a target")
    return get_object_or_404(Target, pk=pk)


def _back(request: HttpRequest, target: Target) -> HttpResponse:
    query = request.POST.get("next_query", "")
    url = reverse("indicators:review")
    if query.startswith("?") and len(query) < 200:
        url += query
    return redirect(f"{url}#target-{target.pk}" if "#" not in url else url)


@login_required
@require_POST
def target_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed_target(request, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        confirm_target(target=target, user=_actor(request), reason=reason)
    except IndicatorError as exc:
        messages.error(request, str(exc))
        return _back(request, target)
    messages.success(request, _("Target confirmed: %(t)s") % {"t": target.describe()})
    return _back(request, target)


@login_required
@require_POST
def target_reject(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed_target(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Reason: at most 1,000 characters."))
        return _back(request, target)
    reject_target(target=target, user=_actor(request), reason=form.cleaned_data["reason"])
    messages.success(request, _("Target rejected: %(t)s") % {"t": target.describe()})
    return _back(request, target)


@login_required
@require_POST
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed_target(request, pk)
    form = TargetEditForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[name].label if name in form.fields else ''}: {' '.join(map(str, errs))}"
            for name, errs in form.errors.items()
        )
        messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": errors})
        return _back(request, target)
    try:
        edit_target(
            target=target,
            user=_actor(request),
            reason=form.cleaned_data.get("reason") or "",
            **form.changes(),
        )
    except IndicatorError as exc:
        messages.error(request, _("Nothing was saved: %(error)s") % {"error": exc})
        return _back(request, target)
    messages.success(request, _("Target corrected and confirmed."))
    return _back(request, target)


@login_required
@require_GET
def behind(request: HttpRequest) -> HttpResponse:
    if not permissions.can_see_targets_behind(request.user):
        permissions.deny(request.user, "targets behind")
    area = query_int(request.GET.get("area"))
    rows = selectors.behind(on=today(), area_id=area)
    fmt = export_format(request)
    if fmt is not None:
        return exports.behind_file(rows, fmt=fmt)
    return render(
        request,
        "indicators/behind.html",
        {
            "rows": rows,
            "areas": selectors.areas_with_targets(),
            "area": area,
            "today": today(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def measurement_import(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_targets(request.user):
        permissions.deny(request.user, "import values")
    context: dict[str, Any] = {"form": MeasurementImportForm()}
    status = 200
    if request.method == "POST":
        form = MeasurementImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                outcome = import_measurements(
                    data=upload.read(),
                    name=upload.name or "",
                    user=_actor(request),
                    skip_bad_rows=form.cleaned_data["skip_bad_rows"],
                )
            except ImportRefused as exc:
                form.add_error("file", str(exc))
                status = 400
            else:
                context["outcome"] = outcome
                if outcome.refused:
                    status = 400
                else:
                    messages.success(
                        request,
                        _("%(n)s values stored.") % {"n": outcome.stored},
                    )
        else:
            status = 400
    return render(request, "indicators/import.html", context, status=status)
