"""Task tables from a PDF's text: every cell on lines of its own, one cell after another.

Text extracted from a gazette's PDF (issue 15, held-out round 18) keeps a task table as its
cells one after another with no separator: the header's cells one per line, wrapped ("Cơ quan" /
"chủ trì"); then each row as its number alone on a line ("1.", "1.1", or run onto the task:
"10.  Xây dựng Luật …"), its cells in column order, EACH WRAPPED OVER SEVERAL LINES (the task's
lines long, the narrow columns' short, even one word a line: "Các" / "bộ" / "ở" / "Trung ương,");
roman section rows ("I. Đổi mới …", wrapped); the page's running head ("CÔNG BÁO/Số …", the page
number) and the header repeated on every page; rows split across pages.

The header's columns are known (``columns.py``); a row starts at the next number of the
sequence; its lines up to the next number are its cells in column order, segmented by what each
column holds: the task a sentence in long lines (up to a body's name, or a short last line); the
lead a list of bodies, up to a line that starts a new name after a complete one (no comma, no
connective before it); the partners up to a result (a document's or product's noun: "Văn bản",
"Nghị định", "Các hoạt động"); the timeframe the last cell, read by the timeframe grammar
("Thường xuyên", "Quý I/2027", "Hằng năm và từng giai đoạn"). A row cut by a page break is read
in two parts, the second finishing the cells the first left open. Where the segmentation is
unsure (no timeframe, a lead run onto the task's line, a row cut by a page), the row is read
and a warning is left on its line. The lines are handed on as a :class:`Table`, which the table
interpreter reads as any other (sections, numbers, continuation rules, checks).

Round 19: the header is a number column, the task, then any known columns in any order and
columns the vocabulary does not know ("Căn cứ bổ sung", kept as free text); numbers and roman
sections with or without a stop, each section numbering anew; footnotes at a page's foot
skipped; a page break with or without the header. A layout other than lead, partners, result
before the timeframe has its cells assigned by ``serialassign.py``; columns after the
timeframe start at the last line that opens a cell after lines the timeframe grammar reads.

Refused (the document is left to the other readers): a document with a table; a header that is
not a number column, the task, then columns with a lead, at least four known columns, none
twice; fewer than two numbered rows.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cchc.core.text import fold
from cchc.plans.parsing.columns import field_for_label, header_key, is_header, map_header
from cchc.plans.parsing.gluedcells import name_goes_on, split_glued_bodies
from cchc.plans.parsing.gluedlead import split_bodies_before_timeframe
from cchc.plans.parsing.milestones import milestone
from cchc.plans.parsing.resultsets import result_set
from cchc.plans.parsing.serialafter import after_whole_timeframe
from cchc.plans.parsing.serialassign import assign_cells
from cchc.plans.parsing.serialdrafting import drafting_list
from cchc.plans.parsing.serialheader import capital_label, continues_capitals
from cchc.plans.parsing.serialstart import opens_numbering, opens_sections
from cchc.plans.parsing.serialtimefirst import (
    BODY_COLUMNS,
    cells_after_timeframe,
    continues_label,
)
from cchc.plans.parsing.vocabulary import _AGENCY, GAZETTE_HEAD
from cchc.plans.readers.base import Block, Paragraph, Row, SourceDocument, Table
from cchc.scheduling.timeframes import parse_timeframe

_NUMBER_RE = re.compile(r"^(?P<number>\d{1,3}\.(?:\d{1,3}\.?)?)(?:\s+(?P<rest>\S.*))?$")
# A bare number ("1", "7  Đề án …": the column printed without a stop), read as the next of
# the sequence only.
_BARE_NUMBER_RE = re.compile(r"^(?P<number>\d{1,3})(?:\s+(?P<rest>[^\W\d].*))?$")
_ROMAN_RE = re.compile(r"^(?P<label>[IVXLC]{1,6})\.?(?:\s+(?P<rest>\S.*))?$")
# The gazette's running head (``vocabulary.GAZETTE_HEAD``, here a line's start) and the page number.
_RUNNING_HEAD_RE = re.compile(rf"^{GAZETTE_HEAD}\b", re.IGNORECASE)
_PAGE_NUMBER_RE = re.compile(r"^\d{1,4}$")
# (round 21: "Các tỉnh, thành phố", the provinces named by their kind, a cell of bodies)
_BODY_RE = re.compile(
    rf"^(?:{_AGENCY}|Cơ sở (?=khám|y tế|giáo dục|đào tạo)|"
    r"Các (?:tỉnh|thành phố)(?=,|\s+(?:và|thành phố|trực thuộc)\b))"
)
# A result cell opens with what is produced: a document's kind or the activities done.
_OUTPUT_RE = re.compile(
    r"^(?:Các\s+)?(?:Văn bản|Nghị định|Nghị quyết|Quyết định|Đề án|Kế hoạch|Báo cáo|"
    r"Chương trình|Thông tư|Luật|Chỉ thị|Công văn|Cơ chế|Chính sách|Tiêu chuẩn|Đề xuất|"
    r"Chỉ tiêu|Hoạt động|Hệ thống|Tài liệu|Danh mục|Hướng dẫn|Sổ tay|Bộ tiêu chí|Cẩm nang)\b",
    re.IGNORECASE,
)
# A line ending on these does not end a name: the next line goes on with it.
_CONNECTIVE_RE = re.compile(
    # (or on a word broken at its hyphen: "Nghị quyết số 66-" / "NQ/TW")
    # ("trình", submit to, not a noun's last syllable: "toàn trình", "chương trình", round 21)
    r"(?:,|;|(?<=\w)-|\b(?:[Vv]à|của|với|cho|(?<!toàn )(?<!chương )(?<!quy )(?<!lộ )"
    r"(?<!công )(?<!tiến )(?<!tờ )trình|[Hh]oặc|đối|giữa|tại|thuộc|[Cc]ác|cùng|ở|về)"
    # (or on a body's head word: "Bộ Tài chính, Bộ" / "Tư pháp, …")
    r"|\b(?:Bộ|Sở|Cục|Vụ|Ban|Thanh tra|Ủy ban|Uỷ ban|Văn phòng))$"
)
# "Và các cơ quan …": a list going on, capitalised.
_OPENING_CONNECTIVE_RE = re.compile(r"^(?:Và|Hoặc|Cùng)\s")
# How a timeframe cell opens (the grammar reads the rest); "Đã hoàn thành" is a status printed
# in the column, kept as printed.
_TIME_START_RE = re.compile(
    r"^(?:nhiem vu )?(?:thuong xuyen|hang nam|hang quy|hang thang|nam \d|quy [ivx\d]|"
    r"thang \d|tu (?:nam|quy|thang|\d)|truoc|den (?:nam|quy|thang|het)|giai doan|"
    r"da hoan thanh|trong (?:nam|quy|thang)|dinh ky|\d{4}|"
    # (round 19: "Thực hiện thường xuyên, lồng ghép …", "Theo Kế hoạch của …", "Kỳ họp thứ …")
    r"thuc hien (?:thuong xuyen|hang)|theo ke hoach|ky hop)"
)
_BULLET_RE = re.compile(r"^[-+•–]\s")
_SENTENCE_END = (".", ";", ":")


@dataclass(slots=True)
class _Row:
    number: str
    line: int
    parts: list[list[Paragraph]] = field(default_factory=list)
    section: bool = False


def serial_tables(doc: SourceDocument) -> SourceDocument:
    """``doc`` with its serial task table (its paragraphs) replaced by a :class:`Table`; the
    document itself when it holds no such table."""
    if doc.tables:
        return doc
    paragraphs = doc.paragraphs
    found = _find_header(paragraphs)
    if found is None:
        return doc
    start, end, labels, fields = found
    header_lines = [fold(p.text) for p in paragraphs[start:end]]
    rows, last = _rows(paragraphs[end:], header_lines)
    if sum(1 for row in rows if not row.section) < 2:
        return doc
    reader = _Reader(fields=fields, notes=[], width=_title_width(rows))
    table_rows = [Row(cells=labels, line=paragraphs[start].line)]
    for row in rows:
        table_rows.append(reader.row(row))
    table = Table(rows=table_rows, line=paragraphs[start].line)
    blocks: list[Block] = [*paragraphs[:start], table, *paragraphs[end + last :]]
    return SourceDocument(
        name=doc.name,
        format=doc.format,
        blocks=blocks,
        line_unit=doc.line_unit,
        notes=[*doc.notes, *reader.notes],
    )


def _find_header(
    paragraphs: list[Paragraph],
) -> tuple[int, int, list[str], list[str | None]] | None:
    """(first line, line after it, labels, fields) of a header printed one cell a line: a
    number column ("STT", "TT") then labels, a wrapped label's next line in lower case."""
    for start, paragraph in enumerate(paragraphs[:200]):
        if field_for_label(paragraph.text) != "number" or len(paragraph.text) > 12:
            continue
        labels = [paragraph.text.strip()]
        end = start + 1
        while end < len(paragraphs) and len(labels) <= _MAX_COLUMNS:
            text = paragraphs[end].text.strip()
            if (
                len(text) > 40
                or _NUMBER_RE.match(text)
                or _BARE_NUMBER_RE.match(text)
                or _ROMAN_RE.match(text)
            ):
                break
            if (
                text[:1].islower()
                or continues_label(labels[-1], text)
                or continues_capitals(labels[-1], text)
            ):
                labels[-1] = f"{labels[-1]} {text}"
            elif (
                field_for_label(text) is not None
                or _unknown_label(text)
                or capital_label(text, labels)
            ):
                labels.append(text)
            else:
                break
            end += 1
        found = _header_fields(labels)
        if found is None:
            continue
        # A label the vocabulary does not know (also after a wrapped line: "Căn cứ" / "bổ
        # sung") is a column kept as printed, assigned to no field.
        return start, end, labels, found
    return None


