"""Reads of the inbox and of the work queues in the navigation.

``work_queues`` counts, for one user, what waits for them in each of their roles with at
most two queries: one over the reports (the secretariat's "to review", a head's "to sign
off", a focal point's "returned"), and the unread notifications."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from cchc.accounts import permissions
from cchc.accounts.permissions import AnyUser
from cchc.notifications.models import Notification
from cchc.reporting.models import Report, ReportState


@dataclass(frozen=True, slots=True)
class WorkQueues:
    """What waits for the user; ``None`` for a queue of a role they do not hold."""

    review: int | None = None
    sign_off: int | None = None
    returned: int | None = None
    unread: int = 0


def inbox(*, user: AnyUser) -> QuerySet[Notification]:
    """The user's notifications, newest first, with what each row shows."""
    return (
        Notification.objects.filter(recipient_id=user.pk)
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )


def unread_count(*, user: AnyUser) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at=None).count()


def own_notification(*, user: AnyUser, pk: int) -> Notification | None:
    """The notification, if it is the user's (anyone else's does not exist for them)."""
    return Notification.objects.filter(pk=pk, recipient_id=user.pk).first()


def work_queues(*, user: AnyUser) -> WorkQueues:
    """The counts of the user's queues (at most two queries; none for the anonymous)."""
    if not user.is_authenticated:
        return WorkQueues()
    counts: dict[str, Q] = {}
    if permissions.can_review(user):
        counts["review"] = Q(state=ReportState.SUBMITTED)
    headed = permissions.agencies_headed_by(user)
    if headed:
        counts["sign_off"] = Q(
            state=ReportState.AWAITING_SIGN_OFF, obligation__agency_id__in=headed
        )
    filed = permissions.agencies_filed_by(user)
    if filed:
        counts["returned"] = Q(state=ReportState.RETURNED, obligation__agency_id__in=filed)
    found: dict[str, int] = {}
    if counts:
        found = Report.objects.aggregate(
            **{name: Count("pk", filter=q) for name, q in counts.items()}
        )
    return WorkQueues(
        review=found.get("review"),
        sign_off=found.get("sign_off"),
        returned=found.get("returned"),
        unread=unread_count(user=user),
    )
