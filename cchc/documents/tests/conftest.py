"""The seed plan with its 2024 obligations (the test registry), approved reports for some
activities, and the secretariat who edits and issues the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from cchc.accounts.models import Role
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed, member, secretariat_agency
from cchc.plans.models import Node, Plan
from cchc.reporting.actions import (
    add_evidence,
    approve_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.models import Report
from cchc.scheduling.models import Obligation
from cchc.scheduling.obligations import generate_obligations

YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
ON = dt.date(2024, 7, 1)


def reported(
    obligation: Obligation, *, percent: int, work_status: str = "in_progress", approve: bool = True
) -> Report:
    """A report of ``obligation`` by a focal point, approved by a reviewer."""
    writer, _created = User.objects.get_or_create(username="writer")
    item = start_report(obligation=obligation, user=writer)
    save_draft(
        report=item,
        user=writer,
        expected_version=item.version,
        work_status=work_status,
        percent=percent,
        explanation="Báo cáo muộn.",
        narrative=f"Đã triển khai, đạt {percent}%.",
        difficulties="Thiếu nhân lực.",
    )
    if work_status in ("done", "done_late"):
        add_evidence(report=item, user=writer, description="Quyết định", document_number="1/QĐ")
    submit_report(report=item, user=writer, expected_version=item.version)
    if approve:
        reviewer, _created = User.objects.get_or_create(username="reviewer")
        approve_report(report=item, user=reviewer)
    return item


def lead(plan: Plan, number: str, label: str) -> Obligation:
    activity = Node.objects.get(plan=plan, number=number, kind="activity")
    return Obligation.objects.filter(activity=activity, role="lead", period_label=label).first()  # type: ignore[return-value]


@pytest.fixture
def plan(db: None) -> Plan:
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(plan=plan, since=YEAR[0], until=YEAR[1], on=ON)
    return plan


@pytest.fixture
def with_reports(plan: Plan) -> Plan:
    """Row 2: 40% in quarter I, done with evidence in the six months; row 22: 60% in quarter I;
    a later, unapproved report that says nothing."""
    reported(lead(plan, "2", "Quý I/2024"), percent=40)
    reported(lead(plan, "2", "6 tháng đầu năm 2024"), percent=100, work_status="done")
    reported(lead(plan, "22", "Quý I/2024"), percent=60)
    reported(lead(plan, "22", "6 tháng đầu năm 2024"), percent=80, approve=False)
    return plan


@pytest.fixture
def secretary(db: None) -> User:
    return member("secretary", Role.SECRETARIAT, secretariat_agency())
