"""Regulations giving each body its duties article by article (issue 15, held-out round 22):
dutyarticles.py, casepoints.py, framedsteps.py, numberwraps.py and the vocabulary's round-22
words. Made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.meta import read_document_info
from cchc.plans.parsing.result import DocumentInfo

# Two articles, their bold headings wrapped mid-name, over clauses without subject.
_ARTICLES = """**QUY CHẾ**

**Điều 4. Trách nhiệm của Trung tâm lưu trữ**

1. Tiếp nhận hồ sơ lưu trữ do các phòng chuyên môn chuyển đến theo đúng thời hạn quy định.

2. Trung tâm lưu trữ có trách nhiệm số hóa tài liệu đã tiếp nhận trong năm.

**Điều 5. Trách nhiệm của Ủy
ban nhân dân cấp xã**

1. Chỉ đạo các thôn, tổ dân phố rà soát hồ sơ lưu trữ trên địa bàn hằng năm.

2. Bố trí kho lưu trữ bảo đảm điều kiện bảo quản tài liệu.
"""


def test_articles_naming_a_body_lead_their_clauses():
    parsed = parse_bytes(_ARTICLES.encode(), "quy-che.md")
    rows = [(i.number, i.lead) for i in parsed.items]
    assert rows == [
        ("1", "Trung tâm lưu trữ"),
        ("2", "Trung tâm lưu trữ"),
        ("1", "Ủy ban nhân dân cấp xã"),
        ("2", "Ủy ban nhân dân cấp xã"),
    ]
    assert parsed.items[0].title.startswith("Tiếp nhận hồ sơ lưu trữ")
    assert parsed.items[1].title.startswith("Số hóa tài liệu")


# One article, a paragraph alone under it: the article reads as a part, which numbers no row.
_ONE_PARAGRAPH = """**Điều 6. Trách nhiệm của Ban quản lý dự án**

1. Lập kế hoạch giải phóng mặt bằng của các dự án được giao trong năm.

**Điều 7. Trách nhiệm của Văn phòng đăng ký đất đai**

Văn phòng đăng ký đất đai có trách nhiệm chuyển hồ sơ địa chính cho cơ quan thuế.
"""


def test_a_paragraph_alone_under_a_duty_article_has_no_part_number():
    parsed = parse_bytes(_ONE_PARAGRAPH.encode(), "quy-che.md")
    assert [(i.number, i.lead) for i in parsed.items] == [
        ("1", "Ban quản lý dự án"),
        ("", "Văn phòng đăng ký đất đai"),
    ]


# A clause announcing its cases by kind of applicant, then a limit on the body.
_CASES = """**Điều 3. Trách nhiệm của Sở Tư pháp**

1. Tiếp nhận và giải quyết hồ sơ lý lịch tư pháp đúng thời hạn, cụ thể:

a) Đối với công dân cư trú trong tỉnh: Không quá 05 ngày làm việc kể từ ngày nhận hồ sơ;

b) Đối với người nước ngoài đã cư trú tại tỉnh: Không quá 10 ngày làm việc;

c) Sở Tư pháp không được yêu cầu người nộp hồ sơ bổ sung giấy tờ ngoài quy định.

2. Cập nhật cơ sở dữ liệu lý lịch tư pháp hằng tháng.

**Điều 4. Trách nhiệm của Công an tỉnh**

1. Tra cứu thông tin về tình trạng án tích theo đề nghị của Sở Tư pháp.
"""


def test_cases_announced_by_a_clause_are_its_notes():
    parsed = parse_bytes(_CASES.encode(), "quy-che.md")
    rows = [(i.number, i.lead) for i in parsed.items]
    assert rows == [("1", "Sở Tư pháp"), ("2", "Sở Tư pháp"), ("1", "Công an tỉnh")]
    assert parsed.items[0].title.startswith("Tiếp nhận và giải quyết hồ sơ")
    assert "Đối với công dân cư trú trong tỉnh" in (parsed.items[0].notes or "")
    assert "không được yêu cầu" in (parsed.items[0].notes or "")


# A clause ending "đối với:" over its objects; a labelled point; a time clause first.
_OBJECTS = """**Điều 10. Cập nhật dữ liệu về giá**

1. Sở Tài chính chịu trách nhiệm cập nhật dữ liệu vào Cơ sở dữ liệu về giá đối với:

a) Báo cáo giá thị trường của tỉnh;

b) Giá hàng hóa thuộc thẩm quyền định giá của tỉnh.

2. Thời điểm cập nhật dữ liệu:

