"""A list of documents to draft or amend, printed as a task table (issue 15, held-out round
21)::

    STT | CÁC LUẬT, NGHỊ ĐỊNH, … CẦN SỬA ĐỔI, BỔ SUNG | ĐIỀU, KHOẢN, ĐIỂM CẦN SỬA ĐỔI, … |
    CƠ QUAN CHỦ TRÌ SOẠN THẢO

A resolution's annex lists the laws, decrees and circulars each ministry must amend: a number,
the document's name, the provisions to amend, the drafting body. No partners and no timeframe
are printed (the deadline is in the resolution's article). Each row is a task all the same: the
drafting (or amending) of the document named, led by the drafting body ("Cơ quan chủ trì soạn
thảo", "Đơn vị soạn thảo"). A serial table's header (``serialcells._header_fields``) needs four
known columns; this one has three: the number, the document (the task) and the drafting body,
any other column (the provisions) kept as free text.

Refused: a lead's column that does not name the drafting ("Cơ quan chủ trì" alone: a table of
three known columns is no task table of another genre), more than two columns unknown.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.columns import header_key

# "Cơ quan chủ trì soạn thảo", "Cơ quan soạn thảo", "Đơn vị chủ trì soạn thảo".
_DRAFTING_RE = re.compile(r"^(?:co quan|don vi)\s+(?:chu tri\s+)?soan thao$")
_MOST_UNKNOWN = 2


def drafting_list(labels: list[str], fields: list[str | None]) -> bool:
    """Whether a header of a number, the task, unknown columns and a drafting body's column
    (``fields``, its ``labels`` as printed) is a list of documents to draft."""
    if len(fields) < 3 or fields[:2] != ["number", "title"]:
        return False
    known = [f for f in fields[2:] if f is not None]
    unknown = len(fields) - 2 - len(known)
    if known != ["lead"] or unknown > _MOST_UNKNOWN:
        return False
    return bool(_DRAFTING_RE.match(header_key(labels[fields.index("lead")])))
