"""The rules for tables, labelled blocks and emphasis written after the held-out round 4 of the
corpus (issue 15), each on a small made-up document of the genre (other bodies, other words)."""

from __future__ import annotations

import pytest

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.result import Item
from cchc.plans.readers.base import ReadError


def _items(text: str, name: str = "plan.md") -> list[Item]:
    return parse_bytes(text.encode(), name).items


def _crawled_table(rows: list[list[str]]) -> str:
    """A table as crawled into markdown: every cell on its own lines between "|" lines."""
    lines: list[str] = []
    for row in rows:
        lines.append("|")
        for cell in row:
            lines += [cell, "|"]
    return "\n".join(lines) + "\n"


def test_rows_under_merged_down_cells_are_rows_of_work_taking_the_lead_and_partners() -> None:
    text = "PHỤ LỤC\nPHÂN CÔNG NHIỆM VỤ\n" + _crawled_table(
        [
            ["**TT**", "**Đơn vị chủ trì**", "**Đơn vị phối hợp**", "**Nội dung**", "**Thời hạn**"],
            ["**I.**", "**SỞ XÂY DỰNG**"],
            [
                "1",
                "Sở Xây dựng",
                "- Sở Tài chính;\n- Công an tỉnh;\n- UBND các xã,\nphường.",
                "- Rà soát quy hoạch bến xe khách.",
                "Quý II năm 2026",
            ],
            ["- Lập đề án bãi đỗ xe công cộng.", "Năm 2027"],
            ["- Kiểm tra tải trọng cầu yếu.", "Hằng năm"],
            ["2", "Sở Xây dựng", "Sở Nội vụ", "Đào tạo kiểm định viên.", "Năm 2026"],
        ]
    )
    items = _items(text)
    assert [item.title for item in items] == [
        "Rà soát quy hoạch bến xe khách.",
        "Lập đề án bãi đỗ xe công cộng.",
        "Kiểm tra tải trọng cầu yếu.",
        "Đào tạo kiểm định viên.",
    ]
    assert [item.number for item in items] == ["1", "", "", "2"]
    assert {item.lead for item in items} == {"Sở Xây dựng"}
    # A partner cell of "- " lines is one list, without its dashes and final stop.
    assert items[0].partners == "Sở Tài chính; Công an tỉnh; UBND các xã, phường"
    assert items[2].partners == items[0].partners
    assert [item.timeframe for item in items[1:3]] == ["Năm 2027", "Hằng năm"]
    # The lettered bold row spanning the table is a section, not an untitled row.
    assert all(item.section == ["I. SỞ XÂY DỰNG"] for item in items)


def test_lettered_points_with_their_own_labels_under_italic_sub_headings_are_rows() -> None:
    items = _items(
        "II. NỘI DUNG\n\n"
        "**2.****\n**Hướng dẫn thi hành Luật Đo lường**\n\n"
        "*2.1. Góp ý dự thảo các văn\nbản hướng dẫn*\n\n"
        "a) Thông tư về phương tiện đo nhóm 2.\n\n"
        "- Cơ quan chủ trì: Sở Công Thương.\n\n"
        "- Thời gian thực hiện: Theo đề nghị của Bộ.\n\n"
        "b) Thông tư về chuẩn đo lường.\n\n"
        "- Cơ quan chủ trì: Sở Công Thương.\n\n"
        "- Cơ quan phối hợp: Các sở, ngành.\n\n"
        "*2.2. Phổ biến các văn bản*\n\n"
        "a) Thông tư về phương tiện đo nhóm 2.\n\n"
        "- Cơ quan chủ trì: Sở Tư pháp.\n\n"
        "**3**.\nKiểm tra việc thi hành Luật Đo lường\n\n"
        "Thời gian thực hiện sau khi\nLuật có hiệu lực.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("a", "Sở Công Thương."),
        ("b", "Sở Công Thương."),
        ("a", "Sở Tư pháp."),
        ("3", ""),
    ]
    assert items[0].title == "Thông tư về phương tiện đo nhóm 2."
    assert items[0].timeframe == "Theo đề nghị của Bộ."  # b) is not glued to it
    assert items[1].partners == "Các sở, ngành."
    # The italic sub-headings are sections, without their emphasis.
    assert items[1].section[-1] == "2.1. Góp ý dự thảo các văn bản hướng dẫn"
    assert items[2].section[-1] == "2.2. Phổ biến các văn bản"
    # A bold number alone on its line heads the line below; a time label without a colon.
    assert items[3].title == "Kiểm tra việc thi hành Luật Đo lường"
    assert items[3].timeframe == "sau khi Luật có hiệu lực."


