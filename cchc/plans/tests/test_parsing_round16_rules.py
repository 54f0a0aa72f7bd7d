"""Round 16 rules (issue 15): a crawled page's programme of labelled blocks (made-up snippets)."""

from __future__ import annotations

from cchc.plans.parsing import DocumentInfo, ParsedPlan, parse_bytes
from cchc.plans.parsing.assignments import AssignmentInterpreter
from cchc.plans.parsing.blockleads import split_block_lead
from cchc.plans.parsing.blocksections import SKIPPED_CODE, fill_skipped_sections
from cchc.plans.parsing.crawlchunks import crawled_points, page_title
from cchc.plans.parsing.meta import read_document_info
from cchc.plans.parsing.numberline import number_line_subject
from cchc.plans.parsing.result import Item
from cchc.plans.parsing.vocabulary import _SUBJECT_VERB_RE
from cchc.plans.readers.base import Paragraph


def _paragraphs(text: str) -> list[Paragraph]:
    """Non-blank lines as the text reader gives them (line numbers from 1)."""
    return [
        Paragraph(text=line.strip(), line=at)
        for at, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


def _texts(text: str) -> list[str]:
    return [p.text for p in crawled_points(_paragraphs(text))]


_CRAWLED = """Kế hoạch 77/KH-UBND năm 2023. ỦY BAN NHÂN DÂN HUYỆN AN PHÚ -------
Số: 77/KH-UBND An Phú, ngày 02 tháng 3 năm 2023 KẾ HOẠCH THỰC HIỆN CHUYỂN ĐỔI SỐ

Kế hoạch 77/KH-UBND năm 2023. KẾ HOẠCH. I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức về chuyển đổi số trong cán bộ, công chức.

Kế hoạch 77/KH-UBND năm 2023. KẾ HOẠCH. II. NHIỆM VỤ
1. Hoàn thiện thể chế 1.1.
Ban hành quy chế quản lý dữ liệu của huyện.
- Cơ quan thực hiện: Phòng Tư pháp chủ trì, phối hợp với Văn phòng HĐND và UBND huyện.
- Thời gian thực hiện: Quý II/2023.
1.2.
Rà soát các thủ tục hành chính trực tuyến.
- Cơ quan thực hiện: Phòng Nội vụ chủ trì phối hợp với các xã, thị trấn có liên quan \
tham mưu thực hiện. -Thời gian thực hiện: Quý III/2023.
2. Phát triển hạ tầng 2.1. Nâng cấp mạng nội bộ của các phòng, ban.
- Cơ quan thực hiện: Phòng Văn hóa và Thông tin hướng dẫn, đôn đốc các xã triển khai.
* Thời gian thực hiện: Năm 2023.
III. TỔ CHỨC THỰC HIỆN
1.
Giao Phòng Tài chính - Kế hoạch: Bố trí kinh phí thực hiện Kế hoạch này.
"""


def test_a_crawled_page_repeats_its_title_before_its_chunks() -> None:
    assert page_title(_paragraphs(_CRAWLED)) == "Kế hoạch 77/KH-UBND năm 2023"
    texts = _texts(_CRAWLED)
    # The title off, and the heading the chunk repeats ("KẾ HOẠCH.") off after the first.
    assert "KẾ HOẠCH. I. MỤC ĐÍCH, YÊU CẦU" in texts
    assert "II. NHIỆM VỤ" in texts
    # The file's own first line (the letterhead after the title) is kept as it is.
    assert texts[0].startswith("Kế hoạch 77/KH-UBND năm 2023. ỦY BAN")


def test_a_title_found_once_is_no_crawled_page() -> None:
    text = "Kế hoạch cải cách hành chính năm 2024. Phần mở đầu\nII. NHIỆM VỤ\n"
    assert page_title(_paragraphs(text)) == ""


def test_a_points_number_alone_or_glued_to_its_topic_opens_its_text() -> None:
    texts = _texts(_CRAWLED)
    assert "1. Hoàn thiện thể chế" in texts
    assert "1.1. Ban hành quy chế quản lý dữ liệu của huyện." in texts
    assert "1.2. Rà soát các thủ tục hành chính trực tuyến." in texts
    # the topic's first point run on the topic's line
    assert "2. Phát triển hạ tầng" in texts
    assert "2.1. Nâng cấp mạng nội bộ của các phòng, ban." in texts
    assert "1. Giao Phòng Tài chính - Kế hoạch: Bố trí kinh phí thực hiện Kế hoạch này." in texts


def test_a_number_cited_at_a_lines_end_stays_in_its_sentence() -> None:
    text = "2. Thực hiện theo mục 2.1.\nCác phòng báo cáo kết quả.\n"
    assert _texts(text) == ["2. Thực hiện theo mục 2.1.", "Các phòng báo cáo kết quả."]


def test_labels_run_on_a_line_or_opened_with_a_star_are_block_lines() -> None:
    texts = _texts(_CRAWLED)
    assert "- Thời gian thực hiện: Quý III/2023." in texts
    assert "- Thời gian thực hiện: Năm 2023." in texts
    # an italic label ("*Thời gian:* …") is left to the readers of emphasis
    assert _texts("*Thời gian thực hiện:* Quý I") == ["*Thời gian thực hiện:* Quý I"]


def test_a_block_lead_written_as_a_sentence_splits_into_lead_and_partners() -> None:
    assert split_block_lead("Sở Nội vụ chủ trì, phối hợp với Sở Tài chính và các huyện") == (
        "Sở Nội vụ",
        "Sở Tài chính và các huyện",
        "",
    )
    # the role words closing the sentence go to the notes, not the partners
    assert split_block_lead(
        "Sở Xây dựng chủ trì phối hợp với các đơn vị có liên quan tham mưu thực hiện"
    ) == ("Sở Xây dựng", "các đơn vị có liên quan", "tham mưu thực hiện")
    # a department by its whole name, then its verb
    assert split_block_lead("Sở Tư pháp đôn đốc, hướng dẫn các đơn vị triển khai") == (
        "Sở Tư pháp",
        "",
        "đôn đốc, hướng dẫn các đơn vị triển khai",
    )
    # bodies named without a role: the lead whole
    lead = "Các sở, ban, ngành; Ủy ban nhân dân các huyện"
    assert split_block_lead(lead) == (lead, "", "")


def test_a_crawled_programme_reads_one_row_per_point_and_its_organisation_section() -> None:
    parsed = parse_bytes(_CRAWLED.encode(), "ke-hoach.txt")
    rows = [
        tuple(
            (value or "").rstrip(".")
            for value in (i.number, i.title, i.lead, i.partners, i.timeframe)
        )
        for i in parsed.items
    ]
    assert rows[:3] == [
        (
            "1.1",
            "Ban hành quy chế quản lý dữ liệu của huyện",
            "Phòng Tư pháp",
            "Văn phòng HĐND và UBND huyện",
            "Quý II/2023",
        ),
        (
            "1.2",
            "Rà soát các thủ tục hành chính trực tuyến",
            "Phòng Nội vụ",
            "các xã, thị trấn có liên quan",
            "Quý III/2023",
        ),
        (
            "2.1",
            "Nâng cấp mạng nội bộ của các phòng, ban",
            "Phòng Văn hóa và Thông tin hướng dẫn, đôn đốc các xã triển khai",
            "",
            "Năm 2023",
        ),
    ]
    # the purposes section gives no row; the organisation section, read as sentences, does
    assert [i.number for i in parsed.items] == ["1.1", "1.2", "2.1", "1"]
    assert parsed.items[3].lead == "Phòng Tài chính - Kế hoạch"
    assert not [w for w in parsed.warnings if w.code == "section-skipped"]


_SHARED_BLOCKS = """CHƯƠNG TRÌNH HÀNH ĐỘNG VỀ PHÁT TRIỂN DU LỊCH
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng dịch vụ du lịch trên địa bàn.
II. NHIỆM VỤ
1. Quảng bá du lịch
1.1. Xây dựng bộ tài liệu giới thiệu điểm đến của tỉnh.
1.2. Tổ chức hội chợ du lịch hằng năm.
Mời các doanh nghiệp lữ hành tham gia hội chợ.
- Cơ quan thực hiện: Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Hiệp hội Du lịch tỉnh.
- Thời gian thực hiện: Hằng năm.
1.3. Nâng cấp cổng thông tin du lịch của tỉnh.
- Cơ quan thực hiện: Trung tâm Xúc tiến Du lịch chủ trì, phối hợp với các huyện, thị xã.
- Thời gian thực hiện: Quý IV/2024.
2. Phát triển sản phẩm
2.1. Khảo sát các tuyến du lịch sinh thái.
- Cơ quan thực hiện: Ban Quản lý Vườn quốc gia chủ trì, phối hợp với Sở Tài nguyên và Môi trường.
- Thời gian thực hiện: Năm 2024.
2.2. Hỗ trợ các làng nghề làm du lịch cộng đồng.
- Cơ quan thực hiện: Ủy ban nhân dân các huyện chủ trì phối hợp với Hội Nông dân tỉnh.
- Thời gian thực hiện: Thường xuyên.
"""


def test_points_sharing_a_block_each_a_row_the_block_on_the_point_it_follows() -> None:
    # The prose reading glues 1.1 into 1.2's row; the block reader, reading more points as
    # rows than the other reading has rows, replaces it; the block's lead sentence splits.
    parsed = parse_bytes(_SHARED_BLOCKS.encode(), "chuong-trinh.txt")
    assert [i.number for i in parsed.items] == ["1.1", "1.2", "1.3", "2.1", "2.2"]
    assert parsed.items[0].lead is None
    assert (parsed.items[1].lead, parsed.items[1].partners) == (
        "Sở Văn hóa, Thể thao và Du lịch",
        "Hiệp hội Du lịch tỉnh",
    )
    assert parsed.items[1].timeframe == "Hằng năm"


def test_a_section_without_blocks_the_block_reader_skipped_is_read_as_sentences() -> None:
    plan = ParsedPlan(document=DocumentInfo(source_name="x.txt", format="text"))
    plan.items.append(Item(line=2, number="1.1", title="Khảo sát các tuyến du lịch"))
    plan.warn(4, "skipped", SKIPPED_CODE)
    paragraphs = _paragraphs(
        "II. NHIỆM VỤ\n1.1. Khảo sát các tuyến du lịch\n- Thời gian thực hiện: Năm 2024.\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Tài chính:\n- Bố trí kinh phí thực hiện.\n"
        "2. Đề nghị Hội Nông dân tỉnh: Chỉ đạo các chi hội tham gia.\n"
    )
    fill_skipped_sections(plan, paragraphs)
    assert [(i.number, i.lead) for i in plan.items] == [
        ("1.1", None),
        ("1", "Sở Tài chính"),
        ("2", "Hội Nông dân tỉnh"),
    ]
    assert not [w for w in plan.warnings if w.code == SKIPPED_CODE]


def test_a_crawled_points_sentence_cut_after_a_semicolon_goes_on() -> None:
    text = (
        "Kế hoạch 5/KH-UBND năm 2022. ỦY BAN NHÂN DÂN XÃ AN BÌNH\n"
        "Kế hoạch 5/KH-UBND năm 2022. Điều 1.\n"
        "Kế hoạch 5/KH-UBND năm 2022. KẾ HOẠCH. II. NHIỆM VỤ\n"
        "4. Đề nghị Hội Phụ nữ xã tuyên truyền Nghị quyết số 12;\n"
        "Kế hoạch số 3/KH-UBND cho hội viên.\n"
        "Căn cứ tình hình thực tế;\n"
    )
    texts = _texts(text)
    assert (
        "4. Đề nghị Hội Phụ nữ xã tuyên truyền Nghị quyết số 12; Kế hoạch số 3/KH-UBND cho "
        "hội viên." in texts
    )
    # not in a page that is no crawl (its title not repeated): the lines as printed
    plain = "\n".join(text.splitlines()[3:])
    assert _texts(plain)[0] == "4. Đề nghị Hội Phụ nữ xã tuyên truyền Nghị quyết số 12;"


def test_a_list_of_kinds_of_bodies_after_co_quan_is_no_verb() -> None:
    found = _SUBJECT_VERB_RE.match(
        "Các sở, ban, ngành và các cơ quan, tổ chức có liên quan chủ động xây dựng kế hoạch."
    )
    assert found is not None
    assert found.group("lead") == "Các sở, ban, ngành và các cơ quan, tổ chức có liên quan"


def _sentence_rows(text: str) -> list[tuple[str | None, str | None]]:
    plan = ParsedPlan(document=DocumentInfo(source_name="x.txt", format="text"))
    AssignmentInterpreter(parsed=plan).run(_paragraphs(text))
    return [(item.lead, item.title) for item in plan.items]


def test_a_bodys_name_with_a_fields_comma_is_not_cut_at_it() -> None:
    assert _sentence_rows("Điều 4. Giao Cục Quản lý Khám, chữa bệnh là đầu mối tổng hợp.") == [
        ("Cục Quản lý Khám, chữa bệnh", "Là đầu mối tổng hợp")
    ]
    assert _sentence_rows(
        "2. Giao Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh chủ trì tổ chức khám định kỳ."
    ) == [("Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh", "Tổ chức khám định kỳ")]


def test_a_lists_comma_still_parts_two_bodies() -> None:
    rows = _sentence_rows("3. Giao Sở Y tế, Sở Tài chính hướng dẫn thực hiện.")
    assert rows[0][0] == "Sở Y tế, Sở Tài chính"
    assert rows[0][1] == "Hướng dẫn thực hiện"


def test_a_letters_subject_run_onto_its_number_line_is_its_title() -> None:
    texts = [
        "Công văn 41/UBND-VP năm 2021 về việc tiêm chủng. ỦY BAN NHÂN DÂN HUYỆN AN PHÚ -------",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------",
        "Số: 41/UBND-VP V/v triển khai tiêm chủng mở rộng năm 2021.",
        "An Phú, ngày 08 tháng 3 năm 2021 Kính gửi: Trạm Y tế các xã.",
    ]
    info = DocumentInfo(source_name="cv.txt", format="text")
    read_document_info(texts, info)
    assert info.title == "V/v triển khai tiêm chủng mở rộng năm 2021"
    assert info.number == "41/UBND-VP"
    # the place-and-date run on the same line is no part of the subject
    assert (
        number_line_subject(
            ["Số: 7/SYT V/v báo cáo số liệu quý I Cần Thơ, ngày 02 tháng 4 năm 2022"]
        )
        == "V/v báo cáo số liệu quý I"
    )
    assert number_line_subject(["Số: 7/SYT Cần Thơ, ngày 02 tháng 4 năm 2022"]) is None


def test_a_task_after_the_colon_of_a_body_asked_is_no_list_of_names() -> None:
    # "Đề nghị X: <task>" whose verb the vocabulary lacks: X leads, the task is the title.
    assert _sentence_rows(
        "III. TỔ CHỨC THỰC HIỆN\n2. Đề nghị Hội Nông dân tỉnh: Vận động hội viên tham gia."
    ) == [("Hội Nông dân tỉnh", "Vận động hội viên tham gia")]
    # a list of places in capitals after the colon still belongs to the body's name
    rows = _sentence_rows("1. Ủy ban nhân dân các tỉnh: Ninh Bình, Phú Thọ đẩy nhanh giải ngân.")
    assert rows[0][0] == "Ủy ban nhân dân các tỉnh: Ninh Bình, Phú Thọ"
