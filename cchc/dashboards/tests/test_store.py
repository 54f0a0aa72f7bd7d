"""The figures every process shares (``cchc.dashboards.store``): after a change, pages serve
the figures last computed with their "as of" time while one recomputation runs outside the
request; a fresh process reads them from the database instead of computing them; staleness
is bounded (the world of conftest; the numbers are worked there)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cchc.accounts.models import Role
from cchc.conftest import member
from cchc.core import tasks
from cchc.core.models import Task
from cchc.dashboards import cache, figures, store
from cchc.dashboards.models import FiguresSnapshot
from cchc.dashboards.tests.conftest import World
from cchc.reporting import actions
from cchc.scheduling.workdays import WorkCalendar

pytestmark = pytest.mark.django_db

Q1 = {"year": "2024", "period": "quarter-1"}
REFRESH = "cchc.dashboards.store.refresh_figures"


@pytest.fixture
def worker(settings: Any) -> None:
    """As deployed: tasks wait for ``cchc worker`` (run here by ``tasks.run_pending``)."""
    settings.CCHC_TASKS_RUN_ON_COMMIT = False
    settings.CCHC_DASHBOARDS_STALE_SECONDS = 60


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Any:
    """``with commit():`` around a change: its on-commit callbacks (the figures' version is
    bumped after the commit) run at the end, as the end of its transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _overview(client: Client) -> tuple[Any, str]:
    response = client.get(reverse("dashboards:overview"), Q1)
    return response.context["data"], response.content.decode()


def _send_y_report(world: World, commit: Any) -> None:
    """Y sends its missing Q1 report on A3, on time: sent 3 → 4, on time 2 → 3."""
    focal_y = member("focal-y", Role.FOCAL_POINT, world.y)
    report = actions.start_report(obligation=world.obligations[("a3", "t.y", "q1")], user=focal_y)
    report = actions.save_draft(
        report=report, user=focal_y, expected_version=report.version, narrative="Đã làm.",
        percent=60,
    )  # fmt: skip
    sent_at = dt.datetime(2024, 3, 15, 9, 0, tzinfo=dt.UTC)
    with commit():
        actions.submit_report(
            report=report, user=focal_y, expected_version=report.version, now=sent_at
        )


def test_stale_figures_are_served_while_one_recomputation_runs(
    world: World, leader: User, worker: None, commit: Any
) -> None:
    client = _client(leader)
    before, _page = _overview(client)
    assert (before.current.counts.sent, before.updating) == (3, False)
    _send_y_report(world, commit)
    # The figures computed before the change, said to be so, with their time.
    stale, page = _overview(client)
    assert stale.current.counts.sent == 3 and stale.updating
    assert stale.as_of == before.as_of
    assert 'id="figures-updating"' in page and 'id="as-of"' in page
    # The page asks again by itself (HTMX) in a while.
    assert 'hx-trigger="load delay:10s"' in page
    # One recomputation queued, however many pages find the figures stale.
    client.get(reverse("dashboards:scorecard", args=[world.y.pk]), Q1)
    client.get(reverse("dashboards:overview"), Q1)  # its body drawn before: kept
    client.get(reverse("dashboards:drill", args=[world.plan.pk, world.area1.pk]))
    assert Task.objects.filter(name=REFRESH).count() == 1
    # The worker computes them; every page shows the change.
    tasks.run_pending(time_limit=False)
    assert Task.objects.get(name=REFRESH).state == "done"
    after, page = _overview(client)
    assert (after.current.counts.sent, after.current.counts.on_time) == (4, 3)
    assert not after.updating and after.as_of > before.as_of
    assert 'id="figures-updating"' not in page
    # What the page's own poll gets: the body, with the new figures and no further poll.
    polled = client.get(reverse("dashboards:overview"), Q1, headers={"HX-Request": "true"})
    body = polled.content.decode()
    assert "<html" not in body and 'id="as-of"' in body and "figures-updating" not in body
    card = client.get(reverse("dashboards:scorecard", args=[world.y.pk]), Q1).context["card"]
    assert card.current.counts.sent == 2 and not card.updating


