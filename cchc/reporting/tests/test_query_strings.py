"""Every list page's query string against what a probe sends: a NUL character, a huge
integer, digits that are not ASCII ("²"), a word where a number belongs, a choice that does
not exist. An invalid filter is dropped (the page answers 200 as if it were not there);
nothing answers 500. Run on PostgreSQL too: that is where a NUL or an out-of-range integer
used to reach the database."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cchc.agencies.models import Agency
from cchc.plans.models import Node, NodeKind, Plan
from cchc.reporting.tests.test_views import member

pytestmark = pytest.mark.django_db

# What a probe puts in a parameter: NUL, huge, not ASCII digits, not a number, unknown.
BAD_VALUES = ["\x00", "a\x00b", "1" + "0" * 20, "-1" + "0" * 20, "²", "١٢", "abc", "1.5", "-3"]

# Each list page and the parameters its filters read.
PAGES: dict[str, list[str]] = {
    "/reports/": ["page"],
    "/reports/review/": ["agency", "year", "period", "page"],
    "/reports/status/": [
        "year",
        "period",
        "plan",
        "area",
        "level",
        "overdue",
        "sort",
        "category",
        "agency",
        "page",
    ],
    "/scheduling/due/": ["year", "period", "agency", "status", "role", "plan", "sort", "page"],
    "/scheduling/agencies/{agency}/due/": ["status", "role", "plan", "page"],
    "/plans/": ["page"],
    "/plans/{plan}/": ["q", "area", "lead", "timeframe", "page"],
    "/agencies/": ["q", "level", "status", "on"],
    "/agencies/{agency}/": ["on"],
    "/agencies/mapping/": ["plan"],
}


@pytest.fixture
def client_of(plan: Plan) -> Client:
    """A secretariat member who is also an administrator: every page is open to them."""
    user = member("snv-root", "secretariat", "bg.so-noi-vu")
    User.objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(pk=user.pk))
    return client


def address(template: str, plan: Plan) -> str:
    agency = Agency.objects.get(code="bg.so-tu-phap")
    return template.format(agency=agency.pk, plan=plan.pk)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_no_query_value_breaks_a_list_page(client_of, plan, page):
    url = address(page, plan)
    # The mapping page answers 404 for a plan id that names no plan.
    allowed = {200, 404} if page == "/agencies/mapping/" else {200}
    broken = []
    for value in BAD_VALUES:
        for name in PAGES[page]:
            status = client_of.get(url, {name: value}).status_code
            if status not in allowed:
                broken.append((name, value, status))
        # Every parameter of the page wrong at the same time.
        status = client_of.get(url, dict.fromkeys(PAGES[page], value)).status_code
        if status not in allowed:
            broken.append(("*", value, status))
    assert broken == [], "\n".join(map(repr, broken))


def test_a_focal_point_s_pages_too(plan):
    """The pages as a focal point sees them (their own agency's due list, their reports)."""
    client = Client(raise_request_exception=False)
    client.force_login(member("focal-tp", "focal_point", "bg.so-tu-phap"))
    agency = Agency.objects.get(code="bg.so-tu-phap")
    for url in ("/reports/", f"/scheduling/agencies/{agency.pk}/due/"):
        for value in BAD_VALUES:
            response = client.get(url, {"page": value, "status": value, "plan": value})
            assert response.status_code == 200, (url, value)


def test_an_area_of_the_plan_still_filters(client_of, plan):
    """The checks did not stop a valid value from working."""
    area = Node.objects.filter(plan=plan, kind=NodeKind.SECTION).order_by("position").first()
    assert area is not None
    response = client_of.get(f"/plans/{plan.pk}/", {"area": str(area.pk)})
    assert response.status_code == 200
