"""PDF: the digital PDF that was signed and published, read from its text layer.

Tables drawn with ruling lines are read cell by cell (pdfplumber); the text around them
becomes paragraphs, in page order. A PDF whose tables have no ruling lines is read as the text
``pdftotext -layout`` would print (pdfplumber's layout text, pages separated by form feeds)
and handed to the text reader, which finds space-aligned tables. A PDF without a text layer
(a scan) goes to OCR (``readers/ocr.py``). Pages are bounded by ``CCHC_IMPORT_MAX_PDF_PAGES``.

Lines are counted through the document as the text layer prints them, page after page.
"""

from __future__ import annotations

import io
import re
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from cchc.plans.readers.base import Paragraph, ReadError, Row, SourceDocument, Table
from cchc.plans.readers.limits import Budget

DEFAULT_MAX_PDF_PAGES = 100
# A cell's line break is a wrap unless the next line starts a list entry.
_LIST_START_RE = re.compile(r"^(?:\d{1,2}[.)]\s|[a-zđ]\)\s|[-+•–]\s)")
_MIN_TEXT_CHARS = 20


def max_pdf_pages() -> int:
    return int(getattr(settings, "CCHC_IMPORT_MAX_PDF_PAGES", DEFAULT_MAX_PDF_PAGES))


def read_pdf(data: bytes, name: str) -> SourceDocument:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count > max_pdf_pages():
                raise ReadError(
                    _(
                        "%(name)s: the PDF has %(n)s pages; plan documents of more than "
                        "%(limit)s pages are refused."
                    )
                    % {"name": name, "n": count, "limit": max_pdf_pages()}
                )
            chars = sum(len(page.chars) for page in pdf.pages)
            if chars < _MIN_TEXT_CHARS:
                from cchc.plans.readers.ocr import read_scanned_pdf

                return read_scanned_pdf(data, name, count)
            doc = _read_pages(pdf.pages, name)
            if not doc.tables:
                from cchc.plans.readers.text import read_text

                text = "\f".join(page.extract_text(layout=True) or "" for page in pdf.pages)
                doc = read_text(text, name)
                doc.format = "pdf-text"
            return doc
    except ReadError:
        raise
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ReadError(
            _("%(name)s: the PDF cannot be read (%(error)s); it may be damaged or encrypted.")
            % {"name": name, "error": type(exc).__name__}
        ) from exc
    except Exception as exc:  # pdfminer raises its own exception kinds for broken files
        raise ReadError(
            _("%(name)s: the PDF cannot be read (%(error)s); it may be damaged or encrypted.")
            % {"name": name, "error": type(exc).__name__}
        ) from exc


def _read_pages(pages: list[Any], name: str) -> SourceDocument:
    doc = SourceDocument(name=name, format="pdf", line_unit="line")
    budget = Budget(name)
    line = 0
    for number, page in enumerate(pages, start=1):
        tables = page.find_tables()
        boxes = [t.bbox for t in tables]
        outside = page.filter(lambda obj, boxes=boxes: not any(_inside(obj, b) for b in boxes))
        # (top, kind, payload): paragraphs and tables in reading order on the page.
        blocks: list[tuple[float, int, Any]] = []
        for text_line in outside.extract_text_lines():
            blocks.append((float(text_line["top"]), 0, text_line["text"]))
        for table in tables:
            blocks.append((float(table.bbox[1]), 1, table))
        blocks.sort(key=lambda b: (b[0], b[1]))
        for _top, kind, payload in blocks:
            if kind == 0:
                line += 1
                text = str(payload).strip()
                if text:
                    budget.row(1, line)
                    doc.blocks.append(Paragraph(text=text, line=line))
                continue
            rows = _table_rows(payload.extract())
            out = Table(rows=[], line=line + 1, part=_("page %(n)s") % {"n": number})
            for index, cells in enumerate(rows):
                line += 1
                budget.row(len(cells), line)
                out.rows.append(Row(cells=cells, line=line, after_break=index == 0))
            if out.rows:
                doc.blocks.append(out)
    return doc


def _inside(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (float(obj["x0"]) + float(obj["x1"])) / 2
    y = (float(obj["top"]) + float(obj["bottom"])) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _table_rows(raw: list[list[str | None]]) -> list[list[str]]:
    """Cell texts with wrapped lines joined; merged cells (None) repeat their neighbour's text:
    the cell to the left in a row spanning columns, the cell above in a column spanning rows."""
    rows: list[list[str]] = []
    for raw_row in raw:
        present = [c for c in raw_row if c is not None]
        spanning = len(present) <= len(raw_row) // 2 and raw_row[:1] != [None]
        cells: list[str] = []
        for index, cell in enumerate(raw_row):
            if cell is not None:
                cells.append(_join_wrapped(cell))
            elif spanning and cells:
                cells.append(cells[-1])
            elif rows and index < len(rows[-1]):
                cells.append(rows[-1][index])
            else:
                cells.append("")
        rows.append(cells)
    return rows


def _join_wrapped(text: str) -> str:
    lines = [part.strip() for part in text.split("\n")]
    out = ""
    for part in lines:
        if not part:
            continue
        if out and _LIST_START_RE.match(part):
            out += "\n" + part
        else:
            out = f"{out} {part}" if out else part
    return out
