"""A row's number against the mark its line prints (issue 15, point 4; held-out rounds 8, 16).

The suspect-field check (``suspects.py``) tests each field's shape alone; a number has no shape
to test ("2" is as good a number as "2.4"). This check runs once after it on the finished result
(``assemble``), with the document: a row read from a paragraph whose first line opens with a
point's mark ("2.4.", "5.", "c)", "(3)", markup aside) should carry that mark as its number.

- ``number-misread``: the first row read from such a line has another number and none under the
  mark ("2" or nothing where the line prints "2.4."; "a.1", "3.2" under "a)", "3." are the
  importer's numbers for the parts of one point, and are left alone). The row's number was
  misread (the outer point's number carried down, the mark lost with the row's start), or the
  row is another point's text. One warning per row, on its line.

Rows of tables are not looked at (the number is a cell of its own), nor the second and later
rows read from one paragraph. Cost: one pass over the paragraphs and one over the rows.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.readers.base import Paragraph, SourceDocument

CODE = "number-misread"

# A point's mark opening a line: "2.4.", "5.", "c)", "(3)", after markup ("**", "#", "> ").
_MARK_RE = re.compile(r"^[\s*#>_]*\(?(?P<mark>(?:\d{1,3}\.)*\d{1,3}|[a-zđ])[.)](?=\s|\*|$)")
# Words of the row's title shown in the warning.
_SHOWN_WORDS = 8


def misread_numbers(doc: SourceDocument, parsed: ParsedPlan) -> list[tuple[int, str]]:
    """The rows (index, printed mark) whose number is not the mark opening their line."""
    first_lines: dict[int, str] = {}
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            first_lines.setdefault(block.line, block.text.split("\n", 1)[0])
    found: list[tuple[int, str]] = []
    seen: set[int] = set()
    for index, item in enumerate(parsed.items):
        if item.line in seen:  # (a later row read from the same paragraph)
            continue
        seen.add(item.line)
        mark = _MARK_RE.match(first_lines.get(item.line, ""))
        if mark is None:
            continue
        printed = mark.group("mark")
        number = (item.number or "").strip().strip(".()")
        if number != printed and not number.startswith(printed + "."):
            found.append((index, printed))
    return found


def check_numbers(doc: SourceDocument, parsed: ParsedPlan) -> None:
    """One ``number-misread`` warning per row whose number is not its line's mark."""
    for index, printed in misread_numbers(doc, parsed):
        item = parsed.items[index]
        parsed.warn(
            item.line,
            _(
                "Row «%(text)s» has the number “%(number)s” but its line opens with “%(printed)s”: "
                "the number may be misread, or the row may be another point's text. Check it "
                "before storing."
            )
            % {
                "text": " ".join((item.title or "").split()[:_SHOWN_WORDS]),
                "number": item.number or "",
                "printed": printed,
            },
            CODE,
        )
