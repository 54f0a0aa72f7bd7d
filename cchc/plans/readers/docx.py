"""DOCX reader: body paragraphs and tables in document order, via python-docx.

"Line" numbers count every body paragraph (empty ones too) and every row of a top-level table,
in document order, from 1. Paragraphs inside cells are not counted; a cell's paragraphs are
joined by newlines. A merged cell's text is repeated into every position it covers, across
(``gridSpan``, legacy ``hMerge``) and down (``vMerge``). A table nested in a cell is flattened
into that cell's text (one line per nested row, cells joined by `` | ``). A line break inside a
body paragraph splits it into several paragraphs with the same line number. Tracked deletions
are left out, tracked insertions kept.
"""

from __future__ import annotations

import io
import warnings
import zipfile

import docx
from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree

from cchc.plans.readers.base import Block, Paragraph, ReadError, Row, SourceDocument, Table
from cchc.plans.readers.csv import clean_cell, tidy_rows

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TBL, TR, TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
SDT, SDT_CONTENT, CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"
VAL = f"{_W}val"
_MAX_SPAN = 100
UNPACKED_LIMIT = 10  # times settings.CCHC_MAX_IMPORT_BYTES
# Subtrees holding no visible text: properties, tracked deletions, duplicate fallback drawings.
_NO_TEXT = frozenset(
    {f"{_W}pPr", f"{_W}rPr", f"{_W}tcPr", f"{_W}trPr", f"{_W}del", f"{_W}moveFrom"}
    | {f"{_MC}Fallback"}
)


def read_docx(data: bytes, name: str) -> SourceDocument:
    """Read a Word document into paragraphs and tables in document order."""
    names = zip_members(data, name)
    if names is None:
        raise ReadError(
            _(
                "%(name)s: the file is damaged or incomplete (not a readable ZIP container), "
                "so it cannot be read as a Word document."
            )
            % {"name": name}
        )
    if not any(n.startswith("word/") for n in names):
        if "xl/workbook.xml" in names:  # a workbook under a .docx name
            from cchc.plans.readers.xlsx import read_xlsx

            return read_xlsx(data, name)
        raise ReadError(
            _("%(name)s: this ZIP file is not a Word document (it has no word/document.xml).")
            % {"name": name}
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            body = docx.Document(io.BytesIO(data)).element.body
    except KeyError as exc:
        raise ReadError(
            _("%(name)s: the Word document is incomplete: a part it refers to is missing.")
            % {"name": name}
        ) from exc
    except Exception as exc:
        raise ReadError(
            _("%(name)s: the Word document is damaged and cannot be read (%(error)s).")
            % {"name": name, "error": exc}
        ) from exc
    walker = _Body()
    walker.walk(body)
    if not walker.blocks:
        raise ReadError(_("%(name)s: the Word document contains no text.") % {"name": name})
    return SourceDocument(name=name, format="docx", blocks=walker.blocks, line_unit="paragraph")


def zip_members(data: bytes, name: str) -> set[str] | None:
    """The member names of a sound ZIP container, or None when it is damaged or truncated.

    Raises ReadError when the content would unpack to more than ``UNPACKED_LIMIT`` times the
    import size limit (a "ZIP bomb"), before anything is unpacked.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            limit = settings.CCHC_MAX_IMPORT_BYTES * UNPACKED_LIMIT
            if unpacked > limit:
                raise ReadError(
                    _(
                        "%(name)s: the file unpacks to %(size)s MB, more than the %(limit)s MB "
                        "a plan document may hold."
                    )
                    % {"name": name, "size": unpacked // 2**20, "limit": limit // 2**20}
                )
            if archive.testzip() is not None:
                return None
            return set(archive.namelist())
    except ReadError:
        raise
    except Exception:
        return None


class _Body:
    """Walks the body's children, numbering paragraphs and table rows."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.line = 0

    def walk(self, container: etree._Element) -> None:
        for child in container:
            if child.tag == P:
                self.line += 1
                for text in _paragraph_text(child).split("\n"):
                    if text := " ".join(text.split()):
                        self.blocks.append(Paragraph(text=text, line=self.line))
            elif child.tag == TBL:
                self._table(child)
            elif child.tag in (SDT, CUSTOM_XML):
                self.walk(_content(child))

    def _table(self, tbl: etree._Element) -> None:
        rows: list[Row] = []
        above: dict[int, str] = {}
        for tr in _children(tbl, TR):
            self.line += 1
            above = _grid_row(tr, above)
            width = max(above, default=-1) + 1
            rows.append(Row(cells=[above.get(c, "") for c in range(width)], line=self.line))
        rows = tidy_rows(rows)
        if rows:
            self.blocks.append(Table(rows=rows, line=rows[0].line))


def _content(el: etree._Element) -> etree._Element:
    """The element holding the children of a content control (or custom XML) wrapper."""
    if el.tag == SDT:
        content = el.find(SDT_CONTENT)
        return content if content is not None else etree.Element("empty")
    return el


def _children(el: etree._Element, tag: str) -> list[etree._Element]:
    """Children with ``tag``, looking through content-control and custom-XML wrappers."""
    found: list[etree._Element] = []
    for child in el:
        if child.tag == tag:
            found.append(child)
        elif child.tag in (SDT, CUSTOM_XML):
            found.extend(_children(_content(child), tag))
    return found


def _property(tc: etree._Element, prop: str) -> etree._Element | None:
    return tc.find(f"{_W}tcPr/{_W}{prop}")


def _int_val(el: etree._Element | None, default: int) -> int:
    try:
        return int(el.get(VAL, default)) if el is not None else default
    except ValueError:
        return default


def _grid_row(tr: etree._Element, above: dict[int, str]) -> dict[int, str]:
    """Texts of one row by grid column, merged cells repeated (``above``: the row before)."""
    cells: dict[int, str] = {}
    col = _int_val(tr.find(f"{_W}trPr/{_W}gridBefore"), 0)
    for tc in _children(tr, TC):
        span = min(max(_int_val(_property(tc, "gridSpan"), 1), 1), _MAX_SPAN)
        vmerge = _property(tc, "vMerge")
        hmerge = _property(tc, "hMerge")
        text = _cell_text(tc)
        for c in range(col, col + span):
            if vmerge is not None and vmerge.get(VAL, "continue") == "continue":
                cells[c] = above.get(c, "")
            elif hmerge is not None and hmerge.get(VAL, "continue") == "continue":
                cells[c] = cells.get(col - 1, "")
            else:
                cells[c] = text
        col += span
    return cells


def _cell_text(tc: etree._Element) -> str:
    lines: list[str] = []
    for child in tc:
        if child.tag == P:
            lines.append(_paragraph_text(child))
        elif child.tag == TBL:
            for tr in _children(child, TR):
                texts = (_cell_text(c).replace("\n", " ") for c in _children(tr, TC))
                lines.append(" | ".join(t for t in texts if t))
        elif child.tag in (SDT, CUSTOM_XML):
            lines.append(_cell_text(_content(child)))
    return clean_cell("\n".join(lines))


def _paragraph_text(p: etree._Element) -> str:
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


def _collect(el: etree._Element, parts: list[str]) -> None:
    """Append the visible text under ``el``: runs, tabs, breaks, text-box paragraphs."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _NO_TEXT:
            continue
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == P:  # a paragraph of a text box anchored in this one
            parts.append("\n")
            _collect(child, parts)
            parts.append("\n")
        else:
            _collect(child, parts)
