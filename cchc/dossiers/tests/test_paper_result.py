"""A procedure's "paper result required" (kết quả bản giấy, the catalogue row ``ProcedureTime``)
is stored on each dossier at ingest (``Dossier.paper_result``, a Parquet column too) so every
engine counts 766 indicators 3.3 and 4.1 alike; setting it recomputes the dossiers and the
rollups. Unknown procedure = not required."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.core.management import call_command

from cchc.dossiers.actions import ingest_file, set_procedure_time
from cchc.dossiers.models import Dossier, ProcedureTime, ProcedureTimeChange
from cchc.dossiers.tests.conftest import csv_text, row
from cchc.servicequality import parquet
from cchc.servicequality.models import Rollup

pytestmark = pytest.mark.django_db


def figure(measure: str) -> tuple[int, int] | None:
    """March 2026, the whole province: (numerator, denominator), None when no data."""
    found = Rollup.objects.filter(period="2026-M03", measure=measure).values_list(
        "agency_code", "numerator", "denominator"
    )
    totals = [(n, d) for _agency, n, d in found]
    if not totals:
        return None
    return (sum(n for n, _ in totals), sum(d for _, d in totals))


def test_the_flag_is_derived_at_ingest_and_recomputed_when_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pq_root = tmp_path / "pq"
    monkeypatch.setenv("CCHC_DOSSIER_PARQUET", str(pq_root))
    set_procedure_time(procedure_code="P-PAPER", working_days=5, paper_result=True)
    rows = [
        # Online, paper required, finished without an e-result: not online for 3.3.
        row(MaHoSo="NO-E", MaTTHC="P-PAPER", CoKetQuaDienTu="0"),
        # Online, paper required, e-result: online; 4.1 numerator.
        row(MaHoSo="WITH-E", MaTTHC="P-PAPER", CoKetQuaDienTu="1"),
        # Procedure not in the catalogue: not required, online counted; not in 4.1.
        row(MaHoSo="UNKNOWN", MaTTHC="P-NONE", CoKetQuaDienTu="0"),
    ]
    path = tmp_path / "x.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    ingest_file(path=path)
    stored = dict(Dossier.objects.values_list("code", "paper_result"))
    assert stored == {"NO-E": True, "WITH-E": True, "UNKNOWN": False}
    # The Parquet copy carries the column.
    written = parquet.write_months(months=[dt.date(2026, 3, 1)], root=pq_root)
    copy = pq.read_table(written[0]).to_pylist()
    assert {r["code"]: r["paper_result"] for r in copy} == stored
    assert figure("766.3.3") == (2, 3)  # WITH-E, UNKNOWN
    assert figure("766.4.1") == (1, 2)  # WITH-E of NO-E, WITH-E

    # No longer required: the two dossiers follow, 3.3 counts every online dossier and 4.1
    # has no procedure left (no data, never 0 %).
    set_procedure_time(procedure_code="P-PAPER", working_days=5, paper_result=False)
    assert not Dossier.objects.filter(paper_result=True).exists()
    assert figure("766.3.3") == (3, 3)
    assert figure("766.4.1") is None
    # Without the flag the row keeps it as it was.
    set_procedure_time(procedure_code="P-PAPER", working_days=6)
    assert ProcedureTime.objects.get().paper_result is False
    history = list(
        ProcedureTimeChange.objects.order_by("pk").values_list(
            "working_days_from",
            "working_days_to",
            "paper_result_from",
            "paper_result_to",
            "dossiers_changed",
        )
    )
    # Promised dates given (NgayHenTra): only the paper flag moves dossiers.
    assert history == [(None, 5, None, True, 0), (5, 5, True, False, 2), (5, 6, False, False, 0)]


def test_command_sets_and_keeps_the_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_DOSSIER_PARQUET", str(tmp_path / "pq"))
    out = StringIO()
    call_command("dossier_procedure_time", "set", "P1", "7", "--paper-result", stdout=out)
    assert ProcedureTime.objects.get().paper_result is True
    call_command("dossier_procedure_time", "set", "P1", "8", stdout=out)
    assert ProcedureTime.objects.get().paper_result is True
    call_command("dossier_procedure_time", "list", stdout=out)
    assert "P1\t8\t\tpaper" in out.getvalue()
    call_command("dossier_procedure_time", "set", "P1", "8", "--no-paper-result", stdout=out)
    assert ProcedureTime.objects.get().paper_result is False
