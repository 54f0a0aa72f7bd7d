"""The columns printed after a serial table's timeframe (``serialcells._trailing``): where
they start when the column after the date holds a level or a body ("Cấp trình/phê duyệt").

A gazette's table (issue 15, held-out round 21: "TT | NHIỆM VỤ CỤ THỂ | CƠ QUAN CHỦ TRÌ | CƠ
QUAN PHỐI HỢP | THỜI HẠN THỰC HIỆN | CẤP TRÌNH/PHÊ DUYỆT") ends its rows with "2026 - 2030" /
"Thủ tướng" / "Chính phủ": the level's name wrapped over two lines, each opening with a
capital. The timeframe's cell ends where the grammar stops reading it whole: the last
columns start at the LAST line that opens a cell right after lines the grammar reads whole
("2026 - 2030", not "2026 - 2030 Thủ tướng", which only opens as a year does). When no such
line is found within the row's last lines, the caller's looser search decides as before.
"""

from __future__ import annotations

from collections.abc import Callable

from cchc.scheduling.timeframes import parse_timeframe

# How many of the row's last lines are searched (as the caller's looser search).
_WINDOW = 8


def after_whole_timeframe(
    texts: list[str],
    starts: Callable[[str, str], bool],
    cell_before: Callable[[list[str]], str],
) -> int | None:
    """The index of the line opening the columns after the timeframe: the last line within
    the row's last lines that opens a cell (``starts``) after a timeframe cell
    (``cell_before`` of the lines above it) the grammar reads whole; None when there is none."""
    for index in range(len(texts) - 1, max(0, len(texts) - _WINDOW), -1):
        if not starts(texts[index - 1], texts[index]):
            continue
        cell = cell_before(texts[:index])
        if cell and parse_timeframe(cell).kind != "unknown":
            return index
    return None
