"""A point without subject whose assignment is bracketed at its end (issue 15, round 17)::

    6. Xây dựng Quy chế bảo vệ bí mật nhà nước (Giao Công an tỉnh chủ trì, phối hợp với Văn
       phòng UBND tỉnh; Sở Tư pháp tham mưu).
    8. Thành lập Đoàn kiểm tra … (Giao Công an tỉnh tham mưu).

The row read without a lead takes the body the bracket gives the point to as its lead, the
bodies after "phối hợp với" as its partners, and its title loses the bracket. A bracket that
gives nothing ("(khi có yêu cầu)", "(qua Công an tỉnh)") leaves the row as read.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.clauses import holds_verb
from cchc.plans.parsing.givenarticles import role_partners
from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.parsing.vocabulary import _AGENCY, _VERBS

# "… (Giao Công an tỉnh chủ trì, phối hợp với …)." at the end of the point.
_BRACKET_RE = re.compile(
    rf"\s*\((?:[Gg]iao|[Đđ]ề nghị)\s+(?P<given>(?:{_AGENCY})[^()]*)\)\s*[.;]?\s*$", re.S
)
_VERB_RE = re.compile(rf"\s(?P<verb>{_VERBS})\b")


def bracketed_assignments(parsed: ParsedPlan) -> None:
    """Give each row read without a lead the body its closing bracket assigns it to."""
    for item in parsed.items:
        text = item.title or ""
        # (a bracket's "; " may have sent its end to the notes)
        glued = bool(item.notes) and text.rfind("(") > text.rfind(")")
        text = f"{text}; {item.notes}" if glued else text
        bracket = _BRACKET_RE.search(text) if not item.lead else None
        if bracket is None:
            continue
        given = bracket.group("given").strip()
        verb = _VERB_RE.search(given)
        lead = given[: verb.start()].strip(" ,") if verb else given
        if not lead or holds_verb(lead):
            continue
        rest = given[verb.start() :].strip() if verb else ""
        role = re.sub(r"^chủ trì,?\s*", "Chủ trì, ", rest)
        _task, partners = role_partners(role)
        item.lead, item.partners = lead, partners
        item.title = text[: bracket.start()].rstrip(" ,;") + "."
        item.notes = "" if glued else item.notes
