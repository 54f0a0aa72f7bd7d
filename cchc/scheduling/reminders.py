"""Reminders before a deadline and escalation after it, sent once per obligation and stage.

``send_reminders(on=day)`` looks at unfiled obligations: those due within ``days_before``
working days get a reminder to the agency's focal points; those past their deadline get an
overdue notice, and after ``escalate_after`` working days an escalation to the secretariat.
A report the focal point already sent to the agency's head for sign-off is the head's to
move on: its reminders go to the head alone.
Each send first claims its (obligation, stage) row — a unique constraint — inside the
transaction that sends the mail, so running the command twice, or two copies at once, sends
nothing twice, and a failed send leaves no claim behind.

``send_manual_reminders(obligations=..., on=day, by=user)`` is the secretariat's button: a
reminder for each chosen obligation still unfiled, to the agency's focal points and head,
claimed per (obligation, day) so that it can go again another day but not twice the same day
(two clicks, or two posts at once, send once). The claim row records who asked.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import translation
from django.utils.translation import gettext as _

from cchc.agencies.models import Contact
from cchc.scheduling.models import Obligation, Reminder
from cchc.scheduling.workdays import add_working_days, working_days_between

# The reporting app's state of a report sent by the focal point to the agency's head.
AWAITING_SIGN_OFF = "awaiting_sign_off"


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
        # A report the focal point sent to the head (the reporting app's "awaiting_sign_off")
        # is the head's to move on.
        .annotate(
            with_head=ExpressionWrapper(
                Q(progress_report__state=AWAITING_SIGN_OFF), output_field=BooleanField()
            )
        )
        .order_by("agency_id", "deadline")
    )
    batches: dict[tuple[int, str, bool], list[Obligation]] = defaultdict(list)
    for obligation in pending:
        stage: str
        if obligation.deadline >= on:
            stage = Reminder.Stage.BEFORE
        elif working_days_between(obligation.deadline, on) >= escalate_after:
            stage = Reminder.Stage.ESCALATED
        else:
            stage = Reminder.Stage.OVERDUE
        with_head = bool(getattr(obligation, "with_head", False))
        batches[(obligation.agency_id, stage, with_head)].append(obligation)
    with translation.override(settings.LANGUAGE_CODE):
        for (agency_id, stage, with_head), obligations in batches.items():
            roles: tuple[str, ...] = (Contact.Role.FOCAL_POINT,)
            if with_head:
                roles = (Contact.Role.HEAD,)
            elif stage != Reminder.Stage.BEFORE:
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


def send_manual_reminders(
    *, obligations: Iterable[Obligation], on: dt.date, by: AbstractBaseUser | None
) -> ReminderResult:
    """Remind the agencies of ``obligations`` now, at the secretariat's request.

    Each obligation still unfiled gets one e-mail to its agency's active focal points and
    head; those already filed (submitted, approved, not applicable) are left out and not
    counted. An obligation reminded by hand earlier on ``on`` is skipped: its claim row
    (stage ``manual``, ``sent_on=on``) is unique, so two clicks or two posts at once send once.
    """
    result = ReminderResult()
    ids = {o.pk for o in obligations}
    pending = (
        Obligation.objects.unfiled()
        .filter(pk__in=ids)
        .select_related("agency", "activity")
        .order_by("agency_id", "deadline", "pk")
    )
    batches: dict[int, list[Obligation]] = defaultdict(list)
    for obligation in pending:
        batches[obligation.agency_id].append(obligation)
    requested_by = by if isinstance(by, User) else None
    with translation.override(settings.LANGUAGE_CODE):
        for agency_id, batch in batches.items():
            recipients = _recipients(agency_id, (Contact.Role.FOCAL_POINT, Contact.Role.HEAD))
            if not recipients:
                result.no_contact += len(batch)
                continue
            for obligation in batch:
                if _send_one(obligation, Reminder.Stage.MANUAL, recipients, on, by=requested_by):
                    result.sent += 1
                else:
                    result.skipped += 1
    return result


def _send_one(
    obligation: Obligation,
    stage: str,
    recipients: list[str],
    on: dt.date,
    *,
    by: User | None = None,
) -> bool:
    manual = stage == Reminder.Stage.MANUAL
    try:
        with transaction.atomic():
            Reminder.objects.create(
                obligation=obligation,
                stage=stage,
                recipients=recipients,
                sent_on=on if manual else None,
                requested_by=by if manual else None,
            )
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
    if stage == Reminder.Stage.MANUAL:
        # The secretariat's reminder: the lead says whether the deadline has passed.
        subject = (
            _("Reminder from the PAR secretariat: report for %(period)s (deadline %(deadline)s)")
            % values
        )
        due = Reminder.Stage.BEFORE if obligation.deadline >= on else Reminder.Stage.OVERDUE
        return subject, _message(obligation, due, on)[1]
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
