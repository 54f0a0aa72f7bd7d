"""``?format=xlsx|csv`` on the lists and grids: the file holds the rows the page shows for
the same filters (read back with openpyxl and csv)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import Role
from cchc.conftest import member, secretariat_agency
from cchc.dashboards.tests.conftest import World
from cchc.dashboards.tests.test_dashboards import _behind_target, _client, _read

pytestmark = pytest.mark.django_db

FORMATS = ["xlsx", "csv"]


@pytest.fixture
def snv(world: World) -> Client:
    return _client(member("snv", Role.SECRETARIAT, secretariat_agency()))


@pytest.mark.parametrize("fmt", FORMATS)
def test_status_grid(world: World, snv: Client, fmt: str) -> None:
    url = reverse("reporting:grid")
    query = {"year": "2024", "period": "quarter-1", "plan": str(world.plan.pk)}
    page = snv.get(url, query).content.decode()
    rows = _read(snv.get(url, {**query, "format": fmt}))
    agencies = re.findall(r'<tr data-agency="(\d+)">', page)
    assert len(rows) == 1 + len(agencies) + 1  # headers, agencies, totals
    by_name = {r[0]: r for r in rows[1:]}
    # Q1: X sent both on time; Y one late, one overdue.
    assert by_name["Sở X"][1:3] == ["2", "2"]
    assert by_name["Sở Y"][1] == "2"
    assert rows[-1][1] == "4"
    # The filters apply: the first half-year has X only.
    half = _read(snv.get(url, {**query, "period": "half-1", "format": fmt}))
    assert [r[0] for r in half[1:-1]] == ["Sở X"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_review_list(world: World, snv: Client, fmt: str) -> None:
    url = reverse("reporting:review")
    page = snv.get(url).content.decode()
    rows = _read(snv.get(url, {"format": fmt}))
    assert len(rows) - 1 == len(re.findall(r"data-report=\"\d+\"", page)) == 1
    assert rows[1][2] == "Sở Y"


@pytest.mark.parametrize("fmt", FORMATS)
def test_my_reports_and_reports_due(world: World, leader: User, fmt: str) -> None:
    focal = _client(member("focal-x", Role.FOCAL_POINT, world.x))
    url = reverse("reporting:mine")
    page = focal.get(url).content.decode()
    rows = _read(focal.get(url, {"format": fmt}))
    assert len(rows) - 1 == len(re.findall(r'<tr data-obligation="\d+"', page))
    assert {r[2] for r in rows[1:]} <= {"Sở X"}
    due = reverse("scheduling:due")
    query = {"year": "2024", "period": "quarter-1"}
    lead = _client(leader)
    page = lead.get(due, query).content.decode()
    rows = _read(lead.get(due, {**query, "format": fmt}))
    assert len(rows) - 1 == len(re.findall(r'<tr[^>]* data-obligation="\d+"', page)) == 4


@pytest.mark.parametrize("fmt", FORMATS)
def test_agencies_indicators_and_targets_behind(world: World, leader: User, fmt: str) -> None:
    _behind_target(world)
    client = _client(leader)
    agencies = _read(client.get(reverse("agencies:agency_list"), {"q": "Sở", "format": fmt}))
    names = {r[1] for r in agencies[1:]}
    assert {"Sở X", "Sở Y"} <= names
    page = client.get(reverse("agencies:agency_list"), {"q": "Sở"}).content.decode()
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert len(agencies) - 1 == body.count("<tr>")
    indicators = _read(client.get(reverse("indicators:list"), {"format": fmt}))
    assert "t.share" in {r[0] for r in indicators[1:]}
    behind = _read(client.get(reverse("indicators:behind"), {"format": fmt}))
    assert len(behind) == 2 and behind[1][0] == "≥ 80% (2024)"


def test_exports_keep_the_pages_rights(world: World, reader: User) -> None:
    client = _client(reader)
    assert client.get(reverse("reporting:grid"), {"format": "csv"}).status_code == 403
    assert client.get(reverse("reporting:review"), {"format": "csv"}).status_code == 403
    assert client.get(reverse("indicators:behind"), {"format": "csv"}).status_code == 403
