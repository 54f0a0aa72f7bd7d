"""State changes of memberships; views, CLI, admin and tests all call these. Each writes a
``MembershipChange`` row and keeps the user's role groups (model permissions) in step."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, Group, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import permissions
from cchc.accounts.models import Membership, MembershipChange, Role
from cchc.agencies.models import Agency


class MembershipError(Exception):
    """A membership change that cannot be made; the message says why."""


def _actor(user: AbstractBaseUser | AnonymousUser | None) -> User | None:
    return user if isinstance(user, User) else None


def _sync_groups(user: User) -> None:
    """The user is in the group of each role they hold somewhere, and in no other role group.
    The administrator role also makes the user staff and superuser, and ending it takes that
    back."""
    held = set(Membership.objects.active().filter(user=user).values_list("role", flat=True))
    for group in Group.objects.filter(name__in=Role.values):
        if group.name in held:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    admin = Role.ADMINISTRATOR in held
    was_admin = Membership.objects.filter(user=user, role=Role.ADMINISTRATOR).exists()
    if admin and not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    elif not admin and was_admin and (user.is_staff or user.is_superuser):
        user.is_staff = user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
    permissions.forget(user)


def add_member(
    *,
    user: User,
    agency: Agency,
    role: str,
    by: AbstractBaseUser | AnonymousUser | None,
    reason: str = "",
) -> Membership:
    """Give ``user`` the ``role`` in ``agency``."""
    if role not in Role.values:
        raise MembershipError(_("Unknown role: %(role)s.") % {"role": role})
    if not user.is_active:
        raise MembershipError(
            _("%(user)s is deactivated; activate the account first.") % {"user": user}
        )
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        if Membership.objects.active().filter(user=user, agency=agency, role=role).exists():
            raise MembershipError(
                _("%(user)s is already %(role)s of %(agency)s.")
                % {"user": user, "role": Role(role).label, "agency": agency}
            )
        membership = Membership.objects.create(user=user, agency=agency, role=role)
        MembershipChange.objects.create(
            membership=membership,
            action=MembershipChange.Action.ADDED,
            actor=_actor(by),
            reason=reason,
        )
        _sync_groups(user)
    return membership


def end_membership(
    *, membership: Membership, by: AbstractBaseUser | AnonymousUser | None, reason: str = ""
) -> Membership:
    """End an active membership; the row stays, inactive, with its history."""
    with transaction.atomic():
        locked = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
        if not locked.active:
            raise MembershipError(_("This membership has already ended."))
        locked.active = False
        locked.ended_at = timezone.now()
        locked.save(update_fields=["active", "ended_at"])
        MembershipChange.objects.create(
            membership=locked,
            action=MembershipChange.Action.ENDED,
            actor=_actor(by),
            reason=reason,
        )
        _sync_groups(locked.user)
    membership.active, membership.ended_at = locked.active, locked.ended_at
    permissions.forget(membership.user)
    return locked
