"""E-mails on the workflow's steps, so that nobody has to watch a list to know it is their
turn: the head when a report awaits their sign-off, the focal points when it is returned or
approved.

``record_step`` (the actions' history writer) calls ``after_step`` for every change of state;
the mail goes once the step's transaction commits (a rolled-back step sends nothing), and a
mail server that fails is logged, never undoes the step. Recipients are the agency's active
members in the role and its contacts in the role (``agencies.Contact``), without the person
who took the step.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cchc.accounts.models import Membership
from cchc.accounts.models import Role as MemberRole
from cchc.agencies.models import Contact
from cchc.core.tasks import background, enqueue
from cchc.reporting.models import ReportState, ReportTransition

logger = logging.getLogger(__name__)

# Who hears of a step into each state: (membership role, contact role).
AUDIENCE: dict[str, tuple[str, str]] = {
    ReportState.AWAITING_SIGN_OFF: (MemberRole.HEAD, Contact.Role.HEAD),
    ReportState.RETURNED: (MemberRole.FOCAL_POINT, Contact.Role.FOCAL_POINT),
    ReportState.APPROVED: (MemberRole.FOCAL_POINT, Contact.Role.FOCAL_POINT),
}


def recipients(*, agency_id: int, to_state: str, actor: User | None = None) -> list[str]:
    """The addresses told of a step of an agency's report into ``to_state``, without the
    actor's own."""
    if to_state not in AUDIENCE:
        return []
    member_role, contact_role = AUDIENCE[to_state]
    addresses = set(
        Membership.objects.active()
        .filter(agency_id=agency_id, role=member_role, user__is_active=True)
        .values_list("user__email", flat=True)
    )
    addresses |= set(
        Contact.objects.filter(agency_id=agency_id, role=contact_role, active=True).values_list(
            "email", flat=True
        )
    )
    if actor is not None:
        addresses.discard(actor.email)
    return sorted(a for a in addresses if a)


def after_step(transition: ReportTransition) -> None:
    """Queue the step's e-mail (nothing for edits): a background task written in the step's
    transaction, sent by ``cchc worker`` once it commits (cchc.core.tasks)."""
    if transition.is_step and transition.to_state in AUDIENCE:
        # By name: the worker imports the function when it runs the task.
        enqueue("cchc.reporting.notify.send_step_mail", transition_id=transition.pk)


@background
def send_step_mail(transition_id: int) -> bool:
    """Tell the audience of one step; whether a mail went out. Failures are logged."""
    transition = (
        ReportTransition.objects.select_related(
            "actor", "report__obligation__agency", "report__obligation__activity"
        )
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        return False
    obligation = transition.report.obligation
    to = recipients(
        agency_id=obligation.agency_id, to_state=transition.to_state, actor=transition.actor
    )
    if not to:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _message(transition)
    try:
        send_mail(subject, body, None, to)
    except Exception:
        logger.exception("Could not send the e-mail of report step %s", transition_id)
        return False
    return True


def _message(transition: ReportTransition) -> tuple[str, str]:
    obligation = transition.report.obligation
    values = {
        "number": obligation.activity.number,
        "title": obligation.activity.title[:200],
        "agency": obligation.agency.name,
        "period": obligation.period_label,
        "by": transition.actor.get_full_name() or transition.actor.get_username()
        if transition.actor
        else _("the system"),
        "comment": transition.comment or "—",
        "link": settings.CCHC_SITE_URL + reverse("reporting:obligation", args=[obligation.pk]),
    }
    if transition.to_state == ReportState.AWAITING_SIGN_OFF:
        subject = _("Report awaiting your sign-off: activity %(number)s, %(period)s") % values
        lead = _("%(by)s sent the report of %(agency)s for your sign-off.") % values
    elif transition.to_state == ReportState.RETURNED:
        subject = _("Report returned for changes: activity %(number)s, %(period)s") % values
        lead = _("%(by)s returned the report of %(agency)s for changes.") % values
    else:
        subject = _("Report approved: activity %(number)s, %(period)s") % values
        lead = _("%(by)s approved the report of %(agency)s.") % values
    body = "\n".join(
        [
            lead,
            "",
            _("Activity %(number)s: %(title)s") % values,
            _("Reporting period: %(period)s") % values,
            _("Comment: %(comment)s") % values,
            "",
            _("Open the report: %(link)s") % values,
        ]
    )
    return subject, body
