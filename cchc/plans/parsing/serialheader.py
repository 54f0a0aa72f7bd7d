"""A task table's header printed one label a line in capitals, a label wrapped anywhere.

A gazette's PDF text (``serialcells.py``) prints the header's labels one line each, a label
too wide for its column wrapped over two or three lines, in capitals, so that case does not
tell a label's tail from the next label. Round 20 joined a label's usual tail ("THỜI HẠN" /
"HOÀN THÀNH", ``serialtimefirst.continues_label``); round 21 (issue 15, Phụ lục IV of a
Government resolution) wraps mid-phrase: "CƠ QUAN PHỐI" / "HỢP", "CẤP TRÌNH/" / "PHÊ DUYỆT".
A line in capitals goes on with the label above, in capitals, when

- the label above ends on a mark or a word that cannot end a label ("/", ",", "-", "VÀ",
  "CỦA", "HOẶC"), or
- the label above names no column the vocabulary knows and the two joined do ("CƠ QUAN PHỐI"
  is nothing, "CƠ QUAN PHỐI HỢP" the partners; "HỢP" alone would be a column of its own).

Two labels each known on its own ("CƠ QUAN CHỦ TRÌ" / "CƠ QUAN PHỐI HỢP") stay two.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.columns import field_for_label

_OPEN_END_RE = re.compile(r"(?:[/,\-–]|\b(?:VÀ|CỦA|HOẶC|CÁC|VỀ|ĐỂ))$")


def continues_capitals(previous: str, text: str) -> bool:
    """``text`` (a header's line in capitals) is the rest of the label ``previous`` wrapped."""
    previous, text = previous.strip(), text.strip()
    if not (previous.isupper() and text.isupper()):
        return False
    if _OPEN_END_RE.search(previous):
        return True
    return field_for_label(previous) is None and field_for_label(f"{previous} {text}") is not None
