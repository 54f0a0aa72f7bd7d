"""Numbered points read into no row at all (issue 15, point 4; held-out round 23).

The points check (``points.py``) warns about a point no row carries only in a run where another
point does carry one, and the coverage check (``coverage.py``) weighs only the plan body, from
the first row of work on: a whole article of numbered clauses read into no row (its heading not
taken for a lead, its clauses skipped as prose before the first row) is seen by neither. The
shape is plain among the rows: the document prints numbered or lettered points ("1.", "(2)",
"3)", "a)", "(b)", at the start of a paragraph's line, markup aside) whose words are in no row,
while the importer did read rows elsewhere in it.

- ``points-unread``: a point in whose span (to the next point, article or chapter heading, or
  the signature) no row of work starts and no warning stands, and whose first words are in no
  field of any row, standing in a block of at least ``_MIN_BLOCK`` such points in a row (a list,
  not a stray numbered sentence), in a document with rows. One warning per point, on its line.
  Not looked at: a block before a plan's purpose-and-requirements heading is read (points
  whose opening is a heading that only names a part: "1. Mục đích", "2. Yêu cầu"), a point
  ending with ":" (a label announcing the list below it, whose points are looked at), a field's
  label of at most five words, alone or before its value ("Cơ quan chủ trì", "Thời gian thực
  hiện: …": the value is a row's field, not a row), a cited document or a person named
  ("Nghị định số …", "Ông …": a list of grounds or of members, no tasks).

Cost: one pass over the document's lines and a bisection per point; the rows' words are joined
once, and only when a point has neither a row nor a warning in its span (10,000-row generated
plan: under a millisecond).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cchc.core.text import fold
from cchc.plans.parsing.coverage import END_RE
from cchc.plans.parsing.result import ITEM_FIELDS, ParsedPlan
from cchc.plans.readers.base import Paragraph, SourceDocument

CODE = "points-unread"
# Fewest unread points in a row that are a list read into no row.
_MIN_BLOCK = 2
# First words of a point looked for in the rows' text.
_KEY_WORDS = 8
_SHOWN_WORDS = 10

# A point's mark: "1.", "(1)", "1)", "a)", "(a)" (markup before it left out).
_MARK_RE = re.compile(
    r"^[\s*#>_]*(?:\d{1,3}\.(?!\d)|\(\d{1,3}\)|\d{1,3}\)|[a-zđ]\)|\([a-zđ]\))\s*\**\s*(?P<rest>.*)$"
)
# What bounds a point's span besides the next point: an article or chapter heading, a part.
_HEADING_RE = re.compile(
    r"^[\s*#>_]*(?:Điều\s+\d+|Chương\s+[IVXLC\d]+|Mục\s+[IVXLC\d]+|[IVXLC]{1,6}\.)", re.IGNORECASE
)
# A point that only names a part of the plan's preamble.
_PART_RE = re.compile(
    r"^(?:Mục (?:đích|tiêu)|Yêu cầu|Quan điểm|Phạm vi|Đối tượng|Nguyên tắc|Căn cứ)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
# A field's label, alone or before its value: "Cơ quan chủ trì", "Thời gian thực hiện: …".
_LABEL_RE = re.compile(r"^[^\W\d]+(?:[ ,]+[^\W\d]+){0,4}\s*(?::|$)")
# A list that is no list of tasks: documents cited ("Nghị định số 46/2026/NĐ-CP …"), people
# named ("Ông Nguyễn Văn A - Chuyên viên …").
_NO_TASK_RE = re.compile(
    r"^(?:(?:Luật|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị|Công văn|Kết luận|Thông báo)"
    r"\s+(?:số\s+)?\d|(?:Ông|Bà|Đồng chí|Đ/c)\s+[^\W\d_])"
)
_WORD_RE = re.compile(r"\w+")


@dataclass(slots=True)
class _Point:
    line: int
    # Its paragraph's text after the mark.
    text: str
    # The first line after its span (0 until the next point or heading is met).
    end: int = 0


def unread_points(doc: SourceDocument, parsed: ParsedPlan) -> list[tuple[int, str]]:
    """The points (line, text) of ``doc`` read into no row of ``parsed``, in blocks."""
    if not parsed.items:
        return []
    starts = sorted(item.line for item in parsed.items if item.line is not None)
    warned = sorted(w.line for w in parsed.warnings if w.line is not None)
    kept: list[str] = []  # the rows' words, joined when a point first needs them
    points: list[_Point] = []
    paragraph = -1
    for line, text, in_paragraph in _printed(doc):
        if END_RE.match(text):
            break
        match = _MARK_RE.match(text)
        if match is None and not _HEADING_RE.match(text):
            if points and not points[-1].end and in_paragraph == paragraph:  # it goes on
                points[-1].text = f"{points[-1].text} {text.strip(' *_')}"
            continue
        paragraph = in_paragraph
        if points and not points[-1].end:
            points[-1].end = line
        if match is not None:
            points.append(_Point(line, match.group("rest").strip(" *_")))
    unread: list[tuple[int, str]] = []
    together: list[tuple[int, str]] = []
    for point in points:
        if _read(point, starts, warned, (parsed, kept)):
            if len(together) >= _MIN_BLOCK:
                unread.extend(together)
            together = []
            continue
        together.append((point.line, point.text))
    if len(together) >= _MIN_BLOCK:
        unread.extend(together)
    return unread


def check_unread_points(doc: SourceDocument, parsed: ParsedPlan) -> None:
    """One ``points-unread`` warning per numbered point read into no row (see above)."""
    found = unread_points(doc, parsed)
    for line, text in found:
        parsed.warn(
            line,
            _(
                "Point «%(text)s» of the document was read into no row, while the importer read "
                "rows elsewhere in it: it may have been skipped. Check it before storing."
            )
            % {"text": " ".join(text.split()[:_SHOWN_WORDS])},
            CODE,
        )
    if found:
        parsed.warnings.sort(key=lambda w: w.line or 0)


def _read(
    point: _Point, starts: list[int], warned: list[int], rows: tuple[ParsedPlan, list[str]]
) -> bool:
    """Whether the point is a row's or a warning's, or no task (a label, a part's name)."""
    line, text = point.line, point.text
    # the first line after its span (a point whose next mark is on its own line: that line)
    end = max(point.end, line + 1)
    if text.rstrip(" *_").endswith(":") or any(
        pattern.match(text) for pattern in (_PART_RE, _LABEL_RE, _NO_TASK_RE)
    ):
        return True
    for marks in (starts, warned):
        at = bisect_left(marks, line)
        if at < len(marks) and marks[at] < end:
            return True
    key = _WORD_RE.findall(fold(text))[:_KEY_WORDS]
    if not key:
        return True
    parsed, kept = rows
    if not kept:
        kept.append("".join(_row_words(parsed)))
    return f" {' '.join(key)} " in kept[0]


def _row_words(parsed: ParsedPlan) -> list[str]:
    """The words of every field of every row, each row's text padded with spaces."""
    texts: list[str] = []
    for item in parsed.items:
        fields = [getattr(item, name) for name in ITEM_FIELDS]
        fields += list(item.extra.values())
        words = _WORD_RE.findall(fold(" ".join(str(f) for f in fields if f)))
        texts.append(f" {' '.join(words)} ")
    return texts


def _printed(doc: SourceDocument) -> list[tuple[int, str, int]]:
    """Each line of the document's paragraphs: its block's line, its text and the number of
    the paragraph it is in (blocks on the lines right after each other are one paragraph: a
    reader may give each printed line a block of its own)."""
    lines: list[tuple[int, str, int]] = []
    paragraph, after = 0, -1
    for block in doc.blocks:
        if not isinstance(block, Paragraph):
            after = -1
            continue
        if block.line != after:
            paragraph += 1
        raws = block.text.splitlines()
        lines.extend((block.line, raw, paragraph) for raw in raws)
        after = block.line + max(len(raws), 1)
    return lines
