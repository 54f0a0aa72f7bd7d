"""Gazette task tables whose timeframe column comes before the lead's (serialtimefirst.py;
issue 15, held-out round 20): made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.serialtimefirst import cells_after_timeframe, continues_label

# The timeframe before the lead and the partners, its label wrapped in capitals over two
# lines, a lead cell with a role, a numbered list of bodies, a bare year, the header repeated
# after a page break.
_HEADER = """TT
NỘI DUNG
THỜI HẠN
HOÀN THÀNH
CƠ QUAN CHỦ TRÌ
CƠ QUAN PHỐI HỢP
"""
_TIME_FIRST = (
    "PHỤ LỤC\nDANH MỤC NHIỆM VỤ VỀ THƯ VIỆN SỐ NĂM 2027\n"
    + _HEADER
    + """I
Nhóm nhiệm vụ về thể chế
1
Rà soát quy định về kho dữ liệu sách số dùng chung của các thư viện
công cộng
Tháng 6/2027
Bộ Văn hóa, Thể thao và Du lịch
chủ trì, tổng hợp
Các bộ, cơ quan, địa
phương
2
Xây dựng quy chế quản lý bạn đọc
Quý III/2027
1. Bộ Tài chính bảo đảm kinh
phí.
2. Các tỉnh, thành phố triển
khai.
Các đơn vị có liên quan

CÔNG BÁO/Số 40/Ngày 10-02-2027
21
"""
    + _HEADER
    + """3
Luật Thư viện (sửa đổi)
2027
Bộ Văn hóa, Thể thao và Du lịch
Bộ Tư pháp
"""
)


def test_the_timeframe_ends_at_its_date_and_the_lead_follows():
    parsed = parse_bytes(_TIME_FIRST.encode(), "annex.txt")
    assert [i.number.rstrip(".") for i in parsed.items] == ["1", "2", "3"]
    first, second, third = parsed.items
    assert first.title == (
        "Rà soát quy định về kho dữ liệu sách số dùng chung của các thư viện công cộng"
    )
    assert first.timeframe == "Tháng 6/2027"
    assert first.lead == "Bộ Văn hóa, Thể thao và Du lịch chủ trì, tổng hợp"
    assert first.partners == "Các bộ, cơ quan, địa phương"
    assert second.timeframe == "Quý III/2027"
    assert second.lead.startswith("1. Bộ Tài chính bảo đảm kinh phí.")
    assert second.partners == "Các đơn vị có liên quan"
    assert third.title == "Luật Thư viện (sửa đổi)"
    assert third.timeframe == "2027"
    assert third.lead == "Bộ Văn hóa, Thể thao và Du lịch"
    assert third.partners == "Bộ Tư pháp"


def test_the_timeframe_cell_is_the_first_run_the_grammar_reads_whole():
    def opens(text: str) -> bool:
        return text.startswith(("Quý", "Tháng", "Trước"))

    texts = ["Xây dựng quy chế", "Trước", "ngày 30/6/2027", "Bộ Tài chính", "Các bộ"]
    assert cells_after_timeframe(texts, opens) == 3
    # No line after the task that opens a timeframe: nothing to cut.
    assert cells_after_timeframe(["Xây dựng quy chế", "Bộ Tài chính"], opens) is None


def test_a_label_wrapped_in_capitals_goes_on():
    assert continues_label("THỜI HẠN", "HOÀN THÀNH")
    assert continues_label("CƠ QUAN", "CHỦ TRÌ")
    # A label of its own, or a tail under a label in lower case, is not.
    assert not continues_label("THỜI HẠN", "GHI CHÚ")
    assert not continues_label("Thời hạn", "HOÀN THÀNH")
