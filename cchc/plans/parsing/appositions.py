"""The role a body is named with between its name and its task (issue 15, round 10
leftovers)::

    Bộ Xây dựng với vai trò là cơ quan thường trực Ban chỉ đạo, chủ động, phối hợp …
    Sở Nội vụ với tư cách là cơ quan thường trực Hội đồng, tham mưu …

"với vai trò (là) …" / "với tư cách (là) …" after a body's name says in which capacity it
acts: an apposition, no part of the body's name nor of its task. The lead is the name before
it; the apposition, up to the comma that closes it, goes to the row's notes.
"""

from __future__ import annotations

import re

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
