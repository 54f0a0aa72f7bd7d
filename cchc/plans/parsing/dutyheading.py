"""A numbered heading that gives its body the points below: "X có trách nhiệm:" (issue 15,
held-out round 21)::

    1. Cơ quan có thẩm quyền có trách nhiệm:
    a) Rà soát …;
    4. Nhà đầu tư có trách nhiệm:
    a) Nộp bổ sung …

A Government resolution's "Tổ chức thực hiện" names each body over its points, the role words
"có trách nhiệm" / "chịu trách nhiệm" / "có nhiệm vụ" between the name and the colon. The role
words are no part of the name (a known ministry lost them already; a body named by its kind,
"Cơ quan có thẩm quyền", kept them), and the body may be one the vocabulary does not know
("Nhà đầu tư", "Chủ dự án"): the heading's shape says it names a body. Read as a duty heading
("Trách nhiệm của X:", ``vocabulary._DUTY_RE``): its subject leads the points below.

Refused (left to the other rules): anything after the colon on the heading's line, a subject
giving a role ("Bộ Y tế chủ trì, phối hợp … có trách nhiệm:"), opening with a clause ("Trong
quá trình …", "Khi …") or holding a comma (a list of bodies is read by the other rules), in
lower case or longer than a name (twelve words).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _DUTY_RE

_DUTY_HEADING_RE = re.compile(
    r"^(?P<lead>[A-ZĐÀ-Ỹ][^:;.()]{2,120}?)\s+(?:có|chịu)\s+(?:trách\s+nhiệm|nhiệm\s+vụ)\s*:\s*$"
)
_MOST_WORDS = 12
# A subject that is no body's name: a role given ("Bộ Y tế chủ trì, phối hợp với …") or an
# opening clause ("Trong quá trình thực hiện, các bộ …", "Khi cần thiết, …").
_NOT_A_NAME_RE = re.compile(
    r"\b(?:chủ trì|phối hợp|giao|đề nghị|yêu cầu)\b|^(?:Trong|Khi|Nếu|Trường hợp|Căn cứ|Để|Theo|"
    r"Sau khi|Đối với|Trên cơ sở)\b|,",
    re.I,
)


def duty_heading(text: str) -> re.Match[str] | None:
    """The match of a heading "X có trách nhiệm:" (its group "lead" is X), or None."""
    found = _DUTY_HEADING_RE.match(text.strip())
    if found is None:
        return None
    lead = found.group("lead")
    if len(lead.split()) > _MOST_WORDS or _NOT_A_NAME_RE.search(lead):
        return None
    return found


def duty_match(text: str) -> re.Match[str] | None:
    """A duty heading's match: "Trách nhiệm của X:" (``vocabulary._DUTY_RE``) or "X có trách
    nhiệm:"; its group "lead" is X."""
    return _DUTY_RE.match(text) or duty_heading(text)
