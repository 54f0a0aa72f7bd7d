"""Tables that only lay out a document's frame: the letterhead, the signature, the addressees.

Converters and editors often print the letterhead (issuing body | national motto, "Số: …" |
"<place>, ngày …") and the closing block ("Nơi nhận: …" | "TM. …", the signer's name) as
tables of two columns. Such a table holds no task: every line of its cells is one of those
lines. It must not make the document a table of tasks, nor be read as one; its text is the
document's header or closing (held-out round 12).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.columns import field_for_label
from cchc.plans.readers.base import Table

# The nation's and the Party's mottos, the "Số: …" and "V/v …" lines, the place-and-date line.
_MOTTO_RE = re.compile(
    r"^(?:CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Độc lập\s*[-–—]\s*Tự do)", re.IGNORECASE
)
# ("Số:      /KH-UBND": a draft's number left blank)
_NUMBER_RE = re.compile(r"^Số\s*:?\s*[\d.…\s]*[-/]\s*[A-ZĐ]", re.IGNORECASE)
_SUBJECT_LINE_RE = re.compile(r"^(?:V/v|Về việc)\b")
_PLACE_DATE_RE = re.compile(r"^[^,\d]{2,40},\s*ngày\b.{0,40}\bnăm\s*\d{0,4}\s*$", re.IGNORECASE)
# The signature block: "TM. ỦY BAN NHÂN DÂN", "T/M BỘ CHÍNH TRỊ", "KT. CHỦ TỊCH", "(Đã ký)".
_SIGNATURE_RE = re.compile(r"^(?:T/?M\.?|KT\.|K/T|TL\.|TUQ\.|Q\.|Thay mặt)\s", re.IGNORECASE)
_SIGNED_RE = re.compile(r"^\((?:đã ký|ký|ký tên|ký, ghi rõ họ tên)[^)]*\)$", re.IGNORECASE)
# "Nơi nhận:", "Kính gửi:": the addressees, listed on the lines after it ("- Như trên;").
_ADDRESSEES_RE = re.compile(r"^(?:Nơi nhận|Kính gửi)\s*:", re.IGNORECASE)
_LISTED_RE = re.compile(r"^[-+•–]\s*\S|^Lưu\s*:?\s", re.IGNORECASE)
# A rule under a name ("--------", "___"), a lone mark.
_RULE_RE = re.compile(r"^[-_=*.–—\s]*$")
# A signer's name: two to five words each opening with a capital ("Nguyễn Văn A").
_NAME_RE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][^\s\d,;:.()]*\s+){1,4}[A-ZĐÀ-Ỹ][^\s\d,;:.()]*$")
# Markup and an inline "(Đã ký)" around a signer's line: "T/M BỘ CHÍNH TRỊ *(Đã ký)* Tên".
_MARKUP_RE = re.compile(r"[*_`#>]+")
_INLINE_SIGNED_RE = re.compile(r"\(\s*đã ký\s*\)", re.IGNORECASE)


def _lines(text: str) -> list[str]:
    """A cell's printed lines without markup ("<br>" tags included)."""
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"<[^>]+>", " ", text)
    lines = (_MARKUP_RE.sub(" ", line) for line in text.split("\n"))
    return [re.sub(r"\s+", " ", line).strip() for line in lines if line.strip()]


def _capitals(line: str) -> bool:
    """A name in capitals ("BAN CHẤP HÀNH TRUNG ƯƠNG"), short, without a sentence's end."""
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and not any(ch.islower() for ch in letters) and len(line.split()) <= 14


def _marker(line: str) -> bool:
    """A line only a letterhead or a closing block prints."""
    return bool(
        _MOTTO_RE.match(line)
        or _NUMBER_RE.match(line)
        or _PLACE_DATE_RE.match(line)
        or _SIGNATURE_RE.match(line)
        or _ADDRESSEES_RE.match(line)
    )


def _frame_line(line: str, addressees: bool) -> bool:
    """A line of the frame: a marker, a body's name in capitals, a rule, a signer's name, the
    "V/v …" line, "(Đã ký)", or an addressee under "Nơi nhận:"."""
    bare = _INLINE_SIGNED_RE.sub(" ", line).strip()
    return bool(
        _marker(line)
        or _RULE_RE.match(line)
        or _capitals(bare)
        or _NAME_RE.match(bare)
        or _SIGNED_RE.match(line)
        or _SUBJECT_LINE_RE.match(line)
        or (addressees and _LISTED_RE.match(line))
        or _signer_line(bare)
    )


def _signer_line(line: str) -> bool:
    """ "T/M BỘ CHÍNH TRỊ Trương Thị Mai": a signature's role in capitals, then the name."""
    if not _SIGNATURE_RE.match(line):
        return False
    words = line.split()
    upper = [w for w in words if not any(ch.islower() for ch in w)]
    return _NAME_RE.match(" ".join(words[len(upper) :])) is not None or len(upper) == len(words)


def is_layout_table(table: Table) -> bool:
    """True when every line of the table's cells belongs to a letterhead, a signature or an
    addressee list, and at least one line only such a frame prints ("Số: …", the motto, the
    place and date, "TM. …", "Nơi nhận:"). A column header ("Nhiệm vụ", "Chủ trì") makes it
    no frame."""
    lines = [line for row in table.rows for cell in row.cells for line in _lines(cell)]
    if not lines or not any(_marker(line) for line in lines):
        return False
    addressees = any(_ADDRESSEES_RE.match(line) for line in lines)
    for line in lines:
        if field_for_label(line) is not None and not _marker(line):
            return False
        if not _frame_line(line, addressees):
            return False
    return True


def task_tables(tables: list[Table]) -> list[Table]:
    """The tables that may hold tasks: all but the letterhead, signature and addressee ones."""
    return [table for table in tables if not is_layout_table(table)]
