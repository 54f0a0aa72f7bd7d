"""PDF and scans: bounds, damaged files, and the text-layer fallbacks (readers/pdf.py, ocr.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.plans.parsing import parse_bytes
from cchc.plans.readers import read_bytes
from cchc.plans.readers.base import ReadError

CORPUS = Path(__file__).parent / "corpus"
DIGITAL = CORPUS / "19-digital-pdf-from-docx.pdf"
SCANNED = CORPUS / "22-scanned-pdf-no-text-layer.pdf"


def test_digital_pdf_reads_its_ruled_table_and_the_text_around_it():
    doc = read_bytes(DIGITAL.read_bytes(), DIGITAL.name)
    assert doc.format == "pdf"
    assert [len(t.rows) for t in doc.tables] == [7]
    assert doc.tables[0].rows[0].cells[2] == "Cơ quan chủ trì"  # wrapped header joined
    assert doc.tables[0].rows[1].cells == ["I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"] * 5  # spanning
    assert doc.paragraphs[0].text == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"


def test_pdf_over_the_page_limit_is_refused(settings):
    settings.CCHC_IMPORT_MAX_PDF_PAGES = 0
    with pytest.raises(ReadError, match=r"19-digital-pdf-from-docx\.pdf: .*1"):
        parse_bytes(DIGITAL.read_bytes(), DIGITAL.name)


def test_scan_over_the_ocr_page_limit_is_refused_before_any_ocr(settings):
    settings.CCHC_IMPORT_MAX_OCR_PAGES = 0
    with pytest.raises(ReadError, match=r"22-scanned-pdf-no-text-layer\.pdf: .*(OCR)"):
        parse_bytes(SCANNED.read_bytes(), SCANNED.name)


def test_ocr_that_takes_too_long_is_stopped(settings):
    settings.CCHC_IMPORT_OCR_TIMEOUT_SECONDS = 0
    with pytest.raises(ReadError, match=r"scan\.png: .*0"):
        parse_bytes((CORPUS / "20-scanned-page.png").read_bytes(), "scan.png")


@pytest.mark.parametrize("cut", [20, 400, 2000])
def test_damaged_pdf_is_one_clear_error(cut: int):
    with pytest.raises(ReadError, match=r"broken\.pdf: "):
        parse_bytes(DIGITAL.read_bytes()[:cut], "broken.pdf")
