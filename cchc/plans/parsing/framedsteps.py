"""A next step after a time clause, without subject (issue 15, held-out round 22)::

    3. Thực hiện niêm yết công khai về việc …                 <- a clause of X's duties
    Sau thời hạn niêm yết công khai, lập biên bản kết thúc và gửi về …   <- X's next step

Under a body's duty heading, a paragraph that opens with WHEN ("Sau thời hạn …", "Sau khi …",
"Sau tối đa 05 ngày …") and goes on with a task's verb ("lập biên bản …") has no subject of
its own: the heading's body does it. It is a row led by that body, titled from the verb; the
time clause goes to its notes.

Refused: a paragraph naming its subject after the clause ("Sau khi …, Sở X tổng hợp …": read
as before, led by it), a clause not followed by a task's verb, a paragraph outside an agency
heading (no body to do it).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _VERBS

# "Sau thời hạn niêm yết công khai, lập …": the time clause, then the task.
_TIME_CLAUSE_RE = re.compile(
    r"^(?P<when>(?:Sau (?:khi|thời hạn|tối đa)|Kể từ (?:ngày|khi))\s[^,;.]{3,200}),\s+(?P<task>.+)$",
    re.S,
)
_VERB_RE = re.compile(rf"(?:{_VERBS})\b")


def time_framed(text: str) -> tuple[str, str] | None:
    """(time clause, task) of a paragraph "Sau thời hạn …, lập biên bản …" whose task opens
    with a task's verb after its time clause; None otherwise."""
    found = _TIME_CLAUSE_RE.match(text.strip())
    if found is None:
        return None
    task = found.group("task").strip()
    if _VERB_RE.match(task[:1].lower() + task[1:]) is None:
        return None
    return found.group("when").strip(), task[:1].upper() + task[1:]
