"""A responsibility heading printed without its stop, over a paragraph (issue 15, held-out
round 20)::

    5. Trách nhiệm của Bộ Quốc phòng                        <- the heading, ended
    Phối hợp với Bộ Công an, các cơ quan, tổ chức bố trí …   <- its one paragraph, a row

In a page whose paragraphs a blank line separates, a line not ending its sentence goes on
below; a numbered "Trách nhiệm (của) X" heading naming a body ends at its line when a full
printed line (a paragraph's first) opens with a capital below it. A short capitalised line
below ("Thành phố Hà Nội", a name wrapped) still goes on with it.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _AGENCY

_DUTY_HEADING_RE = re.compile(
    rf"^\d{{1,3}}\.\s+(?:(?:Trách nhiệm|Nhiệm vụ) của\s+|Trách nhiệm\s+)(?:{_AGENCY})[^.;:]*$"
)
# A paragraph's first printed line is wide; a wrapped name's tail is short.
_FULL_LINE = 60


def duty_heading_ends(previous: str, text: str) -> bool:
    """Whether the heading ``previous`` ends at its line, ``text`` opening its paragraph."""
    return (
        bool(_DUTY_HEADING_RE.match(previous.strip()))
        and text[:1].isupper()
        and len(text.strip()) >= _FULL_LINE
    )
