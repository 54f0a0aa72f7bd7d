"""Where the formulas run: the Django database, DuckDB over Parquet, or Spark.

Each engine takes the same Ibis expression (``formulas.aggregate``) and returns a pandas frame.
Nothing is downloaded at run time: DuckDB's extension autoinstall/autoload are off (Parquet is
built in), Spark gets no packages.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
from django.conf import settings
from django.db import connection

from cchc.servicequality import formulas

DOSSIER_TABLE = "dossiers_dossier"
PERIODS_TABLE = "sq_periods"

SCHEMA: dict[str, str] = {
    "province_code": "string",
    "code": "string",
    "agency_code": "string",
    "level": "string",
    "procedure_code": "string",
    "field": "string",
    "channel": "int32",
    "received_at": "timestamp",
    "due_at": "timestamp",
    "statutory_due_at": "timestamp",
    "paper_result": "boolean",
    "finished_at": "timestamp",
    "supplement_requests": "int32",
    "supplement_days": "float64",
    "e_result": "boolean",
    "digitised": "boolean",
    "reused_data": "boolean",
    "paid_online": "boolean",
    "fee": "float64",
    "feedback": "string",
}
PERIOD_SCHEMA = {"period": "string", "start_s": "int64", "end_s": "int64"}

Periods = Sequence[tuple[str, int, int]]


def parquet_dir() -> Path:
    """``CCHC_DOSSIER_PARQUET`` (default ``<CCHC_DATA_DIR>/dossiers-parquet``)."""
    value = os.environ.get("CCHC_DOSSIER_PARQUET", "")
    return Path(value) if value else Path(settings.DATA_DIR) / "dossiers-parquet"


def spark_master() -> str:
    return os.environ.get("CCHC_SPARK_MASTER", "local[1]")


def _filtered(t: ir.Table, province: str | None, agency: str | None) -> ir.Table:
    if province:
        t = t.filter(t.province_code == province)
    if agency:
        t = t.filter(t.agency_code == agency)
    return t


# --- the Django database (SQLite, PostgreSQL) -------------------------------------------------


def run_django(
    periods: Periods,
    by: Sequence[str] = (),
    *,
    province: str | None = None,
    agency: str | None = None,
) -> Any:
    """Compile the expression for this database and run it on Django's own connection (so it
    sees the same transaction, in-memory test databases included)."""
    import pandas as pd

    dialect = "postgres" if connection.vendor == "postgresql" else "sqlite"
    if connection.vendor not in {"postgresql", "sqlite"}:
        raise RuntimeError(f"No Ibis dialect for the {connection.vendor} database.")
    t = _filtered(ibis.table(SCHEMA, name=DOSSIER_TABLE), province, agency)
    p = ibis.table(PERIOD_SCHEMA, name=PERIODS_TABLE)
    sql = ibis.to_sql(formulas.aggregate(t, p, by), dialect=dialect)
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {PERIODS_TABLE}")
        cur.execute(
            f"CREATE TEMPORARY TABLE {PERIODS_TABLE} "
            "(period VARCHAR(40), start_s BIGINT, end_s BIGINT)"
        )
        if periods:
            cur.executemany(
                f"INSERT INTO {PERIODS_TABLE} (period, start_s, end_s) VALUES (%s, %s, %s)",
                [tuple(p) for p in periods],
            )
        cur.execute(sql)
        names = [c[0] for c in cur.description]
        data = cur.fetchall()
        cur.execute(f"DROP TABLE {PERIODS_TABLE}")
    return pd.DataFrame(data, columns=names)


# --- DuckDB over the Parquet copy --------------------------------------------------------------


def duckdb_connect() -> Any:
    """A DuckDB connection that never fetches an extension."""
    return ibis.duckdb.connect(autoinstall_known_extensions=False, autoload_known_extensions=False)


def parquet_glob(root: Path | None = None, province: str | None = None) -> str:
    root = root or parquet_dir()
    return str(root / (f"province={province}" if province else "province=*") / "*" / "*.parquet")


def parquet_table(con: Any, root: Path | None = None, province: str | None = None) -> ir.Table:
    return con.read_parquet(
        parquet_glob(root, province), hive_partitioning=True, hive_types_autocast=False
    )


def run_duckdb(
    periods: Periods,
    by: Sequence[str] = (),
    *,
    root: Path | None = None,
    province: str | None = None,
    agency: str | None = None,
    con: Any = None,
) -> Any:
    con = con or duckdb_connect()
    t = _filtered(parquet_table(con, root, province), None, agency)
    expr = formulas.aggregate(t, formulas.periods_table(periods), by)
    return con.execute(expr)


# --- DuckDB over a few rows in memory (the incremental refresh) -------------------------------

MEMORY_ROWS = "sq_rows"
_memory = threading.local()


def _memory_sql(by: tuple[str, ...]) -> tuple[Any, str]:
    """This thread's DuckDB connection and the aggregate's SQL over the tables
    ``sq_rows`` and ``sq_periods`` registered on it: compiled once per grouping, so a small
    batch costs its rows, not the compilation."""
    cached = getattr(_memory, "state", None)
    if cached is None:
        import duckdb

        cached = _memory.state = (
            duckdb.connect(
                config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
            ),
            {},
        )
    con: Any = cached[0]
    compiled: dict[tuple[str, ...], str] = cached[1]
    if by not in compiled:
        t = ibis.table(SCHEMA, name=MEMORY_ROWS)
        p = ibis.table(PERIOD_SCHEMA, name=PERIODS_TABLE)
        compiled[by] = ibis.to_sql(formulas.aggregate(t, p, by), dialect="duckdb")
    return con, compiled[by]


def run_memory(rows: Sequence[Mapping[str, Any]], periods: Periods, by: Sequence[str] = ()) -> Any:
    """The aggregate of a few dossier rows (dicts of the dossier columns) on an in-memory
    DuckDB: the changed dossiers of an ingest batch, before or after the change."""
    import pyarrow as pa

    from cchc.servicequality import parquet

    con, sql = _memory_sql(tuple(by))
    table = parquet.arrow_rows(rows)
    table = table.set_column(
        table.schema.get_field_index("code"), "code", pa.array([""] * table.num_rows, pa.string())
    )
    period_table = pa.table(
        {
            "period": pa.array([p[0] for p in periods], pa.string()),
            "start_s": pa.array([p[1] for p in periods], pa.int64()),
            "end_s": pa.array([p[2] for p in periods], pa.int64()),
        }
    )
    con.register(MEMORY_ROWS, table)
    con.register(PERIODS_TABLE, period_table)
    try:
        return con.execute(sql).df()
    finally:
        con.unregister(MEMORY_ROWS)
        con.unregister(PERIODS_TABLE)


# --- Spark ------------------------------------------------------------------------------------


def spark_session(master: str | None = None) -> Any:
    """A Spark session (local mode by default), without downloading any package."""
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(master or spark_master())
        .appName("cchc-servicequality")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.jars.packages", "")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .getOrCreate()
    )


def run_spark(
    session: Any,
    periods: Periods,
    by: Sequence[str] = (),
    *,
    root: Path | None = None,
    province: str | None = None,
    agency: str | None = None,
) -> Any:
    con = ibis.pyspark.connect(session)
    frame = session.read.option("basePath", str(root or parquet_dir())).parquet(
        parquet_glob(root, province)
    )
    frame.createOrReplaceTempView("sq_dossiers")
    pframe = session.createDataFrame(
        [tuple(p) for p in periods], "period string, start_s long, end_s long"
    )
    pframe.createOrReplaceTempView(PERIODS_TABLE)
    t = _filtered(con.table("sq_dossiers"), None, agency)
    expr = formulas.aggregate(t, con.table(PERIODS_TABLE), by)
    return con.execute(expr)


# --- periods ----------------------------------------------------------------------------------


def local_epoch(day: dt.date) -> int:
    """Epoch seconds of local midnight (``TIME_ZONE``) starting ``day``."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(settings.TIME_ZONE)
    return formulas.epoch(dt.datetime.combine(day, dt.time(), tzinfo=tz))


def period_row(key: str, start: dt.date, end: dt.date) -> tuple[str, int, int]:
    """A period from its first to its last day (inclusive), as epoch bounds."""
    return (key, local_epoch(start), local_epoch(end + dt.timedelta(days=1)))
