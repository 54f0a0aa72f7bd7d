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

- the line opens with a word that cannot open a label ("CẦN", "ĐƯỢC", "CỦA", "VÀ": "… THÔNG
  TƯ" / "CẦN SỬA ĐỔI, BỔ SUNG"), or
- the line is one word the vocabulary does not know ("CƠ QUAN CHỦ TRÌ SOẠN" / "THẢO"): a
  column's label is not one syllable.

Two labels each known on its own ("CƠ QUAN CHỦ TRÌ" / "CƠ QUAN PHỐI HỢP") stay two. In a
header printed in capitals, a line in capitals of up to eight words is a label the vocabulary
need not know ("ĐIỀU, KHOẢN, ĐIỂM CẦN SỬA ĐỔI," / "BỔ SUNG, BÃI BỎ", ``capital_label``).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.columns import field_for_label

_OPEN_END_RE = re.compile(r"(?:[/,\-–]|\b(?:VÀ|CỦA|HOẶC|CÁC|VỀ|ĐỂ))$")
# Words that go on with a phrase, never open a label ("CẨN": the gazette's misprint of "CẦN").
_GOING_ON = frozenset({"CẦN", "CẨN", "ĐƯỢC", "ĐÃ", "ĐỂ", "CỦA", "VÀ", "HOẶC", "TẠI", "CHO", "VỚI"})
_MOST_LABEL_WORDS = 8


def continues_capitals(previous: str, text: str) -> bool:
    """``text`` (a header's line in capitals) is the rest of the label ``previous`` wrapped."""
    previous, text = previous.strip(), text.strip()
    if not (previous.isupper() and text.isupper()):
        return False
    words = text.split()
    if _OPEN_END_RE.search(previous) or words[0].strip(",") in _GOING_ON:
        return True
    if len(words) == 1 and field_for_label(text) is None:
        return True
    return field_for_label(previous) is None and field_for_label(f"{previous} {text}") is not None


def capital_label(text: str, labels: list[str]) -> bool:
    """``text`` is a label the vocabulary need not know, in a header printed in capitals: the
    labels above and the line in capitals, the line of at most eight words, before the lead's
    label (after it, a line in capitals is a section's title: "NHÓM NHIỆM VỤ VỀ …")."""
    text = text.strip()
    return (
        len(labels) > 1
        and all(label.isupper() for label in labels[1:])
        and "lead" not in (field_for_label(label) for label in labels)
        and text.isupper()
        and len(text.split()) <= _MOST_LABEL_WORDS
        and not text.endswith((".", ";"))
    )
