"""Issue 13, points 5–6 in the registry: unverified rows are confirmed by the secretariat with
a legal basis (a ``RegistryConfirmation`` each, kept when the file is loaded again); the
successions say which functions moved; Party bodies are not departments of the People's
Committee; the Yên Dũng chain reaches every successor of the former city."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from cchc.agencies.actions import AgencyError, confirm_registry_row, transfer_assignments
from cchc.agencies.models import (
    Agency,
    AgencyLevel,
    AgencyRename,
    Assignment,
    RegistryConfirmation,
    Succession,
)
from cchc.agencies.registry import load_registry
from cchc.agencies.resolver import Resolver
from cchc.conftest import build_small_plan, member, secretariat_agency
from cchc.plans.models import Node, NodeKind

D = dt.date
pytestmark = pytest.mark.django_db
BASIS = {
    "basis_type": "Quyết định",
    "basis_number": "123/QĐ-TU",
    "basis_date": "2025-06-28",
    "basis_issuer": "Tỉnh ủy Bắc Ninh",
    "basis_url": "https://example.org/qd-123.pdf",
    "reason": "Đã đối chiếu bản gốc",
}


@pytest.fixture
def registry() -> None:
    load_registry()


def url(what: str, pk: int) -> str:
    return reverse("agencies:confirm_unverified", args=[what, pk])


def test_the_secretariat_confirms_an_agency_and_a_reload_keeps_it(
    client: Client, registry: None
) -> None:
    paper = Agency.objects.get(code="bn.bao-ptth")
    assert not paper.confirmed
    secretariat = member("sec-reg", "secretariat", secretariat_agency())
    client.force_login(secretariat)
    page = client.get(reverse("agencies:unverified")).content.decode()
    assert f'action="{url("agency", paper.pk)}"' in page
    assert client.post(url("agency", paper.pk), BASIS).status_code == 302
    paper.refresh_from_db()
    assert paper.confirmed and paper.citation.startswith("Quyết định 123/QĐ-TU")
    confirmation = RegistryConfirmation.objects.get()
    assert (confirmation.kind, confirmation.row_id, confirmation.actor) == (
        "agency",
        paper.pk,
        secretariat,
    )
    assert confirmation.reason == "Đã đối chiếu bản gốc"
    load_registry()  # the file still says confirmed = false
    paper.refresh_from_db()
    assert paper.confirmed and paper.basis_number == "123/QĐ-TU"
    page = client.get(reverse("agencies:unverified")).content.decode()
    assert 'data-agency="bn.bao-ptth"' not in page.split('id="without-source"')[0]


def test_a_rename_and_a_succession_are_confirmed(client: Client, registry: None) -> None:
    client.force_login(member("sec-reg2", "secretariat", secretariat_agency()))
    rename = AgencyRename.objects.get(agency__code="bn.xa.kep")
    client.post(url("rename", rename.pk), {**BASIS, "basis_number": "388/NQ-UBTVQH16"})
    rename.refresh_from_db()
    assert rename.confirmed and not rename.missing and rename.basis_date == D(2025, 6, 28)
    succession = Succession.objects.get(
        predecessor__code="bg.so-ld-tb-xh", successor__code="bg.tw.cong-an-tinh"
    )
    client.post(url("succession", succession.pk), BASIS)
    succession.refresh_from_db()
    assert succession.confirmed
    assert RegistryConfirmation.objects.filter(kind="succession", row_id=succession.pk).exists()


def test_refusals_change_nothing(client: Client, registry: None) -> None:
    paper = Agency.objects.get(code="bn.bao-ptth")
    client.force_login(member("leader-reg", "leader", secretariat_agency()))
    assert client.post(url("agency", paper.pk), BASIS).status_code == 403
    client.force_login(member("sec-reg3", "secretariat", secretariat_agency()))
    response = client.post(url("agency", paper.pk), {**BASIS, "basis_number": ""}, follow=True)
    assert "123/QĐ-TU" not in response.content.decode()
    paper.refresh_from_db()
    assert not paper.confirmed and not RegistryConfirmation.objects.exists()
    with pytest.raises(AgencyError):
        confirm_registry_row(
            kind="plan",
            row_id=paper.pk,
            basis_number="1",
            basis_date=D(2025, 1, 1),
            basis_issuer="x",
        )
    with pytest.raises(AgencyError):
        confirm_registry_row(
            kind="agency",
            row_id=paper.pk,
            basis_number="1",
            basis_date=D(2025, 1, 1),
            basis_issuer=" ",
        )
    assert not RegistryConfirmation.objects.exists()


def test_the_split_of_labour_department_names_the_functions(client: Client, registry: None) -> None:
    rows = {
        s.successor.code: s
        for s in Succession.objects.filter(predecessor__code="bg.so-ld-tb-xh").select_related(
            "successor"
        )
    }
    assert set(rows) == {
        "bg.so-noi-vu",
        "bg.so-y-te",
        "bg.so-gd-dt",
        "bg.so-nn-mt",
        "bg.tw.cong-an-tinh",
    }
    assert "tệ nạn xã hội" in rows["bg.tw.cong-an-tinh"].functions
    assert "tệ nạn" not in rows["bg.so-y-te"].functions
    assert not rows["bg.tw.cong-an-tinh"].confirmed
    client.force_login(member("sec-reg4", "secretariat", secretariat_agency()))
    page = client.get(reverse("agencies:unverified")).content.decode()
    row = page.split('data-successor="bg.tw.cong-an-tinh"', 1)[1].split("</tr>", 1)[0]
    assert "cai nghiện ma túy" in row  # the functions moved
    assert "thiếu: số, ngày văn bản" in row  # and what is not verified


def test_party_bodies_are_not_departments(registry: None) -> None:
    resolver = Resolver.load()
    for code, day, home in (
        ("bg.bao-bac-giang", D(2024, 6, 1), "bg.so-noi-vu"),
        ("bn.bao-ptth", D(2025, 8, 1), "bn.so-noi-vu"),
    ):
        paper = Agency.objects.get(code=code)
        assert paper.level == AgencyLevel.PARTY and paper.parent is None
        members = {
            a.code for g in resolver.resolve("Các sở, ban, ngành", on=day).groups for a in g.members
        }
        assert code not in members and home in members
        assert len(members) > 10
        public_units = {
            a.code
            for g in resolver.resolve("các đơn vị sự nghiệp công lập", on=day).groups
            for a in g.members
        }
        assert code not in public_units
    assert resolver.resolve("Báo Bắc Giang", on=D(2024, 6, 1)).agencies[0].agency.code == (
        "bg.bao-bac-giang"
    )


def test_the_yen_dung_chain_reaches_every_successor_of_the_former_city(registry: None) -> None:
    resolver = Resolver.load()
    city = {
        s.successor.code
        for s in Succession.objects.filter(predecessor__code="bg.ubnd-tp-bac-giang")
    }
    assert len(city) == 8 and "bn.phuong.bac-giang" in city  # a ward outside Yên Dũng
    yen_dung = Agency.objects.get(code="bg.ubnd-yen-dung")
    assert {a.code for a in resolver.successors_on(yen_dung.pk, D(2025, 8, 1))} == city
    assert [a.code for a in resolver.successors_on(yen_dung.pk, D(2025, 3, 1))] == [
        "bg.ubnd-tp-bac-giang"
    ]
    plan = build_small_plan()
    activity = Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).first()
    assert activity is not None
    Assignment.objects.create(
        activity=activity, agency=yen_dung, role="lead", source_text="", started_on=D(2021, 8, 21)
    )
    assert transfer_assignments(agency=yen_dung, on=D(2025, 7, 1)) == 1
    moved = {a.agency.code for a in Assignment.objects.open().filter(activity=activity)}
    assert moved == city


def test_the_agency_page_shows_the_functions_moved(client: Client, registry: None) -> None:
    client.force_login(member("sec-reg5", "secretariat", secretariat_agency()))
    labour = Agency.objects.get(code="bg.so-ld-tb-xh")
    page = client.get(labour.get_absolute_url()).content.decode()
    police = page.split('data-successor="bg.tw.cong-an-tinh"', 1)[1].split("</tr>", 1)[0]
    assert "succession-functions" in police and "tệ nạn xã hội" in police
