"""What a user may see and do, one helper per question. Every view and API endpoint asks these
for every object; none of them writes.

- The secretariat (Sở Nội vụ) manages everything and sees every agency.
- A leader reads everything in the province.
- An administrator (superuser, or an active administrator membership) sees everything.
- A focal point sees and files for their own agencies only.
- An agency head sees their own agencies and signs off their reports.

Only active users with active memberships count. The answers are computed once per user object
(one query) and kept on it for the rest of the request.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from cchc.accounts.models import Membership, Role

_CACHE = "_cchc_memberships"

AnyUser = AbstractBaseUser | AnonymousUser


def memberships_of(user: AnyUser) -> frozenset[tuple[int, str]]:
    """The (agency id, role) pairs of the user's active memberships."""
    if not user.is_authenticated or not user.is_active or user.pk is None:
        return frozenset()
    cached: frozenset[tuple[int, str]] | None = getattr(user, _CACHE, None)
    if cached is None:
        cached = frozenset(
            Membership.objects.active().filter(user_id=user.pk).values_list("agency_id", "role")
        )
        setattr(user, _CACHE, cached)
    return cached


def forget(user: AnyUser) -> None:
    """Drop the kept answers (after the user's memberships changed)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def _roles(user: AnyUser) -> set[str]:
    return {role for _agency, role in memberships_of(user)}


def _has(user: AnyUser, role: str, agency_id: int) -> bool:
    return (agency_id, role) in memberships_of(user)


def is_administrator(user: AnyUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(getattr(user, "is_superuser", False)) or Role.ADMINISTRATOR in _roles(user)


def is_secretariat(user: AnyUser) -> bool:
    return Role.SECRETARIAT in _roles(user)


def is_leader(user: AnyUser) -> bool:
    return Role.LEADER in _roles(user)


def sees_everything(user: AnyUser) -> bool:
    """The secretariat, leaders and administrators read every agency's work."""
    return is_secretariat(user) or is_leader(user) or is_administrator(user)


def agencies_of(user: AnyUser) -> set[int]:
    """The agencies the user belongs to, in any role."""
    return {agency_id for agency_id, _role in memberships_of(user)}


def agencies_filed_by(user: AnyUser) -> set[int]:
    """The agencies the user files reports for (as their focal point)."""
    return {agency_id for agency_id, role in memberships_of(user) if role == Role.FOCAL_POINT}


def agencies_headed_by(user: AnyUser) -> set[int]:
    """The agencies whose reports the user signs off (as their head)."""
    return {agency_id for agency_id, role in memberships_of(user) if role == Role.HEAD}


def can_see_agency(user: AnyUser, agency_id: int) -> bool:
    return sees_everything(user) or agency_id in agencies_of(user)


def can_file_for(user: AnyUser, agency_id: int) -> bool:
    """Writing an agency's reports is its focal points' job, nobody else's."""
    return _has(user, Role.FOCAL_POINT, agency_id)


def can_sign_off_for(user: AnyUser, agency_id: int) -> bool:
    return _has(user, Role.HEAD, agency_id)


def can_set_sign_off(user: AnyUser, agency_id: int) -> bool:
    """Whether the agency's reports need its head's sign-off: the head or the secretariat
    decides."""
    return can_sign_off_for(user, agency_id) or is_secretariat(user)


def can_review(user: AnyUser) -> bool:
    """Returning, approving and reopening reports: the secretariat."""
    return is_secretariat(user)


def can_manage_members(user: AnyUser) -> bool:
    return is_secretariat(user) or is_administrator(user)
