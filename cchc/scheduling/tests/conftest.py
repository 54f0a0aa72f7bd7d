from __future__ import annotations

import importlib

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def _default_period_rules(request: pytest.FixtureRequest) -> None:
    """The default period rules come from a data migration; a transactional test (browser,
    concurrency) flushes every table when it ends, so tests that run after one would find
    none. Put them back (the migration's function is idempotent)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    transactional = marker.kwargs.get("transaction", False)
    request.getfixturevalue("transactional_db" if transactional else "db")
    migration = importlib.import_module("cchc.scheduling.migrations.0002_default_period_rules")
    migration.create_rules(apps, None)
    if not transactional:
        # The announced calendar (migration 0007) is flushed by transactional tests too.
        from cchc.scheduling.models import CalendarDay, CalendarScope

        if not CalendarDay.objects.filter(scope=CalendarScope.NATIONAL).exists():
            calendar = importlib.import_module(
                "cchc.scheduling.migrations.0007_load_announced_calendar"
            )
            calendar.load(apps, None)
