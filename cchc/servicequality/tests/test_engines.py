"""The same expressions give identical values on the Django database (SQLite here, PostgreSQL
with DATABASE_URL), DuckDB over the Parquet copy, and DuckDB over an in-memory table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ibis
import pytest

from cchc.servicequality import engines, formulas, parquet
from cchc.servicequality.tests.factories import at, dossier, store, table

PERIODS = [
    engines.period_row("2026-M01", dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
    engines.period_row("2026-M02", dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
    engines.period_row("ND09-2026-Q1", dt.date(2025, 12, 15), dt.date(2026, 3, 14)),
]
BY = ("agency_code", "level")


def hand_made() -> list[dict[str, Any]]:
    return [
        # A fraction of a second: every engine drops it the same way.
        dossier(
            agency_code="A",
            finished_at=at("2026-01-08") + dt.timedelta(microseconds=600_000),
            e_result=True,
            digitised=True,
            paper_result=True,  # online, paper required, e-result issued: online for 3.3
        ),
        dossier(
            agency_code="A",
            channel=1,
            supplement_requests=2,
            finished_at=at("2026-01-09"),
            paper_result=True,  # in 4.1's denominator, without an e-result
        ),
        dossier(
            agency_code="A",
            supplement_requests=1,
            supplement_days=3,
            finished_at=at("2026-01-15", 9),
            fee=30000,
            paid_online=True,
            feedback="satisfied",
        ),
        # No promised date: the statutory due date stored at ingest (10 working days).
        dossier(
            agency_code="B",
            level="commune",
            received_at=at("2026-01-20"),
            due_at=None,
            statutory_due_at=at("2026-02-03"),
        ),
        dossier(
            agency_code="B",
            level="commune",
            channel=3,
            received_at=at("2025-12-20"),
            due_at=at("2026-01-03", 17),
            finished_at=at("2026-02-02"),
            fee=10000,
            feedback="unsatisfied",
            reused_data=True,
        ),
        dossier(
            agency_code="B",
            level="commune",
            received_at=at("2026-02-12"),
            due_at=at("2026-03-06", 17),
            finished_at=at("2026-03-04"),
            # Online, paper required, no e-result: not online for 3.3.
            paper_result=True,
        ),
    ]


def key(rows: list[dict[str, Any]]) -> dict[tuple[Any, ...], dict[str, Any]]:
    return {(r["period"], *(r[k] for k in BY)): r for r in rows}


def reference() -> dict[tuple[Any, ...], dict[str, Any]]:
    con = ibis.duckdb.connect()
    expr = formulas.aggregate(
        ibis.memtable(table(hand_made())), formulas.periods_table(PERIODS), BY
    )
    return key(formulas.rows(con.execute(expr)))


@pytest.mark.django_db
def test_django_database_and_parquet_agree(tmp_path: Path) -> None:
    want = reference()
    assert want[("2026-M01", "A", "province")]["n_2_1"] == 2
    store(hand_made())
    assert key(formulas.rows(engines.run_django(PERIODS, BY))) == want
    parquet.write_months(
        months=[dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1)], root=tmp_path
    )
    assert sorted(p.parent.name for p in tmp_path.glob("province=24/*/part.parquet")) == [
        "month=2025-12",
        "month=2026-01",
        "month=2026-02",
    ]
    assert key(formulas.rows(engines.run_duckdb(PERIODS, BY, root=tmp_path))) == want
    assert key(formulas.rows(engines.run_duckdb(PERIODS, BY, root=tmp_path, province="24"))) == want


def test_parquet_copy_written_from_arrow(tmp_path: Path) -> None:
    parquet.write_table(table(hand_made()), tmp_path)
    got = key(formulas.rows(engines.run_duckdb(PERIODS, BY, root=tmp_path)))
    assert got == reference()


def test_duckdb_never_loads_extensions() -> None:
    con = engines.duckdb_connect()
    settings = dict(
        con.raw_sql(
            "SELECT name, value FROM duckdb_settings() WHERE name LIKE 'auto%_known_extensions'"
        ).fetchall()
    )
    assert settings == {
        "autoinstall_known_extensions": "false",
        "autoload_known_extensions": "false",
    }
