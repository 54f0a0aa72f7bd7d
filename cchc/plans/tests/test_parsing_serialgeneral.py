"""Gazette task tables of any columns, one wrapped cell after another (serialcells.py,
serialassign.py; issue 15, held-out round 19): made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.serialassign import MAX_CELLS, assign_cells
from cchc.plans.parsing.serialcells import serial_tables
from cchc.plans.readers.base import Paragraph, SourceDocument, Table

_HEADER7 = """TT
Nội dung công việc
Cơ quan
chủ trì
Cơ quan
phối hợp
Cấp trình
Sản phẩm
Thời hạn
hoàn thành
"""

# Seven columns ("Cấp trình", "Sản phẩm" between the partners and the timeframe), numbers and
# roman sections without a stop, each section numbering anew, a row cut within its task by a
# page break (the header repeated), a timeframe broken word by word, a level over two lines.
_SEVEN = (
    "PHỤ LỤC I\nNHIỆM VỤ TRIỂN KHAI CHƯƠNG TRÌNH HÀNH ĐỘNG VỀ THƯ VIỆN SỐ\n"
    + _HEADER7
    + """I
Hoàn thiện thể chế về thư viện số
1
Rà soát quy định về kho dữ liệu sách số dùng
chung của các thư viện công cộng trên toàn
quốc
Các bộ, cơ
quan ngang bộ
Bộ Tư pháp
Cấp có
thẩm
quyền
Văn bản quy
định chi tiết
Quý II/2027
2
Xây dựng cơ sở dữ liệu bạn đọc thống nhất
theo lộ trình được phê duyệt của các thư
CÔNG BÁO/Số 12/Ngày 05-01-2027
14
"""
    + _HEADER7
    + """viện tỉnh, thành phố
Bộ Văn hóa,
Thể thao và Du lịch
Bộ Tài chính
Chính phủ
Nghị định
Trước
ngày
01/6/2027
II
Tổ chức thực hiện
1
Tổng kết, đánh giá việc thực hiện Chương
trình hằng năm
Bộ Văn hóa,
Thể thao và Du lịch
Các bộ, ngành
Thủ tướng
Chính phủ
Báo cáo
Hằng năm
"""
)


def _doc(text: str) -> SourceDocument:
    lines = [
        Paragraph(text=line.strip(), line=at)
        for at, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]
    return SourceDocument(name="annex.txt", format="txt", blocks=list(lines))


def _table(text: str) -> Table:
    doc = serial_tables(_doc(text))
    tables = doc.tables
    assert len(tables) == 1
    return tables[0]


def test_columns_the_genre_did_not_print_before_are_read_and_kept():
    parsed = parse_bytes(_SEVEN.encode(), "annex.txt")
    assert [i.number.rstrip(".") for i in parsed.items] == ["1", "2", "1"]
    first, second, third = parsed.items
    assert first.section == ["I. Hoàn thiện thể chế về thư viện số"]
    assert first.title.startswith("Rà soát quy định về kho dữ liệu sách số dùng chung")
    assert first.lead == "Các bộ, cơ quan ngang bộ"
    assert first.partners == "Bộ Tư pháp"
    assert first.timeframe == "Quý II/2027"
    # The row cut within its task: the task goes on, the other cells all on the next page;
    # the date's opening words on the lines above it.
    assert second.title.startswith(
        "Xây dựng cơ sở dữ liệu bạn đọc thống nhất theo lộ trình được phê duyệt của các thư "
        "viện tỉnh, thành phố"
    )
    assert second.lead == "Bộ Văn hóa, Thể thao và Du lịch"
    assert second.partners == "Bộ Tài chính"
    assert second.timeframe == "Trước ngày 01/6/2027"
    assert third.section == ["II. Tổ chức thực hiện"]
    assert third.lead == "Bộ Văn hóa, Thể thao và Du lịch"
    assert third.partners == "Các bộ, ngành"
    assert third.timeframe == "Hằng năm"
    # The level and the product are kept in their columns.
    rows = _table(_SEVEN).rows
    assert rows[0].cells[4:6] == ["Cấp trình", "Sản phẩm"]
    assert rows[2].cells[4:6] == ["Cấp có thẩm quyền", "Văn bản quy định chi tiết"]
    assert rows[3].cells[4:6] == ["Chính phủ", "Nghị định"]
    # Five cells for four columns ("Thủ tướng" / "Chính phủ"): joined, and the row warned.
    assert rows[5].cells[4:6] == ["Thủ tướng Chính phủ", "Báo cáo"]
    unsure = [w for w in parsed.warnings if w.code == "serial-cells-unsure"]
    assert third.line in [w.line for w in unsure]
    assert first.line not in [w.line for w in unsure]


# A column the vocabulary does not know after the timeframe ("Căn cứ bổ sung", wrapped), a
# footnote mark glued to a cell and the footnotes at the page's foot, numbers run onto the
# task, a lead and the partners on one line apart a run of spaces, a year opening a timeframe.
_BASIS = """PHỤ LỤC
DANH MỤC CÁC NHIỆM VỤ BỔ SUNG
TT
Tên nhiệm vụ
Cơ quan
chủ trì
Cơ quan
phối hợp
Kết quả
Thời gian
hoàn thành
Căn cứ
bổ sung
1  Rà soát quy định về kho dữ liệu sách số dùng
chung của các thư viện công cộng
Các bộ,
cơ quan ngang bộ  Bộ Tư pháp
Báo cáo
hằng năm
2027 và
hằng năm
Quyết định
số 15-
QĐ/TTg1
2  Xây dựng quy chế quản lý bạn đọc của các thư
viện tỉnh
Bộ Văn hóa,
Thể thao và Du lịch
Bộ Tài chính
Quy chế được
ban hành
Thường
xuyên
Kế hoạch số
20/KH-BCĐ

