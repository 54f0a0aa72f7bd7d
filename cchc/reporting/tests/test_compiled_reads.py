"""The report page's reads compiled once per process (``selectors.obligation_for`` and
``selectors.history_of``) give what the ORM's querysets give: the obligation with its
agency, its report (or none, known without asking again), the rule and what is beside it;
the history in order with each step's actor (or none) and report; another obligation's
values on the next call (the compiled statement takes the id as its parameter)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from cchc.reporting import selectors
from cchc.reporting.actions import (
    add_evidence,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.models import Report
from cchc.reporting.tests.test_views import people  # noqa: F401 (fixture)
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db


def _fields(instance: Any) -> dict[str, Any]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_an_obligation_without_a_report(
    obligation: Obligation, django_assert_num_queries: Any
) -> None:
    found = selectors.obligation_for(obligation.pk)
    assert found is not None
    stored = Obligation.objects.select_related("agency").get(pk=obligation.pk)
    assert _fields(found) == _fields(stored)
    assert _fields(found.agency) == _fields(stored.agency)
    assert found.activity.pk == stored.activity_id and found.activity.plan.pk
    with django_assert_num_queries(0):
        assert selectors.report_of(found) is None
    assert selectors.Beside.found(found) == selectors.Beside(evidence=False, contributions=False)
    assert selectors.history_of(None) == []


def test_an_obligation_with_its_report_then_another(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
    django_assert_num_queries: Any,
) -> None:
    report = start_report(obligation=obligation, user=people["focal"])
    add_evidence(report=report, user=people["focal"], description="Công văn số 7")
    found = selectors.obligation_for(obligation.pk)
    assert found is not None
    with django_assert_num_queries(0):
        read = selectors.report_of(found)
    assert read is not None and read.obligation is found
    assert _fields(read) == _fields(Report.objects.get(pk=report.pk))
    assert selectors.Beside.found(found).evidence
    other = Obligation.objects.exclude(pk=obligation.pk).filter(role="lead").first()
    assert other is not None
    again = selectors.obligation_for(other.pk)
    assert again is not None and _fields(again) == _fields(other)
    assert selectors.obligation_for(-1) is None


def test_the_history_as_the_orm_reads_it(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
) -> None:
    report = start_report(obligation=obligation, user=None)  # nobody recorded
    report = save_draft(
        report=report,
        user=people["focal"],
        expected_version=report.version,
        work_status="in_progress",
        percent=40,
        narrative="Đã triển khai.",
        explanation="Chờ số liệu của các xã.",
    )
    report = submit_report(report=report, user=people["focal"], expected_version=report.version)
    return_report(report=report, user=people["secretariat"], comment="Bổ sung số liệu.")
    report = Report.objects.get(pk=report.pk)
    history = selectors.history_of(report)
    expected = list(report.history.select_related("actor"))
    assert len(history) == len(expected) >= 4
    for step, want in zip(history, expected, strict=True):
        assert _fields(step) == _fields(want)
        assert step.report is report
        assert (step.actor and _fields(step.actor)) == (want.actor and _fields(want.actor))
    assert history[0].actor is None and history[-1].actor == people["secretariat"]
    assert history[-1].changes == expected[-1].changes
