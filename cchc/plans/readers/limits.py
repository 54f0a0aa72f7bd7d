"""How much work a plan document may ask of the readers, and the one place that counts it.

A real plan has 150–10,000 rows of about a dozen columns; a file a hundred times larger than
that is an attack or an accident, and is refused with one message naming the file and the
bound instead of being read until the server runs out of memory. The bounds:

=====================  ===========  ==========================================================
limit                  default      what it bounds
=====================  ===========  ==========================================================
``rows``               20,000       table rows plus paragraphs (``CCHC_IMPORT_MAX_ROWS``)
``cells``              400,000      table cells, counted after merged cells are spread out
``columns``            200          the width of one table
``span``               100          columns one merged cell covers (wider ones are cut; a row
                                    span is cut at the table's end)
``cell_chars``         50,000       characters in one cell or paragraph
``text_chars``         30,000,000   characters of the document, merged cells counted each time
``unpacked_bytes``     50 MB        what a DOCX or XLSX unpacks to
                                    (``CCHC_IMPORT_MAX_UNPACKED_MB``)
``compression_ratio``  200          how much one member (over 1 MB) of a ZIP may be compressed
``numbering``          100,000      a list number Word would print (``w:start``,
                                    ``w:startOverride``)
``xml_nodes``          2,000,000    elements and attributes of one XML part of a DOCX or XLSX
                                    (100 per allowed row): its tree costs ~350 bytes each
=====================  ===========  ==========================================================

Readers count as they spread merged cells out (:class:`Budget`), so that a small file that
spans one cell over a million rows is refused before the grid is built; ``read_bytes`` then
checks the finished document once more (:func:`check_document`), which also refuses NUL
characters and lone surrogates (PostgreSQL stores neither).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from cchc.plans.readers.base import Paragraph, ReadError, SourceDocument

DEFAULT_MAX_ROWS = 20_000
DEFAULT_MAX_UNPACKED_MB = 50
_UNREADABLE = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Limits:
    rows: int = DEFAULT_MAX_ROWS
    cells: int = 400_000
    columns: int = 200
    span: int = 100
    cell_chars: int = 50_000
    text_chars: int = 30_000_000
    unpacked_bytes: int = DEFAULT_MAX_UNPACKED_MB * 2**20
    compression_ratio: int = 200
    numbering: int = 100_000
    xml_nodes: int = DEFAULT_MAX_ROWS * 100


def current() -> Limits:
    """The limits in force: the defaults, with what the operator set in the settings."""
    rows = int(getattr(settings, "CCHC_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))
    return Limits(
        rows=rows,
        xml_nodes=rows * 100,
        unpacked_bytes=int(
            getattr(settings, "CCHC_IMPORT_MAX_UNPACKED_MB", DEFAULT_MAX_UNPACKED_MB)
        )
        * 2**20,
    )


class Budget:
    """Counts the rows, cells and characters a reader produces, refusing past the limits."""

    def __init__(self, name: str, limits: Limits | None = None) -> None:
        self.name = name
        self.limits = limits or current()
        self.rows = 0
        self.cells = 0
        self.chars = 0

    def row(self, width: int, line: int) -> None:
        """One more table row (or paragraph) of ``width`` cells, starting at ``line``."""
        self.rows += 1
        if self.rows > self.limits.rows:
            raise ReadError(
                _(
                    "%(name)s: the document has more than %(limit)s rows and paragraphs (at line "
                    "%(line)s); larger plan documents are refused."
                )
                % {"name": self.name, "limit": f"{self.limits.rows:,}", "line": line}
            )
        self.width(width, line)
        self.spread(width, 0, line)

    def width(self, width: int, line: int) -> None:
        """Refuse a table wider than the limit."""
        if width > self.limits.columns:
            raise ReadError(
                _(
                    "%(name)s: the table at line %(line)s has %(width)s columns; a plan table may "
                    "have at most %(limit)s."
                )
                % {"name": self.name, "line": line, "width": width, "limit": self.limits.columns}
            )

    def spread(self, cells: int, chars: int, line: int) -> None:
        """``cells`` more table positions holding ``chars`` characters in all."""
        self.cells += cells
        self.chars += chars
        if self.cells > self.limits.cells:
            raise ReadError(
                _(
                    "%(name)s: the tables hold more than %(limit)s cells once merged cells are "
                    "spread out (at line %(line)s); the file is refused."
                )
                % {"name": self.name, "limit": f"{self.limits.cells:,}", "line": line}
            )
        if self.chars > self.limits.text_chars:
            raise ReadError(
                _(
                    "%(name)s: the document holds more than %(limit)s characters once merged "
                    "cells are spread out (at line %(line)s); the file is refused."
                )
                % {"name": self.name, "limit": f"{self.limits.text_chars:,}", "line": line}
            )

    def text(self, text: str, line: int) -> None:
        """One cell's or paragraph's text (counted once; ``spread`` counts its copies)."""
        if len(text) > self.limits.cell_chars:
            raise ReadError(
                _(
                    "%(name)s, line %(line)s: a cell or paragraph of %(length)s characters; at "
                    "most %(limit)s are read."
                )
                % {
                    "name": self.name,
                    "line": line,
                    "length": f"{len(text):,}",
                    "limit": f"{self.limits.cell_chars:,}",
                }
            )


def check_document(doc: SourceDocument, limits: Limits | None = None) -> SourceDocument:
    """Count the finished document against the limits; refuse NUL and lone surrogates."""
    budget = Budget(doc.name, limits)
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            budget.row(1, block.line)
            _check_text(budget, block.text, block.line, doc.line_unit)
            budget.spread(0, len(block.text), block.line)
            continue
        for row in block.rows:
            budget.row(len(row.cells), row.line)
            for cell in row.cells:
                _check_text(budget, cell, row.line, doc.line_unit)
            budget.spread(0, sum(len(cell) for cell in row.cells), row.line)
    return doc


def _check_text(budget: Budget, text: str, line: int, unit: str) -> None:
    budget.text(text, line)
    match = _UNREADABLE.search(text)
    if match is None:
        return
    what = (
        _("a NUL character (binary data)")
        if match.group() == "\x00"
        else _("an invalid character (a lone UTF-16 surrogate, U+%(code)04X)")
        % {"code": ord(match.group())}
    )
    raise ReadError(
        _("%(name)s, %(unit)s %(line)s: the text contains %(what)s; the file is refused.")
        % {"name": budget.name, "unit": _unit(unit), "line": line, "what": what}
    )


def _unit(unit: str) -> str:
    return {"row": _("row"), "paragraph": _("paragraph")}.get(unit, _("line"))


def printable_name(name: str) -> str:
    """A file name safe to store and show: NUL and lone surrogates replaced by U+FFFD.

    A name read from disk with bytes that are not UTF-8 carries lone surrogates
    (``os.fsdecode``), which PostgreSQL refuses.
    """
    return _UNREADABLE.sub("\ufffd", name)
