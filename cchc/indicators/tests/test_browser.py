"""In a real Chromium: a focal point enters an indicator value in the progress report, the
secretariat approves the report, and the indicator page shows the target's new status, its
chart (ECharts, served locally, under the CSP) and the value in the table below it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from cchc.accounts.models import Role
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed
from cchc.indicators import views as indicator_views
from cchc.indicators.models import Comparator, Indicator, Measurement, Target, TargetState, Unit
from cchc.reporting.tests.test_browser import _log_in, _member, _restore_period_rules, _state
from cchc.reporting.views import common as reporting_common
from cchc.scheduling.models import Obligation
from cchc.scheduling.obligations import generate_obligations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ON = dt.date(2024, 7, 1)


def test_value_entered_in_a_report_changes_the_indicator_page(
    page: Any, live_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indicator_views, "today", lambda: ON)
    monkeypatch.setattr(reporting_common, "today", lambda: ON)
    _restore_period_rules()
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=ON)
    obligation = Obligation.objects.get(
        activity__plan=plan, activity__number="2", role="lead", period_label="Quý I/2024"
    )
    task = obligation.activity.parent
    assert task is not None and task.parent is not None
    target = Target.objects.create(
        indicator=Indicator.objects.get(code="tthc.dossiers_online"),
        node=task.parent,
        comparator=Comparator.AT_LEAST,
        value=50,
        unit=Unit.PERCENT,
        year=2025,
        baseline=20,
        baseline_year=2021,
        state=TargetState.CONFIRMED,
        phrase="tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%",
        match_key="browser",
    )
    _member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap")
    _member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu")
    report_path = f"/reports/obligations/{obligation.pk}/"
    indicator_path = "/indicators/tthc.dossiers_online/"

    # Before: no value, no data.
    _log_in(page, live_server, "snv-staff", indicator_path)
    badge = page.locator(f"#target-{target.pk} [data-status]")
    assert badge.get_attribute("data-status") == "no_data"

    # The focal point types the value in the report's target field and submits.
    _log_in(page, live_server, "focal-tp", report_path)
    field = page.locator(f"#target-{target.pk}-value")
    field.fill("năm mươi")
    page.locator("#id_narrative").fill("Đã triển khai dịch vụ công trực tuyến.")
    page.locator("#save-button").click()
    expect(page.locator(f"#target-{target.pk}-error")).to_contain_text(
        "“năm mươi”", use_inner_text=True
    )
    assert not Measurement.objects.exists()
    page.locator(f"#target-{target.pk}-value").fill("25")
    page.locator("#id_explanation").fill("Hạ tầng Cổng DVC chưa hoàn thiện.")
    page.locator("#submit-button").click()
    page.wait_for_selector('#report-state[data-state="submitted"]')
    expect(page.locator(f"#target-{target.pk}-stored")).to_contain_text("25", use_inner_text=True)

    # The secretariat approves: the value is locked.
    _log_in(page, live_server, "snv-staff", report_path)
    page.locator("#approve-button").click()
    page.wait_for_selector('#report-state[data-state="approved"]')
    assert _state(page) == "approved"
    assert Measurement.objects.get().locked

    # The indicator page: off track (25 % against 38.7 % on the trajectory), the chart drawn,
    # the value in the table with its source.
    page.goto(f"{live_server.url}{indicator_path}")
    badge = page.locator(f"#target-{target.pk} [data-status]")
    assert badge.get_attribute("data-status") == "off_track"
    page.wait_for_selector("#indicator-chart svg")
    table = page.locator("#value-table").inner_text()
    assert "Quý I/2024" in table and "25" in table
    assert re.search(r"Sở Tư pháp", table)
