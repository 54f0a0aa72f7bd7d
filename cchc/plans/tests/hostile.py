"""Hostile plan documents, made small: for the reader tests and the fuzz bench
(``bench/fuzz_bench.py``).

``GENERATORS[reader](rng, scale)`` returns ``(data, name)``: a random document of that format,
mostly plan-like (Vietnamese headers, numbered rows, sections) with hostile structure mixed in:
huge spans, deep nesting, huge list numbers, ZIP bombs, many rows or columns, long cells, NUL
characters, lone surrogates, broken references. ``scale`` (0–1] shrinks the expensive cases
(many rows) for the test suite. ``check(data, name)`` runs the import's reading half on it and
asserts what every input must give: a plan that keeps the promises below, or ``ReadError``.

The DOCX and XLSX files are written as raw XML (no python-docx/openpyxl writer), so that any
attribute can be set to any value, and quickly.
"""

from __future__ import annotations

import functools
import io
import json
import random
import re
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import escape

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.readers.base import ReadError

Generator = Callable[[random.Random, float], tuple[bytes, str]]
# How often the expensive cases come up (tables past the row limit, floods of lines): the fuzz
# bench lowers it to spend its time on many inputs rather than on a few large ones.
HEAVY = 0.03

HEADERS = (
    *("STT", "TT", "Mục tiêu", "Nhiệm vụ", "Tên nhiệm vụ", "Hoạt động", "Nội dung"),
    *("Kết quả/Sản phẩm", "Chủ trì", "Cơ quan chủ trì", "Phối hợp", "Thời gian", "Kinh phí"),
    *("Ghi chú", "Cấp trình", "Đơn vị thực hiện", "Xyz"),
)
WORDS = (
    *("Sở Nội vụ", "Rà soát", "văn bản", "Hàng năm", "Quý IV/2026", "2021-2030", "UBND tỉnh"),
    *("Các Sở, ngành", "chuyển đổi số", "Kế hoạch", "Nhiệm vụ 1:", "Hoạt động 2:", "đ"),
)
SPECIAL = (
    *("", "I", "II", "A", "1", "1.", "5.1", "PHẦN I", "a)", "-", "|", "---", "&amp;", "&#0;"),
    *("\x00", "_x0000_", "_xD800_", "\ud800", "\u2028", "\r", "\t", "<p>x</p>", "<b>", "&#xD800;"),
    *("1." * 40, "9" * 60, "Số: " + "1" * 120 + "/KH-UBND", "ngày 31/02/2026", "\ufeff"),
)


def text_cell(rng: random.Random, scale: float = 1.0, *, short: bool = False) -> str:
    roll = rng.random() * (0.97 if short else 1.0)
    if roll < 0.55:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 6)))
    if roll < 0.85:
        return rng.choice(SPECIAL)
    if roll < 0.97:
        return "".join(chr(rng.randint(1, 0x2FF)) for _ in range(rng.randint(0, 30)))
    return rng.choice(WORDS) * rng.randint(1, int(8000 * scale) + 1)  # long cells


def _rows(rng: random.Random, scale: float, width: int) -> list[list[str]]:
    count = rng.choice((0, 1, 3, 10, 40)) if rng.random() >= HEAVY else int(21_000 * scale)
    if count > 40:  # past the row limit: plan-width rows of short cells, made quickly
        width = min(width, 12)
        cells = [*WORDS, *SPECIAL]
        return [rng.sample(HEADERS, k=width)] + [
            [str(number), *(cells[(number * 7 + c) % len(cells)] for c in range(width - 1))]
            for number in range(1, count + 1)
        ]
    rows = [rng.sample(HEADERS, k=min(width, len(HEADERS)))]
    short = width > 12  # long cells only in narrow tables: inputs stay small
    for number in range(1, count + 1):
        if rng.random() < 0.1:
            rows.append([rng.choice(("I", "II", "A", "1.2")) + ". " + rng.choice(WORDS)])
            continue
        cells = [str(number) if rng.random() < 0.8 else text_cell(rng, scale, short=short)]
        cells += [text_cell(rng, scale, short=short) for _ in range(width - 1)]
        rows.append(cells[: rng.randint(1, width + 1)] if rng.random() < 0.1 else cells)
    return rows


