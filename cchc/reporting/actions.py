"""State changes of progress reports. Views, the API, the CLI and tests all call these.

Each action runs in one transaction, locks the rows it changes, writes a ``ReportTransition``
and keeps the obligation's status in step. Who may call which action is the caller's check
(the views and the API look up roles); the actions refuse what no one may do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.files import File
from django.db import connection, transaction
from django.db.models import BooleanField, F
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.agencies.models import Role
from cchc.core.versions import bump_figures, bump_plan
from cchc.notifications.actions import notify_step
from cchc.reporting import notify
from cchc.reporting.files import FileRefused, check_upload, stored_name
from cchc.reporting.models import (
    EDITABLE_STATES,
    SENT_STATES,
    Contribution,
    ContributionState,
    Evidence,
    Report,
    ReportState,
    ReportTransition,
    SignOffSetting,
    WorkStatus,
    evidence_storage,
)
from cchc.reporting.rules import missing_content, rule_annotations, rule_of
from cchc.scheduling.models import Obligation, ObligationStatus
from cchc.scheduling.obligations import status_on

if TYPE_CHECKING:
    from cchc.indicators.report_fields import Posted

# What the agency writes in its report; everything else is the workflow's.
EDITABLE_FIELDS = (
    "work_status",
    "percent",
    "narrative",
    "difficulties",
    "proposals",
    "explanation",
)


class ReportError(Exception):
    """A workflow step that cannot be taken; the message says why."""


class VersionConflict(ReportError):
    """Someone saved the report since the client read it (the API answers 409)."""


# -- Building blocks of every report action (here, in ``signoff`` and ``evidence_actions``) --


def actor_of(user: AbstractBaseUser | None) -> User | None:
    """Who the history records (None for the system or an anonymous caller)."""
    return user if isinstance(user, User) else None


def lock_report(report: Report) -> Report:
    """The report's row, locked until the transaction ends (call inside ``atomic``)."""
    return Report.objects.select_for_update().select_related("obligation").get(pk=report.pk)


def _lock_to_submit(report: Report) -> Report:
    """``lock_report`` with what a submission decides by, read in the same statement: the
    submission rule in force (``rules.rule_of``) and whether the agency's head signs off
    (``sign_off_required``: the latest ``SignOffSetting`` of the agency)."""
    q = connection.ops.quote_name
    setting = q(SignOffSetting._meta.db_table)
    obligation = q(Obligation._meta.db_table)
    # SignOffSetting's latest row per agency (``SignOffSettingQuerySet.is_required``).
    sign_off = RawSQL(
        f"SELECT {q('required')} FROM {setting} WHERE {setting}.{q('agency_id')} = "
        f"{obligation}.{q('agency_id')} ORDER BY {q('changed_at')} DESC, {q('id')} DESC LIMIT 1",
        (),
        output_field=BooleanField(),
    )
    return (
        Report.objects.select_for_update()
        .select_related("obligation")
        .annotate(sign_off_required=sign_off, **rule_annotations())
        .get(pk=report.pk)
    )


def record_step(
    report: Report,
    user: AbstractBaseUser | None,
    from_state: str,
    comment: str = "",
    changes: list[str] | None = None,
) -> ReportTransition:
    transition = ReportTransition.objects.create(
        report=report,
        actor=actor_of(user),
        from_state=from_state,
        to_state=report.state,
        comment=comment,
        changes=changes or [],
    )
    notify.after_step(transition)
    if ReportState.APPROVED in (from_state, report.state):
        # Progress counts approved reports: the plan's cached tree is stale from this commit.
        plan_id = (
            Obligation.objects.filter(pk=report.obligation_id)
            .values_list("activity__plan_id", flat=True)
            .first()
        )
        if plan_id is not None:
            bump_plan(plan_id)
    # The inbox: in the step's transaction (``cchc.notifications.actions`` says who hears).
    notify_step(transition)
    if ReportState.APPROVED not in (from_state, report.state) and (
        (from_state in SENT_STATES) != (report.state in SENT_STATES)
    ):
        # Reaching the secretariat or leaving it: the dashboards' reporting counts, bumped
        # after the commit (``cchc.core.versions``): concurrent submissions do not queue on
        # the one version row.
        bump_figures()
    return transition


def set_obligation_status(obligation: Obligation, status: str) -> None:
    if obligation.status != status:
        obligation.status = status
        obligation.save(update_fields=["status", "updated_at"])


def _clock_status(obligation: Obligation, day: dt.date) -> str:
    return status_on(obligation.deadline, obligation.period_end, day)


