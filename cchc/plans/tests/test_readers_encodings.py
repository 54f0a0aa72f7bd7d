"""Plans typed in the legacy Vietnamese encodings TCVN3 (ABC) and VNI-Windows (legacy.py).

The legacy snippets are written literally, each checked by hand against the printed tables
(TCVN 5712:1993 VN3; VNI-Windows); the converted plans are built with the table below, typed
here from the standard, never with the code under test.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
import pytest
from django.utils import translation
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.plans.parsing import ParsedPlan, parse_bytes
from cchc.plans.readers import read_bytes
from cchc.plans.readers.base import Paragraph, ReadError, SourceDocument, Table
from cchc.plans.readers.legacy import convert_document
from cchc.plans.tests import builders

SEED = (
    Path(__file__).resolve().parents[3]
    / "sample_data"
    / "plans"
    / "ke-hoach-402-KH-UBND-bac-giang-2021-2030.md"
)

TCVN3_NOTE = "The document uses the TCVN3 (ABC) encoding: converted to Unicode."
VNI_NOTE = "The document uses the VNI-Windows encoding: converted to Unicode."

# TCVN 5712:1993, VN3, letter by letter: for each vowel its huyền, hỏi, ngã, sắc, nặng forms.
_UNICODE = "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵĂÂÊÔƠƯĐ"
_TCVN3 = (
    "\xb5\xb6\xb7\xb8\xb9"
    "\xa8\xbb\xbc\xbd\xbe\xc6"
    "\xa9\xc7\xc8\xc9\xca\xcb"
    "\xae"
    "\xcc\xce\xcf\xd0\xd1"
    "\xaa\xd2\xd3\xd4\xd5\xd6"
    "\xd7\xd8\xdc\xdd\xde"
    "\xdf\xe1\xe2\xe3\xe4"
    "\xab\xe5\xe6\xe7\xe8\xe9"
    "\xac\xea\xeb\xec\xed\xee"
    "\xef\xf1\xf2\xf3\xf4"
    "\xad\xf5\xf6\xf7\xf8\xf9"
    "\xfa\xfb\xfc\xfd\xfe"
    "\xa1\xa2\xa3\xa4\xa5\xa6\xa7"
)
TO_TCVN3 = dict(zip(_UNICODE, _TCVN3, strict=True))


def to_tcvn3(text: str) -> str:
    """``text`` as a TCVN3 typist types it: a capital with a tone mark, which VN3 lacks, as the
    lowercase code (the capital font .VnTimeH draws it as a capital)."""
    return "".join(TO_TCVN3.get(ch, TO_TCVN3.get(ch.lower(), ch)) for ch in text)


def _vn3_capital(ch: str) -> bool:
    return ch.isupper() and ch not in TO_TCVN3 and ch.lower() in TO_TCVN3


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def texts(doc: SourceDocument) -> list[str]:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        else:
            out.extend(cell for row in block.rows for cell in row.cells)
    return out


def rows(parsed: ParsedPlan) -> list[tuple[object, ...]]:
    return [
        (i.number, i.section, i.task, i.title, i.outputs, i.lead, i.partners, i.timeframe)
        for i in parsed.items
    ]


def legacy_notes(parsed: ParsedPlan) -> list[str]:
    return [w.message for w in parsed.warnings if w.code == "legacy-encoding"]


# --- snippets typed in TCVN3 and VNI, read from a text file -------------------------------------

TCVN3_LINES = {
    # K Õ(D5 ế) · ho ¹(B9 ạ) ch · c ¶(B6 ả) i · c ¸(B8 á) ch · h µ(B5 à) nh · ch Ý(DD í) nh ·
    # n ¨(A8 ă) m
    "KÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2026": "Kế hoạch cải cách hành chính năm 2026",
    # S ë(EB ở) · N é(E9 ộ) i · v ô(F4 ụ) · ch ñ(F1 ủ) · tr ×(D7 ì) · ph è(E8 ố) i · h î(EE ợ) p
    "Së Néi vô chñ tr×, c¸c së, ngµnh phèi hîp": "Sở Nội vụ chủ trì, các sở, ngành phối hợp",
    # U û(FB ỷ) · nh ©(A9 â) n · t Ø(D8 ỉ) nh
    "Uû ban nh©n d©n tØnh": "Uỷ ban nhân dân tỉnh",
    # Th ê(EA ờ) i · ho µ n · th µ nh · Qu ý(FD ý)
    "Thêi gian hoµn thµnh: Quý II/2026": "Thời gian hoàn thành: Quý II/2026",
    # Tr (AD ư) ê(EA ờ) ng · ®(AE đ) ¹ i · h ä(E4 ọ) c
    "Tr\xadêng ®¹i häc, ®¬n vÞ sù nghiÖp": "Trường đại học, đơn vị sự nghiệp",
}
VNI_LINES = {
    # Ke á(ê+sắc) · hoa ï(nặng) ch · ca û(hỏi) i · ca ù(sắc) ch · ha ø(huyền) nh · ch í nh ·
    # na ê(ă) m
    "Keá hoaïch caûi caùch haønh chính naêm 2026": "Kế hoạch cải cách hành chính năm 2026",
    # S ô(ơ) û · No ä(ô+nặng) i · vu ï · chu û · tr ì · ca ù · pho á(ô+sắc) i · h ô ï p
    "Sôû Noäi vuï chuû trì; caùc sôû phoái hôïp": "Sở Nội vụ chủ trì; các sở phối hợp",
    # U Û(hỏi) y · nha â(â) n · t æ(ỉ) nh
    "UÛy ban nhaân daân tænh": "Ủy ban nhân dân tỉnh",
    # Ñ(Đ) o à(ô+huyền) ng · Th ô ø i
    "Ñoàng Nai, Thôøi gian hoaøn thaønh": "Đồng Nai, Thời gian hoàn thành",
}


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_LINES.items())
def test_tcvn3_lines_read_as_unicode(legacy: str, unicode: str) -> None:
    doc = read_bytes(f"Dòng đầu\n{legacy}\n".encode(), "plan.txt")
    assert texts(doc)[-1] == unicode
    assert (2, TCVN3_NOTE, "legacy-encoding") in doc.notes


@pytest.mark.parametrize(("legacy", "unicode"), VNI_LINES.items())
def test_vni_lines_read_as_unicode(legacy: str, unicode: str) -> None:
    doc = read_bytes(f"Dòng đầu\n{legacy}\n".encode(), "plan.txt")
    assert texts(doc)[-1] == unicode
    assert (2, VNI_NOTE, "legacy-encoding") in doc.notes


def test_an_8_bit_tcvn3_file_reads_as_unicode() -> None:
    """A .txt saved by a Windows editor in TCVN3: the bytes, not UTF-8 (Windows-1258 would
    make 'Õ' (0xD5) an 'Ơ')."""
    data = "KÕ ho¹ch\nSë Néi vô chñ tr×, c¸c së phèi hîp\nn¨m 2026\n".encode("cp1252")
    assert texts(read_bytes(data, "plan.txt")) == [
        "Kế hoạch",
        "Sở Nội vụ chủ trì, các sở phối hợp",
        "năm 2026",
    ]


def test_windows_1258_lines_beside_tcvn3_lines_stay_as_they_are() -> None:
    # Windows-1258: 'ư' 0xFD, 'á' 0xE1, 'Đ' 0xD0, 'ơ' 0xF5 (0xD5 in TCVN3 is 'ế')
    data = "Së Néi vô chñ tr×\n".encode("cp1252") + b"S\xf5 T\xfd ph\xe1p, \xd0\xe2n\n"
    assert texts(read_bytes(data, "plan.txt")) == ["Sở Nội vụ chủ trì", "Sơ Tư pháp, Đân"]


def test_capitals_typed_in_a_capital_font_read_as_capitals() -> None:
    doc = read_bytes("Së Néi vô tØnh\nKÕ HO¹CH C¶i c¸ch\nUBND TØNH B¾C NINH\n".encode(), "a.txt")
    assert texts(doc)[1:] == ["KẾ HOẠCH Cải cách", "UBND TỈNH BẮC NINH"]


def test_a_one_word_cell_is_converted_once_the_document_is_known_to_be_tcvn3() -> None:
    csv = "TT,Nhi\xd6m vô,C¬ quan chñ tr×\n1,Rµ so¸t v¨n b¶n quy ph¹m,Së\n"
    parsed = parse_bytes(csv.encode(), "plan.csv")
    assert [(i.title, i.lead) for i in parsed.items] == [("Rà soát văn bản quy phạm", "Sở")]


# --- Unicode text is never converted --------------------------------------------------------

UNICODE_LINES = [
    "© 2026 Sở Nội vụ tỉnh Bắc Ninh",
    "Copyright © 2026 CCHC",
    "Xem chú thích¹ ở cuối trang",
    "Mục tiêu¹ và chỉ tiêu²",
    "Bản quyền © Công ty ABC",
    "Müller GmbH, Straße 5, Köln",
    "Diện tích ×2; tỷ lệ ½; nhiệt độ 25°C",
    "Bà Hà",
    "« Nội dung » · mục §3",
]


@pytest.mark.parametrize("line", UNICODE_LINES)
def test_unicode_text_that_looks_legacy_stays(line: str) -> None:
    """Beside a TCVN3 line, which is converted, each of these stays as it is."""
    doc = read_bytes(f"Kế hoạch\n{line}\nSë Néi vô chñ tr×\n".encode(), "plan.txt")
    assert texts(doc) == ["Kế hoạch", line, "Sở Nội vụ chủ trì"]
    assert [note for note in doc.notes if note[2] == "legacy-encoding"] == [
        (3, TCVN3_NOTE, "legacy-encoding")
    ]


def test_unicode_lines_in_a_tcvn3_document_stay() -> None:
    doc = SourceDocument(
        name="a.txt",
        format="text",
        blocks=[Paragraph("Së Néi vô chñ tr×", 1), *(Paragraph(t, 2) for t in UNICODE_LINES)],
    )
    assert texts(convert_document(doc)) == ["Sở Nội vụ chủ trì", *UNICODE_LINES]


# --- DOCX: runs in a legacy font ------------------------------------------------------------


def _runs(paragraph: DocxParagraph, text: str, legacy: bool) -> None:
    """``text`` as runs: in .VnTime (TCVN3), a capital with a tone mark in .VnTimeH, as an ABC
    typist types it; else one Times New Roman run."""
    if not legacy:
        paragraph.add_run(text).font.name = "Times New Roman"
        return
    for ch in text:
        font = ".VnTimeH" if _vn3_capital(ch) else ".VnTime"
        last = paragraph.runs[-1] if paragraph.runs else None
        if last is not None and last.font.name == font:
            last.text += to_tcvn3(ch)
        else:
            paragraph.add_run(to_tcvn3(ch)).font.name = font


def build_docx(table: list[list[str]], titles: list[str], legacy: bool) -> bytes:
    document = docx.Document()
    for line in titles:
        _runs(document.add_paragraph(), line, legacy)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, text in enumerate(row):
            lines = text.split("\n") if text else []
            cell = grid.cell(r, c)
            for n, line in enumerate(lines):
                _runs(cell.paragraphs[0] if n == 0 else cell.add_paragraph(), line, legacy)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_in_vntime_reads_as_the_same_plan_in_unicode() -> None:
    plan = builders.other_plan_rows()
    unicode = parse_bytes(build_docx(plan, builders.TITLE_LINES, False), "plan.docx")
    legacy = parse_bytes(build_docx(plan, builders.TITLE_LINES, True), "plan.docx")
    assert len(legacy.items) == len(unicode.items) == 8
    assert rows(legacy) == rows(unicode)
    assert legacy.items[0].lead == "Sở Nội vụ"
    assert legacy_notes(legacy) == [TCVN3_NOTE]
    assert not legacy_notes(unicode)


def test_docx_runs_are_converted_run_by_run_by_their_font() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Cơ quan ").font.name = "Times New Roman"
    paragraph.add_run("chñ tr×: Së Néi vô").font.name = ".VnTime"
    mixed = document.add_paragraph()
    mixed.add_run("Kế hoạch ").font.name = ".VnTime"  # Unicode typed with a legacy font set
    mixed.add_run("Sôû Noäi vuï").font.name = "VNI-Times"
    out = io.BytesIO()
    document.save(out)
    doc = read_bytes(out.getvalue(), "plan.docx")
    assert texts(doc) == ["Cơ quan chủ trì: Sở Nội vụ", "Kế hoạch Sở Nội vụ"]
    assert [note[:2] for note in doc.notes] == [(1, TCVN3_NOTE), (2, VNI_NOTE)]


def test_a_docx_style_in_a_legacy_font_converts_its_runs() -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = ".VnArial"
    document.add_paragraph("N¨m")  # one word: the style's font decides
    out = io.BytesIO()
    document.save(out)
    assert texts(read_bytes(out.getvalue(), "plan.docx")) == ["Năm"]


def test_a_docx_with_the_font_in_the_document_defaults() -> None:
    document = docx.Document()
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    fonts.set(qn("w:ascii"), "VNI-Helve")
    document.styles["Normal"].element.remove_all("w:rPr")
    document.add_paragraph("Thôøi")
    out = io.BytesIO()
    document.save(out)
    assert texts(read_bytes(out.getvalue(), "plan.docx")) == ["Thời"]


# --- XLSX: cells in a legacy font ------------------------------------------------------------


def test_xlsx_cells_in_vntime_are_converted() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["TT", "Nhiệm vụ", "Cơ quan chủ trì"])
    sheet.append(["1", "Rµ so¸t", "Së"])
    for cell in sheet[2][1:]:
        cell.font = openpyxl.styles.Font(name=".VnTime")
    out = io.BytesIO()
    workbook.save(out)
    doc = read_bytes(out.getvalue(), "plan.xlsx")
    table = doc.blocks[0]
    assert isinstance(table, Table)
    assert table.rows[1].cells == ["1", "Rà soát", "Sở"]
    assert (2, TCVN3_NOTE, "legacy-encoding") in doc.notes


# --- the seed plan in TCVN3 -----------------------------------------------------------------

_SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()
_TABLE_START = next(i for i, line in enumerate(_SEED_LINES) if line.startswith("|---"))
_BODY = [i for i, line in enumerate(_SEED_LINES) if i > _TABLE_START and line.startswith("|")]


def _seed_part(kept: list[int]) -> str:
    keep = set(kept)
    lines = [
        line
        for i, line in enumerate(_SEED_LINES)
        if i <= _TABLE_START or not line.startswith("|") or i in keep
    ]
    return "\n".join(lines) + "\n"


def test_the_seed_plan_typed_in_tcvn3_reads_as_the_seed() -> None:
    text = _seed_part(_BODY)
    unicode = parse_bytes(text.encode(), "seed.md")
    assert not legacy_notes(unicode)
    for data in (to_tcvn3(text).encode(), to_tcvn3(text).encode("cp1252")):
        legacy = parse_bytes(data, "seed.md")
        assert rows(legacy) == rows(unicode)
        info = legacy.document
        assert (info.number, info.title, info.date, info.issuer) == (
            unicode.document.number,
            unicode.document.title,
            unicode.document.date,
            unicode.document.issuer,
        )
        assert legacy_notes(legacy) == [TCVN3_NOTE]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_BODY), min_size=3, max_size=25, unique=True))
def test_any_part_of_the_seed_table_in_tcvn3_reads_as_in_unicode(kept: list[int]) -> None:
    text = _seed_part(sorted(kept))
    assert _outcome(to_tcvn3(text).encode()) == _outcome(text.encode())


def _outcome(data: bytes) -> list[tuple[object, ...]] | str:
    """The rows read, or the refusal (a part of only grouping rows has no row of work)."""
    try:
        return rows(parse_bytes(data, "seed.md"))
    except ReadError as exc:
        return str(exc)


def test_the_warning_reads_in_vietnamese() -> None:
    with translation.override("vi"):
        doc = read_bytes("Së Néi vô chñ tr×\n".encode(), "plan.txt")
    assert doc.notes == [
        (1, "Văn bản dùng bảng mã TCVN3 (ABC): đã chuyển sang Unicode.", "legacy-encoding")
    ]
