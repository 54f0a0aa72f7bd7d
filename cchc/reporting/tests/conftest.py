"""A plan with obligations (the seed plan and the test registry) and the people who report
on it: ``focal`` (the lead agency's focal point) and ``secretariat``."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import User

from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import PASSWORD, import_seed
from cchc.plans.models import Plan
from cchc.scheduling.models import Obligation
from cchc.scheduling.obligations import generate_obligations

YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
ON = dt.date(2024, 7, 1)


@pytest.fixture
def restore_period_rules(request: pytest.FixtureRequest) -> None:
    """The period rules come from a data migration; a transactional test (the browser tests,
    the concurrency tests) flushes every table when it ends. Put them back before the plan is
    built (the migration's function is idempotent). Used by the modules whose tests are
    transactional: ``pytestmark = pytest.mark.usefixtures("restore_period_rules")``."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    request.getfixturevalue("transactional_db" if transactional else "db")
    rules = importlib.import_module("cchc.scheduling.migrations.0002_default_period_rules")
    rules.create_rules(apps, None)


@pytest.fixture
def plan(db: None) -> Plan:
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(plan=plan, since=YEAR[0], until=YEAR[1], on=ON)
    return plan


@pytest.fixture
def obligation(plan: Plan) -> Obligation:
    """Row 2's lead report for the first quarter of 2024 (Sở Tư pháp; due 20/3/2024)."""
    return Obligation.objects.get(
        activity__plan=plan, activity__number="2", role="lead", period_label="Quý I/2024"
    )


@pytest.fixture
def focal(db: None) -> User:
    return User.objects.create_user("focal", "focal@example.org", PASSWORD)


@pytest.fixture
def secretariat(db: None) -> User:
    return User.objects.create_user("snv", "snv@example.org", PASSWORD)
