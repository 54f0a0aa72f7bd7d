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

from cchc.plans.parsing.vocabulary import _AGENCY, _FRAME_RE, _PARTNERS_RE

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
