"""The columnar copy of the dossiers: Parquet partitioned by province and local month of receipt,
``<CCHC_DOSSIER_PARQUET>/province=<code>/month=<YYYY-MM>/part.parquet``. A month's file is
rewritten whole (written aside, then renamed) whenever an ingest touches that month."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.db import connection
from django.utils import timezone

from cchc.servicequality import engines

ARROW = pa.schema(
    [
        ("province_code", pa.string()),
        ("code", pa.string()),
        ("agency_code", pa.string()),
        ("level", pa.string()),
        ("procedure_code", pa.string()),
        ("field", pa.string()),
        ("channel", pa.int32()),
        # UTC values without a zone: an engine never converts them (DuckDB's cast of a zoned
        # timestamp would go through the session's zone, and cost a lookup per row).
        ("received_at", pa.timestamp("us")),
        ("due_at", pa.timestamp("us")),
        ("statutory_due_at", pa.timestamp("us")),
        ("paper_result", pa.bool_()),
        ("finished_at", pa.timestamp("us")),
        ("supplement_requests", pa.int32()),
        ("supplement_days", pa.float64()),
        ("e_result", pa.bool_()),
        ("digitised", pa.bool_()),
        ("reused_data", pa.bool_()),
        ("paid_online", pa.bool_()),
        ("fee", pa.float64()),
        ("feedback", pa.string()),
    ]
)
COLUMNS = [f.name for f in ARROW]


def month_key(moment: dt.datetime) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


def write_partition(table: pa.Table, province: str, month: str, root: Path | None = None) -> Path:
    """Replace one province-month file atomically (an empty table removes it)."""
    folder = (root or engines.parquet_dir()) / f"province={province}" / f"month={month}"
    target = folder / "part.parquet"
    if table.num_rows == 0:
        target.unlink(missing_ok=True)
        return target
    folder.mkdir(parents=True, exist_ok=True)
    scratch = folder / f".part-{uuid.uuid4().hex}.tmp"
    pq.write_table(table, scratch, compression="zstd")
    os.replace(scratch, target)
    return target


def write_table(table: pa.Table, root: Path | None = None) -> list[Path]:
    """Write dossiers (``ARROW`` columns) into their province-month partitions, replacing them."""
    import pyarrow.compute as pc
    from django.conf import settings

    table = table.select(COLUMNS)
    received = table["received_at"]
    if received.type.tz is None:
        received = pc.assume_timezone(received, "UTC")
    local = received.cast(pa.timestamp("us", tz=settings.TIME_ZONE))
    table = table.cast(ARROW)
    months = pc.strftime(local, format="%Y-%m")
    table = table.append_column("_month", months)
    written: list[Path] = []
    keys = table.select(["province_code", "_month"]).group_by(["province_code", "_month"])
    for row in keys.aggregate([]).to_pylist():
        mask = pc.and_(
            pc.equal(table["province_code"], row["province_code"]),
            pc.equal(table["_month"], row["_month"]),
        )
        part = table.filter(mask).drop_columns(["_month"])
        written.append(write_partition(part, row["province_code"], row["_month"], root))
    return written


def _select_sql() -> str:
    return f"SELECT {', '.join(COLUMNS)} FROM {engines.DOSSIER_TABLE}"


def write_months(
    *, months: Iterable[dt.date], province_code: str | None = None, root: Path | None = None
) -> list[Path]:
    """Rewrite the partitions of ``months`` (of reception) from the Django database."""
    written: list[Path] = []
    for month in sorted({m.replace(day=1) for m in months}):
        nxt = (month + dt.timedelta(days=32)).replace(day=1)
        sql = _select_sql() + " WHERE received_at >= %s AND received_at < %s"
        tz = timezone.get_default_timezone()
        params: list[Any] = [
            dt.datetime.combine(month, dt.time(), tzinfo=tz),
            dt.datetime.combine(nxt, dt.time(), tzinfo=tz),
        ]
        if province_code:
            sql += " AND province_code = %s"
            params.append(province_code)
        with connection.cursor() as cur:
            cur.execute(sql, params)
            data = cur.fetchall()
        table = _to_arrow(data)
        provinces = {r[0] for r in data} | ({province_code} if province_code else set())
        for province in sorted(p for p in provinces if p):
            import pyarrow.compute as pc

            part = table.filter(pc.equal(table["province_code"], province))
            written.append(write_partition(part, province, month.strftime("%Y-%m"), root))
    return written


def arrow_rows(rows: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Dossier rows given as dicts (Django ``values()``, ingest snapshots) as an ``ARROW`` table;
    columns a row lacks are empty."""
    return _to_arrow([tuple(row.get(name) for name in COLUMNS) for row in rows])


def _to_arrow(data: list[tuple[Any, ...]]) -> pa.Table:
    columns = list(zip(*data, strict=True)) if data else [() for _ in COLUMNS]
    arrays: list[pa.Array] = []
    for field, values in zip(ARROW, columns, strict=True):
        if pa.types.is_timestamp(field.type):
            values = tuple(_aware(v) for v in values)
        if pa.types.is_boolean(field.type):
            values = tuple(None if v is None else bool(v) for v in values)
        if pa.types.is_floating(field.type):
            values = tuple(None if v is None else float(v) for v in values)
        arrays.append(pa.array(list(values), field.type))
    return pa.Table.from_arrays(arrays, schema=ARROW)


def _aware(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value  # type: ignore[no-any-return]
