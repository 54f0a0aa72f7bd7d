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

Refused (the document is left to the other readers): a document with a table; a header that is
not a number column then at least three columns named in the order task, lead, partners,
result, timeframe; fewer than two numbered rows.
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
from cchc.plans.parsing.vocabulary import _AGENCY
from cchc.plans.readers.base import Block, Paragraph, Row, SourceDocument, Table
from cchc.scheduling.timeframes import parse_timeframe

# The order the genre prints a task table's columns in; other columns are not read this way.
_ORDER = ("number", "title", "lead", "partners", "outputs", "timeframe")
_NUMBER_RE = re.compile(r"^(?P<number>\d{1,3}\.(?:\d{1,3}\.?)?)(?:\s+(?P<rest>\S.*))?$")
_ROMAN_RE = re.compile(r"^(?P<label>[IVXLC]{1,6})\.\s+(?P<rest>\S.*)$")
# The gazette's running head ("CÔNG BÁO/Số 286/Ngày 27-05-2026") and the page number.
_RUNNING_HEAD_RE = re.compile(r"^CÔNG BÁO\s*/\s*Số\b", re.IGNORECASE)
_PAGE_NUMBER_RE = re.compile(r"^\d{1,4}$")
_BODY_RE = re.compile(rf"^(?:{_AGENCY}|Cơ sở (?=khám|y tế|giáo dục|đào tạo))")
# A result cell opens with what is produced: a document's kind or the activities done.
_OUTPUT_RE = re.compile(
    r"^(?:Các\s+)?(?:Văn bản|Nghị định|Nghị quyết|Quyết định|Đề án|Kế hoạch|Báo cáo|"
    r"Chương trình|Thông tư|Luật|Chỉ thị|Công văn|Cơ chế|Chính sách|Tiêu chuẩn|Đề xuất|"
    r"Chỉ tiêu|Hoạt động|Hệ thống|Tài liệu|Danh mục|Hướng dẫn|Sổ tay|Bộ tiêu chí|Cẩm nang)\b",
    re.IGNORECASE,
)
# A line ending on these does not end a name: the next line goes on with it.
_CONNECTIVE_RE = re.compile(
    r"(?:,|;|\b(?:[Vv]à|của|với|cho|trình|[Hh]oặc|đối|giữa|tại|thuộc|các|cùng|ở|về)"
    # (or on a body's head word: "Bộ Tài chính, Bộ" / "Tư pháp, …")
    r"|\b(?:Bộ|Sở|Cục|Vụ|Ban))$"
)
# "Và các cơ quan …": a list going on, capitalised.
_OPENING_CONNECTIVE_RE = re.compile(r"^(?:Và|Hoặc|Cùng)\s")
# How a timeframe cell opens (the grammar reads the rest); "Đã hoàn thành" is a status printed
# in the column, kept as printed.
_TIME_START_RE = re.compile(
    r"^(?:nhiem vu )?(?:thuong xuyen|hang nam|hang quy|hang thang|nam \d|quy [ivx\d]|"
    r"thang \d|tu (?:nam|quy|thang|\d)|truoc|den (?:nam|quy|thang|het)|giai doan|"
    r"da hoan thanh|trong (?:nam|quy|thang)|dinh ky|\d{4})"
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
        while end < len(paragraphs) and len(labels) <= len(_ORDER):
            text = paragraphs[end].text.strip()
            if len(text) > 40 or _NUMBER_RE.match(text) or _ROMAN_RE.match(text):
                break
            if text[:1].islower():
                labels[-1] = f"{labels[-1]} {text}"
            elif field_for_label(text) is not None:
                labels.append(text)
            else:
                break
            end += 1
        fields = map_header(labels)
        if len(labels) < 4 or not is_header(labels) or None in fields:
            continue
        if [f for f in _ORDER if f in fields] != fields or "lead" not in fields:
            continue
        return start, end, labels, fields
    return None


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
        if [fold(p.text) for p in paragraphs[index : index + len(header)]] == header:
            index += len(header)
            broken = True
            continue
        numbered = _NUMBER_RE.match(text)
        roman = _ROMAN_RE.match(text)
        if numbered and _follows(numbered["number"], rows):
            rest = numbered["rest"]
            line = paragraphs[index].line
            part = [Paragraph(text=rest, line=line)] if rest else []
            rows.append(_Row(number=numbered["number"], line=line, parts=[part]))
        elif roman:
            rows.append(_Row(number=roman["label"] + ".", line=paragraphs[index].line))
            rows[-1].parts = [[Paragraph(text=roman["rest"], line=paragraphs[index].line)]]
            rows[-1].section = True
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


def _follows(number: str, rows: list[_Row]) -> bool:
    """Whether ``number`` is the next of the table's numbering ("3." after "2.", "1.1" after
    "1." or "1.2" after "1.1", "2." after "1.3")."""
    numbered = [row.number for row in rows if row.number[:1].isdigit()]
    parts = [int(p) for p in number.strip(".").split(".")]
    if not numbered:
        return parts in ([1], [1, 1])
    last = [int(p) for p in numbered[-1].strip(".").split(".")]
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
    )