def test_italic_markers_are_not_kept_in_text() -> None:
    from cchc.plans.parsing.cells import clean_cell

    assert clean_cell("*a) *Tổ chức tập huấn") == "a) Tổ chức tập huấn"
    assert clean_cell("*Đơn vị chủ trì: *Các Sở, ngành") == "Đơn vị chủ trì: Các Sở, ngành"
    # A bullet star, a footnote mark and a product are text.
    assert clean_cell("* Rà soát (*)") == "* Rà soát (*)"
    assert clean_cell("2*3") == "2*3"


def test_bullets_over_one_group_of_labels_are_rows_of_work_under_their_heading() -> None:
    items = _items(
        "III. NHIỆM VỤ\n\n"
        "**1. Kiện toàn đội ngũ\nthanh tra viên**\n\n"
        "- Rà soát số lượng thanh tra viên.\n\n"
        "*Đơn vị chủ trì: *Thanh tra tỉnh.\n\n"
        "*Thời gian thực hiện: *Quý I/2026.\n\n"
        "**2. Nâng cao năng lực thanh tra**\n\n"
        "- Quán triệt Kết luận số\n"
        "121-KL/TW ngày 24/01/2025 của Bộ Chính trị cho thanh tra viên.\n\n"
        "- Bồi dưỡng nghiệp vụ hằng năm.\n\n"
        "*Đơn vị chủ trì tham mưu thực hiện: *Sở Nội vụ.\n\n"
        "*Đơn vị phối hợp: *Thanh tra tỉnh.\n\n"
        "*Thời gian thực hiện: *Hằng năm.\n\n"
        "- Tổ chức thi nâng ngạch thanh tra viên chính.\n\n"
        "*Đơn vị chủ trì: *Sở Nội vụ.\n\n"
        "*Thời gian thực hiện: *Năm 2027.\n"
    )
    assert [item.title for item in items] == [
        "Rà soát số lượng thanh tra viên.",
        "Quán triệt Kết luận số 121-KL/TW ngày 24/01/2025 của Bộ Chính trị cho thanh tra viên.",
        "Bồi dưỡng nghiệp vụ hằng năm.",
        "Tổ chức thi nâng ngạch thanh tra viên chính.",
    ]
    # One bullet keeps its heading's number; a heading over several bullets is their section.
    assert items[0].number == "1"
    assert [item.number for item in items[1:]] == ["", "", ""]
    assert {item.section[-1] for item in items[1:]} == {"2. Nâng cao năng lực thanh tra"}
    # The bullets share the labels below them; "tham mưu" in a label is still the lead.
    assert [item.lead for item in items[1:]] == ["Sở Nội vụ.", "Sở Nội vụ.", "Sở Nội vụ."]
    assert [item.partners for item in items[1:3]] == ["Thanh tra tỉnh.", "Thanh tra tỉnh."]
    assert items[2].timeframe == "Hằng năm."  # the next bullet is not glued to it
    assert items[3].timeframe == "Năm 2027."


def test_label_only_points_take_their_content_and_a_mixed_document_reads_each_section() -> None:
    items = _items(
        "II. HOẠT ĐỘNG\n\n"
        "1. Phòng, chống đuối nước trẻ em\n\n"
        "a) Hoạt động 1\n\n"
        "- Nội dung: Mở lớp dạy bơi an toàn cho học sinh tiểu học.\n\n"
        "- Cơ quan thực hiện: Sở Giáo dục và Đào tạo chủ trì, phối hợp với Tỉnh đoàn, "
        "Hội Chữ thập đỏ tỉnh tham mưu tổ chức các lớp học.\n\n"
        "b) Hoạt động 2\n\n"
        "- Nội dung: Rà soát các điểm có nguy cơ đuối nước.\n\n"
        "- Cơ quan thực hiện: Ủy ban nhân dân các xã.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Y tế:\n\n"
        "- Hướng dẫn sơ cứu, cấp cứu người bị đuối nước.\n\n"
        "- Tổng hợp số liệu trẻ em bị tai nạn thương tích.\n\n"
        "2. Đài Phát thanh và Truyền hình tỉnh:\n\n"
        "- Mở chuyên mục phòng, chống đuối nước trẻ em.\n"
    )
    assert [(item.number, (item.title or "")[:20]) for item in items[:2]] == [
        ("a", "Mở lớp dạy bơi an to"),
        ("b", "Rà soát các điểm có "),
    ]
    # "X chủ trì, phối hợp với Y …": the lead and the partners.
    assert items[0].lead == "Sở Giáo dục và Đào tạo"
    assert items[0].partners == "Tỉnh đoàn, Hội Chữ thập đỏ tỉnh"
    # Section III is read as assignments in sentences: one row per bullet.
    later = [item for item in items if item.section[:1] == ["III. TỔ CHỨC THỰC HIỆN"]]
    assert [item.lead for item in later] == [
        "Sở Y tế",
        "Sở Y tế",
        "Đài Phát thanh và Truyền hình tỉnh",
    ]
    assert len(items) == 5


