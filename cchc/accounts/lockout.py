"""Login lockout, by django-axes: after ``CCHC_LOGIN_MAX_FAILURES`` failed logins for one
username, or ``CCHC_LOGIN_MAX_FAILURES_PER_IP`` from one client address, within
``CCHC_LOGIN_LOCKOUT_MINUTES``, every further attempt for that username (from that address) is
refused, even with the right password, until the failures leave the window.

What axes does not do by itself, and this module adds:

- two thresholds (``LockoutHandler.get_failures``): axes counts the failures of the username
  and those of the address; one limit applies to the username, an address past its own limit
  counts as past the username's limit too;
- a success clears only the failures of the username that logged in
  (``LockoutHandler.reset_user_attempts``), never those of other usernames from that address;
- counting is serialised per username and per address (``serialised``): the check, the password
  check and the recorded failure happen in one transaction that holds a lock, so parallel wrong
  logins cannot all pass the check before the first failure is written;
- the usernames are counted case-insensitively (``username``);
- the client address comes from django-ipware with ``CCHC_TRUSTED_PROXY_COUNT`` trusted
  proxies (settings: ``client_address_settings``);
- the locked-out page is the product's, saying until when (``locked_until``,
  ``cchc.accounts.views.locked_out``).

The record (``axes.AccessAttempt``, ``AccessLog``) is pruned by ``cchc prune-login-attempts``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone


def cool_off(request: HttpRequest | None = None) -> dt.timedelta:
    """``AXES_COOLOFF_TIME``: how long failures count."""
    return dt.timedelta(minutes=settings.CCHC_LOGIN_LOCKOUT_MINUTES)


def failure_limit(request: HttpRequest | None = None, credentials: Any = None) -> int:
    """``AXES_FAILURE_LIMIT``: failures of one username that lock it out."""
    return int(settings.CCHC_LOGIN_MAX_FAILURES)


def normalise(username: str) -> str:
    return username.strip().casefold()[:150]


def username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """``AXES_USERNAME_CALLABLE``: the username as counted (case and spaces do not matter)."""
    raw = None
    if credentials:
        raw = credentials.get("username")
    elif request is not None:
        raw = request.POST.get("username")
    return normalise(raw) if isinstance(raw, str) else None


def client_address(request: HttpRequest | None) -> str | None:
    """The client's address as the lockout counts it (see ``CCHC_TRUSTED_PROXY_COUNT``)."""
    if request is None:
        return None
    address = get_client_ip_address(request)
    return str(address) if address else None


def _rows(request: HttpRequest, **match: str) -> list[tuple[dt.datetime, int]]:
    """(last failure, failures) of the attempts matching ``match`` that still count."""
    rows = AccessAttempt.objects.filter(
        attempt_time__gte=get_cool_off_threshold(request), **match
    ).values_list("attempt_time", "failures_since_start")
    return list(rows)


def _counts(request: HttpRequest, credentials: dict[str, Any] | None) -> tuple[int, int]:
    name = username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    by_name = sum(n for _at, n in _rows(request, username=name)) if name else 0
    by_address = sum(n for _at, n in _rows(request, ip_address=address)) if address else 0
    return by_name, by_address


class LockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]  # (axes is untyped)
    """axes' database handler with a limit per username and another per address."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        by_name, by_address = _counts(request, credentials)
        if by_address >= settings.CCHC_LOGIN_MAX_FAILURES_PER_IP:
            return max(by_name, failure_limit(request, credentials))
        return by_name

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """After a successful login: forget the failures of this username only."""
        name = username(request, credentials)
        if not name:
            return 0
        deleted, _by_model = AccessAttempt.objects.filter(username=name).delete()
        return int(deleted)


def _until(rows: list[tuple[dt.datetime, int]], limit: int) -> dt.datetime | None:
    """When the newest failures stop adding up to ``limit``: the lockout's end."""
    total = 0
    for at, failures in sorted(rows, reverse=True):
        total += failures
        if total >= limit:
            return at + cool_off()
    return None


def locked_until(request: HttpRequest, credentials: dict[str, Any] | None) -> dt.datetime | None:
    """When the lockout of this request's username or address ends; None if not locked."""
    name = username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    ends = []
    if name:
        ends.append(_until(_rows(request, username=name), failure_limit()))
    if address:
        ends.append(
            _until(_rows(request, ip_address=address), settings.CCHC_LOGIN_MAX_FAILURES_PER_IP)
        )
    now = timezone.now()
    found = [end for end in ends if end is not None and end > now]
    return max(found) if found else None


def _lock_key(text: str) -> int:
    """A signed 64-bit key for PostgreSQL's advisory locks."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big", signed=True)


@contextmanager
def serialised(*, username: str | None, address: str | None) -> Iterator[None]:
    """One transaction in which the login for ``username`` from ``address`` is checked against
    the lockout, the password checked and the failure recorded, while no other login for the
    same username or from the same address does the same.

    PostgreSQL: transaction-level advisory locks, username first, then address (always in that
    order, so two logins never wait for each other crosswise). SQLite: the transaction starts
    with ``BEGIN IMMEDIATE`` (``transaction_mode`` in the settings), which already lets one
    writer at a time in.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for key in (f"login:user:{username or ''}", f"login:address:{address or ''}"):
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_key(key)])
        yield
