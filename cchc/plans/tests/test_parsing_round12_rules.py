"""The reading rules written after held-out round 12 (issue 15): markdown's backslash escapes,
pipe rows whose cells hold line breaks, tables that are only a letterhead, a signature or the
addressees (``parsing/layouttables.py``), points numbered with a dash, subjectless points under
"TỔ CHỨC THỰC HIỆN". Each on a small made-up document (other bodies and wording than the
corpus entries)."""

from __future__ import annotations

import pytest

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.layouttables import is_layout_table
from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.readers.base import Paragraph, ReadError, Row, Table
from cchc.plans.readers.text import read_text, unescape


def _parse(text: str, name: str = "plan.md") -> ParsedPlan:
    return parse_bytes(text.encode(), name)


def _table(*rows: list[str]) -> Table:
    return Table(rows=[Row(cells=list(cells), line=n) for n, cells in enumerate(rows, 1)], line=1)


# -- markdown escapes ------------------------------------------------------------------------

# An editor's markdown export: every dot after a number and every leading dash escaped.
_ESCAPED = (
    "**III\\. TỔ CHỨC THỰC HIỆN**\n\n"
    "1\\. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Y tế xây dựng kế hoạch kiểm tra "
    "an toàn thực phẩm tại các trường học, hoàn thành trong quý II năm 2026\\.\n\n"
    "2\\. Ủy ban nhân dân các xã, phường tổ chức tuyên truyền \\- vận động phụ huynh học sinh "
    "tham gia bảo hiểm y tế\\.\n"
)


def test_unescape_resolves_backslash_escapes_only_before_punctuation() -> None:
    assert unescape("1\\. Sở A \\- Sở B \\*x\\* a\\|b") == "1. Sở A - Sở B *x* a|b"
    assert unescape("C:\\thu muc") == "C:\\thu muc"  # a letter after it: no escape


def test_escaped_points_are_read_as_numbered_points() -> None:
    doc = read_text(_ESCAPED, "plan.md")
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts[1].startswith("1. Sở Giáo dục")
    parsed = _parse(_ESCAPED)
    assert [(i.number, i.lead) for i in parsed.items] == [
        ("1", "Sở Giáo dục và Đào tạo"),
        ("2", "Ủy ban nhân dân các xã, phường"),
    ]
    assert parsed.items[0].partners == "Sở Y tế"
    assert parsed.items[0].timeframe == "trong quý II năm 2026"
    assert "tuyên truyền - vận động" in (parsed.items[1].title or "")


# -- pipe rows whose cells hold line breaks ---------------------------------------------------

_LETTERHEAD = (
    "| ỦY BAN NHÂN DÂN\n"
    "XÃ HÒA BÌNH\n"
    "\\------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc |\n"
    "| :---- | :---- |\n"
    "| Số: 12/KH-UBND | *Hòa Bình, ngày 03 tháng 3 năm 2026* |\n\n"
)


def test_a_pipe_row_printed_over_several_lines_is_one_row() -> None:
    doc = read_text(_LETTERHEAD + "Văn bản.\n", "plan.md")
    (table,) = doc.tables
    assert [len(row.cells) for row in table.rows] == [2, 2]
    assert table.rows[0].cells[0] == "ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH\n-------"
    assert table.rows[1].cells[0] == "Số: 12/KH-UBND"
    assert not any(isinstance(b, Paragraph) and "|" in b.text for b in doc.blocks)


def test_an_open_pipe_line_without_a_table_next_to_it_stays_text() -> None:
    doc = read_text("| một dòng chữ\nlời văn tiếp |\n\nĐoạn khác.\n", "plan.md")
    assert not doc.tables


# -- letterhead, signature and addressee tables -----------------------------------------------