_MAX_COLUMNS = 10


def _unknown_label(text: str) -> bool:
    """A column's label the vocabulary does not know: a short heading ("Căn cứ", "Ghi chú"),
    capitalised, of at most four words, with no stop."""
    words = text.split()
    return text[:1].isupper() and 1 <= len(words) <= 4 and not text.rstrip().endswith((".", ";"))


def _header_fields(labels: list[str]) -> list[str | None] | None:
    """The header's fields: a number column then the task, then any columns in any order (a
    field named twice, or fewer than a lead and one more known column, is no task table)."""
    if len(labels) < 4:
        return None
    fields = map_header(labels)
    known = [f for f in fields if f is not None]
    if fields[0] != "number" or fields[1] != "title" or "lead" not in fields:
        return None
    few = len(known) < 4 and not drafting_list(labels, fields)  # (serialdrafting.py)
    if len(known) != len(set(known)) or few or not is_header(labels):
        return None
    # A header of people ("Họ và tên" / "Chức vụ") has no task column: refused above.
    return fields


def _rows(paragraphs: list[Paragraph], header: list[str]) -> tuple[list[_Row], int]:
    """The rows after the header (each in parts cut by page breaks), and how many paragraphs
    they span (the table runs to the document's end, as an annex's does)."""
    rows: list[_Row] = []
    index = 0
    broken = False
    while index < len(paragraphs):
        text = paragraphs[index].text.strip()
        if _RUNNING_HEAD_RE.match(text) or (
            _PAGE_NUMBER_RE.match(text)
            and index > 0
            and _RUNNING_HEAD_RE.match(paragraphs[index - 1].text.strip())
        ):
            index += 1
            broken = True
            continue
        footnotes = _footnotes(paragraphs, index)
        if footnotes:
            index += footnotes
            continue
        if [fold(p.text) for p in paragraphs[index : index + len(header)]] == header:
            index += len(header)
            broken = True
            continue
        numbered = _NUMBER_RE.match(text) or _BARE_NUMBER_RE.match(text)
        roman = _ROMAN_RE.match(text)
        if numbered and (
            _follows(numbered["number"], rows)
            or opens_numbering(text, any(row.number[:1].isdigit() for row in rows))
        ):
            rest = numbered["rest"]
            line = paragraphs[index].line
            part = [Paragraph(text=rest, line=line)] if rest else []
            rows.append(_Row(number=numbered["number"], line=line, parts=[part]))
        elif roman and (
            (roman["rest"] and text[len(roman["label"])] == ".")
            or _follows_roman(roman["label"], rows)
            or opens_sections(roman["label"], len(rows), _ROMANS)
        ):
            line = paragraphs[index].line
            rest = roman["rest"]
            rows.append(_Row(number=roman["label"] + ".", line=line, section=True))
            rows[-1].parts = [[Paragraph(text=rest, line=line)] if rest else []]
        elif rows:
            if broken and not rows[-1].section:
                rows[-1].parts.append([])
            rows[-1].parts[-1].append(paragraphs[index])
        else:
            return [], 0
        broken = False
        index += 1
    _mark_topics(rows)
    return rows, index


