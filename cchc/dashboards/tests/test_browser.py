"""The leader in a real Chromium: lands on the province overview, switches the period (HTMX
swaps the body, the address follows), and drills from an area to an activity's reports; at
1366 px and 390 px. Screenshots go to ``/tmp/shots/dashboards`` (or ``CCHC_SHOTS``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from cchc.accounts.models import Role
from cchc.conftest import PASSWORD, member
from cchc.dashboards.tests.conftest import World
from cchc.reporting.tests.test_browser import _log_in, _restore_period_rules

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = ({"width": 1366, "height": 900}, {"width": 390, "height": 844})


@pytest.fixture
def rules() -> None:
    """Put back the period rules a previous transactional test flushed (before ``world``)."""
    _restore_period_rules()


def _shots() -> Path:
    shots = Path(os.environ.get("CCHC_SHOTS") or "/tmp/shots/dashboards")
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_leader_overview_period_switch_and_drill_down(
    rules: None, world: World, page: Any, live_server: Any
) -> None:
    leader = member("leader", Role.LEADER, world.x)
    leader.set_password(PASSWORD)
    leader.save()
    shots = _shots()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for size in SIZES:
        width = size["width"]
        page.set_viewport_size(size)
        _log_in(page, live_server, "leader", "/")
        # The leader's home is the overview.
        assert page.url.endswith("/dashboards/")
        page.wait_for_selector("#areas-table")
        page.wait_for_selector("[data-chart='areas'] svg")
        assert page.locator("#fig-progress").inner_text().startswith("33,8%") or page.locator(
            "#fig-progress"
        ).inner_text().startswith("33.8%")
        _fits(page, width)
        page.screenshot(path=str(shots / f"leader-overview-{width}.png"), full_page=True)

        # Another period: HTMX swaps the body; the address follows.
        page.select_option("#f-year", "2024")
        page.wait_for_url("**year=2024**", timeout=30_000)
        # The address changes before the swap ends: wait for the new form (rendered with 2024
        # selected) and the settled body, or the next choice lands on the old, replaced form.
        page.wait_for_selector("#f-year option[value='2024'][selected]", state="attached")
        page.wait_for_selector("#dashboard-body:not(.htmx-swapping):not(.htmx-settling)")
        page.wait_for_selector("#f-period option[value='half-1']", state="attached")
        page.select_option("#f-period", "half-1")
        page.wait_for_url("**period=half-1**", timeout=30_000)
        page.wait_for_selector('tr[data-period="half-1"].table-active')
        page.wait_for_selector("[data-chart='periods'] svg")
        _fits(page, width)
        page.screenshot(path=str(shots / f"leader-overview-half-{width}.png"), full_page=True)

        # Drill: area → objective → task → activity → its reports.
        page.locator(f'tr[data-area="{world.area1.pk}"] a').click()
        page.wait_for_selector("#drill-children")
        for _step in range(2):
            page.locator("#drill-children tbody tr a").first.click()
            page.wait_for_selector("#drill-children")
        page.locator("#drill-children tbody tr a").first.click()
        page.wait_for_selector("#drill-reports")
        assert page.locator("#drill-heading").inner_text().startswith("1. 3.1")
        expect(page.locator("#drill-reports tbody tr")).to_have_count(3)
        _fits(page, width)
        page.screenshot(path=str(shots / f"leader-drill-activity-{width}.png"), full_page=True)
        page.locator("#drill-reports tbody tr a").first.click()
        page.wait_for_url("**/reports/obligations/**")
    assert errors == []


def test_focal_point_reads_its_scorecard(
    rules: None, world: World, page: Any, live_server: Any
) -> None:
    focal = member("focal-x", Role.FOCAL_POINT, world.x)
    focal.set_password(PASSWORD)
    focal.save()
    shots = _shots()
    for size in SIZES:
        width = size["width"]
        page.set_viewport_size(size)
        _log_in(page, live_server, "focal-x", f"/dashboards/agencies/{world.x.pk}/")
        page.wait_for_selector("#card-activities")
        expect(page.locator("#card-activities li")).to_have_count(2)
        _fits(page, width)
        page.screenshot(path=str(shots / f"focal-scorecard-{width}.png"), full_page=True)


def test_secretariat_reads_the_overview_and_a_scorecard_twice_alike(
    rules: None, world: World, page: Any, live_server: Any
) -> None:
    """The secretariat's overview and Sở Y's scorecard; the second visit (the body from the
    cache) shows the same figures and still draws the charts."""
    from cchc.conftest import secretariat_agency

    snv = member("snv", Role.SECRETARIAT, secretariat_agency())
    snv.set_password(PASSWORD)
    snv.save()
    shots = _shots()
    for size in SIZES:
        width = size["width"]
        page.set_viewport_size(size)
        _log_in(page, live_server, "snv", "/dashboards/?year=2024&period=quarter-1")
        first = page.locator("#headline").inner_text()
        page.goto(f"{live_server.url}/dashboards/?year=2024&period=quarter-1")
        page.wait_for_selector("[data-chart='areas'] svg")
        expect(page.locator("#headline")).to_have_text(first, use_inner_text=True)
        expect(page.locator("#fig-completeness")).to_contain_text("75", use_inner_text=True)
        _fits(page, width)
        page.screenshot(path=str(shots / f"secretariat-overview-{width}.png"), full_page=True)
        page.goto(f"{live_server.url}/dashboards/agencies/{world.y.pk}/?year=2024&period=quarter-1")
        page.wait_for_selector("#card-activities")
        _fits(page, width)
        page.screenshot(path=str(shots / f"secretariat-scorecard-{width}.png"), full_page=True)


def test_dashboard_pages_pass_axe(rules: None, world: World, page: Any, live_server: Any) -> None:
    """No serious or critical WCAG 2 A/AA violation on the dashboards (as the walk checks)."""
    from axe_playwright_python.sync_playwright import Axe

    leader = member("leader", Role.LEADER, world.x)
    leader.set_password(PASSWORD)
    leader.save()
    axe = Axe()
    _log_in(page, live_server, "leader", "/")
    problems = []
    for path in (
        "/dashboards/?year=2024&period=quarter-1",
        f"/dashboards/agencies/{world.x.pk}/",
        f"/dashboards/plans/{world.plan.pk}/nodes/{world.area1.pk}/",
        f"/dashboards/plans/{world.plan.pk}/nodes/{world.a1.pk}/",
    ):
        for size in SIZES:
            page.set_viewport_size(size)
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("load")
            result = axe.run(
                page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}
            )
            problems += [
                f"{path} {size['width']}: {v['id']} {[n['target'] for n in v['nodes'][:3]]}"
                for v in result.response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
    assert problems == []


def test_leader_opens_every_agency_from_the_light_overview(
    rules: None, world: World, page: Any, live_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The overview shows the agencies needing attention first (here one: Sở Y, a report
    overdue); "all agencies" swaps in every one by HTMX, the address follows, the heat map is
    drawn again."""
    from cchc.dashboards import selectors

    monkeypatch.setattr(selectors, "AGENCIES_SHOWN", 1)
    leader = member("leader", Role.LEADER, world.x)
    leader.set_password(PASSWORD)
    leader.save()
    shots = _shots()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for size in SIZES:
        width = size["width"]
        page.set_viewport_size(size)
        _log_in(page, live_server, "leader", "/dashboards/?year=2024&period=quarter-1")
        page.wait_for_selector("[data-chart='heat'] svg")
        expect(page.locator("#agencies-table tbody tr")).to_have_count(1)
        expect(page.locator(f'#agencies-table tr[data-agency="{world.y.pk}"]')).to_have_count(1)
        page.locator("#agencies .agencies-all").click()
        page.wait_for_url("**agencies=all**", timeout=30_000)
        page.wait_for_selector("#agencies .agencies-fewer")
        page.wait_for_selector("[data-chart='heat'] svg")
        expect(page.locator("#agencies-table tbody tr")).to_have_count(2)
        expect(page.locator("#heat-table tbody tr")).to_have_count(2)
        _fits(page, width)
        page.screenshot(path=str(shots / f"leader-overview-all-{width}.png"), full_page=True)
    assert errors == []


