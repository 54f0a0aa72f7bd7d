"""The report form and the reminders in a real Chromium (issue 9): adding evidence keeps the
typed text; leaving with unsaved changes asks first; a second tab opened before the report
was submitted is told why its evidence was refused, sees its text and finds the report; the
secretariat's reminder button shows whom it will write to before it sends."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from cchc.accounts.models import Role
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed
from cchc.reporting.models import Evidence, Report, ReportState
from cchc.reporting.tests.test_browser import _log_in, _member, _restore_period_rules, _state
from cchc.scheduling.models import Obligation, Reminder
from cchc.scheduling.obligations import generate_obligations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _obligation() -> Obligation:
    _restore_period_rules()
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(
        plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=dt.date(2024, 7, 1)
    )
    _member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap")
    return Obligation.objects.get(
        activity__plan=plan, activity__number="2", role="lead", period_label="Quý I/2024"
    )


def test_evidence_keeps_the_typed_text_and_leaving_asks_first(page: Any, live_server: Any):
    obligation = _obligation()
    path = f"/reports/obligations/{obligation.pk}/"
    _log_in(page, live_server, "focal-tp", path)
    page.locator("#id_narrative").click()
    page.locator("#id_narrative").press_sequentially("Đã rà soát 15 thủ tục.")
    page.locator("#evidence_description").fill("Quyết định công bố thủ tục")
    page.locator("#evidence_document_number").fill("12/QĐ-UBND")
    with page.expect_navigation():
        page.locator("#evidence-button").click()
    expect(page.locator("#evidence-table tbody tr")).to_have_count(1)
    assert page.locator("#id_narrative").input_value() == "Đã rà soát 15 thủ tục."
    report = Report.objects.get(obligation=obligation)
    assert report.narrative == "Đã rà soát 15 thủ tục."

    # Typed, not saved: leaving asks; staying keeps the text.
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.locator("#id_difficulties").click()
    page.locator("#id_difficulties").press_sequentially("Thiếu người.")
    page.locator("a.navbar-brand").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith(path)
    assert page.locator("#id_difficulties").input_value() == "Thiếu người."
    # Saving is no loss: no question.
    with page.expect_navigation():
        page.locator("#save-button").click()
    assert dialogs == ["beforeunload"]
    assert Report.objects.get(obligation=obligation).difficulties == "Thiếu người."


def test_a_second_tab_is_told_why_and_finds_the_report(page: Any, live_server: Any, tmp_path: Path):
    obligation = _obligation()
    path = f"/reports/obligations/{obligation.pk}/"
    _log_in(page, live_server, "focal-tp", path)
    second = page.context.new_page()
    second.goto(f"{live_server.url}{path}")

    # The first tab submits.
    page.locator("#id_narrative").fill("Đã rà soát 15 thủ tục.")
    page.locator("#id_explanation").fill("Chậm do chờ số liệu.")
    page.locator("#submit-button").click()
    page.wait_for_selector('#report-state[data-state="submitted"]')

    # The second, opened before, adds evidence with its own text.
    pdf = tmp_path / "qd.pdf"
    pdf.write_bytes(PDF)
    second.locator("#id_narrative").fill("Văn bản gõ ở tab thứ hai.")
    second.locator("#evidence_description").fill("Quyết định công bố thủ tục")
    second.locator("#evidence_file").set_input_files(str(pdf))
    with second.expect_navigation():
        second.locator("#evidence-button").click()
    expect(second.locator("#report-error")).to_be_visible()
    assert second.locator("#typed-text textarea").first.input_value() == "Văn bản gõ ở tab thứ hai."
    assert not Evidence.objects.exists()
    second.locator("#current-report-link").click()
    second.wait_for_url(re.compile(re.escape(path) + "$"))
    assert _state(second) == "submitted"

    # Nobody has acted on it: the first tab takes it back.
    page.reload()
    with page.expect_navigation():
        page.locator("#withdraw-button").click()
    assert _state(page) == "draft"
    assert Report.objects.get(obligation=obligation).state == ReportState.DRAFT
    expect(page.locator("#report-form")).to_have_count(1)


def test_the_reminder_button_shows_whom_first(page: Any, live_server: Any, settings):
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _obligation()
    _member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu")
    _log_in(page, live_server, "snv-staff", "/scheduling/due/")
    page.locator("#remind-link").click()
    page.wait_for_url(re.compile(r"/scheduling/remind/"))
    expect(page.locator("#remind-table")).to_contain_text(
        "focal-tp@example.org", use_inner_text=True
    )
    assert not Reminder.objects.exists()
    # Some 1,400 reminders (every 2024 report is overdue by now), one e-mail each: slow on a
    # loaded machine.
    with page.expect_navigation(timeout=180_000):
        page.locator("#remind-send").click(no_wait_after=True)
    assert "/scheduling/due/" in page.url
    expect(page.locator(".alert-success")).to_have_count(1)
    assert Reminder.objects.exists()
    assert any("focal-tp@example.org" in m.to for m in mail.outbox)