# A page's footnote: its number, then a line wider than any cell ("1 Nghị quyết số 66-NQ/TW
# ngày 30/4/2025 của Bộ Chính trị về …"); the table's cells are narrow.
_FOOTNOTE_RE = re.compile(r"^\d{1,2} [A-ZĐ]\S*\s.{90,}$")


def _footnotes(paragraphs: list[Paragraph], index: int) -> int:
    """How many lines of footnotes open at ``index``: from a footnote's line to the running
    head of the page's foot (within a few lines); 0 when none."""
    if not _FOOTNOTE_RE.match(paragraphs[index].text.strip()):
        return 0
    for end in range(index + 1, min(len(paragraphs), index + 8)):
        if _RUNNING_HEAD_RE.match(paragraphs[end].text.strip()):
            return end - index
    return 0


def _follows(number: str, rows: list[_Row]) -> bool:
    """Whether ``number`` is the next of the table's numbering ("3." after "2.", "1.1" after
    "1." or "1.2" after "1.1", "2." after "1.3")."""
    numbered = [row.number for row in rows if row.number[:1].isdigit()]
    parts = [int(p) for p in number.strip(".").split(".")]
    if not numbered or not rows[-1].number[:1].isdigit():
        # The first row, or the first under a roman section (each section numbers anew).
        return parts in ([1], [1, 1]) or (bool(numbered) and _follows_number(parts, numbered[-1]))
    return _follows_number(parts, numbered[-1])


