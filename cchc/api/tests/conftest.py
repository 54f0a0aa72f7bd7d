"""The API's people: one per role, the focal points of two agencies, each with a client."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from cchc.accounts.actions import add_member
from cchc.accounts.models import Role
from cchc.agencies.models import Agency
from cchc.plans.models import Plan
from cchc.reporting.tests.conftest import obligation, plan  # noqa: F401 (fixtures)
from cchc.scheduling.models import Obligation


@pytest.fixture
def other_obligation(plan: Plan, obligation: Obligation) -> Obligation:  # noqa: F811
    """A lead report of the same period, of another agency."""
    found = (
        Obligation.objects.filter(activity__plan=plan, role="lead", period_label="Quý I/2024")
        .exclude(agency=obligation.agency)
        .order_by("pk")
        .first()
    )
    assert found is not None
    return found


def member(username: str, role: str, agency: Agency) -> User:
    user, _created = User.objects.get_or_create(username=username)
    add_member(user=user, agency=agency, role=role, by=None)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def people(obligation: Obligation, other_obligation: Obligation) -> dict[str, User]:  # noqa: F811
    """``focal``/``head`` of the obligation's agency, ``other`` the focal point of the other
    obligation's agency, the secretariat, a leader, a superuser and a user with no role."""
    return {
        "secretariat": member("snv", Role.SECRETARIAT, Agency.objects.get(code="bg.so-noi-vu")),
        "focal": member("focal", Role.FOCAL_POINT, obligation.agency),
        "head": member("head", Role.HEAD, obligation.agency),
        "other": member("other", Role.FOCAL_POINT, other_obligation.agency),
        "leader": member("leader", Role.LEADER, Agency.objects.get(code="bg.ubnd-tinh")),
        "admin": User.objects.create_superuser("root", "root@example.org", None),
        "nobody": User.objects.create_user("nobody", "nobody@example.org", None),
    }


@pytest.fixture
def clients(people: dict[str, User]) -> dict[str, Client]:
    result = {"anonymous": Client()}
    for name, user in people.items():
        result[name] = Client()
        result[name].force_login(user)
    for client in result.values():
        # The messages the tests look for, in English (the switcher's cookie).
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return result
