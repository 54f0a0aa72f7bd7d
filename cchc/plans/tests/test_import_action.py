"""Storing plans: the tree, re-import in place, the change report, all or nothing."""

from __future__ import annotations

import hashlib
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc.plans.actions import import_plan
from cchc.plans.models import Node, NodeKind, Plan, PlanImport
from cchc.plans.parsing import parse_bytes, parse_path
from cchc.plans.readers.base import ReadError
from cchc.plans.tests.test_parsing_seed import SEED

pytestmark = pytest.mark.django_db


def store(path: Path = SEED, **kwargs):
    data = path.read_bytes()
    return import_plan(
        parsed=parse_bytes(data, path.name),
        source_sha256=hashlib.sha256(data).hexdigest(),
        **kwargs,
    )


def test_seed_is_stored_as_a_tree():
    result = store()
    plan = result.plan
    assert result.plan_created
    assert (plan.number, plan.issued_on.isoformat()) == ("402/KH-UBND", "2021-08-21")
    nodes = Node.objects.filter(plan=plan)
    assert nodes.filter(kind=NodeKind.ACTIVITY).count() == 70
    areas = nodes.filter(kind=NodeKind.SECTION, parent=None).order_by("position")
    assert [a.number for a in areas] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert areas[0].title == "Cải cách thể chế"
    row64 = nodes.get(kind=NodeKind.ACTIVITY, number="64")
    task = row64.parent
    objective = task.parent
    assert (task.kind, objective.kind, objective.parent.number) == (
        NodeKind.TASK,
        NodeKind.OBJECTIVE,
        "VI",
    )
    assert row64.area.number == "VI"
    assert row64.timeframe == "Triển khai 2022, hoàn thành 2025"
    assert row64.source_line == 162
    assert "so tt&tt" in row64.search_text
    # Rows 22 and 23 share their inherited objective node.
    r22, r23 = nodes.get(number="22"), nodes.get(number="23")
    assert r22.parent.parent_id == r23.parent.parent_id
    assert result.record is not None and result.record.created == result.created
    # the seed's three warnings and the one field it prints cut (test_parsing_seed)
    assert len(result.record.warnings) == 4


def test_reimport_updates_in_place_and_reports_changes(tmp_path):
    first = store()
    count = Node.objects.count()
    again = store()
    assert again.plan.pk == first.plan.pk and not again.plan_created
    assert (again.created, again.updated, again.removed) == (0, 0, 0)
    assert again.unchanged == count == Node.objects.count()

    text = SEED.read_text(encoding="utf-8")
    text = text.replace(
        "| Quý I/2022 | Theo đề án được phê duyệt |", "| Quý II/2022 | Theo đề án được phê duyệt |"
    )
    text = text.replace("| 73 | | 2.5 Nhiệm vụ 5", "| 74 | | 2.5 Nhiệm vụ 5")
    revised = tmp_path / "revised.md"
    revised.write_text(text, encoding="utf-8")
    result = store(revised)
    assert result.plan.pk == first.plan.pk
    assert Plan.objects.count() == 1
    assert (result.created, result.updated, result.removed) == (1, 1, 1)
    updated = [c for c in result.changes if c["change"] == "updated"]
    assert updated == [
        {
            "key": "A:25",
            "kind": "activity",
            "number": "25",
            "title": updated[0]["title"],
            "change": "updated",
            "fields": ["timeframe"],
        }
    ]
    assert Node.objects.get(plan=first.plan, number="25").timeframe == "Quý II/2022"
    assert not Node.objects.filter(number="73").exists()
    assert PlanImport.objects.filter(plan=first.plan).count() == 3


def test_dry_run_reports_and_writes_nothing():
    result = store(dry_run=True)
    assert result.dry_run and result.created == 168
    assert Plan.objects.count() == 0 and Node.objects.count() == 0
    assert PlanImport.objects.count() == 0


def test_failed_import_writes_nothing(monkeypatch):
    store()
    before = list(Node.objects.values_list("key", "title").order_by("key"))

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(PlanImport.objects, "create", boom)
    text = SEED.read_text(encoding="utf-8").replace("Sở Tư pháp", "Sở TƯ PHÁP")
    parsed = parse_bytes(text.encode(), "seed.md")
    with pytest.raises(RuntimeError):
        import_plan(parsed=parsed, source_sha256="x")
    assert list(Node.objects.values_list("key", "title").order_by("key")) == before
    assert PlanImport.objects.count() == 1


