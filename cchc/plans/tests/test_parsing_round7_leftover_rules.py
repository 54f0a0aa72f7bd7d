"""Round 7 leftovers (issue 15): a telegram crawled without blank lines (a point's next
sentence, the central bank's governor, office holders assigned by "Phân công", a deadline
closing a sentence inside the paragraph) and pipe tables whose rows a converter wrapped over
lines (made-up snippets)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes

# A telegram crawled WITHOUT blank lines: no paragraph break tells where a point ends.
_TELEGRAM = """THỦ TƯỚNG CHÍNH PHỦ
Số: 301/CĐ-TTg
Hà Nội, ngày 10 tháng 10 năm 2025
CÔNG ĐIỆN
VỀ VIỆC KHẮC PHỤC HẬU QUẢ BÃO SỐ 9
THỦ TƯỚNG CHÍNH PHỦ điện:
- Chủ tịch Ủy ban nhân dân các tỉnh: Hòa An, Bình Xuyên;
- Các Bộ: Xây dựng, Công Thương.
Bão số 9 đã gây thiệt hại nặng nề cho các tỉnh ven biển. Thủ tướng Chính phủ yêu cầu:
1. Chủ tịch Ủy ban nhân dân các tỉnh: Hòa An, Bình Xuyên tiếp tục chỉ đạo
các lực lượng tại chỗ, trong đó tập trung một số nhiệm vụ sau:
(1) Sơ tán người dân ra khỏi khu vực nguy hiểm, bảo đảm an toàn tuyệt đối
cho người dân.
(2) Thống kê đầy đủ thiệt hại về nhà ở, cây trồng, vật nuôi, hoàn thành
trước ngày 20/10/2025.
Tổ chức tiếp nhận, phân phối hàng cứu trợ đến tận tay người dân (phân công
đầu mối để phân bổ công bằng, công khai.
(4) Khôi phục ngay các tuyến đường bị sạt lở trong địa bàn.
2. Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo các tổ chức tín dụng
giãn nợ, giảm lãi suất (theo quy định) cho khách hàng bị thiệt hại.
3. Phân công các đồng chí Phó Thủ tướng Chính phủ tiếp tục theo dõi sát
tình hình khắc phục hậu quả bão tại các địa phương.
4. Bộ trưởng Bộ Xây dựng khẩn trương hỗ trợ các địa phương thông tuyến
giao thông.
Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def _rows(text: str) -> list[tuple[str, str, str]]:
    parsed = parse_bytes(text.encode(), "x.md")
    return [(item.number or "", item.lead or "", item.title or "") for item in parsed.items]


def test_a_verb_sentence_between_paren_points_goes_on_with_the_point_above() -> None:
    # "(2) … 20/10/2025." / "Tổ chức tiếp nhận …" / "(4) …": the number "(3)" lost, the
    # sentence is (2)'s next one, no row of its own.
    rows = _rows(_TELEGRAM)
    assert [number for number, _lead, _title in rows] == ["1", "2", "4", "2", "3", "4"]
    assert "Tổ chức tiếp nhận" in rows[1][2]


def test_a_sentence_after_the_list_before_another_kind_of_heading_stays_apart() -> None:
    text = _TELEGRAM.replace(
        "(4) Khôi phục ngay các tuyến đường bị sạt lở trong địa bàn.\n",
        "Theo dõi tình hình mưa lũ.\n",
    )
    rows = _rows(text)
    assert "Theo dõi" not in rows[1][2]


def test_the_governor_of_the_central_bank_leads_a_point() -> None:
    rows = _rows(_TELEGRAM)
    assert ("2", "Thống đốc Ngân hàng Nhà nước Việt Nam") in [(n, lead) for n, lead, _t in rows]


def test_office_holders_assigned_by_phan_cong_lead_a_point() -> None:
    rows = _rows(_TELEGRAM)
    three = [row for row in rows if row[0] == "3"]
    assert three and three[0][2].startswith("Tiếp tục theo dõi sát tình hình")
    assert "Phó Thủ tướng" in three[0][1]


def test_an_appeal_to_office_holders_closing_the_text_is_no_row() -> None:
    text = _TELEGRAM.replace(
        "Nơi nhận:",
        "Đề nghị các đồng chí Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh chỉ đạo\n"
        "quyết liệt, khẩn trương thực hiện.\nNơi nhận:",
    )
    assert len(_rows(text)) == len(_rows(_TELEGRAM))


def test_a_deadline_closing_a_sentence_inside_the_paragraph_is_the_rows() -> None:
    parsed = parse_bytes(_TELEGRAM.encode(), "x.md")
    assert parsed.items[1].timeframe == "trước ngày 20/10/2025"
