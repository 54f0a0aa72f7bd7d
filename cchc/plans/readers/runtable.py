"""Task tables OCR'd line by line: no cells, no alignment, a row's cells run together on a line.

A scan converted to text without its table structure prints the header as one line of words
(often without diacritics: "STT Nội dung hoạt động Don vi chu tri Don vi phôi hợp") and each
row as a line where its cells follow each other, with the wrapped parts of the cells on the
lines above and below it::

    Nghiên cứu, triển khai các biện pháp theo   Sở Tài chính  Các sở, ngành liên quan
    2 2022-2023
    dõi, xử lý số nợ thuế. (Phòng QLN) trên địa bàn

The header says which columns there are and in which order. Rows are cut where a line's text
changes column: the timeframe ("2021-2022", "Năm 2023", "Quý II", dates), the bodies of the
lead and partner columns (a run of body words: "Tổng cục …", "Sở …", "Các Vụ, đơn vị …", a
parenthesised unit "(Vụ QLN)"); what comes before them is the task's text. A line whose text
starts a new sentence after a row's text ended ("… thuế." then "Xây dựng …") starts the next
row; the line with the row's number joins the row being gathered. A row whose number line
cannot be split is kept whole, as its title, with a note naming the line: the document is
never refused nor a row dropped for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cchc.core.text import clean_text, fold
from cchc.plans.readers.base import Paragraph, Row, Table

# Header labels as the OCR leaves them (folded: no diacritics, lower case), longest first.
_LABELS: tuple[tuple[str, str], ...] = (
    ("number", r"stt|tt|so tt|so thu tu"),
    (
        "title",
        r"noi dung (?:hoat dong|cong viec|nhiem vu)|ten nhiem vu|nhiem vu|noi dung|cong viec"
        r"|hoat dong",
    ),
    (
        "timeframe",
        r"thoi gian (?:thuc hien|hoan thanh)|thoi han (?:hoan thanh|thuc hien)|thoi gian|thoi han"
        r"|tien do(?: thuc hien)?",
    ),
    ("lead", r"(?:don vi|co quan|dv) chu tri|chu tri"),
    ("partners", r"(?:don vi|co quan|dv) phoi hop|phoi hop"),
    ("outputs", r"san pham(?: dau ra)?|ket qua(?: dau ra)?"),
    ("notes", r"ghi chu"),
)
_LABEL_RE = re.compile(
    "|".join(rf"(?P<{name}>\b(?:{pattern})\b)" for name, pattern in _LABELS), re.IGNORECASE
)
# The second line of a two-line header cell ("Thời gian / thực hiện").
_LABEL_TAIL_RE = re.compile(r"\b(?:thuc hien|hoan thanh)\b")
_HEADER_TEXT = {
    "number": "STT",
    "title": "Nội dung",
    "timeframe": "Thời gian thực hiện",
    "lead": "Đơn vị chủ trì",
    "partners": "Đơn vị phối hợp",
    "outputs": "Sản phẩm",
    "notes": "Ghi chú",
}
_MAX_HEADER_CHARS = 140

_ROW_NUMBER_RE = re.compile(r"^\s*[|\[\]!]*\s*(\d{1,3})\.?(?=\s|\||$)\s*")
_TIMEFRAME_RE = re.compile(
    r"(?:(?:năm|nam|quý|quy|tháng|thang)\s+)?"
    r"(?:\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b|\b\d{1,2}/\d{1,2}/(?:19|20)\d{2}\b"
    r"|\b(?:[IV]{1,3}|\d{1,2})/(?:19|20)\d{2}\b|\b(?:19|20)\d{2}\b)"
    r"|\b(?:quý|quy)\s+[IV]{1,3}\b|\b(?:hàng|hằng|hang) năm\b|\bthường xuyên\b",
    re.IGNORECASE,
)
# A body named in a lead or partner cell starts with one of these words (capitalised).
_BODY_HEADS = (
    "tong cuc",
    "bo",
    "so",
    "cuc",
    "chi cuc",
    "vu",
    "cac",
    "uy ban",
    "ubnd",
    "van phong",
    "ban",
    "truong",
    "vien",
    "kho bac",
    "ngan hang",
    "cong an",
    "thanh tra",
    "hoi dong",
    "trung tam",
    "phong",
    "hoc vien",
    "toa an",
    "tap doan",
    "tong cong ty",
    "doan",
    "mat tran",
    "lien doan",
    "hoi",
)
_HEAD_RE = re.compile("|".join(sorted(_BODY_HEADS, key=len, reverse=True)))
_ACRONYM_RE = re.compile(r"[A-ZĐ]{2,}\b")
# What may open a run: a bracket, or a word's first character.
_TOKEN_RE = re.compile(r"[()]|(?<!\w)\w")
_BODY_WORDS = 8
_MAX_CUT_CHARS = 600
_END_RE = re.compile(
    r"^\s*(?:Nơi nhận|Noi nhan|KT\.|TM\.|CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC)(?:\s|:|$)"
)
_PAGE_BREAK_RE = re.compile(r"^\s*(?:-{2,}\s*PAGE BREAK\s*-{2,}|\f)\s*$", re.IGNORECASE)
_SENTENCE_END = (".", ";", "!", "?")
_SENTENCE_RE = re.compile(r"[.;!?](?:\s|$)")


def _label_fields(line: str) -> tuple[list[tuple[int, str]], str]:
    """The labels found in a folded line (position, field) and the text left between them."""
    found: list[tuple[int, str]] = []
    leftover = []
    last = 0
    for match in _LABEL_RE.finditer(line):
        name = match.lastgroup or ""
        found.append((match.start(), name))
        leftover.append(line[last : match.start()])
        last = match.end()
    leftover.append(line[last:])
    return found, " ".join(" ".join(leftover).split())


def find_header(lines: list[str]) -> tuple[int, int, list[str]] | None:
    """(first header line, line after it, its fields in order), from a line of column labels.

    The line must name the task's column and two other fields with at most a few words left
    over; a label printed on the line above or below (a two-line header cell: "Thời gian" over
    "thực hiện") takes the place of its second half on the header line.
    """
    for index, raw in enumerate(lines[:4000]):
        if len(raw) > 2 * _MAX_HEADER_CHARS:
            continue
        text = fold(clean_text(raw.replace("|", " ")))
        if not text or len(text) > _MAX_HEADER_CHARS:
            continue
        found, leftover = _label_fields(text)
        names = [name for _pos, name in found]
        if "title" not in names or len({n for n in names if n != "number"}) < 3:
            continue
        if len(set(names)) != len(names):
            continue
        positions = {name: pos for pos, name in found}
        top, bottom = index, index + 1
        for other in (index - 1, index + 1):
            if not 0 <= other < len(lines):
                continue
            near = fold(clean_text(lines[other].replace("|", " ")))
            near_found, _left = _label_fields(near)
            extra = [n for _p, n in near_found if n not in positions]
            tail = _LABEL_TAIL_RE.search(text)
            if len(extra) == 1 and tail and len(near.split()) <= 8:
                positions[extra[0]] = tail.start()
                leftover = " ".join(_LABEL_TAIL_RE.sub(" ", leftover).split())
                top, bottom = min(top, other), max(bottom, other + 1)
        # (a sentence naming the columns, "Nội dung, thời gian và đơn vị chủ trì:", is prose)
        if len(leftover.split()) > 3 or re.search(r"[,;:]|\bva\b", leftover):
            continue
        fields = [name for name, _pos in sorted(positions.items(), key=lambda item: item[1])]
        if fields[0] != "number":
            fields.insert(0, "number")
        return top, bottom, fields
    return None


@dataclass(slots=True)
class _Parts:
    """One line cut into the parts of its cells."""

    title: str = ""
    timeframe: str = ""
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Record:
    line: int
    number: str = ""
    number_line: int = 0
    title: list[str] = field(default_factory=list)
    timeframe: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)

    def title_text(self) -> str:
        return " ".join(self.title).strip()

    def add(self, parts: _Parts) -> None:
        if parts.title:
            self.title.append(parts.title)
        if parts.timeframe:
            self.timeframe.append(parts.timeframe)
        self.lead.extend(parts.lead)
        self.partners.extend(parts.partners)


def _is_head(text: str, position: int) -> int:
    """The length of a body-head word starting at ``position`` (capitalised), else 0."""
    if not text[position : position + 1].isupper():
        return 0
    head = _HEAD_RE.match(fold(text[position : position + 20]))
    if head:
        # the head word ends there, or the OCR lost the space before a unit's acronym ("VụQLN")
        following = text[position + head.end() : position + head.end() + 1]
        if not following or not following.isalnum() or following.isupper():
            return head.end()
    if _ACRONYM_RE.match(text, position):  # an acronym: UBND, BHXH, NHNN
        return 2
    return 0


def _runs(text: str) -> list[tuple[int, str]]:
    """The starts of the body runs in ``text`` [(position, "body" or "unit")]: its body heads
    and its parentheses opening on one."""
    starts: list[tuple[int, str]] = []
    depth = 0
    head_end = 0
    for token in _TOKEN_RE.finditer(text):
        position, char = token.start(), token.group()
        if char == "(":
            inner = position + 1
            while inner < len(text) and text[inner].isspace():
                inner += 1
            if depth == 0 and _is_head(text, inner):
                starts.append((position, "unit"))
            depth += 1
            continue
        if char == ")":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        length = _is_head(text, position)
        # a head right after another one names the same body ("Các Vụ", "Bộ Công an")
        if length and not (starts and not re.search(r"\w", text[head_end:position])):
            starts.append((position, "body"))
        if length:
            head_end = position + length
    return starts


def _cut_bodies(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(task text, [(kind, body text)]): the earliest body head from which the rest of the text
    is bodies (runs of a few words, none ending a sentence) and units in parentheses."""
    starts = _runs(text)
    pieces: list[list[tuple[str, str]]] = []  # each start's piece(s); [] when it is no body
    first = len(starts)  # the earliest start after the last one that is no body
    for number, (begin, kind) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(text)
        piece = text[begin:end].strip()
        if kind == "unit":
            close = piece.find(")")
            unit, rest = (piece[: close + 1], piece[close + 1 :]) if close >= 0 else (piece, "")
            found = [("unit", unit.strip())]
            if rest.strip(" |,;"):
                found.append(("tail", rest.strip(" |")))
            pieces.append(found)
        elif len(piece.split()) > _BODY_WORDS or _SENTENCE_RE.search(piece):
            pieces.append([])
            first = len(starts)
            continue
        else:
            pieces.append([("body", piece.strip(" |"))])
        if first == len(starts):
            first = number
    if first == len(starts):
        return text.strip(" |"), []
    return text[: starts[first][0]].strip(" |"), [p for found in pieces[first:] for p in found]


