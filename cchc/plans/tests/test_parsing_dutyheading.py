"""Numbered headings "X có trách nhiệm:" over lettered points (dutyheading.py; issue 15,
held-out round 21): made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.dutyheading import duty_heading

_ARTICLE = """Điều 9. Tổ chức thực hiện
1. Cơ quan cấp phép có trách nhiệm:
a) Công khai danh sách hồ sơ đã tiếp nhận;
b) Kiểm tra việc sử dụng giấy phép hằng năm.
2. Bộ Xây dựng có trách nhiệm:
a) Hướng dẫn mẫu hồ sơ cấp phép.
3. Chủ dự án chịu trách nhiệm:
a) Nộp báo cáo tiến độ cho cơ quan cấp phép;
b) Hoàn trả mặt bằng sau thi công.
"""


def test_the_role_words_are_no_part_of_a_body_named_by_its_kind():
    parsed = parse_bytes(_ARTICLE.encode(), "article.txt")
    leads = [(i.number, i.lead) for i in parsed.items]
    assert leads[:2] == [("a", "Cơ quan cấp phép"), ("b", "Cơ quan cấp phép")]
    assert leads[2] == ("a", "Bộ Xây dựng")


def test_a_body_the_vocabulary_does_not_know_leads_its_points():
    parsed = parse_bytes(_ARTICLE.encode(), "article.txt")
    rows = [(i.number, i.title, i.lead) for i in parsed.items[3:]]
    assert rows == [
        ("a", "Nộp báo cáo tiến độ cho cơ quan cấp phép", "Chủ dự án"),
        ("b", "Hoàn trả mặt bằng sau thi công", "Chủ dự án"),
    ]


def test_duty_heading_refuses_what_is_no_body_name():
    assert duty_heading("Chủ dự án có trách nhiệm:").group("lead") == "Chủ dự án"
    assert duty_heading("Cơ quan cấp phép có nhiệm vụ:").group("lead") == "Cơ quan cấp phép"
    assert duty_heading("Chủ dự án có trách nhiệm: nộp báo cáo") is None
    assert duty_heading("Bộ Y tế chủ trì, phối hợp với Bộ Tài chính có trách nhiệm:") is None
    assert duty_heading("Trong quá trình thực hiện các bên có trách nhiệm:") is None
    assert duty_heading("chủ dự án có trách nhiệm:") is None


def test_a_point_about_what_the_body_answers_for_is_one_of_its_rows():
    # "b) Về … ;" ends a list's item under the duty heading: no topic heading of its own.
    article = _ARTICLE.replace(
        "b) Hoàn trả mặt bằng sau thi công.",
        "b) Về tính trung thực của các báo cáo tiến độ;\nc) Hoàn trả mặt bằng sau thi công.",
    )
    parsed = parse_bytes(article.encode(), "article.txt")
    rows = [(i.number, i.title, i.lead) for i in parsed.items[3:]]
    assert rows[1] == ("b", "Về tính trung thực của các báo cáo tiến độ", "Chủ dự án")
    assert rows[2][0] == "c"
