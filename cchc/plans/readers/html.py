"""HTML reader: paragraphs outside tables and one table per ``<table>``, with source lines.

Cells are plain text: block elements (``p``, ``div``, ``li``, ``br`` …) become line breaks and
whitespace within a line is collapsed. ``colspan``/``rowspan`` repeat the cell's text into every
position they cover. A table nested in a cell is flattened into that cell's text (one line per
nested row, cells joined by `` | ``), except in a layout table (one cell per row, or holding a
table with more rows than itself), which is unwrapped: its cells are read as paragraphs and the
tables in them as tables. ``<br>`` outside tables starts a new paragraph. Empty rows are
dropped and rows padded to the table's width (see ``csv.tidy_rows``). libxml2 reports line
numbers above 65535 as 65535.
"""

from __future__ import annotations

import re

import lxml.html
from django.utils.translation import gettext as _
from lxml import etree

from cchc.plans.readers.base import Block, Paragraph, ReadError, Row, SourceDocument, Table
from cchc.plans.readers.csv import clean_cell, tidy_rows
from cchc.plans.readers.limits import Budget

_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div"),
        *("dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "li", "main", "nav", "ol", "p", "pre", "section"),
        *("td", "th", "tr", "ul"),
    }
)
_SKIP_TAGS = frozenset({"script", "style", "head", "title", "template", "noscript"})
_DOCUMENT_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_TABLE_TAG = re.compile(r"<table[\s>]", re.IGNORECASE)
_CELL_TAG = re.compile(r"<t[dh][\s>]", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A(\ufeff?\s*)<\?xml[^>]*\?>")


def looks_like_html(text: str) -> bool:
    """True for an HTML document, or a text holding ``<table>`` markup outside pipe tables.

    A markdown file whose pipe-table cells contain ``<p>`` or ``<ul>`` fragments is not HTML.
    """
    if _DOCUMENT_START.match(text.removeprefix("\ufeff")):
        return True
    lines = (line for line in text.splitlines() if not line.lstrip().startswith("|"))
    markup = "\n".join(lines)
    return bool(_TABLE_TAG.search(markup) and _CELL_TAG.search(markup))


def read_html(text: str, name: str) -> SourceDocument:
    """Read an HTML text into paragraphs and tables in document order."""
    # lxml refuses str input carrying an encoding declaration; drop it, keeping the lines.
    text = _XML_DECLARATION.sub(r"\1", text).replace("\x00", "")
    if not text.strip():
        raise ReadError(_("%(name)s: the HTML document contains no text.") % {"name": name})
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.LxmlError, ValueError) as exc:
        raise ReadError(
            _("%(name)s: the file cannot be read as HTML (%(error)s).")
            % {"name": name, "error": exc}
        ) from exc
    body = root.find("body")
    walker = _Walker(Budget(name))
    walker.walk(body if body is not None else root)
    walker.flush()
    if not walker.blocks:
        raise ReadError(_("%(name)s: the HTML document contains no text.") % {"name": name})
    return SourceDocument(name=name, format="html", blocks=walker.blocks, line_unit="line")


def _line(el: etree._Element) -> int:
    """The element's 1-based source line (0 when unknown); the stubs type it loosely."""
    line = el.sourceline
    return line if isinstance(line, int) else 0


def _tag(el: etree._Element) -> str:
    """The lower-case tag name, or "" for comments and processing instructions."""
    return el.tag.lower() if isinstance(el.tag, str) else ""


