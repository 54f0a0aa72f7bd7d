"""Nothing silently lost or split: the document's numbered points and lists against the rows.

The coverage check (``coverage.py``) weighs words: a point dropped before the first row (where
its body starts) or whose words stand in a kept place is not found by it; the suspect-field
check (``suspects.py``) tests each field's shape, and a row that is another row's text has the
right shape. This check runs once after them on the finished result (``assemble``), knowing
nothing of how a row was read:

- ``points-missing``: the document numbers its points ("1.", "2." … or "(1)", "(2)", "1)" … at
  the start of a paragraph's line, markup aside); each point spans from its line to the next
  point of its run, or of a run it stands in (the "(n)" under "1." end at "2."; "1.2.", "II.",
  "a)" bound them too). A point in whose span no row of work starts and no warning stands, in a
  run where another point does carry a row or a warning, was read into no row of its own: one
  warning per point, on its line. Not looked at: a run no point of which carries anything (aims,
  a preamble), a list under a point read as a row (that row's contents), the first and last
  points of a top-level run (an appraisal "1. Ghi nhận …", "1. Thời gian thực hiện" before the
  tasks: only the gaps between rows), and closing formulas ("6. Trong quá trình thực hiện …").
- ``list-split``: a row starting inside a bulleted list ("- …" lines up to the next point)
  whose other bullets, marks included, stand in the notes of the row the list is under (no point
  between them): the list was read partly as that row's contents and partly as rows.
- ``lead-not-announced``: a bullet that asks a body for the bullets below it ("- Bên cạnh …,
  Tổng cục X đề nghị Cục Y tăng cường … như sau:") and a row among those bullets led by the body
  a paragraph above announced instead (issue 15, round 11).

Cost: three passes over the document's lines (the last over its logical lines, weighing only
those ending with ":") and a bisection per point: a few hundredths of a second on a 10,000-row
plan (bench/README.md).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cchc.core.text import fold
from cchc.plans.parsing.coverage import END_RE, NON_TASK_RE
from cchc.plans.parsing.lines import logical_lines
from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.parsing.structure import announcing
from cchc.plans.readers.base import Paragraph, SourceDocument

MISSING_CODE = "points-missing"
SPLIT_CODE = "list-split"
LOST_CODE = "number-lost"
ANNOUNCED_CODE = "lead-not-announced"

# The kinds of point checked ("1." and "(1)", "1)") and the ones that only bound them:
# "1.2.", "II.", "a)", "(a)", "(ii)". Markup ("**", "#") before the mark is left out.
_MARK_RE = re.compile(
    r"^[\s*#>_]*(?:(?P<dot>\d{1,3})\.(?!\d)|\((?P<paren>\d{1,3})\)|(?P<half>\d{1,3})\)"
    r"|(?P<sub>\d{1,3}(?:\.\d{1,3})+\.?)|(?P<roman>[IVXLC]{1,6})\.|(?P<letter>[a-zđ])\)"
    r"|\((?P<pletter>[a-zđivx]{1,5})\))(?=\s|\*|$)"
)
_CHECKED = ("dot", "paren", "half")
_BULLET_RE = re.compile(r"^[\s*_]*-\s+")
# A bullet of any mark: "- …", "+ …", "• …".
_LIST_BULLET_RE = re.compile(r"^[\s*_]*[-+•]\s+")
# The first words of a bullet looked for in the notes of the row above its list.
_BULLET_WORDS = 4
_SHOWN_WORDS = 10
# Characters of a point's opening gathered from the lines below a mark standing alone.
_OPENING_CHARS = 80
# A directive opening a point: who is asked, told or given the task follows.
_DIRECTIVE_RE = re.compile(r"^(?:Yêu cầu|Giao|Đề nghị|Chỉ đạo|Phân công|Kêu gọi|Giao cho)\s+\S")


@dataclass(slots=True)
class _Point:
    line: int
    kind: str
    number: int
    text: str
    # The first line after the point's span (the next point of its run or of a run it is in).
    end: int = 0
    # Its first words: its text, or the lines below when the mark stands alone ("**2.**").
    opening: str = ""


@dataclass(slots=True)
class _Run:
    points: list[_Point]
    # The point of another kind the run stands in ("1." over "(1)" … "(7)"), if any.
    parent: _Point | None


def check_points(doc: SourceDocument, parsed: ParsedPlan) -> None:
    """Warn (``points-missing``, ``list-split``, ``number-lost``) about numbered points no row
    carries, rows whose text another row's notes hold and rows that lost their number."""
    if not parsed.items:
        return
    starts = sorted({item.line for item in parsed.items})
    marks = sorted(set(starts) | {w.line for w in parsed.warnings if w.line is not None})
    found = False
    for run in _runs(doc):
        found = _check_run(parsed, run, marks, starts) or found
    found = _check_lists(doc, parsed, starts) or found
    found = _check_lost_numbers(parsed) or found
    found = _check_announced_leads(doc, parsed) or found
    if found:
        parsed.warnings.sort(key=lambda w: w.line or 0)


