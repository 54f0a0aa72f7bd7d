"""The authentication backend: Django's ModelBackend behind the login lockout, answering a
user's model permissions from their roles (``cchc.accounts.permissions``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest

from cchc.accounts import permissions
from cchc.accounts.lockout import client_ip, locked_until, lockout_message, record_attempt


class LockedOut(PermissionDenied):
    """Raised by the backend while a username or address is locked out. Django's
    ``authenticate`` stops at it (no other backend is tried) and returns None."""

    def __init__(self, until: dt.datetime) -> None:
        super().__init__(lockout_message(until))
        self.until = until


class LockoutBackend(ModelBackend):
    """Counts every password login; refuses them all while locked out."""

    def get_all_permissions(
        self, user_obj: AbstractBaseUser | AnonymousUser, obj: Model | None = None
    ) -> set[str]:
        """The permissions of the user's roles (``permissions.ROLE_PERMISSIONS``), from their
        memberships: a group or a per-user permission given by hand grants nothing. A
        superuser holds every permission (one query, kept on the user for the request)."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cached: set[str] | None = getattr(user_obj, "_perm_cache", None)
        if cached is None:
            if getattr(user_obj, "is_superuser", False):
                cached = {
                    f"{app_label}.{codename}"
                    for app_label, codename in Permission.objects.values_list(
                        "content_type__app_label", "codename"
                    )
                }
            else:
                cached = set(permissions.model_permissions(user_obj))
            user_obj._perm_cache = cached  # type: ignore[attr-defined]
        return cached

    def get_user_permissions(
        self, user_obj: AbstractBaseUser | AnonymousUser, obj: Model | None = None
    ) -> set[str]:
        """Per-user permissions grant nothing: rights come from memberships."""
        return set()

    def get_group_permissions(
        self, user_obj: AbstractBaseUser | AnonymousUser, obj: Model | None = None
    ) -> set[str]:
        """Groups grant nothing: rights come from memberships."""
        return set()

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
