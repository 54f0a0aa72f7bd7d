"""The suspect-field rules for rows read shifted (issue 15, held-out round 11): a row that took
a neighbour's words is a warning with its line. Each rule on a made-up row, and the right rows
it must leave alone."""

from __future__ import annotations

import pytest

from cchc.plans.parsing.result import DocumentInfo, Item, ParsedPlan
from cchc.plans.parsing.suspects import CODE, check_suspects, suspect_fields


def _item(**fields: str | None) -> Item:
    values: dict[str, str | None] = {
        "number": "2",
        "title": "Rà soát danh mục thủ tục hành chính",
        "lead": "Sở Tư pháp",
        "partners": "Các sở, ngành",
        "timeframe": "Năm 2026",
    }
    values.update(fields)
    return Item(line=11, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "field", "rule"),
    [
        # a modal or a verb the vocabulary lacks after the body: the task's start is in it
        ({"lead": "Sở Công Thương sẽ định kỳ"}, "lead", "lead-modal"),
        ({"lead": "Chi cục Hải quan các cửa khẩu chú trọng"}, "lead", "lead-modal"),
        ({"lead": "Các phòng, ban chuyên môn can"}, "lead", "lead-modal"),  # OCR "cần"
        ({"lead": "Sở Nội vụ với vai trò"}, "lead", "lead-modal"),
        # a bracketed note read as the lead: another column's cell, one off
        ({"lead": "(Phòng Kế hoạch, Phòng Pháp chế)"}, "lead", "lead-bracketed"),
        # the part after ";" names no body: a wrapped line of another row
        ({"lead": "Công an tỉnh; các chương trình, đề"}, "lead", "lead-list-remnant"),
        # the closing formula read as a row
        ({"title": "Nghiêm túc triển khai thực hiện."}, "title", "title-closing"),
        ({"title": "Tổ chức thực hiện nghiêm túc Công văn này"}, "title", "title-closing"),
        # the frame of another body's sentence opening the title
        ({"title": "Đối với 12 Chi cục Thuế khu vực có số thu lớn"}, "title", "title-frame"),
    ],
)
def test_a_shifted_row_is_suspect(fields: dict[str, str], field: str, rule: str) -> None:
    assert suspect_fields(_item(**fields)).get(field) == rule


@pytest.mark.parametrize(
    "fields",
    [
        {"lead": "Các doanh nghiệp đang hoạt động trong khu công nghiệp"},
        {"lead": "Sở Y tế; các bệnh viện tuyến tỉnh"},
        # the armed forces' bodies and their heads
        {"lead": "Ban Chỉ đạo quốc gia; Tư lệnh các quân khu; Bộ Chỉ huy quân sự các tỉnh"},
        {"lead": "Văn phòng Ủy ban nhân dân tỉnh (Phòng Tổng hợp)"},
        {"lead": "Phòng Tài chính - Kế hoạch"},
        {"title": "Tổ chức thực hiện chương trình tập huấn cho cán bộ"},
        {"title": "Thực hiện nghiêm túc chế độ báo cáo định kỳ hằng quý"},
        {"title": "Rà soát các quy định đối với Sở, ngành có thủ tục liên thông"},
    ],
)
def test_rows_read_right_are_left_alone(fields: dict[str, str]) -> None:
    assert suspect_fields(_item(**fields)) == {}


def test_the_warning_names_the_row_and_carries_its_line() -> None:
    plan = ParsedPlan(
        document=DocumentInfo(title="Kế hoạch"),
        items=[_item(), _item(number="3", title="Nghiêm túc triển khai thực hiện.")],
    )
    check_suspects(plan)
    assert [(w.line, w.code) for w in plan.warnings] == [(11, CODE)]
    assert "3" in plan.warnings[0].message