def check_version(report: Report, expected_version: int) -> None:
    if report.version != expected_version:
        raise VersionConflict(
            _(
                "Someone else saved this report since you opened it (version %(theirs)s, yours "
                "%(yours)s). Reload it, then make your changes again."
            )
            % {"theirs": report.version, "yours": expected_version}
        )


def check_editable(report: Report) -> None:
    if report.state == ReportState.APPROVED:
        raise ReportError(_("This report is approved and locked; the secretariat can reopen it."))
    if report.state == ReportState.AWAITING_SIGN_OFF:
        raise ReportError(
            _("This report awaits the head's sign-off; it cannot change unless returned.")
        )
    if report.state not in EDITABLE_STATES:
        raise ReportError(_("This report was submitted and awaits review; it cannot change."))


def round_actors(report: Report) -> set[int]:
    """Who wrote or sent the report on in its current round: the actors of its history since
    it was last returned (by the head or the secretariat) or reopened."""
    actors: set[int] = set()
    history = report.history.order_by("-pk").values_list("from_state", "to_state", "actor_id")
    for from_state, to_state, actor_id in history:
        if to_state == ReportState.RETURNED and from_state != ReportState.RETURNED:
            break
        if actor_id is not None:
            actors.add(actor_id)
    return actors


def check_separate(report: Report, user: AbstractBaseUser | None, *, reviewing: bool) -> None:
    """Separation of duties: who wrote or sent the report on in this round takes no decision
    on it (the head's sign-off, the secretariat's approval or return)."""
    if user is None or user.pk is None or user.pk not in round_actors(report):
        return
    if reviewing:
        raise ReportError(
            _(
                "You wrote, sent or signed off this report; another member of the secretariat "
                "reviews it."
            )
        )
    raise ReportError(_("You wrote or sent this report; another head of the agency signs it off."))


def follow_locked(source: Report, target: Report) -> Report:
    """The caller's object follows the locked row it passed in."""
    if target is not source:
        for field in (*EDITABLE_FIELDS, "state", "version", "submitted_at", "approved_at"):
            setattr(target, field, getattr(source, field))
    return source


def start_report(*, obligation: Obligation, user: AbstractBaseUser | None) -> Report:
    """The obligation's report: the existing one, else a new draft."""
    with transaction.atomic():
        locked = Obligation.objects.select_for_update().get(pk=obligation.pk)
        existing = Report.objects.filter(obligation=locked).first()
        if existing is not None:
            return existing
        if locked.role != Role.LEAD:
            raise ReportError(
                _("A coordinating agency files a contribution, not a report, for this activity.")
            )
        if locked.status == ObligationStatus.NOT_APPLICABLE:
            raise ReportError(
                _("This report is not applicable: %(reason)s") % {"reason": locked.reason}
            )
        report = Report.objects.create(obligation=locked)
        record_step(report, user, "")
    return report


def _check_fields(fields: dict[str, Any]) -> None:
    """The posted fields are the report's own and hold what they may."""
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise ReportError(
            _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(unknown)}
        )
    if "work_status" in fields and fields["work_status"] not in WorkStatus.values:
        raise ReportError(_("Status of the work: unknown status."))
    if "percent" in fields:
        percent = fields["percent"]
        if not isinstance(percent, int) or isinstance(percent, bool) or not 0 <= percent <= 100:
            raise ReportError(_("Completion: a whole percentage from 0 to 100."))


def _edit(locked: Report, expected_version: int, fields: dict[str, Any]) -> list[str]:
    """Write ``fields`` into the locked report (not saved) and bump its version; the names of
    those that changed. Nothing changed is no conflict, however old ``expected_version``."""
    check_editable(locked)
    changed = [name for name, value in fields.items() if getattr(locked, name) != value]
    if changed:
        check_version(locked, expected_version)
        for name in changed:
            setattr(locked, name, fields[name])
        locked.version += 1
    return changed


def save_draft(
    *, report: Report, user: AbstractBaseUser | None, expected_version: int, **fields: Any
) -> Report:
    """Change what the report says; refused if someone saved it since ``expected_version``.
    A save that changes nothing is no conflict, however old its version: it overwrites nothing
    (a form posted twice)."""
    _check_fields(fields)
    with transaction.atomic():
        locked = lock_report(report)
        changed = _edit(locked, expected_version, fields)
        if not changed:
            return follow_locked(locked, report)
        locked.save(update_fields=[*changed, "version", "updated_at"])
        record_step(locked, user, locked.state, changes=changed)
    return follow_locked(locked, report)


