"""The HTML, DOCX, XLSX and CSV readers: blocks, cells and lines, merged cells, bad files."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
import pytest
from django.utils import translation

from cchc.plans.readers import read_bytes
from cchc.plans.readers.base import Paragraph, ReadError, SourceDocument
from cchc.plans.readers.csv import read_csv, sniff_delimiter
from cchc.plans.readers.docx import read_docx
from cchc.plans.readers.html import looks_like_html, read_html
from cchc.plans.readers.xlsx import format_value, read_xlsx
from cchc.plans.tests import builders

SEED = Path(__file__).resolve().parents[3] / "sample_data" / "plans"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def paragraphs(doc: SourceDocument) -> list[tuple[str, int]]:
    return [(p.text, p.line) for p in doc.paragraphs]


def table(doc: SourceDocument, index: int = 0) -> list[tuple[int, list[str]]]:
    return [(row.line, row.cells) for row in doc.tables[index].rows]


def zipped(members: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue()


def replace_member(data: bytes, member: str, content: bytes | None) -> bytes:
    """A copy of a ZIP with one member replaced (or dropped when ``content`` is None)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {i.filename: source.read(i.filename) for i in source.infolist()}
    if content is None:
        del members[member]
    else:
        members[member] = content
    return zipped(dict(members))


# --- HTML ---------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><title>ignored</title><style>p {color: red}</style></head><body>
<p>UBND TỈNH BẮC NINH<br>SỞ NỘI VỤ</p>
<h1>KẾ HOẠCH   Cải cách
hành chính</h1>
<div>Ghi <b>chú</b>: <!-- c --> chung<p>đoạn trong</p>sau</div>
<table border="1">
<thead><tr><th>TT</th><th>Tên nhiệm vụ</th><th>Chủ trì</th></tr></thead>
<tbody>
<tr><td colspan="3">I. Cải cách thể chế</td></tr>
<tr><td>1</td><td><p>Rà soát</p><p>văn bản&nbsp;  QPPL</p></td><td rowspan="2">Sở Nội vụ</td></tr>
<tr><td>2</td><td>Dòng một<br>Dòng hai<ul><li>a</li><li>b</li></ul></td></tr>
<tr><td></td><td></td><td></td></tr>
<tr><td>3</td><td>Bảng con<table><tr><td>x</td><td>y</td></tr><tr><td>z</td></tr></table></td>
<td>Sở Tư pháp</td></tr>
</tbody></table>
<p>Nơi nhận</p>
</body></html>
"""


def test_html_paragraphs_and_table_with_lines():
    doc = read_html(HTML, "plan.html")
    assert (doc.name, doc.format, doc.line_unit) == ("plan.html", "html", "line")
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph"] * 6 + ["Table", "Paragraph"]
    assert paragraphs(doc) == [
        ("UBND TỈNH BẮC NINH", 3),
        ("SỞ NỘI VỤ", 3),
        ("KẾ HOẠCH Cải cách hành chính", 4),
        ("Ghi chú: chung", 6),
        ("đoạn trong", 6),
        ("sau", 6),
        ("Nơi nhận", 17),
    ]
    assert doc.tables[0].line == 7
    assert table(doc) == [
        (8, ["TT", "Tên nhiệm vụ", "Chủ trì"]),
        (10, ["I. Cải cách thể chế"] * 3),
        (11, ["1", "Rà soát\nvăn bản QPPL", "Sở Nội vụ"]),
        (12, ["2", "Dòng một\nDòng hai\na\nb", "Sở Nội vụ"]),
        (14, ["3", "Bảng con\nx | y\nz", "Sở Tư pháp"]),
    ]


def test_html_rows_padded_and_spans_in_both_directions():
    text = """<table>
<tr><td rowspan="3">A</td><td colspan="2">B</td><td></td></tr>
<tr><td>c</td></tr>
<tr><td colspan="0">d</td><td rowspan="x">e</td></tr>
</table>"""
    assert table(read_html(text, "t.html")) == [
        (2, ["A", "B", "B"]),
        (3, ["A", "c", ""]),
        (4, ["A", "d", "e"]),
    ]


def test_html_frame_table_is_unwrapped():
    text = """<html><body><table>
