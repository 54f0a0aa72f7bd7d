"""The header rules written after round 20 for pages crawled into markdown (issue 15):
emphasis marks a converter left inside a word ("**tr**ộn", "1**1**", "V****Ă****N") dropped,
a letter's "V/v" alone on its line labelling the subject on the lines below it, and a title
in capitals going on past its bold kind line ("**THÔNG BÁO KẾT LUẬN**" / "CỦA …"). On a
small made-up letter and notice (other bodies and wording than the corpus entries)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.capitaltails import linked_capitals
from cchc.plans.parsing.inwordmarks import bare_subject_label, without_inword_marks
from cchc.plans.parsing.straystops import without_stray_stop

_LETTER = (
    "|\n"
    "**B****Ộ** **T****ÀI CHÍNH**\n"
    "-------\n"
    "|\n"
    "**CỘNG HÒA\n"
    "XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "---------------\n"
    "|\n"
    "|\n"
    "Số: 2314/BTC-QLCS\n"
    "*V/v\n"
    "Hướng dẫn sắp xếp lại, xử lý **tr**ụ sở làm việc dôi dư sau khi\n"
    "hợp nhất các đơn vị hành chính*\n"
    "|\n"
    "*Hà Nội,\n"
    "ngày 14 tháng 1**2** năm 2026** *\n"
    "|\n"
    "\n"
    "**Kính gửi:** Ủy ban nhân dân các tỉnh, thành phố\n"
    "\n"
    "Bộ Tài chính đề nghị Ủy ban nhân dân các tỉnh, thành phố rà soát trụ sở làm việc dôi "
    "dư, báo cáo Bộ Tài chính trước ngày 31 tháng 01 năm 2027.\n"
)


def test_subject_under_a_bare_label_and_marks_inside_words() -> None:
    document = parse_bytes(_LETTER.encode(), "cong-van.md").document
    assert document.title == (
        "V/v Hướng dẫn sắp xếp lại, xử lý trụ sở làm việc dôi dư sau khi hợp nhất các đơn vị "
        "hành chính"
    )
    assert str(document.date) == "2026-12-14"


def test_marks_inside_words() -> None:
    assert without_inword_marks("xử lý **tr**ụ sở") == "xử lý trụ sở"
    assert without_inword_marks("tháng 1**2** năm") == "tháng 12 năm"
    assert without_inword_marks("**B****Ộ** TÀI") == "**BỘ** TÀI"
    assert without_inword_marks("**Kính gửi:** Bộ X") == "**Kính gửi:** Bộ X"
    assert bare_subject_label("V/v")
    assert not bare_subject_label("V/v hướng dẫn")


_NOTICE = (
    "|\n"
    "BAN CHẤP HÀNH\n"
    "TRUNG ƯƠNG\n"
    "**VĂN PHÒNG**\n"
    "*****\n"
    "|\n"
    "**ĐẢNG CỘNG\n"
    "SẢN VIỆT NAM**\n"
    "---------------\n"
    "|\n"
    "|\n"
    "Số 518-TB/VPTW\n"
    "|\n"
    "*Hà Nội, ngày\n"
    "03 tháng 3 năm 2027*\n"
    "|\n"
    "**THÔNG BÁO KẾT LUẬN**\n"
    "CỦA THƯỜNG TRỰC BAN BÍ THƯ\n"
    "VỀ CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI NĂM 2027\n"
    "**-----**\n"
    "Thường trực Ban Bí thư kết luận như sau:\n"
    "\n"
    "1. Ban cán sự đảng Chính phủ chỉ đạo rà soát phương án phòng, chống thiên tai.\n"
)


def test_title_in_capitals_goes_on_past_its_bold_kind_line() -> None:
    document = parse_bytes(_NOTICE.encode(), "thong-bao.md").document
    assert document.title == (
        "THÔNG BÁO KẾT LUẬN CỦA THƯỜNG TRỰC BAN BÍ THƯ VỀ CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI NĂM 2027"
    )
    assert linked_capitals("CỦA ĐỒNG CHÍ BÍ THƯ")
    assert not linked_capitals("Của đồng chí Bí thư")
    assert not linked_capitals("ỦY BAN NHÂN DÂN TỈNH")


_PLAN = (
    "**KẾ HOẠCH**\n"
    "\n"
    "Phát triển thương mại điện tử năm 2027\n"
    "\n"
    "**III. Tổ chức thực hiện.**\n"
    "\n"
    "**1. Sở Công Thương:**\n"
    "\n"
    "- Hướng dẫn các doanh nghiệp tham gia sàn thương mại điện tử.\n"
    "\n"
    "- Tổ chức tập huấn kỹ năng bán hàng trực tuyến cho hợp tác xã.\n"
)


def test_a_parts_heading_with_a_stray_stop_opens_its_section() -> None:
    items = parse_bytes(_PLAN.encode(), "ke-hoach.md").items
    assert {tuple(item.section) for item in items} == {("III. Tổ chức thực hiện",)}
    assert without_stray_stop("Tổ chức thực hiện.", "IV") == "Tổ chức thực hiện"
    assert without_stray_stop("Sở Tài chính bố trí kinh phí.", "III").endswith(".")
    assert without_stray_stop("Tổ chức thực hiện.", "4").endswith(".")
