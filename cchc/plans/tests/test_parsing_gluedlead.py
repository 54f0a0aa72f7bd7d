"""The lead's and the partners' cells on one line in a gazette table whose bodies' columns come
before the timeframe (gluedlead.py; issue 15, branch left22): made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.gluedlead import split_bodies_before_timeframe

# Task, lead, partners, timeframe, then a column after it ("Cấp trình"): row 2's lead and the
# first line of its partners' cell printed on one line.
_TABLE = """PHỤ LỤC
NHIỆM VỤ HOÀN THIỆN THỂ CHẾ VỀ THƯƠNG MẠI NỘI ĐỊA
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
1 Hoàn thiện quy định về phát triển mạng lưới siêu thị và trung tâm thương
mại ở nông thôn
Bộ Công Thương
Bộ Tài chính, các
tỉnh, thành phố
2026 - 2027
Chính phủ
2 Hoàn thiện khung pháp lý về quản lý chợ truyền thống trong đô thị
Bộ Công Thương Các bộ, ngành, các
tỉnh, thành phố
2026 - 2030
Quốc hội
3 Sửa đổi quy định về kinh doanh xăng dầu theo cơ chế thị trường có sự
quản lý của Nhà nước
Bộ Công Thương
Bộ Tài chính
2026
Chính phủ
"""


def test_the_lead_and_the_partners_printed_on_one_line_are_two_cells() -> None:
    parsed = parse_bytes(_TABLE.encode(), "annex.txt")
    assert [i.number.rstrip(".") for i in parsed.items] == ["1", "2", "3"]
    second = parsed.items[1]
    assert second.lead == "Bộ Công Thương"
    assert second.partners == "Các bộ, ngành, các tỉnh, thành phố"
    assert second.timeframe == "2026 - 2030"
    assert parsed.items[0].partners == "Bộ Tài chính, các tỉnh, thành phố"


def test_only_the_bodies_columns_are_cut() -> None:
    texts = ["Bộ Công Thương Các bộ, ngành"]
    assert split_bodies_before_timeframe(texts, ["lead", "partners"]) == [
        "Bộ Công Thương",
        "Các bộ, ngành",
    ]
    # A result's column among them: its text may use the capitalised plural; kept whole.
    assert split_bodies_before_timeframe(texts, ["lead", "partners", "outputs"]) == texts
    # A body's list ("… và Các …" is no cut either: gluedcells.py's rule).
    assert split_bodies_before_timeframe(["Bộ Tài chính và các bộ"], ["lead", "partners"]) == [
        "Bộ Tài chính và các bộ"
    ]
