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
