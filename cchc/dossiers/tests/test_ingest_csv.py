import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc.dossiers import signals
from cchc.dossiers.actions import ingest_file
from cchc.dossiers.models import (
    Channel,
    Dossier,
    Feedback,
    IngestMode,
    IngestOutcome,
    IngestRun,
    Level,
    OnlineLevel,
)
from cchc.dossiers.tests.conftest import row

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_good_rows_are_stored_with_every_field(write_csv, agency):
    path = write_csv(
        [
            row(),
            row(
                MaHoSo="H2",
                CapThucHien="xa",
                KenhThucHien="1",
                MucDoDVC="",
                NgayKetThucXuLy="",
                NgayHenTra="",
                DanhGia="",
                PhiLePhi="",
                MaCoQuan="t.unknown",
            ),
        ]
    )
    result = ingest_file(path=path)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    first = Dossier.objects.get(code="000.00.24.H01-260302-0001")
    assert first.province_code == "24"
    assert first.agency == agency and first.agency_code == "t.stnmt"
    assert first.level == Level.PROVINCE and first.channel == Channel.ONLINE
    assert first.online_level == OnlineLevel.FULL
    assert first.received_at == dt.datetime(2026, 3, 2, 8, 30, tzinfo=HCM)
    assert first.due_at == dt.datetime(2026, 3, 9, 17, 0, tzinfo=HCM)
    assert first.finished_at == dt.datetime(2026, 3, 6, 10, 0, tzinfo=HCM)
    assert first.fee == Decimal(50000) and first.paid_online and first.e_result
    assert first.feedback == Feedback.SATISFIED and not first.synthetic
    second = Dossier.objects.get(code="H2")
    assert second.finished_at is None and second.due_at is None and second.fee is None
    assert second.agency is None and second.agency_code == "t.unknown"
    assert second.level == Level.COMMUNE and second.online_level == OnlineLevel.BLANK
    assert any("t.unknown" in w for w in result.warnings)
    run = IngestRun.objects.get(pk=result.run_id or 0)
    assert run.outcome == IngestOutcome.DONE and run.created == 2 and run.file_name == "hoso.csv"


def test_bad_rows_name_line_and_column_and_refuse_the_whole_file(write_csv, agency):
    path = write_csv(
        [
            row(MaHoSo="OK1"),
            row(MaHoSo="BAD1", NgayTiepNhan="31/02/2026"),
            row(MaHoSo="BAD2", KenhThucHien="4", PhiLePhi="12,5"),
            row(MaHoSo="BAD3", NgayKetThucXuLy="01/03/2026"),
        ]
    )
    result = ingest_file(path=path)
    assert result.outcome == IngestOutcome.REFUSED
    found = {(e.line, e.column) for e in result.errors}
    assert found == {
        (3, "NgayTiepNhan"),
        (4, "KenhThucHien"),
        (4, "PhiLePhi"),
        (5, "NgayKetThucXuLy"),
    }
    assert "dd/mm/yyyy" in next(e.reason for e in result.errors if e.column == "NgayTiepNhan")
    # Nothing half-written: the good row before the bad ones is not stored either.
    assert not Dossier.objects.exists()
    run = IngestRun.objects.get(pk=result.run_id or 0)
    assert run.outcome == IngestOutcome.REFUSED and len(run.errors) == 4


def test_refusal_after_a_full_chunk_leaves_nothing(write_csv, agency, settings):
    settings.CCHC_INGEST_CHUNK = 2
    rows = [row(MaHoSo=f"H{i}") for i in range(5)] + [row(MaHoSo="X", CapThucHien="huyen")]
    result = ingest_file(path=write_csv(rows))
    assert result.outcome == IngestOutcome.REFUSED
    assert [(e.line, e.column) for e in result.errors] == [(7, "CapThucHien")]
    assert not Dossier.objects.exists()


