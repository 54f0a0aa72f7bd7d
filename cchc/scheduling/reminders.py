"""Reminders before a deadline and escalation after it, sent once per obligation and stage.

``send_reminders(on=day)`` looks at unfiled obligations: those due within ``days_before``
working days get a reminder to the agency's focal points; those past their deadline get an
overdue notice, and after ``escalate_after`` working days an escalation to the secretariat.
Each send first claims its (obligation, stage) row — a unique constraint — inside the
transaction that sends the mail, so running the command twice, or two copies at once, sends
nothing twice, and a failed send leaves no claim behind.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from cchc.agencies.models import Contact
from cchc.scheduling.models import Obligation, Reminder
from cchc.scheduling.workdays import add_working_days, working_days_between


@dataclass(slots=True)
class ReminderResult:
    sent: int = 0
    skipped: int = 0  # already sent earlier, or by a concurrent run
    no_contact: int = 0


def _recipients(agency_id: int, roles: tuple[str, ...]) -> list[str]:
    return sorted(
        set(
            Contact.objects.filter(agency_id=agency_id, active=True, role__in=roles).values_list(
                "email", flat=True
            )
        )
    )


def _secretariat() -> list[str]:
    return sorted(
        set(
            Contact.objects.filter(role=Contact.Role.SECRETARIAT, active=True).values_list(
                "email", flat=True
            )
        )
    )


def send_reminders(*, on: dt.date, days_before: int = 3, escalate_after: int = 5) -> ReminderResult:
    result = ReminderResult()
    horizon = add_working_days(on, days_before)
    pending = (
        Obligation.objects.unfiled()
        .filter(deadline__lte=horizon, period_start__lte=on)
        .select_related("agency", "activity")
        .order_by("agency_id", "deadline")
    )
    batches: dict[tuple[int, str], list[Obligation]] = defaultdict(list)
    for obligation in pending:
        stage: str
        if obligation.deadline >= on:
            stage = Reminder.Stage.BEFORE
        elif working_days_between(obligation.deadline, on) >= escalate_after:
            stage = Reminder.Stage.ESCALATED
        else:
            stage = Reminder.Stage.OVERDUE
        batches[(obligation.agency_id, stage)].append(obligation)
    with translation.override(settings.LANGUAGE_CODE):
        for (agency_id, stage), obligations in batches.items():
            roles: tuple[str, ...] = (Contact.Role.FOCAL_POINT,)
            if stage != Reminder.Stage.BEFORE:
                roles = (Contact.Role.FOCAL_POINT, Contact.Role.HEAD)
            recipients = _recipients(agency_id, roles)
            if stage == Reminder.Stage.ESCALATED:
                recipients = sorted(set(recipients) | set(_secretariat()))
            if not recipients:
                result.no_contact += len(obligations)
                continue
            for obligation in obligations:
                if _send_one(obligation, stage, recipients, on):
                    result.sent += 1
                else:
                    result.skipped += 1
    return result


def _send_one(obligation: Obligation, stage: str, recipients: list[str], on: dt.date) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(obligation=obligation, stage=stage, recipients=recipients)
            subject, body = _message(obligation, stage, on)
            send_mail(subject, body, None, recipients)
    except IntegrityError:
        return False
    return True


def _message(obligation: Obligation, stage: str, on: dt.date) -> tuple[str, str]:
    values = {
        "agency": obligation.agency.name,
        "period": obligation.period_label,
        "number": obligation.activity.number,
        "title": obligation.activity.title[:200],
        "deadline": obligation.deadline.strftime("%d/%m/%Y"),
    }
    if stage == Reminder.Stage.BEFORE:
        subject = _("Reminder: report for %(period)s due on %(deadline)s") % values
        lead = (
            _(
                "The report of %(agency)s on activity %(number)s for %(period)s is due on "
                "%(deadline)s."
            )
            % values
        )
    elif stage == Reminder.Stage.OVERDUE:
        subject = _("Overdue: report for %(period)s (deadline %(deadline)s)") % values
        lead = (
            _(
                "The report of %(agency)s on activity %(number)s for %(period)s was due on "
                "%(deadline)s and has not been submitted."
            )
            % values
        )
    else:
        subject = _("Escalation: %(agency)s has not reported for %(period)s") % values
        lead = (
            _(
                "%(agency)s has not submitted its report on activity %(number)s for "
                "%(period)s, due on %(deadline)s."
            )
            % values
        )
    return subject, f"{lead}\n\n{values['number']}. {values['title']}\n"