def _follows_roman(label: str, rows: list[_Row]) -> bool:
    """Whether a roman section's label is the table's first ("I") or the next one."""
    romans = [row.number.rstrip(".") for row in rows if not row.number[:1].isdigit()]
    want = _ROMANS[_ROMANS.index(romans[-1]) + 1] if romans and romans[-1] in _ROMANS else "I"
    return label == want or (not romans and label in _ROMANS[:2])


_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _follows_number(parts: list[int], previous: str) -> bool:
    last = [int(p) for p in previous.strip(".").split(".")]
    top = last[0]
    nexts = [[top + 1], [top, 1] if len(last) == 1 else [top, last[1] + 1]]
    return parts in nexts


def _mark_topics(rows: list[_Row]) -> None:
    """A number followed by its first child ("1." then "1.1") is a topic: a section row."""
    for row, after in itertools.pairwise(rows):
        if not row.section and after.number.startswith(row.number.rstrip(".") + "."):
            row.section = True


def _title_width(rows: list[_Row]) -> int:
    """The task column's width: the usual length of a row's first line (the task's, long)."""
    firsts = [len(row.parts[0][0].text) for row in rows if row.parts and row.parts[0]]
    return int(statistics.median(firsts)) if firsts else 40


def _starts_cell(previous: str, text: str, *, comma: bool = True) -> bool:
    """A line starts a new cell: it opens with a capital after a line that ends a name (a
    comma goes on with a list of bodies, ``comma``, not with a task's sentence)."""
    previous = previous.strip()
    if not comma:
        previous = previous.rstrip(",")
    return (
        text[:1].isupper()
        and not _CONNECTIVE_RE.search(previous)
        and not _OPENING_CONNECTIVE_RE.match(text)
        and not _acronyms_going_on(previous, text)
        and not name_goes_on(previous, text, lambda t: _BODY_RE.match(t) is not None)
    )


def _starts_cut_cell(previous: str, text: str) -> bool:
    """In a row the page cuts, a line also starts a new cell where a body's name follows a
    list's item ("Khoản 2 Điều 20;" / "Bộ Khoa học và Công nghệ", round 21: the page cut the
    list of provisions whose last item would end with a stop)."""
    return _starts_cell(previous, text) or (
        previous.rstrip().endswith(";") and bool(_BODY_RE.match(text))
    )


# A line of abbreviations only ("PCPNN,", "VTV, VOV,").
_ACRONYMS_RE = re.compile(r"^[A-ZĐ]{2,}(?:[,;]?\s+[A-ZĐ]{2,})*[,;]?$")


def _acronyms_going_on(previous: str, text: str) -> bool:
    """A line of abbreviations the vocabulary does not know as a body's name after a line
    ending on a word in lower case goes on with its name ("các tổ chức" / "PCPNN,")."""
    return (
        bool(_ACRONYMS_RE.match(text))
        and not _BODY_RE.match(text)
        and previous[-1:].isalpha()
        and previous[-1:].islower()
    )


