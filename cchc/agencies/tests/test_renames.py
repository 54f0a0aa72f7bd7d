"""Renames (issue 13): after 20/9/2026 Bắc Ninh is a centrally-run city and five communes on
former Bắc Giang land are wards; the same agencies answer to their new names from that day,
to their former names before it, and a rename passes no work to anyone."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.agencies.models import Agency, AgencyRename, Succession
from cchc.agencies.registry import load_registry
from cchc.agencies.resolver import Resolver

D = dt.date
AFTER = D(2026, 10, 1)
BEFORE = D(2026, 9, 19)
pytestmark = pytest.mark.django_db


@pytest.fixture
def resolver() -> Resolver:
    load_registry()
    return Resolver.load()


def codes(resolver: Resolver, text: str, on: dt.date) -> list[str]:
    return [m.agency.code for m in resolver.resolve(text, on=on).agencies]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("UBND thành phố Bắc Ninh", "bn.ubnd-tinh"),
        ("Sở Nội vụ thành phố Bắc Ninh", "bn.so-noi-vu"),
        ("Sở Tư pháp thành phố Bắc Ninh", "bn.so-tu-phap"),
        ("UBND phường Kép", "bn.xa.kep"),
        ("UBND phường Bố Hạ", "bn.xa.bo-ha"),
        ("UBND phường Hiệp Hòa", "bn.xa.hiep-hoa"),
    ],
)
def test_new_names_resolve_after_the_rename(resolver: Resolver, text: str, code: str) -> None:
    result = resolver.resolve(text, on=AFTER)
    assert [m.agency.code for m in result.agencies] == [code]
    assert "20/09/2026" in result.agencies[0].reason


def test_a_rename_resolves_by_the_documents_date(resolver: Resolver) -> None:
    before = resolver.resolve("UBND xã Kép", on=BEFORE).agencies[0]
    assert before.agency.code == "bn.xa.kep" and "not in use" not in before.reason
    assert "không dùng" not in before.reason
    after = resolver.resolve("UBND xã Kép", on=AFTER).agencies[0]
    assert after.agency.code == "bn.xa.kep"  # same agency, flagged
    assert "not in use" in after.reason or "không dùng" in after.reason
    early = resolver.resolve("UBND phường Kép", on=BEFORE).agencies[0]
    assert "not in use" in early.reason or "không dùng" in early.reason


def test_a_rename_keeps_the_agency_and_is_not_a_succession() -> None:
    load_registry()
    kep = Agency.objects.get(code="bn.xa.kep")
    rename = AgencyRename.objects.get(agency=kep)
    assert (rename.on, rename.new_name, rename.basis_number, rename.confirmed) == (
        D(2026, 9, 20),
        "Ủy ban nhân dân phường Kép",
        "388/NQ-UBTVQH16",
        False,
    )
    assert kep.valid_until is None and not Succession.objects.filter(predecessor=kep).exists()
    assert kep.name_on(BEFORE) == "Ủy ban nhân dân xã Kép"
    assert kep.name_on(AFTER) == "Ủy ban nhân dân phường Kép"
    city = AgencyRename.objects.get(agency__code="bn.ubnd-tinh")
    assert city.basis_number == "39/2026/QH16" and city.missing
