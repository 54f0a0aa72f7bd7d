"""A plan's progress over the API: the one definition, for every logged-in user."""

from __future__ import annotations

import pytest

from cchc.api.tests.test_api import send
from cchc.reporting.actions import approve_report, save_draft, start_report, submit_report
from cchc.reporting.progress import progress_for

pytestmark = pytest.mark.django_db


def test_the_plans_progress(clients, people, plan, obligation, django_assert_max_num_queries):
    report = start_report(obligation=obligation, user=people["focal"])
    save_draft(
        report=report,
        user=people["focal"],
        expected_version=1,
        percent=60,
        explanation="Chậm do chờ số liệu.",
        narrative="Đã triển khai.",
    )
    submit_report(report=report, user=people["focal"], expected_version=report.version)
    approve_report(report=report, user=people["secretariat"])
    expected = progress_for(plan)
    with django_assert_max_num_queries(6):
        response = send(clients["nobody"], "get", f"/plans/{plan.pk}/progress")
    assert response.status_code == 200
    body = response.body
    assert body["progress"] == pytest.approx(expected.overall)
    assert body["activities"] == len(expected.activities) == 70
    nodes = {n["id"]: n for n in body["nodes"]}
    assert set(nodes) == set(expected.nodes)
    row = nodes[obligation.activity_id]
    assert (row["progress"], row["done"], row["reported"]) == (60, False, 1)
    area = next(n for n in body["nodes"] if n["parent_id"] is None and n["progress"] > 0)
    assert area["kind"] == "section" and area["done"] is None
    assert send(clients["anonymous"], "get", f"/plans/{plan.pk}/progress").status_code == 401
    assert send(clients["nobody"], "get", "/plans/999999/progress").status_code == 404
