"""The document's own number, date, title and issuer, read from its header (issue 15): one
made-up snippet per rule of ``cchc/plans/parsing/meta.py``."""

from __future__ import annotations

import datetime as dt

from cchc.plans.parsing.meta import read_document_info
from cchc.plans.parsing.result import DocumentInfo


def read(*texts: str) -> DocumentInfo:
    info = DocumentInfo()
    read_document_info(list(texts), info)
    return info


def test_a_number_and_date_the_title_or_body_cite_are_not_the_documents_own():
    info = read(
        "**KẾ HOẠCH**",
        "TRIỂN KHAI NGHỊ QUYẾT SỐ 99/NQ-CP NGÀY 01/02/2025",
        "Căn cứ Nghị quyết số 99/NQ-CP ngày 01/02/2025, Sở X ban hành kế hoạch sau:",
        "**I. NHIỆM VỤ**",
    )
    assert info.number is None and info.date is None
    assert info.title == "KẾ HOẠCH TRIỂN KHAI NGHỊ QUYẾT SỐ 99/NQ-CP NGÀY 01/02/2025"


def test_the_number_after_so_and_the_place_and_date_line_of_the_letterhead():
    info = read(
        "|**BỘ ABC** -------|",
        "|**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** Độc lập - Tự do - Hạnh phúc|",
        "|Số: 12/CĐ-BABC|",
        "|*Hà Nội, ngày 3 tháng 4 năm 2026*|",
        "|**CÔNG ĐIỆN** VỀ VIỆC KHẨN TRƯƠNG LÀM A|",
        "Thực hiện Công văn số 7/BXD-VP ngày 01/02/2026 của Bộ Xây dựng, …",
    )
    assert info.number == "12/CĐ-BABC"
    assert info.date == dt.date(2026, 4, 3)
    assert info.title == "CÔNG ĐIỆN VỀ VIỆC KHẨN TRƯƠNG LÀM A"


def test_party_style_and_dotted_numbers():
    assert read("Số 45-KH/TU", "Hà Nội, ngày 2 tháng 1 năm 2026").number == "45-KH/TU"
    assert read("Số: 100/VPCP-V.I", "KẾ HOẠCH NĂM 2026").number == "100/VPCP-V.I"


def test_a_title_wrapped_over_lines_is_joined_and_its_markup_removed():
    info = read("**KẾ HOẠCH**", "TRIỂN", "KHAI LUẬT X TRÊN", "ĐỊA BÀN TỈNH Y", "**II. NỘI DUNG**")
    assert info.title == "KẾ HOẠCH TRIỂN KHAI LUẬT X TRÊN ĐỊA BÀN TỈNH Y"


def test_the_title_is_the_kind_and_its_subject_not_the_issuer():
    info = read(
        "**THỦ TƯỚNG CHÍNH PHỦ**",
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
        "Số: 5/CĐ-TTg",
        "*Hà Nội, ngày 2 tháng 3 năm 2026*",
        "**CÔNG ĐIỆN**",
        "VỀ VIỆC ABC",
        "DEF",
        "**THỦ TƯỚNG CHÍNH PHỦ điện:**",
    )
    assert info.title == "CÔNG ĐIỆN VỀ VIỆC ABC DEF"
    assert info.issuer == "THỦ TƯỚNG CHÍNH PHỦ"
    assert info.number == "5/CĐ-TTG"


def test_an_annex_takes_number_and_date_from_its_note_and_keeps_its_label():
    info = read(
        "**PHỤ LỤC II**",
        "**DANH MỤC NHIỆM VỤ**",
        "(*Kèm theo Quyết định số 77/QĐ-UBND ngày 05 tháng 6 năm 2026 của UBND tỉnh Z*)",
    )
    assert info.title == "PHỤ LỤC II DANH MỤC NHIỆM VỤ"
    assert info.number == "77/QĐ-UBND"
    assert info.date == dt.date(2026, 6, 5)
    assert info.issuer == "UBND tỉnh Z"


def test_a_letters_title_is_its_v_v_line_under_the_number():
    info = read(
        "|Số: 9/UBND-VX *V/v rà soát dữ liệu*|",
        "|*Hà Nội, ngày 1 tháng 2 năm 2026*|",
        "**Kính gửi:** Các sở",
    )
    assert info.title == "V/v rà soát dữ liệu"
    assert info.number == "9/UBND-VX"
    assert info.date == dt.date(2026, 2, 1)


def test_a_subject_in_sentence_case_set_apart_under_a_kind_line_in_capitals():
    info = read(
        "# CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA TỈNH",
        "*Thực hiện Nghị quyết số 1-NQ/TU ngày 2/3/2026 của Tỉnh ủy*",
        "*(Kèm theo Quyết định số 8/QĐ-UBND ngày 3/3/2026)*",
        "## III. TỔ CHỨC THỰC HIỆN",
    )
    assert info.title == (
        "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA TỈNH Thực hiện Nghị quyết số 1-NQ/TU ngày 2/3/2026 của Tỉnh ủy"
    )
    assert info.number == "8/QĐ-UBND"
    assert info.date == dt.date(2026, 3, 3)


def test_a_text_without_header_invents_nothing():
    info = read(
        "**Kính gửi:** Các sở, ngành",
        "Thực hiện Công văn số 282/TTg-TKBT ngày 10/11/2025, Bộ trưởng giao:",
        "**1. Sở A**",
    )
    assert (info.number, info.date, info.title) == (None, None, None)


