"""The seed plan with its 2024 obligations (``cchc.reporting.tests.conftest``), a confirmed
target on the objective of row 2 (whose Q1/2024 lead report is Sở Tư pháp's), and people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from cchc.accounts.actions import add_member
from cchc.accounts.models import Role
from cchc.agencies.models import Agency
from cchc.indicators import views as indicator_views
from cchc.indicators.models import Comparator, Indicator, Target, TargetState, Unit
from cchc.reporting.tests.conftest import ON, obligation, plan  # noqa: F401
from cchc.reporting.views import common as reporting_common
from cchc.scheduling.models import Obligation


def member(username: str, role: str, code: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", None)
    add_member(user=user, agency=Agency.objects.get(code=code), role=role, by=None)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def people(plan: object) -> dict[str, User]:  # noqa: F811
    return {
        "focal": member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap"),
        "other": member("focal-tt", Role.FOCAL_POINT, "bg.so-tt-tt"),
        "secretariat": member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu"),
        "leader": member("leader", Role.LEADER, "bg.ubnd-tinh"),
        "nobody": User.objects.create_user("nobody", "nobody@example.org", None),
    }


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _catalogue(request: pytest.FixtureRequest) -> None:
    """The shipped catalogue, as the migration left it: a transactional test (the browser
    tests) flushes the tables, taking the data migration's rows with it."""
    if request.node.get_closest_marker("django_db") is None:
        return
    from cchc.indicators.catalogue import load_into
    from cchc.indicators.models import IndicatorChange

    load_into(Indicator, IndicatorChange)


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """The actions' messages are asserted in English (the catalogue's Vietnamese is checked
    on the pages); the views and the API answer in the request's language."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _pages_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(reporting_common, "today", lambda: ON)
    monkeypatch.setattr(indicator_views, "today", lambda: ON)
    return ON


@pytest.fixture
def target(obligation: Obligation) -> Target:  # noqa: F811
    """≥ 50 % of dossiers online by 2025 from 20 % at the end of 2021: on 1/7/2024 the
    trajectory is at 38.7 %."""
    task = obligation.activity.parent
    assert task is not None and task.parent is not None
    objective = task.parent
    # These tests build their own targets: drop what the extractor proposed on importing the
    # seed (that reading is tested in test_extraction_*).
    Target.objects.all().delete()
    return Target.objects.create(
        indicator=Indicator.objects.get(code="tthc.dossiers_online"),
        node=objective,
        comparator=Comparator.AT_LEAST,
        value=50,
        unit=Unit.PERCENT,
        year=2025,
        baseline=20,
        baseline_year=2021,
        state=TargetState.CONFIRMED,
        phrase="tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%",
        source_line=20,
        match_key="t1",
    )