def test_figures_stale_too_long_are_computed_in_the_request(
    world: World, leader: User, worker: None, commit: Any
) -> None:
    client = _client(leader)
    _overview(client)
    _send_y_report(world, commit)
    assert _overview(client)[0].updating
    # The worker is behind: a page finds them stale for longer than the setting allows.
    FiguresSnapshot.objects.update(stale_since=timezone.now() - dt.timedelta(seconds=61))
    data, _page = _overview(client)
    assert data.current.counts.sent == 4 and not data.updating


def test_never_stale_when_the_setting_is_zero(
    world: World, leader: User, settings: Any, commit: Any
) -> None:
    settings.CCHC_TASKS_RUN_ON_COMMIT = False
    settings.CCHC_DASHBOARDS_STALE_SECONDS = 0
    client = _client(leader)
    _overview(client)
    _send_y_report(world, commit)
    data, _page = _overview(client)
    assert data.current.counts.sent == 4 and not data.updating
    assert not Task.objects.filter(name=REFRESH).exists()


def test_another_process_reads_the_figures_instead_of_computing_them(
    world: World, leader: User, worker: None, django_assert_num_queries: Any
) -> None:
    """A fresh process (its caches empty) reads the stored row and its figures (two queries)
    and computes nothing (no query of the plan's nodes)."""
    client = _client(leader)
    first, _page = _overview(client)
    cache.forget_figures()
    with django_assert_num_queries(6) as queries:
        again, _page = _overview(client)
    assert not any("plans_node" in q["sql"] for q in queries.captured_queries)
    assert again.as_of == first.as_of and again.current.counts.sent == 3
    # Warm again in that process: the page's own four.
    cache.BODIES.clear()
    with django_assert_num_queries(4):
        _overview(client)


def test_a_stale_page_costs_a_bounded_number_of_queries(
    world: World, leader: User, worker: None, django_assert_num_queries: Any, commit: Any
) -> None:
    """After a change, the page that queues the recomputation reads the row, leases it and
    queues the task (three more than warm); the pages after it read the row (one more)."""
    client = _client(leader)
    _overview(client)
    _send_y_report(world, commit)
    with django_assert_num_queries(7):
        _overview(client)
    with django_assert_num_queries(5):
        client.get(reverse("dashboards:overview"), Q1)


def test_an_older_computation_never_replaces_a_newer_one(world: World) -> None:
    periods = figures.year_periods(2024, calendar=WorkCalendar())
    digest = store.periods_digest(periods)
    new = timezone.now()
    old = new - dt.timedelta(seconds=5)
    store.save(plan_id=world.plan.pk, digest=digest, version="v2", day=world.q1.end, as_of=new,
               value="new")  # fmt: skip
    store.save(plan_id=world.plan.pk, digest=digest, version="v1", day=world.q1.end, as_of=old,
               value="old")  # fmt: skip
    stored = store.read(world.plan.pk, digest)
    assert stored is not None and stored.as_of == new and store.load(stored) == "new"
    assert FiguresSnapshot.objects.count() == 1


def test_figures_older_than_the_page_cache_are_counted_again(
    world: World, leader: User, worker: None, settings: Any
) -> None:
    """A bump that never came (a process killed after its commit) leaves the stored figures
    current by their version: past ``CCHC_PAGE_CACHE_SECONDS`` they are computed again."""
    client = _client(leader)
    _overview(client)
    cache.forget_figures()
    FiguresSnapshot.objects.update(as_of=timezone.now() - dt.timedelta(seconds=601))
    settings.CCHC_PAGE_CACHE_SECONDS = 600
    client.get(reverse("dashboards:overview"), Q1)
    assert Task.objects.filter(name=REFRESH).count() == 1
    tasks.run_pending(time_limit=False)
    stored = FiguresSnapshot.objects.get()
    assert timezone.now() - stored.as_of < dt.timedelta(seconds=60)