def test_letterhead_signature_and_addressee_tables_are_layout() -> None:
    assert is_layout_table(
        _table(
            ["BỘ KHOA HỌC\n-----", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do"],
            ["Số: 5/KH-BKH", "*Hà Nội, ngày 2 tháng 1 năm 2026*"],
        )
    )
    assert is_layout_table(_table(["", "TM. BAN THƯỜNG VỤ *(Đã ký)* Lê Văn Bình"]))
    assert is_layout_table(
        _table(["UBND XÃ ĐÔNG HẢI\nSố:      /KH-UBND", "Đông Hải, ngày   tháng 5 năm 2026"])
    )
    assert is_layout_table(
        _table(["*Nơi nhận:*\n- Các sở;\n- Lưu: VT.", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Thị Cúc"])
    )


def test_a_table_with_tasks_or_column_names_is_no_layout() -> None:
    # a header naming columns, even in capitals
    assert not is_layout_table(_table(["STT", "NHIỆM VỤ", "CHỦ TRÌ"], ["Số: 1/KH", "", ""]))
    # a task sentence among letterhead lines
    assert not is_layout_table(
        _table(["Số: 3/KH-UBND", "Sở Tài chính rà soát định mức chi, hoàn thành trong năm 2026."])
    )
    # capitals alone, with nothing only a frame prints
    assert not is_layout_table(_table(["PHẦN A", "PHẦN B"]))


_SIGNED_LETTER = (
    _LETTERHEAD + "**KẾ HOẠCH**\n\n**Triển khai chuyển đổi số năm 2026**\n\n"
    "Để thực hiện chuyển đổi số, Ủy ban nhân dân xã ban hành kế hoạch như sau:\n\n"
    "Năm 2026 là năm bản lề của chuyển đổi số ở cơ sở.\n\n"
    "| *Nơi nhận:*\n"
    "\\- Các thôn;\n"
    "\\- Lưu: VT. | TM. ỦY BAN NHÂN DÂN\n"
    "CHỦ TỊCH\n\n"
    "Đỗ Văn Đông |\n"
    "| :---- | :---- |\n"
)


def test_a_document_with_only_layout_tables_is_not_refused_for_its_columns() -> None:
    # No task in it: refused as a text without a plan, not as a table without task columns.
    with pytest.raises(ReadError) as raised:
        _parse(_SIGNED_LETTER)
    message = str(raised.value)
    assert "no table with recognisable columns" not in message
    assert "không tìm thấy bảng nào" not in message


def test_layout_tables_never_become_rows_and_their_letterhead_is_read() -> None:
    text = _SIGNED_LETTER.replace(
        "Năm 2026 là năm bản lề của chuyển đổi số ở cơ sở.",
        "1. Công an xã chủ trì rà soát hạ tầng mạng của trụ sở, hoàn thành trước ngày 30/6/2026.",
    )
    parsed = _parse(text)
    assert [(i.number, i.lead) for i in parsed.items] == [("1", "Công an xã")]
    assert parsed.document.number == "12/KH-UBND"
    assert str(parsed.document.date) == "2026-03-03"


# -- points numbered with a dash, a section "TỔ CHỨC THỰC HIỆN" ------------------------------

_DASHED = (
    "**III- TỔ CHỨC THỰC HIỆN**\n\n"
    "**1-** Các cấp uỷ trực thuộc lãnh đạo, chỉ đạo việc học tập, quán triệt nghị quyết "
    "trong đảng viên.\n\n"
    "**2-** Thành lập Tổ giúp việc về chuyển đổi số của Đảng uỷ, do đồng chí Phó Bí thư "
    "làm Tổ trưởng.\n\n"
    "**3-** Ban Tuyên giáo Đảng uỷ chủ trì phối hợp với các đoàn thể thường xuyên theo dõi, "
    "đôn đốc việc thực hiện nghị quyết.\n"
)


def test_points_numbered_with_a_dash_are_points() -> None:
    parsed = _parse(_DASHED)
    assert [i.number for i in parsed.items] == ["1", "2", "3"]
    assert parsed.items[0].lead == "Các cấp uỷ trực thuộc"
    assert parsed.items[0].section == ["III. TỔ CHỨC THỰC HIỆN"]


def test_a_point_naming_no_body_under_the_organisation_section_is_a_row_to_check() -> None:
    parsed = _parse(_DASHED)
    item = parsed.items[1]
    assert item.title.startswith("Thành lập Tổ giúp việc") and item.lead == ""
    assert any(w.code == "prose-no-lead" and w.line == item.line for w in parsed.warnings)


def test_an_adverb_after_the_partners_opens_the_task() -> None:
    item = _parse(_DASHED).items[2]
    assert item.lead == "Ban Tuyên giáo Đảng uỷ"
    assert item.partners == "các đoàn thể"
    assert item.title.startswith("Thường xuyên theo dõi, đôn đốc")


# -- a body named by its kind before the verb of direction ------------------------------------

# A commune Party committee's resolution in HTML: letterhead and closing as tables.
_RESOLUTION_HTML = (
    "<html><body><table><tr><td><p>ĐẢNG BỘ XÃ AN PHÚ</p><p>*</p><p>Số 07-NQ/ĐU</p></td>"
    "<td><p>ĐẢNG CỘNG SẢN VIỆT NAM</p><p><i>An Phú, ngày 15 tháng 4 năm 2026</i></p></td>"
    "</tr></table><p><b>NGHỊ QUYẾT</b></p><p><b>về chuyển đổi số ở xã</b></p>\n"
    "<p><b>III- TỔ CHỨC THỰC HIỆN</b></p>\n"
    "<p>1- Các chi bộ trực thuộc Đảng uỷ lãnh đạo, chỉ đạo việc quán triệt Nghị quyết.</p>\n"
    "<p>2- Đổi mới phương thức lãnh đạo, chỉ đạo của cấp uỷ các cấp.</p>\n"
    "<p>3- Uỷ ban Kiểm tra Đảng uỷ chủ trì, phối hợp với Văn phòng Đảng uỷ kiểm tra việc "
    "thực hiện Nghị quyết.</p>\n"
    "<table><tr><td><p><b>Nơi nhận:</b></p><p>- Ban Thường vụ Huyện uỷ (b/c),</p>\n"
    "<p>- Lưu VP.</p></td><td><p>T/M ĐẢNG UỶ</p><p>BÍ THƯ</p><p>Phạm Văn Giang</p></td>"
    "</tr></table></body></html>"
)


def test_a_body_named_by_its_kind_before_its_verb_of_direction_leads_the_point() -> None:
    parsed = _parse(_RESOLUTION_HTML, "nq.html")
    assert [(i.number, i.lead) for i in parsed.items] == [
        ("1", "Các chi bộ trực thuộc Đảng uỷ"),
        ("2", ""),  # "Đổi mới phương thức …" names no body: no lead, warned
        ("3", "Uỷ ban Kiểm tra Đảng uỷ"),
    ]
    assert parsed.items[0].title == "Lãnh đạo, chỉ đạo việc quán triệt Nghị quyết"
    warned = {w.line for w in parsed.warnings if w.code == "prose-no-lead"}
    assert parsed.items[1].line in warned and parsed.items[0].line not in warned
    assert parsed.document.number == "07-NQ/ĐU"