def test_skip_mode_stores_the_good_rows(write_csv, agency):
    path = write_csv([row(MaHoSo="OK1"), row(MaHoSo="BAD", DanhGia="so-so"), row(MaHoSo="OK2")])
    result = ingest_file(path=path, mode=IngestMode.SKIP)
    assert result.ok
    assert (result.created, result.refused) == (2, 1)
    assert [(e.line, e.column) for e in result.errors] == [(3, "DanhGia")]
    assert set(Dossier.objects.values_list("code", flat=True)) == {"OK1", "OK2"}


def test_same_file_twice_changes_nothing_and_a_changed_row_updates(write_csv, agency):
    path = write_csv([row(MaHoSo="A"), row(MaHoSo="B")])
    ingest_file(path=path)
    stamp = Dossier.objects.get(code="A").updated_at
    again = ingest_file(path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Dossier.objects.get(code="A").updated_at == stamp
    changed = ingest_file(path=write_csv([row(MaHoSo="A", NgayKetThucXuLy="")], name="b.csv"))
    assert (changed.created, changed.updated) == (0, 1)
    assert Dossier.objects.get(code="A").finished_at is None
    assert Dossier.objects.count() == 2


def test_header_problems(write_csv, tmp_path, agency):
    missing = write_csv([row()], columns=["MaHoSo", "MaTTHC", "CapThucHien"])
    result = ingest_file(path=missing)
    assert result.outcome == IngestOutcome.REFUSED
    assert result.errors[0].line == 1 and "KenhThucHien" in result.errors[0].reason
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "MaHoSo;MaTTHC;CapThucHien;KenhThucHien;NgayTiepNhan;GhiChu\nH9;1.1;xa;3;2026-01-05;note\n",
        encoding="utf-8",
    )
    result = ingest_file(path=extra)
    assert result.ok
    assert any("GhiChu" in w for w in result.warnings)
    assert Dossier.objects.get(code="H9").channel == Channel.POSTAL


def test_after_ingest_hook_called_once_per_committed_batch(write_csv, agency):
    calls = []

    def hook(ids, months, before):
        calls.append((list(ids), months, before))

    signals.register(hook)
    try:
        ingest_file(
            path=write_csv(
                [row(MaHoSo="A"), row(MaHoSo="B", NgayTiepNhan="2026-04-01", NgayKetThucXuLy="")]
            )
        )
        ingest_file(path=write_csv([row(MaHoSo="A")], name="same.csv"))  # no change: no call
        ingest_file(path=write_csv([row(MaHoSo="C", CapThucHien="?")], name="bad.csv"))
    finally:
        signals.unregister(hook)
    assert len(calls) == 1
    ids, months, before = calls[0]
    assert sorted(ids) == sorted(Dossier.objects.values_list("pk", flat=True))
    assert months == {
        signals.Month("24", dt.date(2026, 3, 1)),
        signals.Month("24", dt.date(2026, 4, 1)),
    }
    assert before == {}  # created by the batch: nothing stored before it


def test_after_ingest_hook_gets_the_values_before_the_batch(write_csv, agency):
    ingest_file(path=write_csv([row(MaHoSo="A", NgayKetThucXuLy="")]))
    stored = Dossier.objects.get(code="A")
    calls = []

    def hook(ids, months, before):
        calls.append((list(ids), months, before))

    signals.register(hook)
    try:
        # A changed (in person now, finished), B created: only A had values before.
        ingest_file(
            path=write_csv(
                [row(MaHoSo="A", KenhThucHien="1"), row(MaHoSo="B")],
                name="changed.csv",
            )
        )
    finally:
        signals.unregister(hook)
    ((ids, _months, before),) = calls
    assert len(ids) == 2 and set(before) == {stored.pk}
    assert before[stored.pk]["finished_at"] is None
    assert before[stored.pk]["channel"] == stored.channel == 2
    assert before[stored.pk]["agency_code"] == stored.agency_code


def test_command_json_and_refusal_exit(write_csv, agency, capsys):
    call_command("dossier_ingest", str(write_csv([row()])), "--json")
    out = capsys.readouterr().out
    assert '"created": 1' in out
    with pytest.raises(CommandError):
        call_command("dossier_ingest", str(write_csv([row(NgayHenTra="soon")], name="x.csv")))
