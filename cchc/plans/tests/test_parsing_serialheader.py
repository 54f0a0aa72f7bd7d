"""A serial task table's header whose labels wrap mid-phrase in capitals (serialheader.py),
and the level's column after the timeframe (serialafter.py); issue 15, held-out round 21:
made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.serialafter import after_whole_timeframe
from cchc.plans.parsing.serialheader import continues_capitals

# The partners' label wrapped inside its last word's phrase ("CƠ QUAN PHỐI" / "HỢP"), the
# level's after its slash ("CẤP TRÌNH/" / "PHÊ DUYỆT"); the level's cell wrapped ("Thủ
# tướng" / "Chính phủ") after the timeframe.
_TABLE = """Phụ lục
PHÂN CÔNG XÂY DỰNG ĐỀ ÁN GIAI ĐOẠN 2027 - 2031
TT
NHIỆM VỤ CỤ THỂ
CƠ QUAN
CHỦ TRÌ
CƠ QUAN PHỐI
HỢP
THỜI HẠN
THỰC HIỆN
CẤP TRÌNH/
PHÊ DUYỆT
I
HOÀN THIỆN THỂ CHẾ VỀ THƯ VIỆN
1
Xây dựng Đề án phát triển mạng lưới thư viện cộng đồng ở vùng sâu,
vùng xa
Bộ Văn hóa, Thể
thao và Du lịch
Các bộ, ngành, các
địa phương
2027 - 2031
Thủ tướng
Chính phủ
2
Hoàn thiện pháp luật về lưu chiểu xuất bản phẩm điện tử (Luật Xuất
bản, Luật Thư viện...)
Bộ Khoa học và
Công nghệ
Các bộ, ngành
2027 - 2029
Quốc hội
"""


def test_labels_wrapped_mid_phrase_are_one_column_each():
    parsed = parse_bytes(_TABLE.encode(), "annex.txt")
    assert [i.number.rstrip(".") for i in parsed.items] == ["1", "2"]
    first, second = parsed.items
    assert first.lead == "Bộ Văn hóa, Thể thao và Du lịch"
    assert first.partners == "Các bộ, ngành, các địa phương"
    assert second.lead == "Bộ Khoa học và Công nghệ"
    assert second.partners == "Các bộ, ngành"
    assert second.timeframe == "2027 - 2029"


def test_a_level_wrapped_after_the_timeframe_is_not_glued_to_it():
    parsed = parse_bytes(_TABLE.encode(), "annex.txt")
    assert parsed.items[0].timeframe == "2027 - 2031"


def test_continues_capitals():
    assert continues_capitals("CƠ QUAN PHỐI", "HỢP")
    assert continues_capitals("CẤP TRÌNH/", "PHÊ DUYỆT")
    assert continues_capitals("ĐƠN VỊ CHỦ TRÌ VÀ", "PHỐI HỢP")
    # (two labels each known, a line in lower case, a label in lower case above)
    assert not continues_capitals("CƠ QUAN CHỦ TRÌ", "CƠ QUAN PHỐI HỢP")
    assert not continues_capitals("NHIỆM VỤ", "THỜI HẠN")
    assert not continues_capitals("Cơ quan phối", "HỢP")


def test_after_whole_timeframe():
    def starts(previous: str, text: str) -> bool:
        return text[:1].isupper()

    texts = ["Bộ Tư pháp", "2027 - 2031", "Thủ tướng", "Chính phủ"]
    assert after_whole_timeframe(texts, starts, lambda lines: lines[-1]) == 2
    no_date = ["Bộ Tư pháp", "Quốc hội"]
    assert after_whole_timeframe(no_date, starts, lambda lines: lines[-1]) is None


# A lead cell whose last line ends on a noun's last syllable "trình" ("toàn trình", "chương
# trình"): the partners' cell below opens a new cell ("trình" alone, submit to, goes on). The
# rows numbered from 11 (an excerpt): the lead's "2." is no row.
_NOUN_TRINH = """TT
NHIỆM VỤ
THỜI HẠN
HOÀN THÀNH
CƠ QUAN CHỦ TRÌ
CƠ QUAN PHỐI HỢP
11
Cung cấp dịch vụ công về thư viện trực tuyến
Quý II/2027
1. Bộ Văn hóa, Thể thao và Du lịch
xây dựng nền tảng.
2. Các địa phương cung cấp dịch vụ
trực tuyến toàn trình
Các bộ, cơ quan, địa
phương
12
Tổng kết chương trình đọc sách
Quý IV/2027
Bộ Văn hóa, Thể thao và Du lịch
Các địa phương
"""


def test_a_lead_ending_on_a_nouns_trinh_is_followed_by_the_partners():
    parsed = parse_bytes(_NOUN_TRINH.encode(), "annex.txt")
    assert parsed.items[0].partners == "Các bộ, cơ quan, địa phương"
    assert parsed.items[0].timeframe == "Quý II/2027"


def test_a_name_broken_over_two_lines_before_the_provinces_cell():
    # "Bộ Công" / "Thương" then "Các tỉnh, thành phố": the provinces named by their kind open
    # the partners' cell; the lead's broken name is joined.
    table = _TABLE.replace(
        "Bộ Văn hóa, Thể\nthao và Du lịch\nCác bộ, ngành, các\nđịa phương\n",
        "Bộ Công\nThương\nCác tỉnh, thành phố\n",
    )
    parsed = parse_bytes(table.encode(), "annex.txt")
    assert parsed.items[0].lead == "Bộ Công Thương"
    assert parsed.items[0].partners == "Các tỉnh, thành phố"
