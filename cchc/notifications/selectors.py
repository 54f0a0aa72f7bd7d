"""Reads of the inbox and of the work queues in the navigation.

``work_queues`` counts, for one user, what waits for them in each of their roles (the
secretariat's "to review", a head's "to sign off", a focal point's "returned") and their
unread notifications, in one query of scalar subqueries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import F, Func, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

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


def _count(qs: QuerySet[Any]) -> Coalesce:
    """How many rows ``qs`` holds, as a scalar subquery (``SELECT COUNT(id) … LIMIT 1``)."""
    counted = qs.order_by().annotate(_n=Func(F("pk"), function="COUNT")).values("_n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def work_queues(*, user: AnyUser) -> WorkQueues:
    """The counts of the user's queues and unread notifications, in one query (none for the
    anonymous); the roles come from the memberships every page reads anyway."""
    if not user.is_authenticated:
        return WorkQueues()
    counts: dict[str, Coalesce] = {
        "unread": _count(Notification.objects.filter(recipient_id=user.pk, read_at=None))
    }
    if permissions.can_review(user):
        counts["review"] = _count(Report.objects.filter(state=ReportState.SUBMITTED))
    headed = permissions.agencies_headed_by(user)
    if headed:
        counts["sign_off"] = _count(
            Report.objects.filter(
                state=ReportState.AWAITING_SIGN_OFF, obligation__agency_id__in=headed
            )
        )
    filed = permissions.agencies_filed_by(user)
    if filed:
        counts["returned"] = _count(
            Report.objects.filter(state=ReportState.RETURNED, obligation__agency_id__in=filed)
        )
    row = User.objects.filter(pk=user.pk).values(**counts).first()
    found: dict[str, Any] = dict(row) if row else {}
    return WorkQueues(
        review=found.get("review"),
        sign_off=found.get("sign_off"),
        returned=found.get("returned"),
        unread=int(found.get("unread") or 0),
    )
