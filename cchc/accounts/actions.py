"""State changes of memberships; views, CLI, admin and tests all call these. Each writes a
``MembershipChange`` row. What a membership allows follows from it in code
(``cchc.accounts.permissions``); the only flags kept on the user are the administrator's
(staff and superuser, which the admin site reads)."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import permissions
from cchc.accounts.models import Membership, MembershipChange, Role, is_secretariat_agency
from cchc.agencies.models import Agency
from cchc.core.history import actor_of


class MembershipError(Exception):
    """A membership change that cannot be made; the message says why."""


def _sync_administrator(user: User) -> None:
    """The administrator role makes the user staff and superuser (the installation's
    administrator, ``permissions.is_administrator``); ending it takes that back. Every other
    right follows from the memberships in code: no group or per-user permission is kept."""
    held = set(Membership.objects.active().filter(user=user).values_list("role", flat=True))
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
    if role == Role.SECRETARIAT and not is_secretariat_agency(agency.code):
        raise MembershipError(
            _(
                "The PAR secretariat is the Department of Home Affairs (Sở Nội vụ): "
                "%(agency)s cannot have secretariat members."
            )
            % {"agency": agency}
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
            actor=actor_of(by),
            reason=reason,
        )
        _sync_administrator(user)
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
            actor=actor_of(by),
            reason=reason,
        )
        _sync_administrator(locked.user)
    membership.active, membership.ended_at = locked.active, locked.ended_at
    permissions.forget(membership.user)
    return locked
