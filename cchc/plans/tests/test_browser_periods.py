"""The activity page's reporting periods in a real Chromium: the period now due (here the last
one, every deadline of 2024 having passed) is shown, the selector swaps the section in place
(HTMX) and the address follows it; without JavaScript the same form reloads the page. The
plan and activity pages as the secretariat and as a lead agency's focal point, at 1366 and
390 px (screenshots in /tmp/shots-plans)."""

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
from cchc.conftest import PASSWORD, import_seed
from cchc.plans.views.activity_reports import period_key
from cchc.reporting.tests.test_browser import _log_in, _member, _restore_period_rules
from cchc.scheduling.models import Obligation
from cchc.scheduling.obligations import generate_obligations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots-plans")


def _shots(page: Any, live_server: Any, who: str, paths: dict[str, str]) -> None:
    SHOTS.mkdir(exist_ok=True)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in paths.items():
            page.goto(f"{live_server.url}{path}")
            page.screenshot(path=str(SHOTS / f"{name}-{who}-{width}.png"), full_page=True)


def test_the_period_selector(page: Any, live_server: Any, browser: Any) -> None:
    _restore_period_rules()
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31))
    lead = (
        Obligation.objects.filter(activity__plan=plan, role="lead", agency__code="bg.so-noi-vu")
        .order_by("-period_end", "pk")
        .first()
    )
    assert lead is not None
    obligations = list(Obligation.objects.filter(activity_id=lead.activity_id))
    last = max(obligations, key=lambda o: (o.period_end, o.deadline))
    earlier = min(obligations, key=lambda o: (o.period_end, o.deadline))
    assert period_key(earlier.period_kind, earlier.period_end) != period_key(
        last.period_kind, last.period_end
    )
    path = f"/plans/{plan.pk}/nodes/{lead.activity_id}/"
    _member("snv-p", Role.SECRETARIAT, "bg.so-noi-vu")
    _log_in(page, live_server, "snv-p", path)

    shown = page.locator("#activity-reports .report-period")
    assert shown.get_attribute("data-key") == period_key(last.period_kind, last.period_end)
    assert shown.get_attribute("data-current") == "1"
    expect(page.locator("#current-period")).to_be_visible()
    # The lead agency comes first.
    assert "report-lead" in (page.locator(".report-row").first.get_attribute("class") or "")

    # Choosing a period swaps the section in place (no new page) and the address follows.
    page.evaluate("window.notReloaded = true")
    key = period_key(earlier.period_kind, earlier.period_end)
    page.locator("#report-period").select_option(key)
    page.wait_for_selector(f'#activity-reports .report-period[data-key="{key}"]')
    page.wait_for_function(f"new URLSearchParams(location.search).get('period') === '{key}'")
    assert page.evaluate("window.notReloaded") is True
    in_period = [o for o in obligations if o.period_kind == earlier.period_kind]
    in_period = [o for o in in_period if o.period_end == earlier.period_end]
    expect(page.locator("#activity-reports .report-row")).to_have_count(len(in_period))
    expect(page.locator("#current-period")).to_have_count(0)
    assert page.locator("#report-period").input_value() == key
    # Back: the period now due again.
    page.go_back()
    page.wait_for_selector('#activity-reports .report-period[data-current="1"]')

    _shots(page, live_server, "secretariat", {"plan": f"/plans/{plan.pk}/", "activity": path})

    # A focal point of the lead agency, without JavaScript: the form reloads the page.
    _member("focal-p", Role.FOCAL_POINT, "bg.so-noi-vu")
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(f"{live_server.url}{path}")
        plain.get_by_label("Tên đăng nhập").fill("focal-p")
        plain.get_by_label("Mật khẩu").fill(PASSWORD)
        plain.get_by_role("button", name="Đăng nhập").click()
        plain.wait_for_url(re.compile(re.escape(path) + "$"))
        rows = plain.locator("#activity-reports .report-row")
        expect(rows).to_have_count(1)  # their own agency's report only
        expect(plain.locator("#reports-hidden")).to_be_visible()
        plain.locator("#report-period").select_option(key)
        plain.locator("#period-form").get_by_role("button", name="Xem").click()
        plain.wait_for_url(re.compile(rf"period={re.escape(key)}"))
        assert plain.locator(".report-period").get_attribute("data-key") == key
        expect(plain.locator("#activity-reports .report-row")).to_have_count(1)
        _shots(plain, live_server, "focal", {"plan": f"/plans/{plan.pk}/", "activity": path})
    finally:
        context.close()
