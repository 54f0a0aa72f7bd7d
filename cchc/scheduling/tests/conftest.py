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
