"""A timeframe cell written as a sentence naming the milestone (issue 15, held-out round 23)::

    65  Xây dựng và triển khai đề án …    Hoàn thành xây        Ngân hàng Nhà nước …
                                          dựng Đề án trong
                                          quý II/2026

A gazette table's deadline column may say WHAT is due by when: "Hoàn thành <milestone>
trong (trước, chậm nhất, vào) <period>" ("Hoàn thành xây dựng Đề án trong quý II/2026"). The
timeframe grammar reads "Hoàn thành trong quý II/2026", not the milestone between: such a
cell is a timeframe when its period (after "trong", "trước" …) is one the grammar reads. The
cell is kept whole as printed (the milestone is part of the deadline's meaning).

Refused: a sentence whose tail is no period ("Hoàn thành xây dựng Đề án trong lĩnh vực …"),
one not opening with "Hoàn thành", a milestone longer than a cell's few words.
"""

from __future__ import annotations

import re

from cchc.scheduling.timeframes import parse_timeframe

# "Hoàn thành xây dựng Đề án trong quý II/2026": the milestone, then its period.
_MILESTONE_RE = re.compile(
    r"^Hoàn thành\s+(?P<what>[^.;:]{3,80}?)\s+(?P<when>(?:trong|trước|chậm nhất|vào)\s+\S.*)$",
    re.S,
)
# "Hoàn thành xây": how such a cell opens (its first line).
_OPENING_RE = re.compile(r"^Hoàn thành\s+\S")


def milestone(text: str) -> bool:
    """Whether ``text`` (a cell, lines joined) is "Hoàn thành <milestone> trong <period>"
    with a period the timeframe grammar reads."""
    found = _MILESTONE_RE.match(" ".join(text.split()))
    if found is None:
        return False
    return parse_timeframe(f"Hoàn thành {found.group('when')}").kind != "unknown"


def opens_milestone(text: str) -> bool:
    """Whether the line ``text`` may open such a cell ("Hoàn thành xây")."""
    return _OPENING_RE.match(text.strip()) is not None
