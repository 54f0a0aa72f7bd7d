"""Years in prose: "Đến năm 2025", "đến hết năm 2025", "Năm 2021", "giai đoạn 2022 - 2025".

A year is only read with the words that make it one ("năm", "giai đoạn", "đến"); the year of a
date ("ngày 31 tháng 5 năm 2020") and of a document number ("02/2017/TT-VPCP") is not a year
mention, and a year is never a target by itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass(frozen=True, slots=True)
class YearMention:
    start: int
    end: int
    year: int  # the year a target with this mention is due (a span's last year)
    first: int | None = None  # a span's first year ("giai đoạn 2022 - 2025" → 2022)


_SPAN = r"(\d{4})\s*-\s*(\d{4})\b"
_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\bgiai doan\s+(?:tu\s+)?(?:nam\s+)?" + _SPAN),
    re.compile(r"\btu\s+(?:nam\s+)?(\d{4})\s+den\s+(?:het\s+)?(?:nam\s+)?(\d{4})\b"),
    re.compile(r"\b(?:(?:den|toi|truoc)\s+(?:het\s+)?)?nam\s+(\d{4})(?:\s*-\s*(\d{4}))?\b"),
    re.compile(r"\b(?:den|toi)\s+(?:het\s+)?(\d{4})\b"),
)
_DATE_BEFORE_RE = re.compile(r"(?:thang\s+\d{1,2}|ngay\s+\d{1,2})\s+$")


def find_years(folded: str) -> list[YearMention]:
    """Every year mention, in text order, none overlapping another."""
    found: list[YearMention] = []
    taken = bytearray(len(folded))  # 1 where an earlier, more specific mention was read
    for pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            if _DATE_BEFORE_RE.search(folded, max(0, start - 12), start):
                continue
            first = int(match.group(1))
            second = match.group(2) if (match.lastindex or 0) >= 2 else None
            last = int(second) if second else None
            if not MIN_YEAR <= first <= MAX_YEAR:
                continue
            if last is not None and not first <= last <= MAX_YEAR:
                continue
            taken[start:end] = b"\x01" * (end - start)
            if last is None:
                found.append(YearMention(start, end, first))
            else:
                found.append(YearMention(start, end, last, first=first))
    return sorted(found, key=lambda m: m.start)