@dataclass
class _Reader:
    fields: list[str | None]
    notes: list[tuple[int | None, str, str]]
    width: int
    # Each column's key: its field, or "#<index>" for a column read as free text.
    keys: list[str] = field(default_factory=list)
    middle: list[str] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)
    general: bool = False

    def __post_init__(self) -> None:
        self.keys = [f if f else f"#{i}" for i, f in enumerate(self.fields)]
        self.fields = list(self.keys)
        end = self.keys.index("timeframe") if "timeframe" in self.keys else len(self.keys)
        self.middle = self.keys[2:end]
        self.trailing = self.keys[end + 1 :]
        # The layout of rounds 18's tables (lead, partners, result in that order, nothing after
        # the timeframe) keeps its reading; any other is cut into cells and assigned.
        self.general = bool(self.trailing) or self.middle != [
            f for f in ("lead", "partners", "outputs") if f in self.middle
        ]

    def _long(self, text: str) -> bool:
        return len(text) >= 0.7 * self.width

    def row(self, row: _Row) -> Row:
        cells = dict.fromkeys(self.keys, "")
        cells["number"] = row.number
        if row.section:
            cells["title"] = _join(line.text for part in row.parts for line in part)
            return Row(cells=[cells[key] for key in self.keys], line=row.line)
        unsure: list[str] = []
        first = self._cells(row.parts[0], unsure, cut=len(row.parts) > 1)
        for part in row.parts[1:]:
            if part:
                self._continue(first, part)
                unsure.append(_("the row goes on after a page break"))
        for name in self.keys[1:]:
            cells[name] = _join(first.get(name, []))
        if "timeframe" in self.fields and not cells["timeframe"]:
            unsure.append(_("no timeframe found"))
        if unsure:
            self.notes.append(
                (
                    row.line,
                    _(
                        "Row %(number)s of a table printed one cell after another was "
                        "segmented with less certainty (%(why)s): check its cells."
                    )
                    % {"number": row.number.rstrip("."), "why": "; ".join(unsure)},
                    "serial-cells-unsure",
                )
            )
        return Row(cells=[cells[key] for key in self.keys], line=row.line)

    def _cells(
        self, lines: list[Paragraph], unsure: list[str], *, cut: bool = False
    ) -> dict[str, list[str]]:
        """The cells of a row's lines (``cut``: the row goes on after a page break, each cell
        may have only its first lines here: a body's name always starts a new one)."""
        texts = _split_wide(lines) if self.general else _texts(lines)
        found: dict[str, list[str]] = {}
        if self.trailing:
            texts = _trailing(texts, self.trailing, found)
        if "timeframe" in self.fields:
            texts, time = _timeframe(texts, 20)
            if time:
                found["timeframe"] = [time]
        title: list[str] = []
        if "title" in self.fields:
            while texts:
                text = texts[0]
                if title and (
                    (
                        _BODY_RE.match(_join(texts[:3]))
                        and _starts_cell(title[-1], text, comma=False)
                    )
                    or (title[-1].endswith(_SENTENCE_END) and text[:1].isupper())
                    or (not self._long(title[-1]) and not _BULLET_RE.match(text))
                ):
                    break
                title.append(texts.pop(0))
            found["title"] = title
        if self.general:
            starts = _starts_cut_cell if cut else _starts_cell
            texts = split_bodies_before_timeframe(texts, self.middle)  # (gluedlead.py)
            if not assign_cells(texts, self.middle, found, starts=starts, kind=_kind):
                unsure.append(_("the cells do not match the columns one for one"))
            return found
        self._bodies(texts, "lead", found, cut=cut)
        if title and not found.get("partners") and found.get("lead"):
            # The lead run onto the task's last line ("… phù hợp Bộ Y tế"): the bodies read
            # as the lead are the partners.
            run_on = _run_on_lead(title[-1])
            if run_on:
                title[-1] = title[-1][: -len(run_on)].rstrip()
                found["partners"], found["lead"] = found["lead"], [run_on]
                unsure.append(_("a lead run onto the task's line"))
        return found

    def _bodies(
        self, texts: list[str], column: str, found: dict[str, list[str]], *, cut: bool = False
    ) -> None:
        """Lead, partners and result: a new cell at a capital after a complete name (or at a
        body's name, ``cut``): after the lead the partners' unless a result's noun opens it,
        after the partners the result's unless a body's name opens it."""
        columns = [f for f in ("lead", "partners", "outputs") if f in self.fields]
        if column not in columns:
            column = columns[0] if columns else "outputs"
        previous = ""
        for index, text in enumerate(texts):
            if previous and (
                _starts_cell(previous, text) or (cut and _BODY_RE.match(_join(texts[index:])))
            ):
                opening = _join(texts[index : index + 3])
                result = _OUTPUT_RE.match(opening) is not None or result_set(opening)
                # After the lead, the partners unless a result's noun opens; after them, the
                # result unless a body's name opens ("Bộ Y tế" but not "Bộ tiêu chí").
                if column == "lead" and "partners" in columns and not result:
                    column = "partners"
                elif "outputs" in columns and (result or not _BODY_RE.match(opening)):
                    column = "outputs"
            found.setdefault(column, []).append(text)
            # (the two last lines: a name's head word broken, "Thanh" / "tra" / "Chính phủ")
            previous = _join(texts[max(0, index - 1) : index + 1])

    def _continue(self, found: dict[str, list[str]], lines: list[Paragraph]) -> None:
        """The part of a row after a page break: the task's lines go on while they are long
        (and its last, shorter line), then the cells the first part left open."""
        texts = _split_wide(lines) if self.general else _texts(lines)
        if self.trailing and not any(found.get(key) for key in self.trailing):
            texts = _trailing(texts, self.trailing, found)
        if "timeframe" in self.fields and not found.get("timeframe"):
            texts, time = _timeframe(texts, 20)
            if time:
                found["timeframe"] = [time]
        title = found.get("title", [])
        if title and not title[-1].endswith(_SENTENCE_END):
            while texts:
                text = texts[0]
                last = title[-1]
                if not (
                    self._long(text)
                    or _BULLET_RE.match(text)
                    or (self._long(last) and not last.endswith(_SENTENCE_END))
                ):
                    break
                if (
                    self.general
                    and not (self._long(text) or _BULLET_RE.match(text))
                    and len(texts) > 1
                    and not _starts_cell(text, texts[1])
                    and not _SENTENCE_GOES_ON_RE.match(text)
                ):
                    # The task's short last line ends the part or comes before a new cell; a
                    # short line before a lower-case one is a narrow cell's tail.
                    break
                title.append(texts.pop(0))
        if self.general:
            if texts and not any(found.get(key) for key in self.middle):
                # The page cut the row within its task: the cells are all on this page.
                assign_cells(texts, self.middle, found, starts=_starts_cell, kind=_kind)
            elif texts:
                # The tallest cell is the one the page cut: the lines left go on with it.
                tallest = max(self.middle[::-1], key=lambda key: len(found.get(key, [])))
                # (the one cell left open, its last line a list's item: "Điều 21;", round 21)
                cut_open = [k for k in self.middle if found.get(k) and found[k][-1].endswith(";")]
                tallest = cut_open[0] if len(cut_open) == 1 else tallest
                found.setdefault(tallest, []).extend(texts)
            return
        lead = found.get("lead", [])
        if texts and lead and _CONNECTIVE_RE.search(lead[-1]):
            lead.append(texts.pop(0))
        if texts:
            # (the lead's when the page cut the row before it)
            self._bodies(texts, "partners" if lead else "lead", found)


