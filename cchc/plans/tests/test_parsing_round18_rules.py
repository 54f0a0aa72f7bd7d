"""Round 18 rules (issue 15): letters and decisions (made-up snippets, no corpus text)."""

from __future__ import annotations

from cchc.plans.parsing import DocumentInfo, parse_bytes
from cchc.plans.parsing.articlewraps import join_cut_articles
from cchc.plans.parsing.clauses import split_partners
from cchc.plans.parsing.courtesy import name_courtesy
from cchc.plans.parsing.dutywords import without_duty_words
from cchc.plans.parsing.letterpoints import framed_request
from cchc.plans.parsing.lines import logical_lines
from cchc.plans.parsing.meta import read_document_info
from cchc.plans.parsing.numberline import number_line_subject
from cchc.plans.parsing.recalled import recalled_instruction
from cchc.plans.parsing.titlewraps import broken_kinds, without_enacting_body
from cchc.plans.readers.base import Paragraph


def _paragraphs(text: str) -> list[Paragraph]:
    """Non-blank lines as the text reader gives them (line numbers from 1)."""
    return [
        Paragraph(text=line.strip(), line=at)
        for at, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


# A province's decision crawled without blank lines: the letterhead's cells between "|"
# lines, the kind broken over two lines, each article's heading run onto its first word.
_DECISION = """ỦY BAN NHÂN DÂN
TỈNH HOA SEN
--------
|
CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số: 12/QĐ-UBND
|
Hoa Sen, ngày 03
tháng 5 năm 2021
|
QUYẾT
ĐỊNH
VỀ
VIỆC BAN HÀNH QUY CHẾ PHỐI HỢP CẬP NHẬT CƠ SỞ DỮ LIỆU VĂN BẢN
CỦA TỈNH HOA SEN
ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng
6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Ban
hành kèm theo Quyết định này Quy chế phối hợp cập nhật cơ sở dữ liệu văn bản của
tỉnh Hoa Sen.
Điều 2. Giao
Giám đốc Sở Tư pháp theo dõi, đôn đốc, kiểm tra việc thực hiện Quy chế
này.
Điều 3. Chánh
Văn phòng UBND tỉnh, Giám đốc các sở, Chủ tịch UBND các huyện chịu trách nhiệm thi hành
Quyết định này.
"""


def test_an_article_heading_cut_after_its_first_word_joins_the_line_below() -> None:
    joined = [p.text for p in join_cut_articles(_paragraphs("Điều 2. Giao\nSở Y tế hướng dẫn."))]
    assert joined == ["Điều 2. Giao Sở Y tế hướng dẫn."]
    # an article's own title (two words or more), an ended heading, a numbered line: kept
    for text in (
        "Điều 4. Hiệu lực thi hành\nQuyết định này có hiệu lực từ ngày ký.",
        "Điều 2. Giao:\nSở Y tế hướng dẫn.",
        "Điều 2. Giao\n1. Sở Y tế hướng dẫn.",
        "Điều 2. Giao\nĐiều 3. Sở Y tế hướng dẫn.",
    ):
        assert len(join_cut_articles(_paragraphs(text))) == 2, text
    # not the next printed line (a blank line between): kept apart
    apart = [Paragraph(text="Điều 2. Giao", line=1), Paragraph(text="Sở Y tế …", line=3)]
    assert join_cut_articles(apart) == apart


def test_a_decision_whose_articles_are_cut_after_their_first_word_reads_its_task() -> None:
    parsed = parse_bytes(_DECISION.encode(), "quyet-dinh.txt")
    rows = [(item.number, item.lead, item.title) for item in parsed.items]
    assert rows == [
        (
            "2",
            "Giám đốc Sở Tư pháp",
            "Theo dõi, đôn đốc, kiểm tra việc thực hiện Quy chế này",
        )
    ]
    assert parsed.document.number == "12/QĐ-UBND"
    assert parsed.document.title is not None
    assert parsed.document.title.startswith(
        "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH QUY CHẾ PHỐI HỢP CẬP NHẬT CƠ SỞ DỮ LIỆU VĂN BẢN CỦA TỈNH"
    )


def test_a_kind_broken_over_two_lines_is_one_line() -> None:
    kinds = ("QUYẾT ĐỊNH", "KẾ HOẠCH", "BẢNG TỔNG HỢP")
    assert broken_kinds(["|", "QUYẾT", "ĐỊNH", "VỀ VIỆC …"], kinds) == [1]
    assert broken_kinds(["BẢNG", "TỔNG HỢP KẾT QUẢ …"], kinds) == [0]
    assert broken_kinds(["BẢNG TỔNG", "HỢP KẾT QUẢ …"], kinds) == [0]
    # a line with more than the kind's start, a next line not opening with its rest: none
    assert broken_kinds(["QUYẾT TÂM", "ĐỊNH …"], kinds) == []
    assert broken_kinds(["KẾ", "TOÁN TRƯỞNG"], kinds) == []
    assert broken_kinds(["QUYẾT"], kinds) == []
    info = DocumentInfo(source_name="qd.txt", format="text")
    read_document_info(["|", "KẾ", "HOẠCH", "TRIỂN KHAI CÔNG TÁC NĂM 2021", "Căn cứ …"], info)
    assert info.title == "KẾ HOẠCH TRIỂN KHAI CÔNG TÁC NĂM 2021"


def test_a_letters_subject_with_a_colon_after_v_v_is_its_title() -> None:
    assert (
        number_line_subject(["Số: 15/SXD-QLN V/v: hỗ trợ nhà ở cho hộ nghèo năm 2021"])
        == "V/v: hỗ trợ nhà ở cho hộ nghèo năm 2021"
    )
    assert number_line_subject(["Số: 15/SXD-QLN V/v:"]) is None


def test_the_courtesy_quy_bo_is_the_letters_one_addressee() -> None:
    letter = _paragraphs(
        "Kính gửi: Bộ Công Thương\n"
        "Văn phòng Chính phủ đề nghị quý Bộ khẩn trương báo cáo kết quả thực hiện.\n"
    )
    assert [p.text for p in name_courtesy(letter)][1] == (
        "Văn phòng Chính phủ đề nghị Bộ Công Thương khẩn trương báo cáo kết quả thực hiện."
    )
    # several addressees, another kind, a body's name after the courtesy: left as printed
    for address in ("Kính gửi: - Bộ Công Thương; - Bộ Tài chính", "Kính gửi: Sở Công Thương"):
        unchanged = _paragraphs(f"{address}\nĐề nghị quý Bộ khẩn trương báo cáo.")
        assert name_courtesy(unchanged) == unchanged
    named = _paragraphs("Kính gửi: Bộ Công Thương\nĐề nghị quý Bộ Tài chính báo cáo.")
    assert name_courtesy(named) == named


def test_an_earlier_texts_instruction_recalled_is_no_row() -> None:
    assert recalled_instruction(
        "Ngày 05 tháng 3 năm 2020, Văn phòng Chính phủ có văn bản số 77/VPCP-KTTH truyền đạt "
        "ý kiến của Thủ tướng yêu cầu Bộ Công Thương rà soát …, báo cáo trước ngày 30/3/2020."
    )
    assert recalled_instruction(
        "Bộ Tài chính đã có Công văn số 12/BTC-NSNN giao các địa phương báo cáo số liệu."
    )
    # a text cited as the basis of today's request, a task: rows
    assert not recalled_instruction(
        "Thực hiện Công văn số 77/VPCP-KTTH, Sở Công Thương đề nghị các phòng báo cáo …"
    )
    assert not recalled_instruction("Bộ Công Thương khẩn trương báo cáo kết quả thực hiện.")


_URGING = "\n\n".join(
    [
        "# V/v đôn đốc báo cáo kết quả rà soát thủ tục hành chính ngành công thương năm 2020",
        "Kính gửi: Bộ Công Thương",
        "Ngày 05 tháng 3 năm 2020, Văn phòng Chính phủ có văn bản số 77/VPCP-KSTT truyền đạt ý "
        "kiến chỉ đạo của Thủ tướng Chính phủ yêu cầu quý Bộ chủ trì, phối hợp với Bộ Tư pháp rà "
        "soát thủ tục hành chính ngành công thương, báo cáo Thủ tướng Chính phủ trước ngày 30 "
        "tháng 3 năm 2020.",
        "Đến nay, Văn phòng Chính phủ chưa nhận được báo cáo của quý Bộ.",
        "Văn phòng Chính phủ đề nghị quý Bộ khẩn trương báo cáo kết quả rà soát thủ tục "
        "hành chính.",
    ]
)


def test_a_letter_urging_its_addressee_reads_the_request_not_the_recalled_one() -> None:
    parsed = parse_bytes(_URGING.encode(), "cong-van.md")
    rows = [(item.lead, item.title, item.partners) for item in parsed.items]
    assert rows == [
        ("Bộ Công Thương", "Khẩn trương báo cáo kết quả rà soát thủ tục hành chính", "")
    ]


def test_the_address_line_opens_a_unit_of_its_own() -> None:
    units = logical_lines(
        [
            Paragraph(
                text="# V/v đôn đốc báo cáo kết quả rà soát thủ tục hành chính năm nay", line=1
            ),
            Paragraph(text="Kính gửi: Bộ Công Thương", line=3),
        ]
    )
    assert [text for _line, text in units][1] == "Kính gửi: Bộ Công Thương"


def test_duty_words_after_the_partners_are_the_roles() -> None:
    assert without_duty_words("chịu trách nhiệm hướng dẫn thực hiện") == "hướng dẫn thực hiện"
    assert without_duty_words("có trách nhiệm tổ chức thực hiện") == "tổ chức thực hiện"
    # the duty itself: no task's verb after it
    assert (
        without_duty_words("chịu trách nhiệm trước pháp luật") == "chịu trách nhiệm trước pháp luật"
    )
    rest, partners, _frame = split_partners(
        "phối hợp với Bộ Tài chính, Bộ Nội vụ chịu trách nhiệm hướng dẫn thực hiện chế độ"
    )
    assert (rest, partners) == ("hướng dẫn thực hiện chế độ", "Bộ Tài chính, Bộ Nội vụ")
    letter = (
        "Kính gửi: Bộ Y tế\n\n"
        "Thủ tướng Chính phủ có ý kiến như sau:\n\n"
        "1. Bộ Y tế chủ trì, phối hợp với Bộ Tài chính, Bộ Nội vụ chịu trách nhiệm hướng dẫn "
        "thực hiện chế độ phụ cấp đối với nhân viên y tế thôn bản.\n"
    )
    parsed = parse_bytes(letter.encode(), "cong-van.md")
    rows = [(item.lead, item.partners, item.title) for item in parsed.items]
    assert rows == [
        (
            "Bộ Y tế",
            "Bộ Tài chính, Bộ Nội vụ",
            "Hướng dẫn thực hiện chế độ phụ cấp đối với nhân viên y tế thôn bản",
        )
    ]


def test_a_scoping_clause_or_a_background_sentence_frames_the_request() -> None:
    assert framed_request(
        "Đối với các huyện chưa lập kế hoạch thì khẩn trương lập, phê duyệt kế hoạch"
    ) == ("khẩn trương lập, phê duyệt kế hoạch", "Đối với các huyện chưa lập kế hoạch")
    assert framed_request(
        "Nguồn vốn năm nay mới được cấp một nửa. Vì vậy, đề nghị các địa phương ưu tiên "
        "sửa chữa trường học bị hư hỏng nặng"
    ) == (
        "ưu tiên sửa chữa trường học bị hư hỏng nặng",
        "Nguồn vốn năm nay mới được cấp một nửa",
    )
    # no task after "thì", a later sentence that asks nothing, bodies not named by kind
    assert framed_request("Đối với nhà ở bị hư hỏng thì khi có kinh phí sẽ làm sau") is None
    assert framed_request("Rà soát các trường học. Vì vậy, các trường báo cáo trước") is None
    assert framed_request("Nguồn vốn còn ít. Vì vậy, đề nghị ông Nguyễn Văn A ưu tiên …") is None


_POINTS = "\n\n".join(
    [
        "Kính gửi: Ủy ban nhân dân các huyện, thị xã",
        "Để bảo đảm sửa chữa trường học trước năm học mới, Sở Giáo dục và Đào tạo đề nghị Ủy ban "
        "nhân dân các huyện, thị xã thực hiện một số nội dung sau đây:",
        "1. Đối với các huyện chưa lập kế hoạch sửa chữa thì khẩn trương lập, phê duyệt kế hoạch "
        "sửa chữa trường học.",
        "2. Nguồn vốn sửa chữa năm nay mới được cấp một nửa. Vì vậy, đề nghị các địa phương ưu "
        "tiên sửa chữa các trường học bị hư hỏng nặng.",
    ]
)


def test_a_letters_points_framing_their_requests_read_the_task_asked() -> None:
    parsed = parse_bytes(_POINTS.encode(), "cong-van.md")
    rows = [(item.number, item.title, item.notes) for item in parsed.items]
    assert rows == [
        (
            "1",
            "Khẩn trương lập, phê duyệt kế hoạch sửa chữa trường học",
            "Đối với các huyện chưa lập kế hoạch sửa chữa",
        ),
        (
            "2",
            "Ưu tiên sửa chữa các trường học bị hư hỏng nặng",
            "Nguồn vốn sửa chữa năm nay mới được cấp một nửa",
        ),
    ]


def test_the_enacting_authority_under_a_decisions_subject_is_no_part_of_its_title() -> None:
    info = DocumentInfo(source_name="qd.txt", format="text")
    texts = [
        "|",
        "QUYẾT ĐỊNH",
        "VỀ VIỆC BAN HÀNH QUY CHẾ PHỐI HỢP TRÊN ĐỊA BÀN TỈNH HOA SEN",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HOA SEN",
        "Căn cứ …",
    ]
    read_document_info(texts, info)
    assert info.title == "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH QUY CHẾ PHỐI HỢP TRÊN ĐỊA BÀN TỈNH HOA SEN"
    assert (
        without_enacting_body("QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH DANH MỤC MÃ (ĐỢT 2) BỘ TRƯỞNG BỘ Y TẾ")
        == "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH DANH MỤC MÃ (ĐỢT 2)"
    )
    # the body after a connective or as an object, a bare body's name, a plan: kept
    for title in (
        "NGHỊ QUYẾT VỀ CHƯƠNG TRÌNH GIÁM SÁT CỦA ỦY BAN NHÂN DÂN TỈNH HOA SEN",
        "QUYẾT ĐỊNH VỀ VIỆC BỔ NHIỆM GIÁM ĐỐC SỞ TƯ PHÁP",
        "QUYẾT ĐỊNH VỀ VIỆC THÀNH LẬP SỞ KHOA HỌC",
        "KẾ HOẠCH THỰC HIỆN NĂM 2021 ỦY BAN NHÂN DÂN TỈNH HOA SEN",
    ):
        assert without_enacting_body(title) == title
