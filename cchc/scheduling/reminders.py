"""Reminders before a deadline and escalation after it, sent once per obligation and stage.

``plan_reminders(on=day)`` says what would go out, to whom, without sending: the unfiled
obligations due within ``days_before`` working days get a reminder to the agency's focal
points; those past their deadline an overdue notice to its focal points and head, and after
``escalate_after`` working days an escalation copied to the secretariat. A report the focal
point already sent to the agency's head for sign-off is the head's to move on: its reminders
go to the head alone. ``send_reminders(on=day)`` sends that plan (the confirmation page shows
the plan first; the command prints whom it wrote to).

Recipients (``Audience``) are the agency's active members in the role who have an e-mail
address (``accounts.Membership``) and its active contacts in the role (``agencies.Contact``,
for people without an account); the secretariat is every active secretariat member and
contact.

One run writes each person one e-mail, listing every item of every agency it reminds them
of (a head of two agencies, the secretariat of every escalation: one e-mail each), not one
e-mail per report. The run first claims each (obligation, stage) row — a unique constraint —
in one transaction, and then sends the e-mails outside it (slow mail holds no database lock),
so running the command twice, or two copies at once, sends nothing twice; a failed send takes
its run's claims back (a retry may then write again to those the failed run had already
reached).

``send_manual_reminders(obligations=..., on=day, by=user)`` is the secretariat's button: a
reminder for each chosen obligation still unfiled, to the agency's focal points and head
(again one e-mail per person), claimed per (obligation, day) so that it can go again another
day but not twice the same day (two clicks, or two posts at once, send once). The claim row
records who asked.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import translation
from django.utils.translation import gettext_lazy, ngettext

from cchc.accounts.models import Membership
from cchc.agencies.models import Contact
from cchc.notifications.actions import notify_reminder
from cchc.scheduling.models import Obligation, Reminder
from cchc.scheduling.workdays import WorkCalendar, add_working_days, working_days_between

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# The reporting app's state of a report sent by the focal point to the agency's head.
AWAITING_SIGN_OFF = "awaiting_sign_off"
# The roles reminders go to; the same values name a membership's role and a contact's.
FOCAL_POINT = Contact.Role.FOCAL_POINT.value
HEAD = Contact.Role.HEAD.value
SECRETARIAT = Contact.Role.SECRETARIAT.value
AUTOMATIC_STAGES = (Reminder.Stage.BEFORE, Reminder.Stage.OVERDUE, Reminder.Stage.ESCALATED)
# The most reports one e-mail lists (the secretariat's escalations may be thousands); the
# rest are counted.
MAX_LISTED = 100


@dataclass(slots=True)
class Batch:
    """The reminders of one stage for one agency's obligations, and whom they go to."""

    agency_id: int
    agency_name: str
    stage: str
    obligations: list[Obligation]
    recipients: list[str]
    # The reports await the head's sign-off: the reminder is the head's.
    with_head: bool = False
    # Someone of the agency itself is written to (an escalation may reach the secretariat
    # alone).
    reaches_agency: bool = True

    @property
    def periods(self) -> list[str]:
        return sorted({o.period_label for o in self.obligations})

    @property
    def stage_label(self) -> str:
        return str(Reminder.Stage(self.stage).label)


@dataclass(slots=True)
class ReminderPlan:
    """What ``send_reminders`` would send on a day: batches with recipients, batches without
    anyone to send to, and how many were already sent."""

    on: dt.date
    batches: list[Batch] = field(default_factory=list)
    unreachable: list[Batch] = field(default_factory=list)
    already_sent: int = 0

    @property
    def to_send(self) -> int:
        return sum(len(b.obligations) for b in self.batches)

    @property
    def no_contact(self) -> int:
        return sum(len(b.obligations) for b in self.unreachable)

    @property
    def periods(self) -> list[str]:
        return sorted({p for b in [*self.batches, *self.unreachable] for p in b.periods})

    @property
    def recipients(self) -> list[str]:
        return sorted({r for b in self.batches for r in b.recipients})


@dataclass(slots=True)
class ReminderResult:
    sent: int = 0
    skipped: int = 0  # already sent earlier, or by a concurrent run
    emails: int = 0  # e-mails written: one per person reached
    no_contact: int = 0
    # Whom each agency's reminders went to: (agency name, stage, reminders sent, recipients).
    sent_to: list[tuple[str, str, int, list[str]]] = field(default_factory=list)
    # The agencies with reminders due and nobody to send them to.
    unreachable: list[str] = field(default_factory=list)


