"""A next step after a time clause, or a liability after a condition (issue 15, round 22)::

    3. Thực hiện niêm yết công khai về việc …                 <- a clause of X's duties
    Sau thời hạn niêm yết công khai, lập biên bản kết thúc và gửi về …   <- X's next step
    Trường hợp không gửi kịp thời …, người sử dụng đất … thì X chịu trách nhiệm về hậu quả …

Under a body's duty heading, a paragraph that opens with WHEN ("Sau thời hạn …", "Sau khi …",
"Sau tối đa 05 ngày …") and goes on with a task's verb ("lập biên bản …") has no subject of
its own: the heading's body does it. It is a row led by that body, titled from the verb; the
time clause goes to its notes.

Under the same heading, a paragraph "Trường hợp <condition> … thì <body> <duty> …" (also "Nếu
…") is a row led by the body named after "thì", titled from its duty, the condition in its
notes: what the body answers for when the condition holds.

Refused: a paragraph naming its subject after the clause ("Sau khi …, Sở X tổng hợp …": read
as before, led by it), a clause not followed by a task's verb, a paragraph outside an agency
heading (no body to do it), a consequence after "thì" that names no body ("thì thực hiện
theo …").
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _SUBJECT_RE, _VERBS

# "Sau thời hạn niêm yết công khai, lập …": the time clause, then the task.
_TIME_CLAUSE_RE = re.compile(
    r"^(?P<when>(?:Sau (?:khi|thời hạn|tối đa)|Kể từ (?:ngày|khi))\s[^,;.]{3,200}),"
    r"\s+(?P<task>.+)$",
    re.S,
)
_VERB_RE = re.compile(rf"(?:{_VERBS})\b")
# "Trường hợp không gửi kịp thời …, … thì Ủy ban nhân dân cấp xã chịu trách nhiệm …".
_CONDITION_RE = re.compile(
    r"^(?P<when>(?:Trường hợp|Nếu)\s.{3,400}?),?\s+thì\s+(?P<then>\S.*)$", re.S
)


def framed_step(text: str, agency: str) -> tuple[str, str, str] | None:
    """(lead, notes, task) of a paragraph under the heading of ``agency`` that opens with a
    time clause ("Sau thời hạn …, lập …": the agency's step) or a condition ("Trường hợp …
    thì X chịu trách nhiệm …": X's liability); None otherwise."""
    timed = time_framed(text)
    if timed is not None:
        return agency, *timed
    found = _CONDITION_RE.match(text.strip())
    if found is None:
        return None
    then = found.group("then")
    subject = _SUBJECT_RE.match(then[:1].upper() + then[1:])
    if subject is None:
        return None
    rest = subject.group("rest").strip()
    return subject.group("lead").strip(), found.group("when").strip(), rest[:1].upper() + rest[1:]


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
