"""A large plan in a real Chromium: the page opens with its areas closed, an area and an
objective load what is beneath them when opened (HTMX), and an activity inside opens."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from cchc.core.tests.test_browser_walk import _axe_problems
from cchc.plans.models import Node, NodeKind
from cchc.plans.tests.test_browser import _log_in
from cchc.plans.tests.test_tree_lazy import import_generated

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_large_plan_opens_and_an_area_expands(page: Any, live_server: Any, reader: User):
    from axe_playwright_python.sync_playwright import Axe

    plan = import_generated(1000)
    assert Node.objects.filter(plan=plan).count() > 600  # lazy by the default threshold
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _log_in(page, live_server, "reader")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    areas = page.locator("#results details.area")
    expect(areas).to_have_count(7)
    expect(page.locator("#results .activity")).to_have_count(0)
    shots = Path("/tmp/shots-treelazy")
    shots.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(shots / "plan-lazy-1366.png"), full_page=True)
    axe = Axe()
    assert _axe_problems(page, axe) == []

    area = areas.first
    area.locator(":scope > summary").click()
    objective = area.locator("details.group").first
    objective.wait_for()
    expect(area.locator(":scope > .tree-children > .tree-lazy")).to_have_count(0)
    objective.locator(":scope > summary").click()
    task = objective.locator("details.group").first
    task.wait_for()
    task.locator(":scope > summary").click()
    link = task.locator(".activity a").first
    link.wait_for()
    # The progress bars placed by cchc.js on the swapped part too (no inline style).
    page.screenshot(path=str(shots / "plan-lazy-open-1366.png"), full_page=False)
    # Opened parts: still no nested interactive control in a <summary>, nothing serious.
    assert _axe_problems(page, axe) == []
    page.set_viewport_size({"width": 390, "height": 844})
    link.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "plan-lazy-open-390.png"), full_page=False)
    href = link.get_attribute("href")
    assert href is not None
    node = Node.objects.get(pk=int(re.findall(r"/nodes/(\d+)/", href)[0]))
    assert node.kind == NodeKind.ACTIVITY and node.plan_id == plan.pk
    link.click()
    page.wait_for_url(re.compile(rf"/plans/{plan.pk}/nodes/{node.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
