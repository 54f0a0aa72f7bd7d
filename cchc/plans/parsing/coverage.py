"""Nothing silently dropped: the lines of the plan body that no row of work kept.

Whatever the reading rules did, the check runs once on the finished result (``assemble``): every
text line of the part of the document taken as the plan body (from the first row of work, or
the heading of its top section, to the signature) whose words are found in no kept place — an
item's field or extra cell, a section, the document's title, a warning already given — and that
is no recognised non-task (page numbers, signatures, "Nơi nhận", the closing formula …) becomes
an ``unread-text`` warning. Consecutive such lines are one warning, so a dropped paragraph is
one warning naming its first line and its first words.

The check compares words, not positions: it knows nothing of how a line was read, so a new
reading rule can neither fool it nor break it. A line counts as kept when most of its runs of
three words (or, for a short line, its words) appear in the kept text.

Cost: a large table is mostly rows read plainly (each cell whole in its own row's fields, or a
section's heading, or the header repeated on each page); those are kept without splitting them
into words, and the other lines are weighed first against the rows beside them, then, only if
some line is still not kept, against every kept text (more texts only keep more lines). On the
10,000-row generated plan the check adds about half of the parse's time (see bench/README.md).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from django.utils.translation import gettext as _

from cchc.core.text import clean_text
from cchc.plans.parsing.prose import OPEN_ENDINGS
from cchc.plans.parsing.result import ITEM_FIELDS, Item, ParsedPlan
from cchc.plans.readers.base import Paragraph, SourceDocument, Table

CODE = "unread-text"
GLUED_CODE = "glued-points"

# The share of a line's word runs that must be found in the kept text.
_KEPT_SHARE = 0.5
# Below this many first words of points, ``_glued`` looks for them in a text before splitting it.
_FEW_POINTS = 32
# Words shown in the warning.
_SHOWN_WORDS = 12

_WORD_RE = re.compile(r"\w+")
_MARKUP_RE = re.compile(r"<[^<>]*>|&\w+;|[*_#|`>]+")
# The signature block, the list of recipients, the end of the document.
# The signer's title counts only in capitals: "Bộ trưởng Bộ Nội vụ chỉ đạo …" is a sentence.
END_RE = re.compile(
    r"^\s*(?:[Nn]ơi nhận|NƠI NHẬN|TM\.|KT\.|Q\.\s|TL\.|T/M\b|K/T\b|\(?Đã ký\)?|CHỦ TỊCH\b|"
    r"BỘ TRƯỞNG\b|THỦ TƯỚNG\b|GIÁM ĐỐC\b|CHÁNH VĂN PHÒNG\b)"
)
# A list mark opening a line: "1.2.", "II.", "a)", "-", "+", "•".
_LIST_MARK_RE = re.compile(
    r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]?(?=\s|$)|[IVXLC]{1,6}\.|[a-zđ]\)|[-+•–])\s*"
)
# A numbered or lettered point: "2.", "1.2.", "II.", "b)", "(ii)", "(3)".
_POINT_RE = re.compile(
    r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]|[IVXLC]{1,6}\.|[a-zđ]\)|\([a-zđivx\d]{1,5}\))\s"
)
_BULLET_RE = re.compile(r"^\s*[-+•–]\s")
# "… theo chức năng, nhiệm vụ (quản lý) được giao": the remit every assignment may carry.
_REMIT_RE = re.compile(
    r"\b(?:theo|căn cứ)(?: vào)? chức năng,? nhiệm vụ(?:,? quyền hạn)?(?: quản lý)?(?: được giao)?",
    re.IGNORECASE,
)
# The longest label before a colon ("Đơn vị chủ trì tham mưu thực hiện:").
_LABEL_WORDS = 8
# Page numbers, page breaks, rules: left out before wrapped lines are joined.
_PAGE_RE = re.compile(
    r"^[-–=_.\s]*(?:\d{1,4}|(?:Trang|Page)\s+\d+(?:\s*/\s*\d+)?|PAGE BREAK|\f)?[-–=_.\s]*$",
    re.IGNORECASE,
)
# Lines that are never a row of work wherever they stand.
NON_TASK_RE = re.compile(
    # a heading that only counts: "a) Hoạt động 1", "Nhiệm vụ thứ hai"
    r"^\s*(?:(?:\d{1,3}\.)*\d{1,3}\.?|[IVXLC]{1,6}\.|[a-zđ]\))?\s*(?:Hoạt động|Nhiệm vụ|"
    r"Nội dung|Công việc|Giải pháp|Phần|Mục)\s+(?:\d{1,3}|thứ\s+\w+)\s*[.:]?$"
    # the closing formulas: "Trên đây là Kế hoạch …", "Trong quá trình thực hiện, nếu có
    # vướng mắc …", "Điều 3. Các Bộ trưởng … chịu trách nhiệm thi hành Nghị quyết này",
    # "Văn phòng Chính phủ thông báo để … biết, thực hiện", "… nghiêm túc thực hiện./."
    r"|^(?:Trên đây là|Trong quá trình|Quá trình)\b"
    r"|\b(?:chịu|có) trách nhiệm (?:thi hành|tổ chức thực hiện)\b[^.]*\bnày\b"
    r"|\bthông báo để\b[^.]*\bbiết\b"
    r"|\./\.\s*$"
    # a sentence that announces the list below it: "… các nhiệm vụ, giải pháp sau đây:"
    r"|:\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Line:
    line: int
    text: str
    words: tuple[str, ...]
    # The words that say something: the list mark ("1.2.", "a)", "-"), a short label before
    # a colon ("Cơ quan chủ trì:") and the remit formula are layout the reader consumes.
    said: tuple[str, ...]
    # The last printed line of a line a converter wrapped, and the words of each printed line.
    last: int
    parts: tuple[tuple[str, ...], ...]
    # A table row plainly read (``_RowsRead``): kept, its words not taken.
    plain: bool = False


def check_coverage(doc: SourceDocument, parsed: ParsedPlan) -> None:
    """Warn (``unread-text``) about each run of body lines no kept place holds."""
    try:
        _check(doc, parsed)
    finally:
        _WORDS.clear()


def _check(doc: SourceDocument, parsed: ParsedPlan) -> None:
    lines = list(_body(doc, parsed))
    wanted = _held_runs(lines)
    # The texts of the rows beside each weighed line keep it in the common case (a row's cell
    # continued on the next page, a wrapped line); only when some line is not kept by those is
    # every kept text weighed. Adding texts only ever keeps more lines, so the answer is the same.
    held = _Kept(_near_texts(parsed, lines), wanted).held(lines)
    if not all(held):
        held = _Kept(_kept_texts(parsed), wanted).held(lines)
    # A warning that quotes the text of its line (``prose-skipped``, ``orphan`` …) names the
    # lines that go on from it too, past what its quotation shows.
    warned = {w.line for w in parsed.warnings if w.line is not None}
    quotes = _Kept(
        (w.message for w in parsed.warnings if w.line is not None),
        _quoted_runs(entry for entry in lines if entry.line in warned),
    )
    runs: list[list[_Line]] = []
    run: list[_Line] = []
    after_quote = False
    for index, entry in enumerate(lines):
        lost = not held[index] and not NON_TASK_RE.search(entry.text)
        if entry.line in warned:
            after_quote = quotes.quotes(entry)
            lost = False
        elif after_quote and lost:
            continue
        else:
            after_quote = False
        if lost:
            run.append(entry)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    for found in runs:
        _warn(parsed, found)
    # A plain row was read as its own row of work: no point of it is glued to another.
    glued = _glued(
        [entry for entry in lines if entry.line not in warned and not entry.plain], parsed
    )
    for row, points in glued.items():
        _warn_glued(parsed, row, points)
    if runs or glued:
        parsed.warnings.sort(key=lambda w: w.line or 0)


def _glued(lines: list[_Line], parsed: ParsedPlan) -> dict[int, list[_Line]]:
    """The numbered or lettered points whose words were read into the middle of another row's
    field (a point glued onto the row above), by the line of the row that took them.

    A point read as a row or a section starts a kept text; one whose first words stand only
    inside another row's text was not read as a point."""
    # Only the first three words of a point can be found glued: the rows' texts are read for
    # those runs alone.
    keys = {
        entry.said[:3]
        for entry in lines
        if len(entry.said) >= 3 and _POINT_RE.match(entry.text) is not None
    }
    if not keys:
        return {}
    starts: set[tuple[str, ...]] = set()
    inside: dict[tuple[str, ...], int] = {}
    # Each distinct text once, with the first row that holds it: sections and agencies repeat.
    first_row: dict[str, int] = {}
    for item in parsed.items:
        for text in [*item.section, *(str(getattr(item, n) or "") for n in ITEM_FIELDS)]:
            first_row.setdefault(text, item.line)
    # A text can hold a point's first words only if it holds its first word: with a few points
    # to look for (a table of many rows has few), the texts without any are not split into words.
    firsts = {key[0] for key in keys}
    holds = (
        re.compile("|".join(map(re.escape, firsts))).search if len(firsts) <= _FEW_POINTS else None
    )
    for text, line in first_row.items():
        if holds is not None and holds(text.casefold()) is None:
            continue
        words = _said(text)
        if words[:3] in keys:
            starts.add(words[:3])
        for run in zip(words[1:], words[2:], words[3:], strict=False):
            if run in keys:
                inside.setdefault(run, line)
    found: dict[int, list[_Line]] = {}
    # A point that ends announcing a list ("… báo cáo một số nội dung sau:") holds the list's
    # points of another kind: "(1)", "(2)" under "1." are its text, not points glued to it.
    nested: str | None = None
    above = ""
    for entry in lines:
        kind = _point_kind(entry.text)
        if kind and above.endswith(":") and _point_kind(above) not in (None, kind):
            nested = kind
        elif kind and kind != nested:
            nested = None
        above = entry.text
        key = entry.said[:3]
        point = _POINT_RE.match(entry.text) is not None
        if not point or kind == nested or len(key) < 3 or key in starts:
            continue
        row = inside.get(key)
        if row is not None and row != entry.line:
            found.setdefault(row, []).append(entry)
    return found


