"""A duty's clause that only says whom it serves, over the lettered tasks (issue 15, round 23)::

    **Điều 4. Trách nhiệm của Ban Chỉ đạo**
    1. Giúp Thủ tướng Chính phủ:                 <- whom the tasks below serve: no row
    a) Chỉ đạo việc phối hợp hoạt động …;        <- rows led by the article's body
    b) Nghiên cứu, đề xuất …;
    2. Tổng hợp và định kỳ báo cáo …             <- a clause of its own again

A committee's or a council's rules list what it does "to help" its principal: the clause
"Giúp (Tham mưu, giúp) <who>:" names no task, only the office the lettered points below
serve. Read as a numbered heading, it would be a section of its own and end the duty
heading's body over its points (they were lost). The clause is printed without its number,
so the points stay the article's clauses (each a row keeping its letter, led by the body
the article names), and the purpose goes to the notes of the rows read from those points:
their titles are the points' own words.

Refused: a clause with more than the purpose ("1. Giúp Thủ tướng chỉ đạo …:" is a task over
its details), one not followed by a lettered point, a purpose naming no one in capitals
("1. Giúp việc:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.readers.base import Paragraph

# "1. Giúp Thủ tướng Chính phủ:", "2. Tham mưu, giúp Chủ tịch Ủy ban nhân dân tỉnh:".
_PURPOSE_RE = re.compile(
    r"^(?P<open>[*_]*)\s*\d{1,2}\s*\.\s*"
    r"(?P<purpose>(?:Tham\s+mưu,?\s+(?:và\s+)?)?[Gg]iúp\s+(?:cho\s+)?[A-ZĐÀ-Ỹ][^:;.,()]{2,80}?)"
    r"\s*:\s*[*_]*\s*$"
)
_LETTERED_RE = re.compile(r"^[*_\s]*[a-zđ]\s*\)\s*\S")
# Where the points below the label end: the next numbered clause, article, part or chapter.
_NEXT_CLAUSE_RE = re.compile(r"^[*_\s]*(?:\d{1,2}\s*\.|Điều\s|Phần\s|PHẦN\s|Chương\s|CHƯƠNG\s)")


@dataclass
class Purpose:
    """A purpose label: its words and the lines of the points it is over."""

    text: str
    first: int  # the label's line
    last: int  # the last line of its points (inclusive)


def purpose_labels(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Purpose]]:
    """``paragraphs`` with each purpose label over lettered points printed without its number,
    and the labels found (for ``note_purposes``)."""
    rewritten: list[Paragraph] = []
    purposes: list[Purpose] = []
    for index, paragraph in enumerate(paragraphs):
        match = _PURPOSE_RE.match(paragraph.text.strip())
        below = [p for p in paragraphs[index + 1 :] if p.text.strip()]
        if match is None or not below or not _LETTERED_RE.match(below[0].text):
            rewritten.append(paragraph)
            continue
        end = next((p.line - 1 for p in below if _NEXT_CLAUSE_RE.match(p.text)), 10**9)
        purpose = " ".join(match.group("purpose").split())
        purposes.append(Purpose(text=purpose, first=paragraph.line, last=end))
        rewritten.append(Paragraph(line=paragraph.line, text=f"{purpose}:"))
    return rewritten, purposes


def note_purposes(purposes: list[Purpose], parsed: ParsedPlan) -> None:
    """The purpose of each label into the notes of the rows read from the points below it."""
    for purpose in purposes:
        for item in parsed.items:
            if purpose.first < item.line <= purpose.last:
                item.notes = "; ".join(filter(None, [purpose.text, item.notes]))
