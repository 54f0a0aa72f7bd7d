"""Role words before a colon left at a title's start (issue 15, round 17)::

    7. Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện có trách nhiệm: Lãnh đạo, chỉ
       đạo thực hiện tốt các quy định …

The lead read, the title "Có trách nhiệm: Lãnh đạo, chỉ đạo …" opens with the lead's role
("có trách nhiệm", "chịu trách nhiệm", "có nhiệm vụ") and a colon: the role is no part of the
task, the title is what follows the colon ("Lãnh đạo, chỉ đạo …"). Refused: a row without a
lead, role words without a colon ("Chịu trách nhiệm trước pháp luật …" is the duty itself).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.result import ParsedPlan

_ROLE_COLON_RE = re.compile(
    r"^(?:[Cc]ó|[Cc]hịu)\s+(?:trách nhiệm|nhiệm vụ)(?:\s+thực hiện)?\s*:\s*(?=\S)"
)


def drop_role_colon(parsed: ParsedPlan) -> None:
    """Take the role words and their colon off the start of each led row's title."""
    for item in parsed.items:
        role = _ROLE_COLON_RE.match(item.title or "") if item.lead else None
        if role is not None:
            rest = (item.title or "")[role.end() :]
            item.title = rest[:1].upper() + rest[1:]
