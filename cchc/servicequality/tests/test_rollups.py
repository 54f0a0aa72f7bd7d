"""Rollups refreshed by the action, the after-ingest hook and the command; the computed
measurements of the catalogue; ``cchc dossiers indicators --json``."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from cchc.core.models import Task
from cchc.dossiers import signals
from cchc.dossiers.models import Dossier
from cchc.indicators.models import Measurement, MeasurementSource
from cchc.servicequality import actions, engines, hooks, selectors
from cchc.servicequality.models import RefreshRun, Rollup
from cchc.servicequality.tests.factories import store
from cchc.servicequality.tests.test_engines import hand_made

pytestmark = pytest.mark.django_db

JAN = dt.date(2026, 1, 1)


@pytest.fixture
def stored(settings: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_DOSSIER_PARQUET", str(tmp_path / "pq"))
    store(hand_made())


def test_refresh_writes_the_periods_of_a_month(stored: None) -> None:
    run = actions.refresh_rollups(months=[JAN], trigger="test")
    periods = set(Rollup.objects.values_list("period", flat=True))
    assert {"2026-M01", "2026-Q1", "2026-Y", "ND09-2026-M01", "ND09-2026-M02"} <= periods
    assert "2026-M02" not in periods
    assert run.rows == Rollup.objects.count()
    row = Rollup.objects.get(period="2026-M01", agency_code="A", measure="766.2.1")
    assert (row.numerator, row.denominator) == (2, 3)
    # Refreshing again replaces, never adds.
    actions.refresh_rollups(months=[JAN], trigger="test")
    assert Rollup.objects.count() == run.rows
    assert RefreshRun.objects.count() == 2


def test_scorecards_rank_the_agencies_and_add_up(stored: None) -> None:
    actions.refresh_rollups(months=[JAN], trigger="test")
    span, cards = selectors.scorecards("2026-M01")
    assert span.key == "2026-M01"
    province, a, b = cards
    assert (province.agency, a.agency, b.agency) == ("", "A", "B")
    assert province.bieu06["total"] == a.bieu06["total"] + b.bieu06["total"] == 5
    online = {f["code"]: f for f in province.figures}["766.3.3"]
    # 5 in scope in January, 4 received in January, 3 of them online.
    assert (online["numerator"], online["denominator"], online["rate"]) == (3, 4, 75.0)
    # 75 % ≥ the 50 % threshold: the full 4.4 points.
    assert online["points"] == 4.4
    assert province.score is not None and province.score > 0
    pay = {f["code"]: f for f in b.figures}["766.3.6"]
    assert pay["rate"] is None and pay["points"] is None  # no fee in B's January


def test_the_ingest_hook_refreshes_and_records_measurements(
    stored: None, django_capture_on_commit_callbacks: Any
) -> None:
    ids = list(Dossier.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        signals.after_ingest(ids, frozenset({signals.Month("24", JAN)}))
    assert Rollup.objects.filter(period="2026-M01").exists()
    values = Measurement.objects.filter(
        source=MeasurementSource.COMPUTED, period_label="Tháng 1/2026", indicator__code="766.3.3"
    )
    assert [m.value for m in values] == [75.0]
    linked = Measurement.objects.get(
        source=MeasurementSource.COMPUTED,
        period_label="Tháng 1/2026",
        indicator__code="tthc.dossiers_online",
    )
    assert linked.value == 75.0 and "766.3.3" in linked.note
    # The Parquet copy of the month was written too (by the background queue).
    assert (engines.parquet_dir() / "province=24" / "month=2026-01" / "part.parquet").exists()
    # A second batch (the same dossiers, unchanged) replaces the computed values.
    before = {d.pk: signals.snapshot(d) for d in Dossier.objects.all()}
    signals.after_ingest(ids, frozenset({signals.Month("24", JAN)}), before)
    assert values.count() == 1


def test_parquet_rewrites_waiting_in_the_queue_are_coalesced(stored: None) -> None:
    # No worker has run (the test's transaction never commits): the second and third batches
    # add their months to the rewrite already waiting instead of queueing their own.
    signals.after_ingest([1], frozenset({signals.Month("24", JAN)}))
    signals.after_ingest([1], frozenset({signals.Month("24", dt.date(2026, 3, 1))}))
    signals.after_ingest([1], frozenset({signals.Month("24", JAN)}))
    (task,) = Task.objects.filter(name="cchc.servicequality.hooks.rewrite_parquet")
    assert task.kwargs == {"province_code": "24", "months": ["2026-01", "2026-03"]}
    hooks.rewrite_parquet(**task.kwargs)
    assert (engines.parquet_dir() / "province=24" / "month=2026-01" / "part.parquet").exists()


def test_indicators_command_prints_the_json_shape(stored: None) -> None:
    out = StringIO()
    call_command(
        "dossier_indicators", "--from", "2026-01-01", "--to", "2026-01-31", "--json", stdout=out
    )
    data = json.loads(out.getvalue())
    assert set(data) == {"from", "to", "indicators", "bieu06"}
    assert (data["from"], data["to"]) == ("2026-01-01", "2026-01-31")
    first = data["indicators"][0]
    assert set(first) == {"code", "agency", "numerator", "denominator", "rate", "points"}
    province = {i["code"]: i for i in data["indicators"] if i["agency"] is None}
    assert province["766.3.3"]["rate"] == 75.0
    assert province["766.3.6"]["denominator"] == 1
    assert data["bieu06"]["total"] == 5
    out = StringIO()
    call_command(
        "dossier_indicators",
        "--from",
        "01/01/2026",
        "--to",
        "31/01/2026",
        "--agency",
        "B",
        "--json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert {i["agency"] for i in data["indicators"]} == {"B"}
    assert data["bieu06"]["total"] == 2


def test_refresh_command(stored: None) -> None:
    out = StringIO()
    call_command("servicequality", "refresh", "--from", "2026-01", "--to", "2026-02", stdout=out)
    assert "2" in out.getvalue()
    assert Rollup.objects.filter(period="2026-M02").exists()