def test_leader_reads_older_figures_while_they_are_counted_again(
    rules: None, world: World, page: Any, live_server: Any, settings: Any
) -> None:
    """After a change the page shows the figures it has, with their time and a note, and
    swaps in the new ones by itself once the worker has counted them."""
    from cchc.core import tasks
    from cchc.core.versions import bump_figures

    settings.CCHC_TASKS_RUN_ON_COMMIT = False
    settings.CCHC_DASHBOARDS_STALE_SECONDS = 60
    leader = member("leader", Role.LEADER, world.x)
    leader.set_password(PASSWORD)
    leader.save()
    shots = _shots()
    page.set_viewport_size(SIZES[1])
    _log_in(page, live_server, "leader", "/dashboards/?year=2024&period=quarter-1")
    page.wait_for_selector("#as-of")
    expect(page.locator("#figures-updating")).to_have_count(0)
    bump_figures()
    page.reload()
    page.wait_for_selector("#figures-updating")
    _fits(page, 390)
    page.screenshot(path=str(shots / "leader-overview-updating-390.png"))
    assert tasks.run_pending(time_limit=False) >= 1
    # The page's own request, 10 s later, brings the new figures.
    page.wait_for_selector("#figures-updating", state="detached", timeout=30_000)
    page.wait_for_selector("[data-chart='areas'] svg")
