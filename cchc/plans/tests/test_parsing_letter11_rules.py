"""Letters asking other agencies to carry out points (issue 15, held-out round 11): the body
a long announcing sentence asks leads the points without subject below it. Each rule on a
short made-up letter in the genre's wording (other bodies, other tasks), not a corpus text."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.conclusions import closing_request, past_direction
from cchc.plans.parsing.leads import asking_clause, lead_qualifier, plural_bodies
from cchc.plans.parsing.points import ANNOUNCED_CODE
from cchc.plans.parsing.result import Item
from cchc.plans.readers.ocrtext import repair_line

# An opening whose citations and aims run past the first 400 characters before the issuer
# asks: the clause that asks is found however late it comes.
_LONG_OPENING = (
    "Thực hiện Nghị quyết số 12/NQ-CP ngày 10/02/2024 của Chính phủ về nhiệm vụ, giải pháp "
    "chủ yếu phát triển kinh tế, bảo đảm an sinh xã hội, nâng cao chất lượng dịch vụ công "
    "trực tuyến và cải thiện môi trường đầu tư kinh doanh năm 2024; Quyết định số 45/QĐ-BXD "
    "ngày 20/02/2024 của Bộ Xây dựng về việc ban hành chương trình hành động của ngành thực "
    "hiện Nghị quyết số 12/NQ-CP, nhằm nâng cao hiệu lực, hiệu quả công tác quản lý trật tự "
    "xây dựng, góp phần hoàn thành thắng lợi các nhiệm vụ chính trị của ngành được giao trong "
    "năm, Tổng cục Hải quan đề nghị các Cục Hải quan tổ chức thực hiện một số "
    "công việc sau:"
)


def _items(text: str, name: str = "letter.md") -> list[Item]:
    return parse_bytes(text.encode(), name).items


def test_the_asking_clause_is_the_words_from_the_comma_before_the_last_asking_word() -> None:
    assert asking_clause(_LONG_OPENING) == [
        "Tổng cục Hải quan đề nghị các Cục Hải quan tổ chức thực hiện một số công việc sau:"
    ]
    assert asking_clause("Đề nghị các sở thực hiện các việc sau:") == []
    assert asking_clause("Các sở, ngành thực hiện các việc sau:") == []


def test_a_long_opening_asking_bodies_leads_the_points_without_subject() -> None:
    letter = (
        "BỘ XÂY DỰNG\nCỤC QUẢN LÝ HOẠT ĐỘNG XÂY DỰNG\n\nKính gửi: Sở Xây dựng các tỉnh.\n\n"
        f"{_LONG_OPENING}\n\n"
        "1. Hoàn thành việc kiểm tra các công trình xây dựng không phép trước ngày 30/6/2024.\n\n"
        "2. Tăng cường công tác thanh tra các dự án nhà ở thương mại.\n\n"
        "3. Rà soát hồ sơ cấp phép xây dựng của các công trình cao tầng.\n"
    )
    items = _items(letter)
    assert [item.number for item in items] == ["1", "2", "3"]
    assert {item.lead for item in items} == {"Các Cục Hải quan"}
    assert items[0].title.startswith("Hoàn thành việc kiểm tra các công trình")
    assert items[0].timeframe == "trước ngày 30/6/2024"


def test_ocr_asking_words_and_the_general_department_take_their_marks_again() -> None:
    assert repair_line("- Téng cục Hải quan dé nghị Cục Hải quan rà soát") == (
        "- Tổng cục Hải quan đề nghị Cục Hải quan rà soát"
    )
    assert repair_line("- Để nghị Cục Hải quan kiểm tra") == "- Đề nghị Cục Hải quan kiểm tra"
    assert repair_line("Bộ yéu cầu các sở báo cáo") == "Bộ yêu cầu các sở báo cáo"
    # not "để nghị quyết …" (in order for the resolution …), nor "dé" alone ("để" misread)
    assert repair_line("để nghị quyết đi vào cuộc sống") == "để nghị quyết đi vào cuộc sống"
    assert repair_line("rà soát dé thực hiện") == "rà soát dé thực hiện"
    # "Tổng cục" is repaired only before a name in capitals
    assert repair_line("tầng cục bộ") == "tầng cục bộ"


def test_an_ocr_letter_asking_with_slipped_marks_is_read_as_asking() -> None:
    # The letterhead's motto lost its marks: the document is OCR'd, its lines repaired.
    letter = (
        "BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỔNG CỤC HẢI QUAN Doc lap - Tu do - "
        "Hanh phuc\n\nKính gửi: Cục Hải quan các tỉnh.\n\n"
        "1. Đối với công tác kiểm tra sau thông quan.\n\n"
        "- Téng cục Hải quan dé nghị Cục Hải quan các tỉnh rà soát hồ sơ doanh nghiệp "
        "nhập khẩu.\n\n"
        "- Để nghị Cục Hải quan các tỉnh kiểm tra kho ngoại quan.\n"
    )
    items = _items(letter, "letter.txt")
    assert [item.lead for item in items] == ["Cục Hải quan các tỉnh"] * 2
    assert items[0].title.startswith("Rà soát hồ sơ doanh nghiệp")
    assert items[1].title.startswith("Kiểm tra kho ngoại quan")


def test_how_the_body_acts_leaves_its_lead_for_the_task() -> None:
    assert lead_qualifier(
        "Cục Hải quan chú trọng",
        "kiểm tra kho",
    ) == (
        "Cục Hải quan",
        "chú trọng kiểm tra kho",
        "",
    )
    assert lead_qualifier(
        "Tổng cục Hải quan sẽ định kỳ",
        "tổng hợp",
    ) == (
        "Tổng cục Hải quan",
        "định kỳ tổng hợp",
        "",
    )
    letter = (
        "Kính gửi: Cục Hải quan các tỉnh.\n\nTổng cục Hải quan đề nghị như sau:\n\n"
        "1. Đề nghị Cục Hải quan tỉnh chú trọng nghiên cứu, cải tiến quy trình kiểm tra.\n\n"
        "2. Tổng cục Hải quan sẽ thường xuyên tổng hợp kết quả kiểm tra.\n"
    )
    items = _items(letter)
    assert [item.lead for item in items] == ["Cục Hải quan tỉnh", "Tổng cục Hải quan"]
    assert items[0].title.startswith("Chú trọng nghiên cứu, cải tiến")
    assert items[1].title.startswith("Thường xuyên tổng hợp kết quả")


def test_the_requirements_as_a_noun_neither_ask_nor_make_the_issuer_speak() -> None:
    # "các yêu cầu cụ thể như sau" names the requirements; the body asked before them leads.
    letter = (
        "Kính gửi: Cục Hải quan các tỉnh.\n\n"
        "Do đó, để bảo đảm hiệu quả công tác kiểm tra sau thông quan, Tổng cục Hải quan đề "
        "nghị Cục Hải quan các tỉnh khẩn trương, nghiêm túc thực hiện các yêu cầu cụ thể "
        "như sau:\n\n"
        "1. Rà soát hồ sơ doanh nghiệp nhập khẩu có rủi ro cao.\n\n"
        "2. Kiểm tra kho ngoại quan trên địa bàn.\n"
    )
    items = _items(letter)
    assert [item.lead for item in items] == ["Cục Hải quan các tỉnh"] * 2
    assert asking_clause("Cục X đề nghị Sở Y thực hiện các yêu cầu sau:") == [], (
        "no comma before the asking verb"
    )
    assert asking_clause("Do đó, Cục X đề nghị Sở Y thực hiện các yêu cầu sau:") == [
        "Cục X đề nghị Sở Y thực hiện các yêu cầu sau:"
    ]


def test_a_letters_closing_requests_and_its_background_are_no_rows() -> None:
    assert closing_request(
        "Tổng cục Hải quan yêu cầu Cục trưởng Cục Hải quan các tỉnh nghiêm túc triển khai "
        "thực hiện./."
    )
    assert closing_request(
        "Để kịp thời tổng kết, Tổng cục Hải quan đề nghị Cục Hải quan báo cáo kết quả triển "
        "khai các nội dung nêu trên về Tổng cục trước ngày 10/12/2024."
    )
    # a point asking a body (no issuer named before the asking word) gives it a task
    assert not closing_request("Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh phối hợp tổ chức thực hiện.")
    assert not closing_request(
        "Đề nghị các sở báo cáo kết quả thực hiện các nội dung nêu trên trước ngày 15/12/2024."
    )
    # nor does an issuer asking a role in carrying it out, with no manner of doing it
    assert not closing_request("Sở Nội vụ đề nghị Sở Tài chính phối hợp thực hiện.")
    # a task asking for a report on something else is a task
    assert not closing_request(
        "Đề nghị Sở Tài chính báo cáo kết quả kiểm tra quỹ đất về Ủy ban nhân dân tỉnh."
    )
    assert past_direction(
        "Tại Công văn nêu trên, Tổng cục Hải quan đã chỉ đạo các Cục đồng thời yêu cầu Cục "
        "Hải quan các tỉnh báo cáo hằng quý."
    )
    assert not past_direction("Rà soát các văn bản đã ban hành, đề nghị sửa đổi.")
    assert not past_direction(
        "Sở Tài chính hoàn thành các nhiệm vụ Ủy ban nhân dân tỉnh đã giao trong năm 2024."
    )
    letter = (
        "Kính gửi: Cục Hải quan các tỉnh.\n\n"
        "Tại Công văn số 12/TCHQ, Tổng cục Hải quan đã chỉ đạo các đơn vị đồng thời yêu cầu "
        "Cục Hải quan các tỉnh báo cáo kết quả kiểm tra hằng quý.\n\n"
        "Tổng cục Hải quan đề nghị Cục Hải quan các tỉnh thực hiện các việc sau:\n\n"
        "1. Rà soát hồ sơ doanh nghiệp nhập khẩu có rủi ro cao.\n\n"
        "2. Kiểm tra kho ngoại quan trên địa bàn.\n\n"
        "Để kịp thời tổng kết, Tổng cục Hải quan đề nghị Cục Hải quan báo cáo kết quả triển "
        "khai các nội dung nêu trên về Tổng cục trước ngày 10/12/2024.\n\n"
        "Tổng cục Hải quan yêu cầu Cục trưởng Cục Hải quan các tỉnh nghiêm túc triển khai "
        "thực hiện./.\n"
    )
    items = _items(letter)
    assert [item.number for item in items] == ["1", "2"]


def test_an_ocr_closing_label_with_a_misread_letter_ends_the_letter() -> None:
    assert repair_line("Not nhận: TL. TỔNG CỤC TRƯỞNG") == "Nơi nhận: TL. TỔNG CỤC TRƯỞNG"
    assert repair_line("Noi nhận:") == "Nơi nhận:"
    assert repair_line("Nói nhanh hơn") == "Nói nhanh hơn"


def test_a_point_whose_subject_is_bodies_in_the_plural_is_a_row_over_its_bullets() -> None:
    assert plural_bodies("Các Chi cục Hải quan rà soát lại kế hoạch kiểm tra.")
    assert not plural_bodies("Các giải pháp trọng tâm.")
    letter = (
        "Kính gửi: Cục Hải quan các tỉnh.\n\n"
        "Tổng cục Hải quan yêu cầu Cục Hải quan các tỉnh thực hiện một số giải pháp sau:\n\n"
        "1/ Các Chi cục Hải quan rà soát lại kế hoạch kiểm tra sau thông quan năm 2024.\n\n"
        "- Tập trung kiểm tra các doanh nghiệp có rủi ro cao về thuế.\n\n"
        "- Bổ sung nhân lực cho công tác kiểm tra.\n\n"
        "2/ Tăng cường kiểm tra hồ sơ hoàn thuế.\n"
    )
    items = _items(letter)
    assert [item.number for item in items] == ["1", "", "", "2"]
    assert items[1].title.startswith("Tập trung kiểm tra các doanh nghiệp")
    assert {item.lead for item in items[1:]} == {"Cục Hải quan các tỉnh"}


def test_other_words_like_the_asking_words_are_left_as_printed() -> None:
    assert repair_line("bố trí để nghỉ hưu trước tuổi") == "bố trí để nghỉ hưu trước tuổi"
    assert repair_line("cần thời gian để nghĩ cách làm") == "cần thời gian để nghĩ cách làm"


def test_rows_under_an_announcing_bullet_are_led_by_the_body_it_asks() -> None:
    # (was: led by the paragraph's body and flagged; the residual rules read it right,
    # ``parsing/plusbullets.py``)
    letter = (
        "Kính gửi: Cục Hải quan các tỉnh.\n\n"
        "Để bảo đảm hiệu quả công tác kiểm tra, Tổng cục Hải quan đề nghị Cục Hải quan các "
        "tỉnh thực hiện các việc sau:\n\n"
        "1. Rà soát hồ sơ doanh nghiệp nhập khẩu có rủi ro cao.\n\n"
        "2. Đối với công tác chống buôn lậu.\n\n"
        "- Kiểm tra kho ngoại quan trên địa bàn.\n\n"
        "- Bên cạnh đó, Tổng cục Hải quan đề nghị Đội Kiểm soát tăng cường các biện pháp "
        "phòng chống buôn lậu theo các yêu cầu như sau:\n\n"
        "+ Tuần tra các tuyến biên giới trọng điểm.\n\n"
        "+ Phối hợp với Bộ đội Biên phòng trao đổi thông tin.\n"
    )
    plan = parse_bytes(letter.encode(), "letter.md")
    flagged = [w.line for w in plan.warnings if w.code == ANNOUNCED_CODE]
    leads = [item.lead for item in plan.items if (item.title or "").startswith("Tuần tra")]
    assert leads == ["Đội Kiểm soát"]
    assert flagged == []  # no row led by the body above: nothing to flag