def _point_kind(text: str) -> str | None:
    """The kind of a point's mark ("1.", "1.2.", "II.", "b)", "(ii)"; "-" and "+" bullets),
    None for a line that opens no point."""
    match = _POINT_RE.match(text) or _BULLET_RE.match(text)
    if match is None:
        return None
    return re.sub(r"[a-zđ]", "a", re.sub(r"\d+", "1", match.group().strip()))


def _warn_glued(parsed: ParsedPlan, row: int, points: list[_Line]) -> None:
    marks = ", ".join(entry.text.split()[0] for entry in points)
    shown = " ".join(points[0].text.split()[:_SHOWN_WORDS])
    parsed.warn(
        points[0].line,
        _(
            "The points %(marks)s (from line %(first)d) were read into the text of the row of "
            "line %(row)d, not as rows of their own; check them: «%(text)s …»"
        )
        % {"marks": marks, "first": points[0].line, "row": row, "text": shown},
        GLUED_CODE,
    )


def _warn(parsed: ParsedPlan, run: list[_Line]) -> None:
    words = [w for entry in run for w in entry.text.split()]
    shown = " ".join(words[:_SHOWN_WORDS]) + (" …" if len(words) > _SHOWN_WORDS else "")
    if run[0].line == run[-1].last:
        message = _(
            "This line was read into no row of work, section or note; check that nothing "
            "is missing: «%(text)s»"
        ) % {"text": shown}
    else:
        message = _(
            "The text from line %(first)d to line %(last)d was read into no row of work, "
            "section or note; check that nothing is missing: «%(text)s»"
        ) % {"first": run[0].line, "last": run[-1].last, "text": shown}
    parsed.warn(run[0].line, message, CODE)


