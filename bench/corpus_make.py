"""Build the binary documents of the plan corpus (cchc/plans/tests/corpus/): a DOCX with bold
grouping rows, the digital PDF soffice prints from it, a scanned page (pdftoppm, grey, 150 dpi)
of that PDF, and an XLSX. Run once; the outputs are committed (each under 300 KB).

    .venv/bin/python bench/corpus_make.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import docx
import openpyxl
from docx.shared import Pt
from openpyxl.styles import Font

CORPUS = Path(__file__).resolve().parents[1] / "cchc" / "plans" / "tests" / "corpus"

HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
ROWS: list[list[str] | str] = [
    "I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    ["1", "Rà soát, đơn giản hóa thủ tục hành chính", "Sở Tư pháp", "Các sở, ngành", "Quý II/2025"],
    ["2", "Công khai thủ tục hành chính", "Văn phòng UBND tỉnh", "Các sở, ngành", "Thường xuyên"],
    "II. CHUYỂN ĐỔI SỐ",
    ["3", "Số hóa hồ sơ đất đai", "Sở Tài nguyên và Môi trường", "UBND cấp huyện", "Năm 2025"],
    ["4", "Nâng cấp Cổng dịch vụ công", "Sở Thông tin và Truyền thông", "", "Quý IV/2025"],
]


def build_docx(path: Path) -> None:
    document = docx.Document()
    for text in (
        "ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
        "Số: 88/KH-UBND",
        "KẾ HOẠCH",
        "Cải cách hành chính tỉnh Bắc Ninh năm 2025",
    ):
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row in ROWS:
        cells = table.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            merged.text = ""
            run = merged.paragraphs[0].add_run(row)
            run.bold = True
            continue
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(12)
    document.save(str(path))


def build_xlsx(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Phụ lục"
    sheet.append(["KẾ HOẠCH Cải cách hành chính huyện Gia Lâm năm 2025 (số 17/KH-UBND)"])
    sheet.append([])
    sheet.append(["TT", "Nội dung", "Kết quả/Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian"])
    sheet.append(["A", "CẢI CÁCH TỔ CHỨC BỘ MÁY"])
    sheet.merge_cells("B4:F4")
    sheet["B4"].font = Font(bold=True)
    sheet.append(
        [
            "1",
            "Rà soát chức năng, nhiệm vụ các phòng chuyên môn",
            "Báo cáo",
            "Phòng Nội vụ",
            "Các phòng",
            "Quý I/2025",
        ]
    )
    sheet.append(
        [
            "2",
            "Kiện toàn Bộ phận một cửa cấp huyện",
            "Quyết định",
            "Phòng Nội vụ",
            "Văn phòng HĐND và UBND",
            "Quý II/2025",
        ]
    )
    sheet.append(["B", "HIỆN ĐẠI HÓA HÀNH CHÍNH"])
    sheet.merge_cells("B7:F7")
    sheet.append(
        ["3", "Áp dụng ISO 9001:2015", "Hệ thống ISO", "Văn phòng HĐND và UBND", "", "Năm 2025"]
    )
    book.save(str(path))


def main() -> None:
    build_xlsx(CORPUS / "21-xlsx-merged-groups.xlsx")
    docx_path = CORPUS / "18-docx-bold-merged-groups.docx"
    build_docx(docx_path)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx_path)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = Path(tmp) / (docx_path.stem + ".pdf")
        (CORPUS / "19-digital-pdf-from-docx.pdf").write_bytes(pdf.read_bytes())
        subprocess.run(
            ["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(pdf), f"{tmp}/scan"],
            check=True,
            timeout=120,
        )
        (CORPUS / "20-scanned-page.png").write_bytes(Path(f"{tmp}/scan.png").read_bytes())
        # An image-only PDF (a scanner's output): the page as an image, no text layer.
        from PIL import Image

        with Image.open(f"{tmp}/scan.png") as page:
            page.convert("L").save(
                CORPUS / "22-scanned-pdf-no-text-layer.pdf", "PDF", resolution=150
            )


if __name__ == "__main__":
    main()