class _Walker:
    """Walks the document flow, gathering inline text into paragraphs."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._start = 0
        self._last = 1

    def add_text(self, text: str | None, line: int) -> None:
        if not text or (not self._parts and not text.strip()):
            return
        if not self._parts:
            self._start = line
        self._parts.append(text)

    def flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        self._parts.clear()
        if text:
            self.budget.row(1, self._start)
            self.budget.text(text, self._start)
            self.blocks.append(Paragraph(text=text, line=self._start))

    def walk(self, el: etree._Element) -> None:
        self._last = _line(el) or self._last
        tag = _tag(el)
        if tag in _SKIP_TAGS or not tag:
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self._table(el)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        self.add_text(el.text, self._last)
        for child in el:
            self.walk(child)
            self.add_text(child.tail, self._last)
        if block:
            self.flush()

    def _table(self, table: etree._Element) -> None:
        trs = _rows(table)
        self._last = max(_line(e) for e in table.iter())
        for caption in table.iterchildren("caption"):
            self.walk(caption)
        cells = [_cells(tr) for tr in trs]
        if _is_frame(trs, cells):  # a layout table: read what it holds as the flow
            for cell in (cell for row in cells for cell in row):
                self.walk(cell)
            return
        rows = tidy_rows(_grid(trs, cells, self.budget))
        if rows:
            self.blocks.append(Table(rows=rows, line=_line(table) or rows[0].line))


def _is_frame(trs: list[etree._Element], cells: list[list[etree._Element]]) -> bool:
    """A layout table: it holds a table, and has one cell per row or fewer rows than that."""
    nested = [table for row in cells for cell in row for table in cell.iter("table")]
    if not nested:
        return False
    return all(len(row) == 1 for row in cells) or any(len(_rows(t)) > len(trs) for t in nested)


def _rows(table: etree._Element) -> list[etree._Element]:
    """The table's own ``tr`` elements (not those of nested tables), in source order."""
    rows: list[etree._Element] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in {"thead", "tbody", "tfoot"}:
            rows.extend(tr for tr in child if _tag(tr) == "tr")
    return rows


def _cells(tr: etree._Element) -> list[etree._Element]:
    return [cell for cell in tr if _tag(cell) in {"td", "th"}]


def _span(cell: etree._Element, attribute: str) -> int:
    raw = str(cell.get(attribute, "1")).strip()
    if len(raw) > 9:  # int() of a very long digit string is slow, and no span is that large
        return 1_000_000_000 if raw.isdigit() else 1
    try:
        return int(raw)
    except ValueError:
        return 1


def _grid(
    trs: list[etree._Element], cells: list[list[etree._Element]], budget: Budget
) -> list[Row]:
    """Expand colspan/rowspan, repeating each cell's text into every covered position.

    Every covered position is counted against the budget before it is filled: a small file of
    cells spanning the whole table is refused instead of growing a grid of billions.
    """
    grid: list[dict[int, str]] = [{} for _tr in trs]
    max_span = budget.limits.span
    for r, row_cells in enumerate(cells):
        col = 0
        line = _line(trs[r])
        budget.row(0, line)
        for cell in row_cells:
            while col in grid[r]:
                col += 1
            text = _cell_text(cell)
            budget.text(text, line)
            colspan = min(max(_span(cell, "colspan"), 1), max_span)
            rowspan = _span(cell, "rowspan")
            # rowspan="0" spans to the end of the table; never past it.
            rowspan = len(trs) - r if rowspan <= 0 else min(rowspan, len(trs) - r)
            budget.spread(rowspan * colspan, rowspan * colspan * len(text), line)
            budget.width(col + colspan, line)
            for covered in grid[r : r + rowspan]:
                for c in range(col, col + colspan):
                    covered.setdefault(c, text)
            col += colspan
    rows = []
    for tr, positions in zip(trs, grid, strict=True):
        width = max(positions, default=-1) + 1
        rows.append(Row(cells=[positions.get(c, "") for c in range(width)], line=_line(tr)))
    return rows


def _cell_text(cell: etree._Element) -> str:
    parts: list[str] = []
    _collect(cell, parts, top=True)
    return clean_cell("".join(parts))


def _collect(el: etree._Element, parts: list[str], *, top: bool = False) -> None:
    """Append the plain text of ``el``, with newlines around block elements."""
    tag = _tag(el)
    if tag in _SKIP_TAGS or not tag:
        return
    if tag == "br":
        parts.append("\n")
        return
    if tag == "table" and not top:
        parts.append("\n")
        for tr in _rows(el):
            texts = (_cell_text(c).replace("\n", " ") for c in _cells(tr))
            parts.append(" | ".join(t for t in texts if t) + "\n")
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    parts.append(el.text or "")
    for child in el:
        _collect(child, parts)
        parts.append(child.tail or "")
    if block:
        parts.append("\n")
