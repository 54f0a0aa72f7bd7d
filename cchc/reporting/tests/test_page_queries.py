"""Pinned query counts of the work pages (issue 14: at most 10 each; the period rules, the
deadline rules and the calendar are cached per process under the schedule version), with
the filters applied, and a rule or calendar change seen by the pages at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from cchc.core.versions import bump_plan
from cchc.plans.models import Plan
from cchc.reporting.actions import (
    approve_report,
    reopen_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.tests.test_views import as_user, people  # noqa: F401 (fixture)
from cchc.scheduling.actions import set_calendar_day
from cchc.scheduling.models import Obligation
from cchc.scheduling.periods import periods_for

YEAR_Q1 = {"year": "2024", "period": "quarter-1"}


def _submitted(obligation: Obligation, focal: User) -> None:
    report = start_report(obligation=obligation, user=focal)
    report = save_draft(
        report=report,
        user=focal,
        expected_version=report.version,
        work_status="in_progress",
        percent=40,
        narrative="Đã triển khai.",
        explanation="Chờ số liệu của các xã.",
    )
    submit_report(report=report, user=focal, expected_version=report.version)


@pytest.mark.parametrize(
    ("page", "who", "data", "queries"),
    [
        ("reporting:mine", "focal", {}, 7),
        ("reporting:mine", "focal", {"state": "submitted"}, 7),
        ("reporting:grid", "secretariat", YEAR_Q1, 8),
        ("reporting:grid", "secretariat", {**YEAR_Q1, "overdue": "1", "level": "province"}, 8),
        ("reporting:review", "secretariat", {}, 7),
        ("reporting:review", "secretariat", YEAR_Q1, 8),
    ],
)
def test_the_work_pages_query_counts(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
    django_assert_num_queries: Any,
    page: str,
    who: str,
    data: dict[str, str],
    queries: int,
) -> None:
    _submitted(obligation, people["focal"])
    client = as_user(people[who])
    path = reverse(page)
    assert client.get(path, data).status_code == 200
    with django_assert_num_queries(queries):
        assert client.get(path, data).status_code == 200


def test_the_activity_and_report_pages_query_counts(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
    plan: Plan,
    django_assert_max_num_queries: Any,
    django_assert_num_queries: Any,
) -> None:
    _submitted(obligation, people["focal"])
    snv = as_user(people["secretariat"])
    activity = reverse("plans:node_detail", args=[plan.pk, obligation.activity_id])
    assert snv.get(activity).status_code == 200
    # Session, the user with their memberships, the node (with its plan, the plan's version
    # and whether it has targets), reports, the assignments (3: with their history and a
    # group's members), the navigation's queues, the targets and their indicators'
    # measurements (this activity has targets). The pin was 13, then 11.
    with django_assert_max_num_queries(10):
        assert snv.get(activity).status_code == 200
    # An activity without targets reads none (the node's query says so): two fewer.
    bare = (
        obligation.__class__.objects.filter(activity__plan=plan, activity__targets__isnull=True)
        .values_list("activity_id", flat=True)
        .first()
    )
    bare_page = reverse("plans:node_detail", args=[plan.pk, bare])
    assert snv.get(bare_page).status_code == 200
    with django_assert_max_num_queries(8):
        assert 'id="node-targets"' not in snv.get(bare_page).content.decode()
    report = reverse("reporting:obligation", args=[obligation.pk])
    focal = as_user(people["focal"])
    assert focal.get(report).status_code == 200
    # Session, the user with their memberships, the obligation with its report, the rule in
    # force, its plan's version and whether it has evidence, contributions, targets; history, the
    # navigation's queues (issue 14; the activity's progress is cached under the plan's
    # version); each of evidence, contributions and targets (with their measurements and
    # stored values) only where there are some (test_report_page_queries.py).
    with django_assert_max_num_queries(10):
        assert focal.get(report).status_code == 200
    other = obligation.__class__.objects.filter(
        activity__plan=plan, role="lead", agency=obligation.agency, activity__targets__isnull=True
    ).exclude(pk=obligation.pk)[0]
    start_report(obligation=other, user=people["focal"])  # a draft, as at a deadline
    assert focal.get(reverse("reporting:obligation", args=[other.pk])).status_code == 200
    bump_plan(plan.pk)  # a version row, as every imported plan has: progress is cached
    assert focal.get(reverse("reporting:obligation", args=[other.pk])).status_code == 200
    with django_assert_num_queries(5):
        assert focal.get(reverse("reporting:obligation", args=[other.pk])).status_code == 200


def _progress_on_page(client: Any, obligation: Obligation) -> str:
    page: str = client.get(reverse("reporting:obligation", args=[obligation.pk])).content.decode()
    start = page.index('id="activity-progress"')
    return page[start : page.index("</span>", start)]


def test_an_approval_and_a_reopening_show_on_the_report_page_at_once(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
    plan: Plan,
) -> None:
    """The activity's progress is cached under the plan's version: approving the report
    (80%) and reopening it show on the next page."""
    bump_plan(plan.pk)
    focal = as_user(people["focal"])
    before = _progress_on_page(focal, obligation)
    assert before == _progress_on_page(focal, obligation)  # cached, same answer
    report = start_report(obligation=obligation, user=people["focal"])
    report = save_draft(
        report=report,
        user=people["focal"],
        expected_version=report.version,
        work_status="in_progress",
        percent=80,
        narrative="Đã triển khai.",
        explanation="Chờ số liệu của các xã.",
    )
    report = submit_report(report=report, user=people["focal"], expected_version=report.version)
    assert _progress_on_page(focal, obligation) == before  # submitted: not counted yet
    report = approve_report(report=report, user=people["secretariat"])
    approved = _progress_on_page(focal, obligation)
    assert approved != before and "80%" in approved
    reopen_report(report=report, user=people["secretariat"], reason="Sai số liệu.")
    assert _progress_on_page(focal, obligation) == before


def test_a_calendar_change_shows_on_the_grid_at_once(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
) -> None:
    client = as_user(people["secretariat"])
    path = reverse("reporting:grid")
    q1 = next(p for p in periods_for(2024) if p.kind == "quarter" and p.number == 1)
    due = q1.deadline_effective
    before = client.get(path, YEAR_Q1).content.decode()
    assert f"{due:%d/%m/%Y}" in before
    set_calendar_day(day=due, kind="day_off", name="Nghỉ của tỉnh")
    moved = due + dt.timedelta(days=1)
    while moved.weekday() >= 5:
        moved += dt.timedelta(days=1)
    after = client.get(path, YEAR_Q1).content.decode()
    assert f"{moved:%d/%m/%Y}" in after
    assert after.count(f"{due:%d/%m/%Y}") < before.count(f"{due:%d/%m/%Y}")