<tr><td><p>SỞ NỘI VỤ</p></td></tr>
<tr><td><table><tr><td>TT</td><td>Tên</td></tr><tr><td>1</td><td>Việc</td></tr></table></td></tr>
</table></body></html>"""
    doc = read_html(text, "frame.html")
    assert paragraphs(doc) == [("SỞ NỘI VỤ", 2)]
    assert table(doc) == [(3, ["TT", "Tên"]), (3, ["1", "Việc"])]


def test_html_layout_table_holding_a_longer_table_is_unwrapped():
    text = """<table>
<tr><td>UBND TỈNH</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr>
<tr><td colspan="2"><table>
<tr><td>TT</td><td>Tên</td></tr>
<tr><td>1</td><td>Việc một</td></tr>
<tr><td>2</td><td>Việc hai</td></tr>
</table></td></tr>
</table>"""
    doc = read_html(text, "layout.html")
    assert paragraphs(doc) == [("UBND TỈNH", 2), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 2)]
    assert table(doc) == [(4, ["TT", "Tên"]), (5, ["1", "Việc một"]), (6, ["2", "Việc hai"])]


def test_html_with_xml_declaration_and_bom():
    text = '\ufeff<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>Một</p></body></html>'
    assert paragraphs(read_html(text, "x.htm")) == [("Một", 2)]


@pytest.mark.parametrize("text", ["", "   \n", "<html><body><p> </p></body></html>"])
def test_html_without_text_is_refused(text):
    with pytest.raises(ReadError, match=r"^empty\.html: "):
        read_html(text, "empty.html")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!doctype html><html><body></body></html>", True),
        ("<!-- saved by Word -->\n<html xmlns:o='urn:x'>", True),
        ("Kế hoạch\n<TABLE class=x>\n<tr><td>1</td></tr></TABLE>", True),
        ("| TT | Nội dung |\n|---|---|\n| 1 | <p>a</p> <ul><li>b</li></ul> |", False),
        ("| 1 | <table><tr><td>x</td></tr></table> |", False),
        ("Bảng <table> không có ô", False),
        ("KẾ HOẠCH\nTT;Tên\n1;Việc", False),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


def test_seed_markdown_is_not_html():
    seeds = list(SEED.glob("*.md"))
    assert seeds
    for path in seeds:
        assert not looks_like_html(path.read_text(encoding="utf-8"))


# --- DOCX ---------------------------------------------------------------------------------


def sample_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("UBND TỈNH BẮC NINH")
    document.add_paragraph("")
    run = document.add_paragraph("SỞ NỘI VỤ").add_run()
    run.add_break()
    run.add_text("Số: 15/KH-SNV\tngày 10/01/2026")
    grid = document.add_table(rows=5, cols=4)
    for c, text in enumerate(["TT", "Tên nhiệm vụ", "Chủ trì", "Thời gian"]):
        grid.cell(0, c).text = text
    grid.cell(1, 0).text = "A. CẢI CÁCH THỂ CHẾ"
    grid.cell(1, 0).merge(grid.cell(1, 3))
    for r in (2, 3, 4):
        grid.cell(r, 0).text = str(r - 1)
        grid.cell(r, 3).text = "Quý IV/2026"
    grid.cell(2, 1).text = "Rà soát văn bản"
    grid.cell(2, 1).add_paragraph("")
    grid.cell(2, 1).add_paragraph("  Báo cáo   kết quả ")
    grid.cell(3, 1).text = "Kiểm tra"
    grid.cell(2, 2).text = "Sở Nội vụ"
    grid.cell(2, 2).merge(grid.cell(4, 2))
    grid.cell(4, 1).text = "Tổng kết"
    document.add_paragraph("Nơi nhận:")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_tables_and_line_numbers():
    doc = read_docx(sample_docx(), "plan.docx")
    assert (doc.format, doc.line_unit) == ("docx", "paragraph")
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph"] * 3 + ["Table", "Paragraph"]
    # python-docx's new document starts with no paragraph: lines count from ours.
    assert paragraphs(doc) == [
        ("UBND TỈNH BẮC NINH", 1),
        ("SỞ NỘI VỤ", 3),
        ("Số: 15/KH-SNV ngày 10/01/2026", 3),
        ("Nơi nhận:", 9),
    ]
    assert doc.tables[0].line == 4
    assert table(doc) == [
        (4, ["TT", "Tên nhiệm vụ", "Chủ trì", "Thời gian"]),
        (5, ["A. CẢI CÁCH THỂ CHẾ"] * 4),
        (6, ["1", "Rà soát văn bản\nBáo cáo kết quả", "Sở Nội vụ", "Quý IV/2026"]),
        (7, ["2", "Kiểm tra", "Sở Nội vụ", "Quý IV/2026"]),
        (8, ["3", "Tổng kết", "Sở Nội vụ", "Quý IV/2026"]),
    ]


def test_docx_vertical_merge_continuation_cells_are_empty_in_the_file():
    """The repeated lead agency comes from the reader, not from text in the covered cells."""
    xml = zipfile.ZipFile(io.BytesIO(sample_docx())).read("word/document.xml").decode()
    assert xml.count('<w:vMerge w:val="restart"/>') == 1
    assert xml.count("<w:vMerge/>") == 2
    assert xml.count("Sở Nội vụ") == 1


def test_docx_block_merged_in_both_directions():
    document = docx.Document()
    grid = document.add_table(rows=3, cols=3)
    for r, c, text in [(0, 0, "X"), (0, 2, "a"), (1, 2, "b"), (2, 0, "c"), (2, 2, "e")]:
        grid.cell(r, c).text = text
    grid.cell(0, 0).merge(grid.cell(1, 1))
    out = io.BytesIO()
    document.save(out)
    assert table(read_docx(out.getvalue(), "block.docx")) == [
        (1, ["X", "X", "a"]),
        (2, ["X", "X", "b"]),
        (3, ["c", "", "e"]),
    ]


def test_docx_nested_table_and_grid_before():
    document = docx.Document()
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "Chủ trì"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for r, c, text in [(0, 0, "a"), (0, 1, "b"), (1, 0, "c")]:
        inner.cell(r, c).text = text
    outer.cell(1, 1).text = "chỉ cột hai"
    outer.rows[1]._tr.remove(outer.rows[1]._tr.tc_lst[0])  # gridBefore stands for it
    outer.rows[1]._tr.get_or_add_trPr()._add_gridBefore(val=1)
    out = io.BytesIO()
    document.save(out)
    doc = read_docx(out.getvalue(), "nested.docx")
    assert table(doc) == [(1, ["Chủ trì", "a | b\nc"]), (2, ["", "chỉ cột hai"])]


NUMBERING = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="7">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
<w:lvl w:ilvl="2"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/><w:suff w:val="space"/>
</w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="7"/>
<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
</w:numbering>"""


