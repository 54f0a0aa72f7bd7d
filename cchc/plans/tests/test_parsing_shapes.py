"""Plans in the genre's other shapes: embedded tables, prose blocks, two-row headers …"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.plans.parsing import parse_bytes, parse_path
from cchc.plans.parsing.columns import field_for_label, map_header

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("STT", "number"),
        ("Số TT", "number"),
        ("1- Mục tiêu", "objective"),
        ("Tên nhiệm vụ", "task"),
        ("Nội dung", "task"),
        ("Nhiệm vụ, giải pháp", "task"),
        ("3- Hoạt động", "title"),
        ("4- Kết quả/ Sản phẩm", "outputs"),
        ("Sản phẩm đầu ra", "outputs"),
        ("Kết quả dự kiến", "outputs"),
        ("5-Chủ trì", "lead"),
        ("Cơ quan chủ trì", "lead"),
        ("Đơn vị thực hiện", "lead"),
        ("Bộ phụ trách tiếp nhận, xử lý", "lead"),
        ("Đơn vị tiếp nhận, xử lý", "lead"),
        ("6-Phối hợp", "partners"),
        ("Cơ quan phối hợp", "partners"),
        ("7-Thời gian", "timeframe"),
        ("Thời gian hoàn thành", "timeframe"),
        ("Thời gian thực hiện", "timeframe"),
        ("Thời gian trình", "timeframe"),
        ("8- Kinh phí (triệu đồng)", "budget"),
        ("Nguồn kinh phí", "budget"),
        ("Cấp trình", "submit_level"),
        ("Ghi chú", "notes"),
        ("Nội dung thực hiện", "task"),
        ("Mức độ ưu tiên", None),
    ],
)
def test_columns_are_recognised_by_meaning(label, field):
    assert field_for_label(label) == field


def test_task_column_is_the_title_without_an_activity_column():
    assert map_header(["TT", "Tên nhiệm vụ", "Chủ trì"]) == ["number", "title", "lead"]
    assert map_header(["TT", "Nhiệm vụ", "Nội dung", "Chủ trì"]) == [
        "number",
        "task",
        "title",
        "lead",
    ]


def test_table_embedded_in_a_whole_document():
    parsed = parse_path(FIXTURES / "so-tu-phap-2026.txt")
    doc = parsed.document
    assert doc.number == "27/KH-STP"
    assert doc.date is not None and doc.date.isoformat() == "2026-01-15"
    assert doc.title == "KẾ HOẠCH Cải cách hành chính năm 2026 của Sở Tư pháp"
    assert doc.issuer == "SỞ TƯ PHÁP"
    assert [i.number for i in parsed.items] == ["1", "2", "3", "4", "5"]
    assert parsed.items[0].section == ["A. CẢI CÁCH THỂ CHẾ", "I. Xây dựng văn bản"]
    assert parsed.items[2].section == ["A. CẢI CÁCH THỂ CHẾ", "II. Theo dõi thi hành pháp luật"]
    assert parsed.items[3].section == ["B. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"]
    first = parsed.items[0]
    assert first.title == "Xây dựng dự thảo Nghị quyết của HĐND tỉnh về trợ giúp pháp lý"
    assert first.task is None and first.objective is None  # no such columns
    assert first.timeframe == "Quí IV-2026"
    assert first.budget == "Ngân sách tỉnh"
    assert parsed.items[4].timeframe == "Quý IV/2025- Quý II/2026"
    # Row 4 has one cell fewer than the header (merged cells): read from the left, warned.
    merged = [w for w in parsed.warnings if w.code == "merged-cells"]
    assert [w.line for w in merged] == [parsed.items[3].line]
    assert parsed.items[3].timeframe == "Hằng năm"
    assert parsed.items[3].budget == ""


def test_prose_task_blocks():
    parsed = parse_path(FIXTURES / "prose-blocks.txt")
    assert parsed.document.number == "112/KH-SKHCN"
    assert parsed.document.date is not None and parsed.document.date.isoformat() == "2026-02-05"
    items = [i.as_dict() for i in parsed.items]
    assert [i["number"] for i in items] == ["1", "2", "3"]
    assert items[0]["task"] == "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính"
    assert items[0]["title"] == (
        "Nâng cấp, tích hợp Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh "
        "với Cổng Dịch vụ công quốc gia."
    )
    assert items[0]["lead"] == "Trung tâm Công nghệ thông tin và Truyền thông."
    assert items[0]["partners"] == "Văn phòng UBND tỉnh; các sở, ngành."
    assert items[0]["timeframe"] == "Quý II/2026."
    assert items[0]["outputs"] == "Hệ thống được nâng cấp."
    assert items[0]["section"] == ["I. NHIỆM VỤ TRỌNG TÂM"]
    assert items[0]["line"] == 10
    assert items[2]["section"] == ["II. NHIỆM VỤ THƯỜNG XUYÊN"]
    assert items[2]["partners"] == ""
    assert items[2]["budget"] is None


def test_two_row_header_numbering_row_and_dotted_groups():
    parsed = parse_path(FIXTURES / "two-row-header.md")
    fields = [c.field for c in parsed.document.columns]
    assert fields == ["number", "title", "outputs", "lead", "partners", "timeframe", "submit_level"]
    assert [i.number for i in parsed.items] == ["1.1", "1.2", "2.1", "2.2"]
    assert parsed.items[0].section == ["1. Nhóm nhiệm vụ về thể chế"]
    assert parsed.items[0].lead == "Sở Nội vụ"
    assert parsed.items[0].partners == "Sở Tư pháp"
    assert parsed.items[0].submit_level == "UBND tỉnh"
    assert parsed.items[2].section == ["2. Nhóm nhiệm vụ về tài chính"]
    assert parsed.document.number == "45/KH-UBND"


def test_pipe_rows_without_separator_line_and_section_padded_or_repeated():
    text = "\n".join(
        [
            "| STT | Nội dung | Chủ trì | Thời gian |",
            "| I. Thể chế | | | |",
            "| 1 | Rà soát văn bản | Sở Tư pháp | 2026 |",
            "| Cải cách TTHC | Cải cách TTHC | Cải cách TTHC | Cải cách TTHC |",
            "| 2 | Công bố TTHC | Văn phòng UBND tỉnh | Quý I/2026 |",
            "| | <p>tiếp tục</p> công bố | | |",
            "| 3 | Hai <b>việc</b> &amp; một | Sở Nội vụ | 2026 |",
        ]
    )
    parsed = parse_bytes(text.encode(), "plan.md")
    assert [i.number for i in parsed.items] == ["1", "2", "3"]
    assert parsed.items[0].section == ["I. Thể chế"]
    assert parsed.items[1].section == ["Cải cách TTHC"]
    # Mid-table row without a number and without a lead continues the row above.
    assert parsed.items[1].title == "Công bố TTHC tiếp tục\ncông bố"
    assert parsed.items[2].title == "Hai việc & một"


def test_page_break_continuation_row_is_glued_cell_by_cell():
    header = "| STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |"
    text = "\n".join(
        [
            header,
            "|---|---|---|---|---|",
            "| 1 | Xây dựng kế hoạch | Sở Nội vụ | Các sở, | Quý I/ |",
            "",
            header,
            "|---|---|---|---|---|",
            "| | năm 2026 | | ngành | 2026 |",
            "| 2 | Kiểm tra | Sở Nội vụ | | 2026 |",
        ]
    )
    parsed = parse_bytes(text.encode(), "split.md")
    first = parsed.items[0]
    assert (first.title, first.partners, first.timeframe) == (
        "Xây dựng kế hoạch năm 2026",
        "Các sở, ngành",
        "Quý I/ 2026",
    )
    assert len(parsed.items) == 2 and not parsed.warnings


def test_section_levels_of_any_depth():
    text = "\n".join(
        [
            "| TT | Tên nhiệm vụ | Đơn vị thực hiện |",
            "| PHẦN I | CÁC NHIỆM VỤ CHUNG | |",
            "| A | KHỐI SỞ | |",
            "| I | Thể chế | |",
            "| 5 | Nhóm văn bản | |",
            "| 5.1 | Văn bản A | Sở Tư pháp |",
            "| II | Tổ chức | |",
            "| 1 | Sắp xếp | Sở Nội vụ |",
            "| B | KHỐI XÃ | |",
            "| 1 | Tuyên truyền | UBND xã |",
        ]
    )
    parsed = parse_bytes(text.encode(), "deep.md")
    assert [i.section for i in parsed.items] == [
        ["PHẦN I. CÁC NHIỆM VỤ CHUNG", "A. KHỐI SỞ", "I. Thể chế", "5. Nhóm văn bản"],
        ["PHẦN I. CÁC NHIỆM VỤ CHUNG", "A. KHỐI SỞ", "II. Tổ chức"],
        ["PHẦN I. CÁC NHIỆM VỤ CHUNG", "B. KHỐI XÃ"],
    ]


def test_extra_cells_and_unknown_columns_are_kept():
    text = "\n".join(
        [
            "| STT | Nhiệm vụ | Chủ trì | Mức độ ưu tiên |",
            "| 1 | Việc một | Sở Nội vụ | Cao | thừa |",
        ]
    )
    parsed = parse_bytes(text.encode(), "extra.md")
    item = parsed.items[0]
    assert item.extra == {"Mức độ ưu tiên": "Cao thừa"}
    assert [w.code for w in parsed.warnings] == ["extra-cells"]


def test_tab_separated_table_in_plain_text():
    text = (
        "Kế hoạch số 9/KH-UBND\n\nTT\tNhiệm vụ\tChủ trì\tThời gian\n1\tViệc một\tSở Nội vụ\t2026\n"
    )
    parsed = parse_bytes(text.encode(), "tabs.txt")
    assert parsed.items[0].lead == "Sở Nội vụ"
    assert parsed.document.number == "9/KH-UBND"


def test_lettered_sub_rows_and_roman_rows_with_details_are_rows_of_work():
    text = "\n".join(
        [
            "| STT | Nội dung | Chủ trì | Thời gian |",
            "| I | Thể chế | | |",
            "| 1 | Rà soát văn bản | Sở Tư pháp | 2026 |",
            "| a | Rà soát nghị quyết | Sở Tư pháp | Quý I/2026 |",
            "| b | Rà soát quyết định | Sở Tư pháp | Quý II/2026 |",
            "| II | Tổng kết công tác năm | Sở Nội vụ | Tháng 12/2026 |",
        ]
    )
    parsed = parse_bytes(text.encode(), "sub.md")
    assert [(i.number, i.section) for i in parsed.items] == [
        ("1", ["I. Thể chế"]),
        ("a", ["I. Thể chế"]),
        ("b", ["I. Thể chế"]),
        ("II", ["I. Thể chế"]),
    ]


def test_page_breaks_without_a_number_column():
    header = "| Nhiệm vụ | Chủ trì | Thời gian |"
    text = "\n".join(
        [
            header,
            "|---|---|---|",
            "| Xây dựng kế hoạch | Sở Nội vụ | Quý I/2026 |",
            "| Kiểm tra công vụ tại | Sở Nội vụ | 2026 |",
            "",
            header,
            "|---|---|---|",
            "| các cơ quan | | |",
            "| Tổng kết | Sở Nội vụ | Tháng 12/2026 |",
        ]
    )
    parsed = parse_bytes(text.encode(), "nonum.md")
    assert [i.title for i in parsed.items] == [
        "Xây dựng kế hoạch",
        "Kiểm tra công vụ tại các cơ quan",
        "Tổng kết",
    ]