Sau tối đa 03 ngày kể từ khi văn bản được ban hành, các sở quản lý ngành có trách nhiệm
cập nhật dữ liệu vào Cơ sở dữ liệu về giá.
"""


def test_objects_of_a_clause_are_its_notes():
    parsed = parse_bytes(_OBJECTS.encode(), "quyet-dinh.md")
    assert (parsed.items[0].number, parsed.items[0].lead) == ("1", "Sở Tài chính")
    assert parsed.items[0].title.startswith("Cập nhật dữ liệu vào Cơ sở dữ liệu")
    assert "Báo cáo giá thị trường của tỉnh" in (parsed.items[0].notes or "")
    assert len(parsed.items) == 2


def test_a_subject_after_a_time_clause_leads():
    parsed = parse_bytes(_OBJECTS.encode(), "quyet-dinh.md")
    last = parsed.items[-1]
    assert (last.number, last.lead) == ("2", "Các sở quản lý ngành")
    assert last.title.startswith("Cập nhật dữ liệu")


# Under a body's duty article, a next step after a time clause and a liability after a
# condition, both without the body as their own opening subject.
_STEPS = """**Điều 8. Trách nhiệm của Ủy ban nhân dân cấp xã**

1. Niêm yết công khai danh sách hộ được hỗ trợ tại trụ sở.

Sau thời hạn niêm yết, lập biên bản kết thúc niêm yết và gửi về Phòng Kinh tế.

2. Gửi báo cáo kết quả hỗ trợ về Sở Tài chính đúng thời hạn.

Trường hợp gửi chậm, hồ sơ bị trả lại thì Ủy ban nhân dân cấp xã chịu trách nhiệm về hậu quả xảy ra.

**Điều 9. Trách nhiệm của Sở Tài chính**

1. Tổng hợp báo cáo kết quả hỗ trợ của các xã.
"""


def test_a_step_after_a_time_clause_is_the_bodys_row():
    parsed = parse_bytes(_STEPS.encode(), "quy-che.md")
    step = parsed.items[1]
    assert (step.number, step.lead) == ("", "Ủy ban nhân dân cấp xã")
    assert step.title.startswith("Lập biên bản kết thúc niêm yết")
    assert "Sau thời hạn niêm yết" in (step.notes or "")


def test_a_liability_after_a_condition_is_a_row():
    parsed = parse_bytes(_STEPS.encode(), "quy-che.md")
    titles = [i.title for i in parsed.items]
    liability = next(i for i in parsed.items if i.title.startswith("Chịu trách nhiệm về hậu quả"))
    assert liability.lead == "Ủy ban nhân dân cấp xã"
    assert "Trường hợp gửi chậm" in (liability.notes or "")
    assert len(titles) == 5


# "X chịu trách nhiệm <verb> …": the duty's words are the role's.
_ACCOUNTS = """**Điều 5. Trách nhiệm của các cơ quan**

1. Sở Nội vụ chịu trách nhiệm theo dõi, đôn đốc việc thực hiện Quy chế này.

2. Sở Tài chính chịu trách nhiệm về việc bố trí kinh phí.

**Điều 6. Trách nhiệm của Thống kê tỉnh**

1. Cung cấp số liệu chỉ số giá tiêu dùng hằng tháng.
"""


def test_responsibility_words_before_a_verb_leave_the_title():
    parsed = parse_bytes(_ACCOUNTS.encode(), "quy-che.md")
    assert parsed.items[0].title.startswith("Theo dõi, đôn đốc")
    assert parsed.items[1].title.startswith("Chịu trách nhiệm về việc bố trí")


# Points labelling bodies: a statistics office; a body "công lập" (public), no verb "lập".
_LABELS = """**Điều 8. Tổng hợp giá thị trường**

1. Phân công nhiệm vụ tổng hợp giá thị trường:

a) Sở Công Thương: Tổng hợp giá xăng dầu trên địa bàn tỉnh.

b) Thống kê tỉnh Hà Nam:
Cung cấp chỉ số giá tiêu dùng của địa phương hằng tháng.

c) Các trường trung học phổ thông
công lập thuộc tỉnh có trách nhiệm báo cáo mức học phí của đơn vị mình.

2. Thời hạn báo cáo:

