"""The agency head's sign-off: where an agency asks for it, the focal point's report goes to
the head first (``awaiting_sign_off``); the head signs it off, which sends it to the
secretariat, or returns it to the focal point with a comment.

Whether an agency asks for it is a ``SignOffSetting`` changed by ``set_sign_off`` (the head of
the agency or the secretariat decides; callers check who). Turning it off leaves the reports
already awaiting sign-off with the head, who still signs them off or returns them.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts.models import Membership, Role
from cchc.agencies.models import Agency
from cchc.reporting.actions import (
    ReportError,
    actor_of,
    check_separate,
    check_version,
    follow_locked,
    lock_report,
    record_step,
    set_obligation_status,
)
from cchc.reporting.models import Report, ReportState, SignOffSetting
from cchc.scheduling.models import ObligationStatus


def set_sign_off(
    *, agency: Agency, required: bool, by: AbstractBaseUser | None, reason: str = ""
) -> SignOffSetting | None:
    """Ask (or stop asking) for the head's sign-off of the agency's reports; the setting in
    force (None: never asked). Asking is refused while the agency has no active head, whose
    absence would hold every report back."""
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        rows = SignOffSetting.objects.filter(agency=locked)
        latest = rows.order_by(*SignOffSetting.NEWEST_FIRST).first()
        if latest is not None and latest.required == required:
            return latest
        if latest is None and not required:
            # Never asked: nothing to record.
            return None
        if required and not (
            Membership.objects.active().filter(agency=locked, role=Role.HEAD).exists()
        ):
            raise ReportError(
                _(
                    "%(agency)s has no head in the application: add the head as a member "
                    "before asking for their sign-off."
                )
                % {"agency": locked.name}
            )
        return SignOffSetting.objects.create(
            agency=locked, required=required, reason=reason.strip(), changed_by=actor_of(by)
        )


def sign_off_report(
    *,
    report: Report,
    user: AbstractBaseUser | None,
    expected_version: int,
    comment: str = "",
    now: dt.datetime | None = None,
) -> Report:
    """The head signs the report off: it goes to the secretariat, submitted now. Signing off
    a report that has already gone on changes nothing."""
    moment = now or timezone.now()
    with transaction.atomic():
        locked = lock_report(report)
        if locked.state in (ReportState.SUBMITTED, ReportState.APPROVED):
            return follow_locked(locked, report)
        if locked.state != ReportState.AWAITING_SIGN_OFF:
            raise ReportError(_("Only a report awaiting the head's sign-off can be signed off."))
        check_version(locked, expected_version)
        check_separate(locked, user, reviewing=False)
        locked.state = ReportState.SUBMITTED
        locked.submitted_at = moment
        locked.version += 1
        locked.save(update_fields=["state", "submitted_at", "version", "updated_at"])
        set_obligation_status(locked.obligation, ObligationStatus.SUBMITTED)
        record_step(locked, user, ReportState.AWAITING_SIGN_OFF, comment=comment.strip())
    return follow_locked(locked, report)


def decline_sign_off(
    *,
    report: Report,
    user: AbstractBaseUser | None,
    comment: str,
    expected_version: int | None = None,
) -> Report:
    """The head sends the report back to the focal point with what to change (the comment,
    kept on the transition). With ``expected_version``, a report changed since the head read
    it is refused (``VersionConflict``)."""
    if not comment.strip():
        raise ReportError(_("Comment: say what the focal point should change."))
    with transaction.atomic():
        locked = lock_report(report)
        if locked.state != ReportState.AWAITING_SIGN_OFF:
            raise ReportError(_("Only a report awaiting the head's sign-off can be returned."))
        if expected_version is not None:
            check_version(locked, expected_version)
        check_separate(locked, user, reviewing=False)
        locked.state = ReportState.RETURNED
        locked.version += 1
        locked.save(update_fields=["state", "version", "updated_at"])
        record_step(locked, user, ReportState.AWAITING_SIGN_OFF, comment=comment.strip())
    return follow_locked(locked, report)
