"""One holder of a position as a point's own subject under the heading of all of them
(holders.py; issue 15, branch left22), and chairing a meeting as the task itself: made-up
snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.holders import holder_task

_RULES = """**QUY CHẾ**

HOẠT ĐỘNG CỦA HỘI ĐỒNG THẨM ĐỊNH ĐỀ ÁN VỊ TRÍ VIỆC LÀM

*(Kèm theo Quyết định số 15/QĐ-HĐTĐ ngày 02 tháng 3 năm 2027 của Chủ tịch Hội đồng)*

**Chương II**

**TRÁCH NHIỆM CỦA THÀNH VIÊN**

**Điều 4. Trách nhiệm của Chủ tịch Hội đồng**

1. Chỉ đạo, điều hành toàn bộ hoạt động của Hội đồng.

2. Ủy quyền cho Phó Chủ tịch Hội đồng giải quyết công việc khi cần thiết.

**Điều 5. Trách nhiệm của các Phó Chủ tịch**

1. Giúp Chủ tịch Hội đồng điều hành công việc của Hội đồng.

2. Phó Chủ tịch thường trực chủ trì phiên họp của Hội đồng khi Chủ tịch vắng mặt.

3. Thực hiện các nhiệm vụ khác do Chủ tịch Hội đồng giao.
"""


def test_a_holder_singled_out_leads_the_point_under_the_groups_heading() -> None:
    parsed = parse_bytes(_RULES.encode(), "rules.txt")
    rows = {i.number.rstrip("."): i for i in parsed.items[2:]}
    assert rows["2"].lead == "Phó Chủ tịch thường trực"
    assert rows["2"].title == "Chủ trì phiên họp của Hội đồng khi Chủ tịch vắng mặt"
    assert rows["1"].lead.lower() == "các phó chủ tịch"
    assert rows["3"].lead.lower() == "các phó chủ tịch"


def test_only_a_holder_of_the_headings_position_with_a_qualifier() -> None:
    group = "các Phó Giám đốc"
    assert holder_task(group, "Phó Giám đốc thường trực tổ chức giao ban tuần") == (
        "Phó Giám đốc thường trực",
        "Tổ chức giao ban tuần",
    )
    # The position without a qualifier is the whole group; another body is no holder.
    text = "Giúp Giám đốc tổ chức giao ban tuần"
    assert holder_task(group, text) == (group, text)
    assert holder_task("Sở Y tế", "Sở Y tế thường trực tổ chức giao ban") == (
        "Sở Y tế",
        "Sở Y tế thường trực tổ chức giao ban",
    )
