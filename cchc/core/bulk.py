"""Multi-row INSERTs of plain tuples, for writes of thousands of rows (a plan's import).

``bulk_create`` builds a model instance per row and prepares every value of it through its
field (most of the time of a 10,000-row import). Here the caller gives the values as tuples;
only the values of fields that need converting (dates, JSON, ...) go through their field.
The database still checks every constraint, as with ``bulk_create``; no signal is sent, as
with ``bulk_create``: the caller bumps the versions of what it wrote (``cchc.core.versions``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from django.db import connections, models, router
from django.utils import timezone

# Rows per INSERT at most; fewer when the database's parameter limit asks for it.
MAX_ROWS = 2000
# PostgreSQL's protocol limit on the parameters of one statement.
_POSTGRES_PARAMS = 65535
# Fields whose Python values the drivers take as they are (int, str, bool, None).
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    returning: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """Insert ``rows`` (values in the order of ``columns``, field attnames such as
    ``"activity_id"``) into ``model``'s table; fields not named take their default, and
    ``auto_now``/``auto_now_add`` fields one timestamp for all rows.

    Returns the ``returning`` columns of every inserted row (the database's values, e.g. the
    new ids), in no promised order: return a column that tells the rows apart too.
    """
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    given = [by_attname[name] for name in columns]
    now = timezone.now()
    extra: list[tuple[models.Field[Any, Any], Any]] = []
    for f in meta.concrete_fields:
        if f.attname in columns or f.primary_key:
            continue
        auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        extra.append((f, now if auto else f.get_default()))
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields = [*given, *(f for f, _value in extra)]
    fixed = [f.get_db_prep_save(value, connection) for f, value in extra]
    convert = [i for i, f in enumerate(given) if not _plain(f)]
    width = len(fields)
    qn = connection.ops.quote_name
    head = f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(str(f.column)) for f in fields)}) "
    one = "(" + ", ".join(["%s"] * width) + ")"
    native = not returning or connection.features.can_return_rows_from_bulk_insert
    tail = ""
    if returning and native:
        tail = f" RETURNING {', '.join(qn(str(by_attname[c].column)) for c in returning)}"
    # PostgreSQL: an array per column (UNNEST, as Django's bulk_create does there): a short
    # statement whatever the rows, not one placeholder per value for the driver to parse.
    arrays = _unnest_types(connection, fields) if native else None
    # Without RETURNING (SQLite before 3.35): a row per INSERT, its id from the cursor.
    per = 1
    if arrays:
        per = MAX_ROWS
    elif native:
        per = max(1, min(MAX_ROWS, _max_params(connection) // width))
    out: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            prepared: list[list[Any]] = []
            for row in chunk:
                values = list(row)
                for i in convert:
                    values[i] = given[i].get_db_prep_save(values[i], connection)
                prepared.append(values + fixed)
            if arrays:
                sql = f"{head}SELECT * FROM UNNEST({', '.join(arrays)}){tail}"
                params = [list(column) for column in zip(*prepared, strict=True)]
            else:
                sql = f"{head}VALUES {', '.join([one] * len(chunk))}{tail}"
                params = [value for values in prepared for value in values]
            cursor.execute(sql, params)
            if tail:
                out += [tuple(r) for r in cursor.fetchall()]
            elif returning:
                named = {
                    **dict(zip(columns, chunk[0], strict=True)),
                    meta.pk.attname: cursor.lastrowid,
                }
                out.append(tuple(named[c] for c in returning))
    return out


def _unnest_types(connection: Any, fields: Sequence[models.Field[Any, Any]]) -> list[str] | None:
    """The ``(%s)::type[]`` placeholders of an UNNEST insert on PostgreSQL, or None where
    Django's bulk_create would not use one either (another database, a field of its own)."""
    if connection.vendor != "postgresql":
        return None
    for f in fields:
        base = getattr(f, "target_field", f) if f.is_relation else f
        if hasattr(f, "get_placeholder") or base.get_internal_type() not in connection.data_types:
            return None
    return [f"(%s)::{str(f.db_type(connection)).split('(')[0]}[]" for f in fields]


def _plain(f: models.Field[Any, Any]) -> bool:
    """Whether a field's Python values go to the driver as they are."""
    if f.is_relation:
        target = getattr(f, "target_field", None)
        return target is not None and isinstance(target, _PLAIN)
    return isinstance(f, _PLAIN)


def _max_params(connection: Any) -> int:
    """The parameters one statement may carry on this database."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return int(connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    if connection.vendor == "postgresql":
        return _POSTGRES_PARAMS
    return int(connection.features.max_query_params or 999)
