"""Where a task table printed one cell after another (``serialcells.py``) may start its
numbering: anywhere, when the text holds part of a table.

An annex's excerpt, a table continued from a previous page, or one section of a long table
(issue 15, held-out round 21: "Phụ lục III" cut to its section "IV", rows "71", "72", …) opens
after its header with a roman section of any value, then a number that runs on from the part
left out. The table's FIRST roman section may be any numeral, and its FIRST numbered row any
number: a number alone on its line, with a stop ("71."), or before a capital ("71 Rà soát …");
a line such as "30 ngày làm việc" in a section's wrapped title (a number before a word in lower
case) is not a row. After the first row the numbering must run on as before (``_follows``).
"""

from __future__ import annotations

import re

# A number that opens a row (alone, with a stop, or before a capital).
_OPENING_NUMBER_RE = re.compile(r"^\d{1,3}(?:\.\d{0,3})?\.?(?:\s+[A-ZĐÀ-Ỹ].*)?$")


def opens_numbering(text: str, numbered_before: bool) -> bool:
    """``text`` (a row's number and the rest of its line) may be the table's first numbered
    row whatever its number: no numbered row was read before (``numbered_before``) and the
    number stands alone, with a stop, or before a capital."""
    if numbered_before:
        return False
    number = text.split(maxsplit=1)[0]
    # ("1.2" only as a first child: "71.1"; "71.3" is no opening)
    parts = [p for p in number.strip(".").split(".") if p]
    if len(parts) > 1 and parts[1] != "1":
        return False
    return bool(_OPENING_NUMBER_RE.match(text.strip()))


def opens_sections(label: str, rows_before: int, known: tuple[str, ...]) -> bool:
    """A roman ``label`` (one of ``known``) may open the table whatever its value: it is the
    table's first row (``rows_before`` is 0)."""
    return rows_before == 0 and label in known
