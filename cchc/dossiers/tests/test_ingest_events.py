import datetime as dt
import json
import random
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cchc.dossiers.actions import ingest_file
from cchc.dossiers.ingest import run_batch
from cchc.dossiers.models import Dossier, DossierEvent, Feedback, IngestMode, IngestOutcome
from cchc.dossiers.tests.conftest import row

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")

RECEIVED: dict[str, Any] = {
    "MaHoSo": "E1",
    "kind": "received",
    "at": "2026-03-02T08:00",
    "data": {
        "MaTTHC": "2.001",
        "LinhVuc": "Hộ tịch",
        "MaCoQuan": "t.xa-a",
        "CapThucHien": "xa",
        "KenhThucHien": 2,
        "MucDoDVC": "mot_phan",
        "NgayHenTra": "2026-03-06T17:00",
    },
}
STORY: list[dict[str, Any]] = [
    RECEIVED,
    {"MaHoSo": "E1", "kind": "supplement_requested", "at": "2026-03-03T09:00"},
    # Returned on Monday 9/3: Wed 4, Thu 5, Fri 6, Mon 9 = 4 working days paused.
    {"MaHoSo": "E1", "kind": "supplement_returned", "at": "2026-03-09T09:00"},
    {"MaHoSo": "E1", "kind": "result_issued", "at": "2026-03-10T15:00"},
    {"MaHoSo": "E1", "kind": "paid", "at": "2026-03-02T08:05", "data": {"amount": "8000"}},
    {"MaHoSo": "E1", "kind": "finished", "at": "2026-03-10T15:00", "data": {"status": "Đã trả"}},
    {"MaHoSo": "E1", "kind": "feedback", "at": "2026-03-11T08:00", "data": {"value": "hai_long"}},
]


def _lines(events: list[dict[str, Any]]) -> list[tuple[int, Any]]:
    return list(enumerate(events, start=1))


def _fields(code: str = "E1") -> tuple[Any, ...]:
    d = Dossier.objects.get(code=code)
    return (
        d.received_at,
        d.finished_at,
        d.supplement_requests,
        d.supplement_days,
        d.e_result,
        d.paid_online,
        d.fee,
        d.feedback,
        d.status,
        d.channel,
        d.level,
        d.agency_id,
    )


def test_events_build_the_dossier(other_agency):
    result = run_batch(events=_lines(STORY))
    assert result.ok, result.errors
    assert (result.created, result.events_created) == (1, 7)
    d = Dossier.objects.get(code="E1")
    assert d.agency == other_agency and d.field == "Hộ tịch"
    assert d.received_at == dt.datetime(2026, 3, 2, 8, 0, tzinfo=HCM)
    assert d.finished_at == dt.datetime(2026, 3, 10, 15, 0, tzinfo=HCM)
    assert (d.supplement_requests, d.supplement_days) == (1, 4)
    assert d.e_result and d.paid_online and d.fee == 8000
    assert d.feedback == Feedback.SATISFIED and d.status == "Đã trả"


def test_out_of_order_events_are_placed_by_time(other_agency):
    run_batch(events=_lines(STORY))
    expected = _fields()
    Dossier.objects.all().delete()
    shuffled = STORY[:]
    random.Random(7).shuffle(shuffled)
    # In three batches, the received event not first: still the same dossier.
    first = [e for e in shuffled if e["kind"] == "received"] + shuffled[:2]
    assert run_batch(events=_lines(first)).ok
    assert run_batch(events=_lines(shuffled[4:])).ok
    assert run_batch(events=_lines(shuffled[2:4])).ok
    assert _fields() == expected
    assert DossierEvent.objects.count() == 7


def test_same_events_twice_change_nothing(other_agency):
    run_batch(events=_lines(STORY))
    stamp = Dossier.objects.get().updated_at
    again = run_batch(events=_lines(STORY + STORY))
    assert again.ok
    assert (again.events_created, again.events_unchanged, again.updated) == (0, 14, 0)
    assert Dossier.objects.get().updated_at == stamp


def test_event_for_a_csv_dossier_and_two_requests(write_csv, agency):
    ingest_file(path=write_csv([row(MaHoSo="C1", NgayKetThucXuLy="")]))
    events = [
        {"MaHoSo": "C1", "kind": "supplement_requested", "at": "2026-03-03T09:00"},
        {"MaHoSo": "C1", "kind": "supplement_returned", "at": "2026-03-04T09:00"},
        {"MaHoSo": "C1", "kind": "supplement_requested", "at": "2026-03-05T09:00"},
        {"MaHoSo": "C1", "kind": "finished", "at": "2026-03-09T10:00"},
    ]
    assert run_batch(events=_lines(events)).ok
    d = Dossier.objects.get(code="C1")
    # 1 day for the first pause; the second, never returned, until Monday's end: Fri + Mon.
    assert (d.supplement_requests, d.supplement_days) == (2, 3)
    assert d.finished_at == dt.datetime(2026, 3, 9, 10, 0, tzinfo=HCM)


def test_bad_events_are_reported_and_refuse_the_batch(tmp_path, other_agency):
    lines = [
        json.dumps(RECEIVED),
        "{not json",
        json.dumps({"MaHoSo": "E1", "kind": "teleported", "at": "2026-03-03"}),
        json.dumps({"MaHoSo": "NOPE", "kind": "finished", "at": "2026-03-03"}),
        json.dumps({"MaHoSo": "E1", "kind": "finished", "at": "2026-03-01T08:00"}),
        json.dumps(
            {"MaHoSo": "E1", "kind": "feedback", "at": "2026-03-03", "data": {"value": "?"}}
        ),
    ]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest_file(path=path)
    assert result.outcome == IngestOutcome.REFUSED
    assert {(e.line, e.column) for e in result.errors} == {
        (2, ""),
        (3, "kind"),
        (4, "MaHoSo"),
        (5, "at"),
        (6, "data.value"),
    }
    assert not Dossier.objects.exists() and not DossierEvent.objects.exists()
    skipped = ingest_file(path=path, mode=IngestMode.SKIP)
    assert skipped.ok and skipped.events_created == 1
    assert Dossier.objects.get(code="E1").finished_at is None


def test_received_event_with_bad_data_names_its_column(other_agency):
    bad = dict(RECEIVED, data={**RECEIVED["data"], "KenhThucHien": 9})
    result = run_batch(events=_lines([bad]))
    assert [(e.line, e.column) for e in result.errors] == [(1, "data.KenhThucHien")]
