"""One holder of a position named as a point's own subject under the heading of all of them
(issue 15, branch left22)::

    Điều 4. Trách nhiệm của các Phó Giám đốc
    1. Giúp Giám đốc chỉ đạo …                     <- the heading's: các Phó Giám đốc
    2. Phó Giám đốc thường trực chủ trì giao ban …   <- Phó Giám đốc thường trực

Steering committees' and councils' rules give each group of position holders an article
("Trách nhiệm của các Phó Trưởng ban", "… của các Ủy viên"). A point under it that opens with
the position's name in the singular, then a few words in lower case that single one holder
out ("thường trực", "phụ trách", "được phân công"), then the task's verb, names its own
subject: that holder leads the row, and the task starts at the verb (not "Phó Giám đốc
thường trực chủ trì …" as the title of the whole group's row).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _VERBS

_PLURAL_RE = re.compile(r"^(?:các|những)\s+(?P<name>\S.*)$", re.I)
_QUALIFIER = r"(?:\s+[a-zà-ỹđ]+){1,3}"


def holder_task(agency: str, text: str) -> tuple[str, str]:
    """(lead, task) of a point under the heading of a group of position holders (``agency``,
    "các Phó Giám đốc"): the one holder it names ("Phó Giám đốc thường trực") and its task,
    or (``agency``, ``text``) when it names none."""
    plural = _PLURAL_RE.match(agency.strip())
    if plural is None:
        return agency, text
    name = plural.group("name")
    found = re.match(
        rf"^(?P<lead>{re.escape(name)}{_QUALIFIER}?)\s+(?P<task>(?:{_VERBS})\b.*)$", text, re.S
    )
    if found is None or found.group("lead") == name:
        return agency, text
    task = found.group("task")
    return found.group("lead"), task[:1].upper() + task[1:]
