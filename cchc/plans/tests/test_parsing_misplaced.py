"""The suspect-field rules for fields holding another field's text (``parsing/misplaced.py``):
each on a made-up row, the right rows each must leave alone, and the verdict kept per plan
that must not carry one row's verdict to another whose other fields differ."""

from __future__ import annotations

import pytest

from cchc.plans.parsing.result import DocumentInfo, ParsedPlan
from cchc.plans.parsing.suspects import CODE, check_suspects, suspect_fields
from cchc.plans.tests.test_parsing_shift_suspects import _item  # the same made-up row


@pytest.mark.parametrize(
    ("fields", "field", "rule"),
    [
        # the title cell holds only a sub-point's number
        ({"title": "3"}, "title", "title-number"),
        ({"title": "4."}, "title", "title-number"),
        # the row's own sub-points glued into its title
        ({"title": "Nâng cao chất lượng quản lý đất đai 2.1"}, "title", "title-subpoint"),
        (
            {"number": "3", "title": "Giải quyết khiếu nại tồn đọng 3.1. Rà soát các vụ việc"},
            "title",
            "title-subpoint",
        ),
        # a number cell holding a sentence: the columns are shifted
        (
            {"number": "Thông tư hướng dẫn về quản lý phí", "title": "Sở Tài chính"},
            "title",
            "title-number-words",
        ),
        (
            {"number": "Quyết định ban hành quy chế phối hợp", "lead": None},
            "lead",
            "lead-number-words",
        ),
        # the role words of the assignment inside the lead, and no partners
        (
            {"lead": "Sở Y tế chủ trì, phối hợp với Sở Tài chính", "partners": None},
            "lead",
            "lead-role",
        ),
        (
            {"lead": "Ủy ban nhân dân các xã phối hợp với Công an tỉnh", "partners": ""},
            "partners",
            "partners-in-lead",
        ),
        # no lead, the title opens with the body and its verb
        ({"lead": "", "title": "Chủ đầu tư hoàn thành thủ tục bàn giao"}, "lead", "lead-in-title"),
        (
            {"lead": None, "title": "Sở Công Thương khẩn trương rà soát các cửa hàng"},
            "lead",
            "lead-in-title",
        ),
        # no partners, the title opens with a frame and the role words
        (
            {
                "partners": "",
                "title": "Theo thẩm quyền chủ trì, phối hợp với các Sở, ngành xây dựng quy chế",
            },
            "partners",
            "partners-in-title",
        ),
        # a timeframe naming no time: the products' column read one off
        (
            {"timeframe": "- Hồ sơ gồm có: (1) Tờ trình; (2) Dự thảo quyết định; (3) Báo cáo"},
            "timeframe",
            "timeframe-no-time",
        ),
    ],
)
def test_a_misplaced_field_is_suspect(fields: dict[str, str], field: str, rule: str) -> None:
    assert suspect_fields(_item(**fields)).get(field) == rule


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Rà soát 2 quy trình nội bộ"},
        {"title": None},
        {"title": "Áp dụng ISO 9001:2015 tại các cơ quan"},
        {"number": "2", "title": "Thực hiện khoản 3.1 của Quy chế"},  # another point's number
        {"number": "Mục II.3"},
        {"lead": "Cơ quan phối hợp", "partners": ""},
        {"lead": "Các Sở, ngành chủ trì, quản lý các dự án", "partners": ""},
        {"lead": "", "title": "Tổ chức triển khai Luật Tiêu chuẩn"},
        {"lead": "", "title": "Báo cáo kết quả thực hiện"},
        {"partners": "", "title": "Xây dựng tài liệu tuyên truyền, phối hợp với các cơ quan báo"},
        {"partners": "", "title": "Chỉ đạo Sở Y tế chủ trì, phối hợp với các sở tổ chức tập huấn"},
        {"partners": "", "title": "Tham mưu Ủy ban nhân dân tỉnh phối hợp các bộ xây dựng đề án"},
        {"timeframe": "Theo tiến độ xây dựng dự thảo của cơ quan chủ trì"},
        {"timeframe": "Sau khi có hướng dẫn của Bộ Nội vụ"},
        {"timeframe": "Thuong xuyen, lien tuc trong ca giai doan"},  # OCR, no diacritics
        {"timeframe": "Kịp thời khi có văn bản chỉ đạo của cấp trên"},
        {"timeframe": "Quyết định phê duyệt"},  # a short cell: the interpreter's to judge
    ],
)
def test_rows_read_right_are_left_alone(fields: dict[str, str]) -> None:
    assert suspect_fields(_item(**fields)) == {}


def test_the_verdict_kept_per_plan_reads_the_other_fields() -> None:
    # the same empty partners on two rows: only the row whose lead holds them is flagged
    parsed = ParsedPlan(document=DocumentInfo(source_name="x.md", format="md"))
    parsed.items = [
        _item(lead="Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp", partners=""),
        _item(lead="Sở Nội vụ", partners="", number="3"),
        _item(title="5", number="4"),
        _item(title="5", number="5", lead=""),
    ]
    seen: dict[tuple[object, ...], str] = {}
    assert suspect_fields(parsed.items[0], seen).get("partners") == "partners-in-lead"
    assert "partners" not in suspect_fields(parsed.items[1], seen)
    for line, item in enumerate(parsed.items, start=1):
        item.line = line
    check_suspects(parsed)
    lines = [w.line for w in parsed.warnings if w.code == CODE]
    assert lines.count(1) == 2  # its lead and its partners
    assert lines.count(2) == 0
    # a title that is a number: flagged on its row; and an empty lead is tested with its title
    assert lines.count(3) == 1
    assert lines.count(4) == 1
