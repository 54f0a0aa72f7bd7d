"""How one sentence of the genre assigns work, clause by clause (issue 15, after the held-out
rounds 4 and 5): where its subject starts after an opening clause, which of its clauses names
the partners of the row, and which "phối hợp" belongs to another body.

    Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương …
    Bộ Tư pháp có trách nhiệm kiểm tra …; chủ trì, phối hợp với Văn phòng Chính phủ …
    Tham mưu Ủy ban nhân dân tỉnh phối hợp các bộ, ngành Trung ương xây dựng …

The first names its subject after a list that belongs to the opening clause; the second names
its partners in a later clause of the same subject; in the third the province, not the
department, works with the ministries.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.agencies import split_name
from cchc.plans.parsing.vocabulary import _AGENCY, _FRAME_RE, _NAMED_LIST_RE, _PARTNERS_RE, _VERBS

# A capitalised body after a comma: "…, Bộ Tài chính".
_LATER_BODY_RE = re.compile(rf",\s+(?=[A-ZĐÀ-Ỹ]){_AGENCY}")


def continues_opening(tail: str, lead: str) -> bool:
    """Whether the words after a comma of an opening clause still belong to it.

    "Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương …": after the
    first comma, "cơ quan liên quan, Bộ Tài chính" reads as a subject, but it opens in lower
    case without a determiner of its own (the next item of the clause's list, sharing its
    "các") and a capitalised body follows a later comma: that body is the subject. "…, các
    bộ, cơ quan ngang bộ, Ủy ban nhân dân …" opens a list of its own: the subject.
    """
    if not tail[:1].islower() or re.match(r"(?:các|những|mọi)\s", tail):
        return False
    return _LATER_BODY_RE.search(lead) is not None


# The words a clause may open with before its "phối hợp": the role and its adverbs.
_ROLE_HEAD_RE = re.compile(
    r"^(?:(?:chủ trì|tiếp tục|chủ động|trực tiếp|thường xuyên|đồng thời|tích cực|khẩn trương|"
    r"kịp thời|tham gia|là cơ quan|có trách nhiệm|chịu trách nhiệm)\s*,?\s*)*$",
    re.I,
)


def partners_clause(rest: str) -> tuple[re.Match[str] | None, bool]:
    """The "phối hợp (với) X" clause that names the row's partners, and whether it opens the
    row's text (else it is a later clause, kept in the title).

    Its subject is the row's: the clause opens the sentence ("Phối hợp với Sở Y tế tổ chức
    …", "Chủ trì, tiếp tục phối hợp với …"), follows an opening clause ("Căn cứ khả năng cân
    đối ngân sách, phối hợp với Sở Tài chính …") or opens a later clause ("Kiểm tra …; chủ
    trì, phối hợp với Văn phòng Chính phủ …"). After a body named as the object of a verb
    ("Tham mưu Ủy ban nhân dân tỉnh phối hợp các bộ …") the partners are that body's.
    """
    for found in _PARTNERS_RE.finditer(rest):
        before = rest[: found.start()]
        clause = re.split(r";\s*", before)[-1].strip(" ,")
        opening = ";" not in before
        if _ROLE_HEAD_RE.match(clause):
            return found, opening
        frame = _FRAME_RE.match(clause)
        if frame and (before.rstrip().endswith(",") or found.group().startswith(",")):
            # "Căn cứ khả năng cân đối ngân sách địa phương, phối hợp với …"
            return found, False
    return None, False


def task_after_list(text: str) -> bool:
    """Whether a task follows the bodies a role names ("Phối hợp với các xã, phường đẩy
    nhanh …"), so that the point is a task, not the role of the bullets below it."""
    found = re.search(r"[Pp]hối hợp(?: chặt chẽ)?(?: với)?\s+(?P<bodies>.+)$", text, re.S)
    return found is not None and bool(split_name(found.group("bodies").rstrip(" :"))[1])


def partners_up_to_verb(partners: str) -> str:
    """ "Sở Tài chính thực hiện các chương trình …" -> "Sở Tài chính": a list of partners ends
    where the task's verb starts, as in a sentence."""
    found = _PARTNERS_RE.search("phối hợp với " + partners.strip())
    return (found.group("partners") if found else partners).strip(" ,")


def holds_verb(name: str) -> bool:
    """Whether a task's verb is inside ``name`` ("đơn vị sự nghiệp công lập" holds none)."""
    return re.search(rf"\s(?:{_VERBS})\b", name.replace("công lập", "")) is not None


_LISTED_HEADING_RE = re.compile(r"^(?P<names>[^;:()]{2,200}?)\s*:\s*(?P<rest>)$")


def named_list(lead: str, rest: str) -> tuple[str, str]:
    """("Các Bộ: Công Thương, Ngoại giao", "thành lập …") from ("Các Bộ", "Công Thương, …").

    After an agency's colon, a list of capitalised names up to the task's verb belongs to the
    agency ("Chủ tịch Ủy ban nhân dân các tỉnh: Hà Tĩnh, Quảng Trị … chủ động …"), and so
    does a list that ends the heading with its own colon ("…, trong đó trọng tâm là các tỉnh:
    Đắk Lắk, Khánh Hòa, Gia Lai và Lâm Đồng:" over the points a), b) …).
    """
    found = _NAMED_LIST_RE.match(rest) or _LISTED_HEADING_RE.match(rest)
    if not found:
        return lead, rest
    names = [name.strip() for name in re.split(r",|\svà\s", found.group("names"))]
    if not names or not all(name[:1].isupper() for name in names):
        return lead, rest
    if re.match(rf"(?:{_VERBS})\b", names[0][:1].lower() + names[0][1:]):
        return lead, rest
    return f"{lead}: {found.group('names').strip()}", found.group("rest")


_BARE_ROLE_RE = re.compile(r"^Chủ trì\s*,?\s*phối hợp(?:\s+với)?$")


def bare_role(body: str) -> bool:
    """ "b) Chủ trì, phối hợp" (no object): the role of the bullets below, which name the
    partners as their subjects ("- Sở Tài chính và các đơn vị có liên quan tham mưu …")."""
    return _BARE_ROLE_RE.match(body.strip(" .;:*_")) is not None


# "… chịu trách nhiệm toàn diện trước Thủ tướng Chính phủ về tính trung thực …": to whom a
# body answers, not a task.
_ACCOUNTABLE_RE = re.compile(
    r"^(?:chịu|có) trách nhiệm(?:\s+(?:toàn diện|hoàn toàn|cá nhân))?\s+trước\b", re.I
)


def accountable(rest: str) -> bool:
    """Whether the words after a subject say whom it answers to, not what it does."""
    return _ACCOUNTABLE_RE.match(rest.strip()) is not None