def _check_run(parsed: ParsedPlan, run: _Run, marks: list[int], starts: list[int]) -> bool:
    def carried(point: _Point) -> bool:
        at = bisect_left(marks, point.line)
        return at < len(marks) and marks[at] < point.end

    parent = run.parent
    if parent is not None and _starts_within(starts, parent.line, run.points[0].line):
        # A list under a point read as a row is that row's contents (its notes, its text).
        return False
    held = [carried(point) for point in run.points]
    if not any(held):
        return False
    first, last = held.index(True), len(held) - 1 - held[::-1].index(True)
    missing = [
        point
        for index, point in enumerate(run.points)
        if not held[index]
        # The first and last points of a top-level run are often no work (the aims, an
        # appraisal, the time of the whole plan): only the gaps between rows are looked at.
        and (parent is not None or first < index < last)
        and not NON_TASK_RE.search(point.text)
    ]
    listed = f"{_label(run.points[0])} … {_label(run.points[-1])}"
    # Outside the rows' gaps (before the first point carried, after the last), a point that
    # opens with a directive ("Yêu cầu các cấp uỷ …", "Giao Bộ X …", "Đề nghị …") is a task
    # all the same: an appraisal or an aim opens otherwise ("1. Cơ bản thống nhất với …").
    directives = [
        point
        for index, point in enumerate(run.points)
        if not held[index]
        and parent is None
        and not first < index < last
        and _DIRECTIVE_RE.match(point.opening) is not None
        and not NON_TASK_RE.search(point.text)
    ]
    for point in directives:
        parsed.warn(
            point.line,
            _(
                "The numbered point %(mark)s of the document (its list %(list)s) opens with a "
                "directive («%(text)s …») but was read into no row of work; check it"
            )
            % {
                "mark": _label(point),
                "list": listed,
                "text": " ".join(point.opening.split()[:_SHOWN_WORDS]),
            },
            MISSING_CODE,
        )
    if not missing:
        return bool(directives)
    for point in missing:
        parsed.warn(
            point.line,
            _(
                "The numbered point %(mark)s of the document (its list %(list)s) was read into "
                "no row of work of its own, while the points beside it were; check it: "
                "«%(text)s …»"
            )
            % {
                "mark": _label(point),
                "list": listed,
                "text": " ".join(point.text.split()[:_SHOWN_WORDS]),
            },
            MISSING_CODE,
        )
    return True


def _starts_within(starts: list[int], begin: int, end: int) -> bool:
    at = bisect_left(starts, begin)
    return at < len(starts) and starts[at] < end


def _label(point: _Point) -> str:
    if point.kind == "dot":
        return f"{point.number}."
    if point.kind == "paren":
        return f"({point.number})"
    return f"{point.number})"