def _check_complete(report: Report, on: dt.date, *, targets_carried: bool = True) -> None:
    """What a report must contain before it is submitted (``SubmissionRule``, set by the
    secretariat; the one read with the lock, ``_lock_to_submit``): the refusal names
    everything missing at once. ``targets_carried=False``: the caller read the activity's
    targets in this request and found none, so no target needs an explanation."""
    missing = missing_content(report, on, rule_of(report))
    # Targets the report's values put off track or missed need an explanation (indicators
    # reads reporting's models, so the import is local).
    from cchc.indicators.report_fields import unexplained

    if targets_carried and (targets := unexplained(report.obligation, report, on)):
        missing.append(
            _("Explain in the report why these targets are off track or missed: %(targets)s.")
            % {"targets": "; ".join(targets)}
        )
    if missing:
        raise ReportError(
            _("The report cannot be submitted yet: %(missing)s") % {"missing": " ".join(missing)}
        )


def _send(locked: Report, moment: dt.datetime) -> str:
    """Send the locked, complete report on (not saved): to the head where the agency asks for
    the head's sign-off, else to the secretariat (the obligation's status follows); the state
    it was in."""
    before = locked.state
    # The submission time is when the report is sent on; signing off sets it again.
    locked.submitted_at = moment
    locked.version += 1
    if getattr(locked, "sign_off_required", None):
        locked.state = ReportState.AWAITING_SIGN_OFF
    else:
        locked.state = ReportState.SUBMITTED
        set_obligation_status(locked.obligation, ObligationStatus.SUBMITTED)
    return before


_SENT_FIELDS = ["state", "submitted_at", "version", "updated_at"]


def submit_report(
    *,
    report: Report,
    user: AbstractBaseUser | None,
    expected_version: int,
    now: dt.datetime | None = None,
) -> Report:
    """Send a draft or returned report to the secretariat, or to the agency's head first
    where the agency asks for the head's sign-off (``SignOffSetting``). Submitting a report
    that is already on its way changes nothing."""
    moment = now or timezone.now()
    with transaction.atomic():
        locked = _lock_to_submit(report)
        if locked.state in (ReportState.SUBMITTED, ReportState.AWAITING_SIGN_OFF):
            return follow_locked(locked, report)
        check_editable(locked)
        check_version(locked, expected_version)
        _check_complete(locked, timezone.localdate(moment))
        before = _send(locked, moment)
        locked.save(update_fields=_SENT_FIELDS)
        record_step(locked, user, before)
    return follow_locked(locked, report)


def save_and_submit(
    *,
    report: Report,
    user: AbstractBaseUser | None,
    expected_version: int,
    fields: dict[str, Any],
    measurements: Posted | None = None,
    now: dt.datetime | None = None,
) -> tuple[Report, str]:
    """The report form's "submit": save what the user typed (as ``save_draft``, an edit row),
    the target values posted with it (``indicators.report_fields``), then send the report on
    (as ``submit_report``, its step's row), in one transaction under one lock of the report's
    row, written with one ``UPDATE``. An incomplete report is not sent but its draft is kept:
    the second value is why it was not sent ("" when it was). Refused (``ReportError``,
    nothing saved) when the report cannot change (already sent: the caller says so) or
    someone saved other text since ``expected_version``."""
    _check_fields(fields)
    moment = now or timezone.now()
    with transaction.atomic():
        locked = _lock_to_submit(report)
        changed = _edit(locked, expected_version, fields)
        if changed:
            # The edit's row (a draft's edit notifies nobody, bumps nothing); the row is
            # written below, with the step's change when the report goes.
            record_step(locked, user, locked.state, changes=changed)
        if measurements is not None:
            from cchc.indicators import report_fields

            report_fields.save(
                obligation=locked.obligation, report_id=locked.pk, user=user, posted=measurements
            )
        try:
            # Checks only: nothing is written before it passes.
            _check_complete(
                locked,
                timezone.localdate(moment),
                targets_carried=measurements is None or bool(measurements.fields),
            )
        except ReportError as exc:
            if changed:
                locked.save(update_fields=[*changed, "version", "updated_at"])
            return follow_locked(locked, report), str(exc)
        before = _send(locked, moment)
        locked.save(update_fields=[*changed, *_SENT_FIELDS])
        record_step(locked, user, before)
    return follow_locked(locked, report), ""