def _kind(lines: list[str]) -> str:
    """What a cell opens with: a body's name, a result's noun, or neither."""
    opening = _join(lines[:3])
    if _OUTPUT_RE.match(opening) or result_set(opening):  # "Bộ chỉ số …" (resultsets.py)
        return "output"
    return "body" if _BODY_RE.match(opening) else ""


def _trailing(texts: list[str], keys: list[str], found: dict[str, list[str]]) -> list[str]:
    """The lines before the columns printed after the timeframe ("Căn cứ bổ sung"): the cells
    after the first line of the row's last ones that opens a cell after a timeframe (the
    grammar reads the lines before it), cut where a line opens a cell, one a column."""
    # (the bodies' columns right after the timeframe: the lead starts after the date)
    after = (
        cells_after_timeframe(texts, _is_timeframe)
        if keys[0] in BODY_COLUMNS
        else after_whole_timeframe(texts, _starts_cell, lambda lines: _timeframe(lines)[1])
    )
    first = len(texts) if after is None else after
    for index in range(len(texts) - 1, max(0, len(texts) - 8), -1):
        if after is not None:
            break
        if _starts_cell(texts[index - 1], texts[index]) and _timeframe(texts[:index])[1]:
            first = index
            break
    cells: list[list[str]] = []
    tail = split_glued_bodies(texts[first:])  # "Bộ X Các bộ, …" on one line (gluedcells.py)
    for index, text in enumerate(tail):
        if not cells or (len(cells) < len(keys) and _starts_cell(tail[index - 1], text)):
            cells.append([])
        cells[-1].append(text)
    for key, cell in zip(keys, cells, strict=False):
        found[key] = cell
    return texts[:first]