def numbered(paragraph, num_id: int, ilvl: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def test_docx_automatic_list_numbers_are_shown():
    document = docx.Document()
    steps = [(1, 0, "CẢI CÁCH THỂ CHẾ"), (1, 1, "Văn bản"), (1, 2, "rà soát"), (1, 2, "ban hành")]
    steps += [(1, 1, "Kiểm tra"), (2, 0, "SỐ HÓA"), (0, 0, "Ghi chú")]
    for num_id, ilvl, text in steps:
        numbered(document.add_paragraph(text), num_id, ilvl)
    grid = document.add_table(rows=2, cols=2)
    for r, text in enumerate(["việc một", "việc hai"]):
        numbered(grid.cell(r, 0).paragraphs[0], 1, 2)  # an auto-numbered, empty TT cell
        grid.cell(r, 1).text = text
    document.add_paragraph("Danh sách", style="List Number")  # numbered through its style
    out = io.BytesIO()
    document.save(out)
    data = replace_member(out.getvalue(), "word/numbering.xml", NUMBERING.encode())
    doc = read_docx(data, "numbered.docx")
    assert [text for text, _line in paragraphs(doc)] == [
        "I. CẢI CÁCH THỂ CHẾ",
        "I.1 Văn bản",
        "a) rà soát",
        "b) ban hành",
        "I.2 Kiểm tra",
        "IV. SỐ HÓA",
        "Ghi chú",
        "Danh sách",  # the style's list is not defined in this numbering part
    ]
    assert table(doc) == [(8, ["a)", "việc một"]), (9, ["b)", "việc hai"])]
    styled = io.BytesIO()
    document = docx.Document()
    for text in ("Một", "Hai"):
        document.add_paragraph(text, style="List Number")
    document.save(styled)
    assert paragraphs(read_docx(styled.getvalue(), "s.docx")) == [("1. Một", 1), ("2. Hai", 2)]


# --- XLSX ---------------------------------------------------------------------------------


def sample_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Kế hoạch"
    sheet["A1"] = "  UBND TỈNH BẮC NINH  "
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(["TT", "Tên nhiệm vụ", "Chủ trì", "Thời hạn", "Kinh phí"])
    sheet.append(["I", "Cải cách thể chế"])
    sheet.merge_cells("B4:E4")
    sheet.append([1, "Rà soát\nvăn bản", "Sở Nội vụ", dt.date(2026, 6, 30), 12.0])
    sheet.append([2, "Kiểm tra", None, dt.datetime(2026, 9, 30, 17, 30), 0.25])  # noqa: DTZ001
    sheet.append([3, "Tổng kết", None, "Quý IV/2026", None, None])
    sheet.merge_cells("C5:C7")
    sheet["G20"] = None  # touched but empty: widens nothing
    workbook.create_sheet("Trống")
    hidden = workbook.create_sheet("Ẩn")
    hidden["A1"] = "không đọc"
    hidden.sheet_state = "hidden"
    extra = workbook.create_sheet("Phụ lục")
    extra["B3"] = "Tỷ lệ"
    extra["C3"] = 0.95
    extra["C3"].number_format = "0%"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_xlsx_sheets_merges_and_values():
    doc = read_xlsx(sample_xlsx(), "plan.xlsx")
    assert (doc.format, doc.line_unit) == ("xlsx", "row")
    assert [(t.part, t.line) for t in doc.tables] == [("Kế hoạch", 1), ("Phụ lục", 3)]
    assert doc.paragraphs == []
    assert table(doc, 0) == [
        (1, ["UBND TỈNH BẮC NINH"] * 5),
        (3, ["TT", "Tên nhiệm vụ", "Chủ trì", "Thời hạn", "Kinh phí"]),
        (4, ["I", "Cải cách thể chế", "Cải cách thể chế", "Cải cách thể chế", "Cải cách thể chế"]),
        (5, ["1", "Rà soát\nvăn bản", "Sở Nội vụ", "30/06/2026", "12"]),
        (6, ["2", "Kiểm tra", "Sở Nội vụ", "30/09/2026 17:30", "0.25"]),
        (7, ["3", "Tổng kết", "Sở Nội vụ", "Quý IV/2026", ""]),
    ]
    assert table(doc, 1) == [(3, ["", "Tỷ lệ", "95%"])]


def test_xlsx_sparse_sheet_with_whole_row_merge_and_escaped_carriage_return():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "KẾ HOẠCH"
    sheet.merge_cells("A1:XFD1")
    sheet["B2"] = "Dòng một_x000D_\nDòng hai"
    sheet["C2"] = "Sở"
    sheet.merge_cells("C2:C50")  # below the data: covers empty rows only
    sheet["XFD1048576"].font = openpyxl.styles.Font(bold=True)
    out = io.BytesIO()
    workbook.save(out)
    doc = read_xlsx(out.getvalue(), "sparse.xlsx")
    assert table(doc) == [(1, ["KẾ HOẠCH"] * 3), (2, ["", "Dòng một\nDòng hai", "Sở"])]


def test_xlsx_with_huge_merged_range_is_refused_before_loading():
    data = sample_xlsx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    assert b'<mergeCell ref="C5:C7"/>' in xml
    xml = xml.replace(b'<mergeCell ref="C5:C7"/>', b'<mergeCell ref="C5:C1048576"/>')
    with pytest.raises(ReadError, match=r"^big\.xlsx: the workbook merges 1048581 cells"):
        read_xlsx(replace_member(data, "xl/worksheets/sheet1.xml", xml), "big.xlsx")


def test_zip_that_unpacks_too_large_is_refused(settings):
    settings.CCHC_IMPORT_MAX_UNPACKED_MB = 1
    bomb = zipped({"xl/workbook.xml": b"<" * 2_000_000})
    for reader in (read_xlsx, read_docx):
        with pytest.raises(ReadError, match=r"^bomb\.zip: the file unpacks to 1 MB, more than"):
            reader(bomb, "bomb.zip")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (12, "12"),
        (12.0, "12"),
        (-3.0, "-3"),
        (1.5, "1.5"),
        (0.1 + 0.2, "0.3"),
        (1500000.75, "1500000.75"),
        (True, "TRUE"),
        (dt.date(2026, 1, 5), "05/01/2026"),
        (dt.datetime(2026, 1, 5), "05/01/2026"),  # noqa: DTZ001
        (dt.time(8, 30), "08:30"),
        ("  Quý I/2026 \n", "Quý I/2026"),
    ],
)
def test_xlsx_format_value(value, expected):
    assert format_value(value) == expected