def _short_noise(text: str) -> bool:
    """A stray fragment of the OCR (rules read as letters): no word of more than 3 letters."""
    words = re.findall(r"\w+", text)
    return len(words) <= 2 and all(len(word) <= 3 for word in words)


def _split_line(text: str, fields: list[str], numbered: bool) -> _Parts:
    """One line's text (its row number removed) cut into the parts of its cells."""
    parts = _Parts()
    text = " ".join(text.replace("|", " | ").split())
    if len(text) > _MAX_CUT_CHARS:
        parts.title = text  # no printed table line is that long: kept whole
        return parts
    before, after = text, ""
    if "timeframe" in fields:
        matches = list(_TIMEFRAME_RE.finditer(text))
        if matches:
            last = matches[-1]
            parts.timeframe = last.group().strip()
            before, after = text[: last.start()], text[last.end() :]
    body_fields = "lead" in fields or "partners" in fields
    if body_fields and after:
        # After the timeframe (printed before the bodies): bodies only; what no body head
        # starts is a stray fragment of the OCR.
        _lost, pieces = _cut_bodies(after)
        _assign(parts, pieces)
    title = before
    if body_fields:
        title, pieces = _cut_bodies(before)
        _assign(parts, pieces)
    title = title.strip(" |")
    if numbered and _short_noise(title):
        title = ""
    parts.title = title
    return parts


