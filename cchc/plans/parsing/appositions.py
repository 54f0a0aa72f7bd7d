"""The role a body is named with between its name and its task (issue 15, round 10
leftovers)::

    Bộ Xây dựng với vai trò là cơ quan thường trực Ban chỉ đạo, chủ động, phối hợp …
    Sở Nội vụ với tư cách là cơ quan thường trực Hội đồng, tham mưu …

"với vai trò (là) …" / "với tư cách (là) …" after a body's name says in which capacity it
acts: an apposition, no part of the body's name nor of its task. The lead is the name before
it; the apposition, up to the comma that closes it, goes to the row's notes.

Round 23: "X là cơ quan thường trực (đầu mối) …, có trách nhiệm <task>" (a regulation's
standing body): the same capacity said without "với vai trò", after the subject; the words up
to "có (chịu) trách nhiệm" go to the notes, the title starts at the task's verb. Refused when
no task's verb follows the role words ("…, chịu trách nhiệm trước …").
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _VERBS

_CAPACITY_RE = re.compile(r"\s+(?P<words>với (?:vai trò|tư cách)(?:\s+là)?)$")


def capacity(lead: str, rest: str) -> tuple[str, str, str]:
    """(lead, rest, the apposition) from a lead read up to "với vai trò" ("Bộ X với vai trò",
    "là cơ quan thường trực …, chủ động …" -> "Bộ X", "chủ động …", "với vai trò là cơ quan
    thường trực …"); (lead, rest, "") where the lead ends otherwise or no comma closes it."""
    found = _CAPACITY_RE.search(lead)
    if found is None or found.start() == 0:
        return lead, rest, ""
    role, comma, task = rest.partition(",")
    if not comma or not task.strip():
        return lead, rest, ""
    apposition = f"{found.group('words')} {role.strip()}".replace("là là ", "là ")
    return lead[: found.start()].strip(), task.strip(), apposition


# "là cơ quan thường trực trong thực hiện Quy chế này, có trách nhiệm hướng dẫn …".
_STANDING_RE = re.compile(
    r"^(?P<words>là\s+(?:cơ\s+quan|đơn\s+vị)\s+(?:thường\s+trực|đầu\s+mối)\b[^,;.:]{0,160}),"
    rf"\s*(?:có|chịu)\s+trách\s+nhiệm\s+(?P<task>(?:{_VERBS})\b.*)$",
    re.S,
)


def standing_capacity(rest: str) -> tuple[str, str]:
    """(rest, the capacity) from a row's text after its subject that opens with the body's
    standing role ("là cơ quan thường trực …, có trách nhiệm hướng dẫn …" -> "hướng dẫn …",
    "là cơ quan thường trực …"); (rest, "") otherwise."""
    found = _STANDING_RE.match(rest.strip())
    if found is None:
        return rest, ""
    return found.group("task"), " ".join(found.group("words").split())
