"""The review workflow in a real Chromium: the focal point writes and submits, the secretariat
returns it with a comment, the focal point reads it and resubmits, the secretariat approves,
and the report is locked."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from playwright.sync_api import expect

from cchc.accounts.actions import add_member
from cchc.accounts.models import Role
from cchc.accounts.testing import pass_two_factor
from cchc.agencies.models import Agency
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import PASSWORD, import_seed
from cchc.reporting.models import Report, ReportState
from cchc.scheduling.models import Obligation
from cchc.scheduling.obligations import generate_obligations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _restore_period_rules() -> None:
    """The period rules come from a data migration; an earlier transactional test flushed
    them. Put them back (the migration's function is idempotent)."""
    rules = importlib.import_module("cchc.scheduling.migrations.0002_default_period_rules")
    rules.create_rules(apps, None)


def _member(username: str, role: str, code: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    add_member(user=user, agency=Agency.objects.get(code=code), role=role, by=None)
    return user


def _log_in(page: Any, live_server: Any, username: str, path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{path}")
    assert "/accounts/login/" in page.url
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    # The secretariat must give a two-factor code (enrolling at its first login).
    pass_two_factor(page, username, re.compile(re.escape(path) + "$"))


def _state(page: Any) -> str:
    return str(page.locator("#report-state").get_attribute("data-state"))


def test_submit_return_resubmit_approve(page: Any, live_server: Any):
    _restore_period_rules()
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(
        plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=dt.date(2024, 7, 1)
    )
    obligation = Obligation.objects.get(
        activity__plan=plan, activity__number="2", role="lead", period_label="Quý I/2024"
    )
    _member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap")
    _member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu")
    report_path = f"/reports/obligations/{obligation.pk}/"

    # The focal point finds the report in their list, fills it in and submits it.
    _log_in(page, live_server, "focal-tp", "/reports/")
    page.locator(f'tr[data-obligation="{obligation.pk}"] a.report-link').click()
    page.wait_for_url(re.compile(re.escape(report_path) + "$"))
    assert _state(page) == ""
    page.locator("#id_work_status").select_option("in_progress")
    page.locator("#id_percent").fill("60")
    page.locator("#id_narrative").fill("Đã thẩm định 12 dự thảo văn bản.")
    page.locator("#id_explanation").fill("Chậm do chờ ý kiến của Bộ Tư pháp.")
    page.locator("#submit-button").click()
    page.wait_for_selector('#report-state[data-state="submitted"]')
    expect(page.locator("#report-form")).to_have_count(0)
    expect(page.locator("#ro-narrative")).to_contain_text(
        "Đã thẩm định 12 dự thảo văn bản.", use_inner_text=True
    )

    # The secretariat finds it in the review list and returns it with a comment.
    _log_in(page, live_server, "snv-staff", "/reports/review/")
    row = page.locator("#review-table tbody tr")
    expect(row).to_have_count(1)
    row.get_by_role("link").click()
    page.wait_for_url(re.compile(re.escape(report_path) + "$"))
    page.locator("#review_comment").fill("Bổ sung số liệu quý I.")
    page.locator("#return-button").click()
    page.wait_for_selector('#report-state[data-state="returned"]')

    # The focal point reads the comment in the history, corrects and resubmits.
    _log_in(page, live_server, "focal-tp", report_path)
    assert _state(page) == "returned"
    expect(page.locator("#history-table")).to_contain_text(
        "Bổ sung số liệu quý I.", use_inner_text=True
    )
    expect(page.locator("#history-table")).to_contain_text("snv-staff", use_inner_text=True)
    page.locator("#id_narrative").fill("Đã thẩm định 14 dự thảo văn bản, có số liệu quý I.")
    page.locator("#submit-button").click()
    page.wait_for_selector('#report-state[data-state="submitted"]')

    # The secretariat approves it.
    _log_in(page, live_server, "snv-staff", report_path)
    page.locator("#approve-button").click()
    page.wait_for_selector('#report-state[data-state="approved"]')
    expect(page.locator("#reopen-button")).to_have_count(1)

    # Locked: the focal point sees it, with its whole history, and cannot edit it.
    _log_in(page, live_server, "focal-tp", report_path)
    assert _state(page) == "approved"
    expect(page.locator("#report-form")).to_have_count(0)
    expect(page.locator("#evidence-form")).to_have_count(0)
    expect(page.locator("#ro-narrative")).to_contain_text("14 dự thảo", use_inner_text=True)
    history = page.locator('#history-table tbody tr[data-kind="step"]')
    steps = history.evaluate_all("rows => rows.map(r => r.dataset.step)")
    assert steps == ["draft", "submitted", "returned", "submitted", "approved"]
    report = Report.objects.get(obligation=obligation)
    assert report.state == ReportState.APPROVED


def test_head_signs_off_then_bulk_approval(page: Any, live_server: Any):
    """The head asks for their sign-off, returns the first version, signs off the second; the
    secretariat approves it from the review list with one comment."""
    _restore_period_rules()
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(
        plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=dt.date(2024, 7, 1)
    )
    obligation = Obligation.objects.get(
        activity__plan=plan, activity__number="2", role="lead", period_label="Quý I/2024"
    )
    agency = obligation.agency
    _member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap")
    _member("head-tp", Role.HEAD, "bg.so-tu-phap")
    _member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu")
    report_path = f"/reports/obligations/{obligation.pk}/"

    # The head asks that the agency's reports come to them first.
    _log_in(page, live_server, "head-tp", "/reports/sign-off/")
    setting = page.locator(f'#sign-off-settings li[data-agency="{agency.pk}"]')
    assert setting.get_attribute("data-required") == "0"
    setting.locator("input[type=checkbox]").check()
    setting.get_by_role("button").click()
    page.wait_for_selector(f'#sign-off-settings li[data-agency="{agency.pk}"][data-required="1"]')

    # The focal point submits: it goes to the head.
    _log_in(page, live_server, "focal-tp", report_path)
    page.locator("#id_work_status").select_option("in_progress")
    page.locator("#id_percent").fill("50")
    page.locator("#id_narrative").fill("Đã thẩm định 10 dự thảo văn bản.")
    page.locator("#id_explanation").fill("Chậm do chờ ý kiến của Bộ Tư pháp.")
    page.locator("#submit-button").click()
    page.wait_for_selector('#report-state[data-state="awaiting_sign_off"]')

    # The head finds it, returns it with a comment.
    _log_in(page, live_server, "head-tp", "/reports/sign-off/")
    page.locator("#awaiting-table tbody tr").get_by_role("link").click()
    page.wait_for_url(re.compile(re.escape(report_path) + "$"))
    page.locator("#sign_off_comment").fill("Nêu rõ số văn bản đã thẩm định.")
    page.locator("#decline-button").click()
    page.wait_for_selector('#report-state[data-state="returned"]')

    # The focal point corrects and sends it again; the head signs it off.
    _log_in(page, live_server, "focal-tp", report_path)
    expect(page.locator("#history-table")).to_contain_text(
        "Nêu rõ số văn bản đã thẩm định.", use_inner_text=True
    )
    page.locator("#id_narrative").fill("Đã thẩm định 12 dự thảo văn bản.")
    page.locator("#submit-button").click()
    page.wait_for_selector('#report-state[data-state="awaiting_sign_off"]')
    _log_in(page, live_server, "head-tp", report_path)
    page.locator("#sign-off-button").click()
    page.wait_for_selector('#report-state[data-state="submitted"]')

    # The secretariat approves it from the review list, with one comment.
    _log_in(page, live_server, "snv-staff", "/reports/review/")
    page.locator("#bulk-select-all").check()
    assert page.locator('#review-table tr[data-report] input[type="checkbox"]').first.is_checked()
    page.locator("#bulk_comment").fill("Đạt yêu cầu.")
    with page.expect_navigation():
        page.locator("#bulk-approve-button").click()
    report = Report.objects.get(obligation=obligation)
    assert report.state == ReportState.APPROVED
    steps = [
        (t.actor.username if t.actor else "", t.to_state) for t in report.history.all() if t.is_step
    ]
    assert steps == [
        ("focal-tp", "draft"),
        ("focal-tp", "awaiting_sign_off"),
        ("head-tp", "returned"),
        ("focal-tp", "awaiting_sign_off"),
        ("head-tp", "submitted"),
        ("snv-staff", "approved"),
    ]
    assert report.history.last().comment == "Đạt yêu cầu."


def test_the_secretariat_reads_the_grid_reminds_and_reviews(page: Any, live_server: Any, settings):
    """From the status grid: a count opens its reports, the chosen agency is reminded once a
    day, and the reports awaiting review open in the review list filtered to the agency."""
    from django.core import mail

    from cchc.agencies.models import Contact
    from cchc.reporting.actions import save_draft, start_report, submit_report

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _restore_period_rules()
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(
        plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=dt.date(2024, 7, 1)
    )
    focal = _member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap")
    _member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu")
    agency = Agency.objects.get(code="bg.so-tu-phap")
    Contact.objects.create(agency=agency, name="Chị Lan", email="lan@stp.example.vn")
    first = Obligation.objects.filter(
        activity__plan=plan, agency=agency, role="lead", period_label="Quý I/2024"
    ).order_by("pk")[0]
    report = start_report(obligation=first, user=focal)
    save_draft(
        report=report,
        user=focal,
        expected_version=1,
        narrative="Đã thẩm định 12 dự thảo.",
        explanation="Chậm do chờ số liệu.",
    )
    submit_report(report=report, user=focal, expected_version=report.version)

    _log_in(page, live_server, "snv-staff", "/reports/status/?year=2024&period=quarter-1")
    row = page.locator(f'tr[data-agency="{agency.pk}"]')
    overdue = int(row.locator('[data-count="overdue"]').inner_text())
    assert overdue > 0
    row.locator('[data-count="overdue"] a').click()
    page.wait_for_selector("#obligation-list")
    expect(page.locator('#obligation-list tr[data-category="overdue"]')).to_have_count(overdue)

    row = page.locator(f'tr[data-agency="{agency.pk}"]')
    row.locator('input[name="agencies"]').check()
    with page.expect_navigation():
        page.locator("#grid-remind-button").click()
    expect(page.locator(".alert-success")).to_have_count(1)
    # One e-mail to each person (the contact and the focal point's account), listing them all.
    assert sorted(address for m in mail.outbox for address in m.to) == [
        "focal-tp@example.org",
        "lan@stp.example.vn",
    ]

    page.locator(f'tr[data-agency="{agency.pk}"] a.review-link').click()
    page.wait_for_selector("#review-table")
    expect(page.locator("#review-table tr[data-report]")).to_have_count(1)