def _width(rng: random.Random) -> int:
    return rng.randint(1, 12) if rng.random() < 0.97 else rng.choice((250, 1000))


def _preamble(rng: random.Random) -> list[str]:
    lines = ["UBND TỈNH BẮC GIANG", "Số: 402/KH-UBND", "ngày 21 tháng 8 năm 2021", "KẾ HOẠCH"]
    return [line for line in lines if rng.random() < 0.7] + [
        text_cell(rng) for _ in range(rng.randint(0, 2))
    ]


def _encode(rng: random.Random, text: str) -> bytes:
    roll = rng.random()
    if roll < 0.8:
        return text.encode("utf-8", "surrogatepass")
    if roll < 0.9:
        return text.encode("utf-16", "surrogatepass")
    return text.encode("cp1258", "replace")


# -- markdown / text ---------------------------------------------------------------------


def markdown(rng: random.Random, scale: float = 1.0) -> tuple[bytes, str]:
    width = _width(rng)
    lines = _preamble(rng)
    for index, row in enumerate(_rows(rng, scale, width)):
        lines.append("| " + " | ".join(c.replace("|", "/") for c in row) + " |")
        if index == 0 and rng.random() < 0.7:
            lines.append("|" + "---|" * len(row))
        if rng.random() < 0.02:  # a page break: the table starts again
            lines += ["", f"Trang {index}", ""]
    roll = rng.random()
    if roll < HEAVY:
        lines += [""] * int(300_000 * scale)  # blank lines
    elif roll < 0.06:
        lines.append("a" * 70_000 + "\x00")  # NUL past the first 64 KB
    elif roll < 0.08:
        lines += ["\t".join(text_cell(rng) for _ in range(width)) for _ in range(5)]
    elif roll < 0.1:
        lines = ["x\u2028" * int(100_000 * scale)]
    return _encode(rng, "\n".join(lines)), rng.choice(("plan.md", "plan.txt", "plan"))


def prose(rng: random.Random, scale: float = 1.0) -> tuple[bytes, str]:
    lines = _preamble(rng)
    blocks = rng.choice((0, 1, 5, 30)) if rng.random() >= HEAVY else int(8_000 * scale)
    for number in range(1, blocks + 1):
        if rng.random() < 0.2:
            depth = rng.randint(1, 60)
            lines.append(".".join(["1"] * depth) + ". " + text_cell(rng))
        lines += [
            f"{number if rng.random() < 0.9 else 10 ** rng.randint(5, 40)}. {text_cell(rng)}",
            f"a) Nhiệm vụ: {text_cell(rng, scale)}",
            "b) Cơ quan thực hiện:",
            f"- Đơn vị chủ trì: {text_cell(rng)}",
            f"- Đơn vị phối hợp: {text_cell(rng)}",
            f"c) Thời gian thực hiện: {text_cell(rng)}",
        ]
        if rng.random() < 0.1:
            lines.append(text_cell(rng, scale))
    return _encode(rng, "\n".join(lines)), "prose.txt"


# -- CSV ---------------------------------------------------------------------------------


def csv_file(rng: random.Random, scale: float = 1.0) -> tuple[bytes, str]:
    delimiter = rng.choice((",", ";", "\t", "|"))
    out: list[str] = []
    if rng.random() < 0.2:
        out.append("sep=" + rng.choice((",", ";", "|", "x", '"')))
    for row in _rows(rng, scale, _width(rng)):
        cells = []
        for cell in row:
            if rng.random() < 0.3 or delimiter in cell or '"' in cell or "\n" in cell:
                cell = '"' + cell.replace('"', '""') + '"'
            cells.append(cell)
        out.append(delimiter.join(cells))
    roll = rng.random()
    if roll < 0.03:
        out.append('"never closed' + "x" * 100)
    elif roll < 0.05:
        out.append('"' + "y" * 140_000 + '"')  # over the csv module's field limit
    elif roll < 0.05 + HEAVY:
        out += [""] * int(200_000 * scale)
    newline = rng.choice(("\n", "\r\n", "\r"))
    return _encode(rng, newline.join(out)), rng.choice(("plan.csv", "plan.tsv"))


# -- HTML --------------------------------------------------------------------------------


