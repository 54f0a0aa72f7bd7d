"""The authentication backend: Django's ModelBackend behind the login lockout."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from cchc.accounts.lockout import client_ip, locked_until, lockout_message, record_attempt


class LockedOut(PermissionDenied):
    """Raised by the backend while a username or address is locked out. Django's
    ``authenticate`` stops at it (no other backend is tried) and returns None."""

    def __init__(self, until: dt.datetime) -> None:
        super().__init__(lockout_message(until))
        self.until = until


class LockoutBackend(ModelBackend):
    """Counts every password login; refuses them all while locked out."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not isinstance(username, str) or password is None:
            return None
        ip = client_ip(request)
        until = locked_until(username=username, ip=ip)
        if until is not None:
            record_attempt(username=username, ip=ip, succeeded=False, refused=True)
            raise LockedOut(until)
        user = super().authenticate(request, username=username, password=password)
        record_attempt(username=username, ip=ip, succeeded=user is not None)
        return user
