"""Bullets a body's head is given under the body's heading (issue 15, round 17)::

    1. Công an tỉnh                                        <- the heading: its rows' lead …
    Tham mưu giúp UBND tỉnh …                              <- (a row of Công an tỉnh)
    Trong đó giao Giám đốc Công an tỉnh chỉ đạo thực hiện:  <- … but the bullets below are
    - Đôn đốc, hướng dẫn các cơ quan …                      <- given to its head
    - Thành lập Đoàn kiểm tra …

The bullets right below a paragraph "(Trong đó) giao <head> <body> …:" that names the head
("Giám đốc", "Thủ trưởng", "Chủ tịch", "Trưởng ban" …) of the body leading them are led by that
head as printed. Refused: a paragraph naming another body (the bullets keep their lead), rows
not right below it.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.readers.base import Paragraph

_GIVEN_HEAD_RE = re.compile(
    r"^(?:Trong đó,?\s+)?[Gg]iao\s+(?P<lead>(?:Giám đốc|Thủ trưởng|Chủ tịch|Trưởng ban|Chánh "
    r"Văn phòng|Chỉ huy trưởng|Cục trưởng|Vụ trưởng)\s+(?P<body>[^,;:]+?))"
    r"\s+(?:chỉ đạo|chủ trì|tổ chức|thực hiện|có trách nhiệm)\b[^:]*:\s*$"
)
_BULLET_RE = re.compile(r"^\s*[-+•–]\s*\S")


def announced_heads(paragraphs: list[Paragraph], parsed: ParsedPlan) -> None:
    """Give the bullets right below "giao <head> <body> …:" to that head."""
    by_line = {item.line: item for item in parsed.items}
    for n, paragraph in enumerate(paragraphs):
        given = _GIVEN_HEAD_RE.match(paragraph.text.strip())
        if given is None:
            continue
        head, body = given.group("lead").strip(), given.group("body").strip()
        for below in paragraphs[n + 1 :]:
            if not _BULLET_RE.match(below.text):
                break
            item = by_line.get(below.line)
            if item is not None and (item.lead or "").strip() == body:
                item.lead = head
