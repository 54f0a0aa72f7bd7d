"""A task table grouped by body from a gazette's PDF text (issue 15, held-out round 19,
``parsing/groupedcells.py``): the group's number and body, a merged cell, printed among its
rows (before them, or after some of them), partners as numbered lists or one body, the
timeframe last, the page's running head and the repeated header skipped. Made-up annex (other
bodies and wording than the corpus entry)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.result import ParsedPlan

_HEADER = "STT\nĐơn vị\nNhiệm vụ chủ trì\nĐơn vị phối hợp\nThời gian\nhoàn thành\n"

_ANNEX = (
    "Phụ lục\n"
    "NHIỆM VỤ CỦA CÁC SỞ, NGÀNH TRONG TRIỂN KHAI KẾ HOẠCH CHUYỂN ĐỔI SỐ\n"
    "\n"
    "I. NHIỆM VỤ CHUNG\n"
    "1. Rà soát các thủ tục hành chính có thể cung cấp trực tuyến toàn trình (Quý II/2026).\n"
    "2. Tổng hợp, đánh giá kết quả thực hiện Kế hoạch (Quý IV/2026).\n"
    "II. NHIỆM VỤ CỤ THỂ\n" + _HEADER + "Xây dựng quy chế quản lý, vận hành hệ thống\n"
    "thông tin giải quyết thủ tục hành chính\n"
    "(1) Sở Tư pháp\n"
    "(2) Văn phòng Ủy ban nhân dân tỉnh\n"
    "Quý III/2026\n"
    "1\n"
    "Sở Khoa học và\n"
    "Công nghệ\n"
    "Nâng cấp hạ tầng mạng truyền số liệu chuyên\n"
    "dùng của các cơ quan nhà nước\n"
    "Sở Nội vụ\n"
    "Năm 2026\n"
    "\n"
    "CÔNG BÁO/Số 77 + 78/Ngày 02-02-2026\n"
    "12\n" + _HEADER + "Tổ chức tập huấn kỹ năng số cho cán bộ, công\n"
    "chức cấp xã trên địa bàn tỉnh\n"
    "Sở Khoa học và Công nghệ\n"
    "Thường xuyên\n"
    "2\n"
    "Sở Nội vụ\n"
    "Phối hợp với Sở Khoa học và Công nghệ đánh\n"
    "giá mức độ chuyển đổi số của các cơ quan\n"
    "(1) Sở Khoa học và Công nghệ\n"
    "(2) Các sở, ngành\n"
    "Theo lộ trình của Kế\n"
    "hoạch\n"
    "3\n"
    "Sở Tài chính\n"
    "Bố trí kinh phí thực hiện Kế hoạch theo phân\n"
    "cấp ngân sách hiện hành\n"
    " \n"
    "Hằng năm\n"
)


def _parse(text: str) -> ParsedPlan:
    return parse_bytes(text.encode(), "phu-luc.txt")


def _table(parsed: ParsedPlan) -> list[tuple[str, str, str, str]]:
    return [
        ((item.title or "")[:30], item.lead or "", item.partners or "", item.timeframe or "")
        for item in parsed.items
        if not item.number
    ]


def test_rows_before_and_after_the_merged_cell_are_its_body_s() -> None:
    rows = _table(_parse(_ANNEX))
    assert [lead for _t, lead, _p, _time in rows[:2]] == ["Sở Khoa học và Công nghệ"] * 2
    assert rows[0][3] == "Quý III/2026"
    assert rows[1][2:] == ("Sở Nội vụ", "Năm 2026")


def test_a_row_naming_the_earlier_body_as_partner_is_the_later_body_s() -> None:
    rows = _table(_parse(_ANNEX))
    # after the page break, before "2 Sở Nội vụ": its partner is the first group's body
    assert rows[2][:2] == ("Tổ chức tập huấn kỹ năng số ch", "Sở Nội vụ")
    assert rows[3][1] == "Sở Nội vụ"


def test_cells_partners_timeframe_and_role_words() -> None:
    rows = _table(_parse(_ANNEX))
    assert rows[3][0] == "Đánh giá mức độ chuyển đổi số "  # "Phối hợp với X" left out
    assert rows[3][3] == "Theo lộ trình của Kế hoạch"
    assert rows[4] == ("Bố trí kinh phí thực hiện Kế h", "Sở Tài chính", "", "Hằng năm")
    assert len(rows) == 5


def test_the_points_before_the_table_stay_rows() -> None:
    parsed = _parse(_ANNEX)
    assert [item.number for item in parsed.items][:2] == ["1", "2"]
    assert len(parsed.items) == 7


def test_a_table_with_its_body_after_the_tasks_is_refused() -> None:
    text = _ANNEX.replace("Đơn vị\nNhiệm vụ chủ trì\n", "Nhiệm vụ chủ trì\nĐơn vị\n")
    assert not any(item.lead == "Sở Nội vụ" for item in _parse(text).items)
