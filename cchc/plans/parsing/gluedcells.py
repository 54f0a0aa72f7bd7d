"""Two bodies' cells printed on one line of a gazette table (issue 15, round 20)::

    7
    Rà soát, phê duyệt điều chỉnh Quy hoạch sử dụng đất
    Quý II/2026
    Bộ Nông nghiệp và Môi trường Các bộ, cơ quan, địa
    phương

When a table is printed one cell after another, a short lead cell and the first line of the
partners' cell may come out on one line, parted by a single space: the lead's name, then the
partners' cell opening with its capitalised plural ("Các bộ, …", "Những …"). Inside a body's
name or a list of bodies the plural is written in lower case ("Bộ X và các cơ quan …"), so a
capitalised "Các"/"Những" after a word in lower case (not after a list's comma or "và") opens
the next cell: the line is cut there, in the bodies' columns only (a task's text may use it
after its full stop).

The other way round, a proper name wrapped at the column's edge ("2. Các Bộ: Xây dựng, Công"
/ "Thương, các bộ, cơ quan …") is no new cell: a line that ends on a capitalised word and a
line that opens with a capitalised word that is no body's head word, then a list's comma or
the line's end ("Thương,"), are one name broken in two.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# "… Môi trường Các bộ": a capitalised plural after a word in lower case.
_GLUED_RE = re.compile(r"(?<=[a-zà-ỹđ])\s+(?<!\svà\s)(?=(?:Các|Những)\s+[a-zà-ỹđ])")


# "… Công" / "Thương, …": a capitalised word ending the line above; a capitalised word (not a
# body's head word) then a comma or the end opening the line.
_ENDS_CAPITAL_RE = re.compile(r"(?:^|\s)[A-ZĐÀ-Ỹ][a-zà-ỹđ]*$")
_OPENS_NAME_TAIL_RE = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]*(?:,|$)")


def name_goes_on(previous: str, text: str, is_body: Callable[[str], bool]) -> bool:
    """Whether ``text`` goes on with a proper name broken at the end of ``previous``
    ("… Xây dựng, Công" / "Thương, các bộ …"), not a new cell."""
    return (
        _ENDS_CAPITAL_RE.search(previous.strip()) is not None
        and _OPENS_NAME_TAIL_RE.match(text.strip()) is not None
        and not is_body(text)
    )


def split_glued_bodies(texts: list[str]) -> list[str]:
    """The lines of the bodies' cells, a line holding the end of one cell and the opening of
    the next ("Bộ X Các bộ, cơ quan") cut in two."""
    out: list[str] = []
    for text in texts:
        parts = _GLUED_RE.split(text)
        out.extend(part.strip() for part in parts if part.strip())
    return out
