"""Pinned query counts of the work pages (issue 14: at most 10 each; the period rules, the
deadline rules and the calendar are cached per process under the schedule version), with
the filters applied, and a rule or calendar change seen by the pages at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from cchc.plans.models import Plan
from cchc.reporting.actions import save_draft, start_report, submit_report
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
        ("reporting:mine", "focal", {}, 8),
        ("reporting:mine", "focal", {"state": "submitted"}, 8),
        ("reporting:grid", "secretariat", YEAR_Q1, 9),
        ("reporting:grid", "secretariat", {**YEAR_Q1, "overdue": "1", "level": "province"}, 9),
        ("reporting:review", "secretariat", {}, 8),
        ("reporting:review", "secretariat", YEAR_Q1, 9),
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
) -> None:
    _submitted(obligation, people["focal"])
    snv = as_user(people["secretariat"])
    activity = reverse("plans:node_detail", args=[plan.pk, obligation.activity_id])
    assert snv.get(activity).status_code == 200
    # 12, or 13 when the indicators' measurements are read (target 10: see CHANGELOG).
    with django_assert_max_num_queries(13):
        assert snv.get(activity).status_code == 200
    report = reverse("reporting:obligation", args=[obligation.pk])
    focal = as_user(people["focal"])
    assert focal.get(report).status_code == 200
    with django_assert_max_num_queries(13):  # target 10: see CHANGELOG (issue 14)
        assert focal.get(report).status_code == 200


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
