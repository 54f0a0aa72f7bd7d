"""One obligation's page: the lead's report (form, evidence, contributions, history, review
buttons) or a coordinating agency's contribution. The buttons post, call one action, and go
back with a message; a refusal shows the page again with the user's input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import permissions
from cchc.agencies.models import Role
from cchc.core import versions
from cchc.indicators import report_fields
from cchc.reporting import selectors
from cchc.reporting.actions import (
    ReportError,
    add_evidence,
    approve_report,
    reopen_report,
    resubmit_report,
    return_report,
    save_and_submit,
    save_contribution,
    save_draft,
    start_report,
    submit_report,
    withdraw_report,
    withdrawable,
)
from cchc.reporting.forms import (
    ContributionForm,
    EvidenceForm,
    ReportForm,
    ReviewForm,
    SignOffForm,
    WithdrawForm,
)
from cchc.reporting.grid import category
from cchc.reporting.models import (
    EXPLAINED_STATUSES,
    ContributionState,
    Report,
    ReportState,
    ReportTransition,
)
from cchc.reporting.progress import ActivityProgress, activity_progress
from cchc.reporting.rules import missing_content, rule_of
from cchc.reporting.views import common
from cchc.reporting.views.heading_html import heading_html
from cchc.reporting.views.history_html import history_html
from cchc.scheduling.models import Obligation

# Each plan's activities' progress, under the plan's version (approval and reopening, import
# and obligation generation bump it; read with the obligation, ``selectors.obligation_for``).
_PROGRESS: dict[int, versions.ProcessCache] = {}


def _progress(obligation: Obligation) -> ActivityProgress:
    version = getattr(obligation, "plan_version", None) or 0
    cache = _PROGRESS.setdefault(obligation.activity.plan_id, versions.ProcessCache())
    activity_id = obligation.activity_id
    return cache.get(version, activity_id, lambda: activity_progress(activity_id))


def _here(obligation: Obligation) -> HttpResponse:
    return redirect(reverse("reporting:obligation", args=[obligation.pk]))


def _evidence_form(request: HttpRequest | None = None) -> EvidenceForm:
    """The evidence fields, part of the report form on the page (``form="report-form"``), so
    that adding evidence posts what the user typed in the report too. Not ``required`` in
    the browser: "Save draft" posts them empty; the server checks them when they are used."""
    form = (
        EvidenceForm(request.POST, request.FILES, auto_id="evidence_%s")
        if request is not None
        else EvidenceForm(auto_id="evidence_%s")
    )
    form.use_required_attribute = False
    for field in form.fields.values():
        field.widget.attrs["form"] = "report-form"
    return form


# The unbound forms' fields as drawn (a dozen widgets, each a template: about a fifth of
# the page), by what they are drawn from; past ``_FIELDS_MAX`` the process starts again.
_FIELDS: dict[tuple[Any, ...], str] = {}
_FIELDS_MAX = 512


def _kept(
    store: dict[tuple[Any, ...], str], key: tuple[Any, ...], draw: Callable[[], str]
) -> SafeString:
    drawn = store.get(key)
    if drawn is None:
        drawn = draw()
        if len(store) >= _FIELDS_MAX:
            store.clear()
        store[key] = drawn
    return mark_safe(drawn)


def _fields_html(key: tuple[Any, ...], template: str, context: dict[str, Any]) -> SafeString:
    return _kept(_FIELDS, key, lambda: render_to_string(template, context))


# The history sections as drawn (``_history_html``); past ``_FIELDS_MAX`` the process starts
# again.
_HISTORY: dict[tuple[Any, ...], str] = {}


def _history_html(history: list[ReportTransition]) -> SafeString:
    """The history section as the process drew it before, under the language and each
    step's id, time and actor's name: a step never changes once written (``HistoryRow``) but
    its actor may be renamed or removed; a new step is a new key (its time tells it from a
    removed step whose id a database gave again)."""
    key = (
        get_language(),
        tuple(
            (s.pk, s.at, s.actor.get_username() if s.actor is not None else None) for s in history
        ),
    )
    return _kept(_HISTORY, key, lambda: history_html(history))


def _draw_unbound_fields(context: dict[str, Any]) -> None:
    """The report form's fields and the evidence form's, when not bound (a GET), from what
    the process drew before: they depend only on the language, the form's initial values
    and, for the explanation's hint, whether the report is late. A bound form (a refusal
    shown again with the user's input and its errors) is drawn in the page."""
    language = get_language()
    form: ReportForm = context["form"]
    if not form.is_bound:
        late = bool(context["late"])
        statuses = tuple(context["explained_statuses"])
        initial = tuple(sorted((k, str(v)) for k, v in form.initial.items()))
        context["report_fields_html"] = _fields_html(
            ("report", language, late, statuses, initial),
            "reporting/_report_form_fields.html",
            {"form": form, "late": late, "explained_statuses": list(statuses)},
        )
    evidence: EvidenceForm = context["evidence_form"]
    if not evidence.is_bound:
        context["evidence_fields_html"] = _fields_html(
            ("evidence", language),
            "reporting/_evidence_form_fields.html",
            {"evidence_form": evidence},
        )