def html_file(rng: random.Random, scale: float = 1.0) -> tuple[bytes, str]:
    parts = ["<!DOCTYPE html><html><body>" if rng.random() < 0.7 else ""]
    parts += [f"<p>{escape(line)}</p>" for line in _preamble(rng)]
    parts.append(_html_table(rng, scale, depth=0))
    roll = rng.random()
    if roll < 0.05:  # a span bomb: every row spans to the table's end, 100 wide
        parts.append(
            "<table>"
            + "<tr><td rowspan=999999 colspan=100>x</td></tr>" * int(2000 * scale + 2)
            + "</table>"
        )
    elif roll < 0.08:
        depth = rng.randint(100, 3000)
        parts.append("<div>" * depth + "x" + "</div>" * depth)
    elif roll < 0.11:
        depth = rng.randint(10, 400)
        parts.append("<table><tr><td>" * depth + "STT" + "</td></tr></table>" * depth)
    elif roll < 0.13:
        parts.append("<br>" * int(30_000 * scale))
    elif roll < 0.15:
        parts.append("<p>" + "&#xD800;&#0;&#x110000;" * 10 + "</p>")
    if rng.random() < 0.1:  # truncated
        text = "".join(parts)
        return _encode(rng, text[: rng.randint(0, len(text))]), "plan.html"
    parts.append("</body></html>")
    return _encode(rng, "".join(parts)), rng.choice(("plan.html", "plan.htm", "plan.txt"))


def _span(rng: random.Random) -> str:
    return rng.choice(("1", "2", "3", "0", "-1", "x", "999999", "9" * 40, "2.5", ""))


