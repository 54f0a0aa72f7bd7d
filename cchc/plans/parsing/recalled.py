"""An earlier text's instruction recalled in a letter (issue 15, held-out round 18)::

    Ngày 19 tháng 9 năm 2013, Văn phòng Chính phủ có văn bản số 349/TB-VPCP thông báo ý kiến
    chỉ đạo của Phó Thủ tướng … yêu cầu Bộ X chủ trì, phối hợp với Bộ Y khẩn trương xây dựng
    …, báo cáo Phó Thủ tướng trước ngày 30 tháng 9 năm 2013.
    Tuy nhiên đến nay, … chưa nhận được báo cáo …
    Văn phòng Chính phủ đề nghị Bộ X khẩn trương có báo cáo về …

A letter urging a body recounts what an earlier text asked: a body "có văn bản số N" (issued
text N: "ban hành", "gửi") that directed ("yêu cầu", "giao", "đề nghị") — told as background,
with that text's roles and past deadline. The sentence is no row (``conclusions.no_task``);
the letter's own request after it is. Refused: a sentence citing a text only as its basis
("Thực hiện Công văn số N …, Sở X đề nghị …": the body named after the citation asks now),
a sentence whose words before the citation are no body's name (a task's verb among them).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _VERBS

# "[Ngày D, ]<Body> [đã ]có văn bản số N … yêu cầu …": a body issued a text that directed.
_RECALLED_RE = re.compile(
    r"^(?:Ngày\s[^,]{4,40},\s*)?(?P<who>[A-ZĐÀ-Ỹ][^.;:,]{2,80}?)\s+(?:đã\s+)?"
    r"(?:có|ban hành|gửi)\s+(?:văn bản|công văn|thông báo|công điện|quyết định|chỉ thị)\s+"
    r"(?:số\s+)?\d+[^\s,]*[^.;]*?\s(?:yêu cầu|giao|đề nghị|chỉ đạo)\s",
    re.I,
)


def recalled_instruction(text: str) -> bool:
    """Whether ``text`` recounts what an earlier text of a named body directed: "Ngày D, Văn
    phòng Chính phủ có văn bản số N … yêu cầu Bộ X …" (background, no row)."""
    found = _RECALLED_RE.match(text.strip(" *_"))
    if found is None:
        return False
    who = found.group("who")
    return len(who.split()) <= 10 and re.search(rf"\b(?:{_VERBS})\b", who.lower()) is None
