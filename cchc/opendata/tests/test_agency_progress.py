"""An agency's progress is one number wherever it is shown: the leaders' scorecard, the
public plan page and the open-data release all read ``reporting.progress.progress_by_agency``.

The world is the dashboards' (``cchc/dashboards/tests/conftest.py``), worked by hand:

- Sở X leads A1 and A2. Its own latest approved report on A1 is the half-year's (70%; the
  first quarter's 50% is older), on A2 the first quarter's (100%; the half-year's is a
  draft). Its progress: (70 + 100) / 2 = 85.
- Sở Y leads A1 and A3. On A1 its report is submitted, not approved (80% does not count),
  on A3 it has none: (0 + 0) / 2 = 0.

(The mean of the activities' own progress, the definition this replaced, would have said
67.5 for X (A1 35, A2 100) and 17.5 for Y (A1 35, A3 0).)
"""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import Role
from cchc.conftest import member, secretariat_agency
from cchc.dashboards.tests.conftest import World, _fresh_periods, world
from cchc.opendata import selectors
from cchc.opendata.actions import approve_release, build_release, directory_of, set_publication
from cchc.opendata.models import Subject

__all__ = ["_fresh_periods", "world"]

pytestmark = pytest.mark.django_db

BY_HAND = {"Sở X": (2, 85.0), "Sở Y": (2, 0.0)}


def _public(world: World) -> tuple[User, User]:
    builder = member("snv-builder", Role.SECRETARIAT, secretariat_agency())
    approver = member("snv-approver", Role.SECRETARIAT, secretariat_agency())
    set_publication(subject=Subject.PLAN, plan=world.plan, public=True, user=builder)
    return builder, approver


def test_public_plan_shows_each_agency_as_worked_by_hand(world: World) -> None:
    _public(world)
    view = selectors.plan_view(world.plan, pub=selectors.published(), on=world.q2.end)
    assert {r.agency.name: (r.activities, r.percent) for r in view.agencies} == BY_HAND
    # The plan's own figures are unchanged: A1 35, A2 100, A3 and A4 0.
    assert view.overall == pytest.approx((35 + 100 + 0 + 0) / 4)
    assert (view.activities, view.done) == (4, 1)


def test_release_table_holds_the_same_numbers(world: World) -> None:
    builder, _approver = _public(world)
    release = build_release(period_key="quarter-1", year=2024, user=builder)
    text = (directory_of(release) / "agency_progress.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["agency_name"]: (int(r["activities"]), float(r["percent"])) for r in rows} == BY_HAND
    assert {r["agency_code"] for r in rows} == {"t.x", "t.y"}


def test_scorecard_public_page_and_release_agree(world: World, leader: User) -> None:
    builder, approver = _public(world)
    release = approve_release(
        release=build_release(period_key="half-1", year=2024, user=builder), user=approver
    )
    text = (directory_of(release) / "agency_progress.csv").read_text("utf-8")
    released = {r["agency_code"]: float(r["percent"]) for r in csv.DictReader(io.StringIO(text))}
    public = Client().get(reverse("opendata:public_plan", args=[world.plan.pk]))
    assert public.status_code == 200
    shown = {row.agency.code: row.percent for row in public.context["view"].agencies}
    leaders = Client()
    leaders.force_login(leader)
    for agency in (world.x, world.y):
        page = leaders.get(
            reverse("dashboards:scorecard", args=[agency.pk]),
            {"plan": str(world.plan.pk), "year": "2024", "period": "half-1"},
        )
        card = page.context["card"]
        assert card.progress == shown[agency.code] == released[agency.code]
        assert card.progress == BY_HAND[agency.name][1]
        # The public page prints it as the scorecard does (one decimal, Vietnamese comma).
        figure = f"{card.progress:.1f}".replace(".", ",")
        assert f"{figure}%" in public.content.decode()
