"""The shipped registry resolves every agency text of the seed plan, before and after 2025."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.agencies.models import Agency, AgencyLevel, Succession
from cchc.agencies.registry import DEFAULT_REGISTRY, load_registry, read_registry
from cchc.agencies.resolver import Resolver
from cchc.conftest import SEED_PLAN
from cchc.plans.parsing import parse_path

pytestmark = pytest.mark.django_db
PLAN_DATE = dt.date(2021, 8, 21)
NOW = dt.date(2026, 1, 1)


@pytest.fixture
def resolver() -> Resolver:
    load_registry(path=DEFAULT_REGISTRY)
    return Resolver.load()


def seed_texts() -> list[str]:
    parsed = parse_path(SEED_PLAN)
    return sorted({t for item in parsed.items for t in (item.lead, item.partners) if t})


def test_every_agency_text_of_the_seed_resolves(resolver):
    texts = seed_texts()
    assert len(texts) >= 20
    for text in texts:
        result = resolver.resolve(text, on=PLAN_DATE)
        assert not result.unresolved, (text, result.unresolved)
        assert result.agencies or result.groups, text
        for match in result.agencies:
            assert match.agency.is_valid_on(PLAN_DATE) and match.reason


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Sở TT&T T", "bg.so-tt-tt"),
        ("Sở TT&TT", "bg.so-tt-tt"),
        ("Sở Thông tin và TT", "bg.so-tt-tt"),
        ("Sở Thông tin và Truyền thông", "bg.so-tt-tt"),
        ("Sở Kế hoạch và đầu tư", "bg.so-kh-dt"),
        ("Văn phòng UBND tỉnh", "bg.vp-ubnd"),
        ("Sở Nội vụ", "bg.so-noi-vu"),
        ("UBND tỉnh", "bg.ubnd-tinh"),
    ],
)
def test_seed_names(resolver, text, code):
    assert [m.agency.code for m in resolver.resolve(text, on=PLAN_DATE).agencies] == [code]


def test_after_the_2025_reorganisation(resolver):
    result = resolver.resolve("Sở TT&TT; Các Sở, ngành; UBND cấp huyện", on=NOW)
    tt = result.agencies[0]
    assert tt.ended and [a.code for a in tt.successors] == ["bn.so-kh-cn"]
    districts = next(g for g in result.groups if g.group.levels == ["district"])
    assert districts.ended_on == dt.date(2025, 6, 30)
    assert districts.members and all(a.level == AgencyLevel.COMMUNE for a in districts.members)
    departments = next(g for g in result.groups if "department" in g.group.levels)
    assert departments.members
    assert all(a.is_valid_on(NOW) for a in departments.members)
    assert [m.agency.code for m in resolver.resolve("UBND tỉnh", on=NOW).agencies] == [
        "bn.ubnd-tinh"
    ]


def test_registry_file_is_sourced_and_consistent():
    data = read_registry(DEFAULT_REGISTRY)
    for entry in data["agency"]:
        assert entry.get("source") or entry.get("confirmed") is False, entry["code"]
    for entry in data["succession"]:
        assert entry.get("legal_basis") or entry.get("confirmed") is False, entry
    load_registry(path=DEFAULT_REGISTRY)
    for succession in Succession.objects.select_related("predecessor"):
        until = succession.predecessor.valid_until
        assert until is not None and until < succession.on, succession
    assert Agency.objects.filter(level=AgencyLevel.DISTRICT, valid_until__isnull=True).count() == 0