class Audience:
    """The addresses of the agencies' focal points, heads and of the secretariat, read in
    three queries: active members with an address, and active contacts."""

    def __init__(self, agency_ids: Collection[int]) -> None:
        self._by_role: dict[tuple[int, str], set[str]] = defaultdict(set)
        members = Membership.objects.active().filter(user__is_active=True).exclude(user__email="")
        for agency_id, role, email in members.filter(
            agency_id__in=agency_ids, role__in=(FOCAL_POINT, HEAD)
        ).values_list("agency_id", "role", "user__email"):
            self._by_role[(agency_id, role)].add(email)
        contacts = Contact.objects.filter(active=True).exclude(email="")
        for agency_id, role, email in contacts.filter(
            agency_id__in=agency_ids, role__in=(FOCAL_POINT, HEAD)
        ).values_list("agency_id", "role", "email"):
            self._by_role[(agency_id, role)].add(email)
        self.secretariat = sorted(
            set(members.filter(role=SECRETARIAT).values_list("user__email", flat=True))
            | set(contacts.filter(role=SECRETARIAT).values_list("email", flat=True))
        )

    def of(self, agency_id: int, roles: Iterable[str]) -> list[str]:
        addresses: set[str] = set()
        for role in roles:
            addresses |= self._by_role.get((agency_id, role), set())
        return sorted(addresses)


def _stager(on: dt.date, escalate_after: int) -> Callable[[dt.date], str]:
    """The stage of a reminder by the obligation's deadline: one calendar, and one answer
    per deadline (a period's obligations share theirs), for thousands of obligations."""
    calendar = WorkCalendar()

    @functools.cache
    def stage(deadline: dt.date) -> str:
        if deadline >= on:
            return Reminder.Stage.BEFORE
        if working_days_between(deadline, on, calendar=calendar) >= escalate_after:
            return Reminder.Stage.ESCALATED
        return Reminder.Stage.OVERDUE

    return stage


def plan_reminders(*, on: dt.date, days_before: int = 3, escalate_after: int = 5) -> ReminderPlan:
    """What ``send_reminders`` would send on ``on``, and to whom; sends nothing."""
    stage_of = _stager(on, escalate_after)
    horizon = add_working_days(on, days_before)
    pending = list(
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
        .order_by("agency__name", "agency_id", "deadline", "pk")
    )
    sent = set(
        Reminder.objects.filter(
            obligation_id__in=[o.pk for o in pending], stage__in=AUTOMATIC_STAGES
        ).values_list("obligation_id", "stage")
    )
    result = ReminderPlan(on=on)
    groups: dict[tuple[int, str, bool], list[Obligation]] = defaultdict(list)
    for obligation in pending:
        stage = stage_of(obligation.deadline)
        if (obligation.pk, stage) in sent:
            result.already_sent += 1
            continue
        with_head = bool(getattr(obligation, "with_head", False))
        groups[(obligation.agency_id, stage, with_head)].append(obligation)
    audience = Audience({agency_id for agency_id, _stage_, _head in groups})
    for (agency_id, stage, with_head), obligations in groups.items():
        roles: tuple[str, ...] = (FOCAL_POINT,)
        if with_head:
            roles = (HEAD,)
        elif stage != Reminder.Stage.BEFORE:
            roles = (FOCAL_POINT, HEAD)
        of_agency = audience.of(agency_id, roles)
        recipients = of_agency
        if stage == Reminder.Stage.ESCALATED:
            recipients = sorted(set(recipients) | set(audience.secretariat))
        batch = Batch(
            agency_id,
            obligations[0].agency.name,
            stage,
            obligations,
            recipients,
            with_head=with_head,
            reaches_agency=bool(of_agency),
        )
        (result.batches if recipients else result.unreachable).append(batch)
    return result


def send_reminders(*, on: dt.date, days_before: int = 3, escalate_after: int = 5) -> ReminderResult:
    """Send what ``plan_reminders`` lists; each reminder once, however often it runs."""
    plan = plan_reminders(on=on, days_before=days_before, escalate_after=escalate_after)
    result = ReminderResult(
        skipped=plan.already_sent,
        no_contact=plan.no_contact,
        unreachable=sorted({b.agency_name for b in plan.unreachable}),
    )
    groups = [(b.agency_name, b.stage, b.obligations, b.recipients) for b in plan.batches]
    for batch, sent in zip(plan.batches, _deliver(result, groups, on), strict=True):
        if sent:
            _to_inbox(batch, sent)
    return result


