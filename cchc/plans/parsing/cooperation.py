"""When the cooperation itself is a row's task (issue 15, round 20).

    a) Phối hợp với Bộ X, Bộ Y theo dõi, đôn đốc các cơ quan …
    g) Ủy ban nhân dân các tỉnh … phối hợp Bộ X trong quá trình triển khai …

"Phối hợp (với) X <task>" names X as the partners of the task that follows them. Where no
task's verb follows the bodies, only the cooperation's purpose ("để …"), its scope ("trong
quá trình …") or nothing, the cooperation is the task: the title keeps the role words and
the bodies, whether the point opens with them or with its own subject. "theo dõi" (follow
up) is a task's verb, not the preposition "theo" (according to) that opens a scope.

A point that opens with the role ("1. Phối hợp chặt chẽ với Bộ X, Văn phòng Y và các cơ quan
… trong quá trình …") has no subject of its own: the body after a comma of its list of
partners is the list's next item, not the subject of a sentence after an opening clause.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _VERBS

# What follows a list of partners when the cooperation itself is the task: its purpose
# ("để xây dựng lộ trình …"), its scope ("trong quá trình khảo sát …") or nothing; not the
# verb "theo dõi".
_NO_TASK_AFTER_RE = re.compile(
    r"^(?:để|nhằm|trong|căn cứ|theo(?!\s+dõi\b)|về|khi|đối với|tại|cho|với|và|hoặc)\b|^\W*$"
)


def cooperation_only(after: str) -> bool:
    """Whether the words after a list of partners name no task of their own ("trong quá
    trình …", "để …", nothing), so that the cooperation is the task."""
    return _NO_TASK_AFTER_RE.match(after) is not None


def cooperation_task(after: str) -> bool:
    """Whether the words after "phối hợp (với) X" following a row's own subject leave the
    cooperation as its task ("… phối hợp Bộ X trong quá trình …"); not a basis clause before
    the task ("… phối hợp với Sở Y căn cứ các quy định …, tham mưu …": the task follows it)."""
    return cooperation_only(after) and not after.startswith("căn cứ")


# "Phối hợp chặt chẽ với …", "Chủ trì, phối hợp với …": the role opening a point.
_ROLE_OPENING_RE = re.compile(
    r"^(?:Chủ trì,\s*)?[Pp]hối hợp(?:\s+(?:chặt chẽ|tốt))?(?:\s+với)?\s+(?P<bodies>.*)$", re.S
)


def inside_partner_list(before: str) -> bool:
    """Whether the words before a comma are a point's role and the start of its list of
    partners ("Phối hợp chặt chẽ với Bộ X"), no task's verb after them: what follows the comma
    goes on with the list."""
    found = _ROLE_OPENING_RE.match(before.strip())
    return found is not None and not re.search(rf"(?:^|\s)(?:{_VERBS})\b", found["bodies"])


# "Tiếp tục phát huy vai trò cơ quan Thường trực chủ trì": the clause naming the body's role as
# the one that leads.
_LEADING_ROLE_RE = re.compile(r"\bvai trò\b[^,;]{0,80}\bchủ trì$")


def leading_role(clause: str) -> bool:
    """Whether a clause before "phối hợp với X" ends by naming the row's body's role as the
    lead ("… phát huy vai trò cơ quan thường trực chủ trì, phối hợp với X rà soát …"): X are
    the row's partners, the clause stays in its title."""
    return _LEADING_ROLE_RE.search(clause.strip()) is not None
