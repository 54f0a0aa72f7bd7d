"""Every main page under the Content-Security-Policy, in a real Chromium: no violation is
reported, and what the scripts do still works (HTMX search, the choose-all box, bars placed
from data attributes, Bootstrap's menu, the admin, the API docs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from cchc.accounts.models import Role
from cchc.agencies.models import Agency
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import PASSWORD, import_seed
from cchc.reporting.tests.test_browser import _log_in, _member, _restore_period_rules
from cchc.scheduling.models import Obligation
from cchc.scheduling.obligations import generate_obligations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Reported to the console by every page: a violation of the policy, whatever its kind.
LISTEN = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile}:${e.lineNumber}`);
});
"""


class Violations:
    def __init__(self, page: Any) -> None:
        self.seen: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", self._console)

    def _console(self, message: Any) -> None:
        text = message.text
        if "CSP violation" in text or "Content Security Policy" in text:
            self.seen.append(f"{message.page.url if message.page else ''}: {text}")

    def take(self) -> list[str]:
        seen, self.seen = self.seen, []
        return seen


def _data() -> tuple[Any, list[Obligation]]:
    from cchc.reporting.actions import approve_report, save_draft, start_report, submit_report

    _restore_period_rules()
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(
        plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=dt.date(2024, 7, 1)
    )
    focal = _member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap")
    staff = _member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu")
    agency = Agency.objects.get(code="bg.so-tu-phap")
    obligations = list(
        Obligation.objects.filter(
            activity__plan=plan, agency=agency, role="lead", period_label="Quý I/2024"
        ).order_by("pk")[:3]
    )
    reports = []
    for obligation in obligations:
        report = start_report(obligation=obligation, user=focal)
        save_draft(
            report=report,
            user=focal,
            expected_version=1,
            percent=60,
            narrative="Đã thực hiện một phần.",
            explanation="Chậm.",
        )
        reports.append(submit_report(report=report, user=focal, expected_version=report.version))
    # One approved: the plan's tree shows progress bars.
    approve_report(report=reports[0], user=staff)
    return plan, obligations[1:]


def test_the_pages_run_under_the_policy(page: Any, live_server: Any):
    plan, submitted = _data()
    violations = Violations(page)
    base = live_server.url

    # The listener works: a blocked image from elsewhere is reported (and never fetched).
    _log_in(page, live_server, "snv-staff", "/plans/")
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<img src=\"https://example.invalid/x.png\">')"
    )
    page.wait_for_timeout(300)
    assert any("img-src" in v for v in violations.take())

    # The plan: progress bars get their width, typing searches through HTMX.
    page.goto(f"{base}{plan.get_absolute_url()}")
    widths = page.locator("#results .progress-bar").evaluate_all(
        "bars => bars.map(b => [b.dataset.pctWidth + '%', b.style.width])"
    )
    assert widths and all(wanted == drawn for wanted, drawn in widths)
    assert any(drawn != "0%" for _wanted, drawn in widths)
    expect(page.locator("head style")).to_have_count(0)  # htmx adds no indicator style
    page.get_by_label("Tìm kiếm", exact=True).fill("so noi vu")
    page.wait_for_selector("#result-table")
    assert page.locator("#result-table tbody tr").count() > 0

    # The timeline's bars are placed from their data attributes.
    page.goto(f"{base}/scheduling/plans/{plan.pk}/timeline/")
    track = page.locator(".timeline-axis .timeline-track").bounding_box()
    recurring = page.locator(".timeline-bar.recurring").first.bounding_box()
    assert recurring["width"] > 0.9 * track["width"]
    years = page.locator(".timeline-axis .timeline-year")
    assert years.nth(1).bounding_box()["x"] > years.nth(0).bounding_box()["x"] + 10

    # The review list: the choose-all box ticks every report.
    page.goto(f"{base}/reports/review/")
    boxes = page.locator('#review-table tr[data-report] input[type="checkbox"]')
    expect(boxes).to_have_count(len(submitted))
    page.locator("#bulk-select-all").check()
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))

    for path in (
        "/reports/",
        f"/reports/obligations/{submitted[0].pk}/",
        "/reports/status/?year=2024&period=quarter-1",
        "/scheduling/due/",
        "/agencies/",
        f"/agencies/{submitted[0].agency_id}/",
        "/no-such-page/",
    ):
        page.goto(f"{base}{path}")
        page.wait_for_load_state("load")

    # Bootstrap's collapsed menu opens on a phone-sized screen.
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{base}/plans/")
    page.locator(".navbar-toggler").click()
    page.wait_for_selector("#navbar-main.show")
    page.set_viewport_size({"width": 1366, "height": 900})

    # The administrator: Django's admin and the API's interactive docs.
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    _log_in(page, live_server, "admin", "/plans/")
    page.goto(f"{base}/admin/")
    page.goto(f"{base}/admin/plans/plan/")
    page.goto(f"{base}/admin/plans/plan/{plan.pk}/change/")
    page.goto(f"{base}/admin/auth/user/add/")
    page.goto(f"{base}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    page.locator(".opblock-summary").first.click()
    page.wait_for_selector(".opblock-body")

    assert violations.take() == []