def _timeframe(texts: list[str], window: int = 7) -> tuple[list[str], str]:
    """The lines before the timeframe cell, and the cell: from the last line opening with a
    capital (of the last few) that the grammar reads or that opens as timeframes do ("Từ" /
    "quý" / "III/2026" / "đến" / …); else the end of the last
    line ("văn bản phối hợp Thường xuyên")."""
    for index in range(len(texts) - 1, max(-1, len(texts) - window), -1):
        if texts[index][:1].isupper() or texts[index][:1].isdigit():
            cell = _join(texts[index:])
            if _is_timeframe(cell):
                if window > 7:
                    # A date's opening words on the lines above ("Trước" / "ngày" / "01/3/2027",
                    # "Năm" / "2026 –" / "2030").
                    while index and not cell[:1].isupper() and _opens_date(texts[index - 1]):
                        longer = _join(texts[index - 1 :])
                        if not _is_timeframe(longer):
                            break
                        index, cell = index - 1, longer
                return texts[:index], cell
    if texts:
        last = texts[-1]
        for match in re.finditer(r"\s(?=[A-ZĐ])", last):
            cell = last[match.end() :]
            if _is_timeframe(cell):
                return [*texts[:-1], last[: match.start()]], cell
    return texts, ""


def _opens_date(text: str) -> bool:
    """A line that a date below it finishes: one word ("Trước", "ngày", "Năm") or a range's
    opening ("2026 –", "từ năm 2026 đến")."""
    return len(text.split()) == 1 or bool(re.search(r"(?:[-–]|\bđến|\btừ)$", text))


def _is_timeframe(text: str) -> bool:
    if re.match(r"\d{4}\b", text):  # "2026 và hằng năm" (the key drops leading digits)
        return True
    return (
        bool(_TIME_START_RE.match(header_key(text)))
        or parse_timeframe(text).kind != "unknown"
        or milestone(text)  # "Hoàn thành xây dựng Đề án trong quý II/2026" (milestones.py)
    )


_RUN_ON_RE = re.compile(rf"\s(?P<lead>(?:{_AGENCY})(?:\s+\S+){{0,5}})$")


def _run_on_lead(text: str) -> str:
    """The body's name ending a task's line ("… theo lộ trình phù hợp Bộ Y tế"), or ""."""
    found = _RUN_ON_RE.search(text)
    if found is None:
        return ""
    lead = found["lead"]
    words = lead.split()
    # A name: its words after the head open with capitals or are a sector's words.
    if any(ch in lead for ch in ",.;:") or len(words) > 6:
        return ""
    return lead if any(w[:1].isupper() for w in words[1:]) or len(words) <= 3 else ""


def _texts(lines: list[Paragraph]) -> list[str]:
    return [line.text.strip() for line in lines if line.text.strip()]


# Two cells on one line: a run of spaces before a capital ("cơ quan ngang bộ  Bộ Tư pháp").
_WIDE_GAP_RE = re.compile(r"\s{2,}(?=[A-ZĐÀ-Ỹ])")


def _split_wide(lines: list[Paragraph]) -> list[str]:
    """The lines' texts, a line holding two cells apart a run of spaces split in two."""
    return [part for text in _texts(lines) for part in _WIDE_GAP_RE.split(text) if part]


def _join(lines: Iterable[str]) -> str:
    """The lines as one text; a word broken at its hyphen ("210-" / "KL/TW", "NĐ-" / "CP")
    joined whole."""
    return _BROKEN_HYPHEN_RE.sub("-", " ".join(line.strip() for line in lines if line.strip()))


_BROKEN_HYPHEN_RE = re.compile(r"(?<=[\dA-ZĐ])- (?=[A-ZĐ]{2})")
# A task's line going on with its sentence ("của Bộ Chính trị"), not a narrow cell's tail.
_SENTENCE_GOES_ON_RE = re.compile(r"^(?:của|và|theo|tại|trong|với|cho|về|để|nhằm)\s")