def test_the_issuer_is_the_letterheads_top_left_body_not_the_motto():
    wrapped = read(
        "**ỦY BAN NHÂN",
        "DÂN**",
        "TỈNH Q",
        "**CỘNG HÒA XÃ",
        "HỘI CHỦ NGHĨA VIỆT NAM**",
        "Số: 3/CT-UBND",
        "**CHỈ THỊ**",
        "VỀ VIỆC A",
    )
    assert wrapped.issuer == "ỦY BAN NHÂN DÂN TỈNH Q"
    # A superior body above the issuing one: the issuing one.
    two = read(
        "ỦY BAN NHÂN DÂN TỈNH X\nSỞ Y\nSố: 1/KH-SY\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "KẾ HOẠCH\nCải cách hành chính năm 2026",
        "Căn cứ Luật …",
    )
    assert two.issuer == "SỞ Y"
    assert two.title == "KẾ HOẠCH Cải cách hành chính năm 2026"
    assert two.number == "1/KH-SY"


def test_a_party_bodys_letterhead_names_its_issuer_beside_the_partys_name():
    # "ĐẢNG CỘNG SẢN VIỆT NAM" stands where the nation's name stands on a State letterhead.
    party = read(
        "**BAN\nTHƯỜNG VỤ TỈNH ỦY**\n*\n**ĐẢNG\nCỘNG SẢN VIỆT NAM**\nSố 12-KL/TU",
        "KẾT LUẬN\nvề việc A",
        "Ban Thường vụ Tỉnh ủy kết luận như sau:",
    )
    assert party.issuer == "BAN THƯỜNG VỤ TỈNH ỦY"
    # An office alone under its superior is that body's office.
    office = read(
        "TỈNH ỦY Q\n**VĂN PHÒNG**\n*\n**ĐẢNG CỘNG SẢN VIỆT NAM**\nSố 3-TB/VPTU",
        "THÔNG BÁO\nkết luận của Thường trực Tỉnh ủy",
        "Ngày 1/12/2025, Thường trực Tỉnh ủy họp …",
    )
    assert office.issuer == "VĂN PHÒNG TỈNH ỦY Q"
    state = read(
        "ỦY BAN NHÂN DÂN TỈNH X\nVĂN PHÒNG\nSố: 9/VP-KSTT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "V/v cải cách hành chính",
        "Kính gửi: các sở",
    )
    assert state.issuer == "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH X"


def test_a_scans_noise_between_the_kind_and_its_subject_is_skipped():
    info = read("CHỈ THỊ", "Xk-9/2G -| Về các nhiệm vụ cấp bách", "sản xuất kinh doanh", "II. A")
    assert info.title == "CHỈ THỊ Về các nhiệm vụ cấp bách sản xuất kinh doanh"


def test_a_preamble_citing_another_bodys_plan_names_no_issuer():
    info = read(
        "BỘ X\nTỔNG CỤC Y\nSố: 7/TCY-TT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "V/v tăng cường kiểm tra",
        "Thực hiện Quyết định số 3/QĐ-BX của Bộ X về việc ban hành kế hoạch hành động của Bộ X "
        "thực hiện Nghị quyết số 1/NQ-CP, Tổng cục Y đề nghị các Cục Y:",
    )
    assert info.issuer == "TỔNG CỤC Y"


def test_a_two_column_letterhead_read_line_by_line_keeps_its_second_line():
    # OCR and a PDF's text read the two columns across: the body's second line stands between
    # the nation's name and its motto.
    info = read(
        "BỘ X CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỔNG CỤC Y Độc lập - Tự do - Hạnh phúc\n"
        "Số: 7/TCY-TT Hà Nội, ngày 2 tháng 3 năm 2026",
        "V/v tăng cường kiểm tra",
        "Kính gửi: các Cục Y.",
    )
    assert info.issuer == "TỔNG CỤC Y"


def test_the_signature_stamp_is_no_letterhead_and_names_the_issuer_when_nothing_else_does():
    stamped = read(
        "Ký bởi: Sở Z\nThời gian ký: 02.03.2026 10:00\nSỞ Z\nSố: 4/SZ\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "V/v báo cáo",
        "Kính gửi: các phòng.",
    )
    assert stamped.issuer == "SỞ Z"
    unread = read(
        "Ký bởi: Sở Z\nThời gian ký: 02.03.2026 10:00", "V/v báo cáo", "Kính gửi: các phòng."
    )
    assert unread.issuer == "Sở Z"
    portal = read(
        "Ký bởi: Cổng Thông tin điện tử Chính phủ\nThời gian ký: 02.03.2026",
        "V/v báo cáo",
        "Kính gửi: các bộ.",
    )
    assert portal.issuer is None


def test_a_standing_board_under_its_body_is_that_bodys():
    info = read(
        "ỦY BAN MTTQ VIỆT NAM\nXÃ Q\nBAN THƯỜNG TRỰC\nSố: 16/KH-MTTQ-BTT\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "KẾ HOẠCH\nTổ chức hội nghị",
        "Thực hiện …",
    )
    assert info.issuer == "BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM XÃ Q"


def test_an_annex_note_names_the_government_as_issuer():
    info = read(
        "**PHỤ LỤC I**",
        "**NHIỆM VỤ**",
        "(*Kèm theo Nghị quyết số 3/NQ-CP ngày 09 tháng 01 năm 2026 của Chính phủ*)",
    )
    assert info.issuer == "Chính phủ"
