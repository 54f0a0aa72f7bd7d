"""OCR'd scans read as text (issue 15, round 10): made-up snippets for the rules of
``cchc/plans/readers/runtable.py`` (a task table without cells) and of the OCR'd marks and
labels."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.readers.runtable import find_header, read_run_table

RUN_TABLE = """UY BAN NHAN DAN TINH X
KE HOACH CHUYEN DOI SO NAM 2031

                     Thoi gian
STT Noi dung cong viec thuc hien Don vi chu tri Don vi phôi hợp
| Xây dựng kho dữ liệu dùng chung 2031-2032 Sở Khoa học Các sở, ngành liên quan
của tỉnh. (Phòng CNS) trên địa bàn
Rà soát, cập nhật các thủ tục theo Sở Nội vụ Các sở, ban, ngành
2 Năm 2032 ab c
dõi, đánh giá định kỳ. (Phòng CCHC) của tỉnh
3 | Tập huấn kỹ năng số cho công chức. Quý II/2033 Sở Tư pháp Các huyện
Tổ chức hội nghị sơ kết
4 | một hai ba bốn
"""


def test_a_header_line_of_column_words_without_diacritics_and_its_two_line_cell():
    lines = RUN_TABLE.splitlines()
    found = find_header(lines)
    assert found is not None
    top, bottom, fields = found
    assert (top, bottom) == (3, 5)  # "Thoi gian" over "thuc hien"
    assert fields == ["number", "title", "timeframe", "lead", "partners"]


def test_a_sentence_naming_columns_is_no_header():
    lines = ["Nội dung công việc do đơn vị chủ trì và đơn vị phối hợp thực hiện theo kế hoạch này."]
    assert find_header(lines) is None


def test_rows_whose_cells_run_together_with_their_wrapped_parts_around_them():
    parsed = parse_bytes(RUN_TABLE.encode(), "scan.txt")
    rows = [(i.number, i.title, i.lead, i.partners, i.timeframe) for i in parsed.items]
    assert rows[0] == (
        "",
        "Xây dựng kho dữ liệu dùng chung của tỉnh.",
        "Sở Khoa học (Phòng CNS)",
        "Các sở, ngành liên quan trên địa bàn",
        "2031-2032",
    )
    # the number on a line of its own between the wrapped halves of the cells; "ab c" is a
    # stray fragment of the OCR
    assert rows[1] == (
        "2",
        "Rà soát, cập nhật các thủ tục theo dõi, đánh giá định kỳ.",
        "Sở Nội vụ (Phòng CCHC)",
        "Các sở, ban, ngành của tỉnh",
        "Năm 2032",
    )
    assert rows[2][:5] == (
        "3",
        "Tập huấn kỹ năng số cho công chức.",
        "Sở Tư pháp",
        "Các huyện",
        "Quý II/2033",
    )


def test_a_row_that_cannot_be_split_is_kept_whole_with_a_warning_naming_its_line():
    parsed = parse_bytes(RUN_TABLE.encode(), "scan.txt")
    last = parsed.items[-1]
    assert last.number == "4"
    assert last.title.startswith("Tổ chức hội nghị sơ kết")
    assert not (last.lead or last.partners or last.timeframe)
    warned = [w for w in parsed.warnings if w.code == "ocr-row-unsplit"]
    assert [w.line for w in warned] == [13]


def test_the_header_repeated_one_cell_a_line_after_a_page_break_is_skipped():
    lines = [
        "STT Nội dung Thời gian Đơn vị chủ trì",
        "1 Lập danh mục dữ liệu mở. 2031 Sở Tài chính",
        "--- PAGE BREAK ---",
        "STT",
        "Nội dung",
        "Thời gian",
        "Đơn vị chủ trì",
        "2 Công bố dữ liệu mở. 2032 Sở Tài chính",
    ]
    found = read_run_table(lines)
    assert found is not None
    _before, table, _after, notes = found
    assert [row.cells for row in table.rows[1:]] == [
        ["1", "Lập danh mục dữ liệu mở.", "2031", "Sở Tài chính"],
        ["2", "Công bố dữ liệu mở.", "2032", "Sở Tài chính"],
    ]
    assert notes == []


def test_lines_above_a_row_whose_number_line_holds_a_whole_sentence_go_to_the_row_before():
    lines = [
        "STT Nội dung Thời gian Đơn vị chủ trì",
        "1 Lập danh mục dữ liệu mở. 2031 Sở Tài chính",
        "Xa Tổn, cục ab",
        "2 | Công bố dữ liệu mở. 2032 Sở Tài chính",
    ]
    found = read_run_table(lines)
    assert found is not None
    rows = found[1].rows[1:]
    assert [row.cells[1] for row in rows] == [
        "Lập danh mục dữ liệu mở. Xa Tổn, cục ab",
        "Công bố dữ liệu mở.",
    ]


# -- OCR'd marks and labels (readers/ocrtext.py) ---------------------------------------------

SCANNED_HEAD = """BO XAY DUNG CONG HOA XÃ HOI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hanh phúc
$6:77/TB-BXD Hà Nội, ngày 5 tháng 6 năm 2031
THONG BAO
Kết luận của Bộ trưởng tại cuộc họp giao ban

