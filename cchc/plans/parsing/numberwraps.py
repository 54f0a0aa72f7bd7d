"""The letterhead's "Số:" label with its number on the next line (issue 15, held-out round 22)::

    |
    Số:
    95/2025/QĐ-UBND
    |

A crawled letterhead whose cells keep their printed line breaks sets the label "Số:" on a line
of its own and the number ("84/2025/QĐ-UBND", the year inside it; "172/QĐ-BCĐ") on the line
below. The label alone is joined to that line, so the number is read as the letterhead's own.
Refused: a label followed by a line that opens with no digit (no number: the text prints
none of its own, and the reader must read none), a label with text after it ("Số: 12/UBND"
is read as it stands).
"""

from __future__ import annotations

import re

# "Số:", "**Số:**", "Số" alone: the label without its number.
_LABEL_ALONE_RE = re.compile(r"^[*_\s]*s[ốo]\s*:?[*_\s]*$", re.IGNORECASE)
# "95/2025/QĐ-UBND", "3260-KH/ĐĐQH15": a number's line.
_NUMBER_OPENING_RE = re.compile(r"^[*_\s]*\d+\s*[/-]")


def joined_number_lines(lines: list[str]) -> list[str]:
    """``lines`` with each "Số:" label alone joined to the number on the line below it."""
    joined: list[str] = []
    skip = False
    for index, line in enumerate(lines):
        if skip:
            skip = False
            continue
        below = lines[index + 1] if index + 1 < len(lines) else ""
        if _LABEL_ALONE_RE.match(line) and _NUMBER_OPENING_RE.match(below):
            joined.append(f"{line.strip(' *_')} {below.strip(' *_')}")
            skip = True
            continue
        joined.append(line)
    return joined
