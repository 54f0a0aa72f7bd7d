"""Reads of the inbox and of the work queues in the navigation.

``work_queues`` counts, for one user, what waits for them in each of their roles (the
secretariat's "to review", a head's "to sign off", a focal point's "returned") and their
unread notifications, in one query of scalar subqueries (written by hand: it runs on every
page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from cchc.accounts import permissions
from cchc.accounts.permissions import AnyUser
from cchc.notifications.models import Notification
from cchc.reporting.models import Report, ReportState
from cchc.scheduling.models import Obligation


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


def _queue_sql() -> dict[str, str]:
    """Each count of ``work_queues`` as a scalar subquery of its own (``%s``: the user, the
    agencies' ids). Written once: the ORM built and compiled the four subqueries on every
    page, ~1 ms, more than the database took to count them."""
    note, report = Notification._meta.db_table, Report._meta.db_table
    obligation = Obligation._meta.db_table
    of_agencies = (
        f'SELECT COUNT(*) FROM "{report}" r INNER JOIN "{obligation}" o '
        'ON r."obligation_id" = o."id" WHERE r."state" = %s AND o."agency_id" IN ({ids})'
    )
    return {
        "unread": (
            f'SELECT COUNT(*) FROM "{note}" WHERE "recipient_id" = %s AND "read_at" IS NULL'
        ),
        "review": f'SELECT COUNT(*) FROM "{report}" WHERE "state" = %s',
        "sign_off": of_agencies,
        "returned": of_agencies,
    }


QUEUE_SQL = _queue_sql()


def work_queues(*, user: AnyUser) -> WorkQueues:
    """The counts of the user's queues and unread notifications, in one query (none for the
    anonymous); the roles come from the memberships every page reads anyway."""
    if not user.is_authenticated:
        return WorkQueues()
    names = ["unread"]
    parts = [QUEUE_SQL["unread"]]
    params: list[int | str] = [user.pk]
    if permissions.can_review(user):
        names.append("review")
        parts.append(QUEUE_SQL["review"])
        params.append(ReportState.SUBMITTED.value)
    for name, state, agencies in (
        ("sign_off", ReportState.AWAITING_SIGN_OFF, permissions.agencies_headed_by(user)),
        ("returned", ReportState.RETURNED, permissions.agencies_filed_by(user)),
    ):
        if agencies:
            names.append(name)
            ids = sorted(agencies)
            parts.append(QUEUE_SQL[name].format(ids=", ".join(["%s"] * len(ids))))
            params += [state.value, *ids]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"({part})" for part in parts), params)
        row = cursor.fetchone()
    found: dict[str, Any] = dict(zip(names, row or (), strict=False))
    return WorkQueues(
        review=found.get("review"),
        sign_off=found.get("sign_off"),
        returned=found.get("returned"),
        unread=int(found.get("unread") or 0),
    )
