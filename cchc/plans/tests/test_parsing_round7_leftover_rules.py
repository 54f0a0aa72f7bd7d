"""Round 7 leftovers (issue 15): a telegram crawled without blank lines (a point's next
sentence, the central bank's governor, office holders assigned by "Phân công", a deadline
closing a sentence inside the paragraph) and pipe tables whose rows a converter wrapped over
lines (made-up snippets)."""

from __future__ import annotations

from pathlib import Path

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.columns import field_for_label
from cchc.plans.readers.wrappedrows import wrapped_tables

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


# A plan crawled with blank lines between paragraphs, the printed line breaks kept inside them.
_CRAWLED_PLAN = """**KẾ HOẠCH**

THỰC HIỆN CHƯƠNG TRÌNH PHÒNG, CHỐNG TỘI PHẠM

**IV. PHÂN CÔNG NHIỆM VỤ**

**1. Công an tỉnh**

a) Tham mưu tổ chức thực hiện
Chương trình trên địa bàn tỉnh.

b) Chủ trì triển khai, thực hiện
các nhiệm vụ được giao tại các dự án của Chương trình, bao gồm:

- Dự án 1: Phòng ngừa tội phạm
có tổ chức.

- Dự án 3 (Tiểu dự án 2):
Nâng cao hiệu quả truyền thông ở cơ sở.

- Dự án 4: Quản lý, giám sát Chương trình.

**2. Sở Tài chính**

a) Bố trí kinh phí thực hiện
Chương trình theo quy định.
"""


def test_a_bullets_label_and_its_text_in_one_crawled_paragraph_are_one_bullet() -> None:
    # "- Dự án 3 (Tiểu dự án 2):" / "Nâng cao …": the project's label and name, one content
    # bullet of b); the point's bullets are what it covers, no rows.
    rows = _rows(_CRAWLED_PLAN)
    assert [(number, lead) for number, lead, _title in rows] == [
        ("a", "Công an tỉnh"),
        ("b", "Công an tỉnh"),
        ("a", "Sở Tài chính"),
    ]


# A law-making plan's table a converter broke: rows wrapped over lines, each continuation
# opening with "|" or not, bare pipes between rows, a section row of one cell, the "TT" cells
# empty (or missing, the row padded at its end), a row whose review cell was lost.
_WRAPPED_TABLE = """## KẾ HOẠCH

### SỬA ĐỔI CÁC NGHỊ QUYẾT VỀ TỔ CHỨC CỦA HỘI ĐỒNG

| TT | Tên văn bản | Cơ quan trình | Cơ quan soạn thảo | Cơ quan thẩm tra | Tiến độ | Hồ sơ | |
|
| I. Văn bản thuộc thẩm quyền của Hội đồng |
| |||||
| | Nghị quyết sửa đổi Quy chế làm việc | Thường trực Hội đồng | Tổ soạn thảo (Văn phòng giúp)
| - Ban Pháp chế chủ trì thẩm tra; - các Ban phối hợp.
| Trình Hội đồng tại kỳ họp tháng 3/2026 | - Hồ sơ gồm: (1) Tờ trình; (2) Dự thảo. | |
| II. Văn bản thuộc thẩm quyền của Thường trực | |||||||
|
| |||||||
| | Nghị quyết giải thể Trung tâm Thông tin | Ban Tổ chức |
Ban Tổ chức (Trung tâm Thông tin phối hợp) |
| Trình Thường trực trước ngày 15/01/2026 | - Hồ sơ gồm: (1) Tờ trình; (2) Dự thảo. | |
| Nghị quyết Ban Dân vận | Ban Dân vận | Ban Dân vận | Ban Kinh tế | Trước ngày 20/01/2026 | Hồ sơ.
| ||
| Nghị quyết về chức năng của Văn phòng
| Văn phòng | Văn phòng |
| Trình Thường trực trước ngày 25/01/2026 | - Hồ sơ gồm: (1) Tờ trình.
| ||
"""


def test_a_pipe_table_whose_rows_wrap_over_lines_reads_one_row_per_draft() -> None:
    parsed = parse_bytes(_WRAPPED_TABLE.encode(), "x.md")
    rows = [((item.title or "")[:22], item.lead, item.timeframe) for item in parsed.items]
    assert rows == [
        (
            "Nghị quyết sửa đổi Quy",
            "Thường trực Hội đồng",
            "Trình Hội đồng tại kỳ họp tháng 3/2026",
        ),
        ("Nghị quyết giải thể Tr", "Ban Tổ chức", "Trình Thường trực trước ngày 15/01/2026"),
        (
            "Nghị quyết Ban Dân vận",
            "Ban Dân vận",
            "Trước ngày 20/01/2026",
        ),
        ("Nghị quyết về chức năn", "Văn phòng", "Trình Thường trực trước ngày 25/01/2026"),
    ]
    sections = [item.section[-1] for item in parsed.items]
    assert sections[0].startswith("I. Văn bản") and sections[1].startswith("II. Văn bản")