def _to_inbox(batch: Batch, sent: int) -> None:
    """The batch in the inbox of each user it went to (one notification per user)."""
    roles: tuple[str, ...] = (FOCAL_POINT,)
    if batch.with_head:
        roles = (HEAD,)
    elif batch.stage != Reminder.Stage.BEFORE:
        roles = (FOCAL_POINT, HEAD)
    notify_reminder(
        agency_id=batch.agency_id,
        agency_name=batch.agency_name,
        roles=roles,
        count=sent,
        periods=batch.periods,
        stage_label=batch.stage_label,
        secretariat=batch.stage == Reminder.Stage.ESCALATED,
    )


def send_manual_reminders(
    *, obligations: Iterable[Obligation], on: dt.date, by: AbstractBaseUser | None
) -> ReminderResult:
    """Remind the agencies of ``obligations`` now, at the secretariat's request.

    Each obligation still unfiled is reminded to its agency's focal points and head (members
    and contacts), each person in one e-mail listing all of theirs; those already filed
    (submitted, approved, not applicable) are left out and not counted. An obligation
    reminded by hand earlier on ``on`` is skipped: its claim row (stage ``manual``,
    ``sent_on=on``) is unique, so two clicks or two posts at once send once.
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
    audience = Audience(set(batches))
    groups: list[_Group] = []
    for batch in batches.values():
        recipients = audience.of(batch[0].agency_id, (FOCAL_POINT, HEAD))
        if recipients:
            groups.append((batch[0].agency.name, Reminder.Stage.MANUAL, batch, recipients))
        else:
            result.no_contact += len(batch)
            result.unreachable.append(batch[0].agency.name)
    counts = _deliver(result, groups, on, by=requested_by)
    for (name, stage, batch, _recipients), sent in zip(groups, counts, strict=True):
        if sent:
            notify_reminder(
                agency_id=batch[0].agency_id,
                agency_name=name,
                roles=(FOCAL_POINT, HEAD),
                count=sent,
                periods=sorted({o.period_label for o in batch}),
                stage_label=str(Reminder.Stage(stage).label),
            )
    return result


# One agency's reminders of one stage: (agency name, stage, obligations, recipients).
_Group = tuple[str, str, list[Obligation], list[str]]


def _deliver(
    result: ReminderResult, groups: list[_Group], on: dt.date, *, by: User | None = None
) -> list[int]:
    """Send the groups' reminders (``_send``), count them into ``result``; how many of each
    group went out, in the groups' order."""
    claimed, result.emails = _send(
        [_Due(o, stage, recipients) for _name, stage, batch, recipients in groups for o in batch],
        on,
        by=by,
    )
    counts: list[int] = []
    for name, stage, batch, recipients in groups:
        sent = sum((o.pk, stage) in claimed for o in batch)
        result.sent += sent
        result.skipped += len(batch) - sent
        if sent:
            result.sent_to.append((name, stage, sent, recipients))
        counts.append(sent)
    return counts


@dataclass(slots=True)
class _Due:
    """One obligation to remind of, at a stage, and whom to write to."""

    obligation: Obligation
    stage: str
    recipients: list[str]


def _send(
    dues: list[_Due], on: dt.date, *, by: User | None = None
) -> tuple[set[tuple[int, str]], int]:
    """Claim each reminder (one transaction, committed: a concurrent run skips them), then
    write each person one e-mail listing everything claimed for them, outside the
    transaction, so that slow mail holds no database lock. A failed send takes the claims
    back. The (obligation, stage) pairs claimed, and how many e-mails went out."""
    with transaction.atomic():
        claims = [(due, row) for due in dues if (row := _claim(due, on, by=by)) is not None]
    claimed = [due for due, _row in claims]
    with translation.override(settings.LANGUAGE_CODE):
        messages = _messages(claimed, on)
    if messages:
        try:
            get_connection().send_messages(messages)
        except Exception:
            Reminder.objects.filter(pk__in=[row.pk for _due, row in claims]).delete()
            raise
    return {(due.obligation.pk, due.stage) for due in claimed}, len(messages)


def _claim(due: _Due, on: dt.date, *, by: User | None) -> Reminder | None:
    """The reminder's row, unless it was sent before (or is being sent by another run)."""
    manual = due.stage == Reminder.Stage.MANUAL
    try:
        with transaction.atomic():
            return Reminder.objects.create(
                obligation=due.obligation,
                stage=due.stage,
                recipients=due.recipients,
                sent_on=on if manual else None,
                requested_by=by if manual else None,
            )
    except IntegrityError:
        return None


