"""Rules from held-out round 13 (issue 15): a commune body's decision setting up a team.

The snippets are made up; each test fails without its rule.
"""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.citations import closing_citation
from cchc.plans.parsing.clauses import deadline_of
from cchc.plans.parsing.decisions import funding_only
from cchc.plans.parsing.duties import about_itself, read_duties
from cchc.plans.parsing.result import DocumentInfo, ParsedPlan
from cchc.plans.readers.base import Paragraph

_DECISION = """ỦY BAN NHÂN DÂN
XÃ HÒA BÌNH

Số: 12/QĐ-UBND

Hòa Bình, ngày 3 tháng 3 năm 2026

QUYẾT ĐỊNH
Về việc thành lập Đoàn kiểm tra an toàn thực phẩm năm 2026

CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BÌNH

Căn cứ Luật Tổ chức chính quyền địa phương;

QUYẾT ĐỊNH

Điều 1. Thành lập Đoàn kiểm tra an toàn thực phẩm năm 2026, gồm các ông (bà):

1. Ông Nguyễn Văn An - Phó Chủ tịch UBND xã - Trưởng đoàn.

2. Bà Trần Thị Bình - Công chức Văn hóa - xã hội - Thành viên.

Điều 2. Nhiệm vụ của Đoàn kiểm tra an toàn thực phẩm:

- Kiểm tra việc chấp hành quy định về an toàn thực phẩm của các cơ sở kinh doanh trên địa bàn.

- Lập biên bản, kiến nghị xử lý các vi phạm theo quy định.

- Đoàn kiểm tra tự giải thể sau khi hoàn thành nhiệm vụ.

Điều 3. Văn phòng, các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.

Nơi nhận:
- Như Điều 3;
- Lưu: VT.

CHỦ TỊCH
"""


def test_duties_article_bullets_are_rows_led_by_the_team() -> None:
    parsed = parse_bytes(_DECISION.encode(), "qd.txt")
    assert [item.title for item in parsed.items] == [
        "Kiểm tra việc chấp hành quy định về an toàn thực phẩm của các cơ sở kinh doanh "
        "trên địa bàn",
        "Lập biên bản, kiến nghị xử lý các vi phạm theo quy định",
    ]
    assert {item.lead for item in parsed.items} == {"Đoàn kiểm tra an toàn thực phẩm"}


def test_duties_article_numbered_points_and_other_articles() -> None:
    texts = [
        "Điều 1. Thành lập Ban chỉ đạo chuyển đổi số xã.",
        "1. Ông A - Trưởng ban.",
        "Điều 2. Nhiệm vụ, quyền hạn của Ban chỉ đạo chuyển đổi số xã",
        "a) Chỉ đạo triển khai các nhiệm vụ chuyển đổi số trên địa bàn xã;",
        "b) Ban chỉ đạo làm việc theo chế độ kiêm nhiệm.",
        "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này.",
        "- Như Điều 3;",
    ]
    parsed = ParsedPlan(document=DocumentInfo(source_name="x.txt", format="txt"))
    paragraphs = [Paragraph(line=n, text=t) for n, t in enumerate(texts, 1)]
    assert read_duties(paragraphs, parsed)
    assert [(item.title, item.lead) for item in parsed.items] == [
        (
            "Chỉ đạo triển khai các nhiệm vụ chuyển đổi số trên địa bàn xã",
            "Ban chỉ đạo chuyển đổi số xã",
        )
    ]


def test_a_bullet_about_the_team_itself_is_no_task() -> None:
    assert about_itself("Tổ công tác tự giải thể sau khi kết thúc bầu cử.", "Tổ công tác")
    assert not about_itself("Tổng hợp, báo cáo kết quả về Ban Thường trực.", "Tổ công tác")


def test_a_funding_label_over_a_funding_sentence_is_no_row() -> None:
    assert funding_only(
        "Kinh phí thực hiện: Kinh phí tổ chức hội nghị được bảo đảm từ nguồn ngân sách xã."
    )
    # (the label over a body given the task stays a row)
    assert not funding_only("Kinh phí: Phòng Kinh tế xã chủ trì lập dự toán kinh phí hội nghị.")


def test_a_deadline_before_a_closing_citation_is_read() -> None:
    rest, timeframe, _ = deadline_of(
        "Tổng hợp kết quả, gửi về Ủy ban nhân dân huyện trước ngày 15/4/2026 "
        "(theo quy định tại Mục 3 Hướng dẫn số 7/HD-UBND)."
    )
    assert timeframe == "trước ngày 15/4/2026"
    assert rest == (
        "Tổng hợp kết quả, gửi về Ủy ban nhân dân huyện (theo quy định tại Mục 3 Hướng dẫn số "
        "7/HD-UBND)"
    )
    assert closing_citation("Tổ chức hội nghị (Phụ lục kèm theo).") == ("", "")
