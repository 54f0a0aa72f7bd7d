from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import Membership, MembershipChange, Role

pytestmark = pytest.mark.django_db


def test_admin_adds_a_membership_through_the_action(client, people, tu_phap):
    root = people["admin"]
    client.force_login(root)
    newcomer = User.objects.create_user("newcomer")
    response = client.post(
        reverse("admin:accounts_membership_add"),
        {"user": newcomer.pk, "agency": tu_phap.pk, "role": Role.FOCAL_POINT},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=newcomer)
    assert membership.changes.get().actor == root
    assert User.objects.get(pk=newcomer.pk).has_perm("scheduling.view_obligation")


def test_admin_refuses_a_duplicate_or_a_deactivated_user(client, people, tu_phap):
    client.force_login(people["admin"])
    url = reverse("admin:accounts_membership_add")
    response = client.post(
        url, {"user": people["focal"].pk, "agency": tu_phap.pk, "role": Role.FOCAL_POINT}
    )
    assert response.status_code == 200
    sleeper = User.objects.create_user("sleeper", is_active=False)
    response = client.post(url, {"user": sleeper.pk, "agency": tu_phap.pk, "role": Role.HEAD})
    assert response.status_code == 200
    assert Membership.objects.count() == 4  # the people fixture's only


def test_admin_action_ends_memberships_with_history(client, people):
    client.force_login(people["admin"])
    focal = Membership.objects.get(user=people["focal"])
    response = client.post(
        reverse("admin:accounts_membership_changelist"),
        {"action": "end_selected", "_selected_action": [focal.pk]},
    )
    assert response.status_code == 302
    focal.refresh_from_db()
    assert not focal.active
    ended = focal.changes.get(action=MembershipChange.Action.ENDED)
    assert ended.actor == people["admin"]


def test_membership_and_login_pages_render(client, people):
    client.force_login(people["admin"])
    focal = Membership.objects.get(user=people["focal"])
    for url in (
        reverse("admin:accounts_membership_changelist"),
        reverse("admin:accounts_membership_change", args=[focal.pk]),
        reverse("admin:accounts_securityevent_changelist"),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:axes_accesslog_changelist"),
        reverse("admin:auth_user_changelist"),
    ):
        assert client.get(url).status_code == 200, url


def test_administrators_clear_a_lockout_in_the_admin(client, people, settings):
    from axes.models import AccessAttempt

    from cchc.conftest import PASSWORD

    settings.CCHC_LOGIN_MAX_FAILURES = 2
    focal = people["focal"]
    focal.set_password(PASSWORD)
    focal.save()
    login = Client()
    for _ in range(2):
        login.post(reverse("login"), {"username": "focal", "password": "wrong"})
    assert (
        login.post(reverse("login"), {"username": "focal", "password": PASSWORD}).status_code == 429
    )
    client.force_login(people["admin"])
    attempt = AccessAttempt.objects.get(username="focal")
    response = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert (
        login.post(reverse("login"), {"username": "focal", "password": PASSWORD}).status_code == 302
    )
