"""What every reader produces: the document as blocks of text and tables, with source lines.

A reader knows a file format and nothing about plans. It turns the file into a
:class:`SourceDocument`: paragraphs and tables in document order, each row carrying the 1-based
line (or sheet row, or paragraph number) where it starts. Interpreting the blocks as a plan
(headers, sections, continuation rows, inherited cells) happens once, in ``cchc.plans.parsing``,
for every format alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ReadError(Exception):
    """The file cannot be read as a plan document. The message names the file and the problem."""


@dataclass(slots=True)
class Paragraph:
    text: str
    line: int


@dataclass(slots=True)
class Row:
    """One table row as the source shows it: cell texts left to right (may contain HTML)."""

    cells: list[str]
    line: int
    # True when the row follows a page break in the source (the markdown conversion of a PDF
    # starts a new table on every page). Continuation rows only make sense after one.
    after_break: bool = False
    # OCR: how sure the recogniser was of each cell (0-100), None for text read exactly.
    confidence: list[float | None] | None = None


@dataclass(slots=True)
class Table:
    rows: list[Row]
    line: int
    # Where the table comes from inside a multi-part file, e.g. the sheet name of a workbook.
    part: str = ""


Block = Paragraph | Table


@dataclass(slots=True)
class SourceDocument:
    name: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    # How "line" numbers are counted, shown in warnings: "line", "row", "paragraph".
    line_unit: str = "line"
    # What the reader was unsure of (OCR words, pages it could not read): (line, message,
    # code), passed on to the parsed plan's warnings.
    notes: list[tuple[int | None, str, str]] = field(default_factory=list)
    # Legacy encodings (TCVN3, VNI) the reader converted runs from by their font, each with the
    # first line it met one on; ``legacy.convert_document`` warns of them (legacy.py).
    legacy: dict[str, int] = field(default_factory=dict)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]
