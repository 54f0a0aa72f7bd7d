"""Gazette task tables whose timeframe column comes before the bodies' columns
("TT | NHIỆM VỤ | THỜI HẠN HOÀN THÀNH | CƠ QUAN CHỦ TRÌ | CƠ QUAN PHỐI HỢP", issue 15,
held-out round 20), printed one cell after another (``serialcells.py``): the timeframe cell
is the first short run of lines after the task that the timeframe grammar reads whole
("Tháng 12/2026", "Quý IV/2026", "2026"); the lead's cell starts at the next line opening a
cell ("Bộ Tư pháp chủ trì …", "1. Bộ Tài chính …"), not glued onto the date. A header's
label wrapped in capitals ("THỜI HẠN" / "HOÀN THÀNH") is one label: a line holding a
label's usual tail, in capitals, goes on with the label above."""

from __future__ import annotations

import re
from collections.abc import Callable

from cchc.plans.parsing.milestones import milestone, opens_milestone
from cchc.scheduling.timeframes import parse_timeframe

# A label's tail printed on its own line in capitals ("THỜI HẠN" / "HOÀN THÀNH").
_LABEL_TAIL_RE = re.compile(
    r"^(?:HOÀN THÀNH|THỰC HIỆN|CHỦ TRÌ|PHỐI HỢP|TRIỂN KHAI|BAN HÀNH|TRÌNH)$"
)


def continues_label(previous: str, text: str) -> bool:
    """``text`` (a header's line) is the tail of the label above, wrapped in capitals."""
    return previous.isupper() and bool(_LABEL_TAIL_RE.match(text.strip()))


# The columns that, printed after the timeframe, hold bodies' names.
BODY_COLUMNS = ("lead", "partners")
# A timeframe cell's most lines ("Trước" / "ngày" / "01/3/2027").
_TIME_LINES = 4


def cells_after_timeframe(texts: list[str], is_timeframe: Callable[[str], bool]) -> int | None:
    """The index of the first line after the timeframe cell, or None: the first line (after
    the task's first) that opens a timeframe (``is_timeframe``), with the fewest lines after
    it that the grammar reads whole, followed by a line that opens a cell (a capital or a
    numbered list's "1.")."""
    for start in range(1, len(texts) - 1):
        text = texts[start]
        if not (text[:1].isupper() or text[:1].isdigit()):
            continue
        if not (is_timeframe(text) or opens_milestone(text)):  # "Hoàn thành xây" (milestones.py)
            continue
        for end in range(start + 1, min(len(texts), start + _TIME_LINES + 1)):
            following = texts[end]
            if not (following[:1].isupper() or following[:1].isdigit()):
                continue
            cell = " ".join(texts[start:end])
            if parse_timeframe(cell).kind != "unknown" or milestone(cell):
                return end
    return None
