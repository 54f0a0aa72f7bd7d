"""Personas and builders shared by the agencies page tests (client and browser)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from cchc.accounts.models import Role
from cchc.agencies.actions import sync_plan_assignments
from cchc.agencies.models import Agency, AgencyLevel, Assignment
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import PASSWORD, build_small_plan, member, secretariat_agency
from cchc.plans.models import Node, NodeKind, Plan

# The secretariat maps texts, records successions and moves assignments.
SECRETARIAT_PERMISSIONS = ("add_agencyalias", "add_succession", "change_assignment")


def make_secretariat(username: str = "secretariat") -> User:
    """A member of the secretariat, whose role carries ``SECRETARIAT_PERMISSIONS``."""
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    return member(user.username, Role.SECRETARIAT, secretariat_agency())


def add_successor_of_justice() -> Agency:
    """Bắc Ninh's Sở Tư pháp, which the mini registry does not have."""
    return Agency.objects.create(
        code="bn.so-tu-phap",
        name="Sở Tư pháp tỉnh Bắc Ninh",
        short_name="Sở Tư pháp",
        level=AgencyLevel.DEPARTMENT,
        parent=Agency.objects.get(code="bn.ubnd-tinh"),
        valid_from=dt.date(2025, 7, 1),
    )


def synced_plan(*, load: bool = False) -> Plan:
    """The small plan (issued 21/08/2021) with its assignments read from its texts."""
    if load:
        load_registry(path=MINI)
    plan = build_small_plan()
    sync_plan_assignments(plan_id=plan.pk)
    return plan


def agency(code: str) -> Agency:
    return Agency.objects.get(code=code)


def activity(plan: Plan, number: str) -> Node:
    return Node.objects.get(plan=plan, kind=NodeKind.ACTIVITY, number=number)


def open_assignments(code: str) -> list[tuple[str, str]]:
    """(activity number, role) of the agency's open assignments."""
    return sorted(
        (a.activity.number, a.role)
        for a in Assignment.objects.open().filter(agency__code=code).select_related("activity")
    )
