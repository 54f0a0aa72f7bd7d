"""How headings, points and bullets nest in the genre's documents (issue 15, the structure
rules after held-out round 5), each on a small made-up document (other bodies, other wording
than the corpus entries)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.result import Item


def _items(text: str, name: str = "plan.md") -> list[Item]:
    return parse_bytes(text.encode(), name).items


def test_a_ministry_department_heading_wrapped_in_bold_leads_its_bullets() -> None:
    # "Vụ …" (a ministry's department) names a body like "Cục …": the heading wrapped over two
    # printed lines inside its bold run is the agency of the bullets, not a section.
    items = _items(
        "Bộ Tư pháp yêu cầu:\n"
        "**1. Vụ\n"
        "Các vấn đề chung về xây dựng pháp luật**\n"
        "- Rà soát các dự thảo nghị định có quy định thủ tục hành chính.\n"
        "- Tổng hợp ý kiến thẩm định, hoàn thành trong tháng 01/2026.\n"
        "**2. Cục\n"
        "Kiểm soát thủ tục hành chính**\n"
        "- Hướng dẫn các đơn vị số hóa hồ sơ.\n"
    )
    assert [item.lead for item in items] == [
        "Vụ Các vấn đề chung về xây dựng pháp luật",
        "Vụ Các vấn đề chung về xây dựng pháp luật",
        "Cục Kiểm soát thủ tục hành chính",
    ]
    assert all(item.section == [] for item in items)
    assert items[1].timeframe == "trong tháng 01/2026"


def test_a_sentence_that_only_ensures_completion_is_the_deadline_of_the_row_above() -> None:
    items = _items(
        "Bộ Tư pháp yêu cầu:\n\n"
        "1. Cục Bổ trợ tư pháp\n\n"
        "Khẩn trương hoàn thiện dự thảo Thông tư hướng dẫn Luật Công chứng.\n\n"
        "Bảo đảm **hoàn thành trong quý II/2026.**\n\n"
        "2. Cục Con nuôi\n\n"
        "Rà soát quy trình giải quyết hồ sơ nuôi con nuôi có yếu tố nước ngoài.\n"
    )
    assert [item.lead for item in items] == ["Cục Bổ trợ tư pháp", "Cục Con nuôi"]
    assert items[0].timeframe == "trong quý II/2026"
    assert items[1].timeframe == ""