Bộ trưởng kết luận như sau:

1. Giao Cục Hạ tầng:
_ Rà soát danh mục dự án đầu tư công năm 2031.
~ Tổng hợp kết quả giải ngân, báo cáo Bộ trưởng.
R Phối hợp với Vụ Kế hoạch lập kế hoạch vốn năm 2032.

2. Vụ Pháp chế chủ tri, Vụ Kế hoạch phoi hop, hoàn thiện dự thảo Thông tư.

Noi nhận:}
- Lãnh đạo Bộ;
- Lưu: VT, HT.
"""


def test_a_letterhead_with_lost_or_wrong_diacritics_is_the_sign_of_ocr():
    from cchc.plans.readers.ocrtext import looks_ocr

    assert looks_ocr(SCANNED_HEAD.splitlines())
    digital = ["BỘ XÂY DỰNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert not looks_ocr(digital)
    assert not looks_ocr(["KE HOACH", "Cac nhiem vu nam 2031"])  # no letterhead at all


def test_ocr_repairs_of_bullet_marks_labels_kind_line_and_role_words():
    from cchc.plans.readers.ocrtext import repair_line

    assert repair_line("_ Rà soát danh mục") == "- Rà soát danh mục"
    assert repair_line("~ Tổng hợp kết quả") == "- Tổng hợp kết quả"
    assert repair_line("R Phối hợp với Vụ X") == "- Phối hợp với Vụ X"
    assert repair_line("+ Đôn đốc các đơn vị") == "- Đôn đốc các đơn vị"
    assert repair_line("R và D") == "R và D"  # no capitalised word after the mark
    assert repair_line("$6:77/TB-BXD Hà Nội") == "Số: 77/TB-BXD Hà Nội"
    assert repair_line("Sé: 12/CV-X") == "Số: 12/CV-X"
    assert (
        repair_line("theo Quyết định s6:2439/QĐ-BXD ngày") == "theo Quyết định số 2439/QĐ-BXD ngày"
    )
    assert repair_line("THONG BAO") == "THÔNG BÁO"
    assert repair_line("KE HOẠCH CẢI CÁCH") == "KẾ HOẠCH CẢI CÁCH"
    assert repair_line("Thong bao kết quả") == "Thong bao kết quả"  # not a kind line in capitals
    assert repair_line("Vụ A chủ tri, Vụ B phoi hop, làm") == "Vụ A chủ trì, Vụ B phối hợp, làm"
    assert repair_line("Noi nhận:} - KT. BỘ TRƯỞNG") == "Nơi nhận: - KT. BỘ TRƯỞNG"


def test_an_ocrd_notice_reads_its_number_kind_bullets_role_words_and_stops_at_its_closing():
    parsed = parse_bytes(SCANNED_HEAD.encode(), "scan.txt")
    assert parsed.document.number == "77/TB-BXD"
    assert (parsed.document.title or "").startswith("THÔNG BÁO Kết luận")
    rows = [(i.title or "", i.lead, i.partners) for i in parsed.items]
    assert [r[0][:16] for r in rows[:3]] == [
        "Rà soát danh mục",
        "Tổng hợp kết quả",
        "Lập kế hoạch vốn",
    ]
    assert rows[2][1:] == ("Cục Hạ tầng", "Vụ Kế hoạch")
    # "chủ tri": the role word read, the lead cut before it
    assert rows[3][1] == "Vụ Pháp chế"
    assert len(rows) == 4  # the closing block "Noi nhận:}" gives no row


def test_a_digital_text_keeps_its_marks():
    text = SCANNED_HEAD.replace("CONG HOA XÃ HOI", "CỘNG HÒA XÃ HỘI").replace("Hanh", "Hạnh")
    parsed = parse_bytes(text.encode(), "digital.txt")
    assert parsed.document.number is None  # "$6:" is no "Số:" in a digital text


# -- letters: points "1/", the cited document's subject, the closing block ------------------

LETTER = """BỘ XÂY DỰNG
Số: 15/BXD-HT
V/v triển khai công tác bảo trì

