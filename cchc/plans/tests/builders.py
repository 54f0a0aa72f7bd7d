"""Builders of one realistic "other agency" plan in every readable format, for tests.

The plan is a 2026 PAR plan of the Department of Home Affairs of Bắc Ninh: columns "TT | Tên
nhiệm vụ | Sản phẩm đầu ra | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Ghi
chú", two grouping levels (A, B, C then I, II) before numbered rows 1–8. A grouping row is a row
whose cells after the second are empty; DOCX, XLSX and HTML merge its title across every column
but the first. Consecutive numbered rows of one group with the same lead agency get that cell
merged vertically. A newline in a cell becomes separate paragraphs (DOCX, HTML) or a line break
in the cell (XLSX, CSV). Reading a built file back gives ``expected_table(rows)``.

Output is byte-for-byte deterministic (ZIP timestamps and document dates are fixed).
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile

import docx
import openpyxl
from openpyxl.styles import Alignment, Font

TITLE_LINES = [
    "UBND TỈNH BẮC NINH",
    "SỞ NỘI VỤ",
    "Số: 15/KH-SNV",
    "Bắc Ninh, ngày 10 tháng 01 năm 2026",
    "KẾ HOẠCH Cải cách hành chính năm 2026",
]
HEADER = [
    "TT",
    "Tên nhiệm vụ",
    "Sản phẩm đầu ra",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Ghi chú",
]
LEAD = 3  # column of the lead agency, merged down over equal neighbours


def other_plan_rows() -> list[list[str]]:
    """The plan table, header first: grouping rows have text in the first two cells only."""
    snv, khcn = "Sở Nội vụ", "Sở Khoa học và Công nghệ"
    return [
        HEADER,
        _group("A", "CẢI CÁCH THỂ CHẾ"),
        _group("I", "Xây dựng và hoàn thiện văn bản quy phạm pháp luật"),
        [
            "1",
            "Rà soát, đề xuất sửa đổi, bổ sung văn bản QPPL thuộc lĩnh vực nội vụ sau sắp xếp "
            "đơn vị hành chính",
            "Báo cáo kết quả rà soát\nDự thảo Quyết định sửa đổi, bổ sung",
            snv,
            "Sở Tư pháp; các sở, ngành liên quan",
            "Quý II/2026",
            "",
        ],
        [
            "2",
            "Tham mưu ban hành Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ "
            "chức của Sở Nội vụ",
            "Quyết định của UBND tỉnh",
            snv,
            "Sở Tư pháp",
            "Trước ngày 30/6/2026",
            "",
        ],
        _group("II", "Theo dõi thi hành pháp luật"),
        [
            "3",
            "Kiểm tra việc thực hiện các quy định về cải cách hành chính tại các cơ quan, đơn vị",
            "Kế hoạch kiểm tra\nBáo cáo kết quả kiểm tra",
            "Văn phòng UBND tỉnh",
            "Sở Nội vụ; UBND các xã, phường",
            "Quý III/2026",
            "Kiểm tra ít nhất 20% số cơ quan, đơn vị",
        ],
        _group("B", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
        _group("I", "Kiểm soát thủ tục hành chính"),
        [
            "4",
            "Rà soát, đơn giản hóa thủ tục hành chính thuộc lĩnh vực nội vụ",
            "Phương án đơn giản hóa TTHC trình UBND tỉnh",
            snv,
            "Văn phòng UBND tỉnh",
            "Quý IV/2026",
            "",
        ],
        [
            "5",
            "Công bố, công khai danh mục TTHC trên Cổng Dịch vụ công quốc gia",
            "Quyết định công bố danh mục TTHC",
            snv,
            f"Văn phòng UBND tỉnh; {khcn}",
            "Thường xuyên",
            "",
        ],
        _group("C", "HIỆN ĐẠI HÓA NỀN HÀNH CHÍNH"),
        _group("I", "Chuyển đổi số trong hoạt động của cơ quan"),
        [
            "6",
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
            "Tỷ lệ hồ sơ được số hóa đạt 100%",
            snv,
            khcn,
            "Hằng năm",
            "Theo Quyết định 766/QĐ-TTg",
        ],
        [
            "7",
            "Duy trì hệ thống quản lý văn bản và điều hành, sử dụng chữ ký số",
            "Tỷ lệ văn bản điện tử có chữ ký số đạt trên 95%",
            khcn,
            "Các sở, ngành; UBND các xã, phường",
            "Hằng năm",
            "",
        ],
        _group("II", "Áp dụng hệ thống quản lý chất lượng"),
        [
            "8",
            "Duy trì, cải tiến hệ thống quản lý chất lượng theo TCVN ISO 9001:2015",
            "Báo cáo đánh giá nội bộ\nQuyết định công bố lại",
            khcn,
            snv,
            "Quý IV/2026",
            "",
        ],
    ]


def _group(number: str, title: str) -> list[str]:
    return [number, title, *[""] * (len(HEADER) - 2)]


def is_group(row: list[str]) -> bool:
    return bool(row[1]) and not any(row[2:])


def expected_table(rows: list[list[str]]) -> list[list[str]]:
    """What the DOCX, XLSX and HTML readers give for a built table: group titles repeated."""
    return [[row[0], *[row[1]] * (len(row) - 1)] if is_group(row) else row for row in rows]


def _lead_spans(rows: list[list[str]]) -> dict[int, int]:
    """Row index -> rows its lead-agency cell spans (runs of equal leads within a group)."""
    spans: dict[int, int] = {}
    r = 1
    while r < len(rows):
        end = r + 1
        while (
            end < len(rows)
            and not is_group(rows[r])
            and not is_group(rows[end])
            and rows[end][LEAD] == rows[r][LEAD]
        ):
            end += 1
        if end - r > 1:
            spans[r] = end - r
        r = end
    return spans


def build_docx(rows: list[list[str]], title_lines: list[str]) -> bytes:
    """Title paragraphs, then the table with merged group titles and lead agencies."""
    document = docx.Document()
    for line in title_lines:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text and not (is_group(row) and c > 1):
                cell = table.cell(r, c)
                lines = text.split("\n")
                cell.paragraphs[0].text = lines[0]
                for more in lines[1:]:
                    cell.add_paragraph(more)
        if is_group(row):
            table.cell(r, 1).merge(table.cell(r, len(row) - 1))
    for start, span in _lead_spans(rows).items():
        for r in range(start + 1, start + span):
            table.cell(r, LEAD).paragraphs[0].text = ""
        table.cell(start, LEAD).merge(table.cell(start + span - 1, LEAD))
    document.add_paragraph("Nơi nhận: UBND tỉnh; Lưu: VT, CCHC.")
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())


def build_xlsx(rows: list[list[str]], title_lines: list[str]) -> bytes:
    """One sheet: title rows merged across the table, a blank row, then the table."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Kế hoạch 2026"
    width = len(rows[0])
    for r, line in enumerate(title_lines, start=1):
        sheet.cell(r, 1, line).font = Font(bold=True)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    first = len(title_lines) + 2
    for r, row in enumerate(rows, start=first):
        for c, text in enumerate(row, start=1):
            if text and not (is_group(row) and c > 2):
                cell = sheet.cell(r, c, int(text) if text.isdigit() else text)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if is_group(row):
            sheet.merge_cells(start_row=r, start_column=2, end_row=r, end_column=width)
    for start, span in _lead_spans(rows).items():
        for r in range(first + start + 1, first + start + span):
            sheet.cell(r, LEAD + 1).value = None
        sheet.merge_cells(
            start_row=first + start,
            start_column=LEAD + 1,
            end_row=first + start + span - 1,
            end_column=LEAD + 1,
        )
    out = io.BytesIO()
    workbook.save(out)
    return _fixed_zip(out.getvalue())


