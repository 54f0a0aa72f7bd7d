"""Fast writes of dossier rows: one ``executemany`` per chunk with values adapted once per
column, instead of the ORM's per-value preparation (which took most of an ingest's time).
Used by ``ingest`` only; the columns are the model's, read from its fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection

from cchc.dossiers.models import Dossier

INSERT_FIELDS = (
    "province_code",
    "code",
    "procedure_code",
    "field",
    "agency_id",
    "agency_code",
    "level",
    "channel",
    "online_level",
    "received_at",
    "due_at",
    "statutory_due_at",
    "paper_result",
    "finished_at",
    "status",
    "supplement_requests",
    "supplement_days",
    "e_result",
    "digitised",
    "reused_data",
    "paid_online",
    "fee",
    "feedback",
    "synthetic",
    "created_at",
    "updated_at",
)
_DATETIMES = frozenset(
    {"received_at", "due_at", "statutory_due_at", "finished_at", "created_at", "updated_at"}
)


def _identity(value: Any) -> Any:
    return value


def _sqlite_datetime(value: dt.datetime | None) -> str | None:
    """As Django's SQLite backend stores an aware time: naive UTC, ``YYYY-MM-DD HH:MM:SS``."""
    if value is None:
        return None
    return str(value.astimezone(dt.UTC).replace(tzinfo=None))


def _adapters(fields: Sequence[str]) -> list[Callable[[Any], Any]]:
    adapt_datetime: Callable[[Any], Any] = (
        _sqlite_datetime
        if connection.vendor == "sqlite"
        else connection.ops.adapt_datetimefield_value
    )
    return [adapt_datetime if name in _DATETIMES else _identity for name in fields]


def _column(name: str) -> str:
    field = Dossier._meta.get_field(name)
    column = getattr(field, "column", None)
    assert isinstance(column, str), name
    return connection.ops.quote_name(column)


def insert(rows: Sequence[dict[str, Any]]) -> None:
    """Insert new dossiers (dicts holding every ``INSERT_FIELDS`` key)."""
    if not rows:
        return
    adapters = _adapters(INSERT_FIELDS)
    table = connection.ops.quote_name(Dossier._meta.db_table)
    columns = ", ".join(_column(name) for name in INSERT_FIELDS)
    marks = ", ".join(["%s"] * len(INSERT_FIELDS))
    params = [
        [adapt(row[name]) for adapt, name in zip(adapters, INSERT_FIELDS, strict=True)]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", params)


def update(dossiers: Sequence[Dossier], fields: Sequence[str]) -> None:
    """Write ``fields`` of these dossiers, one ``UPDATE … WHERE id`` each, in one call."""
    if not dossiers:
        return
    adapters = _adapters(fields)
    table = connection.ops.quote_name(Dossier._meta.db_table)
    sets = ", ".join(f"{_column(name)} = %s" for name in fields)
    params = [
        [*(adapt(getattr(d, name)) for adapt, name in zip(adapters, fields, strict=True)), d.pk]
        for d in dossiers
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", params)
