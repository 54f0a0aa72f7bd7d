"""The user's own notifications: a page of them, newest first, and marking one read. Another
user's notification does not exist for the caller (404)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from cchc.accounts import permissions
from cchc.api.errors import answers
from cchc.api.schemas import MAX_OFFSET
from cchc.notifications import actions, selectors
from cchc.notifications.models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    kind_label: str
    text: str
    comment: str
    url: str
    report_id: int | None
    actor: str | None
    created_at: dt.datetime
    read_at: dt.datetime | None


class NotificationPage(Schema):
    count: int
    unread: int
    items: list[NotificationOut]


class NotificationFilters(Schema):
    unread: bool = False
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def notification_out(n: Notification) -> NotificationOut:
    return NotificationOut(
        id=n.pk,
        kind=n.kind,
        kind_label=str(n.get_kind_display()),
        text=n.text,
        comment=n.comment,
        url=n.url,
        report_id=n.report_id,
        actor=n.actor.get_username() if n.actor else None,
        created_at=n.created_at,
        read_at=n.read_at,
    )


@router.get("/", response=answers({200: NotificationPage}))
def list_notifications(
    request: HttpRequest, filters: Query[NotificationFilters]
) -> NotificationPage:
    """The caller's notifications, newest first; ``unread=true`` for the unread ones only."""
    rows = selectors.inbox(user=request.user)
    if filters.unread:
        rows = rows.filter(read_at=None)
    page = rows[filters.offset : filters.offset + filters.limit]
    return NotificationPage(
        count=rows.count(),
        unread=selectors.unread_count(user=request.user),
        items=[notification_out(n) for n in page],
    )


@router.post("/{int:notification_id}/read", response=answers({200: NotificationOut}, 403))
def read_notification(request: HttpRequest, notification_id: int) -> NotificationOut:
    """Mark one of the caller's notifications read (already read: unchanged)."""
    notification = selectors.own_notification(user=request.user, pk=notification_id)
    if notification is None:
        permissions.deny(
            request.user, "notification", hide=True, message=_("No such notification.")
        )
    return notification_out(actions.mark_read(notification=notification))