def resubmit_report(
    *,
    report: Report,
    user: AbstractBaseUser | None,
    expected_version: int,
    now: dt.datetime | None = None,
) -> Report:
    """Submit a returned report again, with the changes asked for."""
    if report.state not in (
        ReportState.RETURNED,
        ReportState.SUBMITTED,
        ReportState.AWAITING_SIGN_OFF,
    ):
        raise ReportError(_("Only a report returned for changes can be resubmitted."))
    return submit_report(report=report, user=user, expected_version=expected_version, now=now)


def withdrawable(report: Report, history: Iterable[ReportTransition] | None = None) -> bool:
    """Whether the report's submitter may still take it back: it is on its way (with the
    head or the secretariat) and nobody has acted on it since it was submitted. ``history``:
    the report's transitions if already read (the report page has them)."""
    if report.state not in (ReportState.SUBMITTED, ReportState.AWAITING_SIGN_OFF):
        return False
    if history is None:
        last_step = (
            ReportTransition.objects.filter(report=report)
            .exclude(from_state=F("to_state"))
            .order_by("-at", "-pk")
            .first()
        )
    else:
        steps = sorted((t for t in history if t.is_step), key=lambda t: (t.at, t.pk))
        last_step = steps[-1] if steps else None
    # The last change of state is the submission itself (from a draft or a returned report),
    # not the head's sign-off.
    return last_step is not None and last_step.from_state in EDITABLE_STATES


def withdraw_report(
    *, report: Report, user: AbstractBaseUser | None, expected_version: int, comment: str = ""
) -> Report:
    """Take a submitted report back to draft before anyone acts on it (signs it off,
    approves or returns it). Withdrawing a report already back in draft changes nothing."""
    with transaction.atomic():
        locked = lock_report(report)
        if locked.state == ReportState.DRAFT:
            return follow_locked(locked, report)
        if not withdrawable(locked):
            raise ReportError(
                _(
                    "Only a submitted report that nobody has signed off, approved or returned "
                    "yet can be withdrawn; this one is %(state)s."
                )
                % {"state": locked.get_state_display().lower()}
            )
        check_version(locked, expected_version)
        before = locked.state
        locked.state = ReportState.DRAFT
        locked.submitted_at = None
        locked.version += 1
        locked.save(update_fields=["state", "submitted_at", "version", "updated_at"])
        obligation = locked.obligation
        set_obligation_status(obligation, _clock_status(obligation, timezone.localdate()))
        record_step(locked, user, before, comment=comment.strip())
    return follow_locked(locked, report)


def return_report(*, report: Report, user: AbstractBaseUser | None, comment: str) -> Report:
    """Send a submitted report back to its agency with what to change."""
    if not comment.strip():
        raise ReportError(_("Comment: say what the agency should change."))
    with transaction.atomic():
        locked = lock_report(report)
        if locked.state != ReportState.SUBMITTED:
            raise ReportError(_("Only a submitted report can be returned."))
        check_separate(locked, user, reviewing=True)
        locked.state = ReportState.RETURNED
        locked.version += 1
        locked.save(update_fields=["state", "version", "updated_at"])
        obligation = locked.obligation
        set_obligation_status(obligation, _clock_status(obligation, timezone.localdate()))
        record_step(locked, user, ReportState.SUBMITTED, comment=comment.strip())
    return follow_locked(locked, report)


def _approve(locked: Report, user: AbstractBaseUser | None, comment: str) -> None:
    locked.state = ReportState.APPROVED
    locked.approved_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["state", "approved_at", "version", "updated_at"])
    set_obligation_status(locked.obligation, ObligationStatus.APPROVED)
    record_step(locked, user, ReportState.SUBMITTED, comment=comment.strip())
    from cchc.indicators.actions import lock_report_values

    lock_report_values(report_id=locked.pk)


def approve_report(*, report: Report, user: AbstractBaseUser | None, comment: str = "") -> Report:
    """Accept a submitted report; it is locked from then on."""
    with transaction.atomic():
        locked = lock_report(report)
        if locked.state != ReportState.SUBMITTED:
            raise ReportError(_("Only a submitted report can be approved."))
        check_separate(locked, user, reviewing=True)
        _approve(locked, user, comment)
    return follow_locked(locked, report)


