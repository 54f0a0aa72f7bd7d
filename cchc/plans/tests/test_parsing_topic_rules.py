"""How topics, subject lines and wrapped headings nest in the genre's documents (issue 15,
the structure rules after held-out round 6), each on a small made-up document (other bodies,
other wording than the corpus entries)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.result import Item, ParsedPlan


def _parse(text: str, name: str = "plan.md") -> ParsedPlan:
    return parse_bytes(text.encode(), name)


def _items(text: str, name: str = "plan.md") -> list[Item]:
    return _parse(text, name).items


# A crawled notice with no blank lines, whose title block holds an empty italic run "* *".
_NOTICE = (
    "**VĂN PHÒNG CHÍNH PHỦ**\n"
    "* *\n"
    "**THÔNG BÁO**\n"
    "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG TẠI BUỔI LÀM VIỆC VỚI TỈNH LẠNG SƠN\n"
    "**II. KIẾN NGHỊ CỦA TỈNH**\n"
    "1. Về hỗ trợ kinh phí xây dựng trạm y tế: Giao Bộ Tài chính chủ trì, phối hợp với\n"
    "Bộ Y tế nghiên cứu kiến nghị của tỉnh, báo cáo cấp có thẩm quyền.\n"
    "2. Về việc bố trí xe chuyên dùng: Tỉnh căn cứ các quy định hiện hành để sắp xếp xe\n"
    "phục vụ công tác, bảo đảm tiết kiệm.\n"
    "3. Về việc đầu tư tuyến đường nối tỉnh Lạng\n"
    "Sơn với cửa khẩu Chi Ma: Giao Bộ Xây dựng nghiên cứu, báo cáo Thủ tướng Chính\n"
    "phủ trước ngày 20 tháng 12 năm 2025.\n"
)


def test_an_empty_italic_run_glues_nothing_to_it() -> None:
    # "* *" opens and closes an italic run on its line: the lines below are not one paragraph.
    items = _items(_NOTICE)
    assert [item.number for item in items] == ["1", "2", "3"]
    assert items[0].lead == "Bộ Tài chính"
    assert items[0].partners == "Bộ Y tế"
    assert all(item.section == ["II. KIẾN NGHỊ CỦA TỈNH"] for item in items)


def test_an_answer_after_a_topic_is_the_point_s_row_whatever_its_subject() -> None:
    # "2. Về …: Tỉnh căn cứ …": the province is no agency the reader knows; the answer is a row
    # all the same, its lead left empty with a warning (never dropped).
    plan = _parse(_NOTICE)
    second = plan.items[1]
    assert second.lead == ""
    assert second.title.startswith("Tỉnh căn cứ các quy định hiện hành")
    warned = [w for w in plan.warnings if w.code == "topic-no-lead"]
    assert [w.line for w in warned] == [second.line]
    assert "2" in warned[0].message


def test_a_topic_wrapped_inside_a_name_goes_on_to_its_colon() -> None:
    # "3. Về … tỉnh Lạng" / "Sơn với …: Giao …": one point, not a section and a row.
    third = _items(_NOTICE)[2]
    assert third.number == "3"
    assert third.lead == "Bộ Xây dựng"
    assert third.timeframe == "trước ngày 20 tháng 12 năm 2025"
    assert "Lạng Sơn" not in " ".join(third.section)


def test_a_topic_heading_over_its_paragraph_stays_a_section() -> None:
    # A topic without a colon, over a sentence with a subject: its section, not glued to it.
    items = _items(
        _NOTICE + "4. Về công tác cải cách thể chế\n"
        "Bộ Tư pháp chủ trì rà soát các văn bản quy phạm pháp luật, hoàn thành trong quý I/2026.\n"
    )
    assert items[3].lead == "Bộ Tư pháp"
    assert items[3].section == ["II. KIẾN NGHỊ CỦA TỈNH", "4. Về công tác cải cách thể chế"]
