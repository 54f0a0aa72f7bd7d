"""What the secretariat clicks, in a real Chromium: what is due in a period, then a plan's
timeline."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import PASSWORD, import_seed
from cchc.scheduling.models import Obligation, ObligationStatus
from cchc.scheduling.obligations import generate_obligations
from cchc.scheduling.views import common

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TODAY = dt.date(2024, 7, 1)


def test_reports_due_then_the_timeline(
    page: Any,
    live_server: Any,
    leader: User,
    monkeypatch: pytest.MonkeyPatch,
):
    # The province-wide list is for those who read every agency's work: a leader.
    leader.set_password(PASSWORD)
    leader.save(update_fields=["password"])
    monkeypatch.setattr(common, "today", lambda: TODAY)
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(
        plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=TODAY
    )
    # Quý I/2024: every report is late but the first one in plan order, filed since.
    q1 = Obligation.objects.filter(period_label="Quý I/2024")
    filed = q1.order_by("activity__position", "agency__name", "role").first()
    assert filed is not None
    Obligation.objects.filter(pk=filed.pk).update(status=ObligationStatus.SUBMITTED)

    page.goto(f"{live_server.url}/scheduling/due/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Tên đăng nhập").fill("leader")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/scheduling/due/$"))
    page.get_by_role("link", name="Việc cần báo cáo").click()
    page.wait_for_url(re.compile(r"/scheduling/due/$"))
    # On 1/7/2024 the next deadline is Quý III/2024's.
    expect(page.get_by_role("heading", name="Quý III/2024")).to_be_visible()

    page.get_by_label("Kỳ báo cáo").select_option(label="Quý I/2024")
    page.get_by_role("button", name="Xem", exact=True).click()
    page.wait_for_url(re.compile(r"period=quarter-1"))
    expect(page.get_by_role("heading", name="Quý I/2024")).to_be_visible()
    rows = page.locator("#obligation-table tbody tr")
    expect(rows).to_have_count(min(q1.count(), 100))
    first = rows.first
    expect(first.locator(".badge")).to_have_text(
        "Quá hạn", use_inner_text=True
    )  # docs/vocabulary.md
    assert int(first.locator(".overdue-days").inner_text()) > 0
    expect(first).to_contain_text("20/03/2024", use_inner_text=True)
    late = page.locator("#status-counts [data-status=late] .status-count").inner_text()
    assert int(late) == q1.count() - 1
    # The agency table: most overdue first.
    overdue = [
        int(t) for t in page.locator("#agency-table tbody tr td:nth-child(2)").all_inner_texts()
    ]
    assert overdue == sorted(overdue, reverse=True)

    # From the activity to its plan, then the plan's timeline.
    first.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/nodes/\d+/$"))
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.get_by_role("link", name="Tiến độ thực hiện").click()
    page.wait_for_url(re.compile(rf"/scheduling/plans/{plan.pk}/timeline/$"))
    areas = page.locator("#timeline section.timeline-area")
    expect(areas).to_have_count(7)
    expect(areas.first.locator("h2")).to_contain_text("Cải cách thể chế", use_inner_text=True)
    assert page.locator(".timeline-row[data-kind=recurring] .timeline-bar.recurring").count() > 0
    event = page.locator(".timeline-row[data-kind=event]").first
    expect(event).to_contain_text("chưa xác định thời gian", use_inner_text=True)
    expect(page.locator(".timeline-axis .timeline-year").first).to_have_text(
        "2021", use_inner_text=True
    )
    # The bars are drawn: a recurring bar spans the whole track.
    bar = page.locator(".timeline-bar.recurring").first.bounding_box()
    track = page.locator(".timeline-axis .timeline-track").bounding_box()
    assert bar["width"] > 0.9 * track["width"]
