"""The rules written for what rounds 11-12 still misread (issue 15): a web page's own heading
and summary above a document's text (``parsing/sitelines.py``). Each on a small made-up
document (other bodies and wording than the corpus entries)."""

from __future__ import annotations

import datetime as dt

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.plusbullets import announces_plus, row_number
from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.parsing.sitelines import document_texts, site_lines


def _parse(text: str, name: str = "plan.md") -> ParsedPlan:
    return parse_bytes(text.encode(), name)


# -- a web page's heading and summary ----------------------------------------------------------

# A news site's page: its heading names the document in sentence case, its summary cites the
# number and date (and another document's, after a comma); the excerpt kept has no letterhead.
_PAGE = (
    "# Chỉ thị số 12-CT/TU\n\n"
    "Chỉ thị số 12-CT/TU ngày 05/03/2025 của Ban Thường vụ Tỉnh ủy về tiếp tục thực hiện "
    "Nghị quyết số 08-NQ/TU, ngày 14/07/2021 về phát triển du lịch.\n\n"
    "**3\\. Tổ chức thực hiện**\n\n"
    "\\- Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Sở Văn hóa hướng dẫn tuyên truyền "
    "các nội dung của Chỉ thị.\n\n"
    "\\- Ủy ban Kiểm tra Tỉnh ủy theo dõi, kiểm tra việc thực hiện Chỉ thị.\n"
)

# The same page with the document's own letterhead under the site's lines.
_PAGE_WITH_LETTERHEAD = (
    "# Chỉ thị số 12-CT/TU\n\n"
    "Trân trọng giới thiệu toàn văn Chỉ thị.\n\n"
    "| TỈNH ỦY BÌNH AN | ĐẢNG CỘNG SẢN VIỆT NAM |\n"
    "| :---- | :---- |\n"
    "| Số: 12-CT/TU | *Bình An, ngày 05 tháng 03 năm 2025* |\n\n"
    "**CHỈ THỊ**\n\n"
    "**về phát triển du lịch**\n\n"
    "**3\\. Tổ chức thực hiện**\n\n"
    "\\- Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Sở Văn hóa hướng dẫn tuyên truyền "
    "các nội dung của Chỉ thị.\n\n"
    "\\- Ủy ban Kiểm tra Tỉnh ủy theo dõi, kiểm tra việc thực hiện Chỉ thị.\n"
)


def test_a_site_heading_and_its_summary_give_no_number_or_date() -> None:
    parsed = _parse(_PAGE)
    assert len(parsed.items) == 2
    assert parsed.document.number is None
    assert parsed.document.date is None


def test_the_documents_letterhead_under_the_site_lines_is_still_read() -> None:
    parsed = _parse(_PAGE_WITH_LETTERHEAD)
    assert parsed.document.number == "12-CT/TU"
    assert parsed.document.date == dt.date(2025, 3, 5)


def test_a_title_block_printed_as_a_heading_is_the_documents_own() -> None:
    texts = ["# KẾ HOẠCH", "Thực hiện Chỉ thị số 12-CT/TU của Tỉnh ủy"]
    assert site_lines(texts) == 0
    assert document_texts(texts) == texts
    texts = ["## CHƯƠNG TRÌNH HÀNH ĐỘNG của Ủy ban nhân dân tỉnh", "*(Kèm theo …)*"]
    assert site_lines(texts) == 0


def test_the_site_lines_end_at_the_letterhead_the_title_or_the_body() -> None:
    assert site_lines(["# Kế hoạch số 3/KH-UBND", "Tóm tắt của trang.", "|Số: 3/KH-UBND|"]) == 2
    assert site_lines(["# Kế hoạch số 3/KH-UBND", "Lời giới thiệu.", "KẾ HOẠCH"]) == 2
    assert site_lines(["# Kế hoạch số 3/KH-UBND", "Lời giới thiệu.", "**1. Mục tiêu**"]) == 2
    assert site_lines(["Kế hoạch số 3/KH-UBND", "Lời giới thiệu."]) == 0  # no heading


# -- a bullet announcing the bullets under it ------------------------------------------------

# A letter: its paragraph asks the districts; under point 2 a bullet asks another body, with
# "như sau:", for the "+" bullets below it.
_LETTER = (
    "Sở Nội vụ đề nghị Ủy ban nhân dân các huyện, thị xã thực hiện các nội dung sau:\n\n"
    "1. Về công tác tuyển dụng.\n\n"
    "- Đề nghị Ủy ban nhân dân các huyện, thị xã rà soát chỉ tiêu biên chế được giao.\n\n"
    "2. Về công tác đào tạo.\n\n"
    "- Bên cạnh việc rà soát biên chế, Sở Nội vụ đề nghị Phòng Nội vụ các huyện triển khai "
    "các biện pháp cụ thể như sau:\n\n"
    "+ Lập danh sách công chức cấp xã cần bồi dưỡng kỹ năng số.\n\n"
    "+ Tổng hợp nhu cầu đào tạo, gửi về Sở Nội vụ trước ngày 15/6/2026.\n"
)


def test_a_bullet_asking_a_body_as_follows_leads_the_bullets_under_it() -> None:
    parsed = _parse(_LETTER, "cv.txt")
    rows = [(i.lead, (i.title or "")[:24]) for i in parsed.items]
    assert rows[-2:] == [
        ("Phòng Nội vụ các huyện", "Lập danh sách công chức "),
        ("Phòng Nội vụ các huyện", "Tổng hợp nhu cầu đào tạo"),
    ]
    assert (parsed.items[0].lead or "").startswith("Ủy ban nhân dân các huyện")  # the paragraph's


def test_only_a_dash_bullet_over_a_bullet_announces() -> None:
    asking = "- Sở A đề nghị Phòng B các huyện thực hiện các việc cụ thể như sau:"
    found = announces_plus(asking, "+ Lập danh sách.")
    assert found is not None and found.group("lead") == "Phòng B các huyện"
    assert announces_plus(asking, "Đoạn văn tiếp theo.") is None  # no bullet below
    assert announces_plus(asking[2:], "+ Lập danh sách.") is None  # a paragraph, not a bullet
    assert announces_plus("- Phòng B lập danh sách.", "+ Lập danh sách.") is None


def test_bullets_under_a_numbered_topic_take_its_number() -> None:
    parsed = _parse(_LETTER, "cv.txt")
    assert [i.number for i in parsed.items] == ["1", "2", "2"]
    topic = [("number", "3. Đối với công tác thi đua")]
    announced = ("plain", "Sở Nội vụ")
    assert row_number("", "bullet", topic, announced) == "3"
    assert row_number("", "bullet", topic, None) == ""  # no body announced above
    assert row_number("", "bullet", topic, ("number", "Sở Nội vụ")) == ""  # an agency heading
    assert row_number("", "bullet", [("number", "3. Tăng cường kiểm tra")], announced) == ""
    assert row_number("4", "number", topic, announced) == "4"
    assert row_number("II", "roman", [], announced) == ""