def test_the_wrapped_rows_are_rebuilt_cell_by_cell() -> None:
    lines = _WRAPPED_TABLE.splitlines()
    found = wrapped_tables(lines)
    assert list(found) == [5]
    table, last = found[5]
    assert last == len(lines)
    cells = [row.cells for row in table.rows]
    assert cells[1] == ["I. Văn bản thuộc thẩm quyền của Hội đồng"]
    assert cells[2][:4] == [
        "",
        "Nghị quyết sửa đổi Quy chế làm việc",
        "Thường trực Hội đồng",
        "Tổ soạn thảo (Văn phòng giúp)",
    ]
    assert cells[2][4] == "- Ban Pháp chế chủ trì thẩm tra; - các Ban phối hợp."
    # "… phối hợp) |" / "| Trình …": the review cell lost between the two pipes
    assert cells[4][3:6] == [
        "Ban Tổ chức (Trung tâm Thông tin phối hợp)",
        "",
        "Trình Thường trực trước ngày 15/01/2026",
    ]
    # the number cell missing, the row padded at its end: given back
    assert cells[5][:3] == ["", "Nghị quyết Ban Dân vận", "Ban Dân vận"]
    assert all(len(row) == 8 for row in cells[2:] if row[1])


_WELL_FORMED = """| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |
|---|---|---|---|
| I | Cải cách thể chế | | |
| 1 | Rà soát thủ tục | Sở Tư pháp | Quý I/2026 |
| 2 | Số hóa hồ sơ | Sở Nội vụ |
| Năm 2026 |
"""


def test_a_well_formed_table_is_not_rebuilt() -> None:
    # Each row on one line (a short row too, and a one-cell row): nothing is wrapped.
    assert wrapped_tables(_WELL_FORMED.splitlines()) == {}
    assert wrapped_tables(_WELL_FORMED.replace("|---|---|---|---|\n", "").splitlines()) == {}


def test_no_table_of_the_corpus_but_the_broken_one_is_rebuilt() -> None:
    # The corpus's pipe tables read as before: only entry 101's table is wrapped.
    corpus = Path(__file__).parent / "corpus"
    rebuilt = [
        path.name
        for path in sorted(corpus.iterdir())
        if path.suffix in {".md", ".txt"}
        and wrapped_tables(path.read_text(encoding="utf-8", errors="replace").splitlines())
    ]
    assert rebuilt == ["101-real-nq-1339-nq-ubtvqh15-2024-ke-hoach.md"]


def test_the_submitting_body_of_a_law_making_plan_is_the_lead_column() -> None:
    assert field_for_label("Cơ quan trình") == "lead"
    assert field_for_label("Cấp trình") == "submit_level"


_TOPIC_BULLETS = """VĂN PHÒNG CHÍNH PHỦ
Số: 9001/VPCP-CN
Hà Nội, ngày 02 tháng 12 năm 2025
Kính gửi: Ủy ban nhân dân tỉnh Hòa An.
Xét báo cáo của Đoàn kiểm tra số 03 về tiến độ dự án đường vành đai, Phó Thủ tướng
Chính phủ có ý kiến như sau:
1. Ủy ban nhân dân tỉnh Hòa An:
- Về công tác giải phóng mặt bằng: chỉ đạo các đơn vị liên quan đẩy nhanh tiến độ
bàn giao mặt bằng của dự án trước ngày 30 tháng 12 năm 2025.
- Về nguồn vật liệu: tiếp tục hỗ trợ các nhà thầu trong việc điều chỉnh khối lượng
đá tại các mỏ để đáp ứng tiến độ.
2. Cục Kết cấu hạ tầng xây dựng tham mưu việc hướng dẫn các địa phương kiểm tra
hệ thống cầu, đường bộ sau mưa lũ.
Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_a_bullets_topic_is_no_part_of_its_title() -> None:
    # "- Về X: chỉ đạo …" under "1. Ủy ban nhân dân tỉnh …:": the topic heads the task.
    rows = _rows(_TOPIC_BULLETS)
    assert rows[0][1] == rows[1][1] == "Ủy ban nhân dân tỉnh Hòa An"
    assert rows[0][2].startswith("Chỉ đạo các đơn vị liên quan đẩy nhanh")
    assert rows[1][2].startswith("Tiếp tục hỗ trợ các nhà thầu")


def test_construction_infrastructure_is_a_bodys_name_not_a_verb() -> None:
    # "Cục Kết cấu hạ tầng xây dựng tham mưu …": "xây dựng" after "hạ tầng" names the
    # department; the task starts at "tham mưu".
    rows = _rows(_TOPIC_BULLETS)
    assert rows[2][:2] == ("2", "Cục Kết cấu hạ tầng xây dựng")
    assert rows[2][2].startswith("Tham mưu việc hướng dẫn")
