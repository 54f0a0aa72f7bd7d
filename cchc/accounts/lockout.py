"""Login lockout: after ``CCHC_LOGIN_MAX_FAILURES`` failed logins for one username (or
``CCHC_LOGIN_MAX_FAILURES_PER_IP`` from one address) within ``CCHC_LOGIN_LOCKOUT_MINUTES``,
further attempts are refused, even with the right password, until the window has passed. A
successful login resets the count.

The attempts are kept for the record (the admin lists them) and pruned by
``cchc prune-login-attempts`` (``prune_login_attempts``) once they are old.

The authentication backend (``cchc.accounts.backends``) calls these functions for every login,
the admin's included; the login form only turns a lockout into a message.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cchc.accounts.models import LoginAttempt


def normalise(username: str) -> str:
    return username.strip().casefold()[:150]


def client_ip(request: HttpRequest | None) -> str | None:
    """The address the request came from. Only ``REMOTE_ADDR``: a forwarded-for header can be
    written by anyone, so a proxy in front must set ``REMOTE_ADDR`` itself."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.CCHC_LOGIN_LOCKOUT_MINUTES)


def _locked_until_for(
    *, field: str, value: str, limit: int, now: dt.datetime
) -> dt.datetime | None:
    attempts = LoginAttempt.objects.filter(**{field: value}, refused=False)
    since = now - _window()
    last_success = (
        attempts.filter(succeeded=True, at__gt=since).order_by("-at").values_list("at", flat=True)
    ).first()
    if last_success is not None:
        since = last_success
    failures = list(
        attempts.filter(succeeded=False, at__gt=since)
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if limit < 1 or len(failures) < limit:
        return None
    # Locked until the oldest of the last ``limit`` failures leaves the window.
    return failures[-1] + _window()


def locked_until(
    *, username: str, ip: str | None, now: dt.datetime | None = None
) -> dt.datetime | None:
    """When the lockout of this username or address ends, or None if it is not locked out."""
    now = now or timezone.now()
    candidates = [
        _locked_until_for(
            field="username",
            value=normalise(username),
            limit=settings.CCHC_LOGIN_MAX_FAILURES,
            now=now,
        )
    ]
    if ip:
        candidates.append(
            _locked_until_for(
                field="ip", value=ip, limit=settings.CCHC_LOGIN_MAX_FAILURES_PER_IP, now=now
            )
        )
    ends = [end for end in candidates if end is not None and end > now]
    return max(ends) if ends else None


def record_attempt(
    *, username: str, ip: str | None, succeeded: bool, refused: bool = False
) -> LoginAttempt:
    return LoginAttempt.objects.create(
        username=normalise(username), ip=ip, succeeded=succeeded, refused=refused
    )


def lockout_message(until: dt.datetime) -> str:
    local = timezone.localtime(until)
    return _(
        "Too many failed login attempts. For your security, logging in is blocked until "
        "%(time)s on %(date)s; try again then."
    ) % {
        "time": formats.time_format(local, "H:i"),
        "date": formats.date_format(local, "SHORT_DATE_FORMAT"),
    }


# What ``cchc prune-login-attempts`` keeps by default: long enough to look back on an attack.
KEEP_DAYS = 90


class PruneRefused(ValueError):
    """Pruning that would drop attempts the lockout still counts."""


def prune_login_attempts(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Delete the login attempts made more than ``older_than`` before ``now``; how many.

    Refused for a span shorter than the lockout window: the attempts inside it decide who is
    locked out, and deleting them would lift a lockout."""
    if older_than < _window():
        raise PruneRefused(
            _(
                "Login attempts of the last %(minutes)s minutes decide the lockout; keep at "
                "least those."
            )
            % {"minutes": settings.CCHC_LOGIN_LOCKOUT_MINUTES}
        )
    cutoff = (now or timezone.now()) - older_than
    deleted, _by_model = LoginAttempt.objects.filter(at__lt=cutoff).delete()
    return deleted
