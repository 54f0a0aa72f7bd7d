"""What the accounts app does when Django, django-axes or the membership actions say
something happened: the security log, and the session's login time for the session limits.
Connected in ``AccountsConfig.ready``."""

from __future__ import annotations

import time
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest

from cchc.accounts import security_log
from cchc.accounts.lockout import normalise
from cchc.accounts.middleware import LOGIN_AT, SEEN_AT
from cchc.accounts.models import MembershipChange, SecurityEventKind


@receiver(user_logged_in, dispatch_uid="cchc_accounts_logged_in")
def logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now
    security_log.record(SecurityEventKind.LOGIN, user=user, request=request)


@receiver(user_logged_out, dispatch_uid="cchc_accounts_logged_out")
def logged_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        security_log.record(SecurityEventKind.LOGOUT, user=user, request=request)


@receiver(user_login_failed, dispatch_uid="cchc_accounts_login_failed")
def login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    raw = credentials.get("username")
    kind = (
        SecurityEventKind.TWO_FACTOR_FAILED
        if credentials.get("two_factor")
        else SecurityEventKind.LOGIN_FAILED
    )
    security_log.record(
        kind,
        user=None,
        request=request,
        username=normalise(raw) if isinstance(raw, str) else "",
        while_locked_out=bool(getattr(request, "axes_locked_out", False)),
    )


@receiver(user_locked_out, dispatch_uid="cchc_accounts_locked_out")
def locked_out(
    sender: Any,
    request: HttpRequest | None = None,
    username: str | None = None,
    ip_address: str | None = None,
    **kwargs: Any,
) -> None:
    security_log.record(
        SecurityEventKind.LOCKED_OUT, user=None, request=request, username=username or ""
    )


@receiver(post_save, sender=MembershipChange, dispatch_uid="cchc_accounts_membership_change")
def membership_changed(
    sender: Any, instance: MembershipChange, created: bool, **kwargs: Any
) -> None:
    if not created:
        return
    membership = instance.membership
    security_log.record(
        SecurityEventKind.MEMBERSHIP_CHANGED,
        user=instance.actor,
        member=membership.user.get_username(),
        member_id=membership.user_id,
        agency_id=membership.agency_id,
        role=membership.role,
        action=instance.action,
        reason=instance.reason,
    )
