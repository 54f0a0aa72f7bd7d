"""Loading the registry, successions and assignments: history kept, bad input refused whole."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from cchc.agencies.actions import (
    AgencyError,
    map_text,
    record_succession,
    sync_plan_assignments,
)
from cchc.agencies.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    Assignment,
    AssignmentChange,
    Succession,
)
from cchc.agencies.registry import RegistryError, load_registry
from cchc.agencies.resolver import Resolver
from cchc.agencies.tests.conftest import MINI

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, extra: str, base: str | None = None) -> Path:
    path = tmp_path / "registry.toml"
    path.write_text(
        (base if base is not None else MINI.read_text(encoding="utf-8")) + extra, encoding="utf-8"
    )
    return path


def test_load_is_idempotent(mini_registry):
    counts = (Agency.objects.count(), Succession.objects.count(), AgencyAlias.objects.count())
    load_registry(path=MINI)
    assert counts == (
        Agency.objects.count(),
        Succession.objects.count(),
        AgencyAlias.objects.count(),
    )
    assert Agency.objects.get(code="bg.so-noi-vu").parent.code == "bg.ubnd-tinh"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('\n[[agency]]\ncode = "x.empty"\nname = " "\nlevel = "department"\n', "name"),
        ('\n[[agency]]\ncode = "x.lvl"\nname = "Sở X"\nlevel = "ministry"\n', "level"),
        (
            '\n[[succession]]\nfrom = "bg.so-noi-vu"\nto = ["x.unknown"]\non = "2025-07-01"\n',
            "x.unknown",
        ),
        (
            '\n[[succession]]\nfrom = "bn.so-noi-vu"\nto = ["bg.so-noi-vu"]\non = "2026-01-01"\n',
            "cycle",
        ),
        (
            '\n[[agency]]\ncode = "x.dup"\nname = "Sở Nội vụ tỉnh Bắc Giang"\nlevel = "department"'
            '\nvalid_from = "2020-01-01"\n',
            "overlapping",
        ),
        (
            '\n[[agency]]\ncode = "x.dates"\nname = "Sở Y"\nlevel = "department"\n'
            'valid_from = "2025-01-01"\nvalid_until = "2024-01-01"\n',
            "valid_until",
        ),
        (
            '\n[[agency]]\ncode = "x.date"\nname = "Sở Z"\nlevel = "department"\n'
            'valid_from = "1/7/2025"\n',
            "valid_from",
        ),
        ("\n[[agency\n", "TOML"),
    ],
)
def test_bad_registry_is_refused_whole(tmp_path, extra, message):
    with translation.override("en"), pytest.raises(RegistryError, match=message):
        load_registry(path=write(tmp_path, extra))
    assert Agency.objects.count() == 0


def test_command_load_and_resolve(tmp_path):
    out = StringIO()
    call_command("agencies", "load", str(MINI), stdout=out)
    assert "13" in out.getvalue()
    out = StringIO()
    call_command(
        "agencies",
        "resolve",
        "Sở TT&T T; UBND cấp huyện; Sở Ngoại vụ",
        "--on",
        "2026-01-01",
        "--json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert set(data) == {"text", "on", "agencies", "groups", "unresolved"}
    assert data["on"] == "2026-01-01"
    agency = data["agencies"][0]
    assert agency["name"] == "Sở Thông tin và Truyền thông tỉnh Bắc Giang"
    assert agency["level"] == "department" and agency["ended"] is True
    assert agency["successors"][0]["name"] == "Sở Khoa học và Công nghệ tỉnh Bắc Ninh"
    assert data["groups"][0]["name"] == "UBND cấp huyện"
    assert data["groups"][0]["ended_on"] == "2025-06-30"
    assert [m["code"] for m in data["groups"][0]["members"]] == ["bn.ubnd-xa-bo-ha"]
    assert data["unresolved"] == ["Sở Ngoại vụ"]
    with pytest.raises(CommandError, match=r"--on 31/12/2025"):
        call_command("agencies", "resolve", "Sở Nội vụ", "--on", "31/12/2025")
    with pytest.raises(CommandError, match=r"bad\.toml"):
        call_command("agencies", "load", str(_bad(tmp_path)))


def _bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text('[[agency]]\ncode = "a"\nname = ""\nlevel = "department"\n', "utf-8")
    return path


@pytest.fixture
def seed_with_registry(mini_registry):
    from cchc.conftest import import_seed

    return import_seed()


def test_import_assigns_agencies_and_groups(seed_with_registry):
    plan = seed_with_registry
    row64 = plan.nodes.get(number="64")
    lead = Assignment.objects.get(activity=row64, role="lead")
    assert lead.agency.code == "bg.so-tt-tt" and lead.source_text == "Sở TT&TT"
    partner_groups = set(
        Assignment.objects.filter(activity=row64, role="partner").values_list(
            "group__code", flat=True
        )
    )
    assert "ubnd-cap-huyen" in partner_groups
    assert AssignmentChange.objects.filter(assignment=lead, action="created").count() == 1
    # Syncing again changes nothing.
    again = sync_plan_assignments(plan_id=plan.pk)
    assert again.created == 0 and again.ended == 0 and again.kept > 0


def test_succession_moves_open_assignments_with_history(seed_with_registry, django_user_model):
    user = django_user_model.objects.create_user("snv", password="a-long-password-9")
    old = Agency.objects.get(code="bg.so-tu-phap")
    new = Agency.objects.create(
        code="bn.so-tu-phap",
        name="Sở Tư pháp tỉnh Bắc Ninh",
        short_name="Sở Tư pháp",
        level="department",
        valid_from=dt.date(2025, 7, 1),
    )
    open_before = Assignment.objects.filter(agency=old).open().count()
    assert open_before > 0
    result = record_succession(
        predecessor=old,
        successors=[new],
        on=dt.date(2025, 7, 1),
        legal_basis="Nghị quyết 202/2025/QH15",
        user=user,
    )
    assert result.moved == open_before
    assert Assignment.objects.filter(agency=old).open().count() == 0
    assert Assignment.objects.filter(agency=new).open().count() == open_before
    moved = AssignmentChange.objects.filter(action="transferred", to_agency=new)
    assert moved.count() == open_before
    change = moved.first()
    assert (change.actor, change.from_agency, change.reason) == (
        user,
        old,
        "Nghị quyết 202/2025/QH15",
    )
    old.refresh_from_db()
    assert old.valid_until == dt.date(2025, 6, 30)
    # Re-importing the plan keeps the moved assignments instead of recreating the old ones.
    again = sync_plan_assignments(plan_id=seed_with_registry.pk)
    assert again.created == 0 and again.ended == 0
    assert Assignment.objects.filter(agency=old).open().count() == 0


def test_bad_successions_change_nothing(mini_registry):
    a = Agency.objects.get(code="bg.so-noi-vu")
    b = Agency.objects.get(code="bn.so-noi-vu")
    before = (Succession.objects.count(), a.valid_until)
    with pytest.raises(AgencyError):
        record_succession(predecessor=a, successors=[], on=dt.date(2025, 7, 1))
    with pytest.raises(AgencyError):
        record_succession(predecessor=a, successors=[a], on=dt.date(2025, 7, 1))
    with pytest.raises(AgencyError, match=r"cycle|vòng"):
        record_succession(predecessor=b, successors=[a], on=dt.date(2025, 7, 2))
    with pytest.raises(AgencyError):  # the successor does not exist yet on that date
        record_succession(predecessor=a, successors=[b], on=dt.date(2024, 1, 1))
    a.refresh_from_db()
    assert (Succession.objects.count(), a.valid_until) == before


def test_mapping_is_remembered(mini_registry):
    assert Resolver.load().resolve("Sở Ngoại vụ", on=dt.date(2022, 1, 1)).unresolved
    agency = Agency.objects.get(code="bg.vp-ubnd")
    map_text(text="Sở Ngoại vụ", agency=agency)
    result = Resolver.load().resolve("Sở Ngoại vụ", on=dt.date(2022, 1, 1))
    assert [m.agency.code for m in result.agencies] == ["bg.vp-ubnd"]
    group = AgencyGroup.objects.get(code="so-nganh")
    map_text(text="Các đơn vị thuộc tỉnh", group=group)
    assert Resolver.load().resolve("Các đơn vị thuộc tỉnh", on=dt.date(2022, 1, 1)).groups
    with pytest.raises(AgencyError):
        map_text(text="  ", agency=agency)
    with pytest.raises(AgencyError):
        map_text(text="X", agency=agency, group=group)


def test_transfer_within_one_plan_only(seed_with_registry):
    from cchc.agencies.actions import transfer_assignments
    from cchc.conftest import build_small_plan

    other = build_small_plan(number="9/KH-X")
    old = Agency.objects.get(code="bg.so-tu-phap")
    row = other.nodes.filter(kind="activity")[0]
    Assignment.objects.create(activity=row, role="lead", agency=old)
    new = Agency.objects.create(
        code="bn.so-tu-phap",
        name="Sở Tư pháp tỉnh Bắc Ninh",
        short_name="Sở Tư pháp",
        level="department",
        valid_from=dt.date(2025, 7, 1),
    )
    Succession.objects.create(predecessor=old, successor=new, on=dt.date(2025, 7, 1), kind="merged")
    moved = transfer_assignments(agency=old, on=dt.date(2025, 7, 1), plan_id=seed_with_registry.pk)
    assert moved > 0
    assert Assignment.objects.filter(agency=old, activity__plan=other).open().count() == 1
    assert (
        not Assignment.objects.filter(agency=old, activity__plan=seed_with_registry).open().exists()
    )


def test_codes_accept_dots_but_not_diacritics():
    from django.core.exceptions import ValidationError

    agency = Agency(code="bg.so-noi-vu", name="Sở Nội vụ", level="department")
    agency.full_clean()
    agency.code = "bg.sở-nội-vụ"
    with pytest.raises(ValidationError):
        agency.full_clean()
