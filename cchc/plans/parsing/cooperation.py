"""When the cooperation itself is a row's task (issue 15, round 20).

    a) Phối hợp với Bộ X, Bộ Y theo dõi, đôn đốc các cơ quan …
    g) Ủy ban nhân dân các tỉnh … phối hợp Bộ X trong quá trình triển khai …

"Phối hợp (với) X <task>" names X as the partners of the task that follows them. Where no
task's verb follows the bodies, only the cooperation's purpose ("để …"), its scope ("trong
quá trình …") or nothing, the cooperation is the task: the title keeps the role words and
the bodies, whether the point opens with them or with its own subject. "theo dõi" (follow
up) is a task's verb, not the preposition "theo" (according to) that opens a scope.
"""

from __future__ import annotations

import re

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
