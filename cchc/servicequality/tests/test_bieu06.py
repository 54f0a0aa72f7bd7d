"""Biểu 06 identities hold for any dossiers and any periods (hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ibis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.servicequality import formulas
from cchc.servicequality.tests.factories import dossier, table

BASE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
CON = ibis.duckdb.connect()


def moment(hours: int) -> dt.datetime:
    return BASE + dt.timedelta(hours=hours)


@st.composite
def dossiers(draw: Any) -> dict[str, Any]:
    received = draw(st.integers(0, 24 * 120))
    due = draw(st.one_of(st.none(), st.integers(-48, 24 * 30)))
    statutory = draw(st.one_of(st.none(), st.integers(24, 24 * 20)))
    finished = draw(st.one_of(st.none(), st.integers(-24, 24 * 60)))
    return dossier(
        received_at=moment(received),
        due_at=None if due is None else moment(received + due),
        statutory_due_at=None
        if due is not None or statutory is None
        else moment(received + statutory),
        finished_at=None if finished is None else moment(received + finished),
        channel=draw(st.sampled_from([1, 2, 3, None])),
        supplement_requests=draw(st.integers(0, 3)),
        supplement_days=draw(st.sampled_from([0.0, 0.5, 2.0, 10.0])),
        procedure_code=draw(st.sampled_from(["P1", "P2"])),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(dossiers(), min_size=1, max_size=25),
    start=st.integers(0, 24 * 90),
    length=st.integers(1, 24 * 60),
)
def test_bieu06_identities(rows: list[dict[str, Any]], start: int, length: int) -> None:
    period = ("p", formulas.epoch(moment(start)), formulas.epoch(moment(start + length)))
    expr = formulas.aggregate(ibis.memtable(table(rows)), formulas.periods_table([period]), ())
    for r in formulas.rows(CON.execute(expr)):
        assert r["total"] == r["received_online"] + r["received_in_person"] + r["carried_over"]
        assert r["resolved"] == r["resolved_early"] + r["resolved_on_time"] + r["resolved_late"]
        assert r["pending"] == r["pending_in_time"] + r["pending_overdue"]
        assert r["total"] == r["resolved"] + r["pending"]
        assert 0 <= r["n_2_1"] <= r["d_2_1"] <= r["total"]
        for f in formulas.INDICATORS:
            if f.percent:
                assert 0 <= r[f.numerator] <= r[f.denominator]