def test_a_list_announced_under_a_heading_is_its_content_and_the_remit_formula_no_lead() -> None:
    items = _items(
        "II. NỘI DUNG\n\n"
        "1. Hỗ trợ doanh nghiệp áp dụng tiêu chuẩn\n\n"
        "- Các hoạt động hỗ trợ gồm:\n\n"
        "+ Tư vấn xây dựng hệ thống quản lý chất lượng;\n\n"
        "+ Đào tạo chuyên gia đánh giá nội bộ.\n\n"
        "- Cơ quan thực hiện: Các sở, ngành liên quan theo chức năng, nhiệm vụ được giao.\n"
    )
    assert len(items) == 1
    assert items[0].title == "Hỗ trợ doanh nghiệp áp dụng tiêu chuẩn"
    assert "Tư vấn xây dựng hệ thống" in (items[0].notes or "")
    assert items[0].lead == "Các sở, ngành liên quan"


def test_a_numbered_table_with_unknown_headers_is_read_from_its_cells_with_a_warning() -> None:
    text = "PHỤ LỤC\nÝ KIẾN CÁC ĐỊA PHƯƠNG\n" + _crawled_table(
        [
            ["**TT**", "**Địa phương gửi**", "**Ý kiến gửi về**", "**Nơi giải đáp**", "**Mốc**"],
            [
                "1",
                "Cà Mau",
                "Đề nghị hướng dẫn việc bàn giao trụ sở dôi dư sau sắp xếp",
                "Bộ Tài chính",
                "Quý I năm 2026",
            ],
            [
                "2",
                "Sơn La, Điện Biên",
                "Sớm ban hành mẫu hồ sơ cấp phép xây dựng cho cấp xã",
                "Bộ Xây dựng; Bộ Tư pháp",
                "Năm 2026",
            ],
            ["3", "Gia Lai", "Bổ sung biên chế công chức địa chính", "Bộ Nội vụ", "Tháng 6/2026"],
        ]
    )
    parsed = parse_bytes(text.encode(), "y-kien.md")
    assert [item.number for item in parsed.items] == ["1", "2", "3"]
    assert parsed.items[0].title == "Đề nghị hướng dẫn việc bàn giao trụ sở dôi dư sau sắp xếp"
    assert [item.lead for item in parsed.items] == [
        "Bộ Tài chính",
        "Bộ Xây dựng; Bộ Tư pháp",
        "Bộ Nội vụ",
    ]
    assert [item.timeframe for item in parsed.items] == [
        "Quý I năm 2026",
        "Năm 2026",
        "Tháng 6/2026",
    ]
    # The province column is kept as it is, neither lead nor partners.
    assert not any(item.partners for item in parsed.items)
    (warning,) = [w for w in parsed.warnings if w.code == "inferred-columns"]
    assert "Nơi giải đáp" in warning.message and "Ý kiến gửi về" in warning.message
    assert "Địa phương gửi" not in warning.message
    assert warning.line is not None


def test_a_numbered_table_without_a_column_of_agencies_stays_refused() -> None:
    text = _crawled_table(
        [
            ["**TT**", "**Mặt hàng**", "**Mô tả chi tiết**", "**Xuất xứ**"],
            ["1", "Bàn", "Bàn gỗ có ngăn kéo cho phòng họp nhỏ", "Hà Nội"],
            ["2", "Ghế", "Ghế xoay lưng lưới cho cán bộ tiếp dân", "Bình Dương"],
            ["3", "Tủ", "Tủ sắt đựng hồ sơ lưu trữ hai cánh", "Đồng Nai"],
        ]
    )
    with pytest.raises(ReadError):
        parse_bytes(text.encode(), "bang-gia.md")
