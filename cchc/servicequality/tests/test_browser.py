"""The service-quality page in a real Chromium, as a leader and as an agency's focal point, at
1366 and 390 px: the chart is drawn, every figure is a link; screenshots under /tmp/shots."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from cchc.accounts.models import Role
from cchc.accounts.testing import pass_two_factor
from cchc.agencies.models import Agency, AgencyLevel
from cchc.conftest import PASSWORD, member
from cchc.servicequality import actions
from cchc.servicequality.tests.factories import store
from cchc.servicequality.tests.test_engines import hand_made
from cchc.servicequality.tests.test_rollups import JAN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/servicequality")


def _log_in(page: Any, live_server: Any, username: str, path: str) -> None:
    page.goto(f"{live_server.url}{path}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    pass_two_factor(page, username, re.compile(re.escape(path) + "$"))


def _data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_DOSSIER_PARQUET", str(tmp_path / "pq"))
    Agency.objects.create(code="A", name="Sở Tư pháp (thử)", level=AgencyLevel.DEPARTMENT)
    Agency.objects.create(code="B", name="UBND xã B (thử)", level=AgencyLevel.COMMUNE)
    store(hand_made())
    actions.refresh_rollups(months=[JAN], trigger="test")


@pytest.mark.parametrize("role", [Role.LEADER, Role.FOCAL_POINT])
def test_service_quality_page(
    page: Any, live_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, role: str
) -> None:
    _data(tmp_path, monkeypatch)
    agency = Agency.objects.get(code="B")
    user = member(f"sq-{role}", role, agency)
    user.set_password(PASSWORD)
    user.save()
    path = "/service-quality/?period=2026-M01"
    _log_in(page, live_server, user.username, path)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("#agency-ranking a", has_text="UBND xã B (thử)")).to_have_count(1)
        if role == Role.LEADER:
            page.locator("#sq-chart svg").first.wait_for()
            expect(page.locator("#province-indicators a")).to_have_count(2 * 8)
            expect(page.locator("#bieu06 a")).to_have_count(11)
        else:
            expect(page.locator("#province-score")).to_have_count(0)
        page.screenshot(path=str(SHOTS / f"overview-{role}-{width}.png"), full_page=True)
        page.locator("#agency-ranking a", has_text="UBND xã B (thử)").click()
        page.locator("#procedures").wait_for()
        page.screenshot(path=str(SHOTS / f"agency-{role}-{width}.png"), full_page=True)