def _assign(parts: _Parts, pieces: list[tuple[str, str]]) -> None:
    """Bodies to the lead or the partners: "Các …" and what follows the lead are partners."""
    for kind, text in pieces:
        if kind == "unit":
            parts.lead.append(text)
        elif kind == "tail":
            if not _short_noise(text):
                parts.partners.append(text)
        elif fold(text).startswith("cac ") or parts.lead:
            parts.partners.append(text)
        else:
            parts.lead.append(text)


def _numbered_record(
    records: list[_Record], current: _Record | None, parts: _Parts, line: int, number: str
) -> _Record:
    """The record a row's number line belongs to: the one gathered above it (the cell's first
    lines), or a new one when that has its number or the cell starts on this line with a whole
    sentence (then the lines above were the previous row's last lines)."""
    whole = parts.title[:1].isupper() and parts.title.endswith(_SENTENCE_END)
    if current is not None and not current.number and not (whole and current.title):
        current.number, current.number_line = number, line
        return current
    if current is not None and not current.number and len(records) >= 2 and records[-2].number:
        previous = records.pop()
        records[-1].title += previous.title
        records[-1].lead += previous.lead
        records[-1].partners += previous.partners
    record = _Record(line=line, number=number, number_line=line)
    records.append(record)
    return record


def _header_only(line: str) -> bool:
    """A line of header labels only (the header repeated on a new page, one cell a line)."""
    if len(line) > _MAX_HEADER_CHARS:
        return False
    text = fold(clean_text(line.replace("|", " ")))
    _found, leftover = _label_fields(text)
    return bool(text) and not _LABEL_TAIL_RE.sub(" ", leftover).strip()