def bulk_approve(
    *, reports: Iterable[Report], user: AbstractBaseUser | None, comment: str = ""
) -> list[Report]:
    """Approve several submitted reports with one comment: all of them, or none."""
    ids = sorted({r.pk for r in reports})
    if not ids:
        raise ReportError(_("Choose the reports to approve."))
    with transaction.atomic():
        locked = list(
            Report.objects.select_for_update()
            .select_related("obligation__agency", "obligation__activity")
            .filter(pk__in=ids)
            .order_by("pk")
        )
        refused = [r for r in locked if r.state != ReportState.SUBMITTED]
        if refused or len(locked) != len(ids):
            names = "; ".join(str(r.obligation) for r in refused) or _("a report no longer there")
            raise ReportError(
                _("Nothing was approved: these reports are not awaiting review: %(reports)s.")
                % {"reports": names}
            )
        for report in locked:
            check_separate(report, user, reviewing=True)
        for report in locked:
            _approve(report, user, comment)
    return locked


def reopen_report(*, report: Report, user: AbstractBaseUser | None, reason: str) -> Report:
    """Unlock an approved report (the secretariat's decision): it goes back to its agency
    as returned, with the reason as the comment."""
    if not reason.strip():
        raise ReportError(_("Reason: say why the approved report is reopened."))
    with transaction.atomic():
        locked = lock_report(report)
        if locked.state != ReportState.APPROVED:
            raise ReportError(_("Only an approved report can be reopened."))
        locked.state = ReportState.RETURNED
        locked.approved_at = None
        locked.version += 1
        locked.save(update_fields=["state", "approved_at", "version", "updated_at"])
        obligation = locked.obligation
        set_obligation_status(obligation, _clock_status(obligation, timezone.localdate()))
        record_step(locked, user, ReportState.APPROVED, comment=reason.strip())
        from cchc.indicators.actions import lock_report_values

        lock_report_values(report_id=locked.pk, locked=False)
    return follow_locked(locked, report)


def add_evidence(
    *,
    report: Report,
    user: AbstractBaseUser | None,
    description: str,
    document_number: str = "",
    document_date: dt.date | None = None,
    issuer: str = "",
    upload: File[bytes] | None = None,
) -> Evidence:
    """Record an output delivered, with its file if one is attached (checked by content)."""
    if not description.strip():
        raise ReportError(_("Output delivered: say which expected output this is."))
    checked = None
    if upload is not None:
        try:
            checked = check_upload(
                name=upload.name,
                size=upload.size or 0,
                stream=upload,
                max_bytes=settings.CCHC_MAX_EVIDENCE_BYTES,
            )
        except FileRefused as exc:
            raise ReportError(str(exc)) from exc
    stored = ""
    try:
        with transaction.atomic():
            locked = lock_report(report)
            check_editable(locked)
            evidence = Evidence(
                report=locked,
                description=description.strip(),
                document_number=document_number.strip(),
                document_date=document_date,
                issuer=issuer.strip(),
                added_by=actor_of(user),
            )
            if upload is not None and checked is not None:
                evidence.original_name = checked.name
                evidence.size = checked.size
                evidence.content_type = checked.content_type
                evidence.file.save(stored_name(checked), upload, save=False)
                stored = evidence.file.name or ""
            evidence.save()
            record_step(locked, user, locked.state, changes=["evidence"])
    except Exception:
        # The row was not kept: neither is its file.
        if stored:
            evidence_storage.delete(stored)
        raise
    return evidence


def save_contribution(
    *, obligation: Obligation, user: AbstractBaseUser | None, text: str, submit: bool = False
) -> Contribution:
    """Write (and with ``submit``, send) a coordinating agency's contribution."""
    if not text.strip():
        raise ReportError(_("Contribution: write a few words."))
    with transaction.atomic():
        locked = Obligation.objects.select_for_update().get(pk=obligation.pk)
        if locked.role != Role.PARTNER:
            raise ReportError(_("The lead agency writes a report, not a contribution."))
        contribution = Contribution.objects.select_for_update().filter(obligation=locked).first()
        if contribution is None:
            contribution = Contribution(obligation=locked)
        elif contribution.state == ContributionState.SUBMITTED:
            if contribution.text == text.strip():
                return contribution
            raise ReportError(_("This contribution was already sent; it cannot change."))
        contribution.text = text.strip()
        contribution.author = actor_of(user)
        if submit:
            contribution.state = ContributionState.SUBMITTED
            contribution.submitted_at = timezone.now()
            set_obligation_status(locked, ObligationStatus.SUBMITTED)
        contribution.save()
    return contribution


def submit_contribution(
    *, obligation: Obligation, user: AbstractBaseUser | None, text: str
) -> Contribution:
    """Send a coordinating agency's contribution; sending the same text again is harmless."""
    return save_contribution(obligation=obligation, user=user, text=text, submit=True)
