"""Responsibility headings of a Government resolution's implementation article (issue 15,
held-out round 20): "Trách nhiệm X" without its "của", a heading ended at its line over one
paragraph in a page whose blank lines separate paragraphs, and an if-needed point under a
body's duty heading (dutyends.py, vocabulary._DUTY_RE, assignments.py): made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.dutyends import duty_heading_ends

# Blank lines around the page break (a page's text with a running head), headings printed
# without a stop, a heading without "của", one with a single paragraph, an if-needed point.
_DUTIES = """CÔNG BÁO/Số 12/Ngày 05-01-2027

NGHỊ QUYẾT

Về thư viện số

Điều 2. Tổ chức thực hiện
1. Trách nhiệm Tổ công tác triển khai Đề án thư viện số:
a) Chỉ đạo xây dựng kho sách số dùng chung của các thư viện công cộng trên toàn
quốc và các dự án thành phần của Đề án.
b) Tổ chức kiện toàn, bổ sung đại diện Bộ Tài chính vào Tổ công tác.
2. Trách nhiệm của các bộ, cơ quan ngang bộ
a) Rà soát các quy định về bản quyền tài liệu số trong phạm vi quản lý của mình.
b) Trong quá trình triển khai thực hiện Đề án, nếu có khó khăn, vướng mắc, các bộ,
ngành, địa phương có trách nhiệm gửi kiến nghị về Bộ Văn hóa, Thể thao và Du lịch.

14
CÔNG BÁO/Số 12/Ngày 05-01-2027

3. Trách nhiệm của Bộ Tài chính
Bố trí kinh phí thực hiện Nghị quyết theo quy định của pháp luật về ngân sách nhà
nước và hướng dẫn các địa phương bố trí kinh phí để thực hiện Nghị quyết.
4. Trách nhiệm của Bộ Nội vụ
Phối hợp với Bộ Văn hóa, Thể thao và Du lịch hướng dẫn vị trí việc làm đối với nhân
sự thực hiện quản trị thư viện số của các địa phương.
Điều 3. Hiệu lực thi hành
"""


def test_duty_headings_over_points_and_paragraphs():
    parsed = parse_bytes(_DUTIES.encode(), "resolution.txt")
    rows = [(i.number.rstrip("."), i.lead) for i in parsed.items]
    assert rows == [
        ("a", "Tổ công tác triển khai Đề án thư viện số"),
        ("b", "Tổ công tác triển khai Đề án thư viện số"),
        ("a", "Các bộ, cơ quan ngang bộ"),
        ("b", "các bộ, ngành, địa phương"),
        ("3", "Bộ Tài chính"),
        ("4", "Bộ Nội vụ"),
    ]
    third, fourth = parsed.items[4:]
    assert third.title.startswith("Bố trí kinh phí thực hiện Nghị quyết")
    assert fourth.title.startswith("Hướng dẫn vị trí việc làm")
    assert fourth.partners == "Bộ Văn hóa, Thể thao và Du lịch"


def test_a_duty_heading_ends_only_before_a_full_line():
    line = "Bố trí kinh phí thực hiện Nghị quyết theo quy định của pháp luật về ngân sách nhà"
    assert duty_heading_ends("3. Trách nhiệm của Bộ Tài chính", line)
    assert duty_heading_ends("1. Trách nhiệm Bộ Tài chính", line)
    # A name wrapped onto a short line goes on; a heading that is no duty's is left alone.
    assert not duty_heading_ends("3. Trách nhiệm của Ủy ban nhân dân", "Thành phố Hà Nội")
    assert not duty_heading_ends("3. Kinh phí thực hiện", line)
    assert not duty_heading_ends("Trách nhiệm của Bộ Tài chính", line)
