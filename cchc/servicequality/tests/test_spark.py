"""The same expressions on Spark local mode (Debian's OpenJDK 17, no package downloaded) give
the values DuckDB gives, on the same Parquet copy. One session for the whole module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cchc.servicequality import engines, formulas, parquet
from cchc.servicequality.tests.factories import table
from cchc.servicequality.tests.test_engines import BY, PERIODS, hand_made, key, reference

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = engines.spark_session("local[1]")
    yield session
    session.stop()


def test_spark_agrees_with_duckdb(spark: Any, tmp_path: Path) -> None:
    parquet.write_table(table(hand_made()), tmp_path)
    frame = engines.run_spark(spark, PERIODS, BY, root=tmp_path)
    assert key(formulas.rows(frame)) == reference()
    one = engines.run_spark(spark, PERIODS, (), root=tmp_path, agency="A", province="24")
    assert {r["period"]: r["total"] for r in formulas.rows(one)} == {
        "2026-M01": 3,
        "ND09-2026-Q1": 3,
    }
