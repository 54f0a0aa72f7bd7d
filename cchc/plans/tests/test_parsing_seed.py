"""The seed plan (KH 402/KH-UBND, Bắc Giang 2021–2030) reads as the document means it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cchc.plans.parsing import ParsedPlan, parse_path

SEED = (
    Path(__file__).resolve().parents[3]
    / "sample_data"
    / "plans"
    / ("ke-hoach-402-KH-UBND-bac-giang-2021-2030.md")
)


@pytest.fixture(scope="module")
def seed() -> ParsedPlan:
    return parse_path(SEED)


def by_number(parsed: ParsedPlan) -> dict[str, dict]:
    return {item.number.rstrip("."): item.as_dict() for item in parsed.items if item.number}


def test_seed_has_the_70_numbered_activities_in_7_areas(seed):
    numbers = [int(item.number.rstrip(".")) for item in seed.items]
    assert numbers == [1, 2, *range(6, 74)]
    assert len(seed.items) == 70
    areas = [item.section[0] for item in seed.items]
    assert list(dict.fromkeys(areas)) == [
        "I. Cải cách thể chế",
        "II. Cải cách thủ tục hành chính",
        "III. Cải cách tổ chức bộ máy hành chính nhà nước",
        "IV. Cải cách chế độ công vụ",
        "V. Cải cách tài chính công",
        "VI. Xây dựng và phát triển chính quyền điện tử, chính quyền số",
        "VII. Công tác chỉ đạo, điều hành",
    ]
    assert all(len(item.section) == 1 for item in seed.items)


def test_document_metadata(seed):
    doc = seed.document
    assert doc.title == "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH TỈNH BẮC GIANG GIAI ĐOẠN 2021-2030"
    assert doc.number == "402/KH-UBND"
    assert doc.date is not None and doc.date.isoformat() == "2021-08-21"
    assert [c.field for c in doc.columns] == [
        "number",
        "objective",
        "task",
        "title",
        "outputs",
        "lead",
        "partners",
        "timeframe",
        "budget",
    ]
    assert doc.columns[5].label == "5-Chủ trì"


def test_page_split_rows_are_repaired(seed):
    rows = by_number(seed)
    assert rows["8"]["objective"].endswith("cách mạng công nghiệp lần thứ tư mang lại.")
    assert rows["8"]["title"].endswith("thích ứng với sự phát triển của xã hội số")
    assert rows["8"]["outputs"] == (
        "Các công, trang phổ biến giáo dục pháp luật tiếp tục được duy trì, vận hành"
    )
    assert rows["64"]["timeframe"] == "Triển khai 2022, hoàn thành 2025"
    assert rows["64"]["outputs"] == "Nâng cấp phần mềm"
    assert rows["64"]["partners"] == "Các sở, ngành, UBND huyện, thành phố"
    assert rows["17"]["lead"] == "Sở Thông tin và Truyền thông"


def test_row_60_activity_has_no_html(seed):
    title = by_number(seed)["60"]["title"]
    assert "<" not in title and ">" not in title
    assert "xử lý dữ liệu lớn" in title
    assert "Hướng tới Trung tâm Tích hợp dữ liệu đạt chuẩn tối thiểu Tier 3." in title
    assert not re.search(r"</?(p|ul|li)\b", json.dumps(seed.as_dict(), ensure_ascii=False))


def test_line_before_row_6_is_not_glued_onto_row_2(seed):
    rows = by_number(seed)
    assert rows["2"]["title"].endswith("đảm bảo 100% văn bản QPPL của HĐND, UBND tỉnh được")
    assert "pháp luật và theo dõi" not in rows["2"]["title"]
    assert rows["2"]["partners"] == "Các Sở, ngành"
    orphan = [w for w in seed.warnings if w.code == "orphan"]
    assert len(orphan) == 1 and orphan[0].line == 17
    assert "pháp luật và theo dõi" in orphan[0].message


def test_numbering_gap_and_two_tasks_in_one_cell_are_warned(seed):
    codes = {(w.code, w.line) for w in seed.warnings}
    assert ("numbering-gap", 18) in codes
    gap = next(w for w in seed.warnings if w.code == "numbering-gap")
    assert "3" in gap.message and "5" in gap.message
    two = [w for w in seed.warnings if w.code == "two-in-one-cell"]
    assert [w.line for w in two] == [78]
    assert len([w for w in seed.warnings if w.code != "suspect-field"]) == 3


def test_the_only_suspect_field_is_a_cell_the_document_prints_cut(seed):
    # Row 2's activity cell ends "… của HĐND, UBND tỉnh được" in the plan itself (the source
    # lost the rest of the sentence): the one field of the seed the check flags, rightly.
    suspects = [w for w in seed.warnings if w.code == "suspect-field"]
    assert [w.line for w in suspects] == [13]
    assert "tỉnh được" in suspects[0].message


def test_inherited_objective_and_task_cells(seed):
    rows = by_number(seed)
    assert rows["23"]["objective"] == rows["22"]["objective"]
    assert rows["23"]["objective"].endswith("ở các cơ quan, địa phương, đơn vị.")
    assert rows["30"]["task"] == rows["29"]["task"]
    assert rows["69"]["task"].startswith("2.3. Nhiệm vụ 3:")
    # A new objective does not inherit the task of the previous one.
    assert rows["33"]["task"].startswith("2.3: Nhiệm vụ 3")


def test_item_shape_and_source_lines(seed):
    first = seed.items[0].as_dict()
    assert set(first) >= {
        "number",
        "section",
        "objective",
        "task",
        "title",
        "outputs",
        "lead",
        "partners",
        "timeframe",
        "budget",
        "line",
    }
    assert first["number"] == "1."
    assert first["line"] == 12
    assert first["submit_level"] is None  # the seed has no such column
    rows = by_number(seed)
    assert rows["64"]["line"] == 162
    assert rows["25"]["budget"] == "Theo đề án được phê duyệt"
    assert SEED.read_text(encoding="utf-8").splitlines()[161].startswith("| 64 |")
