"""A dossier without a promised date is judged against its procedure's statutory time counted
in WORKING days on the project's calendar (Tết 2026: Monday 16 to Friday 20 February off), the
due date counted at ingest and stored, so every engine compares the same moment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cchc.dossiers.actions import ingest_file, set_procedure_time
from cchc.dossiers.models import Dossier, ProcedureTime, ProcedureTimeChange
from cchc.dossiers.statutory import due
from cchc.dossiers.tests.conftest import csv_text, row
from cchc.scheduling.workdays import WorkCalendar
from cchc.servicequality.models import Rollup

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=HCM)


def test_five_working_days_from_before_tet() -> None:
    # Received Thursday 12/02/2026 09:00. Working days after it: Fri 13 (1); Sat 14, Sun 15,
    # Tết Mon 16 – Fri 20, Sat 21, Sun 22 off; Mon 23 (2), Tue 24 (3), Wed 25 (4), Thu 26 (5).
    assert due(local("2026-02-12T09:00"), 5, calendar=WorkCalendar()) == local("2026-02-26T09:00")
    # A compensating Saturday is worked: 10/01/2026 (for Friday 02/01). Received Friday
    # 09/01 14:30, 1 working day → Saturday 10/01 14:30.
    assert due(local("2026-01-09T14:30"), 1, calendar=WorkCalendar()) == local("2026-01-10T14:30")


def test_ingest_stores_the_statutory_due_date_and_the_rollups_judge_by_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_DOSSIER_PARQUET", str(tmp_path / "pq"))
    set_procedure_time(procedure_code="P-TET", working_days=5, legal_basis="thử")
    common = {
        "MaTTHC": "P-TET",
        "MaCoQuan": "t.tet",
        "NgayTiepNhan": "12/02/2026 09:00",
        "NgayHenTra": "",
    }
    rows = [
        # Wednesday 25/02 16:00: before Thursday 26/02 09:00, on time (5 calendar days would
        # have ended Tuesday 17/02 09:00: late).
        row(MaHoSo="ON-TIME", NgayKetThucXuLy="25/02/2026 16:00", **common),
        # Friday 27/02: after the statutory due date, late.
        row(MaHoSo="LATE", NgayKetThucXuLy="27/02/2026 08:00", **common),
        # A promised date given: it is the limit, no statutory date stored.
        row(
            MaHoSo="PROMISED",
            **{**common, "NgayHenTra": "2026-02-13T17:00"},
            NgayKetThucXuLy="13/02/2026 10:00",
        ),
    ]
    path = tmp_path / "tet.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    ingest_file(path=path)
    stored = {d.code: d for d in Dossier.objects.all()}
    assert stored["ON-TIME"].statutory_due_at == local("2026-02-26T09:00")
    assert stored["LATE"].statutory_due_at == local("2026-02-26T09:00")
    assert stored["PROMISED"].statutory_due_at is None
    on_time = Rollup.objects.get(period="2026-M02", measure="766.2.1", agency_code="t.tet")
    assert (on_time.numerator, on_time.denominator) == (2, 3)  # ON-TIME and PROMISED
    late = Rollup.objects.get(period="2026-M02", measure="bieu06.resolved_late")
    assert late.numerator == 1

    # The statutory time changes to 6 working days: LATE is now on time (due Friday 27/02
    # 09:00), the stored dates and the rollups follow.
    set_procedure_time(procedure_code="P-TET", working_days=6)
    assert Dossier.objects.get(code="LATE").statutory_due_at == local("2026-02-27T09:00")
    on_time.refresh_from_db()
    assert (on_time.numerator, on_time.denominator) == (3, 3)
    assert not Rollup.objects.filter(period="2026-M02", measure="bieu06.resolved_late").exists()
    assert ProcedureTime.objects.get().working_days == 6
    # Each setting is a history row: from, to, basis, the dossiers it moved.
    history = list(
        ProcedureTimeChange.objects.values_list(
            "working_days_from", "working_days_to", "dossiers_changed"
        )
    )
    assert history[-1] == (5, 6, 2)  # ON-TIME and LATE moved; PROMISED has its own date
    assert history[0][0] is None and history[0][1] == 5


def test_unknown_statutory_time_leaves_the_dossier_unjudged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_DOSSIER_PARQUET", str(tmp_path / "pq"))
    path = tmp_path / "x.csv"
    path.write_text(csv_text([row(MaHoSo="X", MaTTHC="P-NONE", NgayHenTra="")]), encoding="utf-8")
    ingest_file(path=path)
    assert Dossier.objects.get().statutory_due_at is None
    assert not Rollup.objects.filter(measure="766.2.1").exists()  # 0 / 0: no data


def test_procedure_time_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from io import StringIO

    from django.core.management import call_command

    monkeypatch.setenv("CCHC_DOSSIER_PARQUET", str(tmp_path / "pq"))
    out = StringIO()
    call_command("dossier_procedure_time", "set", "P1", "7", "--basis", "QĐ 1/2026", stdout=out)
    assert ProcedureTime.objects.get().working_days == 7
    call_command("dossier_procedure_time", "list", stdout=out)
    assert "P1\t7\tQĐ 1/2026" in out.getvalue()
