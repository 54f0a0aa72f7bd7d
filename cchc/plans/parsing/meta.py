"""The document's title, number, date and issuer, read from the text around the table."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from cchc.core.text import clean_text, fold
from cchc.plans.parsing.result import DocumentInfo

_NUMBER_RE = re.compile(
    r"\bs[ốo]\s*:?\s*(?P<num>\d+)\s*/\s*(?:(?P<year>\d{4})\s*/\s*)?"
    r"(?P<code>[A-ZĐ][A-ZĐ0-9]*(?:\s*-\s*[A-ZĐ0-9]+)*)",
    re.IGNORECASE,
)
_DATE_NUMERIC_RE = re.compile(r"ngày\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.IGNORECASE)
_DATE_WORDS_RE = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
_DOC_TYPES = (
    "ke hoach",
    "chuong trinh",
    "danh muc",
    "de an",
    "phuong an",
    "bang tong hop",
    "bang phan cong",
)
_LETTERHEAD = (
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "doc lap – tu do – hanh phuc",
)
_ISSUER_RE = re.compile(
    r"\b(?:của|cua)\s+((?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Sở|Ban|Bộ|HĐND)\b[^)\n]*)",
    re.IGNORECASE,
)
_ISSUER_HEAD_RE = re.compile(r"^(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|SỞ|BỘ|BAN)\b", re.IGNORECASE)


def parse_date(text: str) -> dt.date | None:
    for pattern in (_DATE_NUMERIC_RE, _DATE_WORDS_RE):
        match = pattern.search(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                continue
    return None


def parse_number(text: str) -> str | None:
    match = _NUMBER_RE.search(text)
    if not match:
        return None
    code = re.sub(r"\s+", "", match.group("code")).upper()
    if not any(ch.isalpha() for ch in code):
        return None
    year = match.group("year")
    return f"{match.group('num')}/{year}/{code}" if year else f"{match.group('num')}/{code}"


def _is_heading(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) > 0.8


def read_document_info(texts: Iterable[str], info: DocumentInfo) -> None:
    """Fill ``info`` from the paragraphs before the plan table (letterhead, title lines)."""
    lines = [clean_text(t) for t in texts if clean_text(t)]
    for line in lines:
        if info.number is None and re.search(r"\bs[ốo]\b", line, re.IGNORECASE):
            info.number = parse_number(line)
        if info.date is None and "ngày" in line.lower():
            info.date = parse_date(line)
        if info.issuer is None:
            match = _ISSUER_RE.search(line)
            if match and ("kèm theo" in line.lower() or "ban hành" in line.lower()):
                info.issuer = clean_text(match.group(1)).rstrip(" .;,")
    if info.issuer is None:
        # A letterhead names the superior body, then the issuing one: take the last of them.
        for line in lines[:4]:
            if _ISSUER_HEAD_RE.match(line) and fold(line) not in _LETTERHEAD:
                info.issuer = line
            elif info.issuer is not None:
                break
    if info.title is None:
        info.title = _title(lines)


def _title(lines: list[str]) -> str | None:
    for index, line in enumerate(lines):
        folded = fold(line)
        if folded.startswith("(") or folded in _LETTERHEAD or "kem theo" in folded:
            continue
        kind = next((k for k in _DOC_TYPES if folded.startswith(k)), None)
        if kind is not None and _is_heading(line[: len(kind)]):
            title = line
            # "KẾ HOẠCH" on one line, its subject on the next one.
            if folded in _DOC_TYPES and index + 1 < len(lines):
                subject = lines[index + 1]
                if not subject.startswith(("(", "|", "-", "Căn cứ")):
                    title = f"{title} {subject}"
            return title
    for line in lines:
        folded = fold(line)
        if (
            _is_heading(line)
            and folded not in _LETTERHEAD
            and not _ISSUER_HEAD_RE.match(line)
            and not folded.startswith(("phu luc", "so:", "so "))
            and len(line) > 10
        ):
            return line
    return None
