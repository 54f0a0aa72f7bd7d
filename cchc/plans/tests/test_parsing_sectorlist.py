"""Ministries named by their sectors after "Các Bộ:", ending the heading (sectorlist.py;
issue 15, held-out round 21): made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.sectorlist import sector_list

_ARTICLE = """Điều 4. Tổ chức thực hiện
1. Các Bộ: Giáo dục và Đào tạo, Y tế, Văn hóa, Thể thao và Du lịch
a) Hướng dẫn các trường học tổ chức bữa ăn học đường;
b) Kiểm tra việc thực hiện tại các địa phương.
2. Bộ Tài chính bố trí kinh phí thực hiện.
"""


def test_the_sectors_listed_are_the_points_agency():
    parsed = parse_bytes(_ARTICLE.encode(), "article.txt")
    lead = "Các Bộ: Giáo dục và Đào tạo, Y tế, Văn hóa, Thể thao và Du lịch"
    assert [(i.number, i.lead) for i in parsed.items[:2]] == [("a", lead), ("b", lead)]
    assert parsed.items[0].title == "Hướng dẫn các trường học tổ chức bữa ăn học đường"


def test_sector_list_takes_only_a_whole_list_of_sectors():
    assert sector_list("Các Bộ", "Y tế, Nông nghiệp và Môi trường") == (
        "Y tế, Nông nghiệp và Môi trường"
    )
    assert sector_list("Các bộ", "Tư pháp và Nội vụ.") == "Tư pháp và Nội vụ"
    # (a task after the names, a place, no ministries' head)
    assert sector_list("Các Bộ", "Y tế, Công Thương hướng dẫn thực hiện") == ""
    assert sector_list("Các Bộ", "Y tế và Ủy ban nhân dân tỉnh") == ""
    assert sector_list("Các tỉnh", "Y tế, Công Thương") == ""