def _not_editable(report: Report | None) -> str:
    """Why the report cannot change (the page says it, with a link to the report as it is)."""
    if report is None or report.is_editable:
        return ""
    if report.state == ReportState.AWAITING_SIGN_OFF:
        why = _("it was sent to the head of the agency for sign-off")
    elif report.state == ReportState.SUBMITTED:
        why = _("it was submitted to the secretariat")
    else:
        why = _("it is approved and locked")
    return _("Nothing was saved: this report can no longer change here, because %(why)s.") % {
        "why": why
    }


def _render_report(
    request: HttpRequest,
    obligation: Obligation,
    *,
    form: ReportForm | None = None,
    evidence_form: EvidenceForm | None = None,
    review_form: ReviewForm | None = None,
    sign_off_form: SignOffForm | None = None,
    error: str = "",
    status: int = 200,
    target_posted: report_fields.Posted | None = None,
) -> HttpResponse:
    report = selectors.report_of(obligation)
    user = request.user
    can_file = permissions.can_file_for(user, obligation.agency_id)
    can_edit = can_file and (report is None or report.is_editable)
    progress = _progress(obligation)
    # What the obligation's query found beside it holds for a GET; a POST shown again may
    # have changed it since (evidence added), so it asks.
    beside = selectors.Beside.found(obligation) if request.method == "GET" else selectors.Beside()
    evidence = selectors.evidence_of(report, beside)
    history = selectors.history_of(report)
    # On time, submitted late, overdue… (docs/vocabulary.md): the badge beside the deadline.
    timing = category(
        deadline=obligation.deadline,
        state=report.state if report else None,
        submitted_at=report.submitted_at if report else None,
        on=common.today(),
    )
    context: dict[str, Any] = {
        "obligation": obligation,
        "activity": obligation.activity,
        "report": report,
        "can_edit": can_edit,
        "can_withdraw": can_file and report is not None and withdrawable(report, history),
        "can_review": permissions.can_review(user) and report is not None,
        "can_sign_off": report is not None
        and report.state == ReportState.AWAITING_SIGN_OFF
        and permissions.can_sign_off_for(user, obligation.agency_id),
        "late": obligation.deadline < common.today(),
        "timing": timing,
        "heading_html": heading_html(obligation, obligation.activity, timing),
        "explained_statuses": [str(s) for s in EXPLAINED_STATUSES],
        "evidence": evidence,
        "contributions": selectors.contributions_for(obligation, beside),
        "history": history,
        "history_html": _history_html(history),
        # Why it came back, at the top of the page (h-queues).
        "latest_return": selectors.latest_return(report, history),
        "progress": progress,
        "error": error,
        "target_fields": target_posted.fields
        if target_posted is not None
        else report_fields.fields_for(
            obligation, report.pk if report is not None else None, common.today()
        ),
    }
    if can_edit:
        context["form"] = form or ReportForm.for_report(report)
        context["evidence_form"] = evidence_form or _evidence_form()
        _draw_unbound_fields(context)
        if report is not None:
            context["missing"] = missing_content(
                report, common.today(), rule_of(obligation), has_evidence=bool(evidence)
            )
    elif form is not None and form.is_bound:
        # A refusal from a tab opened before the report moved on: what the user typed, to
        # copy, since it cannot be saved here any more.
        context["typed"] = [
            (form[name].label, form.data.get(name, ""))
            for name in ("narrative", "difficulties", "proposals", "explanation")
            if str(form.data.get(name, "")).strip()
        ]
        context["error"] = error or _not_editable(report)
    if context["can_review"]:
        context["review_form"] = review_form or ReviewForm(auto_id="review_%s")
    if context["can_sign_off"]:
        context["sign_off_form"] = sign_off_form or SignOffForm(auto_id="sign_off_%s")
    elif sign_off_form is not None and str(sign_off_form.data.get("comment", "")).strip():
        # The head's comment on a report that has moved on: shown to copy, not lost.
        context["typed"] = [(sign_off_form["comment"].label, sign_off_form.data["comment"])]
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


