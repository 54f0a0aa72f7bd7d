"""What a person clicks, in a real Chromium: log in, browse, search, import, export."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook
from playwright.sync_api import expect

from cchc.accounts.testing import pass_two_factor
from cchc.agencies.registry import load_registry
from cchc.conftest import PASSWORD, SEED_PLAN, import_seed
from cchc.plans.models import Node, Plan

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _log_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/plans/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    # The secretariat (the importer) must give a two-factor code, enrolling at its first login.
    pass_two_factor(page, username, re.compile(r"/plans/$"))


def test_browse_search_and_open_an_activity(page: Any, live_server: Any, reader: User):
    plan = import_seed()
    _log_in(page, live_server, "reader")
    page.get_by_role("link", name=plan.title).click()
    page.wait_for_url(re.compile(rf"/plans/{plan.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(plan.title, use_inner_text=True)
    areas = page.locator("#results details.area")
    expect(areas).to_have_count(7)
    summaries = areas.locator(":scope > summary")
    expect(summaries.first).to_contain_text("Cải cách thể chế", use_inner_text=True)
    counts = [int(t) for t in summaries.locator(".activity-count").all_inner_texts()]
    assert sum(counts) == 70

    # Typing searches as you type (htmx), ignoring diacritics.
    page.get_by_label("Tìm kiếm", exact=True).fill("so noi vu")
    page.wait_for_selector("#result-table")
    # The address follows the search (hx-push-url), so the page can be bookmarked.
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'so noi vu'")
    rows = page.locator("#result-table tbody tr")
    assert rows.count() > 0
    leads = rows.locator("td:nth-child(3)").all_inner_texts()
    assert "Sở Nội vụ" in leads
    expect(page.locator("#results details.area")).to_have_count(0)

    # Open an activity led by Sở Nội vụ and find where it was read from.
    row = rows.filter(has_text="Sở Nội vụ").first
    number = row.locator("td").first.inner_text()
    row.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/nodes/\d+/$"))
    expect(page.locator('[data-field="lead"]')).to_have_text("Sở Nội vụ", use_inner_text=True)
    # The product's label, not the document's header ("5-Chủ trì").
    expect(page.locator("dt", has_text="Cơ quan chủ trì")).to_have_count(1)
    expect(page.locator("dt", has_text="5-Chủ trì")).to_have_count(0)
    assert re.fullmatch(r"Dòng \d+ của .+\.md", page.locator("#source-line").inner_text())
    assert number in page.locator("h1").inner_text()

    # Plain GET without htmx gives the same results.
    page.goto(f"{live_server.url}/plans/{plan.pk}/?q=S%E1%BB%9F+N%E1%BB%99i+V%E1%BB%A5")
    expect(page.locator("#result-table")).to_contain_text("Sở Nội vụ", use_inner_text=True)


def test_switch_to_english(page: Any, live_server: Any, reader: User):
    _log_in(page, live_server, "reader")
    assert page.locator("html").get_attribute("lang") == "vi"
    # The language is chosen in the user's menu of the navigation.
    page.locator("#nav-user-button").click()
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Đổi").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", name="Plans")).to_be_visible()


def test_import_through_the_browser(page: Any, live_server: Any, importer: User):
    _log_in(page, live_server, "importer")
    page.get_by_role("link", name="Nhập kế hoạch").first.click()
    page.get_by_label("Văn bản kế hoạch").set_input_files(str(SEED_PLAN))
    page.get_by_role("button", name="Đọc và xem trước").click()
    page.wait_for_selector("#preview-items")
    expect(page.locator("#preview-number")).to_have_text("402/KH-UBND", use_inner_text=True)
    expect(page.locator("#preview-count")).to_have_text("70", use_inner_text=True)
    expect(page.locator("#preview-new")).to_be_visible()
    warnings = page.locator("#preview-warnings li").all_inner_texts()
    assert any(w.startswith("dòng 18:") and "3–5" in w for w in warnings)
    assert not Plan.objects.exists()

    page.get_by_role("button", name="Xác nhận và nhập").click()
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    plan = Plan.objects.get(number="402/KH-UBND")
    assert page.url.endswith(plan.get_absolute_url())
    assert (
        "Đã nhập ke-hoach-402-KH-UBND-bac-giang-2021-2030.md"
        in page.locator(".alert-success").inner_text()
    )
    # Storing it also worked out the reports expected this year and the next, and says so.
    expect(page.locator(".alert-info")).to_have_count(1)
    expect(page.locator("#results details.area")).to_have_count(7)

    # The import history shows who imported what.
    page.get_by_role("link", name="Lịch sử nhập").click()
    history = page.locator("table").inner_text()
    assert "importer" in history and SEED_PLAN.name in history


def test_export_downloads_an_xlsx(page: Any, live_server: Any, reader: User):
    plan = import_seed()
    _log_in(page, live_server, "reader")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải về dạng Excel").click()
    download = info.value
    assert download.suggested_filename == "ke-hoach-402-KH-UBND.xlsx"
    data = Path(download.path()).read_bytes()
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert list(values[4][:4]) == ["STT", "1- Mục tiêu", "2- Nhiệm vụ", "3- Hoạt động"]


def test_from_an_objective_down_to_an_activity_and_back_up(
    page: Any, live_server: Any, reader: User
):
    plan = import_seed()
    objective = Node.objects.get(plan=plan, kind="objective", number="1.2", area__number="I")
    task = Node.objects.filter(parent=objective).order_by("position").first()
    assert task is not None
    activity = Node.objects.filter(parent=task).order_by("position").first()
    assert activity is not None
    _log_in(page, live_server, "reader")
    page.goto(f"{live_server.url}{objective.get_absolute_url()}")
    expect(page.locator("#node-kind")).to_have_text("Mục tiêu", use_inner_text=True)
    expect(page.locator("#node-label")).to_have_text("1.2: Mục tiêu 2", use_inner_text=True)
    expect(page.locator("#node-title")).to_have_text(objective.title, use_inner_text=True)
    # Down: the objective lists its task, the task its activities.
    page.locator("#node-children a.child-link").first.click()
    page.wait_for_url(re.compile(rf"/nodes/{task.pk}/$"))
    expect(page.locator("#node-kind")).to_have_text("Nhiệm vụ", use_inner_text=True)
    link = page.locator(f'#node-children a.child-link[href$="/nodes/{activity.pk}/"]')
    assert activity.title[:30] in link.inner_text()
    link.click()
    page.wait_for_url(re.compile(rf"/nodes/{activity.pk}/$"))
    expect(page.locator("#node-kind")).to_have_text("Hoạt động", use_inner_text=True)
    expect(page.locator("#node-title")).to_have_text(activity.title, use_inner_text=True)
    expect(page.locator("#activity-reports")).to_be_visible()
    # Up: the breadcrumb names each level and leads back to the task, then the objective.
    crumbs = page.locator(".node-breadcrumb a")
    assert [c.get_attribute("data-level") for c in crumbs.all()[1:]] == [
        "plan",
        "section",
        "objective",
        "task",
    ]
    page.locator('.node-breadcrumb a[data-level="task"]').click()
    page.wait_for_url(re.compile(rf"/nodes/{task.pk}/$"))
    page.locator("#node-up").click()
    page.wait_for_url(re.compile(rf"/nodes/{objective.pk}/$"))
    page.locator('.node-breadcrumb a[data-level="section"]').click()
    page.wait_for_url(re.compile(rf"/nodes/{objective.parent_id}/$"))
    expect(page.locator("#node-kind")).to_have_text("Lĩnh vực", use_inner_text=True)


def test_import_a_scan_check_ocr_confidence_and_correct_a_row(
    page: Any, live_server: Any, importer: User
):
    """A scanned plan: the preview shows what OCR was unsure of; the secretariat corrects the
    cell before storing. Screenshots at 1366 and 390 px go to /tmp/shots/importer/."""
    scan = Path(__file__).parent / "corpus" / "20-scanned-page.png"
    shots = Path("/tmp/shots/importer")
    shots.mkdir(parents=True, exist_ok=True)
    _log_in(page, live_server, "importer")
    page.set_default_timeout(120_000)  # OCR on a shared machine
    page.get_by_role("link", name="Nhập kế hoạch").first.click()
    page.get_by_label("Văn bản kế hoạch").set_input_files(str(scan))
    page.get_by_role("button", name="Đọc và xem trước").click()
    page.wait_for_selector("#preview-items")
    expect(page.locator("#preview-count")).to_have_text("4", use_inner_text=True)
    expect(page.locator("[data-ocr-confidence]")).to_have_count(4)
    assert page.locator("#preview-items .badge.text-bg-warning").count() >= 1
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(shots / "import-preview-scan-1366.png"), full_page=True)
    first = page.locator("#preview-items tbody tr").first
    first.get_by_text("Sửa", exact=True).click()
    first.locator('input[name="fix-0-timeframe"]').fill("Quý II/2026")
    page.screenshot(path=str(shots / "import-preview-correct-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(shots / "import-preview-scan-390.png"), full_page=True)
    page.get_by_role("button", name="Xác nhận và nhập").click()
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    plan = Plan.objects.get(number="88/KH-UBND")
    timeframes = set(Node.objects.filter(plan=plan).values_list("timeframe", flat=True))
    assert "Quý II/2026" in timeframes


# A ministries' plan (as entry 94, a Government document, reads them: the province's registry
# holds none), with a row the reader always warns on by design: a daily hour as the timeframe
# (Convention C, ``timeframe-hour``). Entry 94 itself is read without a row warning now.
_MINISTRIES_ROWS = [
    ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
    ("---", "---", "---", "---", "---"),
    (
        "1",
        "Rà soát quy hoạch xây dựng vùng sau sắp xếp đơn vị hành chính",
        "Bộ Xây dựng",
        "Bộ Tài chính",
        "Quý II/2026",
    ),
    (
        "2",
        "Tổng hợp tình hình thiệt hại do mưa lũ, báo cáo Thủ tướng Chính phủ",
        "Bộ Nông nghiệp và Môi trường",
        "Bộ Xây dựng, Bộ Công an",
        "trước 17 giờ hằng ngày",
    ),
    (
        "3",
        "Hướng dẫn khắc phục nhà ở bị hư hỏng",
        "Bộ Xây dựng",
        "Bộ Tài chính, Bộ Quốc phòng",
        "Tháng 12/2026",
    ),
]
_MINISTRIES_PLAN = "".join(f"| {' | '.join(row)} |\n" for row in _MINISTRIES_ROWS)


def test_import_preview_of_another_bodys_plan_groups_the_warnings(
    page: Any, live_server: Any, importer: User, tmp_path: Path
):
    """A ministries' plan read against the province's registry: the rows' warnings first, the
    ministries the registry does not hold in one closed group, each name once with its lines.
    Screenshots at 1366 and 390 px go to /tmp/shots/preview/."""
    load_registry()
    plan = tmp_path / "ke-hoach-cac-bo.md"
    plan.write_text(_MINISTRIES_PLAN, encoding="utf-8")
    shots = Path("/tmp/shots/preview")
    shots.mkdir(parents=True, exist_ok=True)
    _log_in(page, live_server, "importer")
    page.get_by_role("link", name="Nhập kế hoạch").first.click()
    page.get_by_label("Văn bản kế hoạch").set_input_files(str(plan))
    page.get_by_role("button", name="Đọc và xem trước").click()
    page.wait_for_selector("#preview-items")
    rows = page.locator("#preview-warnings li").all_inner_texts()
    lines = [int(m.group(1)) for w in rows if (m := re.match(r"dòng (\d+):", w))]
    # (the line order of many is tested in test_preview_warnings.py)
    assert lines == sorted(lines) and len(lines) >= 1
    assert any("giờ" in w for w in rows)  # the daily hour, on its row's line
    assert not any("không phải cơ quan" in w or "trang cơ quan" in w for w in rows)
    heading = page.locator("#row-warnings-heading").inner_text()
    assert f": {len(rows)} cảnh báo" in heading
    unknown = page.locator("#preview-unknown-agencies")
    names = unknown.locator("[data-unknown-agency]")
    expect(names.first).to_be_hidden()  # closed until asked
    summary = unknown.locator("summary")
    expect(summary).to_contain_text(f"{names.count()} tên", use_inner_text=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(shots / "94-closed-1366.png"), full_page=True)
    summary.click()
    expect(names.first).to_be_visible()
    texts = [n.inner_text() for n in names.all()]
    printed = [t.split(" — ")[0] for t in texts]
    assert len(printed) == len(set(printed))  # each name once
    ministry = next(t for t in texts if t.startswith("Bộ Xây dựng — "))
    assert re.match(r"Bộ Xây dựng — dòng \d+(, \d+)+", ministry)
    assert "Thủ" not in printed and "Chủ tịch Ủy" not in printed
    page.locator("#preview-warning-groups").screenshot(path=str(shots / "94-warnings-1366.png"))
    page.screenshot(path=str(shots / "94-1366.png"), full_page=True)
    # A line links to its row in the table.
    unknown.locator("[data-unknown-agency] a").first.click()
    assert re.search(r"#preview-row-\d+$", page.url)
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#preview-warning-groups").screenshot(path=str(shots / "94-warnings-390.png"))
    page.screenshot(path=str(shots / "94-390.png"), full_page=True)
    width = page.evaluate("document.querySelector('#preview-warning-groups').scrollWidth")
    assert width <= 390
    summary.click()
    expect(names.first).to_be_hidden()
    page.screenshot(path=str(shots / "94-closed-390.png"), full_page=True)