@dataclass
class _Reader:
    fields: list[str | None]
    notes: list[tuple[int | None, str, str]]
    width: int

    def _long(self, text: str) -> bool:
        return len(text) >= 0.7 * self.width

    def row(self, row: _Row) -> Row:
        cells = dict.fromkeys(_ORDER, "")
        cells["number"] = row.number
        if row.section:
            cells["title"] = _join(line.text for part in row.parts for line in part)
            return Row(cells=[cells[f] if f else "" for f in self.fields], line=row.line)
        unsure: list[str] = []
        first = self._cells(row.parts[0], unsure, cut=len(row.parts) > 1)
        for part in row.parts[1:]:
            if part:
                self._continue(first, part)
                unsure.append(_("the row goes on after a page break"))
        for name in _ORDER[1:]:
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
        return Row(cells=[cells[f] if f else "" for f in self.fields], line=row.line)

    def _cells(
        self, lines: list[Paragraph], unsure: list[str], *, cut: bool = False
    ) -> dict[str, list[str]]:
        """The cells of a row's lines (``cut``: the row goes on after a page break, each cell
        may have only its first lines here: a body's name always starts a new one)."""
        texts = [line.text.strip() for line in lines if line.text.strip()]
        found: dict[str, list[str]] = {}
        if "timeframe" in self.fields:
            texts, time = _timeframe(texts)
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
                result = _OUTPUT_RE.match(opening) is not None
                # After the lead, the partners unless a result's noun opens; after them, the
                # result unless a body's name opens ("Bộ Y tế" but not "Bộ tiêu chí").
                if column == "lead" and "partners" in columns and not result:
                    column = "partners"
                elif "outputs" in columns and (result or not _BODY_RE.match(opening)):
                    column = "outputs"
            found.setdefault(column, []).append(text)
            previous = text

    def _continue(self, found: dict[str, list[str]], lines: list[Paragraph]) -> None:
        """The part of a row after a page break: the task's lines go on while they are long
        (and its last, shorter line), then the cells the first part left open."""
        texts = [line.text.strip() for line in lines if line.text.strip()]
        if "timeframe" in self.fields and not found.get("timeframe"):
            texts, time = _timeframe(texts)
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
                title.append(texts.pop(0))
        lead = found.get("lead", [])
        if texts and lead and _CONNECTIVE_RE.search(lead[-1]):
            lead.append(texts.pop(0))
        if texts:
            self._bodies(texts, "partners", found)


def _timeframe(texts: list[str]) -> tuple[list[str], str]:
    """The lines before the timeframe cell, and the cell: from the last line opening with a
    capital (of the last few) that the grammar reads or that opens as timeframes do ("Từ" /
    "quý" / "III/2026" / "đến" / …); else the end of the last
    line ("văn bản phối hợp Thường xuyên")."""
    for index in range(len(texts) - 1, max(-1, len(texts) - 7), -1):
        if texts[index][:1].isupper() or texts[index][:1].isdigit():
            cell = _join(texts[index:])
            if _is_timeframe(cell):
                return texts[:index], cell
    if texts:
        last = texts[-1]
        for match in re.finditer(r"\s(?=[A-ZĐ])", last):
            cell = last[match.end() :]
            if _is_timeframe(cell):
                return [*texts[:-1], last[: match.start()]], cell
    return texts, ""


def _is_timeframe(text: str) -> bool:
    return bool(_TIME_START_RE.match(header_key(text))) or (parse_timeframe(text).kind != "unknown")


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


def _join(lines: Iterable[str]) -> str:
    return " ".join(line.strip() for line in lines if line.strip())