def test_command_json_preview(capsys):
    out = StringIO()
    call_command("import_plan", str(SEED), "--dry-run", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert set(payload) >= {"document", "items", "warnings"}
    assert payload["document"]["number"] == "402/KH-UBND"
    assert len(payload["items"]) == 70
    assert payload["items"][0]["section"] == ["I. Cải cách thể chế"]
    assert all({"line", "message"} <= set(w) for w in payload["warnings"])
    # every item lists the targets read from its prose (cchc/indicators/extraction/preview.py)
    assert all(isinstance(item["targets"], list) for item in payload["items"])
    assert sum(len(item["targets"]) for item in payload["items"]) == 47
    assert Plan.objects.count() == 0


def test_command_stores_and_reimports():
    out = StringIO()
    call_command("import_plan", str(SEED), stdout=out)
    assert Plan.objects.count() == 1
    out = StringIO()
    call_command("import_plan", str(SEED), stdout=out)
    assert Plan.objects.count() == 1
    assert "unchanged" in out.getvalue() or "không đổi" in out.getvalue()


def test_command_reports_bad_file_and_writes_nothing(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match=r"empty\.md"):
        call_command("import_plan", str(empty), stdout=StringIO())
    with pytest.raises(CommandError, match=r"missing\.md"):
        call_command("import_plan", str(tmp_path / "missing.md"), stdout=StringIO())
    assert Plan.objects.count() == 0


def test_other_shapes_store_too():
    for name in ("so-tu-phap-2026.txt", "prose-blocks.txt", "two-row-header.md"):
        path = Path(__file__).parent / "fixtures" / name
        result = store(path)
        parsed = parse_path(path)
        activities = Node.objects.filter(plan=result.plan, kind=NodeKind.ACTIVITY)
        assert activities.count() == len(parsed.items)
    assert Plan.objects.count() == 3


def test_nothing_to_import_is_refused():
    parsed = parse_bytes(b"| STT | Nhiem vu | Chu tri |\n| 1 | Viec | So |", "x.md")
    parsed.items.clear()
    with pytest.raises(ReadError):
        import_plan(parsed=parsed, source_sha256="x")


def test_correcting_a_node_keeps_history_and_search_in_step(django_user_model):
    from cchc.plans.actions import correct_node
    from cchc.plans.models import NodeCorrection

    store()
    editor = django_user_model.objects.create_user("editor", password="x-long-password-1")
    node = Node.objects.get(number="64")
    correction = correct_node(
        node=node,
        changes={"lead": "Sở Khoa học và Công nghệ", "timeframe": node.timeframe},
        user=editor,
        reason="Sở TT&TT hợp nhất vào Sở KH&CN",
    )
    assert correction is not None
    assert correction.changes == {"lead": {"from": "Sở TT&TT", "to": "Sở Khoa học và Công nghệ"}}
    assert correction.corrected_by == editor
    node.refresh_from_db()
    assert "so khoa hoc va cong nghe" in node.search_text
    assert correct_node(node=node, changes={"lead": "Sở Khoa học và Công nghệ"}) is None
    # A corrected section title reaches the search text of the rows below it.
    area = Node.objects.get(kind=NodeKind.SECTION, number="VI")
    correct_node(node=area, changes={"title": "Chuyển đổi số"})
    assert "chuyen doi so" in Node.objects.get(number="64").search_text
    assert NodeCorrection.objects.count() == 2
    with pytest.raises(ValueError):
        correct_node(node=area, changes={"title": "  "})
    with pytest.raises(ValueError):
        correct_node(node=area, changes={"key": "x"})


def test_export_command_round_trips(tmp_path):
    result = store()
    target = tmp_path / "out.xlsx"
    out = StringIO()
    call_command("export_plan", str(result.plan.pk), "-o", str(target), stdout=out)
    assert target.exists() and "out.xlsx" in out.getvalue()
    back = parse_path(target)
    assert len(back.items) == 70 and back.document.number == "402/KH-UBND"
    with pytest.raises(CommandError):
        call_command("export_plan", "999", stdout=StringIO())


def test_a_reimport_updates_only_the_changed_columns(tmp_path):
    """The bulk UPDATE of a re-import sets the columns some node changed in, no others."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = store()
    areas = Node.objects.filter(plan=first.plan, kind=NodeKind.SECTION, parent=None)
    assert all(a.area_id == a.pk for a in areas)  # a top-level section is its own area
    text = SEED.read_text(encoding="utf-8").replace(
        "| Quý I/2022 | Theo đề án được phê duyệt |", "| Quý II/2022 | Theo đề án được phê duyệt |"
    )
    revised = tmp_path / "revised.md"
    revised.write_text(text, encoding="utf-8")
    with CaptureQueriesContext(connection) as ctx:
        result = store(revised)
    assert (result.created, result.updated, result.removed) == (0, 1, 0)
    updates = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('UPDATE "plans_node"')]
    assert len(updates) == 1
    set_part = updates[0].split(" WHERE ")[0]
    assert '"timeframe" = ' in set_part and '"search_text" = ' in set_part
    assert '"title" = ' not in set_part and '"budget" = ' not in set_part
    row = Node.objects.get(plan=first.plan, number="25")
    assert row.timeframe == "Quý II/2022" and "quy ii/2022" in row.search_text
