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
