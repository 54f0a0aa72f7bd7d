"""The request's user, read with their memberships in one query (``RoleBackend.get_user``,
``permissions.user_with_memberships``): the same rights as the memberships read alone, and
every change that takes rights away (a membership ended, an agency ended, an account
disabled, a logout, a new password) counts at the next request. Nothing is kept between
requests, so what one request sees another process sees too."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from cchc.accounts import permissions
from cchc.accounts.actions import add_member, end_membership
from cchc.accounts.backends import RoleBackend
from cchc.accounts.models import Membership, Role
from cchc.agencies.models import Agency, AgencyLevel
from cchc.conftest import member, secretariat_agency

pytestmark = pytest.mark.django_db

REVIEW = "reporting:review"


def _department(code: str = "test.so-tu-phap") -> Agency:
    agency, _created = Agency.objects.get_or_create(
        code=code, defaults={"name": f"Sở {code}", "level": AgencyLevel.DEPARTMENT}
    )
    return agency


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_user_and_their_memberships_are_one_query(
    importer: User, django_assert_num_queries: Any
):
    department = _department()
    add_member(user=importer, agency=department, role=Role.FOCAL_POINT, by=None)
    add_member(user=importer, agency=department, role=Role.HEAD, by=None)
    alone = User.objects.get(pk=importer.pk)
    expected = permissions.memberships_of(alone)
    assert expected == {
        (secretariat_agency().pk, Role.SECRETARIAT),
        (department.pk, Role.FOCAL_POINT),
        (department.pk, Role.HEAD),
    }
    with django_assert_num_queries(1):
        user = RoleBackend().get_user(importer.pk)
    assert user is not None and user.pk == importer.pk
    assert user.get_username() == "importer" and user.is_active
    with django_assert_num_queries(0):
        assert permissions.memberships_of(user) == expected
        assert permissions.is_secretariat(user)
        assert permissions.agencies_filed_by(user) == {department.pk}
        assert user.has_perm("plans.add_plan")
    assert not hasattr(user, "cchc_role")  # the joined columns are not left on the user


def test_a_user_without_memberships_has_none_and_asks_no_more(
    reader: User, django_assert_num_queries: Any
):
    with django_assert_num_queries(1):
        user = RoleBackend().get_user(reader.pk)
    assert user is not None
    with django_assert_num_queries(0):
        assert permissions.memberships_of(user) == frozenset()
        assert not permissions.sees_everything(user)


def test_ended_memberships_and_agencies_do_not_count(
    importer: User, membership_day: dt.date, django_assert_num_queries: Any
):
    ended = member("importer", Role.FOCAL_POINT, _department("test.so-cu"))
    membership = Membership.objects.get(user=ended, role=Role.FOCAL_POINT)
    end_membership(membership=membership, by=None)
    gone = _department("test.so-da-giai-the")
    add_member(user=importer, agency=gone, role=Role.HEAD, by=None)
    Agency.objects.filter(pk=gone.pk).update(valid_until=membership_day - dt.timedelta(days=1))
    later = _department("test.so-moi")
    add_member(user=importer, agency=later, role=Role.HEAD, by=None)
    Agency.objects.filter(pk=later.pk).update(valid_from=membership_day + dt.timedelta(days=1))
    user = RoleBackend().get_user(importer.pk)
    assert user is not None
    assert permissions.memberships_of(user) == {(secretariat_agency().pk, Role.SECRETARIAT)}
    assert permissions.memberships_of(User.objects.get(pk=importer.pk)) == {
        (secretariat_agency().pk, Role.SECRETARIAT)
    }


def test_a_missing_or_disabled_user_is_nobody(importer: User):
    assert RoleBackend().get_user(importer.pk + 1000) is None
    User.objects.filter(pk=importer.pk).update(is_active=False)
    assert RoleBackend().get_user(importer.pk) is None


def test_a_membership_ended_counts_at_the_next_request(importer: User):
    client = _client(importer)
    assert client.get(reverse(REVIEW)).status_code == 200
    membership = Membership.objects.get(user=importer, role=Role.SECRETARIAT)
    end_membership(membership=membership, by=None, reason="moved")
    assert client.get(reverse(REVIEW)).status_code == 403


def test_an_agency_ended_counts_at_the_next_request(importer: User, membership_day: dt.date):
    client = _client(importer)
    assert client.get(reverse(REVIEW)).status_code == 200
    Agency.objects.filter(pk=secretariat_agency().pk).update(
        valid_until=membership_day - dt.timedelta(days=1)
    )
    assert client.get(reverse(REVIEW)).status_code == 403


def test_a_disabled_account_is_logged_out_at_the_next_request(importer: User):
    client = _client(importer)
    assert client.get(reverse(REVIEW)).status_code == 200
    User.objects.filter(pk=importer.pk).update(is_active=False)
    response = client.get(reverse(REVIEW))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_session_ended_elsewhere_is_logged_out_at_the_next_request(importer: User):
    """A logout (or a revoked session) in another process deletes the session's row."""
    client = _client(importer)
    assert client.get(reverse(REVIEW)).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).delete()
    response = client.get(reverse(REVIEW))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_new_password_logs_other_sessions_out(importer: User):
    client = _client(importer)
    assert client.get(reverse(REVIEW)).status_code == 200
    user = User.objects.get(pk=importer.pk)
    user.set_password("một-mật-khẩu-mới-dài-42")
    user.save(update_fields=["password"])
    response = client.get(reverse(REVIEW))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
