"""The dashboards' figures are cached under the plan's data version: a warm page reads no
figures from the database, and every change a figure depends on, made through its action,
shows on the next page once committed (the world of conftest; the numbers are worked there).
The figures' version is bumped after the commit (``cchc.core.versions.bump_after_commit_once``):
``commit`` runs the callbacks of the changes it wraps, as the end of their transaction would."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import Role
from cchc.conftest import member, secretariat_agency
from cchc.core.versions import bump_figures, bump_plan
from cchc.dashboards.tests.conftest import ON, World
from cchc.indicators.actions import (
    PeriodOf,
    confirm_target,
    record_measurement,
    remove_measurements,
)
from cchc.indicators.models import Indicator, Target
from cchc.reporting import actions
from cchc.reporting.models import Report
from cchc.reporting.views import common

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Any:
    """``with commit():`` around a change: its on-commit callbacks run at the end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


Q1 = {"year": "2024", "period": "quarter-1"}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _overview(client: Client) -> Any:
    return client.get(reverse("dashboards:overview"), Q1).context["data"]


def _y_card(client: Client, world: World) -> Any:
    return client.get(reverse("dashboards:scorecard", args=[world.y.pk]), Q1).context["card"]


def test_warm_pages_read_no_figures(
    world: World, leader: User, django_assert_num_queries: Any, commit: Any
) -> None:
    """Warm: only the page's own queries: session, the user with their memberships, the plans
    with their data version (the drill: its plan), the navigation's queues; the scorecard
    reads its agency, the drill of an activity its obligations. Cold, computed in the request (the
    tests run tasks in the web process: ``store.stale_too_long``): the shared figures' row
    read, the figures' four (nodes, lead obligations, targets, service indicators; no
    measurements without targets) and the row written (``test_store.py``: what a page pays
    when a worker computes them)."""
    client = _client(leader)
    pages = (
        (reverse("dashboards:overview"), 10, 4),
        (reverse("dashboards:scorecard", args=[world.x.pk]), 11, 5),
        (reverse("dashboards:drill", args=[world.plan.pk, world.area1.pk]), 10, 4),
        (reverse("dashboards:drill", args=[world.plan.pk, world.a1.pk]), 11, 5),
    )
    client.get(reverse("dashboards:overview"))  # the session and the periods read once
    bump_plan(world.plan.pk)
    for url, cold, warm in pages:
        with commit(), transaction.atomic():  # as an action bumps it, in its own block
            bump_figures()
        with django_assert_num_queries(cold):
            assert client.get(url).status_code == 200
        with django_assert_num_queries(warm):
            assert client.get(url).status_code == 200


def test_submission_return_approval_and_reopening_show_at_once(
    world: World, leader: User, commit: Any
) -> None:
    client = _client(leader)
    secretariat = member("snv", Role.SECRETARIAT, secretariat_agency())
    focal_y = member("focal-y", Role.FOCAL_POINT, world.y)
    before = _overview(client).current.counts
    assert (before.total, before.sent, before.on_time) == (4, 3, 2)
    # Y sends its missing Q1 report on A3, on time.
    report = actions.start_report(obligation=world.obligations[("a3", "t.y", "q1")], user=focal_y)
    report = actions.save_draft(
        report=report, user=focal_y, expected_version=report.version, narrative="Đã làm.",
        percent=60,
    )  # fmt: skip
    sent_at = dt.datetime(2024, 3, 15, 9, 0, tzinfo=dt.UTC)
    with commit():
        report = actions.submit_report(
            report=report, user=focal_y, expected_version=report.version, now=sent_at
        )
    counts = _overview(client).current.counts
    assert (counts.sent, counts.on_time) == (4, 3)
    assert _y_card(client, world).current.counts.sent == 2
    # Returned: no longer sent.
    with commit():
        report = actions.return_report(report=report, user=secretariat, comment="Bổ sung.")
    assert _overview(client).current.counts.sent == 3
    # Y's A1 report (80%, submitted) approved: Y's progress (80 + 0) / 2 = 40.
    a1_y = Report.objects.get(obligation=world.obligations[("a1", "t.y", "q1")])
    a1_y = actions.approve_report(report=a1_y, user=secretariat)
    assert _y_card(client, world).progress == 40
    agencies = {a.name: a.progress for a in _overview(client).agencies}
    assert agencies["Sở Y"] == 40
    # Reopened: it no longer counts.
    actions.reopen_report(report=a1_y, user=secretariat, reason="Sai số liệu.")
    assert _y_card(client, world).progress == 0


