"""The database connection's settings that the application chooses itself."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_connections_run_without_jit() -> None:
    """JIT compiled each request's progress query anew and cost more than it saved
    (docs/deployment.md); on SQLite there is nothing to turn off."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
