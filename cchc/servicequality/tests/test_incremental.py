"""The incremental refresh after each ingest batch gives exactly the rollups of a full refresh:
random batches (new dossiers, dossiers finished, moved to another agency, level or month,
supplement requests, feedback) ingested through the CSV ingest one after another, then every
rollup row compared with a full recomputation of the same periods."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import pytest

from cchc.core.models import Task
from cchc.core.tasks import run_one, task_name
from cchc.dossiers.actions import ingest_file
from cchc.dossiers.parsing import COLUMNS
from cchc.dossiers.tests.conftest import row
from cchc.servicequality import actions, hooks
from cchc.servicequality.models import RefreshMode, RefreshRun, Rollup, RollupPeriod
from cchc.servicequality.periods import parse

pytestmark = pytest.mark.django_db

AGENCIES = ("t.a", "t.b", "x.c")


def random_row(rng: random.Random, code: str) -> dict[str, str]:
    received = dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC) + dt.timedelta(
        days=rng.randrange(0, 150), hours=rng.randrange(0, 9)
    )
    due = received + dt.timedelta(days=rng.randrange(2, 20))
    took = dt.timedelta(days=rng.randrange(0, 30), hours=rng.randrange(0, 8))
    # Fractions of a second (SQLite would round .9996 up, DuckDB floor it): dropped at ingest.
    finished = "" if rng.random() < 0.3 else f"{received + took:%Y-%m-%dT%H:%M}:07.9996"
    supplements = rng.choice((0, 0, 0, 1, 2))
    return row(
        MaHoSo=code,
        MaTTHC=rng.choice(("P1", "P2")),
        MaCoQuan=rng.choice(AGENCIES),
        CapThucHien=rng.choice(("tinh", "xa")),
        KenhThucHien=rng.choice((1, 2, 2, 3)),
        NgayTiepNhan=f"{received:%Y-%m-%dT%H:%M}",
        NgayHenTra="" if rng.random() < 0.1 else f"{due:%Y-%m-%dT17:00}",
        NgayKetThucXuLy=finished,
        SoLanYeuCauBoSung=supplements,
        SoNgayBoSung=rng.randrange(0, 4) if supplements else 0,
        CoKetQuaDienTu=rng.choice((0, 1)),
        DuocSoHoa=rng.choice((0, 1)),
        TaiSuDungDuLieu=rng.choice((0, 1)),
        PhiLePhi=rng.choice(("0", "50.000")),
        ThanhToanTrucTuyen=rng.choice((0, 1)),
        DanhGia=rng.choice(("", "hai_long", "khong_hai_long")),
    )


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def stored() -> dict[tuple[str, ...], tuple[int, int]]:
    return {
        (r.province_code, r.agency_code, r.level, r.period, r.measure): (
            r.numerator,
            r.denominator,
        )
        for r in Rollup.objects.all()
    }


def full(periods: list[str]) -> dict[tuple[str, ...], tuple[int, int]]:
    """A full recomputation of ``periods`` (not stored), as rollup keys."""
    spans = [parse(key) for key in periods]
    data = actions.compute(spans, ("province_code", "agency_code", "level"), engine="django")
    objs = actions._rollups(data, {s.key: s for s in spans}, dt.datetime.now(dt.UTC))
    return {
        (r.province_code, r.agency_code, r.level, r.period, r.measure): (
            r.numerator,
            r.denominator,
        )
        for r in objs
    }


@pytest.mark.parametrize("seed", [1, 2])
def test_random_batches_ingested_incrementally_equal_a_full_refresh(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_DOSSIER_PARQUET", str(tmp_path / "pq"))
    rng = random.Random(seed)
    current: dict[str, dict[str, str]] = {}
    updated = 0
    for n in range(6):
        batch: dict[str, dict[str, str]] = {}
        for i in range(rng.randrange(4, 12)):  # new dossiers
            code = f"HS-{n}-{i}"
            batch[code] = random_row(rng, code)
        for code in rng.sample(sorted(current), min(len(current), 8)):  # changed dossiers
            changed = dict(current[code])
            fresh = random_row(rng, code)
            for column in rng.sample(sorted(fresh), 4):
                changed[column] = fresh[column]
            if not changed["NgayKetThucXuLy"] or rng.random() < 0.5:
                changed["NgayKetThucXuLy"] = ""  # stays (or becomes) open
            batch[code] = changed
        result = ingest_file(path=write(tmp_path / f"b{n}.csv", list(batch.values())), mode="skip")
        for error in result.errors:  # a change that ends before reception is refused: fine
            assert "NgayKetThucXuLy" in error.column or "NgayTiepNhan" in error.column
        updated += result.updated
        refused = {e.line for e in result.errors}
        current.update(
            {code: r for line, (code, r) in enumerate(batch.items(), 2) if line not in refused}
        )
    periods = sorted(RollupPeriod.objects.values_list("period", flat=True))
    assert {"2026-M01", "2026-M05", "2026-Q2", "2026-Y", "ND09-2026-H1"} <= set(periods)
    incremental = stored()
    assert incremental  # something was counted
    assert incremental == full(periods)
    assert RefreshRun.objects.filter(mode=RefreshMode.INCREMENTAL).count() == 6
    assert updated > 10  # changes, not only new dossiers, were refreshed


def test_an_incremental_run_records_what_it_refreshed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_DOSSIER_PARQUET", str(tmp_path / "pq"))
    first = row(MaHoSo="A", MaCoQuan="t.a", NgayTiepNhan="2026-02-02T08:00")
    ingest_file(path=write(tmp_path / "a.csv", [first]))
    run = RefreshRun.objects.get()
    assert run.mode == RefreshMode.INCREMENTAL and run.dossiers == 1
    # Nothing complete yet: the periods of February were computed whole.
    assert "2026-M02" in run.periods and "2026-02" in run.months
    assert RollupPeriod.objects.filter(period="2026-M02").exists()
    # Moved to March: February loses it, March gains it; no period computed whole again.
    moved = {
        **first,
        "NgayTiepNhan": "2026-03-02T08:00",
        "NgayHenTra": "2026-03-09T17:00",
        "NgayKetThucXuLy": "2026-03-05T10:00",
    }
    ingest_file(path=write(tmp_path / "b.csv", [moved]))
    second = RefreshRun.objects.order_by("-pk").first()
    assert second is not None and second.months == [] and second.dossiers == 1
    assert {"2026-M02", "2026-M03"} <= set(second.periods)
    received = Rollup.objects.filter(measure="bieu06.total", agency_code="t.a")
    assert set(received.values_list("period", flat=True)) >= {"2026-M03", "2026-Q1", "2026-Y"}
    assert not received.filter(period="2026-M02").exists()
    assert Rollup.objects.get(measure="766.3.3", period="2026-Q1").denominator == 1


def test_a_period_not_complete_is_computed_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_DOSSIER_PARQUET", str(tmp_path / "pq"))
    ingest_file(path=write(tmp_path / "a.csv", [row(MaHoSo="A"), row(MaHoSo="B")]))
    RollupPeriod.objects.filter(period="2026-M03").delete()
    Rollup.objects.filter(period="2026-M03").delete()  # as if never computed
    ingest_file(path=write(tmp_path / "b.csv", [row(MaHoSo="C")]))
    assert Rollup.objects.get(period="2026-M03", measure="bieu06.total").numerator == 3
    assert Rollup.objects.get(period="2026-Q1", measure="bieu06.total").numerator == 3


def test_a_failed_incremental_refresh_is_recomputed_by_the_queue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch is stored but its difference could not be added: the periods it touched are
    marked incomplete at once and recomputed whole by a queued task; nothing is left wrong."""
    monkeypatch.setenv("CCHC_DOSSIER_PARQUET", str(tmp_path / "pq"))
    ingest_file(path=write(tmp_path / "a.csv", [row(MaHoSo="A"), row(MaHoSo="B")]))
    assert RollupPeriod.objects.filter(period="2026-M03").exists()

    def broken(**kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(actions, "apply_changes", broken)
    ingest_file(path=write(tmp_path / "b.csv", [row(MaHoSo="C")]))
    monkeypatch.undo()
    assert Rollup.objects.get(period="2026-M03", measure="bieu06.total").numerator == 2  # behind
    assert not RollupPeriod.objects.filter(period__in=["2026-M03", "2026-Q1", "2026-Y"]).exists()
    task = Task.objects.get(name=task_name(hooks.refresh_months))
    assert "2026-03" in task.kwargs["months"]
    assert run_one(pk=task.pk)
    assert Rollup.objects.get(period="2026-M03", measure="bieu06.total").numerator == 3
    assert Rollup.objects.get(period="2026-Q1", measure="bieu06.total").numerator == 3
    periods = sorted(RollupPeriod.objects.values_list("period", flat=True))
    assert {"2026-M03", "2026-Q1", "2026-Y"} <= set(periods)
    assert stored() == full(periods)
