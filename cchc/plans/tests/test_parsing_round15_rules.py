"""Round 15 rules (issue 15): a decision's article, a point opening on its occasion, a letter's
announcing paragraph, a request to a list of bodies, title blocks (made-up snippets)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.announced import topic_over_paragraph
from cchc.plans.parsing.articles import article_points
from cchc.plans.parsing.occasions import occasion_subject
from cchc.plans.parsing.titleblocks import page_numbers
from cchc.plans.readers.base import Paragraph

# A crawled decision: no blank lines, the articles' headings on lines of their own.
_DECISION = """ỦY BAN NHÂN DÂN
TỈNH HÒA AN
Số: 77/QĐ-UBND
Hòa An, ngày 03 tháng 5 năm 2022
QUYẾT ĐỊNH
BAN HÀNH KẾ HOẠCH PHÁT TRIỂN THƯ VIỆN CỘNG ĐỒNG
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
QUYẾT ĐỊNH:
Điều 1.
Ban hành kèm theo Quyết định này Kế hoạch phát triển thư viện cộng đồng
trên địa bàn tỉnh giai đoạn 2022 - 2025.
Điều 2.
Giao Sở Văn hóa và Thể thao chủ trì, phối
hợp với Ủy ban nhân dân các huyện, thị xã tổ chức triển khai thực hiện
Kế hoạch này trên địa bàn tỉnh.
Điều 3.
Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Văn hóa và Thể thao, Tài chính;
Chủ tịch UBND các huyện chịu trách nhiệm thi hành Quyết định này.
"""


def test_a_decisions_article_assigning_a_body_is_its_row() -> None:
    # Outside a numbered point "… tổ chức triển khai thực hiện Kế hoạch này" is a plan's
    # closing formula; the decision's article is its one task.
    parsed = parse_bytes(_DECISION.encode(), "x.txt")
    rows = [(item.number, item.lead, item.partners, item.title) for item in parsed.items]
    assert rows == [
        (
            "2",
            "Sở Văn hóa và Thể thao",
            "Ủy ban nhân dân các huyện, thị xã",
            "Tổ chức triển khai thực hiện Kế hoạch này trên địa bàn tỉnh",
        )
    ]
    assert parsed.document.number == "77/QĐ-UBND"


def test_an_article_on_the_headings_line_is_read_too() -> None:
    text = _DECISION.replace("Điều 2.\nGiao", "Điều 2. Giao")
    parsed = parse_bytes(text.encode(), "x.txt")
    assert [(item.number, item.lead) for item in parsed.items] == [("2", "Sở Văn hóa và Thể thao")]


def test_article_headings_are_written_as_points() -> None:
    points = article_points(
        [
            Paragraph(line=1, text="Điều 2."),
            Paragraph(line=2, text="Giao Sở X chủ trì."),
            Paragraph(line=3, text="**Điều 3. **Các Sở chịu trách nhiệm thi hành."),
        ]
    )
    assert points is not None
    assert [p.text for p in points] == [
        "2.",
        "Giao Sở X chủ trì.",
        "3. Các Sở chịu trách nhiệm thi hành.",
    ]
    assert article_points([Paragraph(line=1, text="1. Giao Sở X chủ trì.")]) is None


_OCCASIONS = """KẾ HOẠCH
Tổ chức hội thi tin học trẻ năm 2026

III. TỔ CHỨC THỰC HIỆN

1. Phòng Văn hóa - Xã hội chủ trì, phối hợp với các trường học tổ chức hội thi.

2. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc hoặc cần điều chỉnh, bổ sung,
Văn phòng Ủy ban nhân dân xã tổng hợp, báo cáo Chủ tịch xem xét, quyết định.

3. Trường hợp có thay đổi về thời gian, địa điểm, Trung tâm Văn hóa xã kịp thời
thông báo cho các trường học.
"""


def test_a_point_opening_with_its_occasion_is_led_by_the_body_after_it() -> None:
    parsed = parse_bytes(_OCCASIONS.encode(), "x.txt")
    rows = [(item.number, item.lead, item.title) for item in parsed.items]
    assert rows[1:] == [
        ("2", "Văn phòng Ủy ban nhân dân xã", "Tổng hợp, báo cáo Chủ tịch xem xét, quyết định"),
        ("3", "Trung tâm Văn hóa xã", "Kịp thời thông báo cho các trường học"),
    ]


def test_the_occasion_ends_at_the_first_body_named_after_it() -> None:
    assert (
        occasion_subject(
            "Khi có văn bản mới, ý kiến của cấp trên, Phòng Nội vụ tham mưu điều chỉnh Kế hoạch."
        )
        == "Phòng Nội vụ tham mưu điều chỉnh Kế hoạch."
    )
    # The bodies at large asked to report: the closing formula, no one's row.
    assert (
        occasion_subject(
            "Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, đơn vị báo cáo về Sở "
            "Nội vụ, Sở Tài chính để tổng hợp."
        )
        is None
    )
    assert (
        occasion_subject("Phòng Nội vụ tham mưu điều chỉnh Kế hoạch, Sở Tư pháp thẩm định.") is None
    )


_LETTER = """Thực hiện kế hoạch của Ban Thường vụ, Hội Nông dân xã kính đề nghị các cơ quan,
đơn vị phối hợp thực hiện một số nội dung sau:

