"""Every page as every role, on a phone and on a desktop, in a real Chromium (issue 9: item 13
and "What people reach for"): at 390×844 no page scrolls sideways
(``document.documentElement.scrollWidth <= 390``; a wide table scrolls inside its own box);
at 1366×900 the navigation is one line; at both widths axe-core finds no serious or critical
violation of the WCAG 2 A/AA rules (contrast, labels, names, landmarks, ``lang``).

axe-core comes from the lock file (``axe-playwright-python`` bundles ``axe.min.js``) and is
evaluated through Playwright's ``page.evaluate``, which the page's Content-Security-Policy does
not govern: no inline script is added to the page and nothing is downloaded.

``CCHC_SHOTS=/some/dir`` saves a screenshot of every page at both widths there
(``ROLE-PAGE-WIDTH.png``), to look at."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from cchc.accounts.models import Role
from cchc.agencies.models import Agency
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import PASSWORD, import_seed
from cchc.plans.models import Node, NodeKind, Plan
from cchc.reporting.tests.test_browser import _log_in, _member, _restore_period_rules
from cchc.scheduling.models import Obligation
from cchc.scheduling.obligations import generate_obligations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# The navigation's height when all of it is on one line (Bootstrap's navbar: 56 px).
ONE_LINE = 64
AXE_TAGS = ["wcag2a", "wcag2aa"]
# The pages of someone not logged in.
ANONYMOUS_PAGES = ("/accounts/login/", "/accounts/password/reset/")
AXE_IMPACTS = ("serious", "critical")
# Django's own admin is not the product's page: its width is checked, not its markup or its
# navigation.
NOT_AXED = ("/admin/",)

# The navigation's top-level items, and the tops of their boxes (one line: one top).
NAV_TOPS = """() => {
  const nav = document.querySelector("nav.navbar");
  const items = [...nav.querySelectorAll(".navbar-brand, .navbar-nav > .nav-item")]
    .filter((e) => e.getBoundingClientRect().height > 0);
  return {height: nav.getBoundingClientRect().height,
          tops: items.map((e) => Math.round(e.getBoundingClientRect().top))};
}"""


@dataclass(frozen=True)
class World:
    plan: Plan
    agency: Agency
    section: Node
    activity: Node
    draft: Obligation
    submitted: Obligation
    returned: Obligation
    approved: Obligation
    untouched: Obligation
    partner: Obligation | None


def _world() -> World:
    from cchc.reporting.actions import (
        approve_report,
        return_report,
        save_draft,
        start_report,
        submit_report,
    )

    _restore_period_rules()
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(
        plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=dt.date(2024, 7, 1)
    )
    focal = _member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap")
    _member("head-tp", Role.HEAD, "bg.so-tu-phap")
    staff = _member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu")
    _member("leader", Role.LEADER, "bg.ubnd-tinh")
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    agency = Agency.objects.get(code="bg.so-tu-phap")
    lead = list(
        Obligation.objects.filter(
            activity__plan=plan, agency=agency, role="lead", deadline__lt=dt.date(2024, 7, 1)
        ).order_by("deadline", "pk")[:5]
    )
    reports = []
    for obligation in lead[:4]:
        report = start_report(obligation=obligation, user=focal)
        report = save_draft(
            report=report,
            user=focal,
            expected_version=report.version,
            percent=60,
            narrative="Đã thực hiện một phần: rà soát 15 thủ tục hành chính.",
            explanation="Chậm do chờ số liệu của các huyện.",
        )
        reports.append(report)
    for report in reports[1:]:
        submit_report(report=report, user=focal, expected_version=report.version)
    return_report(report=reports[2], user=staff, comment="Bổ sung số liệu quý I.")
    approve_report(report=reports[3], user=staff)
    partner = (
        Obligation.objects.filter(activity__plan=plan, agency=agency, role="partner")
        .order_by("pk")
        .first()
    )
    activity = lead[0].activity
    section = Node.objects.filter(plan=plan, kind=NodeKind.SECTION).order_by("position").first()
    assert section is not None
    draft, submitted, returned, approved, untouched = lead
    return World(
        plan=plan,
        agency=agency,
        section=section,
        activity=activity,
        draft=draft,
        submitted=submitted,
        returned=returned,
        approved=approved,
        untouched=untouched,
        partner=partner,
    )


def _pages(world: World) -> dict[str, list[str]]:
    """The pages each role reaches, by the links of the navigation and of the pages."""
    plan, agency = world.plan.pk, world.agency.pk
    everyone = [
        "/",
        "/notifications/",
        "/indicators/",
        "/indicators/tthc.dossiers_online/",
        "/plans/",
        f"/plans/{plan}/",
        f"/plans/{plan}/nodes/{world.section.pk}/",
        f"/plans/{plan}/nodes/{world.activity.pk}/",
        f"/scheduling/plans/{plan}/timeline/",
        "/agencies/",
        "/agencies/groups/",
        "/agencies/unverified/",
        f"/agencies/{agency}/",
        "/reports/",
        "/accounts/",
        "/accounts/password/",
        "/no-such-page/",
    ]
    agency_work = [
        "/scheduling/due/",
        f"/scheduling/agencies/{agency}/due/",
        *(
            f"/reports/obligations/{o.pk}/"
            for o in (world.draft, world.submitted, world.returned, world.approved, world.untouched)
        ),
        *([f"/reports/obligations/{world.partner.pk}/"] if world.partner else []),
        f"/dashboards/agencies/{agency}/?year=2024&period=quarter-1",
    ]
    sees_all = [
        *agency_work,
        "/reports/status/?year=2024&period=quarter-1",
        "/reports/status/?year=2024&period=quarter-1&category=overdue",
        f"/plans/{plan}/imports/",
        "/reports/sign-off/",
        "/dashboards/?year=2024&period=quarter-1",
        f"/dashboards/plans/{plan}/nodes/{world.section.pk}/",
        f"/dashboards/plans/{plan}/nodes/{world.activity.pk}/",
    ]
    return {
        "snv-staff": [
            *everyone,
            *sees_all,
            "/reports/review/",
            "/scheduling/remind/",
            "/plans/import/",
            "/agencies/mapping/",
            f"/agencies/{agency}/contacts/",
            "/indicators/targets/review/",
            "/indicators/behind/",
            "/indicators/values/import/",
            "/scheduling/calendar/",
            "/scheduling/deadlines/",
        ],
        "focal-tp": [*everyone, *agency_work],
        "head-tp": [*everyone, *agency_work, "/reports/sign-off/"],
        "leader": [*everyone, *sees_all],
        "admin": [*everyone, *sees_all, "/admin/"],
    }


def _axe_problems(page: Any, axe: Any) -> list[str]:
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    problems = []
    for violation in result.response["violations"]:
        if violation["impact"] in AXE_IMPACTS:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            problems.append(f"axe {violation['id']} ({len(violation['nodes'])}×): {targets}")
    return problems


def _check(
    page: Any, axe: Any, url: str, shots: Path | None, name: str, axed: set[tuple[str, int]]
) -> list[str]:
    """The page at ``url`` at both widths. axe-core runs once per page and width (the first
    role to open it; the navigation differs by role and is axed on each role's first page)."""
    problems: list[str] = []
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.goto(url)
        page.wait_for_load_state("load")
        width = size["width"]
        if "/accounts/login/" in page.url and not url.endswith(ANONYMOUS_PAGES):
            problems.append(f"{width}: sent to the login page")
            continue
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            problems.append(f"{width}: the page is {scroll_width} px wide")
        product_page = not any(part in page.url for part in NOT_AXED)
        if size is DESKTOP and product_page:
            nav = page.evaluate(NAV_TOPS)
            if nav["height"] > ONE_LINE or max(nav["tops"]) - min(nav["tops"]) > 8:
                problems.append(f"{width}: the navigation takes more than one line: {nav}")
        key = (url.split("/", 3)[-1], width)
        if key not in axed and product_page:
            axed.add(key)
            problems += [f"{width}: {p}" for p in _axe_problems(page, axe)]
        if shots is not None:
            height = min(3000, page.evaluate("document.documentElement.scrollHeight"))
            page.screenshot(
                path=str(shots / f"{name}-{width}.png"),
                full_page=True,
                clip={"x": 0, "y": 0, "width": max(width, scroll_width), "height": height},
            )
    return problems


def test_every_page_fits_a_phone_and_passes_axe_as_every_role(page: Any, live_server: Any):
    from axe_playwright_python.sync_playwright import Axe

    world = _world()
    axe = Axe()
    shots = Path(os.environ["CCHC_SHOTS"]) if os.environ.get("CCHC_SHOTS") else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    axed: set[tuple[str, int]] = set()
    for username, paths in _pages(world).items():
        page.set_viewport_size(DESKTOP)
        _log_in(page, live_server, username, "/plans/")
        # Each role's navigation is checked on its first page.
        axed -= {("plans/", 390), ("plans/", 1366)}
        for path in paths:
            name = f"{username}-{re.sub(r'[^a-z0-9]+', '_', path).strip('_') or 'home'}"
            found = _check(page, axe, f"{live_server.url}{path}", shots, name, axed)
            problems += [f"{username} {path} {p}" for p in found]
    # The logged-out pages.
    page.context.clear_cookies()
    for path in ANONYMOUS_PAGES:
        name = f"anonymous-{path[10:-1].replace('/', '_')}"
        found = _check(page, axe, f"{live_server.url}{path}", shots, name, axed)
        problems += [f"anonymous {path} {p}" for p in found]
    assert problems == []
