"""A point's unnumbered paragraph continuing it (issue 15, round 17)::

    Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh:
    1. Chỉ đạo các cấp đưa nội dung đào tạo nghề vào kế hoạch 5 năm …
    Đào tạo nghề phải gắn với giải quyết việc làm, …      <- still point 1
    2. Chỉ đạo các doanh nghiệp ưu tiên tuyển dụng …

A paragraph without number read as a row of its own, between the rows of two consecutive
points ("1." and "2.", "a)" and "b)"), given the lead of the point before it (no subject of its
own: the lead was carried over), that opens by restating the point's object (its first
``RESTATED`` words are words of the point, in order: "Đào tạo nghề cho con …" after "… đưa nội
dung đào tạo nghề cho con …") is that point's continuation: it goes to the point's notes.
Refused: a paragraph opening with a task of its own ("Khẩn trương báo cáo …" after "Khẩn
trương hoàn thiện …": a row), one naming its own body (another lead), one after the last
point (a paragraph apart, about the points together), one sharing the point's line (a later
sentence of the same paragraph).
"""

from __future__ import annotations

from cchc.core.text import fold
from cchc.plans.parsing.result import Item, ParsedPlan

# A paragraph restating its point opens with this many of the point's words, in order.
RESTATED = 5
_LETTERS = "abcdđefghiklmnopqrstuvxy"


def _follows(previous: str | None, following: str | None) -> bool:
    a, b = (previous or "").strip(".)"), (following or "").strip(".)")
    if a.isdigit() and b.isdigit():
        return int(b) == int(a) + 1
    if len(a) == 1 and len(b) == 1 and a in _LETTERS and b in _LETTERS:
        return _LETTERS.index(b) == _LETTERS.index(a) + 1
    return False


def _restates(text: str, point: str) -> bool:
    words = fold(text).split()[:RESTATED]
    return len(words) == RESTATED and f" {' '.join(words)} " in f" {' '.join(fold(point).split())} "


def merge_continuations(parsed: ParsedPlan) -> None:
    """Fold into the point before it each unnumbered row that only continues that point."""
    items = parsed.items
    kept: list[Item] = []
    for n, item in enumerate(items):
        previous = kept[-1] if kept else None
        following = items[n + 1] if n + 1 < len(items) else None
        if (
            previous is not None
            and following is not None
            and not item.number
            and item.line != previous.line
            and item.lead
            and item.lead == previous.lead
            and item.section == previous.section
            and _follows(previous.number, following.number)
            and _restates(item.title or "", previous.title or "")
        ):
            text = " ".join(filter(None, [item.title, item.notes]))
            previous.notes = "; ".join(filter(None, [previous.notes, text]))
            continue
        kept.append(item)
    parsed.items[:] = kept
