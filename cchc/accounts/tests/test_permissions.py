from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User

from cchc.accounts import permissions as perms
from cchc.accounts.actions import end_membership
from cchc.accounts.models import Membership, Role

pytestmark = pytest.mark.django_db

# Who sees / files for / signs off which agency: "own" is Sở Tư pháp, "other" Sở Tài chính.
EXPECTED = {
    #              sees own, sees other, files own, files other, signs own, secretariat, leader
    "secretariat": (True, True, False, False, False, True, False),
    "focal": (True, False, True, False, False, False, False),
    "head": (True, False, False, False, True, False, False),
    "leader": (True, True, False, False, False, False, True),
    "admin": (True, True, False, False, False, False, False),
    "nobody": (False, False, False, False, False, False, False),
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_each_role_sees_and_files_what_it_should_and_no_more(people, tu_phap, tai_chinh, who):
    user = people[who]
    got = (
        perms.can_see_agency(user, tu_phap.pk),
        perms.can_see_agency(user, tai_chinh.pk),
        perms.can_file_for(user, tu_phap.pk),
        perms.can_file_for(user, tai_chinh.pk),
        perms.can_sign_off_for(user, tu_phap.pk),
        perms.is_secretariat(user),
        perms.is_leader(user),
    )
    assert got == EXPECTED[who]


def test_agencies_of_lists_own_agencies_only(people, tu_phap, noi_vu, ubnd):
    assert perms.agencies_of(people["focal"]) == {tu_phap.pk}
    assert perms.agencies_of(people["head"]) == {tu_phap.pk}
    assert perms.agencies_of(people["secretariat"]) == {noi_vu.pk}
    assert perms.agencies_of(people["leader"]) == {ubnd.pk}
    assert perms.agencies_of(people["nobody"]) == set()
    assert perms.agencies_filed_by(people["focal"]) == {tu_phap.pk}
    assert perms.agencies_filed_by(people["head"]) == set()


def test_only_secretariat_reviews_and_secretariat_or_admin_manage_members(people):
    assert [w for w in EXPECTED if perms.can_review(people[w])] == ["secretariat"]
    assert [w for w in EXPECTED if perms.can_manage_members(people[w])] == [
        "secretariat",
        "admin",
    ]
    assert [w for w in EXPECTED if perms.is_administrator(people[w])] == ["admin"]


def test_anonymous_and_deactivated_users_get_nothing(people, tu_phap):
    anonymous = AnonymousUser()
    assert perms.agencies_of(anonymous) == set()
    assert not perms.can_see_agency(anonymous, tu_phap.pk)
    assert not perms.sees_everything(anonymous)
    focal = people["focal"]
    focal.is_active = False
    focal.save()
    focal = User.objects.get(pk=focal.pk)
    assert not perms.can_see_agency(focal, tu_phap.pk)
    assert not perms.can_file_for(focal, tu_phap.pk)


def test_ended_membership_no_longer_counts(people, tu_phap):
    focal = people["focal"]
    assert perms.can_file_for(focal, tu_phap.pk)
    end_membership(membership=Membership.objects.get(user=focal), by=people["secretariat"])
    focal = User.objects.get(pk=focal.pk)  # the next request loads the user anew
    assert not perms.can_file_for(focal, tu_phap.pk)
    assert not perms.can_see_agency(focal, tu_phap.pk)


def test_answers_are_computed_with_one_query(people, tu_phap, tai_chinh, django_assert_num_queries):
    focal = User.objects.get(pk=people["focal"].pk)
    with django_assert_num_queries(1):
        for _ in range(20):
            perms.can_see_agency(focal, tu_phap.pk)
            perms.can_file_for(focal, tai_chinh.pk)
            perms.agencies_of(focal)


# -- groups and model permissions --------------------------------------------------------


def test_each_role_has_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_secretariat_group_carries_the_permissions_the_views_check(people):
    user = User.objects.get(pk=people["secretariat"].pk)
    for perm in (
        "plans.add_plan",
        "agencies.add_agencyalias",
        "agencies.add_succession",
        "agencies.change_assignment",
        "agencies.change_agency",
        "scheduling.change_obligation",
        "scheduling.add_reminder",
    ):
        assert user.has_perm(perm), perm


@pytest.mark.parametrize("who", ["focal", "head", "leader"])
def test_other_roles_cannot_change_anything(people, who):
    user = User.objects.get(pk=people[who].pk)
    for perm in (
        "plans.add_plan",
        "agencies.add_succession",
        "agencies.change_assignment",
        "scheduling.change_obligation",
        "scheduling.add_reminder",
    ):
        assert not user.has_perm(perm), (who, perm)
    assert user.has_perm("plans.view_plan")


def test_leader_reads_everything():
    perms_of_leader = set(
        Group.objects.get(name=Role.LEADER).permissions.values_list("codename", flat=True)
    )
    assert perms_of_leader
    assert all(codename.startswith("view_") for codename in perms_of_leader)
    assert {"view_plan", "view_agency", "view_obligation"} <= perms_of_leader


def test_the_groups_migration_can_be_reversed_and_rerun():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("cchc.accounts.migrations.0002_role_groups")
    migration.remove_groups(apps, None)
    assert not Group.objects.filter(name__in=Role.values).exists()
    migration.create_groups(apps, None)
    migration.create_groups(apps, None)
    assert Group.objects.filter(name__in=Role.values).count() == len(Role.values)


def test_model_permissions_come_from_one_query_and_match_django(
    people, tu_phap, django_assert_num_queries
):
    """The backend reads a user's permissions (own and groups') in one query; the answer is
    Django's ModelBackend's."""
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.auth.models import Permission

    from cchc.accounts.backends import LockoutBackend

    user = User.objects.get(pk=people["secretariat"].pk)
    user.user_permissions.add(Permission.objects.get(codename="view_loginattempt"))
    fresh = User.objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        ours = LockoutBackend().get_all_permissions(fresh)
        assert fresh.has_perm("plans.add_plan") and fresh.has_perm("accounts.view_loginattempt")
    assert ours == ModelBackend().get_all_permissions(User.objects.get(pk=user.pk))
    focal = User.objects.get(pk=people["focal"].pk)
    assert not focal.has_perm("plans.add_plan")
    assert LockoutBackend().get_all_permissions(focal) == ModelBackend().get_all_permissions(
        User.objects.get(pk=focal.pk)
    )
    admin = User.objects.get(pk=people["admin"].pk)
    assert LockoutBackend().get_all_permissions(admin) == ModelBackend().get_all_permissions(
        User.objects.get(pk=admin.pk)
    )