# --- CSV ----------------------------------------------------------------------------------


def test_csv_semicolons_bom_quoted_newlines_and_lines():
    text = (
        "\ufeffTT;Tên nhiệm vụ;Chủ trì\r\n"
        "\r\n"
        '1;"Rà soát, đánh giá\r\nvăn bản";Sở Nội vụ\r\n'
        '2;"Ghi ""chú""";\r\n'
        ";;\r\n"
        "3;Kiểm tra;Sở Tư pháp;\r\n"
    )
    doc = read_csv(text, "plan.csv")
    assert (doc.format, doc.line_unit, doc.tables[0].line) == ("csv", "line", 1)
    assert table(doc) == [
        (1, ["TT", "Tên nhiệm vụ", "Chủ trì"]),
        (3, ["1", "Rà soát, đánh giá\nvăn bản", "Sở Nội vụ"]),
        (5, ["2", 'Ghi "chú"', ""]),
        (7, ["3", "Kiểm tra", "Sở Tư pháp"]),
    ]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("TT,Tên,Chủ trì\n1,Việc,Sở\n", ","),
        ("TT;Tên;Chủ trì\n1;Rà soát, đánh giá, báo cáo;Sở\n2;Kiểm tra, đôn đốc;Sở\n", ";"),
        ("TT\tTên\n1\tViệc, việc\n", "\t"),
        ("TT|Tên|Chủ trì\n1|Việc; việc|Sở\n", "|"),
        ("một cột\nkhông dấu phân cách\n", ","),
    ],
)
def test_csv_sniffs_the_delimiter(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_csv_excel_separator_line():
    doc = read_csv("sep=|\r\nTT|Tên, ghi chú\r\n1|Việc, một\r\n", "excel.csv")
    assert table(doc) == [(2, ["TT", "Tên, ghi chú"]), (3, ["1", "Việc, một"])]


def test_csv_unclosed_quote_names_its_line():
    with pytest.raises(ReadError, match=r"^bad\.csv: a quoted cell starting on line 2 "):
        read_csv('TT;Tên\n1;"không đóng\n2;x\n', "bad.csv")


@pytest.mark.parametrize("text", ["", "\ufeff", ";;\n\n;;\n", "a\x00b"])
def test_csv_without_rows_or_with_binary_is_refused(text):
    with pytest.raises(ReadError, match=r"^x\.csv: "):
        read_csv(text, "x.csv")


# --- bad containers -----------------------------------------------------------------------

GARBAGE_ZIP = b"PK\x03\x04" + bytes(range(256)) * 4
TEXT_ZIP = zipped({"readme.txt": "không phải tài liệu"})


@pytest.mark.parametrize(
    ("reader", "data", "message"),
    [
        (read_xlsx, GARBAGE_ZIP, "damaged or incomplete"),
        (read_xlsx, sample_xlsx()[:3000], "damaged or incomplete"),
        (read_xlsx, TEXT_ZIP, "not an Excel workbook"),
        (read_docx, GARBAGE_ZIP, "damaged or incomplete"),
        (read_docx, sample_docx()[:-500], "damaged or incomplete"),
        (read_docx, TEXT_ZIP, "not a Word document"),
    ],
)
def test_unreadable_containers(reader, data, message):
    with pytest.raises(ReadError, match=rf"^broken\.bin: .*{message}"):
        reader(data, "broken.bin")


def test_docx_with_broken_xml():
    data = replace_member(sample_docx(), "word/document.xml", b"<w:document><w:body><w:p>")
    with pytest.raises(ReadError, match=r"^plan\.docx: the Word document is damaged"):
        read_docx(data, "plan.docx")


def test_docx_without_document_part():
    data = replace_member(sample_docx(), "word/document.xml", None)
    with pytest.raises(ReadError, match=r"^plan\.docx: the Word document is incomplete"):
        read_docx(data, "plan.docx")


def test_xlsx_with_broken_xml():
    data = replace_member(sample_xlsx(), "xl/workbook.xml", b"<workbook><sheets>")
    with pytest.raises(ReadError, match=r"^plan\.xlsx: the workbook is damaged"):
        read_xlsx(data, "plan.xlsx")


def test_xlsx_with_only_empty_sheets():
    workbook = openpyxl.Workbook()
    workbook.create_sheet("Hai")["C3"] = "   "
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(ReadError, match=r"^empty\.xlsx: the workbook has no visible sheet"):
        read_xlsx(out.getvalue(), "empty.xlsx")


def test_misnamed_zip_containers_are_read_by_their_content():
    assert read_xlsx(sample_docx(), "plan.xlsx").format == "docx"
    assert read_docx(sample_xlsx(), "plan.docx").format == "xlsx"


def test_empty_document_without_paragraph_text_is_refused():
    out = io.BytesIO()
    docx.Document().save(out)
    with pytest.raises(ReadError, match=r"^blank\.docx: the Word document contains no text"):
        read_docx(out.getvalue(), "blank.docx")


# --- builders -----------------------------------------------------------------------------


def built(fmt: str) -> tuple[bytes, str]:
    rows, titles = builders.other_plan_rows(), builders.TITLE_LINES
    if fmt == "docx":
        return builders.build_docx(rows, titles), "ke-hoach.docx"
    if fmt == "xlsx":
        return builders.build_xlsx(rows, titles), "ke-hoach.xlsx"
    if fmt == "html":
        return builders.build_html(rows, titles).encode(), "ke-hoach.html"
    return builders.build_csv(rows).encode("utf-8-sig"), "ke-hoach.csv"


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html", "csv"])
def test_built_plans_read_back(fmt):
    data, name = built(fmt)
    doc = read_bytes(data, name)
    assert doc.format == fmt
    rows = builders.other_plan_rows()
    cells = [row.cells for row in doc.tables[0].rows]
    if fmt == "csv":
        assert cells == rows
        return
    expected = builders.expected_table(rows)
    if fmt == "xlsx":
        titles = [[line] * 7 for line in builders.TITLE_LINES]
        assert cells == titles + expected
        assert [r.line for r in doc.tables[0].rows[:6]] == [1, 2, 3, 4, 5, 7]
    else:
        assert cells == expected
        assert [p.text for p in doc.paragraphs[:5]] == builders.TITLE_LINES
        assert doc.paragraphs[5] == Paragraph(
            "Nơi nhận: UBND tỉnh; Lưu: VT, CCHC.", 23 if fmt == "docx" else 29
        )


def test_builders_shape_and_determinism():
    rows = builders.other_plan_rows()
    assert rows[0] == builders.HEADER
    numbers = [row[0] for row in rows[1:]]
    assert numbers == [
        "A",
        "I",
        "1",
        "2",
        "II",
        "3",
        "B",
        "I",
        "4",
        "5",
        "C",
        "I",
        "6",
        "7",
        "II",
        "8",
    ]
    assert all(len(row) == 7 for row in rows)
    assert builders.build_docx(rows, ["T"]) == builders.build_docx(rows, ["T"])
    assert builders.build_xlsx(rows, ["T"]) == builders.build_xlsx(rows, ["T"])
    assert builders.build_html(rows, ["T"]) == builders.build_html(rows, ["T"])
