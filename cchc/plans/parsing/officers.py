"""Rows given to people and staff, not bodies (held-out round 13: a commune's committee)::

    1. Ban Thường trực Ủy ban MTTQ xã
    - Giao đồng chí Nguyễn Văn A – Phó Chủ tịch … thực hiện nhiệm vụ theo kế hoạch …
    2. Chuyên viên cơ quan Ủy ban MTTQ xã
    - Chuyên viên phụ trách tổng hợp tham mưu Ban Thường trực …
    - Các chuyên viên khác thực hiện các nhiệm vụ được phân công …
    - Ban Thường trực … yêu cầu các đồng chí … thực hiện nghiêm túc kế hoạch này.
    Đề nghị Văn phòng X phối hợp Cơ quan Y trong công tác chuẩn bị …

"Giao <person> – <office> <task>" is the person's row; a bullet whose subject is a member of
staff ("Chuyên viên …", "Công chức …", "Kế toán …") is that staff's row, and a heading naming
staff leads the bullets without a subject below it; a bullet asking everyone to carry out
"kế hoạch này" seriously closes the plan (no row); "phối hợp X trong công tác …" with no task's
verb after X keeps the cooperation as its text (Convention B).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.result import Item, ParsedPlan
from cchc.plans.parsing.vocabulary import _VERBS

# "Giao đồng chí Nguyễn Văn A – Phó Chủ tịch UBND xã thực hiện …": a person and an office.
_GIVE_PERSON_RE = re.compile(
    r"^Giao\s+(?P<who>(?:đồng\s+chí|đ/c|ông|bà)\s+[^,;:]{3,160}?\s[–-]\s[^,;:]{3,160}?)"
    rf"\s+(?P<rest>(?:{_VERBS})\b.*)$",
    re.S,
)
_STAFF = r"(?:chuyên viên|công chức|viên chức|cán bộ|kế toán|văn thư|thủ quỹ)"
# "Chuyên viên phụ trách tổng hợp tham mưu …", "Các chuyên viên khác thực hiện …".
_STAFF_SUBJECT_RE = re.compile(
    rf"^(?P<who>(?:Các\s+|Những\s+)?{_STAFF}(?:\s+phụ\s+trách\s+\S+(?:\s+\S+)??)?"
    rf"(?:\s+(?!(?:{_VERBS})\b)\S+){{0,6}}?)\s+(?P<rest>(?:{_VERBS})\b.*)$",
    re.I | re.S,
)
# "2. Chuyên viên Cơ quan Ủy ban MTTQ xã", "3. Các công chức chuyên môn": staff as a heading.
_STAFF_HEADING_RE = re.compile(
    rf"^(?:[\dIVX.]+\s*[.)]\s*)?(?P<who>(?:Các\s+)?{_STAFF}\b[^.;:]*)$", re.I
)
# "… yêu cầu các đồng chí … triển khai, thực hiện nghiêm túc kế hoạch này.": the closing call.
_CLOSING_CALL_RE = re.compile(
    r"^(?:Yêu cầu|Đề nghị)\s.{0,300}?\bnghiêm\s+túc\s+"
    r"(?:kế hoạch|quyết định|chỉ thị|công văn|thông báo|nghị quyết|chương trình)\s+này\s*[.;]?$",
    re.I | re.S,
)
# "trong công tác chuẩn bị …", "trong việc …": the scope of a cooperation, no task's verb.
_SCOPE_RE = re.compile(r"^(?:trong|về)\s+(?:công tác|việc|hoạt động)\b", re.I)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def person_given(item: Item) -> bool:
    """Give a "Giao <person> – <office> <task>" row to that person; whether it was one."""
    found = _GIVE_PERSON_RE.match(item.title or "")
    if found is None:
        return False
    item.lead = " ".join(found.group("who").split())
    item.title = _capital(found.group("rest").strip())
    return True


def staff_given(item: Item) -> bool:
    """Give a row without lead to the staff its text or its heading names; whether it did."""
    if item.lead:
        return False
    found = _STAFF_SUBJECT_RE.match(item.title or "")
    if found is not None:
        item.lead = " ".join(found.group("who").split())
        item.title = _capital(found.group("rest").strip())
        return True
    heading = _STAFF_HEADING_RE.match(item.section[-1]) if item.section else None
    if heading is not None:
        item.lead = heading.group("who").strip()
        return True
    return False


def closing_call(item: Item) -> bool:
    """Whether the row is the plan's closing call to carry it out ("yêu cầu … nghiêm túc kế
    hoạch này"), no task."""
    return _CLOSING_CALL_RE.match((item.title or "").strip()) is not None


def scope_only(after: str) -> bool:
    """Whether the words after a "phối hợp X" clause are only its scope ("trong công tác …"),
    no task's verb: the cooperation stays the row's text."""
    return _SCOPE_RE.match(after) is not None


def read_officer_rows(parsed: ParsedPlan) -> None:
    """Rows of people and staff in ``parsed``: given to them; the closing call dropped."""
    kept: list[Item] = []
    given: set[int] = set()
    for item in parsed.items:
        if closing_call(item):
            continue
        if person_given(item) or staff_given(item):
            given.add(item.line)
        kept.append(item)
    parsed.items[:] = kept
    parsed.warnings[:] = [
        w for w in parsed.warnings if not (w.code == "prose-no-lead" and w.line in given)
    ]