def _target(world: World, state: str) -> Target:
    indicator = Indicator.objects.create(code="t.cache", name="Tỷ lệ thử", unit="%")
    return Target.objects.create(
        indicator=indicator,
        node=world.a1,
        comparator=">=",
        value=80,
        unit="%",
        year=2024,
        baseline=20,
        baseline_year=2023,
        state=state,
        phrase="đạt 80%",
        match_key="t-cache",
    )


def test_targets_and_measurements_show_at_once(world: World, leader: User, commit: Any) -> None:
    client = _client(leader)
    target = _target(world, "proposed")
    assert sum(_overview(client).targets.values()) == 0
    with commit():
        confirm_target(target=target, user=None)
    data = _overview(client)
    assert sum(data.targets.values()) == 1 and data.targets["no_data"] == 1
    assert target.indicator is not None
    half = PeriodOf("half", "6 tháng 2024", dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    with commit():
        value = record_measurement(
            indicator=target.indicator, user=None, period=half, value="40", source="import"
        )
    data = _overview(client)
    assert data.targets["no_data"] == 0 and data.behind_total == 1
    with commit():
        remove_measurements(ids=[value.pk])
    assert _overview(client).targets["no_data"] == 1


def test_service_values_and_rollup_refresh_show_at_once(
    world: World, leader: User, commit: Any
) -> None:
    from cchc.servicequality.actions import refresh_rollups

    client = _client(leader)
    online, _new = Indicator.objects.get_or_create(
        code="tthc.dossiers_online", defaults={"name": "Hồ sơ trực tuyến", "unit": "%"}
    )
    rows = {s.indicator.code: s for s in _overview(client).service}
    assert rows["tthc.dossiers_online"].value is None
    quarter = PeriodOf("quarter", "Quý 2/2024", dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    with commit():
        record_measurement(indicator=online, user=None, period=quarter, value="55", source="import")
    rows = {s.indicator.code: s for s in _overview(client).service}
    assert rows["tthc.dossiers_online"].value == 55.0
    # A rollup refresh writes the computed values of its months (here: no dossiers, so
    # "no data" with its reason) through the same action.
    before = {code: row.period_label for code, row in rows.items()}
    with commit():
        refresh_rollups(months=[dt.date(2024, 7, 1)], trigger="test")
    after = {s.indicator.code: s.period_label for s in _overview(client).service}
    assert after != before


def test_a_new_day_is_a_new_figure(
    world: World, leader: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the half-year's deadline its draft is in progress, after it overdue."""
    client = _client(leader)
    half = {"year": "2024", "period": "half-1"}
    monkeypatch.setattr(common, "today", lambda: dt.date(2024, 5, 2))
    early = client.get(reverse("dashboards:overview"), half).context["data"].current.counts
    monkeypatch.setattr(common, "today", lambda: ON)
    late = client.get(reverse("dashboards:overview"), half).context["data"].current.counts
    assert (early.overdue, late.overdue) == (0, 1)


def test_obligation_generation_shows_at_once(world: World, leader: User) -> None:
    from cchc.scheduling.models import Obligation
    from cchc.scheduling.obligations import generate_obligations

    client = _client(leader)
    before = _overview(client)
    generate_obligations(
        plan=world.plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=ON
    )
    leads = Obligation.objects.filter(
        activity__plan=world.plan, role="lead", period_kind=world.q1.kind,
        period_end=world.q1.end,
    ).exclude(status="not_applicable")  # fmt: skip
    after = _overview(client)
    assert after.current.counts.total == leads.count() != before.current.counts.total


def test_a_plans_figures_of_an_older_version_are_dropped(
    world: World, leader: User, commit: Any
) -> None:
    from cchc.dashboards import cache

    client = _client(leader)
    _overview(client)
    first = set(cache.FIGURES.entries)
    assert len(first) == 1
    with commit(), transaction.atomic():  # as an action bumps it, in its own block
        bump_figures()
    _overview(client)
    second = set(cache.FIGURES.entries)
    assert len(second) == 1 and second != first
