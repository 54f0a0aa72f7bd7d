"""One obligation's page: the lead's report (form, evidence, contributions, history, review
buttons) or a coordinating agency's contribution. The buttons post, call one action, and go
back with a message; a refusal shows the page again with the user's input."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import permissions
from cchc.agencies.models import Role
from cchc.reporting import selectors
from cchc.reporting.actions import (
    ReportError,
    add_evidence,
    approve_report,
    reopen_report,
    resubmit_report,
    return_report,
    save_contribution,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.forms import ContributionForm, EvidenceForm, ReportForm, ReviewForm
from cchc.reporting.models import (
    EXPLAINED_STATUSES,
    ContributionState,
    Report,
    ReportState,
)
from cchc.reporting.progress import activity_progress
from cchc.reporting.views import common
from cchc.scheduling.models import Obligation


def _here(obligation: Obligation) -> HttpResponse:
    return redirect(reverse("reporting:obligation", args=[obligation.pk]))


def _render_report(
    request: HttpRequest,
    obligation: Obligation,
    *,
    form: ReportForm | None = None,
    evidence_form: EvidenceForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    report = selectors.report_of(obligation)
    user = request.user
    can_edit = permissions.can_file_for(user, obligation.agency_id) and (
        report is None or report.is_editable
    )
    progress = activity_progress(obligation.activity_id)
    context: dict[str, Any] = {
        "obligation": obligation,
        "activity": obligation.activity,
        "report": report,
        "can_edit": can_edit,
        "can_review": permissions.can_review(user) and report is not None,
        "can_sign_off": report is not None
        and report.state == ReportState.AWAITING_SIGN_OFF
        and permissions.can_sign_off_for(user, obligation.agency_id),
        "late": obligation.deadline < common.today(),
        "explained_statuses": [str(s) for s in EXPLAINED_STATUSES],
        "evidence": selectors.evidence_of(report),
        "contributions": selectors.contributions_for(obligation),
        "history": selectors.history_of(report),
        "progress": progress,
        "error": error,
    }
    if can_edit:
        context["form"] = form or ReportForm.for_report(report)
        context["evidence_form"] = evidence_form or EvidenceForm(auto_id="evidence_%s")
    if context["can_review"]:
        context["review_form"] = ReviewForm(auto_id="review_%s")
    return render(request, "reporting/report.html", context, status=status)


def _render_contribution(
    request: HttpRequest,
    obligation: Obligation,
    *,
    form: ContributionForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    contribution = selectors.contribution_of(obligation)
    can_edit = permissions.can_file_for(request.user, obligation.agency_id) and (
        contribution is None or contribution.state == ContributionState.DRAFT
    )
    context: dict[str, Any] = {
        "obligation": obligation,
        "activity": obligation.activity,
        "contribution": contribution,
        "can_edit": can_edit,
        "error": error,
    }
    if can_edit:
        initial = {"text": contribution.text} if contribution is not None else {}
        context["form"] = form or ContributionForm(initial=initial)
    return render(request, "reporting/contribution.html", context, status=status)


@login_required
@require_GET
def obligation_page(request: HttpRequest, pk: int) -> HttpResponse:
    obligation = common.visible_obligation(request, pk)
    if obligation.role == Role.PARTNER:
        return _render_contribution(request, obligation)
    return _render_report(request, obligation)


def _lead(request: HttpRequest, pk: int) -> Obligation:
    obligation = common.writable_obligation(request, pk)
    if obligation.role != Role.LEAD:
        raise Http404
    return obligation


def _already_sent(
    request: HttpRequest, obligation: Obligation, report: Report | None, *, reload: bool = False
) -> HttpResponse | None:
    """Back to the page with a note if the report is already on its way (read again with
    ``reload``); submitting it again is harmless."""
    if report is None:
        return None
    if reload:
        report.refresh_from_db(fields=["state"])
    if report.state == ReportState.SUBMITTED:
        messages.info(request, _("This report was already submitted; it awaits review."))
    elif report.state == ReportState.AWAITING_SIGN_OFF:
        messages.info(request, _("This report was already sent; it awaits the head's sign-off."))
    else:
        return None
    return _here(obligation)


@login_required
@require_POST
def report_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the draft; with "submit", send it to the secretariat too."""
    obligation = _lead(request, pk)
    submitting = "submit" in request.POST
    report = selectors.report_of(obligation)
    if submitting and (sent := _already_sent(request, obligation, report)):
        return sent
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _render_report(request, obligation, form=form, status=400)
    try:
        if report is None:
            report = start_report(obligation=obligation, user=common.actor(request))
        was_returned = report.state == ReportState.RETURNED
        report = save_draft(
            report=report,
            user=common.actor(request),
            expected_version=form.cleaned_data["version"],
            **form.fields_to_save(),
        )
    except ReportError as exc:
        # The same form posted twice at once: the other request has sent it meanwhile.
        if submitting and (sent := _already_sent(request, obligation, report, reload=True)):
            return sent
        return _render_report(request, obligation, form=form, error=str(exc), status=409)
    if not submitting:
        messages.success(request, _("Draft saved."))
        return _here(obligation)
    send = resubmit_report if was_returned else submit_report
    try:
        send(report=report, user=common.actor(request), expected_version=report.version)
    except ReportError as exc:
        messages.error(
            request, _("The draft is saved but was not submitted: %(error)s") % {"error": exc}
        )
        return _here(obligation)
    if report.state == ReportState.AWAITING_SIGN_OFF:
        messages.success(request, _("Report sent to the head of the agency for sign-off."))
    else:
        messages.success(request, _("Report submitted to the secretariat."))
    return _here(obligation)


