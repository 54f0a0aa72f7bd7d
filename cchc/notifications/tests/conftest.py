"""The world of the notification tests: the seed plan's obligations (``plan``,
``obligation``: row 2's first quarter of 2024, Sở Tư pháp) and its people, made members."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from cchc.accounts.models import Role
from cchc.agencies.models import Agency
from cchc.conftest import member
from cchc.reporting.actions import save_draft, start_report
from cchc.reporting.models import Report
from cchc.reporting.tests.conftest import obligation, plan  # noqa: F401 (fixtures)
from cchc.scheduling.models import Obligation


@dataclass
class People:
    focal: User
    focal2: User
    head: User
    secretariat: User
    leader: User
    other_focal: User  # a focal point of another agency


@pytest.fixture
def people(obligation: Obligation) -> People:  # noqa: F811
    agency = obligation.agency
    other = Agency.objects.exclude(pk=agency.pk).exclude(code__endswith="so-noi-vu").first()
    assert other is not None
    people = People(
        focal=member("focal", Role.FOCAL_POINT, agency),
        focal2=member("focal2", Role.FOCAL_POINT, agency),
        head=member("head", Role.HEAD, agency),
        secretariat=member("snv", Role.SECRETARIAT, Agency.objects.get(code="bg.so-noi-vu")),
        leader=member("leader", Role.LEADER, Agency.objects.get(code="bg.ubnd-tinh")),
        other_focal=member("focal-other", Role.FOCAL_POINT, other),
    )
    # E-mail addresses: reminders go to members who have one.
    for user in vars(people).values():
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return people


def drafted(obligation: Obligation, user: User) -> Report:  # noqa: F811
    report = start_report(obligation=obligation, user=user)
    return save_draft(
        report=report,
        user=user,
        expected_version=report.version,
        percent=40,
        narrative="Đã triển khai.",
    )
