"""The security log: ``record`` writes one ``SecurityEvent`` row and the same line to the
``cchc.security`` Python logger. Logins, failures, lockouts, two-factor changes, role and
membership changes and refused requests are recorded (``cchc.accounts.receivers``,
``cchc.accounts.middleware``); any view that refuses something may call it::

    security_log.record(SecurityEvent.Kind.DENIED, user=request.user, request=request,
                        object="report 12")

A failure to write the row never breaks the request: it is logged as an error instead.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, transaction
from django.http import HttpRequest
from django.utils import timezone

from cchc.accounts.lockout import client_address
from cchc.accounts.models import SecurityEvent, SecurityEventKind

logger = logging.getLogger("cchc.security")

# What ``cchc prune-security-events`` keeps by default.
KEEP_DAYS = 365


def _address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    return address or None


def _plain(details: dict[str, Any]) -> dict[str, Any]:
    """The details as JSON can store them (dates and lazy strings as text)."""
    return dict(json.loads(json.dumps(details, cls=DjangoJSONEncoder, default=str)))


def record(
    event: str,
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    request: HttpRequest | None = None,
    username: str = "",
    **details: Any,
) -> SecurityEvent | None:
    """Record ``event`` (a ``SecurityEvent.Kind``) by or about ``user`` (or ``username`` when
    there is no such user), from ``request``'s client address, with ``details``."""
    kind = SecurityEventKind(event)
    account = user if isinstance(user, User) and user.pk is not None else None
    name = (account.get_username() if account is not None else username)[:150]
    address = _address(request)
    if request is not None and "path" not in details:
        details["path"] = request.path
    plain = _plain(details)
    logger.info(
        "%s user=%s ip=%s %s", kind.value, name or "-", address or "-", plain, extra={"event": kind}
    )
    try:
        with transaction.atomic():
            return SecurityEvent.objects.create(
                kind=kind, user=account, username=name, ip=address, details=plain
            )
    except DatabaseError:
        logger.exception("Could not store the security event %s for %s", kind.value, name)
        return None


def prune_security_events(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Delete the events recorded more than ``older_than`` before ``now``; how many."""
    cutoff = (now or timezone.now()) - older_than
    deleted, _by_model = SecurityEvent.objects.filter(at__lt=cutoff).delete()
    return deleted
