"""A focal point's week in a real Chromium, using only what the pages show: the home page and
the navigation say a report was returned, the report says why at the top, the focal point
corrects and resubmits it; the returned queue empties, the secretariat finds it in "to
review", and the focal point's bell holds the notification."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from cchc.accounts.models import Role
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed
from cchc.reporting.actions import return_report, save_draft, start_report, submit_report
from cchc.reporting.tests.test_browser import _log_in, _member, _restore_period_rules, _state
from cchc.scheduling.models import Obligation
from cchc.scheduling.obligations import generate_obligations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _obligation() -> Obligation:
    _restore_period_rules()
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(
        plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=dt.date(2024, 7, 1)
    )
    return Obligation.objects.get(
        activity__plan=plan, activity__number="2", role="lead", period_label="Quý I/2024"
    )


def _return(obligation: Obligation, focal: User, secretariat: User) -> None:
    report = start_report(obligation=obligation, user=focal)
    report = save_draft(
        report=report,
        user=focal,
        expected_version=report.version,
        work_status="in_progress",
        percent=60,
        narrative="Đã thẩm định 12 dự thảo văn bản.",
        explanation="Chậm do chờ ý kiến của Bộ Tư pháp.",
    )
    report = submit_report(report=report, user=focal, expected_version=report.version)
    return_report(report=report, user=secretariat, comment="Bổ sung số liệu quý I.")


def test_a_focal_point_finds_fixes_and_resubmits_a_returned_report(page: Any, live_server: Any):
    obligation = _obligation()
    focal = _member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap")
    secretariat = _member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu")
    _return(obligation, focal, secretariat)
    report_path = f"/reports/obligations/{obligation.pk}/"

    # The home page: the navigation's "returned" queue and bell, the report first in the work.
    _log_in(page, live_server, "focal-tp", "/")
    expect(page.locator("#nav-returned-count")).to_have_text("1", use_inner_text=True)
    assert page.locator("#nav-bell-count").inner_text().startswith("1")
    assert page.locator("#count-returned").inner_text().startswith("1")
    first = page.locator("#home-work li").first
    assert first.get_attribute("data-obligation") == str(obligation.pk)
    # The queue link lists the returned report alone.
    page.locator("#nav-returned").click()
    page.wait_for_url(re.compile(r"/reports/\?state=returned$"))
    rows = page.locator("#my-reports tbody tr")
    expect(rows).to_have_count(1)
    rows.first.locator("a.report-link").click()
    page.wait_for_url(re.compile(re.escape(report_path) + "$"))

    # The return comment is at the top, with who and when.
    assert _state(page) == "returned"
    alert = page.locator("#return-comment")
    expect(alert).to_contain_text("Bổ sung số liệu quý I.", use_inner_text=True)
    expect(alert).to_contain_text("snv-staff", use_inner_text=True)
    assert alert.bounding_box()["y"] < page.locator("#report-form").bounding_box()["y"]

    # Corrected and resubmitted: submitted, and the returned queue is gone.
    page.locator("#id_narrative").fill("Đã thẩm định 14 dự thảo văn bản, có số liệu quý I.")
    page.locator("#submit-button").click()
    page.wait_for_selector('#report-state[data-state="submitted"]')
    expect(page.locator("#nav-returned")).to_have_count(0)
    expect(page.locator("#return-comment")).to_have_count(0)

    # The bell holds the notification of the return; opening it leads to the report.
    page.locator("#nav-bell").click()
    page.wait_for_url(re.compile(r"/notifications/$"))
    note = page.locator('#inbox li[data-kind="returned"]')
    expect(note).to_have_count(1)
    expect(note).to_contain_text("Bổ sung số liệu quý I.", use_inner_text=True)
    note.locator("a.notification-link").click()
    page.wait_for_url(re.compile(re.escape(report_path) + "$"))
    expect(page.locator("#nav-bell-count")).to_have_count(0)

    # The secretariat sees it in "to review" and opens it from there.
    _log_in(page, live_server, "snv-staff", "/")
    expect(page.locator("#nav-review-count")).to_have_text("1", use_inner_text=True)
    page.locator("#nav-review").click()
    page.wait_for_url(re.compile(r"/reports/review/$"))
    row = page.locator(f'#review-table tbody tr[data-report="{obligation.progress_report.pk}"]')
    expect(row).to_have_count(1)
    row.get_by_role("link").click()
    page.wait_for_url(re.compile(re.escape(report_path) + "$"))
    assert _state(page) == "submitted"
