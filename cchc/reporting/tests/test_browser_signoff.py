"""A head's comment survives a refused sign-off, in a real Chromium: the report changed in
another tab after the head opened it; the return is refused, the page says why, and the
comment the head typed is still in the box."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cchc.accounts.models import Role
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed
from cchc.reporting.actions import save_draft, start_report, submit_report, withdraw_report
from cchc.reporting.models import Report, ReportState
from cchc.reporting.signoff import set_sign_off
from cchc.reporting.tests.test_browser import _log_in, _member, _restore_period_rules
from cchc.scheduling.models import Obligation
from cchc.scheduling.obligations import generate_obligations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

COMMENT = "Bổ sung số văn bản đã thẩm định trong quý."


def test_a_refused_return_keeps_the_heads_comment(page: Any, live_server: Any):
    _restore_period_rules()
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(
        plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=dt.date(2024, 7, 1)
    )
    obligation = Obligation.objects.get(
        activity__plan=plan, activity__number="2", role="lead", period_label="Quý I/2024"
    )
    focal = _member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap")
    head = _member("head-tp", Role.HEAD, "bg.so-tu-phap")
    set_sign_off(agency=obligation.agency, required=True, by=head)
    report = start_report(obligation=obligation, user=focal)
    report = save_draft(
        report=report,
        user=focal,
        expected_version=report.version,
        narrative="Đã thẩm định 10 dự thảo.",
        explanation="Chậm do chờ ý kiến.",
    )
    report = submit_report(report=report, user=focal, expected_version=report.version)
    assert report.state == ReportState.AWAITING_SIGN_OFF

    _log_in(page, live_server, "head-tp", f"/reports/obligations/{obligation.pk}/")
    page.locator("#sign_off_comment").fill(COMMENT)
    # Meanwhile the focal point takes the report back.
    withdraw_report(report=report, user=focal, expected_version=report.version)
    page.locator("#decline-button").click()
    page.wait_for_selector("#report-error")
    assert "awaiting the head" in page.locator("#report-error").inner_text() or (
        "chờ thủ trưởng" in page.locator("#report-error").inner_text()
    )
    assert page.locator("#typed-1").input_value() == COMMENT
    assert Report.objects.get(pk=report.pk).state == ReportState.DRAFT