def _kept_texts(parsed: ParsedPlan) -> set[str]:
    """Every kept text, each once: sections, agencies and timeframes repeat over the rows."""
    return set(_all_kept_texts(parsed))


def _near_texts(parsed: ParsedPlan, lines: list[_Line]) -> set[str]:
    """The kept texts but the rows' own: only the rows at the row lines nearest before and
    after each line to weigh."""
    texts = set(_document_texts(parsed))
    starts = sorted({item.line for item in parsed.items})
    near: set[int] = set()
    for entry in lines:
        if not entry.plain:
            at = bisect_right(starts, entry.line)
            near.update(starts[max(at - 1, 0) : at + 1])
    for item in parsed.items:
        texts.update(item.section)
        if item.line in near:
            texts.update(_item_texts(item))
    return texts


def _document_texts(parsed: ParsedPlan) -> Iterator[str]:
    info = parsed.document
    yield from (t for t in (info.title, info.number, info.issuer) if t)
    yield from (column.label for column in info.columns)
    for warning in parsed.warnings:
        yield warning.message


def _item_texts(item: Item) -> Iterator[str]:
    for name in ITEM_FIELDS:
        value = getattr(item, name)
        if value:
            yield str(value)
    yield from item.extra.values()


def _all_kept_texts(parsed: ParsedPlan) -> Iterator[str]:
    yield from _document_texts(parsed)
    for item in parsed.items:
        yield from item.section
        yield from _item_texts(item)


def _runs3(words: tuple[str, ...] | list[str]) -> Iterator[tuple[str, ...]]:
    return zip(words, words[1:], words[2:], strict=False)


