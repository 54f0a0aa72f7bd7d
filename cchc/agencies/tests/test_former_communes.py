"""Communes before 1/7/2025 (issue 13, point 4): the units of Bắc Giang that NQ
1658/NQ-UBTVQH15 merged, each with its source and its successor; "UBND cấp xã" on a 2024 date
is the group of the communes then existing, and their work passes to the 2025 communes."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

import pytest
from django.apps import apps

from cchc.agencies.actions import transfer_assignments
from cchc.agencies.former_communes import (
    FORMER_COMMUNES,
    FormerCommuneError,
    read_former_communes,
    remove_former_communes,
)
from cchc.agencies.models import Agency, Assignment, Succession
from cchc.agencies.registry import DEFAULT_REGISTRY, RegistryError, load_registry, read_registry
from cchc.agencies.resolver import Resolver
from cchc.conftest import build_small_plan
from cchc.plans.models import Node, NodeKind

D = dt.date
IN_2024 = D(2024, 6, 1)
AFTER = D(2025, 8, 1)
pytestmark = pytest.mark.django_db
migration = importlib.import_module("cchc.agencies.migrations.0008_former_communes")


def group_codes(resolver: Resolver, text: str, on: dt.date) -> set[str]:
    return {a.code for g in resolver.resolve(text, on=on).groups for a in g.members}


def test_every_row_has_its_clause_source_and_a_registry_successor() -> None:
    rows = read_former_communes()
    assert len(rows) == 191
    codes = {a["code"] for a in read_registry(DEFAULT_REGISTRY)["agency"]}
    for row in rows:
        assert row.successor in codes, row
        assert "1658/NQ-UBTVQH15" in row.source and f"khoản {row.clause} Điều 1" in row.source
    kep = next(r for r in rows if r.code == "bg.tt.kep")
    assert (kep.kind, kep.name, kep.successor, kep.clause) == ("thị trấn", "Kép", "bn.xa.kep", 48)
    # The two communes called Đồng Tiến are told apart by their district, as in the text.
    assert {r.successor for r in rows if r.name.startswith("Đồng Tiến")} == {
        "bn.xa.xuan-luong",
        "bn.xa.hoang-van",
    }


def test_commune_level_in_2024_is_the_communes_then_existing() -> None:
    load_registry()
    resolver = Resolver.load()
    before = group_codes(resolver, "UBND cấp xã", IN_2024)
    assert "bg.tt.kep" in before and "bg.phuong.tran-phu" in before
    assert "bn.xa.tuan-dao" in before  # not rearranged: the same commune throughout
    assert not any(
        code.startswith(("bn.xa.", "bn.phuong.")) for code in before - {"bn.xa.tuan-dao"}
    )
    assert len(before) == 192
    after = group_codes(resolver, "UBND cấp xã", AFTER)
    assert "bn.xa.kep" in after and "bg.tt.kep" not in after
    # A commune named in a 2024 document is the former one; in 2025 its work has passed on.
    match = resolver.resolve("UBND thị trấn Kép", on=IN_2024).agencies[0]
    assert match.agency.code == "bg.tt.kep" and not match.ended
    later = resolver.resolve("UBND thị trấn Kép", on=AFTER).agencies[0]
    assert later.ended and [a.code for a in later.successors] == ["bn.xa.kep"]
    same_name = resolver.resolve("UBND xã Đại Sơn", on=IN_2024).agencies[0]
    assert same_name.agency.code == "bg.xa.dai-son"
    assert resolver.resolve("UBND xã Đại Sơn", on=AFTER).agencies[0].agency.code == "bn.xa.dai-son"


def test_work_of_a_former_commune_goes_to_its_successor() -> None:
    load_registry()
    plan = build_small_plan()
    activity = Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).first()
    assert activity is not None
    old = Agency.objects.get(code="bg.xa.quang-thinh")
    Assignment.objects.create(
        activity=activity, agency=old, role="lead", source_text="UBND cấp xã", started_on=IN_2024
    )
    assert transfer_assignments(agency=old, on=D(2025, 7, 1)) == 1
    assert [a.agency.code for a in Assignment.objects.open().filter(activity=activity)] == [
        "bn.xa.kep"
    ]
    succession = Succession.objects.get(predecessor=old)
    assert succession.on == D(2025, 7, 1) and succession.basis_number == "1658/NQ-UBTVQH15"


def test_the_data_migration_loads_and_reverses() -> None:
    load_registry()
    rows = read_former_communes()
    remove_former_communes(agency_model=Agency, rows=rows)
    assert not Agency.objects.filter(code="bg.tt.kep").exists()
    migration.forward(apps, None)
    kep = Agency.objects.get(code="bg.tt.kep")
    assert kep.valid_until == D(2025, 6, 30) and kep.level == "commune"
    assert Succession.objects.filter(predecessor=kep, successor__code="bn.xa.kep").exists()
    migration.backward(apps, None)
    assert not Agency.objects.filter(code__in=[r.code for r in rows]).exists()


def test_a_fresh_database_gets_them_with_the_registry() -> None:
    migration.forward(apps, None)  # no registry loaded: nothing to attach them to yet
    assert not Agency.objects.filter(code="bg.tt.kep").exists()


def test_a_bad_row_names_the_file_line_and_field(tmp_path: Path) -> None:
    good = FORMER_COMMUNES.read_text(encoding="utf-8")
    lines = good.splitlines()
    bad = tmp_path / "former_communes.csv"
    bad.write_text("\n".join([*lines[:3], lines[3].replace(",xã,", ",làng,", 1)]), "utf-8")
    with pytest.raises(FormerCommuneError, match=r"former_communes.csv, dòng 4: .*làng"):
        read_former_communes(bad)
    bad.write_text("\n".join([*lines[:3], lines[2]]), "utf-8")
    with pytest.raises(FormerCommuneError, match=r"dòng 4: .*bg\.xa\.phuc-son.* dòng 3"):
        read_former_communes(bad)
    registry = tmp_path / "registry.toml"
    registry.write_text(DEFAULT_REGISTRY.read_text(encoding="utf-8"), "utf-8")
    with pytest.raises(RegistryError, match="dòng 4"):
        load_registry(path=registry)
    assert not Agency.objects.exists()  # nothing half-written
