"""Every change of notifications: ``notify`` writes them (the one function the workflow's
actions and the reminders call, inside their own transaction, so that a rolled-back step
notifies nobody), ``mark_read`` / ``mark_all_read`` mark them read, ``prune`` deletes old ones.

Who hears of a report's step (``notify_step``, called by ``reporting.actions.record_step``):

- returned by the secretariat, approved, reopened: the agency's focal points;
- sent for the head's sign-off: the agency's heads;
- sign-off declined, signed off: whoever sent the report to the head (else the focal points);

always without the person who took the step. Reminders (``notify_reminder``): one notification
per recipient user and batch of the agency's reports, in the roles the e-mail went to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cchc.accounts.models import Membership
from cchc.accounts.models import Role as MemberRole
from cchc.notifications.models import (
    COMMENT_MAX,
    TEXT_MAX,
    URL_MAX,
    Notification,
    NotificationKind,
)
from cchc.reporting.models import Report, ReportState, ReportTransition


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split()) if limit <= TEXT_MAX else text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def notify(
    *,
    recipients: Iterable[int],
    kind: str,
    url: str,
    text: str,
    report: Report | None = None,
    comment: str = "",
    actor: AbstractBaseUser | None = None,
) -> list[Notification]:
    """One notification for each recipient (user ids; repeated ones once, the actor never)."""
    if kind not in NotificationKind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    if not url.startswith("/") or len(url) > URL_MAX:
        raise ValueError(f"a notification links to a page of the site, not {url!r}")
    actor_id = actor.pk if actor is not None else None
    ids = sorted({pk for pk in recipients if pk is not None and pk != actor_id})
    if not ids:
        return []
    now = timezone.now()
    rows = [
        Notification(
            recipient_id=pk,
            kind=kind,
            report=report,
            url=url,
            text=_clip(text, TEXT_MAX),
            comment=_clip(comment, COMMENT_MAX),
            actor_id=actor_id if isinstance(actor, User) else None,
            created_at=now,
        )
        for pk in ids
    ]
    with transaction.atomic():
        return Notification.objects.bulk_create(rows)


def members(*, agency_id: int, roles: Iterable[str]) -> list[int]:
    """The active users who are active members of the agency in one of ``roles``."""
    return sorted(
        set(
            Membership.objects.active()
            .filter(agency_id=agency_id, role__in=list(roles), user__is_active=True)
            .values_list("user_id", flat=True)
        )
    )


def _sender(report: Report) -> int | None:
    """Who last sent the report to the head for sign-off."""
    return (
        ReportTransition.objects.filter(report=report, to_state=ReportState.AWAITING_SIGN_OFF)
        .exclude(from_state=ReportState.AWAITING_SIGN_OFF)
        .exclude(actor=None)
        .order_by("-at", "-pk")
        .values_list("actor_id", flat=True)
        .first()
    )


def step_kind(transition: ReportTransition) -> str | None:
    """The kind of notification a step of the workflow gives, if any."""
    before, after = transition.from_state, transition.to_state
    if before == after:
        return None
    if after == ReportState.RETURNED:
        if before == ReportState.AWAITING_SIGN_OFF:
            return NotificationKind.SIGN_OFF_DECLINED
        if before == ReportState.APPROVED:
            return NotificationKind.REOPENED
        return NotificationKind.RETURNED
    if after == ReportState.APPROVED:
        return NotificationKind.APPROVED
    if after == ReportState.AWAITING_SIGN_OFF:
        return NotificationKind.SIGN_OFF_REQUESTED
    if after == ReportState.SUBMITTED and before == ReportState.AWAITING_SIGN_OFF:
        return NotificationKind.SIGNED_OFF
    return None


def step_recipients(transition: ReportTransition, kind: str) -> list[int]:
    report = transition.report
    agency_id = report.obligation.agency_id
    if kind == NotificationKind.SIGN_OFF_REQUESTED:
        return members(agency_id=agency_id, roles=[MemberRole.HEAD])
    if kind in (NotificationKind.SIGN_OFF_DECLINED, NotificationKind.SIGNED_OFF):
        sender = _sender(report)
        if sender is not None:
            return [sender]
    return members(agency_id=agency_id, roles=[MemberRole.FOCAL_POINT])


def report_summary(report: Report) -> str:
    obligation = report.obligation
    return _("%(number)s. %(title)s · %(agency)s · %(period)s") % {
        "number": obligation.activity.number,
        "title": obligation.activity.title[:160],
        "agency": obligation.agency.short_name or obligation.agency.name,
        "period": obligation.period_label,
    }


def notify_step(transition: ReportTransition) -> list[Notification]:
    """The notifications of one step of a report's workflow (none for edits and evidence)."""
    kind = step_kind(transition)
    if kind is None:
        return []
    report = transition.report
    recipients = step_recipients(transition, kind)
    if not recipients:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        text = report_summary(report)
    return notify(
        recipients=recipients,
        kind=kind,
        url=reverse("reporting:obligation", args=[report.obligation_id]),
        text=text,
        report=report,
        comment=transition.comment,
        actor=transition.actor,
    )


def notify_reminder(
    *,
    agency_id: int,
    agency_name: str,
    roles: Iterable[str],
    count: int,
    periods: Iterable[str],
    stage_label: str,
    secretariat: bool = False,
) -> list[Notification]:
    """One reminder in the inbox of each member of the agency in ``roles`` (and, for an
    escalation, of the secretariat) for a batch of ``count`` reports."""
    recipients = members(agency_id=agency_id, roles=roles)
    if secretariat:
        recipients += list(
            Membership.objects.active()
            .filter(role=MemberRole.SECRETARIAT, user__is_active=True)
            .values_list("user_id", flat=True)
        )
    with translation.override(settings.LANGUAGE_CODE):
        text = _("%(stage)s: %(count)s reports of %(agency)s for %(periods)s") % {
            "stage": stage_label,
            "count": count,
            "agency": agency_name,
            "periods": ", ".join(periods),
        }
    return notify(
        recipients=recipients,
        kind=NotificationKind.REMINDER,
        url=reverse("scheduling:agency_due", args=[agency_id]),
        text=text,
    )


def mark_read(*, notification: Notification, now: dt.datetime | None = None) -> Notification:
    """Mark one notification read (already read: unchanged)."""
    if notification.read_at is None:
        moment = now or timezone.now()
        updated = Notification.objects.filter(pk=notification.pk, read_at=None).update(
            read_at=moment
        )
        if updated:
            notification.read_at = moment
    return notification


def mark_all_read(*, user: AbstractBaseUser, now: dt.datetime | None = None) -> int:
    """Mark every unread notification of ``user`` read; how many were."""
    return Notification.objects.filter(recipient_id=user.pk, read_at=None).update(
        read_at=now or timezone.now()
    )


def prune(*, older_than: dt.datetime) -> int:
    """Delete the notifications created before ``older_than``; how many."""
    deleted, _by_model = Notification.objects.filter(created_at__lt=older_than).delete()
    return deleted
