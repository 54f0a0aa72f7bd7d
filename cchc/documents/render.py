"""The report's files: DOCX in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I), the annex
tables as XLSX, the whole as PDF through LibreOffice headless.

DOCX layout (NĐ 30/2020, Phụ lục I, mẫu 1.3 "Báo cáo"): A4, margins top/bottom 20 mm, left
30 mm, right 15 mm; Times New Roman (LibreOffice renders it with the metric-compatible
Liberation Serif of ``fonts-liberation``). A header table of two columns: on the left the
issuing body in capitals, bold, with a rule under it, then "Số: …/BC-UBND"; on the right the
quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (bold, 13) and the tiêu ngữ "Độc lập - Tự do -
Hạnh phúc" (bold, 14) with the rule under it, then place and date in italics. Then "BÁO CÁO"
and the trích yếu, centred, bold; the body (13, justified, first line indented 1 cm); at the
end "Nơi nhận:" (bold italic 12) with the list (11) on the left and the signature block
(TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH, bold) on the right.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cchc.documents.content import NO_DATA, percent_text

FONT = "Times New Roman"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
RESULTS_HEADING = "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"


class PdfError(RuntimeError):
    """LibreOffice could not make the PDF (missing, failed or too slow)."""


def trich_yeu(snapshot: dict[str, Any]) -> str:
    return f"Kết quả thực hiện công tác cải cách hành chính {snapshot['period']['label']}"


def document_number_text(number: str) -> str:
    """ "Số: 125/BC-UBND", or "Số:      /BC-UBND" before the clerk gives the number."""
    return f"Số: {number or '      '}/BC-UBND"


def place_date_text(place: str, day: dt.date) -> str:
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _run(
    paragraph: Paragraph, text: str, *, size: float = 13, bold: bool = False, italic: bool = False
) -> None:
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    run.font.size = Pt(size)
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _para(
    container: Any,
    text: str = "",
    *,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    indent: bool = False,
    after: float = 0,
) -> Paragraph:
    paragraph = cast(Paragraph, container.add_paragraph())
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    if indent:
        fmt.first_line_indent = Cm(1)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


# What follows w:pBdr in a paragraph's properties (the schema's order).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _widths(table: Any, *widths: float) -> None:
    """Fixed column widths (cm): Word reads the cells', LibreOffice the grid's."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _rule(paragraph: Paragraph, *, inset_cm: float) -> None:
    """The short horizontal rule under the issuing body and the tiêu ngữ: the paragraph's
    bottom border, narrowed by indents to about the width of the text above it."""
    fmt = paragraph.paragraph_format
    fmt.left_indent = Cm(inset_cm)
    fmt.right_indent = Cm(inset_cm)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_PBDR)  # type: ignore[arg-type]


