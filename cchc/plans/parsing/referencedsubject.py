"""A subject named by a reference to the document's own clauses (issue 15, branch left22)::

    c) Thời hạn: Các cơ quan được giao nhiệm vụ tổng hợp tại khoản 2 Điều này định kỳ gửi
    báo cáo về Sở Tài chính …
    Các đơn vị được phân công chủ trì nêu tại Phụ lục kèm theo Quyết định này rà soát …

Regulations name the bodies of an earlier clause by what they were given there: "được giao
(nhiệm vụ) <duty> tại <clause> này". The duty's words ("tổng hợp", "báo cáo", "chủ trì") are
task verbs, so the reader took the first of them for the subject's verb (or cut the subject
there: the document's points open with the same verb) and the rest of the reference for the
task ("Tổng hợp tại khoản 2 Điều này định kỳ …"). When the subject ends on "được giao /
được phân công (nhiệm vụ)" and the words after it are at most a few words and then a
reference that closes on "… này" (the document itself: "Điều này", "Quyết định này"), the
reference is part of the subject: the task starts after it.
"""

from __future__ import annotations

import re

_GIVEN_END_RE = re.compile(r"\bđược (?:giao|phân công)(?: nhiệm vụ)?\s*$")
_PARTS = r"(?:điểm|khoản|mục|tiết|Điều|Mục|Phần|Chương|Phụ lục)"
_DOCUMENT = r"(?:Điều|Quyết định|Nghị quyết|Kế hoạch|Chỉ thị|Chương trình|Quy chế|Quy định)"
_REFERENCE_RE = re.compile(
    rf"^(?:[^\s,.;:]+\s+){{0,4}}?(?:(?:nêu|quy định|ghi)\s+)?tại\s+"
    # ("khoản 1, 2 Điều này", "Phụ lục I kèm theo Quyết định này", "Phụ lục kèm theo …")
    rf"(?:{_PARTS}(?:\s+(?:\d[\w.]*|[IVXLC]+|[a-zđ])(?:\s*,\s*[\w.]+)*)?\s+)+"
    rf"(?:kèm theo\s+)?(?:{_DOCUMENT}\s+)?này\b"
    r"\s*,?\s*",
    re.S,
)


def referenced_subject(lead: str, rest: str) -> tuple[str, str]:
    """``lead`` and ``rest`` with a reference to the document's own clause that ends the
    subject ("… được giao nhiệm vụ báo cáo tại khoản 1 Điều này") moved into the lead;
    unchanged otherwise."""
    rest = rest.strip()
    if not _GIVEN_END_RE.search(lead):
        return lead, rest
    found = _REFERENCE_RE.match(rest)
    if found is None or found.end() == len(rest):
        return lead, rest
    return f"{lead.rstrip()} {rest[: found.end()].strip(' ,')}", rest[found.end() :]


def within_reference(before: str, after: str) -> bool:
    """Whether the words ``after`` a subject's ``before`` ("Các cơ quan được giao nhiệm vụ" /
    "báo cáo tại khoản 1 Điều này") are the reference that names it, not its verb."""
    return _GIVEN_END_RE.search(before) is not None and bool(_REFERENCE_RE.match(after.strip()))
