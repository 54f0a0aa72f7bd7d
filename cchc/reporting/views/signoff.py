"""The agency head's sign-off: the list of reports awaiting it with the agencies' settings,
the head's decision on one report, and the setting's form (the head or the secretariat)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import permissions
from cchc.agencies.models import Agency
from cchc.reporting import selectors
from cchc.reporting.actions import ReportError
from cchc.reporting.forms import SignOffForm, SignOffSettingForm
from cchc.reporting.grid import area_choices
from cchc.reporting.models import ReportState
from cchc.reporting.signoff import decline_sign_off, set_sign_off, sign_off_report
from cchc.reporting.views import common
from cchc.reporting.views.report import _render_report as render_report
from cchc.reporting.views.review import list_filters
from cchc.scheduling import selectors as due
from cchc.scheduling.workdays import WorkCalendar


@login_required
@require_GET
def sign_off_list(request: HttpRequest) -> HttpResponse:
    """A head's reports awaiting their sign-off and their agencies' settings; for the
    secretariat, every report awaiting a sign-off and every agency asking for it."""
    user = request.user
    headed = permissions.agencies_headed_by(user)
    everything = permissions.sees_everything(user)
    if not headed and not everything:
        permissions.deny(user, "sign-off list")
    scope = None if everything else headed
    secretariat = permissions.is_secretariat(user)
    # The list's filters (agency, period, reform area); what names nothing is dropped.
    filters = list_filters(request.GET)
    year = common.today().year
    reports = selectors.awaiting_sign_off(agency_ids=scope)
    if filters.agency is not None:
        reports = reports.filter(obligation__agency_id=filters.agency.pk)
    if filters.period is not None:
        reports = reports.filter(
            obligation__report=filters.period.report,
            obligation__period_kind=filters.period.kind,
            obligation__period_end=filters.period.end,
        )
    if filters.area is not None:
        reports = reports.filter(obligation__activity__area_id=filters.area)
    context = {
        "reports": list(reports),
        "filters": filters,
        "filtered": bool(filters.query()),
        "filter_agencies": list(
            Agency.objects.filter(
                pk__in=selectors.awaiting_sign_off(agency_ids=scope).values("obligation__agency_id")
            )
            .order_by("name")
            .values_list("pk", "name")
        ),
        "areas": area_choices(plan_id=None),
        "years": [year - 1, year, year + 1],
        "year": filters.year or year,
        "periods": [
            (due.period_key(p), p.label)
            for p in due.report_periods(filters.year or year, calendar=WorkCalendar())
        ],
        "period_key": due.period_key(filters.period) if filters.period else "",
        "settings": selectors.sign_off_rows(agency_ids=scope),
        "headed": headed,
        "secretariat": secretariat,
        "agencies_to_ask": list(selectors.agencies_to_ask()) if secretariat else [],
    }
    return render(request, "reporting/sign_off_list.html", context)


@login_required
@require_POST
def sign_off_setting(request: HttpRequest) -> HttpResponse:
    if not (
        permissions.agencies_headed_by(request.user) or permissions.is_secretariat(request.user)
    ):
        # Whoever decides for no agency is refused before the form is read.
        permissions.deny(request.user, "sign-off setting")
    form = SignOffSettingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the agency."))
        return redirect("reporting:sign_off")
    agency = get_object_or_404(Agency, pk=form.cleaned_data["agency"])
    if not permissions.can_set_sign_off(request.user, agency.pk):
        permissions.deny(request.user, "sign-off setting")
    try:
        set_sign_off(
            agency=agency,
            required=form.cleaned_data["required"],
            by=common.actor(request),
            reason=form.cleaned_data["reason"],
        )
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect("reporting:sign_off")
    if form.cleaned_data["required"]:
        messages.success(
            request,
            _("%(agency)s: its reports now go to its head for sign-off.") % {"agency": agency},
        )
    else:
        messages.success(
            request,
            _("%(agency)s: its reports now go straight to the secretariat.") % {"agency": agency},
        )
    return redirect("reporting:sign_off")


@login_required
@require_POST
def report_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    """The head signs the report off (to the secretariat) or returns it to the focal point.
    A refusal (no comment to return, a stale page, the head wrote it, the report moved on)
    shows the report page again with why, and the head's comment kept: in the form, or to
    copy when the report no longer awaits the sign-off."""
    obligation = common.visible_obligation(request, pk)
    if not permissions.can_sign_off_for(request.user, obligation.agency_id):
        permissions.deny(request.user, "sign off a report")
    report = selectors.report_of(obligation)
    if report is None:
        raise Http404
    form = SignOffForm(request.POST, auto_id="sign_off_%s")
    if not form.is_valid():
        wrong = form.errors.get("comment")
        error = str(wrong[0]) if wrong else _("Choose what to do with the report.")
        return render_report(request, obligation, sign_off_form=form, error=error, status=400)
    data = form.cleaned_data
    if data["comment"] and report.state in (ReportState.SUBMITTED, ReportState.APPROVED):
        # Signing off again is harmless, but the comment would be dropped: say so.
        error = _(
            "This report was already signed off and sent to the secretariat; your comment "
            "was not recorded."
        )
        return render_report(request, obligation, sign_off_form=form, error=error, status=409)
    try:
        if data["action"] == SignOffForm.SIGN:
            sign_off_report(
                report=report,
                user=common.actor(request),
                expected_version=data["version"],
                comment=data["comment"],
            )
            done = _("Report signed off and sent to the secretariat.")
        else:
            decline_sign_off(
                report=report,
                user=common.actor(request),
                comment=data["comment"],
                expected_version=data["version"],
            )
            done = _("Report returned to the focal point.")
    except ReportError as exc:
        return render_report(request, obligation, sign_off_form=form, error=str(exc), status=409)
    messages.success(request, done)
    return redirect(reverse("reporting:obligation", args=[obligation.pk]))
