"""The dossier pages in a real Chromium, as a leader (every agency) and as an agency's focal
point (its own): filter the list, open a dossier; screenshots at 1366 and 390 px wide in
/tmp/shots/dossiers/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from cchc.accounts.models import Role
from cchc.accounts.testing import pass_two_factor
from cchc.agencies.models import Agency, AgencyLevel
from cchc.conftest import PASSWORD, member
from cchc.dossiers import synthetic
from cchc.dossiers.models import Dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/dossiers")


def _log_in(page: Any, live_server: Any, username: str, path: str) -> None:
    page.goto(f"{live_server.url}{path}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    pass_two_factor(page, username, re.compile(re.escape(path) + "$"))


def _shots(page: Any, name: str) -> None:
    """Screenshots at both widths, and no serious or critical axe-core finding at either."""
    from axe_playwright_python.sync_playwright import Axe

    from cchc.core.tests.test_browser_walk import _axe_problems

    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        assert _axe_problems(page, Axe()) == [], (name, width)
    page.set_viewport_size({"width": 1366, "height": 900})


def _person(username: str, role: str, agency: Agency) -> User:
    user = member(username, role, agency)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_leader_and_focal_point_browse_dossiers(page: Any, live_server: Any) -> None:
    for n in range(1, 4):
        Agency.objects.create(code=f"t.so-{n}", name=f"Sở thử {n}", level=AgencyLevel.DEPARTMENT)
        Agency.objects.create(code=f"t.xa-{n}", name=f"UBND xã thử {n}", level=AgencyLevel.COMMUNE)
    assert synthetic.load(count=400, year=2025, seed=5).ok
    leader_agency = Agency.objects.create(
        code="t.ubnd", name="UBND tỉnh (thử)", level=AgencyLevel.PROVINCE
    )
    _person("lanhdao", Role.LEADER, leader_agency)
    _log_in(page, live_server, "lanhdao", "/dossiers/")
    expect(page.locator("#dossier-table tbody tr")).to_have_count(50)
    _shots(page, "list-leader")
    page.select_option("#f-state", "open")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"state=open"))
    open_count = Dossier.objects.filter(finished_at__isnull=True).count()
    expect(page.locator("#dossier-count")).to_contain_text(
        f"{open_count} hồ sơ", use_inner_text=True
    )
    page.locator("#dossier-table tbody a").first.click()
    page.wait_for_url(re.compile(r"/dossiers/\d+/$"))
    expect(page.locator("#dossier-fields")).to_be_visible()
    _shots(page, "detail-leader")
    page.context.clear_cookies()
    commune = Agency.objects.get(code="t.xa-1")
    _person("dauMoi-xa", Role.FOCAL_POINT, commune)
    _log_in(page, live_server, "dauMoi-xa", "/dossiers/")
    theirs = Dossier.objects.filter(agency=commune).count()
    expect(page.locator("#dossier-count")).to_contain_text(f"{theirs} hồ sơ", use_inner_text=True)
    _shots(page, "list-focal-point")