def _html_table(rng: random.Random, scale: float, depth: int) -> str:
    rows = _rows(rng, scale, _width(rng)) if depth == 0 else [["STT", "Nhiệm vụ"], ["1", "x"]]
    out = ["<table>"]
    for index, row in enumerate(rows):
        out.append("<tr>")
        for cell in row:
            tag = "th" if index == 0 else "td"
            attrs = ""
            if rng.random() < 0.1:
                attrs += f' colspan="{_span(rng)}"'
            if rng.random() < 0.1:
                attrs += f' rowspan="{_span(rng)}"'
            inner = escape(cell)
            if depth < 3 and rng.random() < 0.02:
                inner = _html_table(rng, scale, depth + 1)
            out.append(f"<{tag}{attrs}>{inner}</{tag}>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


# -- DOCX --------------------------------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOCX_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"


def _zip(members: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for member, content in members.items():
            info = zipfile.ZipInfo(member, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = compression
            archive.writestr(info, content)
    return buffer.getvalue()


def docx_package(body: str, numbering: str | None = None, *, with_body: bool = True) -> bytes:
    """A minimal Word document around ``body`` (the children of ``w:body``)."""
    overrides = f'<Override PartName="/word/document.xml" ContentType="{_DOCX_MAIN}"/>'
    rels = ""
    if numbering is not None:
        overrides += f'<Override PartName="/word/numbering.xml" ContentType="{_DOCX_NUMBERING}"/>'
        rels = f'<Relationship Id="rId1" Type="{_OD}/numbering" Target="numbering.xml"/>'
    members: dict[str, bytes | str] = {
        "[Content_Types].xml": (
            f'<?xml version="1.0"?><Types xmlns="{_CT}"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_OD}/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/_rels/document.xml.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{_RELS}">{rels}</Relationships>'
        ),
        "word/document.xml": (
            f'<?xml version="1.0"?><w:document xmlns:w="{_W_NS}" xmlns:r="{_R_NS}">'
            + (f"<w:body>{body}</w:body>" if with_body else "")
            + "</w:document>"
        ),
    }
    if numbering is not None:
        members["word/numbering.xml"] = (
            f'<?xml version="1.0"?><w:numbering xmlns:w="{_W_NS}">{numbering}</w:numbering>'
        )
    return _zip(members)


def docx_numbering(start: str, fmt: str) -> str:
    """One list (numId 1) whose first level starts at ``start`` in format ``fmt``."""
    return (
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )


def docx_paragraph(text: str, numbered: bool = False) -> str:
    props = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    return f"<w:p>{props if numbered else ''}<w:r><w:t>{_xml_text(text)}</w:t></w:r></w:p>"


def _xml_text(text: str) -> str:
    """Text XML can carry (no NUL, no surrogates), with Excel-style escapes left as they are."""
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "?", text)
    return escape(text)


def docx_table(rng: random.Random, rows: list[list[str]], depth: int = 0) -> str:
    out = ["<w:tbl>"]
    for row in rows:
        out.append("<w:tr>")
        if rng.random() < 0.03:
            out.append(f'<w:trPr><w:gridBefore w:val="{_span(rng)}"/></w:trPr>')
        for cell in row:
            props = ""
            if rng.random() < 0.1:
                props += f'<w:gridSpan w:val="{_span(rng)}"/>'
            if rng.random() < 0.1:
                props += f'<w:vMerge w:val="{rng.choice(("restart", "continue", "x"))}"/>'
            if rng.random() < 0.02:
                props += '<w:hMerge w:val="continue"/>'
            inner = f"<w:p><w:r><w:t>{_xml_text(cell)}</w:t></w:r></w:p>"
            if depth < 4 and rng.random() < 0.02:
                inner = docx_table(rng, [["STT", "x"], ["1", "y"]], depth + 1) + "<w:p/>"
            out.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    table = "".join(out)
    if rng.random() < 0.05:
        table = f"<w:sdt><w:sdtContent>{table}</w:sdtContent></w:sdt>"
    return table


@functools.cache
def zip_bomb(member: str, megabytes: int) -> bytes:
    """A ZIP whose one member unpacks to ``megabytes`` MB of spaces (a few KB on disk)."""
    return _zip({member: b" " * (megabytes * 2**20)})


def docx_file(rng: random.Random, scale: float = 1.0) -> tuple[bytes, str]:
    roll = rng.random()
    if roll < 0.03:
        return zip_bomb("word/document.xml", rng.choice((3, 60))), "bomb.docx"
    formats = ("decimal", "upperRoman", "lowerRoman", "lowerLetter", "upperLetter", "bullet")
    start = rng.choice(("1", "0", "-5", "3", "2000000000", "1" + "0" * 27, "x", "99999"))
    numbering = docx_numbering(start, rng.choice((*formats, "decimalZero", "none", "chicago")))
    body = [docx_paragraph(line, numbered=rng.random() < 0.3) for line in _preamble(rng)]
    body.append(docx_table(rng, _rows(rng, scale, _width(rng))))
    body += [docx_paragraph(text_cell(rng), numbered=True) for _ in range(rng.randint(0, 5))]
    data = docx_package(
        "".join(body), numbering if rng.random() < 0.7 else None, with_body=rng.random() > 0.03
    )
    if rng.random() < 0.05:  # damaged: a few bytes changed
        mutable = bytearray(data)
        for _ in range(rng.randint(1, 5)):
            mutable[rng.randrange(len(mutable))] = rng.randrange(256)
        data = bytes(mutable)
    return data, "plan.docx"


# -- XLSX --------------------------------------------------------------------------------

_S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_XL = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def xlsx_package(sheet: str, styles: str | None = None) -> bytes:
    """A minimal workbook of one sheet; ``sheet`` is the worksheet's inner XML."""
    overrides = (
        f'<Override PartName="/xl/workbook.xml" ContentType="{_XL}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_XL}.worksheet+xml"/>'
    )
    rels = f'<Relationship Id="rId1" Type="{_OD}/worksheet" Target="worksheets/sheet1.xml"/>'
    members: dict[str, bytes | str] = {
        "[Content_Types].xml": (
            f'<?xml version="1.0"?><Types xmlns="{_CT}"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}'
            + (
                f'<Override PartName="/xl/styles.xml" ContentType="{_XL}.styles+xml"/>'
                if styles
                else ""
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_OD}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0"?><workbook xmlns="{_S_NS}" xmlns:r="{_R_NS}"><sheets>'
            '<sheet name="KH" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{_RELS}">{rels}'
            + (
                f'<Relationship Id="rId2" Type="{_OD}/styles" Target="styles.xml"/>'
                if styles
                else ""
            )
            + "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0"?><worksheet xmlns="{_S_NS}">{sheet}</worksheet>'
        ),
    }
    if styles:
        members["xl/styles.xml"] = (
            f'<?xml version="1.0"?><styleSheet xmlns="{_S_NS}">{styles}</styleSheet>'
        )
    return _zip(members)


def xlsx_styles(num_fmt_id: str) -> str:
    """Styles whose cell format 1 uses number format ``num_fmt_id``."""
    return (
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
        '<cellXfs count="2"><xf numFmtId="0"/>'
        f'<xf numFmtId="{num_fmt_id}" applyNumberFormat="1"/></cellXfs>'
    )


def column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def xlsx_sheet(rng: random.Random, rows: list[list[str]], merges: list[str]) -> str:
    out = ["<sheetData>"]
    for r, row in enumerate(rows, start=1):
        number = r if rng.random() < 0.98 else rng.choice((0, 1048577, 10**12))
        out.append(f'<row r="{number}">')
        for c, cell in enumerate(row):
            ref = f"{column_name(c)}{number}"
            style = ' s="1"' if rng.random() < 0.2 else ""
            if cell.strip().isdigit() and len(cell) < 20 and rng.random() < 0.8:
                out.append(f'<c r="{ref}"{style}><v>{cell.strip()}</v></c>')
            elif rng.random() < 0.03:
                value = rng.choice(("1e308", "-1", "2958466", "nan", "x", "1" * 400))
                out.append(
                    f'<c r="{ref}" s="1" t="{rng.choice(("n", "d", "e", "b"))}"><v>{value}</v></c>'
                )
            else:
                out.append(
                    f'<c r="{ref}"{style} t="inlineStr"><is><t>{_xml_text(cell)}</t></is></c>'
                )
        out.append("</row>")
    out.append("</sheetData>")
    if merges:
        out.append(f'<mergeCells count="{len(merges)}">')
        out += [f'<mergeCell ref="{ref}"/>' for ref in merges]
        out.append("</mergeCells>")
    return "".join(out)


def xlsx_file(rng: random.Random, scale: float = 1.0) -> tuple[bytes, str]:
    if rng.random() < 0.03:
        return zip_bomb("xl/workbook.xml", rng.choice((3, 60))), "bomb.xlsx"
    rows = [[line] for line in _preamble(rng)] + _rows(rng, scale, _width(rng))
    merges = []
    for _ in range(rng.choice((0, 0, 1, 3))):
        merges.append(
            rng.choice(
                (
                    "A1:B1",
                    "B2:B5",
                    "ZZZZ1:A1",
                    "A1:XFD1",
                    "A1:A1048576",
                    "C3:A1",
                    "A0:B1",
                    "A1:XFD1048576",
                    f"A{rng.randint(1, 50)}:{column_name(rng.randint(0, 20))}{rng.randint(1, 60)}",
                )
            )
        )
    num_fmt = rng.choice(("0", "9", "14", "22", "164", "99999", "-1", "x", "49"))
    data = xlsx_package(
        xlsx_sheet(rng, rows, merges), xlsx_styles(num_fmt) if rng.random() < 0.6 else None
    )
    if rng.random() < 0.05:
        mutable = bytearray(data)
        for _ in range(rng.randint(1, 5)):
            mutable[rng.randrange(len(mutable))] = rng.randrange(256)
        data = bytes(mutable)
    return data, rng.choice(("plan.xlsx", "plan.xlsm"))


GENERATORS: dict[str, Generator] = {
    "markdown": markdown,
    "prose": prose,
    "csv": csv_file,
    "html": html_file,
    "docx": docx_file,
    "xlsx": xlsx_file,
}

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def check(data: bytes, name: str) -> str:
    """Read and parse ``data``; return "read" or "refused", or fail an assertion.

    A read plan has items with titles, lines inside the file's line count where the unit is
    lines, no NUL or lone surrogate anywhere (PostgreSQL stores neither), and survives the JSON
    round trip the web import sends it through. A refusal is a ReadError naming the file.
    """
    try:
        parsed = parse_bytes(data, name)
    except ReadError as error:
        assert name in str(error), str(error)
        assert "\n" not in str(error).strip(), str(error)
        return "refused"
    assert parsed.items
    for item in parsed.items:
        assert item.title
    text = json.dumps(parsed.as_dict(), ensure_ascii=False, default=str)
    assert not _UNSTORABLE.search(text), "NUL or lone surrogate in the parsed plan"
    assert ParsedPlan.from_dict(json.loads(text)).as_dict() == parsed.as_dict()
    return "read"
