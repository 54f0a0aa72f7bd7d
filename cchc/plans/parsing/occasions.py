"""A point that opens with its occasion before its subject (issue 15, held-out round 15)::

    2. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc hoặc phát sinh nội dung cần
       điều chỉnh, bổ sung, Ủy ban Kiểm tra tổng hợp, báo cáo Ban Tổ chức xem xét, quyết định.
    3. Trường hợp có thay đổi về thời gian, Văn phòng thông báo cho các đơn vị.
    4. Khi có văn bản mới của cấp trên, Phòng Nội vụ tham mưu điều chỉnh Kế hoạch.

The occasion ("Trong quá trình …, nếu …,", "Trường hợp …,", "Khi …,") is a clause of its own,
with commas inside it: the subject is the body named after the comma that ends it, followed by
a task's verb; that body leads the row, and the row's text starts there. The bodies at large
("…, các cơ quan, đơn vị kịp thời báo cáo …") are the closing formula every plan ends with,
no one's row: left as they were read (``decisions.framed_subject`` reads them under a body's
heading).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _KINDS, _SUBJECT_RE, _SUBJECT_VERB_RE

_OCCASION_RE = re.compile(r"^(?:Trong quá trình|Quá trình|Trong trường hợp|Trường hợp|Khi|Nếu)\s")
# "các cơ quan, đơn vị", "các bộ, ngành", "mọi tổ chức": the bodies at large.
_AT_LARGE_RE = re.compile(rf"^(?:các|mọi|những)\s+(?:bộ\b|{_KINDS})", re.I)
# How far into the point the occasion may run.
_OCCASION_LENGTH = 400


def occasion_subject(text: str) -> str | None:
    """ "Ủy ban Kiểm tra tổng hợp, báo cáo …" from "Trong quá trình thực hiện, nếu có khó
    khăn, vướng mắc, Ủy ban Kiểm tra tổng hợp, báo cáo …": the sentence from the body named
    after the occasion; None when ``text`` opens with no occasion, names no body after it,
    or names the bodies at large."""
    if _OCCASION_RE.match(text) is None:
        return None
    for comma in re.finditer(r",\s+", text[:_OCCASION_LENGTH]):
        tail = text[comma.end() :]
        if _AT_LARGE_RE.match(tail):
            return None  # (the first body named after the occasion is its subject)
        if _SUBJECT_RE.match(tail) or _SUBJECT_VERB_RE.match(tail):
            return tail
    return None