def build_html(rows: list[list[str]], title_lines: list[str]) -> str:
    """An HTML page: title paragraphs, then a bordered table with colspan and rowspan."""
    spans = _lead_spans(rows)
    covered = {start + k for start, span in spans.items() for k in range(1, span)}
    lines = ['<!DOCTYPE html>\n<html lang="vi">\n<head><meta charset="utf-8">', "</head><body>"]
    lines += [f"<p><b>{html.escape(line)}</b></p>" for line in title_lines]
    lines.append('<table border="1">')
    for r, row in enumerate(rows):
        tag = "th" if r == 0 else "td"
        if is_group(row):
            cells = [f"<td>{_html_text(row[0])}</td>"]
            cells.append(f'<td colspan="{len(row) - 1}"><b>{_html_text(row[1])}</b></td>')
        else:
            cells = []
            for c, text in enumerate(row):
                if c == LEAD and r in covered:
                    continue
                span = f' rowspan="{spans[r]}"' if c == LEAD and r in spans else ""
                cells.append(f"<{tag}{span}>{_html_text(text)}</{tag}>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</table>", "<p>Nơi nhận: UBND tỉnh; Lưu: VT, CCHC.</p>", "</body></html>", ""]
    return "\n".join(lines)


def _html_text(text: str) -> str:
    parts = text.split("\n")
    if len(parts) == 1:
        return html.escape(text)
    return "".join(f"<p>{html.escape(part)}</p>" for part in parts)


def build_csv(rows: list[list[str]]) -> str:
    """The table as semicolon-separated CSV (as Excel writes it in a Vietnamese locale)."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed member timestamps and document dates, for stable bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>2026-01-10T08:00:00Z",
                    blob,
                )
            member = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 10, 8, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, blob)
    return out.getvalue()
