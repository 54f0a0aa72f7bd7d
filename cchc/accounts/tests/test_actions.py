from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import translation

from cchc.accounts.actions import MembershipError, add_member, end_membership
from cchc.accounts.models import Membership, MembershipChange, Role

pytestmark = pytest.mark.django_db


def test_add_and_end_write_history_rows(people, tu_phap):
    secretariat = people["secretariat"]
    someone = User.objects.create_user("someone")
    membership = add_member(
        user=someone, agency=tu_phap, role=Role.FOCAL_POINT, by=secretariat, reason="Quyết định 1"
    )
    assert membership.active and membership.ended_at is None
    end_membership(membership=membership, by=secretariat, reason="Chuyển công tác")
    membership.refresh_from_db()
    assert not membership.active and membership.ended_at is not None
    history = list(membership.changes.values_list("action", "actor__username", "reason"))
    assert history == [
        (MembershipChange.Action.ADDED, "secretariat", "Quyết định 1"),
        (MembershipChange.Action.ENDED, "secretariat", "Chuyển công tác"),
    ]
    # Taking the role again later is a new membership with its own history.
    again = add_member(user=someone, agency=tu_phap, role=Role.FOCAL_POINT, by=None)
    assert again.pk != membership.pk
    assert Membership.objects.filter(user=someone).count() == 2
    assert again.changes.get().actor is None


def test_one_active_membership_per_user_agency_role(people, tu_phap, tai_chinh):
    focal = people["focal"]
    with pytest.raises(MembershipError):
        add_member(user=focal, agency=tu_phap, role=Role.FOCAL_POINT, by=None)
    # The same role in another agency, or another role in the same agency, is fine.
    add_member(user=focal, agency=tai_chinh, role=Role.FOCAL_POINT, by=None)
    add_member(user=focal, agency=tu_phap, role=Role.HEAD, by=None)
    duplicate = Membership(user=focal, agency=tu_phap, role=Role.FOCAL_POINT)
    with translation.override("en"), pytest.raises(ValidationError, match="already has this role"):
        duplicate.full_clean()


def test_unknown_role_and_deactivated_user_are_refused(tu_phap):
    user = User.objects.create_user("x")
    with pytest.raises(MembershipError):
        add_member(user=user, agency=tu_phap, role="king", by=None)
    user.is_active = False
    user.save()
    with pytest.raises(MembershipError):
        add_member(user=user, agency=tu_phap, role=Role.FOCAL_POINT, by=None)
    assert not Membership.objects.exists()


def test_ending_twice_is_refused(people):
    membership = Membership.objects.get(user=people["focal"])
    end_membership(membership=membership, by=None)
    with pytest.raises(MembershipError):
        end_membership(membership=membership, by=None)
    assert membership.changes.count() == 2  # added, ended: no second "ended"


def test_roles_give_model_permissions_while_they_last(people, tu_phap, tai_chinh):
    """No group is kept in step: the permissions follow the active memberships."""
    focal = people["focal"]
    assert not focal.groups.exists()
    second = add_member(user=focal, agency=tai_chinh, role=Role.FOCAL_POINT, by=None)
    end_membership(membership=second, by=None)
    assert User.objects.get(pk=focal.pk).has_perm("scheduling.view_obligation")
    end_membership(membership=Membership.objects.get(user=focal, active=True), by=None)
    assert not User.objects.get(pk=focal.pk).has_perm("scheduling.view_obligation")
    assert not focal.groups.exists()


def test_administrator_role_makes_and_unmakes_a_superuser(noi_vu):
    user = User.objects.create_user("it")
    membership = add_member(user=user, agency=noi_vu, role=Role.ADMINISTRATOR, by=None)
    user.refresh_from_db()
    assert user.is_staff and user.is_superuser
    end_membership(membership=membership, by=None)
    user.refresh_from_db()
    assert not user.is_staff and not user.is_superuser


def test_superuser_without_membership_is_left_alone(people, noi_vu):
    root = people["admin"]
    add_member(user=root, agency=noi_vu, role=Role.SECRETARIAT, by=None)
    root.refresh_from_db()
    assert root.is_superuser