@login_required
@require_POST
def report_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    obligation = _lead(request, pk)
    form = EvidenceForm(request.POST, request.FILES, auto_id="evidence_%s")
    if not form.is_valid():
        return _render_report(request, obligation, evidence_form=form, status=400)
    data = form.cleaned_data
    try:
        report = selectors.report_of(obligation) or start_report(
            obligation=obligation, user=common.actor(request)
        )
        add_evidence(
            report=report,
            user=common.actor(request),
            description=data["description"],
            document_number=data["document_number"],
            document_date=data["document_date"],
            issuer=data["issuer"],
            upload=data["file"],
        )
    except ReportError as exc:
        form.add_error(None, str(exc))
        return _render_report(request, obligation, evidence_form=form, status=400)
    messages.success(request, _("Evidence added."))
    return _here(obligation)


def _review(report: Report, request: HttpRequest, action: str, comment: str) -> str:
    if action == ReviewForm.RETURN:
        return_report(report=report, user=common.actor(request), comment=comment)
        return _("Report returned to the agency.")
    if action == ReviewForm.APPROVE:
        approve_report(report=report, user=common.actor(request), comment=comment)
        return _("Report approved.")
    reopen_report(report=report, user=common.actor(request), reason=comment)
    return _("Report reopened.")


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    obligation = common.visible_obligation(request, pk)
    if not permissions.can_review(request.user):
        permissions.deny(request.user, "review a report")
    report = selectors.report_of(obligation)
    if report is None:
        raise Http404
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the report."))
        return _here(obligation)
    try:
        done = _review(report, request, form.cleaned_data["action"], form.cleaned_data["comment"])
    except ReportError as exc:
        messages.error(request, str(exc))
        return _here(obligation)
    messages.success(request, done)
    return _here(obligation)


@login_required
@require_POST
def contribution_save(request: HttpRequest, pk: int) -> HttpResponse:
    obligation = common.writable_obligation(request, pk)
    if obligation.role != Role.PARTNER:
        raise Http404
    form = ContributionForm(request.POST)
    if not form.is_valid():
        return _render_contribution(request, obligation, form=form, status=400)
    submitting = "submit" in request.POST
    try:
        save_contribution(
            obligation=obligation,
            user=common.actor(request),
            text=form.cleaned_data["text"],
            submit=submitting,
        )
    except ReportError as exc:
        return _render_contribution(request, obligation, form=form, error=str(exc), status=409)
    messages.success(
        request, _("Contribution sent to the lead agency.") if submitting else _("Draft saved.")
    )
    return _here(obligation)