Kính gửi: Sở Xây dựng các tỉnh, thành phố.

Ngày 2/1/2031 Bộ Xây dựng đã ban hành Quyết định số 4/QĐ-BXD về việc giao Sở Xây dựng
các tỉnh kế hoạch bảo trì năm 2031.

Bộ Xây dựng đề nghị Sở Xây dựng các tỉnh, thành phố thực hiện một số công việc như sau:

1/ Rà soát, lập danh mục công trình cần bảo trì.

2/ Báo cáo kết quả về Bộ Xây dựng trước ngày 30/6/2031.

Bộ Xây dựng thông báo để các Sở biết và thực hiện/.p
Nơi nhận: KT. BỘ TRƯỞNG
- Như trên;
- Lưu: VT, HT.
"""


def test_points_numbered_with_a_slash_are_points():
    parsed = parse_bytes(LETTER.encode(), "letter.txt")
    assert [(i.number, (i.title or "")[:12]) for i in parsed.items] == [
        ("1", "Rà soát, lập"),
        ("2", "Báo cáo kết "),
    ]


def test_a_cited_documents_subject_gives_no_task():
    # "… Quyết định số 4 về việc giao Sở X …": what the decision was about, not a task
    parsed = parse_bytes(LETTER.encode(), "letter.txt")
    assert all("kế hoạch bảo trì năm 2031" not in (i.title or "").casefold() for i in parsed.items)


def test_the_closing_block_glued_to_an_unfinished_line_gives_no_row():
    parsed = parse_bytes(LETTER.encode(), "letter.txt")
    assert len(parsed.items) == 2
    assert not any("Lưu" in (i.title or "") or "Như trên" in (i.title or "") for i in parsed.items)


def test_prose_naming_the_columns_over_numbered_points_is_no_run_together_table():
    lines = [
        "Các đơn vị báo cáo nội dung, thời gian và đơn vị chủ trì:",
        "1. Sở Tài chính tổng hợp dự toán.",
        "2. Sở Nội vụ rà soát biên chế.",
    ]
    assert find_header(lines) is None
    # a header of labels whose rows cannot be cut (no timeframe, no body) is no such table
    lines = [
        "STT Nội dung Thời gian Đơn vị chủ trì",
        "1. Tổng hợp dự toán.",
        "2. Rà soát biên chế.",
    ]
    assert read_run_table(lines) is None


def test_a_slash_after_a_number_before_a_lower_case_word_is_no_point():
    from cchc.plans.readers.ocrtext import slash_point

    assert slash_point("1/ Tổ chức quán triệt") == "1. Tổ chức quán triệt"
    assert slash_point("12/ năm 2031 các đơn vị") == "12/ năm 2031 các đơn vị"
    assert slash_point("1/2031 Tổ chức") == "1/2031 Tổ chức"
