"""Database rules that SQLite keeps outside the migration history.

The secretariat rule (migration ``0006_secretariat_only_in_home_affairs``) is a trigger on
``accounts_membership`` that reads ``agencies_agency``. SQLite re-checks every trigger when a
table is renamed, and Django rebuilds a table to alter it on SQLite (create ``new__…``, copy,
drop, rename): with the trigger present, any later migration that alters the agency table fails
with "error in trigger … no such table". So on SQLite the triggers are dropped before
``migrate`` runs and created again when it has finished; PostgreSQL keeps its trigger from the
migration and needs none of this.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.db import connections

_RULE = importlib.import_module("cchc.accounts.migrations.0006_secretariat_only_in_home_affairs")


def _applied(using: str) -> bool:
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return False
    return recorder.migration_qs.filter(
        app="accounts", name="0006_secretariat_only_in_home_affairs"
    ).exists()


def drop_sqlite_triggers(*, using: str = "default", **_kwargs: Any) -> None:
    """Before ``migrate``: no trigger that a table rebuild would trip over."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for statement in _RULE.SQLITE_REVERSE:
            cursor.execute(statement)


def create_sqlite_triggers(*, using: str = "default", **_kwargs: Any) -> None:
    """After ``migrate``: the triggers again, once the rule's migration is applied."""
    connection = connections[using]
    if connection.vendor != "sqlite" or not _applied(using):
        return
    with connection.cursor() as cursor:
        for statement in _RULE.SQLITE:
            cursor.execute(statement)