def _runs(doc: SourceDocument) -> Iterator[_Run]:
    """The runs of numbered points of the document's paragraphs up to the signature, each
    point's span ending where the next point of its run, or of a run it stands in, starts."""
    # The open runs, outermost first.
    stack: list[_Run] = []
    last = 0
    for line, text in _printed(doc):
        last = line
        if END_RE.match(text):
            break
        match = _MARK_RE.match(text)
        if match is None:
            # a mark alone on its line ("**2.**"): its words are on the lines below
            if stack and not stack[-1].points[-1].text:
                point = stack[-1].points[-1]
                if len(point.opening) < _OPENING_CHARS:
                    point.opening = f"{point.opening} {text.strip(' *_')}".strip()
            continue
        kind = match.lastgroup or ""
        if any(run.points[0].kind == kind for run in stack):
            # Close the runs inside this one; their last point ends here.
            while stack[-1].points[0].kind != kind:
                yield from _closed(stack.pop(), line)
        top = stack[-1] if stack and stack[-1].points[0].kind == kind else None
        if top is not None:
            top.points[-1].end = line
        number = int(match.group(kind)) if kind in _CHECKED else 0
        point = _Point(line, kind, number, text[match.end() :].strip(" *"))
        point.opening = point.text.strip(" *_")
        if top is not None and (kind not in _CHECKED or number > top.points[-1].number):
            top.points.append(point)
            continue
        if top is not None:
            # Numbering begins again: a new run of the same kind.
            yield from _closed(stack.pop(), line)
        outer = stack[-1].points[-1] if stack else None
        stack.append(_Run([point], outer if outer is not None and outer.kind != "roman" else None))
    while stack:
        yield from _closed(stack.pop(), last + 1)


def _closed(run: _Run, end: int) -> Iterator[_Run]:
    if not run.points[-1].end:
        run.points[-1].end = end
    if run.points[0].kind in _CHECKED and len(run.points) > 1:
        yield run


def _printed(doc: SourceDocument) -> Iterator[tuple[int, str]]:
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            for raw in block.text.splitlines():
                yield block.line, raw


def _check_lists(doc: SourceDocument, parsed: ParsedPlan, starts: list[int]) -> bool:
    """``list-split``: rows that start inside a bulleted list ("- …" lines) some bullets of
    which, marks included, are the notes of the row the list stands under."""
    found = False
    by_line = {item.line: item for item in parsed.items}
    marks = [line for line, text in _printed(doc) if _MARK_RE.match(text)]
    for bullets in _bullet_lists(doc):
        first, last = bullets[0][0], bullets[-1][0]
        at = bisect_left(starts, first)
        if at == 0:
            continue
        holder = by_line[starts[at - 1]]
        notes = " ".join((holder.notes or "").casefold().split())
        # the list under the holder: no point or heading between them
        if not notes or _starts_within(marks, holder.line + 1, first):
            continue
        if not any(bullet in notes for _line, bullet in bullets):
            continue
        for line in (line for line in starts[at:] if line <= last):
            found = True
            item = by_line[line]
            parsed.warn(
                line,
                _(
                    "Row %(number)s, «%(text)s»: it stands inside a list that is partly the "
                    "notes of the row of line %(holder)d: the list may have been split, part "
                    "notes and part rows. Check it before storing."
                )
                % {
                    "number": item.number or "?",
                    "text": " ".join((item.title or "").split()[:_SHOWN_WORDS]),
                    "holder": holder.line,
                },
                SPLIT_CODE,
            )
    return found


def _bullet_lists(doc: SourceDocument) -> Iterator[list[tuple[int, str]]]:
    """The bulleted lists of the paragraphs: each bullet's line and opening (its mark and first
    words, in lower case); a list ends at a numbered or lettered point or the signature."""
    bullets: list[tuple[int, str]] = []
    for line, text in _printed(doc):
        bullet = _BULLET_RE.match(text)
        if bullet is not None:
            words = text[bullet.end() :].casefold().split()[:_BULLET_WORDS]
            if len(words) == _BULLET_WORDS:
                bullets.append((line, "- " + " ".join(words)))
            continue
        if bullets and (_MARK_RE.match(text) or END_RE.match(text)):
            if len(bullets) > 1:
                yield bullets
            bullets = []
    if len(bullets) > 1:
        yield bullets


