"""A letter's subject run onto its number line (issue 15, round 16).

A letter prints its subject ("V/v …", "về việc …") under its number in the letterhead's left
column; a crawl that reads the page as text runs the two onto one line::

    Số: 2739/VPCP-ĐMDN V/v quy định về quản trị doanh nghiệp …
    Số: 12/UBND-VP V/v triển khai kế hoạch … Hà Nội, ngày 05 tháng 4 năm 2019
    Số: 8424/VPCP-KTTH V/v: trợ cấp một lần đối với …   (a colon after "V/v", kept)

The words from "V/v" on are the letter's title (up to the place-and-date when that is run on
the same line). Read only where the header gives no title of its own (``meta.py`` reads a
title block or a "V/v" line opening its line first). Refused: a "Số:" line without "V/v"
after the number, a "V/v" with fewer than two words after it.
"""

from __future__ import annotations

import re

# "Số: 2739/VPCP-ĐMDN V/v …" (or "V/v: …", a colon after the mark): the number, then the
# subject.
_NUMBER_SUBJECT_RE = re.compile(
    r"^s[ốo]\s*:?\s*\S+\s+(?P<subject>V/v(?:\s*:)?\s+\S.*)$", re.IGNORECASE | re.DOTALL
)
# "… Hà Nội, ngày 05 tháng 4 năm 2019": a place (words in capitals and lower case, not a
# numeral "quý I") and its date run on after the subject.
_PLACE_DATE_RE = re.compile(
    r"\s+(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s+){0,3}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s*,\s*ngày\s+\d"
)


def number_line_subject(lines: list[str]) -> str | None:
    """The "V/v …" subject run onto the first "Số:" line of ``lines``; None without one."""
    for line in lines:
        found = _NUMBER_SUBJECT_RE.match(line.strip())
        if found is None:
            continue
        subject = found.group("subject")
        place = _PLACE_DATE_RE.search(subject)
        if place is not None:
            subject = subject[: place.start()]
        subject = " ".join(subject.split()).rstrip(" .;,")
        return subject if len(subject.split()) > 2 else None
    return None
