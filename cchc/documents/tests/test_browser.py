"""The periodic report in a real Chromium: the secretariat prepares the report of a period,
edits a section, issues version 1 and sees it listed; a leader reads it. Screenshots of every
page as each role, at 1366 and 390 px, go to /tmp/shots/documents/."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from playwright.sync_api import expect

from cchc.accounts.actions import add_member
from cchc.accounts.models import Role
from cchc.accounts.testing import pass_two_factor
from cchc.agencies.models import Agency, AgencyLevel
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import PASSWORD, import_seed
from cchc.core.tests.test_browser_walk import AXE_IMPACTS, AXE_TAGS
from cchc.documents.models import IssuedVersion
from cchc.documents.tests.conftest import lead, reported
from cchc.scheduling.obligations import generate_obligations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/documents")
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}


def _member(username: str, role: str, agency: Agency) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    add_member(user=user, agency=agency, role=role, by=None)
    return user


def _log_in(page: Any, live_server: Any, username: str, path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{path}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    pass_two_factor(page, username, re.compile(re.escape(path) + "$"))


def _shots(page: Any, name: str) -> None:
    """Screenshots at both widths; no page wider than the screen; axe-core finds no serious
    or critical WCAG 2 A/AA violation (the rules of cchc/core/tests/test_browser_walk.py)."""
    from axe_playwright_python.sync_playwright import Axe

    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} overflows by {overflow}px at {width}px"
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        problems = [
            f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
            for v in result.response["violations"]
            if v["impact"] in AXE_IMPACTS
        ]
        assert not problems, f"{name} at {width}px: {problems}"
    page.set_viewport_size({"width": 1366, "height": 900})


def test_edit_a_section_and_issue(page: Any, live_server: Any):
    rules = importlib.import_module("cchc.scheduling.migrations.0002_default_period_rules")
    rules.create_rules(apps, None)
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(
        plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=dt.date(2024, 7, 1)
    )
    reported(lead(plan, "2", "Quý I/2024"), percent=40)
    _member("snv-staff", Role.SECRETARIAT, Agency.objects.get(code="bg.so-noi-vu"))
    province, _created = Agency.objects.get_or_create(
        code="test.ubnd-tinh", defaults={"name": "Lãnh đạo tỉnh", "level": AgencyLevel.PROVINCE}
    )
    _member("lanh-dao", Role.LEADER, province)
    list_path = f"/official-reports/?plan={plan.pk}&year=2024"

    _log_in(page, live_server, "snv-staff", list_path)
    _shots(page, "list-secretariat")
    page.locator("#period-q1 button[type=submit]").click()
    page.wait_for_url(re.compile(r"/official-reports/\d+/$"))
    assert page.locator("#fig-overall").inner_text().strip().endswith("%")
    _shots(page, "detail-secretariat")

    page.locator("#id_section-shortcomings").fill("Một số cơ quan gửi báo cáo chậm.")
    page.locator("#save-sections").click()
    page.wait_for_load_state()
    assert page.locator("#id_section-shortcomings").input_value() == (
        "Một số cơ quan gửi báo cáo chậm."
    )
    page.locator("#id_document_number").fill("77")
    page.locator("#issue-button").click()
    page.locator("#version-1").wait_for(timeout=120_000)
    row = page.locator("#version-1").inner_text()
    assert "77/BC-UBND" in row and "snv-staff" in row
    version = IssuedVersion.objects.get()
    assert version.number == 1
    assert [
        "shortcomings",
        "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "Một số cơ quan gửi báo cáo chậm.",
    ] in (version.snapshot["sections"])
    _shots(page, "detail-issued-secretariat")
    with page.expect_download() as download:
        page.locator("#version-1 a", has_text="PDF").click()
    assert download.value.suggested_filename.endswith("-v1.pdf")

    # A leader reads the list and the report, without the forms.
    _log_in(page, live_server, "lanh-dao", list_path)
    _shots(page, "list-leader")
    page.locator("#period-q1 a").click()
    page.wait_for_url(re.compile(r"/official-reports/\d+/$"))
    expect(page.locator("#sections-form")).to_have_count(0)
    expect(page.locator("#issue-form")).to_have_count(0)
    assert "Một số cơ quan gửi báo cáo chậm." in page.content()
    _shots(page, "detail-leader")
