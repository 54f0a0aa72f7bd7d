"""Where a row's lead ends when its words go on past the body's name (issue 15, round 9).

    Cấp uỷ, chính quyền các cấp, nhất là các thành phố lớn phải đi đầu …
    Giao Phó Thủ tướng X trước ngày 15/11/2025 trực tiếp kiểm tra …
    4.6. Văn phòng
    Trung ương Đảng phối hợp theo dõi …

In the first the bodies are named, then the ones the task matters most for: a qualifier,
kept in the row's notes, not part of its lead; in the second a deadline stands between the
subject and its verb. In the third the body's head ends a printed line and its name opens the
next: one sentence, not a heading over a task. Also here: which sentence of a paragraph
announcing points names their lead, when that lead still holds after a point with a subject
of its own, and when the words after a comma go on with a list instead of naming a subject.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.appositions import capacity, standing_capacity
from cchc.plans.parsing.cooperation import inside_partner_list
from cchc.plans.parsing.vocabulary import (
    _BULLET_RE,
    _HEADING_RE,
    _KINDS,
    _SUBJECT_VERB_RE,
    _TIME_INLINE_RE,
    _VERBS,
)

# ", nhất là …", ", đặc biệt là …", ", trước hết là …": the bodies singled out of a list.
_QUALIFIER_RE = re.compile(
    r",\s+(?P<qualifier>(?:nhất là|đặc biệt là|trước hết là|trong đó có|trong đó nhất là)\s+\S.*)$",
    re.S,
)


def lead_qualifier(lead: str, rest: str) -> tuple[str, str, str]:
    """(lead, rest, qualifier) from a lead that goes on past the bodies' names.

    "Cấp uỷ, chính quyền các cấp, nhất là các thành phố lớn": the lead without the bodies it
    singles out, and those (for the notes). "Phó Thủ tướng X trước ngày 15/11/2025" (the
    deadline printed between the subject and its verb): the lead without it, the deadline
    put after the task's words, where the deadline reader finds it (unless the task ends
    with a deadline of its own)."""
    lead, rest = _without_manner(lead, rest)
    lead, rest, role = capacity(lead, rest)  # "Bộ X với vai trò là …," (appositions.py)
    if not role:  # "X là cơ quan thường trực …, có trách nhiệm …" (appositions.py)
        rest, role = standing_capacity(rest)
    if role:
        return lead, rest, role
    timed = _LEAD_TIME_RE.search(lead)
    if timed and timed.start() > 0 and not _TIME_INLINE_RE.search(rest):
        rest = f"{rest.rstrip(' .;')}, {timed.group('time')}"
        lead = lead[: timed.start()].strip(" ,")
    found = _QUALIFIER_RE.search(lead)
    if found is None or found.start() == 0:
        return lead, rest, ""
    return lead[: found.start()].strip(" ,"), rest, found.group("qualifier").strip(" ,")


# How or when the body acts, printed between its name and the task's verb the vocabulary
# lacks: "Cục Thuế chú trọng nghiên cứu …", "Tổng cục Thuế sẽ định kỳ tổng hợp …".
# ("Các Chi bộ quan tâm chỉ đạo …": the care the body is asked for, round 15)
_MANNER = r"(?:sẽ|cần|phải|chú trọng|quan tâm|nghiêm túc|tích cực|kịp thời|định k[yỳ]|thường xuyên)"
_MANNER_TAIL_RE = re.compile(rf"\s+(?P<words>{_MANNER}(?:,?\s+{_MANNER})*)$")
_MODAL_RE = re.compile(r"^(?:sẽ|cần|phải)(?:\s+|$)")


def _without_manner(lead: str, rest: str) -> tuple[str, str]:
    """(lead, rest) with the words saying how the body acts moved from the lead's end to the
    task's start ("Cục Thuế chú trọng" / "nghiên cứu …" -> "Cục Thuế" / "chú trọng nghiên
    cứu …"); a modal ("sẽ", "cần", "phải") before them is no part of the task."""
    found = _MANNER_TAIL_RE.search(lead)
    if found is None or found.start() == 0:
        return lead, rest
    words = _MODAL_RE.sub("", found.group("words"))
    return lead[: found.start()].strip(" ,"), f"{words} {rest.lstrip()}".strip()


# "… Trần Hồng Hà trước ngày 15 tháng 11 năm 2025": a deadline closing a lead.
_LEAD_TIME_RE = re.compile(
    r"\s+(?P<time>(?:trước|trong)\s+(?:ngày|tháng|quý|năm)\s+[\d/IV]+[^,;:()]{0,30})$"
)


# The head of a body's name that is no name without the words after it: "Văn phòng", "Ban",
# "Đảng uỷ", "Uỷ ban", "Hội đồng", "Bộ", "Sở", "Cục", "Trung tâm".
_BARE_HEAD_RE = re.compile(
    r"^(?:Giao\s+)?(?:Văn phòng|Ban|Đảng [uủ]ỷ|Đảng [uủ]y|Đảng|[UỦ]ỷ ban|Ủy ban|Hội đồng|Bộ|Sở|"
    r"Cục|Tổng cục|Trung tâm|Thường trực)$"
)
# What opens the next line of such a name: a proper name in capitals ("Trung ương Đảng", "Bí
# thư", "Chính phủ", "Quốc hội"), not a task's verb.
# ("Tuyên giáo và Dân vận …": a capital within its first words)
_NAME_START_RE = re.compile(r"^[A-ZĐÀ-Ỹ][\wà-ỹ]*(?:\s+[a-zà-ỹđ]+){0,2}\s+[A-ZĐÀ-Ỹ]")


