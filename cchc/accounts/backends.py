"""The authentication backend: Django's ModelBackend (password check; django-axes' standalone
backend before it counts and refuses locked-out logins), answering a user's model permissions
from their roles (``cchc.accounts.permissions``) and loading the session's user with their
memberships in one query."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.db.models import Model

from cchc.accounts import permissions


class RoleBackend(ModelBackend):
    """Checks passwords; model permissions come from the user's roles only."""

    def get_user(self, user_id: Any) -> User | None:
        """The session's user, as ``ModelBackend`` answers it (None if missing or inactive),
        read with their memberships in one statement (``permissions.user_with_memberships``):
        every page asks for both. Nothing is kept between requests."""
        user = permissions.user_with_memberships(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

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
