import datetime as dt
from typing import Any

import pytest
from django.test import Client

from cchc.accounts.models import Role
from cchc.conftest import member
from cchc.dossiers.ingest import run_batch
from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.conftest import row

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossiers(agency: Any, other_agency: Any) -> None:
    rows = [
        row(MaHoSo="S-ONTIME"),
        row(MaHoSo="S-LATE", NgayKetThucXuLy="2026-03-20T10:00"),
        row(MaHoSo="S-OPEN", NgayKetThucXuLy="", KenhThucHien="1"),
        row(MaHoSo="S-NODUE", NgayHenTra="", MaTTHC="9.999"),
        row(MaHoSo="S-TWICE", SoLanYeuCauBoSung="2"),
    ]
    rows += [
        row(MaHoSo=f"X-{n}", MaCoQuan="t.xa-a", CapThucHien="xa", NgayTiepNhan="2026-04-01")
        for n in range(3)
    ]
    rows = [{**r, "NgayKetThucXuLy": ""} if r["NgayTiepNhan"] == "2026-04-01" else r for r in rows]
    assert run_batch(rows=enumerate(rows, start=2)).ok
    run_batch(
        events=[(1, {"MaHoSo": "S-OPEN", "kind": "supplement_requested", "at": "2026-03-03"})]
    )


def _codes(response: Any) -> set[str]:
    assert response.status_code == 200, response.status_code
    return {d.code for d in response.context["page"].object_list}


def test_secretariat_sees_all_with_filters(client: Client, importer: Any, dossiers: None) -> None:
    client.force_login(importer)
    assert len(_codes(client.get("/dossiers/"))) == 8
    assert _codes(client.get("/dossiers/?state=late")) == {"S-LATE", "S-TWICE"}
    assert _codes(client.get("/dossiers/?state=on_time")) == {"S-ONTIME"}
    assert _codes(client.get("/dossiers/?state=open")) == {"S-OPEN", "X-0", "X-1", "X-2"}
    assert _codes(client.get("/dossiers/?state=no_due")) == {"S-NODUE"}
    assert _codes(client.get("/dossiers/?agency=t.xa-a&level=commune")) == {"X-0", "X-1", "X-2"}
    assert _codes(client.get("/dossiers/?procedure=9.999")) == {"S-NODUE"}
    assert _codes(client.get("/dossiers/?channel=1")) == {"S-OPEN"}
    assert _codes(client.get("/dossiers/?from=2026-04-01&to=2026-04-01")) == {"X-0", "X-1", "X-2"}
    assert _codes(client.get("/dossiers/?field=Đất đai&to=2026-03-31")) == {
        "S-ONTIME",
        "S-LATE",
        "S-OPEN",
        "S-NODUE",
        "S-TWICE",
    }
    ids = ",".join(
        str(pk) for pk in Dossier.objects.filter(code__startswith="X").values_list("pk", flat=True)
    )
    assert _codes(client.get(f"/dossiers/?ids={ids}")) == {"X-0", "X-1", "X-2"}
    # What names nothing is dropped, not an error.
    assert len(_codes(client.get("/dossiers/?state=soon&channel=9&from=x&ids=a,b"))) == 8


def test_list_query_count_is_pinned(
    client: Client, leader: Any, dossiers: None, django_assert_max_num_queries: Any
) -> None:
    client.force_login(leader)
    client.get("/dossiers/")
    with django_assert_max_num_queries(12):
        response = client.get("/dossiers/?state=open")
    assert response.status_code == 200
    run_batch(rows=enumerate([row(MaHoSo=f"M-{n}") for n in range(40)], start=2))
    with django_assert_max_num_queries(12):
        assert client.get("/dossiers/").status_code == 200


def test_agency_member_sees_only_their_agency(
    client: Client, other_agency: Any, dossiers: None
) -> None:
    client.force_login(member("focal-xa", Role.FOCAL_POINT, other_agency))
    assert _codes(client.get("/dossiers/")) == {"X-0", "X-1", "X-2"}
    theirs = Dossier.objects.get(code="X-0")
    other = Dossier.objects.get(code="S-OPEN")
    assert client.get(f"/dossiers/{theirs.pk}/").status_code == 200
    assert client.get(f"/dossiers/{other.pk}/").status_code == 404


def test_others_are_refused(client: Client, reader: Any, dossiers: None) -> None:
    assert client.get("/dossiers/").status_code == 302  # to the login
    client.force_login(reader)
    assert client.get("/dossiers/").status_code == 403


def test_dossier_page_shows_its_events(client: Client, importer: Any, dossiers: None) -> None:
    client.force_login(importer)
    dossier = Dossier.objects.get(code="S-OPEN")
    response = client.get(f"/dossiers/{dossier.pk}/")
    assert response.status_code == 200
    assert response.context["events"][0].kind == "supplement_requested"
    assert dossier.supplement_requests == 1
    assert dossier.received_at.date() == dt.date(2026, 3, 2)