# Names never cut between these words: "Việt" / "Nam", "Thủ tướng" / "Chính phủ".
_UNITS = (("Việt", "Nam"), ("Thủ tướng", "Chính phủ"))


def name_goes_on(previous: str, text: str) -> bool:
    """Whether ``text`` goes on with a name cut at the end of the printed line ``previous``:
    the bare head of a numbered point's body ("4.6. Văn phòng" / "Trung ương Đảng phối hợp
    …": one sentence, not a heading over a task of its own), or a name never cut ("… chỉ đạo
    Tập đoàn Điện lực Việt" / "Nam đẩy nhanh …", "… của Thủ tướng" / "Chính phủ, …")."""
    if any(
        re.search(rf"\b{end}$", previous) and re.match(rf"{start}\b", text) for end, start in _UNITS
    ):
        return True
    heading = _HEADING_RE.match(previous)
    return (
        heading is not None
        and _BARE_HEAD_RE.match(heading.group("rest").strip(" *_")) is not None
        and _NAME_START_RE.match(text) is not None
        and re.match(rf"(?:{_VERBS})\b", text[:1].lower() + text[1:]) is None
    )


def closing_clause(text: str) -> list[str]:
    """The words after each comma of the last sentence of a paragraph announcing the points below
    it, where the paragraph has sentences before it: "… đòi hỏi Văn phòng X và các văn phòng tỉnh
    uỷ, thành uỷ tiếp tục phát huy …. Quán triệt …; căn cứ vào …, Văn phòng X và các văn phòng
    tỉnh uỷ, thành uỷ cụ thể hoá …, cần tập trung một số nhiệm vụ sau:": the subject of the
    announcing sentence leads the points, not a body of the sentences before it (nor the last
    word of a list cut at its comma, "thành uỷ tiếp tục …")."""
    clauses = re.split(r"(?<=[.])\s+(?=[A-ZĐÀ-Ỹ])", text.strip())  # (";" may part a list)
    asking = asking_clause(clauses[-1])
    if len(clauses) < 2:
        return asking
    last = clauses[-1]
    return asking + [last] + [last[comma.end() :] for comma in re.finditer(r",\s+", last)]


# "… yêu cầu", "… đề nghị": the issuer asking the bodies named after it (not the noun, "các
# yêu cầu cụ thể", "theo đề nghị của …").
_ASK_WORD_RE = re.compile(r"(?<!\bcác)(?<!\bnhững)(?<!\btheo)(?<!\bmọi)\s(?:yêu cầu|đề nghị)\s")


def asking_clause(sentence: str) -> list[str]:
    """The clause of a long announcing sentence in which the issuer asks the bodies that lead
    the points below: "Thực hiện Nghị quyết …; Quyết định …, nhằm …, Tổng cục X đề nghị các
    Cục Y tổ chức thực hiện một số công việc sau:" -> ["Tổng cục X đề nghị các Cục Y …"], the
    words from the comma before the last asking word (the clauses before it cite and aim,
    however long they run); [] when no comma stands before that word."""
    asks = list(_ASK_WORD_RE.finditer(sentence))
    if not asks:
        return []
    commas = list(re.finditer(r",\s+", sentence[: asks[-1].start()]))
    return [sentence[commas[-1].end() :]] if commas else []


def keeps_announced(agency: tuple[str, str] | None, following: str) -> bool:
    """Whether the body a paragraph announced still leads the points after a point "(5) Các
    văn phòng tiếp tục …" that names a subject of its own: no bullets below make that point an
    agency heading, so "(6) Tiếp tục …" is the announced body's again."""
    return agency is not None and agency[0] == "plain" and _BULLET_RE.match(following) is None


# "… với các bộ": a list of bodies named by their kind in the plural, open at its end.
_PLURAL_KIND_END_RE = re.compile(rf"\b(?:các|những)\s+(?:bộ|{_KINDS})$")


def subject_after(before: str, tail: str) -> re.Match[str] | None:
    """The subject that opens ``tail``, the words after a comma of a point opening with its
    verb ("6. Đẩy nhanh …; phối hợp chặt chẽ với các bộ, cơ quan Trung ương trong việc triển
    khai …"); None where the words in lower case, without a determiner of their own, go on
    with a plural list of bodies before the comma ("các bộ, cơ quan Trung ương"): the list's
    next item, the verb's object, not a subject."""
    if inside_partner_list(before):  # "Phối hợp với Bộ X, Văn phòng Y …" (cooperation.py)
        return None
    goes_on = tail[:1].islower() and not re.match(r"(?:các|những|mọi)\s", tail)
    if goes_on and _PLURAL_KIND_END_RE.search(before.rstrip()):
        return None
    return _SUBJECT_VERB_RE.match(tail[:1].upper() + tail[1:])


# "Các Cục Thuế …", "Những Sở …": a plural of bodies named in capitals opening a point.
_PLURAL_BODIES_RE = re.compile(
    r"^(?:Các|Những)\s+(?:Chi cục|Tổng cục|Cục|Vụ|Sở|Bộ|Ban|Phòng|Trung tâm|Viện|Đoàn|"
    r"Ủy ban|Uỷ ban|Kho bạc|Văn phòng)\s+[A-ZĐÀ-Ỹ]"
)


def plural_bodies(body: str) -> bool:
    """Whether a point opens with bodies named in the plural with capitals ("1/ Các Cục Thuế
    rà soát lại kế hoạch …"): a subject, so the point is a task, not a topic over the bullets
    below it (the bullets are rows of their own: Convention A)."""
    return _PLURAL_BODIES_RE.match(body.strip(" *_")) is not None