def _first_paragraph(cell: _Cell) -> Paragraph:
    paragraph = cast(Paragraph, cell.paragraphs[0])
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def build_docx(
    *,
    snapshot: dict[str, Any],
    sections: list[tuple[str, str, str]],
    number: str,
    day: dt.date,
) -> bytes:
    """The report as DOCX bytes: ``sections`` are (key, title, text) in order."""
    issuer = snapshot["issuer"]
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)

    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(header, 6.5, 10)
    left, right = header.rows[0].cells
    body_lines = issuer["body"].split("\n")
    _run(_first_paragraph(left), body_lines[0], size=13, bold=True)
    for line in body_lines[1:]:
        _para(left, line, size=13, bold=True)
    _rule(_para(left, "", size=2), inset_cm=2.2)
    _para(left, document_number_text(number), size=13)
    _run(_first_paragraph(right), QUOC_HIEU, size=12, bold=True)
    _para(right, TIEU_NGU, size=13, bold=True)
    _rule(_para(right, "", size=2), inset_cm=1.9)
    _para(right, "", size=6)
    _para(right, place_date_text(issuer["place"], day), size=13, italic=True)

    _para(doc, "", size=13)
    _para(doc, "BÁO CÁO", size=14, bold=True)
    _para(doc, trich_yeu(snapshot), size=14, bold=True, after=12)
    if snapshot["plan"]["number"] or snapshot["plan"]["title"]:
        _para(
            doc,
            f"Thực hiện Kế hoạch số {snapshot['plan']['number']} ({snapshot['plan']['title']}), "
            f"UBND tỉnh báo cáo kết quả thực hiện công tác cải cách hành chính "
            f"{snapshot['period']['label']} (số liệu tính đến ngày "
            f"{_vn_date(snapshot['period']['end'])}) như sau:",
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            indent=True,
            after=6,
        )
    areas = {f"area-{a['id']}": a for a in snapshot["areas"]}
    results_written = False
    for key, title, text in sections:
        if key in areas and not results_written:
            _para(doc, RESULTS_HEADING, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
            results_written = True
        _para(doc, title, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, indent=True)
        if key == "overview":
            for line in _overview_figures(snapshot):
                _para(doc, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6)
        if key in areas:
            _para(
                doc,
                _area_figures(areas[key], snapshot["targets"]),
                align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                indent=True,
                after=6,
            )
        for line in text.splitlines():
            if line.strip():
                _para(doc, line.strip(), align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6)
    _para(
        doc,
        "(Chi tiết tại các Phụ lục kèm theo.)",
        italic=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent=True,
        after=12,
    )

    closing = doc.add_table(rows=1, cols=2)
    _widths(closing, 8, 8.5)
    recipients, signature = closing.rows[0].cells
    first = recipients.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _run(first, "Nơi nhận:", size=12, bold=True, italic=True)
    for name in issuer["recipients"]:
        _para(recipients, f"- {name};", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _run(_first_paragraph(signature), "TM. ỦY BAN NHÂN DÂN", size=13, bold=True)
    _para(signature, issuer["signer_title"], size=13, bold=True)
    for _blank in range(4):
        _para(signature, "", size=13)
    _para(signature, issuer["signer_name"], size=13, bold=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _vn_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def targets_text(targets: list[dict[str, Any]]) -> str:
    """ "3 chỉ tiêu (Đạt: 1; Có nguy cơ chậm: 2)", the statuses in the rule's order."""
    if not targets:
        return "chưa có chỉ tiêu được xác nhận"
    counts: dict[str, int] = {}
    for t in targets:
        counts[t["status_label"]] = counts.get(t["status_label"], 0) + 1
    parts = "; ".join(f"{label}: {n}" for label, n in counts.items())
    return f"{len(targets)} chỉ tiêu ({parts})"


def _overview_figures(snapshot: dict[str, Any]) -> list[str]:
    p, s = snapshot["progress"], snapshot["status"]
    indicators = snapshot["indicators"]
    measured = sum(1 for i in indicators if i["value"] is not None)
    counts, labels = s["counts"], s["labels"]
    parts = "; ".join(f"{labels[k].lower()}: {v}" for k, v in counts.items())
    return [
        f"Tiến độ chung của kế hoạch: {percent_text(p['overall'])}; hoạt động hoàn thành: "
        f"{p['done']}/{p['activities']}; hoạt động có báo cáo được duyệt: "
        f"{p['reported']}/{p['activities']}.",
        f"Tình hình báo cáo của các cơ quan trong kỳ: {s['total']} báo cáo phải gửi ({parts}); "
        f"tỷ lệ đầy đủ {percent_text(s['completeness'])}, tỷ lệ đúng hạn "
        f"{percent_text(s['timeliness'])}.",
        f"Chỉ tiêu của kế hoạch: {targets_text(snapshot['targets'])}. Chỉ số phục vụ: "
        f"{measured}/{len(indicators)} chỉ số có số liệu trong kỳ (Phụ lục IV).",
    ]


def _area_figures(area: dict[str, Any], targets: list[dict[str, Any]]) -> str:
    mine = [t for t in targets if t["area_id"] == area["id"]]
    return (
        f"Tiến độ: {percent_text(area['progress'])}; hoạt động hoàn thành: "
        f"{area['done']}/{area['activities']}; có báo cáo được duyệt: "
        f"{area['reported']}/{area['activities']}; chỉ tiêu: {targets_text(mine)}."
    )


# -- XLSX annexes ---------------------------------------------------------------------------


def _sheet_header(ws: Any, title: str, columns: list[str]) -> None:
    ws.append([title])
    ws["A1"].font = Font(name=FONT, bold=True, size=13)
    ws.append(columns)
    for cell in ws[2]:
        cell.font = Font(name=FONT, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def build_xlsx(*, snapshot: dict[str, Any]) -> bytes:
    """The annexes: I progress by reform area, II reporting status by agency, III targets,
    IV service indicators. Percentages are numbers (one decimal), "chưa có số liệu" where
    there is none."""
    period = snapshot["period"]["label"]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "PL1 Tien do"
    _sheet_header(
        ws,
        f"Phụ lục I. Tiến độ thực hiện theo lĩnh vực cải cách — {period}",
        ["STT", "Lĩnh vực", "Tiến độ (%)", "Số hoạt động", "Hoàn thành", "Có báo cáo duyệt"],
    )
    for index, a in enumerate(snapshot["areas"], start=1):
        ws.append(
            [index, a["heading"], _num(a["progress"]), a["activities"], a["done"], a["reported"]]
        )
    p = snapshot["progress"]
    ws.append(["", "Toàn kế hoạch", _num(p["overall"]), p["activities"], p["done"], p["reported"]])

    s = snapshot["status"]
    ws2 = wb.create_sheet("PL2 Tinh hinh bao cao")
    labels = s["labels"]
    _sheet_header(
        ws2,
        f"Phụ lục II. Tình hình báo cáo của các cơ quan — {period}",
        ["STT", "Cơ quan", "Phải gửi", *labels.values(), "Đầy đủ (%)", "Đúng hạn (%)"],
    )
    for index, row in enumerate(s["agencies"], start=1):
        ws2.append(
            [
                index,
                row["name"],
                row["total"],
                *(row["counts"][k] for k in labels),
                _num(row["completeness"]),
                _num(row["timeliness"]),
            ]
        )
    ws2.append(
        [
            "",
            "Tổng",
            s["total"],
            *(s["counts"][k] for k in labels),
            _num(s["completeness"]),
            _num(s["timeliness"]),
        ]
    )

    ws3 = wb.create_sheet("PL3 Chi tieu")
    _sheet_header(
        ws3,
        f"Phụ lục III. Chỉ tiêu của kế hoạch — {period}",
        ["STT", "Chỉ số", "Nội dung", "Chỉ tiêu", "Phạm vi", "Thực tế", "Tình trạng"],
    )
    for index, t in enumerate(snapshot["targets"], start=1):
        ws3.append(
            [
                index,
                t["indicator"],
                t["node"],
                t["target"],
                t["scope"],
                _num(t["actual"]),
                t["status_label"],
            ]
        )

    ws4 = wb.create_sheet("PL4 Chi so dich vu")
    _sheet_header(
        ws4,
        f"Phụ lục IV. Chỉ số phục vụ — {period}",
        ["STT", "Mã", "Chỉ số", "Đơn vị", "Giá trị", "Kỳ số liệu"],
    )
    for index, i in enumerate(snapshot["indicators"], start=1):
        ws4.append([index, i["code"], i["name"], i["unit"], _num(i["value"]), i["period"]])
    for sheet in wb.worksheets:
        sheet.column_dimensions["B"].width = 50
        for letter in "CDEFGHIJ":
            sheet.column_dimensions[letter].width = 16
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _num(value: float | None) -> float | str:
    return NO_DATA if value is None else round(value, 1)


# -- PDF ------------------------------------------------------------------------------------


def to_pdf(docx: bytes) -> bytes:
    """The DOCX as PDF through LibreOffice headless (``CCHC_SOFFICE``), in a temporary
    directory with its own user profile (parallel runs do not share one), within
    ``CCHC_PDF_TIMEOUT_SECONDS``."""
    soffice = shutil.which(settings.CCHC_SOFFICE)
    if soffice is None:
        raise PdfError(f"LibreOffice ({settings.CCHC_SOFFICE}) is not installed")
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as tmp:
        work = Path(tmp)
        source = work / "bao-cao.docx"
        source.write_bytes(docx)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=settings.CCHC_PDF_TIMEOUT_SECONDS,
                check=False,
                env={"HOME": tmp, "PATH": "/usr/bin:/bin"},
            )
        except subprocess.TimeoutExpired as error:
            raise PdfError(
                f"LibreOffice took longer than {settings.CCHC_PDF_TIMEOUT_SECONDS} s"
            ) from error
        target = work / "bao-cao.pdf"
        if done.returncode != 0 or not target.exists():
            detail = (done.stderr or done.stdout).decode(errors="replace")[-500:]
            raise PdfError(f"LibreOffice failed (exit {done.returncode}): {detail}")
        return target.read_bytes()
