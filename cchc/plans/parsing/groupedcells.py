"""Task tables grouped by body from a PDF's text: the body's merged cell printed among its rows.

A gazette's annex (issue 15, held-out round 19) prints a task table whose first columns are the
group's number and its body ("STT | Đơn vị | Nhiệm vụ chủ trì | Đơn vị phối hợp | Thời gian
hoàn thành"): the number and the body are ONE MERGED CELL spanning the body's rows. A PDF's
text gives the cells one after another, one printed line a line, and the merged cell where the
page centres it: before its rows, or after some of them::

    Tham mưu Chính phủ ban hành Nghị định      <- a task (long lines, wrapped)
    quy định danh mục cơ sở dữ liệu quốc gia
    (1) Bộ Tư pháp                             <- the partners: a numbered list, or one body
    (2) Văn phòng Chính phủ
    Quý IV/2023                                <- the timeframe
    1                                          <- the group's number and body (merged cell)
    Bộ Thông tin và
    Truyền thông
    Tham mưu, trình cấp có thẩm quyền …

A row starts at a long line after a short one (a cell of the narrow columns) or right after
the body's cell; its first lines are the task, then the partners ("(1) …" lines, or a body's
name), then the timeframe (the rest: "Quý IV/2023", "Theo lộ trình …", even a sentence). The
group's body leads its rows: the rows after its cell up to the next body's, and the rows
before the first body's cell (the cell printed after some of them). "Phối hợp với X <task>"
loses its role words (Convention B). The running head, page numbers and the header repeated
on every page are skipped. The rows the other readings found inside the table's lines (read
as prose) are replaced by these.

Refused (the document as the other readings read it): a table's header not printed one cell a
line as number, body, task, then partners or timeframe columns; fewer than two body cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc.core.text import fold
from cchc.plans.parsing.clauses import split_partners
from cchc.plans.parsing.columns import field_for_label
from cchc.plans.parsing.result import Item, ParsedPlan
from cchc.plans.parsing.vocabulary import _AGENCY, _PAGE_LINE_RE
from cchc.plans.readers.base import Paragraph, SourceDocument

_GROUP_NUMBER_RE = re.compile(r"^\d{1,3}$")
_ROMAN_RE = re.compile(r"^[IVXLC]{1,6}\.\s+\S")
_BODY_RE = re.compile(rf"^(?:{_AGENCY}|UBND|VTV|VOV)")
_LISTED_RE = re.compile(r"^\(\d{1,2}\)\s*")
# How a timeframe cell opens (folded): "Quý IV/2023", "Theo lộ trình …", "Thường xuyên" …
_TIME_START_RE = re.compile(
    r"^(?:quy [ivx\d]|thang \d|nam \d|tu |truoc |trong |theo lo trinh|thuong xuyen|"
    r"hang (?:nam|quy|thang)|dinh ky|\d{4})"
)
# A partner's name and the timeframe run onto one line: "Bộ Khoa học và Công nghệ Theo lộ …".
_BODY_THEN_TIME_RE = re.compile(
    r"^(?P<body>.+?)\s+(?P<time>(?:Theo lộ trình|Quý|Trước|Từ|Trong|Thường xuyên|Tháng)\b.*)$"
)
# A line ending on these goes on below it.
_OPEN_END_RE = re.compile(r"(?:,|\b(?:và|của|với|cho|theo|do|các|Bộ|thuộc|trong|tại|về))$")
# A task's lines are long; the narrow columns' lines and a task's last line short.
_LONG = 30
_SHORT_BODY = 16


@dataclass(slots=True)
class _Row:
    line: int
    task: list[str]
    cells: list[str] = field(default_factory=list)


def read_grouped_table(doc: SourceDocument, parsed: ParsedPlan) -> None:
    """Replace the rows read from a grouped task table's lines by the table's rows (see the
    module's docstring); ``parsed`` as it is when the document holds no such table."""
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    found = _header(paragraphs, 0)
    if found is None:
        return
    start, end = found
    rows, groups = _rows(paragraphs, end)
    if len(groups) < 2 or not rows:
        return
    first = paragraphs[start].line
    section = _section_before(paragraphs[:start])
    parsed.items[:] = [item for item in parsed.items if item.line < first]
    items = [_item(row, section) for row in rows]
    for item, lead in zip(items, _leads([i.partners or "" for i in items], groups), strict=True):
        item.lead = lead
        parsed.items.append(item)
    parsed.warnings[:] = [
        w
        for w in parsed.warnings
        if (w.line or 0) < first or w.code not in {"prose-skipped", "prose-no-lead", "number-lost"}
    ]


def _header(paragraphs: list[Paragraph], begin: int) -> tuple[int, int] | None:
    """(first line, line after it) of a header "STT / Đơn vị / Nhiệm vụ … / …" printed one cell a
    line (a wrapped label's next line in lower case) from ``begin`` on."""
    for start in range(begin, min(len(paragraphs), begin + 400)):
        if field_for_label(paragraphs[start].text) != "number":
            continue
        labels: list[str] = []
        end = start + 1
        while end < len(paragraphs) and len(labels) < 5:
            text = paragraphs[end].text.strip()
            if len(text) > 30:
                break
            if text[:1].islower() and labels:
                labels[-1] = f"{labels[-1]} {text}"
            elif field_for_label(text) is not None:
                labels.append(text)
            else:
                break
            end += 1
        fields = [
            "title" if fold(label).startswith("nhiem vu") else field_for_label(label)
            for label in labels
        ]
        if fields[:2] == ["lead", "title"] and {"partners", "timeframe"} & set(fields[2:]):
            while end < len(paragraphs) and paragraphs[end].text[:1].islower():
                end += 1  # ("hoàn thành", the last label's rest)
            return start, end
    return None


def _skipped(paragraphs: list[Paragraph], index: int) -> int:
    """The index after the page's furniture at ``index`` (running head, page number, the
    repeated header); ``index`` itself where there is none."""
    text = paragraphs[index].text.strip()
    if _PAGE_LINE_RE.match(text) and not _GROUP_NUMBER_RE.match(text):
        return index + 1
    repeated = _header(paragraphs[index : index + 12], 0)
    if repeated is not None and repeated[0] == 0:
        return index + repeated[1]
    return index


def _rows(paragraphs: list[Paragraph], index: int) -> tuple[list[_Row], list[tuple[int, str]]]:
    """The table's rows and its groups (the index of the group's first row after its cell, and
    its body)."""
    rows: list[_Row] = []
    groups: list[tuple[int, str]] = []
    previous = ""  # the last line read, "" after a body's cell or the header
    while index < len(paragraphs):
        after = _skipped(paragraphs, index)
        if after != index:
            index, previous = after, "" if after - index > 2 else previous
            continue
        text = paragraphs[index].text.strip()
        if _ROMAN_RE.match(text):
            break
        if _GROUP_NUMBER_RE.match(text):
            if int(text) == len(groups) + 1:
                body, index = _body(paragraphs, index + 1)
                groups.append((len(rows), body))
                previous = ""
            else:
                index += 1  # a page's number ("74"), printed again around the running head
            continue
        if _starts_task(previous, text):
            rows.append(_Row(line=paragraphs[index].line, task=[text]))
        elif rows and not rows[-1].cells and _goes_on(rows[-1].task[-1], text):
            rows[-1].task.append(text)
        elif rows:
            rows[-1].cells.append(text)
        previous = text
        index += 1
    return rows, groups


def _starts_task(previous: str, text: str) -> bool:
    if _LISTED_RE.match(text) or not text[:1].isupper():
        return False
    if _BODY_RE.match(text) and _BODY_THEN_TIME_RE.match(text):
        return False  # "Bộ Khoa học và Công nghệ Theo lộ trình thực": a partner, a timeframe
    if _TIME_START_RE.match(fold(text)):
        return False
    return previous == "" or (len(text) >= _LONG and len(previous) < _LONG)


def _goes_on(last: str, text: str) -> bool:
    """Whether ``text`` continues a task whose last line is ``last``."""
    if _LISTED_RE.match(text):
        return False
    if _BODY_RE.match(text) and not _OPEN_END_RE.search(last):
        return False  # "… 22237-1:2021…)" / "Bộ Thông tin và Truyền": the partners' cell
    return (
        len(last) >= _LONG
        or text[:1].islower()
        or text[:1].isdigit()
        or bool(_OPEN_END_RE.search(last))
    )


def _body(paragraphs: list[Paragraph], index: int) -> tuple[str, int]:
    """The body of a group's merged cell from ``index`` on, and the index after it."""
    lines: list[str] = []
    while index < len(paragraphs):
        text = paragraphs[index].text.strip()
        if lines and not (
            text[:1].islower()
            or _OPEN_END_RE.search(lines[-1])
            or (len(text) <= _SHORT_BODY and not _TIME_START_RE.match(fold(text)))
        ):
            break
        if len(text) >= _LONG:
            break
        lines.append(text)
        index += 1
    return " ".join(lines), index


def _leads(partners: list[str], groups: list[tuple[int, str]]) -> list[str]:
    """Each row's body: the last group whose cell came before the row, else the first group
    (its cell printed after some of its rows). Between two cells, a body is never its own
    partner: a row naming the earlier body among its partners is the later body's, and so are
    the rows after the last row naming the later body (a group's rows are contiguous)."""
    leads = [groups[0][1]] * len(partners)
    for number, (first, body) in enumerate(groups):
        end = groups[number + 1][0] if number + 1 < len(groups) else len(partners)
        boundary = end
        if number + 1 < len(groups):
            later = fold(groups[number + 1][1])
            names = [fold(partners[i]) for i in range(first, end)]
            if any(fold(body) in name for name in names):
                boundary = first + max(
                    (i + 1 for i, name in enumerate(names) if later in name), default=0
                )
        for index in range(first, end):
            leads[index] = body if index < boundary else groups[number + 1][1]
    return leads


def _item(row: _Row, section: list[str]) -> Item:
    title = " ".join(row.task).strip(" .;")
    if fold(title).startswith("phoi hop voi "):
        # "Phối hợp với Bộ Công an nghiên cứu …": the role's words are no part of the task.
        rest = split_partners(title[:1].lower() + title[1:])[0]
        title = rest[:1].upper() + rest[1:] if rest else title
    partners, timeframe = _cells(row.cells)
    item = Item(line=row.line, number="", title=title, lead="", partners=partners)
    item.timeframe, item.section = timeframe, list(section)
    return item


def _cells(lines: list[str]) -> tuple[str, str]:
    """(partners, timeframe) from a row's lines after its task."""
    partners: list[str] = []
    time: list[str] = []
    listed = False
    for text in lines:
        if time:
            time.append(text)
        elif _LISTED_RE.match(text):
            listed = True
            partners.append(_LISTED_RE.sub("", text))
        elif partners and (text[:1].islower() or _OPEN_END_RE.search(partners[-1])):
            partners[-1] = f"{partners[-1]} {text}"
        elif _TIME_START_RE.match(fold(text)) or (partners and listed) or partners:
            time.append(text)
        elif _BODY_RE.match(text) and (split := _BODY_THEN_TIME_RE.match(text)):
            partners.append(split.group("body"))
            time.append(split.group("time"))
        else:
            partners.append(text)
    return ", ".join(partners), " ".join(time).strip()


def _section_before(paragraphs: list[Paragraph]) -> list[str]:
    for paragraph in reversed(paragraphs):
        if _ROMAN_RE.match(paragraph.text.strip()):
            return [paragraph.text.strip()]
    return []
