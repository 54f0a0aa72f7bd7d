"""A subject named by a reference to the document's own clause ("Các cơ quan được giao nhiệm
vụ … tại khoản 1 Điều này …"; referencedsubject.py, issue 15, branch left22): made-up
snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.agencies import cut_at_verb
from cchc.plans.parsing.referencedsubject import referenced_subject, within_reference

_RULES = """QUY ĐỊNH VỀ THỐNG KÊ GIÁ VẬT LIỆU XÂY DỰNG
Điều 4. Chế độ báo cáo
1. Sở Xây dựng tổng hợp số liệu giá vật liệu xây dựng trên địa bàn tỉnh.
2. Các đơn vị được giao nhiệm vụ tổng hợp tại khoản 1 Điều này gửi số liệu về Sở Xây dựng \
trước ngày 05 hằng tháng.
3. Sở Tài chính tổng hợp dự toán kinh phí thu thập số liệu.
"""


def test_a_subject_named_by_a_reference_keeps_the_reference() -> None:
    parsed = parse_bytes(_RULES.encode(), "rules.txt")
    second = next(i for i in parsed.items if i.number.rstrip(".") == "2")
    assert second.lead == "Các đơn vị được giao nhiệm vụ tổng hợp tại khoản 1 Điều này"
    assert second.title.startswith("Gửi số liệu về Sở Xây dựng")


def test_the_reference_moves_into_the_subject_only_after_what_was_given() -> None:
    lead, rest = referenced_subject(
        "Các phòng được phân công", "chủ trì nêu tại Phụ lục kèm theo Quyết định này rà soát hồ sơ"
    )
    assert lead == "Các phòng được phân công chủ trì nêu tại Phụ lục kèm theo Quyết định này"
    assert rest == "rà soát hồ sơ"
    # Not after another subject, nor to another document's clause.
    assert referenced_subject("Sở Y tế", "báo cáo tại khoản 1 Điều này kết quả") == (
        "Sở Y tế",
        "báo cáo tại khoản 1 Điều này kết quả",
    )
    assert referenced_subject("Các đơn vị được giao", "báo cáo tại Hội nghị tổng kết") == (
        "Các đơn vị được giao",
        "báo cáo tại Hội nghị tổng kết",
    )


def test_the_documents_verbs_do_not_cut_a_referenced_subject() -> None:
    name = "Các đơn vị được giao nhiệm vụ tổng hợp tại khoản 1 Điều này"
    assert within_reference("Các đơn vị được giao nhiệm vụ", "tổng hợp tại khoản 1 Điều này")
    assert cut_at_verb(name, frozenset({"tổng hợp"}), 3) == (name, "")
    assert cut_at_verb("Sở Tài chính tổng hợp", frozenset({"tổng hợp"}), 3) == (
        "Sở Tài chính",
        "tổng hợp",
    )
