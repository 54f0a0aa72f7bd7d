from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from cchc.accounts import permissions as perms
from cchc.accounts.actions import MembershipError, add_member, end_membership
from cchc.accounts.models import Membership, Role, is_secretariat_agency
from cchc.agencies.models import Agency, AgencyLevel, Succession
from cchc.conftest import member

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


# -- model permissions come from the roles -----------------------------------------------


def test_every_permission_of_the_role_map_exists():
    known = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    for role in Role.values:
        assert perms.ROLE_PERMISSIONS[role] <= known, role


def test_secretariat_role_carries_the_permissions_the_views_check(people):
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
    leader = perms.ROLE_PERMISSIONS[Role.LEADER]
    assert all(perm.split(".")[1].startswith("view_") for perm in leader)
    assert {"plans.view_plan", "agencies.view_agency", "scheduling.view_obligation"} <= leader


def test_a_group_or_permission_given_by_hand_grants_nothing(people):
    """Memberships are the one source: the admin's group and permission boxes cannot drift
    from them."""
    focal = people["focal"]
    group = Group.objects.create(name="secretariat")
    group.permissions.set(Permission.objects.all())
    focal.groups.add(group)
    focal.user_permissions.add(Permission.objects.get(codename="add_plan"))
    fresh = User.objects.get(pk=focal.pk)
    assert not fresh.has_perm("plans.add_plan")
    assert not fresh.has_perm("scheduling.change_obligation")
    assert fresh.get_all_permissions() == set(perms.ROLE_PERMISSIONS[Role.FOCAL_POINT])
    assert not perms.is_secretariat(fresh)


def test_the_role_groups_are_gone_and_come_back_on_reverse():
    import importlib

    from django.apps import apps

    assert not Group.objects.filter(name__in=Role.values).exists()
    migration = importlib.import_module("cchc.accounts.migrations.0005_drop_role_groups")
    migration.restore_groups(apps, None)
    assert Group.objects.filter(name__in=Role.values).count() == len(Role.values)
    migration.drop_groups(apps, None)
    assert not Group.objects.filter(name__in=Role.values).exists()


def test_model_permissions_are_the_roles_and_take_no_query(
    people, tu_phap, django_assert_num_queries
):
    """The backend answers from the memberships the permission helpers read anyway (one
    query for both); a superuser holds every permission, as with Django's ModelBackend."""
    from django.contrib.auth.backends import ModelBackend

    from cchc.accounts.backends import RoleBackend

    fresh = User.objects.get(pk=people["secretariat"].pk)
    with django_assert_num_queries(1):
        ours = RoleBackend().get_all_permissions(fresh)
        assert fresh.has_perm("plans.add_plan") and perms.is_secretariat(fresh)
    assert ours == set(perms.ROLE_PERMISSIONS[Role.SECRETARIAT])
    focal = User.objects.get(pk=people["focal"].pk)
    assert not focal.has_perm("plans.add_plan")
    admin = User.objects.get(pk=people["admin"].pk)
    assert RoleBackend().get_all_permissions(admin) == ModelBackend().get_all_permissions(
        User.objects.get(pk=admin.pk)
    )


# -- agencies that end take their members' rights with them --------------------------------


def test_members_of_an_agency_that_ended_lose_their_rights(people, tu_phap, tai_chinh):
    """A reorganisation (``record_succession``) ends Sở Tư pháp the day before the successor
    takes over: from that day its focal point and head have nothing, the successor's members
    have the rights, and people of other agencies keep theirs."""
    from cchc.agencies.actions import record_succession

    day = perms.today()
    successor = Agency.objects.create(
        code="t.so-tu-phap-moi", name="Sở Tư pháp (mới)", level=AgencyLevel.DEPARTMENT
    )
    newcomer = member("newcomer", Role.FOCAL_POINT, successor)
    # Announced for tomorrow: today the agency still exists.
    record_succession(predecessor=tu_phap, successors=[successor], on=day + dt.timedelta(days=1))
    focal = User.objects.get(pk=people["focal"].pk)
    assert perms.can_file_for(focal, tu_phap.pk)

    Agency.objects.filter(pk=tu_phap.pk).update(valid_until=None)
    Succession.objects.all().delete()
    record_succession(predecessor=tu_phap, successors=[successor], on=day)
    for who in ("focal", "head"):
        user = User.objects.get(pk=people[who].pk)
        assert perms.memberships_of(user) == frozenset(), who
        assert not perms.can_see_agency(user, tu_phap.pk), who
        assert not user.has_perm("scheduling.view_obligation"), who
    assert not perms.can_sign_off_for(User.objects.get(pk=people["head"].pk), tu_phap.pk)
    newcomer = User.objects.get(pk=newcomer.pk)
    assert perms.can_file_for(newcomer, successor.pk)
    # The secretariat still reads the ended agency's work (its reports are history).
    assert perms.can_see_agency(User.objects.get(pk=people["secretariat"].pk), tu_phap.pk)


def test_memberships_are_judged_on_the_real_day_outside_the_tests(monkeypatch):
    monkeypatch.undo()  # the tests' day (cchc/conftest.py)
    assert perms.today() == timezone.localdate()


# -- the secretariat is Sở Nội vụ ---------------------------------------------------------


def test_the_secretariat_role_exists_only_in_home_affairs(people, tu_phap, noi_vu):
    someone = User.objects.create_user("someone")
    with translation.override("en"), pytest.raises(MembershipError, match="Home Affairs"):
        add_member(user=someone, agency=tu_phap, role=Role.SECRETARIAT, by=people["admin"])
    assert not Membership.objects.filter(user=someone).exists()
    assert add_member(user=someone, agency=noi_vu, role=Role.SECRETARIAT, by=None).active
    assert is_secretariat_agency("bg.so-noi-vu") and is_secretariat_agency("so-noi-vu")
    assert not is_secretariat_agency("bg.so-noi-vu-cu") and not is_secretariat_agency("x")


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_secretariat_membership_elsewhere(tu_phap, noi_vu):
    """Past the action too: the named trigger of migration 0004 (both databases)."""
    someone = User.objects.create_user("someone")
    with (
        pytest.raises(IntegrityError, match="accounts_membership_secretariat_agency"),
        transaction.atomic(),
    ):
        Membership.objects.create(user=someone, agency=tu_phap, role=Role.SECRETARIAT)
    kept = Membership.objects.create(user=someone, agency=noi_vu, role=Role.SECRETARIAT)
    with (
        pytest.raises(IntegrityError, match="accounts_membership_secretariat_agency"),
        transaction.atomic(),
    ):
        Membership.objects.filter(pk=kept.pk).update(agency=tu_phap)
    focal = Membership.objects.create(user=someone, agency=tu_phap, role=Role.FOCAL_POINT)
    assert focal.pk and Membership.objects.count() == 2


def test_a_secretariat_membership_elsewhere_counts_for_nothing(people, noi_vu):
    """Should the registry recode the agency, its secretariat members lose the role."""
    secretariat = User.objects.get(pk=people["secretariat"].pk)
    assert perms.is_secretariat(secretariat)
    Agency.objects.filter(pk=noi_vu.pk).update(code="t.so-khac")
    fresh = User.objects.get(pk=secretariat.pk)
    assert not perms.is_secretariat(fresh) and not perms.sees_everything(fresh)
    assert not fresh.has_perm("plans.add_plan")