def _unchanged(form: ReportForm, report: Report | None) -> bool:
    """Whether the posted report says what the stored one says (a double submit)."""
    if report is None or not form.is_valid():
        return False
    return all(getattr(report, k) == v for k, v in form.fields_to_save().items())


def _evidence_posted(request: HttpRequest) -> bool:
    """Whether the evidence fields of the report form hold anything."""
    return bool(request.FILES.get("file")) or any(
        request.POST.get(name, "").strip()
        for name in ("description", "document_number", "document_date", "issuer")
    )


def _add_evidence(request: HttpRequest, report: Report, form: EvidenceForm) -> None:
    """The output delivered that the (valid) evidence form describes, added to the report."""
    data = form.cleaned_data
    add_evidence(
        report=report,
        user=common.actor(request),
        description=data["description"],
        document_number=data["document_number"],
        document_date=data["document_date"],
        issuer=data["issuer"],
        upload=data["file"],
    )


def _evidence_error(request: HttpRequest, error: str) -> str:
    if request.FILES.get("file"):
        return _("%(error)s Choose the file again.") % {"error": error}
    return error


@login_required
@require_POST
def report_save(request: HttpRequest, pk: int) -> HttpResponse:
    """The report form's buttons. Every one saves what the user typed as the draft; "add
    evidence" (or evidence fields filled in) adds the output delivered too; "submit" then
    sends the report to the secretariat (or to the head first)."""
    obligation = _lead(request, pk)
    submitting = "submit" in request.POST
    adding = "add_evidence" in request.POST or _evidence_posted(request)
    report = selectors.report_of(obligation)
    form = ReportForm(request.POST)
    if (
        submitting
        and not adding
        and _unchanged(form, report)
        and (sent := _already_sent(request, obligation, report))
    ):
        return sent
    evidence_form = _evidence_form(request) if adding else None
    if report is not None and not report.is_editable:
        return _render_report(request, obligation, form=form, status=409)
    if not form.is_valid() or (evidence_form is not None and not evidence_form.is_valid()):
        if evidence_form is not None and request.FILES.get("file"):
            evidence_form.add_error(None, _("Choose the file again."))
        return _render_report(
            request, obligation, form=form, evidence_form=evidence_form, status=400
        )
    posted = report_fields.parse(obligation, request.POST, common.today())
    if posted.errors:
        return _render_report(
            request,
            obligation,
            form=form,
            evidence_form=evidence_form,
            error=" ".join(posted.errors),
            target_posted=posted,
            status=400,
        )
    if submitting and evidence_form is None:
        return _save_and_submit(request, obligation, report, form, posted)
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
        report_fields.save(
            obligation=obligation, report_id=report.pk, user=common.actor(request), posted=posted
        )
    except ReportError as exc:
        # The same form posted twice at once: the other request has sent it meanwhile.
        if submitting and (sent := _already_sent(request, obligation, report, reload=True)):
            return sent
        error = _evidence_error(request, str(exc)) if adding else str(exc)
        return _render_report(
            request, obligation, form=form, evidence_form=evidence_form, error=error, status=409
        )
    if evidence_form is not None:
        try:
            _add_evidence(request, report, evidence_form)
        except ReportError as exc:
            # The draft is saved: the form shows it as saved, the evidence as typed.
            evidence_form.add_error(None, _evidence_error(request, str(exc)))
            messages.success(request, _("Draft saved."))
            return _render_report(request, obligation, evidence_form=evidence_form, status=400)
    if not submitting:
        messages.success(
            request, _("Draft saved and evidence added.") if adding else _("Draft saved.")
        )
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


