"""The authentication backend: Django's ModelBackend behind the login lockout, reading a
user's permissions in one query."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, Permission
from django.db.models import Model, Q


class LockoutBackend(ModelBackend):
    """Counts every password login; refuses them all while locked out."""

    def get_all_permissions(
        self, user_obj: AbstractBaseUser | AnonymousUser, obj: Model | None = None
    ) -> set[str]:
        """What ModelBackend answers (the user's own and their groups' permissions; all of
        them for a superuser), from one query instead of two; kept on the user object for
        the request, as ModelBackend does."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cached: set[str] | None = getattr(user_obj, "_perm_cache", None)
        if cached is None:
            perms = Permission.objects.all()
            if not getattr(user_obj, "is_superuser", False):
                perms = perms.filter(Q(user=user_obj) | Q(group__user=user_obj))
            cached = {
                f"{app_label}.{codename}"
                for app_label, codename in perms.values_list(
                    "content_type__app_label", "codename"
                ).distinct()
            }
            user_obj._perm_cache = cached  # type: ignore[attr-defined]
        return cached