{footnote}
CÔNG BÁO/Số 12/Ngày 05-01-2027
15
3  Tổng kết, đánh giá việc thực hiện Kế hoạch
trong toàn quốc
Bộ Văn hóa,
Thể thao và Du lịch
Các bộ, ngành
Báo cáo tổng kết
Tháng 12/2027
Quyết định
số 15-QĐ/TTg
""".format(
    footnote="1 Quyết định số 15-QĐ/TTg ngày 02/01/2027 của Thủ tướng Chính phủ về phát triển "
    "thư viện số đến năm 2030."
)


def test_a_column_after_the_timeframe_footnotes_and_two_cells_on_a_line():
    parsed = parse_bytes(_BASIS.encode(), "annex.txt")
    assert [i.number.rstrip(".") for i in parsed.items] == ["1", "2", "3"]
    first, second, third = parsed.items
    assert (
        first.title
        == "Rà soát quy định về kho dữ liệu sách số dùng chung của các thư viện công cộng"
    )
    assert first.lead == "Các bộ, cơ quan ngang bộ"
    assert first.partners == "Bộ Tư pháp"
    assert first.timeframe == "2027 và hằng năm"
    assert second.lead == "Bộ Văn hóa, Thể thao và Du lịch"
    assert second.timeframe == "Thường xuyên"
    # The footnote is no row and no cell.
    assert third.title.startswith("Tổng kết, đánh giá việc thực hiện Kế hoạch trong toàn quốc")
    assert third.timeframe == "Tháng 12/2027"
    rows = _table(_BASIS).rows
    assert rows[1].cells[6] == "Quyết định số 15-QĐ/TTg1"
    assert rows[2].cells[6] == "Kế hoạch số 20/KH-BCĐ"
    assert not any("Quyết định số 15-QĐ/TTg ngày" in cell for row in rows for cell in row.cells)


# A column after the timeframe, a task's short last line after a page break going on with its
# sentence ("của Ban Chỉ đạo") before the result's lower-case tail (the tallest cell: the one cut),
# a code broken at its hyphen.
_CUT = """TT
Tên nhiệm vụ
Cơ quan
chủ trì
Cơ quan
phối hợp
Kết quả
Thời gian
hoàn thành
Căn cứ
bổ sung
1  Thể chế hóa chủ trương phát triển thư viện số
trong toàn quốc theo Nghị định số 12/2027/NĐ-
CP ngày 02/01/2027 của Chính phủ về thư viện
Bộ Văn hóa,
Thể thao và Du lịch
Các bộ,
ngành
Báo cáo
Thường
xuyên
Quyết định
số 15-
QĐ/TTg
2  Tiếp tục thể chế hóa đầy đủ các chủ trương về
phát triển thư viện số theo Kết luận số 12-KL/TW
Bộ Văn hóa,
Thể thao và Du lịch
Các bộ,
ngành
Báo cáo
chuyên đề về
cơ
CÔNG BÁO/Số 12/Ngày 05-01-2027
16
của Ban Chỉ đạo
chế, chính sách
Tháng 3/2028
Kế hoạch số
20/KH-BCĐ
"""


def test_a_task_going_on_after_a_page_break_and_a_code_broken_at_its_hyphen():
    parsed = parse_bytes(_CUT.encode(), "annex.txt")
    first, second = parsed.items
    assert first.title == (
        "Thể chế hóa chủ trương phát triển thư viện số trong toàn quốc theo Nghị định số "
        "12/2027/NĐ-CP ngày 02/01/2027 của Chính phủ về thư viện"
    )
    assert first.timeframe == "Thường xuyên"
    assert second.title == (
        "Tiếp tục thể chế hóa đầy đủ các chủ trương về phát triển thư viện số theo Kết luận "
        "số 12-KL/TW của Ban Chỉ đạo"
    )
    assert second.lead == "Bộ Văn hóa, Thể thao và Du lịch"
    assert second.partners == "Các bộ, ngành"
    assert second.timeframe == "Tháng 3/2028"
    rows = _table(_CUT).rows
    assert [rows[2].cells[4], rows[2].cells[6]] == [
        "Báo cáo chuyên đề về cơ chế, chính sách",
        "Kế hoạch số 20/KH-BCĐ",
    ]


# The header not repeated after a page break, cells broken word by word (a body's head word
# "Thanh" / "tra", "Các" / "Bộ,", "tổ" / "chức" / "PCPNN,"), a timeframe over many lines, a
# range over three.
_NARROW = """STT
Tên nhiệm vụ
Cơ quan
chủ trì
Cơ
quan
phối hợp
Kết quả
Thời
hạn
hoàn thành
I.
Hoàn thiện thể chế
1.
Xây dựng quy định về quản lý dữ liệu sách số
của các thư viện công cộng trên toàn quốc.
Bộ Văn
hóa
Thanh
tra
Chính phủ,
Bộ Tư pháp
Văn bản quy
phạm pháp luật
Năm
2027 –
2030
2.
Tổ chức tuyên truyền, phổ biến quy định về thư
viện số cho cán bộ, công chức.
CÔNG BÁO/Số 12/Ngày 05-01-2027
16
Các
Bộ,
ngành
Các
Bộ,
địa phương, các tổ
chức
PCPNN,
VTV
Hội nghị, tập huấn
Thực
hiện
thường
xuyên,
lồng
ghép
trong
nhiệm
vụ
hằng
năm
"""


def test_narrow_cells_and_a_page_break_without_the_header():
    parsed = parse_bytes(_NARROW.encode(), "annex.txt")
    assert [i.number.rstrip(".") for i in parsed.items] == ["1", "2"]
    first, second = parsed.items
    assert first.lead == "Bộ Văn hóa"
    assert first.partners == "Thanh tra Chính phủ, Bộ Tư pháp"
    assert first.timeframe == "Năm 2027 – 2030"
    assert second.lead == "Các Bộ, ngành"
    # Abbreviations the vocabulary does not know go on with the name above them.
    assert second.partners == "Các Bộ, địa phương, các tổ chức PCPNN, VTV"
    assert second.timeframe == ("Thực hiện thường xuyên, lồng ghép trong nhiệm vụ hằng năm")


def test_cells_assigned_to_columns_by_what_they_hold():
    starts = lambda previous, text: text[:1].isupper() and not previous.endswith(",")  # noqa: E731

    def kind(lines: list[str]) -> str:
        return "body" if lines[0].startswith("Bộ") else "output" if lines[0] == "Báo cáo" else ""

    found: dict[str, list[str]] = {}
    # One for one.
    assert assign_cells(
        ["Bộ A", "Bộ B", "Báo cáo"],
        ["lead", "partners", "outputs"],
        found,
        starts=starts,
        kind=kind,
    )
    assert found == {"lead": ["Bộ A"], "partners": ["Bộ B"], "outputs": ["Báo cáo"]}
    # No partners: the result is not taken for them.
    found = {}
    assert not assign_cells(
        ["Bộ A", "Báo cáo"], ["lead", "partners", "outputs"], found, starts=starts, kind=kind
    )
    assert found == {"lead": ["Bộ A"], "outputs": ["Báo cáo"]}
    # A free column takes what is left between them, a cell too many joined to it.
    found = {}
    assert not assign_cells(
        ["Bộ A", "Bộ B", "Thủ tướng", "Chính phủ", "Báo cáo"],
        ["lead", "partners", "#4", "outputs"],
        found,
        starts=starts,
        kind=kind,
    )
    assert found["#4"] == ["Thủ tướng", "Chính phủ"]
    assert found["outputs"] == ["Báo cáo"]


def test_a_row_of_more_cells_than_any_table_prints_is_assigned_in_bounded_work_and_unsure():
    """A hostile row of thousands of cells: the cells past ``MAX_CELLS`` are not weighed one by
    one (the assignment costs cells² × columns) but kept whole in the last column weighed, and
    the row is unsure (the caller warns); no line is lost."""
    texts = [f"Bộ {index}" for index in range(1500)]
    weighed: list[list[str]] = []

    def kind(lines: list[str]) -> str:
        weighed.append(lines)
        return "body"

    found: dict[str, list[str]] = {}
    assert not assign_cells(
        texts, ["lead", "partners", "outputs"], found, starts=lambda _p, _t: True, kind=kind
    )
    assert len(weighed) == MAX_CELLS
    assert [line for key in ("lead", "partners", "outputs") for line in found[key]] == texts
    # A row of as many cells as columns is still read one for one.
    found = {}
    assert assign_cells(
        texts[:3], ["lead", "partners", "outputs"], found, starts=lambda _p, _t: True, kind=kind
    )


def test_a_header_of_unknown_columns_only_is_no_task_table():
    text = "STT\nTên nhiệm vụ\nGhi chú\nCăn cứ\n1.\nMột việc\nMột\n2.\nHai việc\nHai\n"
    doc = _doc(text)
    assert serial_tables(doc) is doc