def _whole_runs(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The runs ``_Kept._whole`` looks up for the words."""
    if len(words) < 3:
        return iter((words,))
    return _runs3(words)


# A plain line's place in the stream of words: no run of kept words holds it, so the lines
# on either side of a plain row are not read as going on from each other.
_BREAK = ("",)


def _stream(lines: list[_Line]) -> list[str]:
    """The words of the lines one after the other, a plain line a break."""
    return [word for entry in lines for word in (_BREAK if entry.plain else entry.words)]


def _held_runs(lines: list[_Line]) -> set[tuple[str, ...]]:
    """Every run ``_Kept.held`` looks up for the lines."""
    wanted = set(_runs3(_stream(lines)))
    for entry in lines:
        if entry.said:
            wanted.update(_whole_runs(entry.said))
            for part in entry.parts:
                if part:
                    wanted.update(_whole_runs(part))
    return wanted


def _quoted_runs(lines: Iterable[_Line]) -> set[tuple[str, ...]]:
    """Every run ``_Kept.quotes`` looks up for the lines."""
    wanted: set[tuple[str, ...]] = set()
    for entry in lines:
        wanted.update(_whole_runs(entry.words))
    return wanted


class _Kept:
    """The kept text as its runs of three words (and of one and two, for short lines): only
    the runs asked about (``wanted``) are kept, so its size follows the lines judged, not the
    whole kept text."""

    def __init__(self, texts: Iterable[str], wanted: set[tuple[str, ...]]) -> None:
        self.runs: set[tuple[str, ...]] = set()
        short = {run for run in wanted if 0 < len(run) < 3}
        for text in texts:
            words = _words(text)
            self.runs.update(run for run in _runs3(words) if run in wanted)
            if short:
                self.runs.update(run for run in zip(words, strict=False) if run in short)
                self.runs.update(run for run in pairwise(words) if run in short)

    def held(self, lines: list[_Line]) -> list[bool]:
        """For each line, whether most of its words (labels and list marks aside) are kept.

        The words of all the lines are read as one stream, so a line a converter wrapped
        after one or two words is judged with the words that go on below it; a line whose
        printed parts are each kept whole is kept."""
        words = _stream(lines)
        covered = bytearray(len(words))
        for i, run in enumerate(_runs3(words)):
            if run in self.runs:
                covered[i : i + 3] = b"\x01\x01\x01"
        found = [0] * len(lines)
        start = 0
        for index, entry in enumerate(lines):
            end = start + len((entry.plain and _BREAK) or entry.words)
            found[index] = sum(covered[start:end])
            start = end
        return [
            not entry.said
            or found[index] >= _KEPT_SHARE * len(entry.said)
            or self._whole(entry.said)
            or all(self._whole(part) for part in entry.parts if part)
            for index, entry in enumerate(lines)
        ]

    def quotes(self, entry: _Line) -> bool:
        """Whether the kept text quotes most of the line."""
        runs = [tuple(entry.words[i : i + 3]) for i in range(len(entry.words) - 2)]
        found = sum(1 for run in runs if run in self.runs)
        return found >= _KEPT_SHARE * len(runs) if runs else self._whole(entry.words)

    def _whole(self, words: tuple[str, ...]) -> bool:
        """Whether the words stand together in a kept text."""
        if len(words) < 3:
            return words in self.runs
        return all(tuple(words[i : i + 3]) in self.runs for i in range(len(words) - 2))


def _body(doc: SourceDocument, parsed: ParsedPlan) -> Iterator[_Line]:
    """The text lines from the first row of work (or its top section's heading) to the end
    of the tasks (the signature block), tables' rows included."""
    if not parsed.items:
        return
    lines = list(_lines(doc, _RowsRead(parsed)))
    first = min(item.line for item in parsed.items)
    start = first
    tops = {tuple(_words(item.section[0])) for item in parsed.items if item.section}
    for entry in lines:
        if entry.line >= first:
            break
        if entry.words and any(entry.words == top for top in tops):
            start = entry.line
            break
    for entry in lines:
        if entry.line < start:
            continue
        if END_RE.match(entry.text):
            return
        yield entry


class _RowsRead:
    """Which table rows were plainly read: the row of a row of work whose every cell stands
    whole in that row's kept text (a field, extra cell or section). Such a row is kept without
    weighing its words — most rows of a large table. Rows with a warning on their line are
    weighed (a warning may quote them)."""

    def __init__(self, parsed: ParsedPlan) -> None:
        self.warned = {w.line for w in parsed.warnings}
        self.texts: dict[int, list[str]] = {}
        # Cells that are read whole wherever they stand: a section's heading, a column's label
        # (the header repeated on each page).
        self.whole = {column.label for column in parsed.document.columns}
        for item in parsed.items:
            self.whole.update(item.section)
            if item.line not in self.warned:
                texts = self.texts.setdefault(item.line, [])
                texts.extend(item.section)
                texts.extend(_item_texts(item))

    def __call__(self, line: int, cells: list[str]) -> bool:
        if line in self.warned:
            return False
        texts = self.texts.get(line, ())
        return all(
            cell in self.whole or any(_holds(text, cell) for text in texts)
            for cell in cells
            if cell
        )


def _holds(text: str, cell: str) -> bool:
    """Whether ``cell`` stands in ``text`` as whole words ("I" is not in "0I": weighing the
    words would flag it, so keeping the row unweighed must not)."""
    start = text.find(cell)
    while start != -1:
        end = start + len(cell)
        if (start == 0 or not text[start - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            return True
        start = text.find(cell, start + 1)
    return False


def _lines(doc: SourceDocument, read: Callable[[int, list[str]], bool]) -> Iterator[_Line]:
    """The logical lines: a printed line a converter wrapped is joined to the one it goes on
    from (see ``_goes_on``); a table's row is a line of its own, its cells its parts; a row
    ``read`` says was plainly read is a plain line (no words to weigh)."""
    first = last = 0
    parts: list[str] = []
    bold_open = False
    # Whether the line being gathered is one table row, joined to nothing.
    row = False
    # Cells repeat (agencies, timeframes, empty cells): each distinct one is cleaned once.
    cleaned: dict[str, str] = {}
    for line, raws, joinable in _printed(doc):
        for raw in raws:
            if raw not in cleaned:
                cleaned[raw] = _clean(raw)
        cells = [cleaned[raw] for raw in raws]
        text = " ".join(cell for cell in cells if cell)
        if _PAGE_RE.match(text):
            continue
        if parts and joinable and line <= last + 1 and (bold_open or _goes_on(parts, text)):
            parts.append(text)
            last = line
            row = False
        else:
            if parts:
                yield _line(first, last, parts, plain=row and read(first, parts))
            first = last = line
            parts = cells if not joinable else [text]
            row = not joinable
            bold_open = False
        bold_open = joinable and bold_open != (raws[0].count("**") % 2 == 1)
    if parts:
        yield _line(first, last, parts, plain=row and read(first, parts))


def _clean(raw: str) -> str:
    return clean_text(_MARKUP_RE.sub(" ", raw))


def _printed(doc: SourceDocument) -> Iterator[tuple[int, list[str], bool]]:
    """Every printed line (a paragraph's line, or a table row's cells) with its line number,
    and whether it may go on from the one above."""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            for raw in block.text.splitlines():
                yield block.line, [raw], True
        elif isinstance(block, Table):
            for row in block.rows:
                yield row.line, [cell for cell in row.cells if cell.strip()] or [""], False


def _goes_on(above: list[str], text: str) -> bool:
    """Whether a printed line goes on from the ones above: they end on no stop and the line
    opens no item of a list, and it is in lower case, or the line above ends on a word no phrase
    ends on, or they are one or two words after a list mark, or a sentence (not a heading in
    capitals or a numbered one)."""
    opening, closing = above[0], above[-1]
    if not closing or closing.endswith((".", ";", ":", "!", "?")) or _LIST_MARK_RE.match(text):
        return False
    last = closing.rsplit(" ", 1)[-1].casefold()
    return (
        not text[:1].isupper()
        or closing.endswith(",")
        or last in OPEN_ENDINGS
        or (len(above) == 1 and len(_words(_LIST_MARK_RE.sub("", opening, count=1))) <= 2)
        or (not _LIST_MARK_RE.match(opening) and not opening.isupper())
    )


def _line(line: int, last: int, parts: list[str], *, plain: bool = False) -> _Line:
    text = " ".join(part for part in parts if part)
    if plain:
        return _Line(line=line, last=last, text=text, words=(), said=(), parts=(), plain=True)
    return _Line(
        line=line,
        last=last,
        text=text,
        words=tuple(_words(text)),
        said=_said(text),
        parts=tuple(tuple(_words(part)) for part in parts),
    )


def _said(text: str) -> tuple[str, ...]:
    """The words that say something: no list mark, short label or remit formula."""
    said = _LIST_MARK_RE.sub("", text, count=1)
    label, colon, value = said.partition(":")
    if colon and len(_words(label)) <= _LABEL_WORDS:
        said = value
    return tuple(_words(_REMIT_RE.sub(" ", said)))


def _words(text: str) -> list[str]:
    # One string per distinct word: a large plan repeats its words many times over.
    words = _WORD_RE.findall(text.casefold())
    return list(map(_WORDS.setdefault, words, words))


# Distinct words are few (the language's); a plan's word count is not. Emptied after each check.
_WORDS: dict[str, str] = {}
