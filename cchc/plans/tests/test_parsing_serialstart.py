"""A gazette task table's excerpt whose numbering starts anywhere (serialstart.py; issue 15,
held-out round 21): made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.serialstart import opens_numbering, opens_sections

_HEADER = """TT
NHIỆM VỤ
THỜI HẠN
HOÀN THÀNH
CƠ QUAN CHỦ TRÌ
CƠ QUAN PHỐI HỢP
"""
# An annex cut to its section VI, whose rows run on from the sections left out (41, 42, 43),
# the section's title wrapped over a line opening with a number in lower case.
_EXCERPT = (
    "Phụ lục II\nPHÂN CÔNG NHIỆM VỤ VỀ THƯ VIỆN NĂM 2027\n"
    + _HEADER
    + """VI
Nhóm nhiệm vụ về thư viện số hoàn thành trong
30 ngày kể từ ngày ký
41
Số hóa kho sách quý hiếm của các thư viện công cộng cấp tỉnh
Tháng 6/2027
Bộ Văn hóa, Thể thao và Du lịch
Các tỉnh, thành phố
42
Xây dựng cổng tra cứu sách số dùng chung
Quý III/2027
Bộ Khoa học và Công nghệ
Bộ Văn hóa, Thể thao và Du lịch
43
Ban hành quy chế khai thác tài nguyên số
2027
Bộ Văn hóa, Thể thao và Du lịch
Các bộ, cơ quan
"""
)


def test_an_excerpt_opening_on_a_later_section_reads_its_rows():
    parsed = parse_bytes(_EXCERPT.encode(), "annex.txt")
    assert [i.number.rstrip(".") for i in parsed.items] == ["41", "42", "43"]
    first, second, third = parsed.items
    assert first.section == [
        "VI. Nhóm nhiệm vụ về thư viện số hoàn thành trong 30 ngày kể từ ngày ký"
    ]
    assert first.title == "Số hóa kho sách quý hiếm của các thư viện công cộng cấp tỉnh"
    assert first.lead == "Bộ Văn hóa, Thể thao và Du lịch"
    assert first.timeframe == "Tháng 6/2027"
    assert second.lead == "Bộ Khoa học và Công nghệ"
    assert second.partners == "Bộ Văn hóa, Thể thao và Du lịch"
    assert third.timeframe == "2027"


# A table continued from a page left out: its rows start at 17, no section above them.
_CONTINUED = (
    "Phụ lục\nDANH MỤC NHIỆM VỤ (tiếp theo)\n"
    + _HEADER
    + """17
Kiểm tra việc thực hiện quy chế văn thư
Quý II/2027
Văn phòng Chính phủ
Các bộ, cơ quan
18
Tổng kết mô hình một cửa liên thông
Quý IV/2027
Bộ Nội vụ
Các địa phương
"""
)


def test_a_table_continued_from_a_page_left_out_reads_its_rows():
    parsed = parse_bytes(_CONTINUED.encode(), "annex.txt")
    assert [i.number.rstrip(".") for i in parsed.items] == ["17", "18"]
    assert parsed.items[1].lead == "Bộ Nội vụ"
    assert parsed.items[1].timeframe == "Quý IV/2027"


def test_the_first_number_opens_alone_with_a_stop_or_before_a_capital():
    assert opens_numbering("71", numbered_before=False)
    assert opens_numbering("71.", numbered_before=False)
    assert opens_numbering("71 Rà soát danh mục", numbered_before=False)
    assert opens_numbering("71.1", numbered_before=False)
    # (a wrapped title's "30 ngày …", a child that is no first, a number after others)
    assert not opens_numbering("30 ngày kể từ ngày ký", numbered_before=False)
    assert not opens_numbering("71.3", numbered_before=False)
    assert not opens_numbering("71", numbered_before=True)


def test_a_roman_of_any_value_opens_the_table_only_as_its_first_row():
    known = ("I", "II", "III", "IV", "V", "VI")
    assert opens_sections("IV", 0, known)
    assert not opens_sections("IV", 3, known)
    assert not opens_sections("XL", 0, known)
