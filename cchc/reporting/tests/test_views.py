"""The report pages end to end: every role × every action, allowed and refused; the
conflict message; evidence refused with its error on the form; history; bulk approval."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cchc.accounts.actions import add_member
from cchc.accounts.models import Role
from cchc.agencies.models import Agency
from cchc.plans.models import Plan
from cchc.reporting.actions import save_draft, start_report, submit_report
from cchc.reporting.models import (
    Contribution,
    ContributionState,
    Evidence,
    Report,
    ReportState,
    ReportTransition,
)
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def member(username: str, role: str, code: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", None)
    add_member(user=user, agency=Agency.objects.get(code=code), role=role, by=None)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def people(plan: Plan) -> dict[str, User]:
    """One person per role. The lead of the obligation is Sở Tư pháp; ``other`` is the focal
    point of Sở Thông tin và Truyền thông, a coordinating agency of the same activity."""
    return {
        "focal": member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap"),
        "head": member("head-tp", Role.HEAD, "bg.so-tu-phap"),
        "other": member("focal-tt", Role.FOCAL_POINT, "bg.so-tt-tt"),
        "secretariat": member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu"),
        "leader": member("leader", Role.LEADER, "bg.ubnd-tinh"),
        "admin": User.objects.create_superuser("root", "root@example.org", None),
        "nobody": User.objects.create_user("nobody", "nobody@example.org", None),
    }


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, obligation: Obligation) -> str:
    return reverse(f"reporting:{name}", args=[obligation.pk])


def report_data(version: int, **fields: object) -> dict[str, object]:
    return {
        "work_status": "in_progress",
        "percent": 40,
        "narrative": "Đã thẩm định 12 dự thảo.",
        "difficulties": "",
        "proposals": "",
        "explanation": "",
        "version": version,
        **fields,
    }


def submitted(obligation: Obligation, user: User) -> Report:
    report = start_report(obligation=obligation, user=user)
    report = save_draft(
        report=report,
        user=user,
        expected_version=report.version,
        work_status="in_progress",
        percent=50,
        narrative="Đã thẩm định 12 dự thảo.",
        explanation="Chậm do chờ ý kiến.",
    )
    return submit_report(report=report, user=user, expected_version=report.version)


def messages_of(response: object) -> list[str]:
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


# -- who sees what ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status", "form"),
    [
        ("focal", 200, True),
        ("head", 200, False),
        ("secretariat", 200, False),
        ("leader", 200, False),
        ("admin", 200, False),
        ("other", 404, False),
        ("nobody", 404, False),
    ],
)
def test_who_sees_the_report_page(people, obligation, who, status, form):
    submitted_by_nobody = start_report(obligation=obligation, user=people["focal"])
    assert submitted_by_nobody.state == ReportState.DRAFT
    response = as_user(people[who]).get(url("obligation", obligation))
    assert response.status_code == status
    if status == 200:
        assert (b'id="report-form"' in response.content) is form
        assert b'id="history-table"' in response.content
        assert (b'id="report-readonly"' in response.content) is not form


def test_anonymous_is_sent_to_log_in(obligation):
    response = Client().get(url("obligation", obligation))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_guessed_address_of_another_agency_is_not_found(people, obligation):
    """A focal point of another agency neither sees nor changes the draft: every address
    answers 404, and nothing changes."""
    report = start_report(obligation=obligation, user=people["focal"])
    client = as_user(people["other"])
    assert client.get(url("obligation", obligation)).status_code == 404
    assert client.post(url("save", obligation), report_data(1, submit="")).status_code == 404
    response = client.post(
        url("evidence", obligation), {"description": "x", "document_number": "1/QĐ"}
    )
    assert response.status_code == 404
    response = client.post(url("review_report", obligation), {"action": "approve"})
    assert response.status_code == 404
    report.refresh_from_db()
    assert (report.version, report.state, report.narrative) == (1, ReportState.DRAFT, "")
    assert not Evidence.objects.exists()
    # Nor does its list show the other agency's reports.
    page = client.get(reverse("reporting:mine"))
    assert f'data-obligation="{obligation.pk}"'.encode() not in page.content


def test_a_missing_obligation_is_not_found(people):
    assert as_user(people["focal"]).get("/reports/obligations/999999/").status_code == 404


@pytest.mark.parametrize("who", ["head", "secretariat", "leader", "admin"])
def test_only_the_focal_point_writes(people, obligation, who):
    client = as_user(people[who])
    assert client.post(url("save", obligation), report_data(1)).status_code == 403
    response = client.post(url("evidence", obligation), {"description": "Quyết định"})
    assert response.status_code == 403
    assert not Report.objects.exists()


@pytest.mark.parametrize("who", ["focal", "head", "leader", "admin"])
def test_only_the_secretariat_reviews(people, obligation, who):
    report = submitted(obligation, people["focal"])
    client = as_user(people[who])
    for action in ("return", "approve"):
        response = client.post(url("review_report", obligation), {"action": action, "comment": "x"})
        assert response.status_code == 403
    assert client.get(reverse("reporting:review")).status_code == 403
    response = client.post(reverse("reporting:bulk_approve"), {"reports": [report.pk]})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


# -- writing ---------------------------------------------------------------------------------


def test_focal_point_saves_then_submits_and_a_second_submit_is_harmless(people, obligation):
    client = as_user(people["focal"])
    response = client.post(url("save", obligation), report_data(1, save=""), follow=True)
    assert response.status_code == 200
    report = Report.objects.get(obligation=obligation)
    assert report.narrative == "Đã thẩm định 12 dự thảo." and report.version == 2
    assert f'name="version" value="{report.version}"'.encode() in response.content

    # Late (the deadline was 20/3/2024): submitting needs an explanation. The draft is kept.
    response = client.post(url("save", obligation), report_data(2, submit=""), follow=True)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    assert any("Explanation" in m or "Giải trình" in m for m in messages_of(response))

    data = report_data(report.version, submit="", explanation="Chờ ý kiến của Bộ Tư pháp.")
    response = client.post(url("save", obligation), data, follow=True)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert b'id="report-form"' not in response.content

    # The same button pressed again (an old tab, a double click): nothing changes.
    response = client.post(url("save", obligation), data, follow=True)
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert report.history.filter(to_state=ReportState.SUBMITTED, from_state="draft").count() == 1


def test_a_stale_version_shows_the_conflict_and_keeps_the_input(people, obligation):
    client = as_user(people["focal"])
    report = start_report(obligation=obligation, user=people["focal"])
    # Someone else saves first.
    save_draft(report=report, user=people["focal"], expected_version=1, narrative="Bản khác.")
    response = client.post(
        url("save", obligation), report_data(1, narrative="Nội dung của tôi.", save="")
    )
    assert response.status_code == 409
    assert b'id="report-error"' in response.content
    error = response.content.decode().split('id="report-error">')[1].split("</div>")[0]
    assert "Someone else saved" in error or "Người khác đã lưu" in error
    assert "Nội dung của tôi." in response.content.decode()
    report.refresh_from_db()
    assert report.narrative == "Bản khác."


def test_an_invalid_form_is_shown_again(people, obligation):
    response = as_user(people["focal"]).post(url("save", obligation), report_data(1, percent=140))
    assert response.status_code == 400
    assert not Report.objects.exists()


def _docx_named_pdf() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [("anh.pdf", PNG), ("trong.pdf", b""), ("van-ban.pdf", _docx_named_pdf()), ("x.exe", b"MZ")],
)
def test_a_bad_upload_shows_its_error_on_the_form(people, obligation, name, content):
    client = as_user(people["focal"])
    upload = SimpleUploadedFile(name, content)
    data = {"description": "Quyết định ban hành", "document_number": "12/QĐ", "file": upload}
    response = client.post(url("evidence", obligation), data)
    assert response.status_code == 400
    assert b'id="evidence-form"' in response.content
    assert b"invalid-feedback" in response.content or b'id="evidence-errors"' in response.content
    assert not Evidence.objects.exists()


def test_evidence_is_added_and_listed(people, obligation):
    client = as_user(people["focal"])
    data = {
        "description": "Quyết định ban hành",
        "document_number": "12/QĐ-UBND",
        "document_date": "2024-03-01",
        "issuer": "UBND tỉnh",
        "file": SimpleUploadedFile("qd.pdf", PDF),
    }
    response = client.post(url("evidence", obligation), data, follow=True)
    assert response.status_code == 200
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf" and evidence.original_name == "qd.pdf"
    assert "12/QĐ-UBND" in response.content.decode()


def test_partner_contribution_is_shown_to_the_lead(people, obligation):
    partner = Obligation.objects.get(
        activity=obligation.activity,
        agency__code="bg.so-tt-tt",
        role="partner",
        period_end=obligation.period_end,
    )
    client = as_user(people["other"])
    page = client.get(url("obligation", partner))
    assert page.status_code == 200 and b'id="contribution-form"' in page.content
    response = client.post(
        url("contribution", partner), {"text": "Đã góp ý 3 dự thảo.", "submit": ""}
    )
    assert response.status_code == 302
    assert Contribution.objects.get().state == ContributionState.SUBMITTED
    # The lead's focal point sees it while writing; the lead cannot write it.
    lead_page = as_user(people["focal"]).get(url("obligation", obligation))
    assert "Đã góp ý 3 dự thảo." in lead_page.content.decode()
    assert as_user(people["focal"]).get(url("obligation", partner)).status_code == 404
    response = as_user(people["focal"]).post(url("contribution", partner), {"text": "x"})
    assert response.status_code == 404


# -- review ----------------------------------------------------------------------------------


def test_return_approve_reopen_with_history_for_everyone_who_sees_it(people, obligation):
    report = submitted(obligation, people["focal"])
    snv = as_user(people["secretariat"])
    page = snv.get(url("obligation", obligation))
    assert b'id="return-button"' in page.content and b'id="approve-button"' in page.content

    # Returning needs a comment.
    response = snv.post(url("review_report", obligation), {"action": "return"})
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert response.status_code == 409 and b'id="report-error"' in response.content
    snv.post(url("review_report", obligation), {"action": "return", "comment": "Bổ sung số liệu."})
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED

    for who in ("focal", "head", "leader", "admin"):
        page = as_user(people[who]).get(url("obligation", obligation))
        assert "Bổ sung số liệu." in page.content.decode()
        assert "snv-staff" in page.content.decode()

    # The focal point corrects and resubmits; the secretariat approves: locked.
    focal = as_user(people["focal"])
    data = report_data(report.version, submit="", percent=60, explanation="Chờ ý kiến.")
    focal.post(url("save", obligation), data)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    snv.post(url("review_report", obligation), {"action": "approve", "comment": ""})
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED
    page = focal.get(url("obligation", obligation))
    assert b'id="report-form"' not in page.content and b'id="evidence-form"' not in page.content
    response = focal.post(url("save", obligation), report_data(report.version, save=""))
    assert response.status_code == 409
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED

    # Reopening needs a reason.
    snv.post(url("review_report", obligation), {"action": "reopen", "comment": ""})
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED
    snv.post(url("review_report", obligation), {"action": "reopen", "comment": "Sai số liệu."})
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    steps = [
        (t.from_state, t.to_state, t.comment)
        for t in ReportTransition.objects.filter(report=report)
        if t.is_step
    ]
    assert steps == [
        ("", "draft", ""),
        ("draft", "submitted", ""),
        ("submitted", "returned", "Bổ sung số liệu."),
        ("returned", "submitted", ""),
        ("submitted", "approved", ""),
        ("approved", "returned", "Sai số liệu."),
    ]


def test_bulk_approve_with_one_comment(people, plan, obligation, django_assert_max_num_queries):
    others = Obligation.objects.filter(
        activity=obligation.activity, role="lead", agency=obligation.agency
    ).exclude(pk=obligation.pk)[:2]
    reports = [submitted(o, people["focal"]) for o in [obligation, *others]]
    snv = as_user(people["secretariat"])
    # 12 with the schedule not cached yet (its version read with the rules).
    with django_assert_max_num_queries(12):  # + the merged pages' queues, targets, deadline rules
        page = snv.get(reverse("reporting:review"))
    for report in reports:
        assert f'data-report="{report.pk}"'.encode() in page.content
    chosen = [r.pk for r in reports[:2]]
    response = snv.post(
        reverse("reporting:bulk_approve"), {"reports": chosen, "comment": "Đạt."}, follow=True
    )
    assert response.status_code == 200
    states = dict(Report.objects.values_list("pk", "state"))
    assert [states[pk] for pk in chosen] == [ReportState.APPROVED] * 2
    assert states[reports[2].pk] == ReportState.SUBMITTED
    assert ReportTransition.objects.filter(to_state="approved", comment="Đạt.").count() == 2
    # All or nothing: one already approved refuses the lot.
    response = snv.post(
        reverse("reporting:bulk_approve"), {"reports": [chosen[0], reports[2].pk]}, follow=True
    )
    assert Report.objects.get(pk=reports[2].pk).state == ReportState.SUBMITTED
    assert messages_of(response)


# -- my reports ------------------------------------------------------------------------------


def test_my_reports_lists_the_agencys_work_overdue_first(
    people, obligation, django_assert_max_num_queries
):
    client = as_user(people["focal"])
    with django_assert_max_num_queries(12):  # + the merged pages' queues, targets, deadline rules
        page = client.get(reverse("reporting:mine"))
    assert page.status_code == 200
    text = page.content.decode()
    assert f'data-obligation="{obligation.pk}"' in text
    assert url("obligation", obligation) in text
    rows = page.context["rows"]
    assert rows and all(r.row.obligation.agency_id == obligation.agency_id for r in rows)
    assert [r.row.obligation.deadline for r in rows] == sorted(
        r.row.obligation.deadline for r in rows
    ) or rows[0].row.overdue_days > 0
    # A submitted report leaves the list; a returned one comes back.
    report = submitted(obligation, people["focal"])
    assert (
        f'data-obligation="{obligation.pk}"'
        not in client.get(reverse("reporting:mine")).content.decode()
    )
    as_user(people["secretariat"]).post(
        url("review_report", obligation), {"action": "return", "comment": "Bổ sung."}
    )
    report.refresh_from_db()
    text = client.get(reverse("reporting:mine")).content.decode()
    assert f'data-obligation="{obligation.pk}"' in text and 'data-state="returned"' in text


def test_my_reports_of_someone_without_agency_is_empty(people):
    page = as_user(people["nobody"]).get(reverse("reporting:mine"))
    assert page.status_code == 200 and b'id="no-reports"' in page.content


def test_links_to_the_report_pages(people, obligation):
    secretariat = as_user(people["secretariat"])
    assert b'id="review-link"' in secretariat.get(reverse("reporting:mine")).content
    assert (
        b'id="review-link"' not in as_user(people["focal"]).get(reverse("reporting:mine")).content
    )
    due = secretariat.get(reverse("scheduling:agency_due", args=[obligation.agency_id]))
    assert url("obligation", obligation) in due.content.decode()


def test_my_reports_are_paged(people, obligation, monkeypatch):
    from cchc.reporting.views import mine

    monkeypatch.setattr(mine, "PAGE_SIZE", 2)
    client = as_user(people["focal"])
    first = client.get(reverse("reporting:mine"))
    assert len(first.context["rows"]) == 2
    assert 'href="?page=2"' in first.content.decode()
    second = client.get(reverse("reporting:mine"), {"page": 2})
    assert 'href="?page=1"' in second.content.decode()
    shown = {r.row.obligation.pk for r in first.context["rows"]}
    assert shown.isdisjoint(r.row.obligation.pk for r in second.context["rows"])


def test_the_history_names_states_and_fields_in_vietnamese(people, obligation):
    report = start_report(obligation=obligation, user=people["focal"])
    save_draft(report=report, user=people["focal"], expected_version=1, percent=30)
    page = as_user(people["focal"]).get(url("obligation", obligation)).content.decode()
    history = page[page.index('id="history-table"') :]
    assert "Từ trạng thái" in history and "Sang trạng thái" in history
    assert "tỷ lệ hoàn thành (%)" in history and "percent" not in history


def test_a_form_posted_twice_at_once_is_harmless(people, obligation):
    """The second of two identical posts arrives after the first saved the draft (stale
    version, same content) or after it submitted (pre-check passed earlier): neither is an
    error page."""
    focal = as_user(people["focal"])
    report = start_report(obligation=obligation, user=people["focal"])
    data = report_data(report.version, submit="", explanation="Chậm do chờ ý kiến.")
    # The first request saved the same content: the second's version is stale, no conflict.
    save_draft(
        report=report,
        user=people["focal"],
        expected_version=report.version,
        work_status="in_progress",
        percent=40,
        narrative="Đã thẩm định 12 dự thảo.",
        explanation="Chậm do chờ ý kiến.",
    )
    response = focal.post(url("save", obligation), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    submits = ReportTransition.objects.filter(report=report, to_state=ReportState.SUBMITTED)
    assert submits.count() == 1
    # And once more, after the submission: a note, not an error.
    response = focal.post(url("save", obligation), data)
    assert response.status_code == 302
    assert submits.count() == 1


def test_the_review_list_is_paged(people, plan, monkeypatch):
    from cchc.reporting.views import review

    monkeypatch.setattr(review, "PAGE_SIZE", 2)
    for each in Obligation.objects.filter(
        activity__plan=plan, role="lead", agency__code="bg.so-tu-phap"
    ).order_by("pk")[:3]:
        submitted(each, people["focal"])
    client = as_user(people["secretariat"])
    first = client.get(reverse("reporting:review"))
    assert len(first.context["reports"]) == 2 and 'href="?page=2"' in first.content.decode()
    second = client.get(reverse("reporting:review"), {"page": 2})
    assert len(second.context["reports"]) == 1


def test_report_page_reads_the_obligation_once(people, obligation):
    """The report page of a draft with text: the obligation's row is read once (the report
    carries the page's obligation), and the page stays within its pinned query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    report = start_report(obligation=obligation, user=people["focal"])
    save_draft(
        report=report,
        user=people["focal"],
        expected_version=report.version,
        narrative="Đã triển khai.",
    )
    client = as_user(people["focal"])
    client.get(reverse("reporting:obligation", args=[obligation.pk]))  # warm caches
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("reporting:obligation", args=[obligation.pk]))
    assert page.status_code == 200
    assert b"\xc4\x90\xc3\xa3 tri\xe1\xbb\x83n khai." in page.content
    reads = [
        q["sql"]
        for q in ctx.captured_queries
        if re.search(r'FROM "scheduling_obligation".*"scheduling_obligation"."id" = \d', q["sql"])
    ]
    assert len(reads) == 1, reads
    assert len(ctx.captured_queries) <= 13, [q["sql"][:200] for q in ctx.captured_queries]
