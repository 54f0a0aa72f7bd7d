"""An activity's expected reports in a real Chromium at 1366 and 390 px (the rows are drawn
in Python since issue 14): periods fold, each row links to its agency and its report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from cchc.accounts.models import Role
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed
from cchc.reporting.tests.test_browser import _log_in, _member, _restore_period_rules
from cchc.scheduling.models import Obligation
from cchc.scheduling.obligations import generate_obligations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots-pagequeries")


def test_the_activity_reports_at_both_widths(page: Any, live_server: Any) -> None:
    _restore_period_rules()
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31))
    obligation = (
        Obligation.objects.filter(activity__plan=plan, role="lead")
        .order_by("-period_end", "pk")
        .first()
    )
    assert obligation is not None
    _member("snv-b", Role.SECRETARIAT, "bg.so-noi-vu")
    path = f"/plans/{plan.pk}/nodes/{obligation.activity_id}/"
    _log_in(page, live_server, "snv-b", path)
    SHOTS.mkdir(exist_ok=True)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}{path}")
        rows = page.locator("#activity-reports .report-row")
        assert rows.count() >= 1
        row = page.locator(f'.report-row[data-obligation="{obligation.pk}"]')
        assert row.get_attribute("data-state") == "none"
        link = row.locator(f'a[href="/reports/obligations/{obligation.pk}/"]')
        expect(link).to_have_count(1)
        page.screenshot(path=str(SHOTS / f"activity-secretariat-{width}.png"), full_page=True)
    page.locator(f'.report-row[data-obligation="{obligation.pk}"] a').first.click()
    page.wait_for_url(f"**/agencies/{obligation.agency_id}/")
