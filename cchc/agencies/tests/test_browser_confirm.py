"""The secretariat confirms an unverified registry row with its legal basis, in a real
Chromium, at desktop and phone widths (screenshots under /tmp/shots/domain/)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from cchc.agencies.models import Agency, RegistryConfirmation
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.helpers import make_secretariat
from cchc.agencies.tests.test_browser import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/domain")


def test_confirm_a_party_body_with_its_legal_basis(page: Any, live_server: Any) -> None:
    load_registry()
    make_secretariat()
    SHOTS.mkdir(parents=True, exist_ok=True)
    _log_in(page, live_server, "secretariat", "/agencies/unverified/")
    row = page.locator('tr[data-agency="bn.bao-ptth"]')
    expect(row).to_contain_text("Cơ quan của Đảng bộ tỉnh", use_inner_text=True)
    expect(page.locator("#unverified-successions")).to_contain_text(
        "cai nghiện ma túy", use_inner_text=True
    )
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SHOTS / f"unverified-secretariat-{width}.png"))
    form_row = row.locator("xpath=following-sibling::tr[1]")
    form_row.locator("summary").click()
    form_row.get_by_label("Căn cứ: loại văn bản").fill("Quyết định")
    form_row.get_by_label("Căn cứ: số hiệu văn bản").fill("123-QĐ/TU")
    form_row.get_by_label("Căn cứ: ngày ban hành").fill("2025-06-28")
    form_row.get_by_label("Căn cứ: cơ quan ban hành").fill("Tỉnh ủy Bắc Ninh")
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        form_row.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"confirm-form-secretariat-{width}.png"))
    form_row.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url(re.compile(r"/agencies/unverified/$"))
    page.wait_for_selector(".alert-success")
    expect(page.locator('tr[data-agency="bn.bao-ptth"]')).to_have_count(0)
    paper = Agency.objects.get(code="bn.bao-ptth")
    assert paper.confirmed and paper.basis_number == "123-QĐ/TU"
    assert RegistryConfirmation.objects.get().actor is not None
    page.screenshot(path=str(SHOTS / "unverified-after-confirm-390.png"))
