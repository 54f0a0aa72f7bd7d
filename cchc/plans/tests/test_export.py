"""The Excel export: laid out like the source document, and importing it gives the same plan."""

from __future__ import annotations

import hashlib
import io

import pytest
from openpyxl import load_workbook

from cchc.conftest import SEED_PLAN, build_small_plan
from cchc.plans.actions import import_plan
from cchc.plans.export import export_plan_xlsx
from cchc.plans.models import Node, NodeKind, Plan
from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.cells import normalise_number, split_numbering

pytestmark = pytest.mark.django_db

SEED_LABELS = [
    "STT",
    "1- Mục tiêu",
    "2- Nhiệm vụ",
    "3- Hoạt động",
    "4- Kết quả/ Sản phẩm",
    "5-Chủ trì",
    "6-Phối hợp",
    "7-Thời gian",
    "8- Kinh phí (triệu đồng)",
]


def _rows(data: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _header_index(rows: list[list[str]]) -> int:
    return next(i for i, row in enumerate(rows) if row[:1] == ["STT"])


def test_workbook_layout(seed_plan: Plan):
    rows = _rows(export_plan_xlsx(seed_plan))
    # Title block: appendix line, the title, the reference line with number and date.
    assert rows[0][0] == "Phụ lục"
    assert rows[1][0] == "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH TỈNH BẮC GIANG GIAI ĐOẠN 2021-2030"
    assert rows[2][0] == "(Kèm theo Kế hoạch số 402/KH-UBND ngày 21/8/2021 của UBND tỉnh Bắc Giang)"
    h = _header_index(rows)
    assert rows[h] == SEED_LABELS  # the document's own columns, in order
    body = rows[h + 1 :]
    # Section rows: number in the number column, title in the next one, nothing else.
    assert body[0] == ["I", "Cải cách thể chế", "", "", "", "", "", "", ""]
    sections = [r[0] for r in body if r[1] and not r[3]]
    assert sections == ["I", "II", "III", "IV", "V", "VI", "VII"]
    activities = [r for r in body if r[3]]
    assert len(activities) == 70
    first = activities[0]
    assert first[0] == "1"  # the row number as stored, without its printed dot
    assert first[1].startswith("1.1: Mục tiêu 1: Cơ bản hoàn thiện thể chế")
    assert first[2].startswith("2.1: Nhiệm vụ 1: tiếp tục hoàn thiện hệ thống văn bản")
    assert first[3] == "3.1: Hoạt động 1: ban hành văn bản QPPL điều chỉnh các nội dung của ngành"
    assert first[4:8] == ["Các Nghị quyết/ Quyết định", "Các Sở, ngành", "Sở Tư pháp", "2021-2030"]
    # Objective and task cells are printed on the first row they cover and left empty below,
    # as in the document: row 23 continues row 22's objective.
    by_number = {r[0]: r for r in activities}
    assert by_number["22"][1] and by_number["22"][2]
    assert not by_number["23"][1] and by_number["23"][2]
    assert not by_number["30"][1] and not by_number["30"][2]


def test_reimporting_the_export_gives_the_same_items(seed_plan: Plan):
    """Field by field: every row of work read back from the workbook equals the original."""
    original = parse_bytes(SEED_PLAN.read_bytes(), SEED_PLAN.name)
    back = parse_bytes(export_plan_xlsx(seed_plan), "ke-hoach-402-KH-UBND.xlsx")
    assert back.document.title == original.document.title
    assert back.document.number == original.document.number
    assert back.document.date == original.document.date
    assert back.document.issuer == original.document.issuer
    assert [c.as_dict() for c in back.document.columns] == [
        c.as_dict() for c in original.document.columns
    ]
    assert len(back.items) == len(original.items) == 70
    for before, after in zip(original.items, back.items, strict=True):
        expected, actual = before.as_dict(), after.as_dict()
        expected.pop("line")
        actual.pop("line")
        # The export writes the numbering as stored: the row number without its printed dot
        # ("1." → "1"), the label in one spelling ("3.6. hoạt động 6:" → "3.6: Hoạt động 6:");
        # the stored number, label and words are the same.
        for name, value in expected.items():
            if name == "number":
                assert normalise_number(actual[name]) == normalise_number(value)
            elif name in ("objective", "task", "title") and value:
                assert split_numbering(actual[name]) == split_numbering(value), name
            else:
                assert actual[name] == value, f"row {before.number}: {name}"
    # The workbook has no page breaks: only the document's own oddities are warned again (the
    # cell the seed prints cut, "… tỉnh được", is one: test_parsing_seed).
    assert [w.code for w in back.warnings] == ["numbering-gap", "two-in-one-cell", "suspect-field"]


def test_reimporting_the_export_changes_nothing(seed_plan: Plan):
    data = export_plan_xlsx(seed_plan)
    result = import_plan(
        parsed=parse_bytes(data, "ke-hoach-402-KH-UBND.xlsx"),
        source_sha256=hashlib.sha256(data).hexdigest(),
        dry_run=True,
    )
    assert result.plan.pk == seed_plan.pk
    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert result.unchanged == Node.objects.filter(plan=seed_plan).count()


def test_extra_columns_and_hand_built_plans_round_trip(db):
    """A plan with an unrecognised column keeps it under its label."""
    plan = build_small_plan()
    data = export_plan_xlsx(plan)
    rows = _rows(data)
    h = _header_index(rows)
    assert rows[h][-1] == "Mức độ ưu tiên"
    back = parse_bytes(data, "thu-nghiem.xlsx")
    stored = Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).order_by("position")
    assert [i.number for i in back.items] == [n.number for n in stored]
    assert [i.title for i in back.items] == [n.title for n in stored]
    assert [i.lead for i in back.items] == [n.lead for n in stored]
    assert back.items[0].extra == {"Mức độ ưu tiên": "Cao"}
    sections = [["I. Cải cách thể chế"]] * 2 + [["III. Cải cách tổ chức bộ máy"]] * 2
    assert [i.section for i in back.items] == sections


def test_plan_without_columns_uses_the_seed_layout(db):
    plan = build_small_plan(columns=[])
    rows = _rows(export_plan_xlsx(plan))
    assert rows[_header_index(rows)][:4] == ["STT", "Mục tiêu", "Nhiệm vụ", "Hoạt động"]


def test_formula_like_text_stays_text(db):
    plan = build_small_plan()
    Node.objects.filter(plan=plan, number="1").update(outputs="=SUM(A1:A2)")
    sheet = load_workbook(io.BytesIO(export_plan_xlsx(plan))).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row if c.value == "=SUM(A1:A2)"]
    assert len(cells) == 1 and cells[0].data_type == "s"