# The letters of lettered points, in order (no "f", "j", "w", "z"); "đ" counts half a step, as
# many documents go from "d)" to "e)" without it.
_LETTERS = "abcdeghiklmnopqrstuvxy"
_NUMBER_RE = re.compile(r"^\(?(?P<outer>(?:\d{1,3}\.)*)(?P<last>\d{1,3}|[a-zđ])[.)]?$")


def _number_key(number: str | None) -> tuple[str, float] | None:
    """A row's number as its kind (the outer numbers and digit or letter) and its rank."""
    match = _NUMBER_RE.match((number or "").strip())
    if match is None:
        return None
    last = match.group("last")
    if last.isdigit():
        return (match.group("outer") + "1", int(last))
    if last == "đ":
        return (match.group("outer") + "a", _LETTERS.index("d") + 0.5)
    if last in _LETTERS:
        return (match.group("outer") + "a", _LETTERS.index(last))
    return None


def _check_lost_numbers(parsed: ParsedPlan) -> bool:
    """``number-lost``: a row with no number, on a line of its own, between two rows of one
    section numbered N and N+2 ("4." / no number / "6."): the row is point N+1 whose number
    was not read, or another point's text read as a row while N+1 went elsewhere. (A row with
    no number between N and N+1 is a second paragraph or sentence: the corpus keeps those.)"""
    items = parsed.items
    warned = {w.line for w in parsed.warnings}
    found = False
    for before, row, after in zip(items, items[1:], items[2:], strict=False):
        if (row.number or "").strip() or row.line == before.line or row.line in warned:
            continue
        if not (before.section == row.section == after.section):
            continue
        low, high = _number_key(before.number), _number_key(after.number)
        if low is None or high is None or low[0] != high[0] or high[1] != low[1] + 2:
            continue
        found = True
        parsed.warn(
            row.line,
            _(
                "Row «%(text)s» has no number between rows %(before)s and %(after)s: it may "
                "be a point whose number was not read, or the rows around it may be shifted. "
                "Check it before storing."
            )
            % {
                "text": " ".join((row.title or "").split()[:_SHOWN_WORDS]),
                "before": before.number,
                "after": after.number,
            },
            LOST_CODE,
        )
    return found


def _check_announced_leads(doc: SourceDocument, parsed: ParsedPlan) -> bool:
    """``lead-not-announced``: after a bullet that asks a body for the bullets below it (it
    ends with ":"; ``structure.announcing``), up to the next numbered point, a row whose lead is
    the body a paragraph above announced (the reader carried that lead over the bullet's)."""
    found = False
    leads: dict[int, str] = {}
    for item in parsed.items:
        leads.setdefault(item.line, item.lead or "")
    outer, inner = "", ""
    for line, text in logical_lines(doc.paragraphs):
        if END_RE.match(text):
            break
        bullet = _LIST_BULLET_RE.match(text)
        # (only a line ending with ":" announces: the others are not weighed)
        announced = (
            announcing(text[bullet.end() :] if bullet else text) if text.endswith(":") else None
        )
        if bullet is None:
            if _MARK_RE.match(text):
                inner = ""  # a numbered point ends the bullet's list
            elif announced is not None:
                outer, inner = announced.group("lead"), ""
            continue
        lead = leads.get(line, "")
        if inner and outer and lead and fold(lead) == fold(outer) != fold(inner):
            found = True
            parsed.warn(
                line,
                _(
                    "The row's lead «%(lead)s» is the body a paragraph above announced, but the "
                    "bullet above this list asks «%(asked)s»; check it."
                )
                % {"lead": lead, "asked": inner},
                ANNOUNCED_CODE,
            )
        if announced is not None:
            inner = announced.group("lead")
    return found
