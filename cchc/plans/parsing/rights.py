"""A body's right among its duties is no row (issue 15, held-out round 22)::

    **Điều 8. Trách nhiệm của Cơ quan thường trực**
    3. Đề xuất Ban Chỉ đạo các giải pháp …                                    <- a duty: a row
    4. Trong quá trình thực hiện nhiệm vụ, Cơ quan thường trực được làm việc với
       các bộ, ngành, địa phương …                                             <- a right

Rules giving bodies their duties also say what a body MAY do: "<body> được <verb> …" (is
allowed to work with, to use, to ask for …). That is a power, not a task to follow up: the row
the sentence reader made of it (its lead running on over "được làm việc với …", since "làm
việc" is no task's verb) is dropped, with a ``right-no-row`` warning at its line.

Refused: "được giao", "được phân công", "được ủy quyền", "được cử", "được thành lập" (the body
named by what it was given: "Các cơ quan được giao nhiệm vụ báo cáo …" leads its task), "được"
inside the body's remit ("theo chức năng, nhiệm vụ được giao"), a row whose title, not its
lead, holds the word.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.parsing.vocabulary import _AGENCY

# "Cơ quan thường trực Ban Chỉ đạo được làm việc với …": a body, then what it may do.
_RIGHT_RE = re.compile(
    rf"^(?:{_AGENCY})[^,;:()]{{0,80}}?\s+được\s+"
    r"(?!giao|phân công|ủy quyền|uỷ quyền|ủy nhiệm|cử\b|thành lập|quy định|nêu|bố trí)\w"
)


def drop_rights(parsed: ParsedPlan) -> None:
    """Drop from ``parsed`` each row whose lead reads "<body> được <verb> …" (a right), with a
    warning at its line."""
    kept = []
    for item in parsed.items:
        if not _RIGHT_RE.match(item.lead or ""):
            kept.append(item)
            continue
        text = " ".join(f"{item.lead} {item.title or ''}".split())[:100]
        message = _("This point gives a body a right, not a task: no row is imported. «%(text)s»")
        parsed.warn(item.line, message % {"text": text}, "right-no-row")
    parsed.items[:] = kept
