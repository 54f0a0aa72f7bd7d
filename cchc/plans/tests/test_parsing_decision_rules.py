"""The rules for a decision with its programme annexed (issue 15, held-out round 11), each on a
small made-up document of the genre (other bodies, other words)."""

from __future__ import annotations

import pytest

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.decisions import (
    annexed_part,
    ends_at_named_body,
    framed_subject,
    funding_only,
)
from cchc.plans.parsing.result import Item
from cchc.plans.readers.base import Paragraph


def _items(text: str, name: str = "quyet-dinh.txt") -> list[Item]:
    return parse_bytes(text.encode(), name).items


_DECISION = """ỦY BAN NHÂN DÂN TỈNH AN PHÚ
Số: 118/QĐ-UBND
An Phú, ngày 4 tháng 3 năm 2024
QUYẾT ĐỊNH
Ban hành Chương trình chuyển đổi số ngành giáo dục

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

Căn cứ Luật Tổ chức chính quyền địa phương;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Chương trình chuyển đổi số ngành giáo dục.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở chịu trách nhiệm thi hành
Quyết định này.

Nơi nhận:
- Như Điều 3;
- Lưu: VT.

CHƯƠNG TRÌNH CHUYỂN ĐỔI SỐ NGÀNH GIÁO DỤC
(Kèm theo Quyết định số 118/QĐ-UBND ngày 4/3/2024 của Ủy ban nhân dân tỉnh)

Để thực hiện các mục tiêu đã đề ra, Ủy ban nhân dân tỉnh ban hành Chương trình với những
nội dung chủ yếu sau:

III. TỔ CHỨC THỰC HIỆN

1. Sở Giáo dục và Đào tạo phối hợp với các trường đại học trên địa bàn chủ động xây dựng kho
học liệu số dùng chung cho các cấp học.

2. Giám đốc các trung tâm giáo dục thường xuyên thuộc Sở Giáo dục và Đào tạo bám sát lộ trình
của Chương trình, lựa chọn các nội dung phù hợp để đưa vào kế hoạch năm học.

3. Trong quá trình triển khai, khi phát sinh vướng mắc, các cơ quan, đơn vị thuộc tỉnh chủ động
đề xuất với Sở Giáo dục và Đào tạo để tổng hợp.

4. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính theo dõi, đôn đốc việc thực hiện Chương trình,
báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 hằng năm.

5. Kinh phí thực hiện Chương trình được bố trí từ ngân sách tỉnh theo phân cấp hiện hành.
"""


def test_a_decision_issuing_an_annexed_programme_is_read_from_its_annex() -> None:
    # (without the rule the decision's signature block ends the reading: no plan at all)
    items = _items(_DECISION)
    assert [item.number for item in items] == ["1", "2", "3", "4"]
    first, last = items[0], items[3]
    # the body as subject, "phối hợp với" its partners, the rest the title
    assert first.lead == "Sở Giáo dục và Đào tạo"
    assert first.partners == "các trường đại học trên địa bàn"
    assert (first.title or "").startswith("Chủ động xây dựng kho học liệu số")
    # "X chủ trì, phối hợp với Y <task>"
    assert (last.lead, last.partners) == ("Sở Nội vụ", "Sở Tài chính")
    assert (last.title or "").startswith("Theo dõi, đôn đốc việc thực hiện Chương trình")


def test_the_annex_is_read_only_after_a_decision_that_issues_it() -> None:
    plan = [
        Paragraph(text="1. Sở Y tế chủ trì kiểm tra an toàn thực phẩm.", line=1),
        Paragraph(text="Nơi nhận:", line=2),
        Paragraph(text="(Kèm theo Quyết định số 5/QĐ-UBND ngày 1/2/2024)", line=3),
        Paragraph(text="1. Sở Nội vụ chủ trì rà soát biên chế.", line=4),
    ]
    assert annexed_part(plan) == plan  # a plan's own signature: the plan stays read
    decision = [
        Paragraph(text="Điều 1. Phê duyệt Kế hoạch kèm theo Quyết định nay.", line=1),
        *plan[1:],
    ]
    assert annexed_part(decision) == plan[3:]  # ("nay": the OCR's "này")


def test_a_lead_ends_at_a_whole_ministry_name_before_a_verb_the_vocabulary_lacks() -> None:
    lead = _items(_DECISION)[1]
    assert lead.lead == "Giám đốc các trung tâm giáo dục thường xuyên thuộc Sở Giáo dục và Đào tạo"
    assert lead.title.startswith("Bám sát lộ trình của Chương trình")


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        (
            "Thủ trưởng các phòng thuộc Bộ Tư pháp rà soát kỹ các nội dung của",
            "Thủ trưởng các phòng thuộc Bộ Tư pháp",
        ),
        # a qualifier of the name, not a clause: kept
        ("Thứ trưởng Bộ Y tế phụ trách lĩnh vực", "Thứ trưởng Bộ Y tế phụ trách lĩnh vực"),
        ("Các Sở Xây dựng nêu trên", "Các Sở Xây dựng nêu trên"),
        (
            "Giám đốc các đơn vị thuộc Bộ Tư pháp và các cơ quan khác ở địa phương",
            "Giám đốc các đơn vị thuộc Bộ Tư pháp và các cơ quan khác ở địa phương",
        ),
    ],
)
def test_ends_at_named_body(lead: str, expected: str) -> None:
    assert ends_at_named_body(lead, "việc")[0] == expected


def test_a_point_opening_with_its_occasion_names_its_subject_after_a_comma() -> None:
    # (without the rule the point is the announcing paragraph's body's, its occasion the title)
    third = _items(_DECISION)[2]
    assert third.lead == "các cơ quan, đơn vị thuộc tỉnh"
    assert third.title.startswith("Chủ động đề xuất với Sở Giáo dục và Đào tạo")


def test_framed_subject_reads_a_kind_whose_diacritics_the_ocr_lost() -> None:
    text = "Khi có thay đổi, các dơn vị trực thuộc kịp thời báo cáo Cục."
    assert framed_subject("Cục Thuế", text) == ("các dơn vị trực thuộc", "kịp thời báo cáo Cục.")
    # no occasion: the row keeps its lead
    assert framed_subject("Cục Thuế", "Rà soát, các đơn vị báo cáo.")[0] == "Cục Thuế"


def test_a_funding_point_assigns_no_work() -> None:
    # (without the rule the last point is a row of the body the opening paragraph names)
    items = _items(_DECISION)
    assert not any("Kinh phí" in (item.title or "") for item in items)
    assert funding_only("Kinh phí thực hiện được bố trí từ ngân sách tỉnh.")
    assert funding_only("Nguồn kinh phí do ngân sách trung ương bảo đảm.")
    # a body given the funding's task, or a topic before a colon naming who acts: work
    assert not funding_only("Kinh phí thực hiện do Sở Tài chính tham mưu bố trí.")
    assert not funding_only("Kinh phí: Các huyện bố trí từ nguồn sự nghiệp.")
    assert not funding_only("Sở Tài chính bố trí kinh phí thực hiện.")