def _messages(claimed: list[_Due], on: dt.date) -> list[EmailMessage]:
    """One e-mail per person: everything claimed for them, by agency and deadline."""
    by_recipient: dict[str, list[_Due]] = defaultdict(list)
    for due in claimed:
        for recipient in due.recipients:
            by_recipient[recipient].append(due)
    return [
        EmailMessage(*_digest(dues, on), None, [recipient])
        for recipient, dues in sorted(by_recipient.items())
    ]


class _Words(NamedTuple):
    """What an e-mail of a stage says: its subject about one report, about several, and the
    line for each report (the secretariat's reminder uses the line of the report's clock)."""

    one: StrPromise
    several: StrPromise
    line: StrPromise | None


_WORDS = {
    Reminder.Stage.MANUAL: _Words(
        gettext_lazy(
            "Reminder from the PAR secretariat: report for %(period)s (deadline %(deadline)s)"
        ),
        gettext_lazy(
            "Reminder from the PAR secretariat: %(count)s reports, the earliest due on %(deadline)s"
        ),
        None,
    ),
    Reminder.Stage.ESCALATED: _Words(
        gettext_lazy("Escalation: %(agency)s has not reported for %(period)s"),
        gettext_lazy(
            "Escalation: %(count)s reports not submitted, the earliest due on %(deadline)s"
        ),
        gettext_lazy(
            "%(agency)s has not submitted its report on activity %(number)s for "
            "%(period)s, due on %(deadline)s."
        ),
    ),
    Reminder.Stage.OVERDUE: _Words(
        gettext_lazy("Overdue: report for %(period)s (deadline %(deadline)s)"),
        gettext_lazy("Overdue: %(count)s reports, the earliest due on %(deadline)s"),
        gettext_lazy(
            "The report of %(agency)s on activity %(number)s for %(period)s was due on "
            "%(deadline)s and has not been submitted."
        ),
    ),
    Reminder.Stage.BEFORE: _Words(
        gettext_lazy("Reminder: report for %(period)s due on %(deadline)s"),
        gettext_lazy("Reminder: %(count)s reports due, the earliest on %(deadline)s"),
        gettext_lazy(
            "The report of %(agency)s on activity %(number)s for %(period)s is due on %(deadline)s."
        ),
    ),
}


def _digest(dues: list[_Due], on: dt.date) -> tuple[str, str]:
    """The subject and body of one person's e-mail: one report as it always was; several
    listed, under the subject of the most urgent stage among them (``_WORDS``' order)."""
    if len(dues) == 1:
        return _message(dues[0].obligation, dues[0].stage, on)
    dues = sorted(
        dues,
        key=lambda d: (d.obligation.agency.name, d.obligation.deadline, d.obligation.pk),
    )
    values = {
        "count": len(dues),
        "deadline": min(d.obligation.deadline for d in dues).strftime("%d/%m/%Y"),
    }
    stages = {due.stage for due in dues}
    stage = next(s for s in _WORDS if s in stages)
    lead = ngettext(
        "%(count)s report needs your attention:",
        "%(count)s reports need your attention:",
        len(dues),
    ) % {"count": len(dues)}
    items = "\n".join(_message(d.obligation, d.stage, on)[1] for d in dues[:MAX_LISTED])
    if len(dues) > MAX_LISTED:
        more = len(dues) - MAX_LISTED
        items += "\n" + ngettext(
            "… and %(count)s more report: see what is due in the application.",
            "… and %(count)s more reports: see what is due in the application.",
            more,
        ) % {"count": more}
    return _WORDS[stage].several % values, f"{lead}\n\n{items}"


def _message(obligation: Obligation, stage: str, on: dt.date) -> tuple[str, str]:
    """The subject and body of an e-mail about one report."""
    values = {
        "agency": obligation.agency.name,
        "period": obligation.period_label,
        "number": obligation.activity.number,
        "title": obligation.activity.title[:200],
        "deadline": obligation.deadline.strftime("%d/%m/%Y"),
    }
    words = _WORDS[Reminder.Stage(stage)]
    line = words.line
    if line is None:
        # The secretariat's reminder: the line says whether the deadline has passed.
        clock = Reminder.Stage.BEFORE if obligation.deadline >= on else Reminder.Stage.OVERDUE
        line = _WORDS[clock].line
    assert line is not None
    return words.one % values, f"{line % values}\n\n{values['number']}. {values['title']}\n"
