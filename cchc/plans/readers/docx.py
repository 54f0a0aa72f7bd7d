"""DOCX reader: body paragraphs and tables in document order, via python-docx.

"Line" numbers count every body paragraph (empty ones too) and every row of a top-level table,
in document order, from 1. Paragraphs inside cells are not counted; a cell's paragraphs are
joined by newlines. A merged cell's text is repeated into every position it covers, across
(``gridSpan``, legacy ``hMerge``) and down (``vMerge``). A table nested in a cell is flattened
into that cell's text (one line per nested row, cells joined by `` | ``). A line break inside a
body paragraph splits it into several paragraphs with the same line number. Word's automatic
list labels ("1.", "a)", "II.", bullets as "-") are put before the paragraph's text, since an
auto-numbered "TT" column stores no digits. Tracked deletions are left out, insertions kept.
Empty rows are dropped and rows padded to the table's width (see ``csv.tidy_rows``).
"""

from __future__ import annotations

import io
import lzma
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

import docx
from django.utils.translation import gettext as _
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from cchc.plans.readers.base import Block, Paragraph, ReadError, Row, SourceDocument, Table
from cchc.plans.readers.csv import clean_cell, tidy_rows
from cchc.plans.readers.docxfonts import Fonts
from cchc.plans.readers.legacy import convert_run
from cchc.plans.readers.limits import Budget, Limits, current

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TBL, TR, TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
SDT, SDT_CONTENT, CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"
VAL = f"{_W}val"
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
    budget = Budget(name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = docx.Document(io.BytesIO(data))
            body = document.element.body
            styles = _related(document, RT.STYLES)
            numbering = _Numbering(_related(document, RT.NUMBERING), styles, budget)
            fonts = Fonts(styles)
    except ReadError:
        raise
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
    if body is None:
        raise ReadError(
            _("%(name)s: the Word document has no body (no w:body element), so no text.")
            % {"name": name}
        )
    walker = _Body(numbering, budget, fonts)
    walker.walk(body)
    if not walker.blocks:
        raise ReadError(_("%(name)s: the Word document contains no text.") % {"name": name})
    return SourceDocument(
        name=name,
        format="docx",
        blocks=walker.blocks,
        line_unit="paragraph",
        legacy=walker.legacy,
    )


def zip_members(data: bytes, name: str) -> set[str] | None:
    """The member names of a sound ZIP container, or None when it is damaged or truncated.

    Raises ReadError when the content would unpack to more than the ``unpacked_bytes`` limit,
    or a member is compressed more than ``compression_ratio`` times (a "ZIP bomb"), before
    anything is unpacked. The sizes a ZIP declares are checked again while unpacking (by
    ``zipfile``), so a member that lies about its size fails the test instead.
    """
    limits = current()
    limit = limits.unpacked_bytes
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
            if unpacked <= limit:
                _check_ratios(infos, limits, name)
            if unpacked <= limit and archive.testzip() is None:
                _check_xml_sizes(archive, limits, name)
                return set(archive.namelist())
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        zlib.error,
        lzma.LZMAError,
        ValueError,
        RuntimeError,
    ):
        return None  # damaged, truncated, encrypted or an unsupported compression
    if unpacked <= limit:
        return None
    raise ReadError(
        _(
            "%(name)s: the file unpacks to %(size)s MB, more than the %(limit)s MB a plan "
            "document may hold."
        )
        % {"name": name, "size": unpacked // 2**20, "limit": limit // 2**20}
    )


def _check_ratios(infos: list[zipfile.ZipInfo], limits: Limits, name: str) -> None:
    for info in infos:
        # Small members compress oddly well (a run of spaces); only large ones can bomb.
        if (
            info.file_size > 2**20
            and info.file_size > info.compress_size * limits.compression_ratio
        ):
            raise ReadError(
                _(
                    "%(name)s: the part %(part)s is compressed %(ratio)s times (more than "
                    "%(limit)s); the file looks like a ZIP bomb and is refused."
                )
                % {
                    "name": name,
                    "part": info.filename[:100],
                    "ratio": info.file_size // max(info.compress_size, 1),
                    "limit": limits.compression_ratio,
                }
            )


def _check_xml_sizes(archive: zipfile.ZipFile, limits: Limits, name: str) -> None:
    """Refuse an XML part whose tree would not fit in memory, before any parser builds it."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        data = archive.read(info)
        nodes = data.count(b"<") + data.count(b'="')
        if nodes > limits.xml_nodes:
            raise ReadError(
                _(
                    "%(name)s: the part %(part)s holds %(count)s XML elements and attributes, more "
                    "than the %(limit)s a plan document is read with; save a plan this large as "
                    "CSV or split it."
                )
                % {
                    "name": name,
                    "part": info.filename[:100],
                    "count": f"{nodes:,}",
                    "limit": f"{limits.xml_nodes:,}",
                }
            )


class _Body:
    """Walks the body's children, numbering paragraphs and table rows."""

    def __init__(self, numbering: _Numbering, budget: Budget, fonts: Fonts) -> None:
        self.blocks: list[Block] = []
        self.line = 0
        self.numbering = numbering
        self.budget = budget
        self.fonts = fonts
        self.legacy: dict[str, int] = {}  # encoding → first line with a run in its font

    def walk(self, container: etree._Element) -> None:
        for child in container:
            if child.tag == P:
                self.line += 1
                for text in self.paragraph_text(child).split("\n"):
                    if text := " ".join(text.split()):
                        self.budget.row(1, self.line)
                        self.budget.text(text, self.line)
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
            above = self.grid_row(tr, above)
            width = max(above, default=-1) + 1
            self.budget.row(width, self.line)
            self.budget.spread(0, sum(len(text) for text in above.values()), self.line)
            rows.append(Row(cells=[above.get(c, "") for c in range(width)], line=self.line))
        rows = tidy_rows(rows)
        if rows:
            self.blocks.append(Table(rows=rows, line=rows[0].line))

    def grid_row(self, tr: etree._Element, above: dict[int, str]) -> dict[int, str]:
        """Texts of one row by grid column, merged cells repeated (``above``: the row before)."""
        cells: dict[int, str] = {}
        max_span = self.budget.limits.span
        col = min(max(_int_val(tr.find(f"{_W}trPr/{_W}gridBefore"), 0), 0), max_span)
        for tc in _children(tr, TC):
            span = min(max(_int_val(_property(tc, "gridSpan"), 1), 1), max_span)
            vmerge = _property(tc, "vMerge")
            hmerge = _property(tc, "hMerge")
            text = self.cell_text(tc)
            self.budget.text(text, self.line)
            self.budget.width(col + span, self.line)
            for c in range(col, col + span):
                if vmerge is not None and vmerge.get(VAL, "continue") == "continue":
                    cells[c] = above.get(c, "")
                elif hmerge is not None and hmerge.get(VAL, "continue") == "continue":
                    cells[c] = cells.get(col - 1, "")
                else:
                    cells[c] = text
            col += span
        return cells

    def cell_text(self, tc: etree._Element) -> str:
        lines: list[str] = []
        for child in tc:
            if child.tag == P:
                lines.append(self.paragraph_text(child))
            elif child.tag == TBL:
                for tr in _children(child, TR):
                    texts = (self.cell_text(c).replace("\n", " ") for c in _children(tr, TC))
                    lines.append(" | ".join(t for t in texts if t))
            elif child.tag in (SDT, CUSTOM_XML):
                lines.append(self.cell_text(_content(child)))
        return clean_cell("\n".join(lines))

    def paragraph_text(self, p: etree._Element) -> str:
        """The paragraph's text, after the list label Word would show ("1.", "a)")."""
        parts = [self.numbering.label(p)]
        font = self.fonts.paragraph_font(p)
        _collect(p, parts, self, font, font)
        return "".join(parts)

    def legacy_text(self, text: str, font: str) -> str:
        """A run's text in a legacy Vietnamese font ('.VnTime', 'VNI-Times') as Unicode."""
        converted, encoding = convert_run(text, font)
        if encoding:
            self.legacy[encoding] = min(self.legacy.get(encoding, self.line), self.line)
        return converted


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
    if el is None:
        return default
    raw = str(el.get(VAL, default)).strip()
    if len(raw) > 18:  # int() of a long digit string is slow; no value of ours is that large
        return 10**18 if raw.lstrip("+-").isdigit() else default
    try:
        return int(raw)
    except ValueError:
        return default


def _collect(
    el: etree._Element,
    parts: list[str],
    body: _Body | None = None,
    pfont: str | None = None,
    font: str | None = None,
) -> None:
    """Append the visible text under ``el``: runs, tabs, breaks, text-box paragraphs.

    ``body``: the walker that converts the text of runs in a legacy font (``legacy.py``);
    ``pfont``: the font of the paragraph's runs that name none; ``font``: the current run's."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _NO_TEXT:
            continue
        if tag == f"{_W}t":
            text = child.text or ""
            parts.append(body.legacy_text(text, font) if body is not None and font else text)
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == P:  # a paragraph of a text box anchored in this one
            parts.append("\n")
            inner = body.fonts.paragraph_font(child) if body is not None else None
            _collect(child, parts, body, inner, inner)
            parts.append("\n")
        elif tag == f"{_W}r" and body is not None:
            _collect(child, parts, body, pfont, body.fonts.run_font(child, pfont))
        else:
            _collect(child, parts, body, pfont, font)


def _related(document: Any, relationship: str) -> etree._Element | None:
    """The XML of the document part's related part (numbering, styles), if there is one."""
    try:
        element: etree._Element = document.part.part_related_by(relationship).element
    except (KeyError, AttributeError):
        return None
    return element


@dataclass(slots=True, frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    suffix: str


class _Numbering:
    """Word's automatic list labels ("1.", "a)", "II."), which the XML does not store as text.

    Counters run per abstract list in document order; a list instance with a start override
    restarts them when first used, and a label restarts the levels below it.
    """

    def __init__(
        self, numbering: etree._Element | None, styles: etree._Element | None, budget: Budget
    ) -> None:
        self._budget = budget
        self._levels: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._styles: dict[str, etree._Element] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        for abstract in numbering.iterfind(f"{_W}abstractNum") if numbering is not None else ():
            self._levels[abstract.get(f"{_W}abstractNumId", "")] = {
                _int_attr(lvl, "ilvl", 0): _Level(
                    start=self._bounded(_int_val(lvl.find(f"{_W}start"), 1)),
                    fmt=_val(lvl, "numFmt", "decimal"),
                    text=_val(lvl, "lvlText", ""),
                    suffix=_val(lvl, "suff", "tab"),
                )
                for lvl in abstract.iterfind(f"{_W}lvl")
            }
        for num in numbering.iterfind(f"{_W}num") if numbering is not None else ():
            overrides = {
                _int_attr(o, "ilvl", 0): self._bounded(_int_val(o.find(f"{_W}startOverride"), 1))
                for o in num.iterfind(f"{_W}lvlOverride")
                if o.find(f"{_W}startOverride") is not None
            }
            self._nums[num.get(f"{_W}numId", "")] = (_val(num, "abstractNumId", ""), overrides)
        for style in styles.iterfind(f"{_W}style") if styles is not None else ():
            self._styles[style.get(f"{_W}styleId", "")] = style

    def _bounded(self, value: int) -> int:
        """A list's start number, refused when Word would print an absurdly long label."""
        limit = self._budget.limits.numbering
        if abs(value) > limit:
            raise ReadError(
                _(
                    "%(name)s: a numbered list starts at %(value)s; list numbers above %(limit)s "
                    "are refused."
                )
                % {
                    "name": self._budget.name,
                    "value": value if abs(value) < 10**15 else f"{value:.3g}",
                    "limit": f"{limit:,}",
                }
            )
        return value

    def label(self, p: etree._Element) -> str:
        """The label of paragraph ``p`` followed by a space, or "" when it has none."""
        num_id, ilvl = self._num_pr(p)
        if num_id not in self._nums:
            return ""
        abstract_id, overrides = self._nums[num_id]
        levels = self._levels.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for overridden, start in overrides.items():
                counters[overridden] = start - 1
                for deeper in [k for k in counters if k > overridden]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            shown = levels.get(k, _Level(1, "decimal", "", ""))
            return _format_number(counters.get(k, shown.start), shown.fmt)

        level = levels[ilvl]
        text = "-" if level.fmt == "bullet" else re.sub(r"%([1-9])", number, level.text)
        return text + ("" if level.suffix == "nothing" else " ") if text.strip() else ""

    def _num_pr(self, p: etree._Element) -> tuple[str, int]:
        """(numId, level) from the paragraph's properties, else from its style's chain."""
        num_id, ilvl = "", -1
        props = p.find(f"{_W}pPr")
        style_id = _val(props, "pStyle", "") if props is not None else ""
        for _hop in range(10):
            num_pr = props.find(f"{_W}numPr") if props is not None else None
            if num_pr is not None:
                num_id = num_id or _val(num_pr, "numId", "")
                ilvl = ilvl if ilvl >= 0 else _int_val(num_pr.find(f"{_W}ilvl"), -1)
            style = self._styles.get(style_id)
            if num_id or style is None:
                break
            props = style.find(f"{_W}pPr")
            style_id = _val(style, "basedOn", "")
        return num_id, max(ilvl, 0)


def _val(el: etree._Element, child: str, default: str) -> str:
    found = el.find(f"{_W}{child}")
    return str(found.get(VAL, default)) if found is not None else default


def _int_attr(el: etree._Element, attribute: str, default: int) -> int:
    raw = str(el.get(f"{_W}{attribute}", default)).strip()
    if len(raw) > 18:
        return default
    try:
        return int(raw)
    except ValueError:
        return default


_ROMAN = (
    *((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")),
    *((40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")),
)


def _format_number(value: int, fmt: str) -> str:
    """A list counter in one of Word's number formats (others fall back to decimal)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for amount, digits in _ROMAN:
            count, value = divmod(value, amount)
            roman += digits * count
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return "" if fmt == "none" else str(value)