def _noise(line: str) -> bool:
    """A line without a word of two letters: rules and specks read as characters."""
    return not re.search(r"\w{2,}", line)


def read_run_table(
    lines: list[str],
) -> tuple[list[Paragraph], Table, list[Paragraph], list[tuple[int, str]]] | None:
    """Paragraphs before, the table, paragraphs after and notes (line, message), or None when
    ``lines`` hold no header of column labels with numbered rows under it."""
    header = find_header(lines)
    if header is None:
        return None
    top, bottom, fields = header
    records: list[_Record] = []
    current: _Record | None = None
    end = len(lines)
    notes: list[tuple[int, str]] = []
    for index in range(bottom, len(lines)):
        raw = lines[index]
        if _END_RE.match(raw):
            end = index
            break
        if not raw.strip() or _noise(raw) or _PAGE_BREAK_RE.match(raw) or _header_only(raw):
            continue
        number_match = _ROW_NUMBER_RE.match(raw)
        rest = raw[number_match.end() :] if number_match else raw
        parts = _split_line(rest, fields, numbered=bool(number_match))
        if number_match:
            current = _numbered_record(records, current, parts, index + 1, number_match.group(1))
            current.add(parts)
            continue
        starts = parts.title[:1].isupper()
        if current is None or (starts and current.title_text().endswith(_SENTENCE_END)):
            current = _Record(line=index + 1)
            records.append(current)
        current.add(parts)
    cut = sum(1 for record in records if record.timeframe or record.lead or record.partners)
    if not any(record.number for record in records) or cut < max(2, 0.6 * len(records)):
        return None  # not a table the OCR ran together: the text is read as prose
    table = Table(rows=[Row(cells=[_HEADER_TEXT[f] for f in fields], line=top + 1)], line=top + 1)
    for record in records:
        cells = []
        if not (record.timeframe or record.lead or record.partners):
            # Nothing could be cut from the row: its whole text is the task, and it is said.
            notes.append(
                (
                    record.number_line or record.line,
                    _(
                        "The row's cells could not be told apart in the scanned table (its line "
                        "%(line)s): its whole text is read as the task."
                    )
                    % {"line": record.number_line or record.line},
                )
            )
        for name in fields:
            if name == "number":
                cells.append(record.number)
            elif name == "title":
                cells.append(" ".join(record.title).strip())
            elif name == "timeframe":
                cells.append(record.timeframe[0] if record.timeframe else "")
            elif name == "lead":
                cells.append(" ".join(record.lead).strip())
            elif name == "partners":
                cells.append(" ".join(record.partners).strip())
            else:
                cells.append("")
        table.rows.append(Row(cells=cells, line=record.number_line or record.line))
    before = [Paragraph(text=t.strip(), line=i + 1) for i, t in enumerate(lines[:top]) if t.strip()]
    after = [
        Paragraph(text=t.strip(), line=i + 1)
        for i, t in enumerate(lines[end:], start=end)
        if t.strip()
    ]
    return before, table, after, notes
