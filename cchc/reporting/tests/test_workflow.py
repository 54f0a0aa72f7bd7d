"""The report workflow through its actions: draft → submitted → returned → resubmitted →
approved (locked) → reopened; its history; concurrent edits; refusals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import translation

from cchc.reporting.actions import (
    ReportError,
    add_evidence,
    approve_report,
    bulk_approve,
    reopen_report,
    resubmit_report,
    return_report,
    save_contribution,
    save_draft,
    start_report,
    submit_contribution,
    submit_report,
)
from cchc.reporting.models import ContributionState, Report, ReportState, ReportTransition
from cchc.scheduling.models import Obligation, ObligationStatus


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These tests read the actions' messages, which they check in English (the Vietnamese
    catalogue translates them for users)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db
# Before Quý I/2024's deadline (20/3/2024), after its cut-off (14/3/2024).
IN_TIME = dt.datetime(2024, 3, 18, 9, 0, tzinfo=dt.UTC)


def status(obligation: Obligation) -> str:
    obligation.refresh_from_db()
    return obligation.status


def steps(report: Report) -> list[tuple[str, str, str, str]]:
    return [
        (t.actor.username if t.actor else "", t.from_state, t.to_state, t.comment)
        for t in report.history.all()
        if t.is_step or t.from_state == ""
    ]


def test_whole_workflow_with_history(obligation, focal, secretariat):
    report = start_report(obligation=obligation, user=focal)
    assert report.state == ReportState.DRAFT and report.version == 1
    assert start_report(obligation=obligation, user=focal) == report  # get, not a second one
    save_draft(
        report=report,
        user=focal,
        expected_version=1,
        work_status="in_progress",
        percent=40,
        narrative="Đã thẩm định 12 dự thảo.",
    )
    assert report.version == 2
    submit_report(report=report, user=focal, expected_version=2, now=IN_TIME)
    assert report.state == ReportState.SUBMITTED and report.submitted_at == IN_TIME
    assert status(obligation) == ObligationStatus.SUBMITTED

    with pytest.raises(ReportError, match="Comment"):
        return_report(report=report, user=secretariat, comment="  ")
    return_report(report=report, user=secretariat, comment="Bổ sung số liệu quý.")
    assert report.state == ReportState.RETURNED
    # Back to the clock: Quý I/2024 is long past its deadline.
    assert status(obligation) == ObligationStatus.LATE

    save_draft(report=report, user=focal, expected_version=report.version, percent=50)
    with pytest.raises(ReportError, match="Explanation"):
        resubmit_report(report=report, user=focal, expected_version=report.version)
    save_draft(
        report=report,
        user=focal,
        expected_version=report.version,
        explanation="Chờ số liệu của các sở.",
    )
    resubmit_report(report=report, user=focal, expected_version=report.version)
    assert status(obligation) == ObligationStatus.SUBMITTED

    approve_report(report=report, user=secretariat, comment="Đạt.")
    assert report.state == ReportState.APPROVED and report.approved_at is not None
    assert status(obligation) == ObligationStatus.APPROVED

    # Locked: no edit, no submission, no evidence, no second approval.
    with pytest.raises(ReportError, match="locked"):
        save_draft(report=report, user=focal, expected_version=report.version, percent=60)
    with pytest.raises(ReportError, match="locked"):
        submit_report(report=report, user=focal, expected_version=report.version)
    with pytest.raises(ReportError, match="locked"):
        add_evidence(report=report, user=focal, description="Quyết định")
    with pytest.raises(ReportError):
        approve_report(report=report, user=secretariat)
    with pytest.raises(ReportError, match="Reason"):
        reopen_report(report=report, user=secretariat, reason="")

    reopen_report(report=report, user=secretariat, reason="Số liệu sai, cần sửa.")
    assert report.state == ReportState.RETURNED and report.approved_at is None
    assert status(obligation) == ObligationStatus.LATE
    save_draft(report=report, user=focal, expected_version=report.version, percent=55)

    stored = Report.objects.get(pk=report.pk)
    assert (stored.state, stored.percent, stored.version) == ("returned", 55, report.version)
    assert steps(report) == [
        ("focal", "", "draft", ""),
        ("focal", "draft", "submitted", ""),
        ("snv", "submitted", "returned", "Bổ sung số liệu quý."),
        ("focal", "returned", "submitted", ""),
        ("snv", "submitted", "approved", "Đạt."),
        ("snv", "approved", "returned", "Số liệu sai, cần sửa."),
    ]
    # Every save is in the history too, with the fields it changed; nothing else is.
    edits = [t.changes for t in report.history.all() if not t.is_step and t.from_state]
    assert edits == [
        ["work_status", "percent", "narrative"],
        ["percent"],
        ["explanation"],
        ["percent"],
    ]
    assert all(t.at is not None for t in report.history.all())


def test_stale_version_is_refused_and_nothing_is_overwritten(obligation, focal, secretariat):
    report = start_report(obligation=obligation, user=focal)
    mine = Report.objects.get(pk=report.pk)
    theirs = Report.objects.get(pk=report.pk)
    save_draft(report=theirs, user=secretariat, expected_version=theirs.version, percent=30)
    with pytest.raises(ReportError, match="Someone else saved this report"):
        save_draft(report=mine, user=focal, expected_version=mine.version, percent=90)
    with pytest.raises(ReportError, match="Someone else saved this report"):
        submit_report(report=mine, user=focal, expected_version=mine.version, now=IN_TIME)
    stored = Report.objects.get(pk=report.pk)
    assert (stored.percent, stored.version, stored.state) == (30, 2, "draft")


def test_submitting_twice_is_harmless(obligation, focal):
    report = start_report(obligation=obligation, user=focal)
    save_draft(report=report, user=focal, expected_version=1, narrative="Đã thẩm định.")
    version = report.version
    first = submit_report(report=report, user=focal, expected_version=version, now=IN_TIME)
    again = submit_report(
        report=Report.objects.get(pk=report.pk), user=focal, expected_version=version
    )
    assert again.pk == first.pk and again.state == ReportState.SUBMITTED
    assert again.submitted_at == IN_TIME
    submitted = ReportTransition.objects.filter(report=report, to_state="submitted")
    assert submitted.count() == 1


@pytest.mark.parametrize("work_status", ["done_late", "blocked"])
def test_explanation_required_when_late_or_blocked(obligation, focal, work_status):
    report = start_report(obligation=obligation, user=focal)
    percent = 100 if work_status == "done_late" else 10
    save_draft(
        report=report,
        user=focal,
        expected_version=1,
        work_status=work_status,
        percent=percent,
        narrative="Đã thẩm định.",
    )
    if work_status == "done_late":
        add_evidence(report=report, user=focal, description="Báo cáo thẩm định")
    with pytest.raises(ReportError, match="Explanation"):
        submit_report(report=report, user=focal, expected_version=2, now=IN_TIME)
    assert Report.objects.get(pk=report.pk).state == ReportState.DRAFT
    save_draft(report=report, user=focal, expected_version=2, explanation="Thiếu biên chế.")
    submit_report(report=report, user=focal, expected_version=3, now=IN_TIME)
    assert report.state == ReportState.SUBMITTED


def test_explanation_required_after_the_deadline(obligation, focal):
    report = start_report(obligation=obligation, user=focal)
    late = dt.datetime(2024, 3, 25, 9, 0, tzinfo=dt.UTC)
    with pytest.raises(ReportError, match="20/03/2024"):
        submit_report(report=report, user=focal, expected_version=1, now=late)


def test_done_needs_full_completion_and_evidence(obligation, focal):
    report = start_report(obligation=obligation, user=focal)
    save_draft(
        report=report,
        user=focal,
        expected_version=1,
        work_status="done",
        percent=80,
        narrative="Đã ban hành quyết định.",
    )
    with pytest.raises(ReportError, match="Completion"):
        submit_report(report=report, user=focal, expected_version=2, now=IN_TIME)
    save_draft(report=report, user=focal, expected_version=2, percent=100)
    with pytest.raises(ReportError, match="Evidence"):
        submit_report(report=report, user=focal, expected_version=3, now=IN_TIME)
    add_evidence(report=report, user=focal, description="QĐ", document_number="12/QĐ-UBND")
    submit_report(report=report, user=focal, expected_version=3, now=IN_TIME)


def test_bad_drafts_are_refused(obligation, focal):
    report = start_report(obligation=obligation, user=focal)
    for fields in ({"percent": 101}, {"percent": -1}, {"work_status": "x"}, {"state": "approved"}):
        with pytest.raises(ReportError):
            save_draft(report=report, user=focal, expected_version=1, **fields)
    assert Report.objects.get(pk=report.pk).version == 1


def test_impossible_transitions_are_refused(obligation, focal, secretariat):
    report = start_report(obligation=obligation, user=focal)
    with pytest.raises(ReportError):
        return_report(report=report, user=secretariat, comment="?")
    with pytest.raises(ReportError):
        approve_report(report=report, user=secretariat)
    with pytest.raises(ReportError):
        reopen_report(report=report, user=secretariat, reason="?")
    with pytest.raises(ReportError):
        resubmit_report(report=report, user=focal, expected_version=1)
    assert report.history.count() == 1


def test_partners_contribute_and_leads_report(plan, obligation, focal):
    partner = Obligation.objects.filter(
        activity=obligation.activity, role="partner", period_end=obligation.period_end
    ).order_by("pk")[0]
    with pytest.raises(ReportError):
        start_report(obligation=partner, user=focal)
    with pytest.raises(ReportError):
        submit_contribution(obligation=obligation, user=focal, text="…")
    save_contribution(obligation=partner, user=focal, text="Nháp")
    sent = submit_contribution(obligation=partner, user=focal, text="Đã góp ý 3 dự thảo.")
    assert sent.state == ContributionState.SUBMITTED
    assert status(partner) == ObligationStatus.SUBMITTED
    assert submit_contribution(obligation=partner, user=focal, text="Đã góp ý 3 dự thảo.") == sent
    with pytest.raises(ReportError):
        submit_contribution(obligation=partner, user=focal, text="Khác")


def _submitted(obligation: Obligation, user) -> Report:
    report = start_report(obligation=obligation, user=user)
    save_draft(report=report, user=user, expected_version=1, narrative="Đã thẩm định.")
    return submit_report(report=report, user=user, expected_version=2, now=IN_TIME)


def test_bulk_approve_is_all_or_nothing(plan, obligation, focal, secretariat):
    others = Obligation.objects.filter(
        activity__plan=plan, role="lead", period_label="Quý I/2024"
    ).exclude(pk=obligation.pk)[:2]
    reports = [_submitted(o, focal) for o in [obligation, *others]]
    half = Obligation.objects.filter(
        activity__plan=plan, role="lead", period_label="6 tháng đầu năm 2024"
    ).order_by("pk")[0]
    draft = start_report(obligation=half, user=focal)
    with pytest.raises(ReportError, match="Nothing was approved"):
        bulk_approve(reports=[*reports, draft], user=secretariat, comment="Đạt")
    assert not Report.objects.filter(state=ReportState.APPROVED).exists()
    assert not ReportTransition.objects.filter(to_state="approved").exists()
    with pytest.raises(ReportError):
        bulk_approve(reports=[], user=secretariat, comment="Đạt")

    approved = bulk_approve(reports=reports, user=secretariat, comment="Đạt")
    assert {r.pk for r in approved} == {r.pk for r in reports}
    assert set(
        Report.objects.filter(pk__in=[r.pk for r in reports]).values_list("state", flat=True)
    ) == {"approved"}
    history = ReportTransition.objects.filter(to_state="approved")
    assert [(t.comment, t.actor) for t in history] == [("Đạt", secretariat)] * len(reports)
    assert set(
        Obligation.objects.filter(progress_report__in=reports).values_list("status", flat=True)
    ) == {ObligationStatus.APPROVED}


def test_no_report_on_a_not_applicable_obligation(obligation, focal):
    obligation.status = ObligationStatus.NOT_APPLICABLE
    obligation.reason = "Không phát sinh trong kỳ."
    obligation.save()
    with pytest.raises(ReportError, match="not applicable"):
        start_report(obligation=obligation, user=focal)
    assert not Report.objects.exists()
