"""A co-lead named before a row's task (issue 15, round 20).

    4. Bộ Ngoại giao
    Đồng chủ trì với Bộ Khoa học và Công nghệ, phối hợp với các cơ quan liên quan đẩy mạnh …

Under a body's heading (or after its name), "Đồng chủ trì với X" says the body leads the task
together with X: the role words and the co-lead are no part of the title. The body stays the
row's lead (X shares the lead, it does not support it: X is no partner), the co-lead goes to
the row's notes as printed, and what follows is read as any row's words ("phối hợp với Y
<task>": Y the partners, the task the title).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _VERBS

# "Đồng chủ trì với X, …", "đồng chủ trì cùng X …": the co-lead, up to the comma before the
# next role or task, or up to the task's verb.
_CO_LEAD_RE = re.compile(
    r"^(?P<role>[Đđ]ồng chủ trì\s+(?:với|cùng)\s+(?P<bodies>[^;:.]+?))"
    rf"(?:\s*,\s*|\s+)(?=(?:phối hợp|{_VERBS})\b)",
    re.S,
)


def co_lead(rest: str) -> tuple[str, str]:
    """("phối hợp với Y <task>", "Đồng chủ trì với X") from "Đồng chủ trì với X, phối hợp với Y
    <task>"; (rest, "") where the row's words name no co-lead."""
    found = _CO_LEAD_RE.match(rest.strip())
    if found is None:
        return rest, ""
    return rest.strip()[found.end() :], found.group("role").strip(" ,")
