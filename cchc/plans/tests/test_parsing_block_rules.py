"""The rules for tables, labelled blocks and emphasis written after the held-out round 4 of the
corpus (issue 15), each on a small made-up document of the genre (other bodies, other words)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.result import Item


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
