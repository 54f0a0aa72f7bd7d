"""Opening qualifiers of a task (issue 15, Convention D of the corpus).

A task often opens with a clause before its verb. Two kinds, told apart by what they name:

    Trong phạm vi và lĩnh vực quản lý, rà soát để ban hành …      <- GENERIC: out of the title
    Theo chức năng, nhiệm vụ được giao có trách nhiệm chủ động …  <- GENERIC (and "có trách nhiệm")
    Căn cứ chức năng, nhiệm vụ tiến hành rà soát …                <- GENERIC
    Trên cơ sở đề xuất của Bộ X, Bộ Tài chính cân đối …           <- SPECIFIC: in the title
    Căn cứ Kế hoạch này, Giám đốc các Sở … xây dựng kế hoạch …     <- SPECIFIC: in the title

A GENERIC qualifier names only the body's own remit, powers or field ("Trong phạm vi (chức
năng, nhiệm vụ, quyền hạn | thẩm quyền | lĩnh vực quản lý) (của mình | được giao)", "Căn cứ /
Theo chức năng, nhiệm vụ (, quyền hạn) (được giao | của mình | của đơn vị)", "Theo thẩm
quyền", "(Có) trách nhiệm"): it says nothing about the task, so it is no part of the title;
it is kept in the row's notes (as the role words are, Convention B), nothing dropped. A clause
naming a SPECIFIC basis (a document, a proposal, a budget estimate, a result) is part of what
is to be done: it stays at the head of the title, also where the sentence's subject and role
words stand between it and the task ("Căn cứ Kế hoạch này, <bodies> xây dựng …": the title
is "Căn cứ Kế hoạch này, xây dựng …", the bodies its lead). A clause naming the remit AND a
document ("Căn cứ chức năng, nhiệm vụ, quyền hạn được giao, Nghị quyết …") names a specific
basis: kept whole, as printed (a title is not rewritten inside a clause). Refused: a
qualifier followed by no task (a subject, a document's name, nothing): the title as read.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.parsing.vocabulary import _LEAD_WORDS_RE, _REMIT_RE

# The body's own remit: its functions, duties, powers, competence, field.
# ("Căn cứ chức năng quản lý, ngành, lĩnh vực, phạm vi quản lý, …": the sector a body answers
# for is its remit too, branch left22)
_REMIT = (
    r"(?:chức năng(?: quản lý(?! nhà)\b)?|nhiệm vụ|quyền hạn|thẩm quyền|lĩnh vực(?: quản lý)?"
    r"|phạm vi quản lý|ngành(?=\s*,))"
)
_REMITS = rf"{_REMIT}(?:(?:\s*,\s*(?:và\s+)?|\s+và\s+|\s+){_REMIT})*"
_OWN = (
    r"(?:\s+(?:của mình|được giao|được phân công|quản lý"
    r"|của (?:cơ quan, )?(?:đơn vị|cơ quan|tổ chức|ngành|địa phương)(?: của mình| mình)?))?"
)
# "Trong phạm vi (và) …", "Căn cứ (vào) …", "Theo …", "Trên cơ sở …" the remit; "Theo thẩm
# quyền"; then "(có) trách nhiệm" may follow.
_GENERIC_RE = re.compile(
    r"^(?:(?:Trong phạm vi(?:\s*,?\s*và|,)?|Căn cứ(?: vào| theo)?|Theo|Trên cơ sở)"
    rf"\s+{_REMITS}{_OWN}"
    r"(?:\s*,?\s*(?:có\s+)?trách nhiệm(?=\s))?"
    r"|Có\s+trách nhiệm(?=\s))",
    re.I,
)
# What may follow a generic qualifier for it to leave the title: a task, not a subject (a
# list of bodies), a document's name (capitalised) or another basis.
_NOT_TASK_RE = re.compile(
    r"^(?:(?:các|những|mọi|từng|của|và|theo(?! dõi)|trong|tại|về|để|nhằm|với|cho|đối với)\b"
    r"|\W|$)",
    re.I,
)
# A clause naming a basis: "Căn cứ …", "Trên cơ sở …".
_BASIS_RE = re.compile(r"^(?:Căn cứ|Trên cơ sở)\s", re.I)


def generic_qualifier(title: str) -> tuple[str, str]:
    """(the title without its opening generic qualifier, the qualifier) or (title, "")."""
    found = _GENERIC_RE.match(title)
    if found is None:
        return title, ""
    rest = title[found.end() :].lstrip(" ,")
    if not rest[:1].islower() or _NOT_TASK_RE.match(rest) or len(rest.split()) < 2:
        return title, ""
    return rest[:1].upper() + rest[1:], found.group().strip(" ,")


def is_generic(clause: str) -> bool:
    """Whether an opening clause is a generic qualifier and nothing more."""
    found = _GENERIC_RE.match(clause.strip())
    return found is not None and not clause.strip()[found.end() :].strip(" ,")


def based_title(title: str, notes: str, text: str) -> tuple[str, str]:
    """(title, notes) of a row read from a sentence ``text`` whose opening clause the reader put
    in ``notes`` ("Căn cứ Kế hoạch này, Giám đốc các Sở … xây dựng …"): a SPECIFIC basis goes
    back to the head of the title ("Căn cứ Kế hoạch này, xây dựng …"), a generic one stays in
    the notes. ``title`` capitalised either way."""
    title = title[:1].upper() + title[1:]
    head = text.strip(" *")
    if not notes or not _BASIS_RE.match(notes) or not _BASIS_RE.match(head):
        return title, notes
    # The clause is the longest start of the notes that the sentence opens with, before a comma
    # ("; " joins the notes' parts, and may be inside the clause too).
    cuts = [m.start() for m in re.finditer(r"; ", notes)] + [len(notes)]
    clauses = [notes[:cut] for cut in cuts if re.match(re.escape(notes[:cut]) + r"\s*,", head)]
    if not clauses or is_generic(clauses[-1]) or _BASIS_RE.match(title):
        return title, notes
    clause = clauses[-1]
    rest = notes[len(clause) :].lstrip("; ")
    lowered = title[:1].lower() + title[1:] if title[1:2].islower() else title
    return f"{clause}, {lowered}", rest


def remit_words(rest: str) -> tuple[str, str]:
    """(the words after a row's lead without the remit formula and the duty words before its
    verb, those words for the notes): "theo chức năng, nhiệm vụ được giao chủ trì, …",
    "có trách nhiệm kiểm tra …" (the role "chủ trì" is the lead's, not kept)."""
    rest = rest.strip()
    kept: list[str] = []
    if found := _REMIT_RE.match(rest):
        kept.append(found.group().strip(" ,"))
        rest = rest[found.end() :].strip()
    if found := _LEAD_WORDS_RE.match(rest):
        duty = re.match(r"(?:phải\s+)?có trách nhiệm", found.group(), re.I)
        kept += [duty.group()] if duty else []
        rest = rest[found.end() :].strip()
    return rest, "; ".join(kept)


def settle_qualifiers(parsed: ParsedPlan) -> None:
    """Every row whose title opens with a generic qualifier: the qualifier to its notes."""
    for item in parsed.items:
        title, qualifier = generic_qualifier(item.title or "")
        if qualifier:
            item.title = title
            item.notes = "; ".join(filter(None, [qualifier, item.notes]))
