"""Bodies the vocabulary of the genre lacks (issue 15, leftovers of the held-out rounds
11-14): an inspection team where a sentence gives it work, a body named in capitals after
"phối hợp với", and another subject in a later sentence linked by "Theo đó, …" to the one
before it.

    Các đoàn thanh tra, kiểm tra trong quá trình thanh tra tại doanh nghiệp phải xác định …
    Tăng cường đôn đốc …. Theo đó, mỗi đoàn kiểm tra phải phối hợp với bộ phận quản lý nợ …
    Phối hợp với Trạm Y tế phường, Hội Chữ thập đỏ phường tổ chức ngày hội hiến máu.

"thanh tra", "kiểm tra" read as verbs elsewhere; after "đoàn" they name what the team is for.
A team named inside a sentence ("phân bổ nhân lực cho từng đoàn thanh tra, kiểm tra") or
without a task after it ("Đoàn kiểm tra số 06 đã làm việc …") is no subject.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _AGENCY, _SUBJECT_VERB_RE, _VERBS

# What a team is for: "đoàn thanh tra, kiểm tra", "đoàn kiểm tra, giám sát", "đoàn công tác".
_PURPOSES = r"(?:thanh tra|kiểm tra|giám sát|kiểm toán|công tác|khảo sát)"
_TEAM = (
    rf"(?:(?:[Cc]ác|[Mm]ỗi|[Tt]ừng|[Nn]hững)\s+)?[Đđ]oàn(?:,\s*đội)?\s+{_PURPOSES}"
    rf"(?:\s*(?:,|và|/)\s*{_PURPOSES}(?!\s+(?:tại|đối với|các|những)\b))*"
)
# The modal or role word that gives the team its task, after an optional scope ("trong quá
# trình thanh tra tại doanh nghiệp", "khi làm việc tại đơn vị"): what makes the name a subject.
_TASKED = r"(?:phải|cần|có trách nhiệm|chịu trách nhiệm|chủ trì|chủ động|khẩn trương)\b"
_TEAM_SUBJECT_RE = re.compile(
    rf"^(?P<lead>{_TEAM})\s+"
    rf"(?P<rest>(?:(?:trong quá trình|khi|sau khi)\s[^;:.]{{1,160}}?\s)?{_TASKED}.*)$",
    re.S,
)
# "Giao nhiệm vụ cho các đoàn thanh tra phối hợp …": a team given a task, its verb after it.
_TEAM_GIVEN_RE = re.compile(
    rf"^(?:Giao(?: nhiệm vụ)?(?: cho)?|Yêu cầu|Đề nghị)\s+(?P<lead>{_TEAM})\s+"
    rf"(?P<rest>(?:{_TASKED}|{_VERBS}).*)$",
    re.S,
)
# "Theo đó, …", "Đồng thời, …": words linking a sentence to the one before it, no clause
# of its own (unlike "Trên cơ sở đó, …", which frames the task that follows).
_LINK_RE = re.compile(r"^(?:Theo đó|Đồng thời|Bên cạnh đó|Ngoài ra)\s*,\s*(?=\S)")


def team_subject(text: str) -> re.Match[str] | None:
    """The team a sentence opens with and gives a task ("lead"), and the rest of it ("rest");
    None where the sentence opens otherwise or the team is given nothing."""
    return _TEAM_SUBJECT_RE.match(text.strip()) or _TEAM_GIVEN_RE.match(text.strip())


def verb_subject(text: str) -> re.Match[str] | None:
    """The subject of a sentence opening with a body and a task's verb ("Bộ Tài chính hướng
    dẫn …"), or with a team given a task."""
    return _SUBJECT_VERB_RE.match(text) or team_subject(text)


def after_link(sentence: str) -> str:
    """ "Mỗi đoàn kiểm tra phải …" from "Theo đó, mỗi đoàn kiểm tra phải …": the sentence
    after the words linking it to the one before; "" where it opens otherwise."""
    linked = _LINK_RE.match(sentence)
    if linked is None:
        return ""
    rest = sentence[linked.end() :]
    return rest[:1].upper() + rest[1:]


# "Trạm Y tế", "Hội Chữ thập đỏ", "Ban Chỉ huy Quân sự": a head and a name in capitals.
_PROPER_NAME_RE = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]*\s+[A-ZĐÀ-Ỹ]")


def proper_name_opening(text: str) -> bool:
    """Whether ``text`` opens with a body's name the vocabulary lacks, its head word and the
    next in capitals ("Trạm Y tế phường"); not a sentence's first word ("Tổ chức …")."""
    return _PROPER_NAME_RE.match(text.strip()) is not None


# "Vụ A chủ trì, Vụ B và Văn phòng phối hợp, đẩy nhanh …": after the lead's role, the
# partners named BEFORE their "phối hợp", then the task.
_PARTNERS_FIRST_RE = re.compile(
    rf"^(?P<partners>(?:{_AGENCY}|[A-ZĐÀ-Ỹ][a-zà-ỹđ]*\s+[A-ZĐÀ-Ỹ])"
    rf"(?:(?!\s(?:{_VERBS})\b)[^;:.]){{0,160}}?)\s+phối hợp\s*[,;]\s*(?P<task>\S.*)$",
    re.S,
)


def partners_first(rest: str) -> tuple[str, str] | None:
    """(the task, the partners) from "Vụ B và Văn phòng phối hợp, đẩy nhanh …", the words
    after a lead's "chủ trì,"; None where they do not name bodies then their role."""
    found = _PARTNERS_FIRST_RE.match(rest.strip())
    return (found.group("task"), found.group("partners").strip(" ,")) if found else None


# "… có kết quả thấp như:", "… gồm:", "… cụ thể là:": a colon that lists examples.
_EXAMPLES_RE = re.compile(r"\s(?:như|gồm|bao gồm|chẳng hạn|ví dụ)\s*$")


def listed_examples(before_colon: str) -> bool:
    """Whether the words before a colon announce examples ("một số Cục Thuế có kết quả thấp
    như: Cục Thuế tỉnh A, B"): the bodies after it are what is said of them, no subject."""
    return _EXAMPLES_RE.search(before_colon) is not None