a) Thời gian chốt số liệu: Thực hiện theo quy định của ngành thống kê.
"""


def test_a_statistics_office_and_a_public_school_are_bodies():
    parsed = parse_bytes(_LABELS.encode(), "quyet-dinh.md")
    leads = [i.lead for i in parsed.items]
    assert leads[:3] == [
        "Sở Công Thương",
        "Thống kê tỉnh Hà Nam",
        "Các trường trung học phổ thông công lập thuộc tỉnh",
    ]
    assert parsed.items[2].title.startswith("Báo cáo mức học phí")


def test_a_labelled_point_labels_no_row_above():
    parsed = parse_bytes(_LABELS.encode(), "quyet-dinh.md")
    assert [i.timeframe for i in parsed.items] == ["", "", ""]


def test_a_number_on_the_line_below_its_label():
    info = DocumentInfo(source_name="qd.md", format="markdown")
    texts = ["|", "**ỦY BAN NHÂN DÂN**", "**TỈNH HÀ NAM**", "|", "Số:", "57/2025/QĐ-UBND", "|"]
    texts += ["*Hà Nam, ngày 3 tháng 11 năm 2025*", "**QUYẾT ĐỊNH**", "Ban hành Quy chế …"]
    read_document_info(texts, info)
    assert info.number == "57/2025/QĐ-UBND"


def test_a_label_without_number_reads_none():
    info = DocumentInfo(source_name="qd.md", format="markdown")
    texts = ["|", "**ỦY BAN NHÂN DÂN**", "|", "Số:", "|", "**QUYẾT ĐỊNH**", "Ban hành …"]
    read_document_info(texts, info)
    assert info.number is None


def test_a_regulation_titles_the_document():
    info = DocumentInfo(source_name="qc.md", format="markdown")
    texts = ["**QUY CHẾ**", "TỔ", "CHỨC VÀ HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH"]
    texts += ["*(Kèm theo Quyết định số 12/QĐ-BCĐ ngày 5 tháng 11 năm 2025)*"]
    read_document_info(texts, info)
    assert (info.title or "").startswith("QUY CHẾ TỔ CHỨC VÀ HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO")


# A ministry's letter: background, then the request at the end of a long sentence.
_LETTER = """**BỘ XÂY DỰNG**

Số: 512/BXD-KHTC

V/v báo cáo tình hình giải ngân vốn đầu tư công năm 2026

Kính gửi: Ủy ban nhân dân các tỉnh, thành phố.

Thực hiện chỉ đạo của Thủ tướng Chính phủ, Bộ Xây dựng đã có Văn bản số 120/BXD-KHTC
đề nghị các địa phương báo cáo tiến độ giải ngân quý I. Để kịp thời tổng hợp báo cáo
Chính phủ, đề nghị Ủy ban nhân dân các tỉnh khẩn trương rà soát số liệu giải ngân (theo Phụ lục
kèm theo) và gửi về Bộ Xây dựng trước ngày 15/4/2026. Đề nghị các địa phương quan tâm
thực hiện./.

Nơi nhận:
- Như trên;
"""


def test_a_letters_request_ending_a_sentence_is_its_row():
    parsed = parse_bytes(_LETTER.encode(), "cong-van.md")
    assert [(i.lead, i.timeframe) for i in parsed.items] == [
        ("Ủy ban nhân dân các tỉnh", "trước ngày 15/4/2026")
    ]
    assert parsed.items[0].title.startswith("Khẩn trương rà soát số liệu giải ngân")
    assert "Để kịp thời tổng hợp báo cáo" in (parsed.items[0].notes or "")


# "Chủ trì hoặc phối hợp với X <verb> …": the role either way, X the partners.
_EITHER_ROLE = """**Điều 7. Trách nhiệm của Văn phòng Ban Chỉ đạo**

1. Theo dõi việc thực hiện kế hoạch công tác năm của Ban Chỉ đạo.

2. Chủ trì hoặc phối hợp với các sở có liên quan đề xuất cơ chế hỗ trợ doanh nghiệp.

**Điều 8. Trách nhiệm của Sở Nội vụ**

1. Bố trí biên chế cho Văn phòng Ban Chỉ đạo.
"""


def test_lead_or_coordinate_names_partners():
    parsed = parse_bytes(_EITHER_ROLE.encode(), "quy-che.md")
    row = parsed.items[1]
    assert (row.lead, row.partners) == ("Văn phòng Ban Chỉ đạo", "các sở có liên quan")
    assert row.title.startswith("Đề xuất cơ chế hỗ trợ doanh nghiệp")


# What a body may do ("được làm việc với …") among its duties is no row; "được giao" is.
_RIGHTS = """**Điều 9. Trách nhiệm của Văn phòng Ban Chỉ đạo**

1. Tổng hợp kết quả thực hiện nhiệm vụ của các thành viên Ban Chỉ đạo.

2. Trong quá trình thực hiện nhiệm vụ, Văn phòng Ban Chỉ đạo được làm việc với các sở,
ngành, các tổ chức quốc tế và đối tác phát triển.

3. Thực hiện các nhiệm vụ khác do Trưởng ban giao.

**Điều 10. Trách nhiệm của các thành viên**

1. Các cơ quan được giao nhiệm vụ tại Điều 9 gửi báo cáo về Văn phòng Ban Chỉ đạo.
"""


def test_a_right_among_duties_is_no_row():
    parsed = parse_bytes(_RIGHTS.encode(), "quy-che.md")
    numbers = [i.number for i in parsed.items]
    assert numbers == ["1", "3", "1"]
    assert any(w.code == "right-no-row" and w.line == 5 for w in parsed.warnings)
