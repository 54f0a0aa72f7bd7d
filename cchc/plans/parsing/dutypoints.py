"""A duty heading over points that are its tasks (issue 15, round 17)::

    2. Trách nhiệm của Ủy ban nhân dân các tỉnh        <- the body of the points below
    a) Công bố công khai danh sách các hộ được hỗ trợ;  <- a row led by it
    b) Bố trí đủ vốn đối ứng …

"Trách nhiệm của X" over deeper points naming bodies ("2.1. Sở Tài chính:", "a) Bộ Xây
dựng:") is their section (the points are the agencies); over points opening with a task
(no body, no heading's colon) X is the lead of each, as over bullets.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.casepoints import announces_specifics
from cchc.plans.parsing.structure import deeper_heading
from cchc.plans.parsing.vocabulary import _AGENCY, _HEADING_RE

_BODY_OPENING_RE = re.compile(rf"^(?:Đề nghị\s+|Giao\s+)?(?:{_AGENCY})")


def points_name_bodies(text: str) -> bool:
    """Whether the point ``text`` (the first below a duty heading) names a body (it is an
    agency's heading: "Sở Tài chính:", "Bộ Xây dựng") rather than opening with a task."""
    heading = _HEADING_RE.match(text)
    if heading is None:
        return True
    rest = heading.group("rest").strip(" *_")
    # ("1. Tiếp nhận …, cụ thể:" announces its details, casepoints.py: a task, not a body)
    named = rest.endswith(":") and not announces_specifics(rest)
    return named or _BODY_OPENING_RE.match(rest) is not None


def agencies_below(following: str, kind: str) -> bool:
    """Whether the point ``following`` a duty heading of ``kind`` is deeper and names a body:
    the heading is then the section of the agencies' points, not their lead."""
    return deeper_heading(following, kind) and points_name_bodies(following)
