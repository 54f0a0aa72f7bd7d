"""The report form a focal point can trust (issue 9.2–9.4): adding evidence saves the typed
draft in the same post; the minimum content (``SubmissionRule``) before submitting, named
when missing; withdrawing a report nobody has acted on; refusals from a stale tab saying why,
with the typed input kept or shown."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cchc.reporting.actions import (
    ReportError,
    VersionConflict,
    add_evidence,
    return_report,
    save_draft,
    start_report,
    submit_report,
    withdraw_report,
)
from cchc.reporting.models import (
    Evidence,
    Report,
    ReportState,
    ReportTransition,
    SubmissionRule,
    TextLimit,
)
from cchc.reporting.rules import set_submission_rule
from cchc.reporting.signoff import set_sign_off, sign_off_report
from cchc.reporting.tests.test_views import PDF, as_user, people, report_data, url
from cchc.scheduling.models import Obligation, ObligationStatus

pytestmark = pytest.mark.django_db

__all__ = ["people"]  # the fixture, used by name

TYPED = "Đã rà soát 15 thủ tục hành chính, đề xuất cắt giảm 4."


def evidence_data(**fields: object) -> dict[str, object]:
    return {
        "description": "Quyết định công bố thủ tục",
        "document_number": "12/QĐ-UBND",
        "document_date": "2024-03-01",
        "issuer": "UBND tỉnh",
        **fields,
    }


def draft(obligation: Obligation, user: User, **fields: object) -> Report:
    report = start_report(obligation=obligation, user=user)
    return save_draft(report=report, user=user, expected_version=report.version, **fields)


# -- 9.2: adding evidence keeps what was typed -------------------------------------------------


def test_adding_evidence_saves_the_typed_draft_in_the_same_post(people, obligation):
    client = as_user(people["focal"])
    start_report(obligation=obligation, user=people["focal"])
    post = {**report_data(1, narrative=TYPED), **evidence_data(), "add_evidence": ""}
    post["file"] = SimpleUploadedFile("qd.pdf", PDF, content_type="application/pdf")
    response = client.post(url("save", obligation), post)
    assert response.status_code == 302
    report = Report.objects.get(obligation=obligation)
    assert report.narrative == TYPED
    assert Evidence.objects.filter(report=report, document_number="12/QĐ-UBND").count() == 1
    changes = list(report.history.values_list("changes", flat=True))
    assert ["evidence"] in changes and any("narrative" in c for c in changes)


def test_the_old_evidence_address_with_the_report_fields_saves_them_too(people, obligation):
    client = as_user(people["focal"])
    start_report(obligation=obligation, user=people["focal"])
    response = client.post(url("evidence", obligation), {**report_data(1), **evidence_data()})
    assert response.status_code == 302
    report = Report.objects.get(obligation=obligation)
    assert report.narrative == report_data(1)["narrative"]
    assert report.evidence.count() == 1


def test_evidence_typed_then_save_draft_is_not_dropped(people, obligation):
    """Evidence fields filled in, then "Save draft": the evidence is added, not lost."""
    client = as_user(people["focal"])
    start_report(obligation=obligation, user=people["focal"])
    response = client.post(url("save", obligation), {**report_data(1), **evidence_data()})
    assert response.status_code == 302
    assert Evidence.objects.count() == 1


def test_refused_evidence_keeps_the_typed_text_on_the_form(people, obligation):
    client = as_user(people["focal"])
    start_report(obligation=obligation, user=people["focal"])
    post = {**report_data(1, narrative=TYPED), **evidence_data(description=""), "add_evidence": ""}
    response = client.post(url("save", obligation), post)
    assert response.status_code == 400
    assert TYPED in response.content.decode()
    assert 'id="evidence-form"' in response.content.decode()
    # Not saved: leaving the page asks first.
    assert "data-unsaved" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_refused_file_after_the_draft_is_saved_says_so(people, obligation):
    client = as_user(people["focal"])
    start_report(obligation=obligation, user=people["focal"])
    post = {**report_data(1, narrative=TYPED), **evidence_data(), "add_evidence": ""}
    post["file"] = SimpleUploadedFile("qd.exe", b"MZ\x90\x00" * 20, content_type="text/plain")
    response = client.post(url("save", obligation), post, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="evidence-errors"' in page
    report = Report.objects.get(obligation=obligation)
    assert report.narrative == TYPED
    assert not Evidence.objects.exists()
    # The form now holds the saved version: saving again is no conflict.
    assert f'name="version" value="{report.version}"' in page


def test_the_page_asks_before_leaving_unsaved_changes(people, obligation):
    page = as_user(people["focal"]).get(url("obligation", obligation)).content.decode()
    assert "data-warn-unsaved" in page
    assert "cchc/unsaved.js" in page
    assert 'form="report-form"' in page  # the evidence fields belong to the report form
    assert "<script>" not in page and "onclick" not in page


# -- 9.3: minimum content, set by the secretariat; withdrawal ----------------------------------


def test_an_empty_report_cannot_be_submitted(people, obligation):
    report = start_report(obligation=obligation, user=people["focal"])
    with pytest.raises(ReportError, match="What was done"), translation.override("en"):
        submit_report(report=report, user=people["focal"], expected_version=report.version)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_the_empty_report_from_the_page_is_refused_with_what_is_missing(people, obligation):
    client = as_user(people["focal"])
    response = client.post(
        url("save", obligation),
        report_data(1, narrative="", work_status="not_started", percent=0, submit=""),
        follow=True,
    )
    assert Report.objects.get(obligation=obligation).state == ReportState.DRAFT
    page = response.content.decode()
    assert 'id="missing-content"' in page
    assert Obligation.objects.get(pk=obligation.pk).status != ObligationStatus.SUBMITTED


def test_done_needs_evidence_and_the_refusal_names_everything(people, obligation):
    report = draft(obligation, people["focal"], work_status="done", percent=90)
    with pytest.raises(ReportError) as refused, translation.override("en"):
        submit_report(report=report, user=people["focal"], expected_version=report.version)
    message = str(refused.value)
    for part in ("What was done", "Completion", "Evidence"):
        assert part in message


def test_the_secretariat_changes_the_rule_and_it_has_a_history(people, obligation):
    assert SubmissionRule.objects.current().require_narrative  # the default, no row
    set_submission_rule(
        require_narrative=False,
        require_evidence_when_done=True,
        by=people["secretariat"],
        reason="Quý đầu áp dụng",
    )
    # The same rule again records nothing.
    set_submission_rule(
        require_narrative=False, require_evidence_when_done=True, by=people["secretariat"]
    )
    assert SubmissionRule.objects.count() == 1
    report = start_report(obligation=obligation, user=people["focal"])
    report = draft(obligation, people["focal"], explanation="Chậm do chờ ý kiến.")
    sent = submit_report(report=report, user=people["focal"], expected_version=report.version)
    assert sent.state == ReportState.SUBMITTED
    set_submission_rule(
        require_narrative=True, require_evidence_when_done=True, by=people["secretariat"]
    )
    rows = list(SubmissionRule.objects.order_by("changed_at", "pk"))
    assert [r.require_narrative for r in rows] == [False, True]
    assert rows[0].changed_by == people["secretariat"] and rows[0].reason == "Quý đầu áp dụng"


def test_the_rule_is_added_in_the_admin_as_a_new_row(people):
    client = as_user(people["admin"])
    add = reverse("admin:reporting_submissionrule_add")
    assert client.get(add).status_code == 200
    response = client.post(add, {"require_evidence_when_done": "on", "reason": "Thử"})
    assert response.status_code == 302
    rule = SubmissionRule.objects.current()
    assert not rule.require_narrative and rule.changed_by == people["admin"]
    change = reverse("admin:reporting_submissionrule_change", args=[rule.pk])
    client.post(change, {"require_narrative": "on", "require_evidence_when_done": "on"})
    assert SubmissionRule.objects.count() == 1  # rows are not changed in place
    assert SubmissionRule.objects.current().require_narrative is False


def test_the_rules_reason_has_a_limit_in_the_admin_and_the_database(people):
    client = as_user(people["admin"])
    add = reverse("admin:reporting_submissionrule_add")
    assert f'maxlength="{TextLimit.REASON}"' in client.get(add).content.decode()
    too_long = "ư" * (TextLimit.REASON + 1)
    response = client.post(add, {"require_evidence_when_done": "on", "reason": too_long})
    assert response.status_code == 200 and "500" in response.content.decode()
    assert not SubmissionRule.objects.exists()
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        SubmissionRule.objects.create(reason=too_long)
    assert "reporting_submissionrule_reason_length" in str(refused.value)
    response = client.post(add, {"reason": "ư" * TextLimit.REASON})
    assert response.status_code == 302 and SubmissionRule.objects.count() == 1


def sent_report(obligation: Obligation, user: User) -> Report:
    report = draft(obligation, user, narrative=TYPED, explanation="Chậm do chờ ý kiến.")
    return submit_report(report=report, user=user, expected_version=report.version)


def test_a_submitted_report_is_withdrawn_to_draft(people, obligation):
    report = sent_report(obligation, people["focal"])
    assert Obligation.objects.get(pk=obligation.pk).status == ObligationStatus.SUBMITTED
    back = withdraw_report(
        report=report, user=people["focal"], expected_version=report.version, comment="Sót số"
    )
    assert back.state == ReportState.DRAFT and back.submitted_at is None
    step = ReportTransition.objects.filter(report=report).order_by("-pk").first()
    assert (step.from_state, step.to_state, step.comment) == ("submitted", "draft", "Sót số")
    assert Obligation.objects.get(pk=obligation.pk).status != ObligationStatus.SUBMITTED
    # Twice: nothing more.
    again = withdraw_report(report=back, user=people["focal"], expected_version=back.version)
    assert again.version == back.version


def test_a_report_awaiting_sign_off_is_withdrawn_but_not_once_signed(people, obligation):
    set_sign_off(agency=obligation.agency, required=True, by=people["head"])
    report = sent_report(obligation, people["focal"])
    assert report.state == ReportState.AWAITING_SIGN_OFF
    back = withdraw_report(report=report, user=people["focal"], expected_version=report.version)
    assert back.state == ReportState.DRAFT
    report = submit_report(report=back, user=people["focal"], expected_version=back.version)
    signed = sign_off_report(report=report, user=people["head"], expected_version=report.version)
    assert signed.state == ReportState.SUBMITTED
    with pytest.raises(ReportError, match="nobody has signed off"), translation.override("en"):
        withdraw_report(report=signed, user=people["focal"], expected_version=signed.version)
    page = as_user(people["focal"]).get(url("obligation", obligation)).content.decode()
    assert 'id="withdraw-button"' not in page


def test_returned_or_approved_reports_are_not_withdrawn(people, obligation):
    report = sent_report(obligation, people["focal"])
    returned = return_report(report=report, user=people["secretariat"], comment="Bổ sung.")
    with pytest.raises(ReportError):
        withdraw_report(report=returned, user=people["focal"], expected_version=returned.version)


def test_withdrawing_from_an_old_version_is_a_conflict(people, obligation):
    report = sent_report(obligation, people["focal"])
    with pytest.raises(VersionConflict):
        withdraw_report(report=report, user=people["focal"], expected_version=1)


def test_the_withdraw_button_and_who_may_press_it(people, obligation):
    report = sent_report(obligation, people["focal"])
    page = as_user(people["focal"]).get(url("obligation", obligation)).content.decode()
    assert 'id="withdraw-button"' in page
    head_page = as_user(people["head"]).get(url("obligation", obligation)).content.decode()
    assert 'id="withdraw-button"' not in head_page
    post = {"version": report.version}
    assert as_user(people["secretariat"]).post(url("withdraw", obligation), post).status_code == 403
    response = as_user(people["focal"]).post(url("withdraw", obligation), post)
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).state == ReportState.DRAFT


def test_the_withdraw_api(people, obligation):
    report = sent_report(obligation, people["focal"])
    path = f"/api/v1/reports/{report.pk}/withdraw"
    body = {"version": report.version}
    refused = as_user(people["head"]).post(path, body, content_type="application/json")
    assert refused.status_code == 403
    stale = as_user(people["focal"]).post(path, {"version": 1}, content_type="application/json")
    assert stale.status_code == 409
    done = as_user(people["focal"]).post(path, body, content_type="application/json")
    assert done.status_code == 200 and done.json()["state"] == "draft"
    approved = sent_report_again(report, people)
    late = as_user(people["focal"]).post(
        path, {"version": approved.version}, content_type="application/json"
    )
    assert late.status_code == 400


def sent_report_again(report: Report, people: dict[str, User]) -> Report:
    from cchc.reporting.actions import approve_report

    report.refresh_from_db()
    sent = submit_report(report=report, user=people["focal"], expected_version=report.version)
    return approve_report(report=sent, user=people["secretariat"])


# -- 9.4: a stale tab is told why ---------------------------------------------------------------


def test_a_stale_tab_adding_evidence_is_told_why_and_sees_its_text(people, obligation):
    """Tab 1 submits; tab 2, opened before, adds evidence with typed text."""
    report = sent_report(obligation, people["focal"])
    client = as_user(people["focal"])
    post = {**report_data(2, narrative="Văn bản gõ ở tab thứ hai."), **evidence_data()}
    post["add_evidence"] = ""
    post["file"] = SimpleUploadedFile("qd.pdf", PDF, content_type="application/pdf")
    response = client.post(url("save", obligation), post)
    assert response.status_code == 409
    page = response.content.decode()
    assert 'id="report-error"' in page
    assert 'id="current-report-link"' in page
    assert "Văn bản gõ ở tab thứ hai." in page  # shown to copy
    assert not Evidence.objects.exists()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.narrative == TYPED


def test_a_stale_tab_posting_evidence_alone_is_told_why(people, obligation):
    sent_report(obligation, people["focal"])
    client = as_user(people["focal"])
    response = client.post(url("evidence", obligation), evidence_data())
    assert response.status_code == 409
    assert 'id="report-error"' in response.content.decode()


def test_a_stale_tab_submitting_different_text_is_not_told_it_went(people, obligation):
    sent_report(obligation, people["focal"])
    response = as_user(people["focal"]).post(
        url("save", obligation), report_data(1, narrative="Khác hẳn.", submit="")
    )
    assert response.status_code == 409
    assert "Khác hẳn." in response.content.decode()


def test_a_stale_tab_saving_while_still_editable_keeps_the_input(people, obligation):
    report = draft(obligation, people["focal"], narrative="Bản đầu.")
    save_draft(report=report, user=people["focal"], expected_version=2, narrative="Tab một.")
    response = as_user(people["focal"]).post(
        url("save", obligation), {**report_data(2, narrative="Tab hai."), **evidence_data()}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Tab hai." in page and 'id="report-form"' in page
    assert not Evidence.objects.exists()


def test_evidence_removed_from_a_stale_tab_is_told_why(people, obligation):
    report = draft(obligation, people["focal"], narrative=TYPED, explanation="Chậm.")
    evidence = add_evidence(report=report, user=people["focal"], description="QĐ")
    report.refresh_from_db()
    submit_report(report=report, user=people["focal"], expected_version=report.version)
    client: Client = as_user(people["focal"])
    response = client.post(reverse("reporting:evidence_remove", args=[evidence.pk]), follow=True)
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_a_stale_review_says_why(people, obligation):
    """The secretariat returns a report from a page opened before the focal point withdrew
    it: the page as it is now says why."""
    report = sent_report(obligation, people["focal"])
    withdraw_report(report=report, user=people["focal"], expected_version=report.version)
    response = as_user(people["secretariat"]).post(
        url("review_report", obligation), {"action": "return", "comment": "Bổ sung số liệu quý."}
    )
    assert response.status_code == 409
    assert 'id="report-error"' in response.content.decode()
    assert Report.objects.get(pk=report.pk).state == ReportState.DRAFT
