"""Rules from held-out round 13 (issue 15): a commune body's decision setting up a team.

The snippets are made up; each test fails without its rule.
"""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.citations import closing_citation
from cchc.plans.parsing.clauses import deadline_of
from cchc.plans.parsing.decisions import funding_only
from cchc.plans.parsing.duties import about_itself, read_duties
from cchc.plans.parsing.officers import scope_only
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


_PLAN = """ỦY BAN NHÂN DÂN
PHƯỜNG AN KHÁNH

KẾ HOẠCH
Tổ chức ngày hội đọc sách năm 2026

III. TỔ CHỨC THỰC HIỆN

1. Văn phòng HĐND và UBND phường

- Xây dựng chương trình ngày hội đọc sách.

- Giao bà Lê Thị Cúc – Phó Chánh Văn phòng theo dõi, đôn đốc các đơn vị, báo cáo kết quả.

2. Công chức Văn hóa - xã hội phường

- Công chức phụ trách văn hóa hướng dẫn các khu phố trang trí khánh tiết.

- Chuẩn bị sách, báo trưng bày tại hội trường.

- Ủy ban nhân dân phường yêu cầu các đơn vị triển khai, thực hiện nghiêm túc kế hoạch này.

Đề nghị Đoàn Thanh niên phường phối hợp Văn phòng phường trong công tác tổ chức ngày hội.

Nơi nhận:
- Lưu: VT.
"""


def _rows() -> list[tuple[str, str]]:
    parsed = parse_bytes(_PLAN.encode(), "kh.txt")
    return [(item.title or "", item.lead or "") for item in parsed.items]


def test_giao_a_person_is_that_persons_row() -> None:
    row = ("Theo dõi, đôn đốc các đơn vị, báo cáo kết quả", "bà Lê Thị Cúc – Phó Chánh Văn phòng")
    assert row in _rows()


def test_staff_as_subject_and_as_heading_lead_their_rows() -> None:
    rows = _rows()
    subject = ("Hướng dẫn các khu phố trang trí khánh tiết", "Công chức phụ trách văn hóa")
    assert subject in rows
    assert (
        "Chuẩn bị sách, báo trưng bày tại hội trường",
        "Công chức Văn hóa - xã hội phường",
    ) in rows


def test_the_closing_call_in_a_bullet_is_no_row() -> None:
    assert not [title for title, _ in _rows() if "nghiêm túc" in title]
    assert len(_rows()) == 5


def test_cooperation_with_only_its_scope_keeps_the_cooperation() -> None:
    row = ("Phối hợp Văn phòng phường trong công tác tổ chức ngày hội", "Đoàn Thanh niên phường")
    assert row in _rows()
    assert scope_only("trong công tác tổ chức ngày hội")
    assert not scope_only("tổ chức ngày hội")