1. Đối tượng đăng ký

Đề nghị các cơ quan, đơn vị, Chi bộ thôn Đông, Chi bộ thôn Tây quan tâm chỉ đạo, rà soát
và gửi danh sách hội viên về Văn phòng Hội trước ngày 10/11/2026.

2. Hồ sơ khen thưởng

Văn phòng Hội Nông dân xã tổng hợp hồ sơ, trình Ban Thường vụ xét khen thưởng.
"""


def test_a_heading_under_an_announcing_paragraph_is_the_topic_of_its_paragraph() -> None:
    # The announcing paragraph's bodies lead no heading: each paragraph names its own subject.
    parsed = parse_bytes(_LETTER.encode(), "x.txt")
    rows = [(item.lead, item.timeframe) for item in parsed.items]
    assert rows == [
        ("các cơ quan, đơn vị, Chi bộ thôn Đông, Chi bộ thôn Tây", "trước ngày 10/11/2026"),
        ("Văn phòng Hội Nông dân xã", ""),
    ]
    assert [item.number for item in parsed.items] == ["1", "2"]


def test_a_heading_over_a_task_without_a_subject_is_still_the_announced_bodies_row() -> None:
    assert not topic_over_paragraph(
        "Đối tượng đăng ký", "Rà soát danh sách hội viên.", ("plain", "Các cơ quan, đơn vị")
    )
    assert topic_over_paragraph(
        "Đối tượng đăng ký", "Đề nghị các đơn vị gửi danh sách.", ("plain", "Các cơ quan")
    )
    # (no announcing paragraph above: nothing to lend, the reading as it was)
    assert not topic_over_paragraph("Đối tượng đăng ký", "Đề nghị các đơn vị gửi danh sách.", None)


def test_a_list_of_bodies_asked_runs_to_the_verb() -> None:
    parsed = parse_bytes(
        (
            "Kính gửi: các đơn vị.\n\n1. Đề nghị các cơ quan, đơn vị, Chi bộ khu phố 1, Đảng bộ "
            "Công an xã quan tâm chỉ đạo, rà soát và báo cáo kết quả.\n"
        ).encode(),
        "x.txt",
    )
    assert [item.lead for item in parsed.items] == [
        "các cơ quan, đơn vị, Chi bộ khu phố 1, Đảng bộ Công an xã"
    ]


def test_a_contest_rules_title_block_with_its_quoted_subject_is_the_title() -> None:
    text = """THỂ LỆ HỘI THI

“Cán bộ dân số giỏi” xã Hòa Bình năm 2027

(Ban hành kèm theo Kế hoạch số 15/KH-UBND ngày 02/3/2027 của Ủy ban nhân dân xã Hòa Bình)

Điều 9. Tổ chức thực hiện

1. Trạm Y tế xã chủ trì, phối hợp với các thôn tổ chức Hội thi.
"""
    parsed = parse_bytes(text.encode(), "the-le.txt")
    assert parsed.document.title == "THỂ LỆ HỘI THI “Cán bộ dân số giỏi” xã Hòa Bình năm 2027"
    assert parsed.document.number == "15/KH-UBND"


def test_a_letters_number_in_the_pages_heading_is_its_number() -> None:
    text = """Nội dung văn bản Số: 31/HND-VP
của BAN THƯỜNG VỤ HỘI NÔNG DÂN XÃ HÒA BÌNH

Hội Nông dân xã kính đề nghị các chi hội phối hợp thực hiện một số nội dung sau:

1. Văn phòng Hội Nông dân xã tổng hợp danh sách hội viên, báo cáo Ban Thường vụ.
"""
    parsed = parse_bytes(text.encode(), "x.txt")
    assert parsed.document.number == "31/HND-VP"
    # (the page's heading is no labelled block: "Nội dung …:" is no task there)
    assert [item.lead for item in parsed.items] == ["Văn phòng Hội Nông dân xã"]
    assert page_numbers(["Nội dung văn bản Số: 31/HND-VP", "Số: 2/KH"]) == ["Số: 31/HND-VP"]