def _save_and_submit(
    request: HttpRequest,
    obligation: Obligation,
    report: Report | None,
    form: ReportForm,
    posted: report_fields.Posted,
) -> HttpResponse:
    """ "Submit" without evidence to add: the text, the target values and the submission in one
    transaction (``save_and_submit``); an incomplete report is kept as a draft and says why."""
    try:
        if report is None:
            report = start_report(obligation=obligation, user=common.actor(request))
        report, refusal = save_and_submit(
            report=report,
            user=common.actor(request),
            expected_version=form.cleaned_data["version"],
            fields=form.fields_to_save(),
            measurements=posted,
        )
    except ReportError as exc:
        # The same form posted twice at once: the other request has sent it meanwhile.
        if sent := _already_sent(request, obligation, report, reload=True):
            return sent
        return _render_report(request, obligation, form=form, error=str(exc), status=409)
    if refusal:
        messages.error(
            request, _("The draft is saved but was not submitted: %(error)s") % {"error": refusal}
        )
    elif report.state == ReportState.AWAITING_SIGN_OFF:
        messages.success(request, _("Report sent to the head of the agency for sign-off."))
    else:
        messages.success(request, _("Report submitted to the secretariat."))
    return _here(obligation)


@login_required
@require_POST
def report_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an output delivered alone (the API's way, and older pages). A post that carries the
    report's fields too is the report form's: it saves them first (``report_save``)."""
    if "version" in request.POST:
        return report_save(request, pk)
    obligation = _lead(request, pk)
    form = _evidence_form(request)
    report = selectors.report_of(obligation)
    if report is not None and not report.is_editable:
        return _render_report(
            request, obligation, error=_evidence_error(request, _not_editable(report)), status=409
        )
    if not form.is_valid():
        return _render_report(request, obligation, evidence_form=form, status=400)
    try:
        report = report or start_report(obligation=obligation, user=common.actor(request))
        _add_evidence(request, report, form)
    except ReportError as exc:
        form.add_error(None, _evidence_error(request, str(exc)))
        return _render_report(request, obligation, evidence_form=form, status=400)
    messages.success(request, _("Evidence added."))
    return _here(obligation)


@login_required
@require_POST
def report_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The focal point takes a submitted report back to draft, before anyone acts on it."""
    obligation = _lead(request, pk)
    report = selectors.report_of(obligation)
    if report is None:
        raise Http404
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The report's version is missing; reload the page."))
        return _here(obligation)
    try:
        withdraw_report(
            report=report,
            user=common.actor(request),
            expected_version=form.cleaned_data["version"],
            comment=form.cleaned_data["comment"],
        )
    except ReportError as exc:
        messages.error(request, str(exc))
        return _here(obligation)
    messages.success(request, _("Report withdrawn: it is a draft again, yours to change."))
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
    form = ReviewForm(request.POST, auto_id="review_%s")
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the report."))
        return _here(obligation)
    try:
        done = _review(report, request, form.cleaned_data["action"], form.cleaned_data["comment"])
    except ReportError as exc:
        # The page as it is now, saying why, with the comment typed where the review form is
        # still shown (a missing comment; a stale tab whose report moved on shows its state).
        return _render_report(request, obligation, review_form=form, error=str(exc), status=409)
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
