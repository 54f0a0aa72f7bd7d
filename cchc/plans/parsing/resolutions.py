"""The Party's bodies named as the subject of a resolution's point (held-out round 12).

A resolution's organisation section ("IV- TỔ CHỨC THỰC HIỆN") gives each point to a body named
first, then the verb of direction::

    1- Các chi bộ trực thuộc lãnh đạo, chỉ đạo việc quán triệt Nghị quyết.
    2. Chi bộ các thôn chủ trì, phối hợp với Ban công tác Mặt trận tổ chức …

The bodies the vocabulary knows (``vocabulary._AGENCY``: "Đảng đoàn …", "Ban cán sự đảng …")
are read as subjects already; a point the reader found no subject in is given to the body
named before its verb of direction when that name is a body's kind ("Các chi bộ …", "Đảng bộ
…") and holds no verb of its own.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _VERBS

# "lãnh đạo, chỉ đạo", "chỉ đạo", "chủ trì": the verbs a Party body is given its point with.
_DIRECTING = r"lãnh đạo,?\s+chỉ đạo|lãnh đạo và chỉ đạo|chỉ đạo|chủ trì"
# The body: its kind in lower case after "Các"/"Những", or a Party organisation's head word.
_BODY = r"(?:(?:Các|Những)\s+(?=[a-zđà-ỹ])|(?:Chi bộ|Đảng bộ|Chi hội|Chi đoàn|Tổ)\s)"
_DIRECTED_RE = re.compile(
    rf"^(?P<who>{_BODY}[^;:.()]{{2,120}}?)\s+(?P<task>(?:{_DIRECTING})\b.*)$", re.S
)
# (a verb's word before a comma or after "các" is a noun of the list: "tổ chức, cá nhân")
_VERB_RE = re.compile(rf"(?:^|\s)(?<!các )(?:{_VERBS})\b(?!,)")


def directed_by(text: str) -> tuple[str, str]:
    """("Các chi bộ trực thuộc", "Lãnh đạo, chỉ đạo …") from "Các chi bộ trực thuộc lãnh đạo,
    chỉ đạo …"; ("", text) when the point opens otherwise."""
    found = _DIRECTED_RE.match(text)
    if found is None or _VERB_RE.search(found.group("who").lower()):
        return "", text
    task = found.group("task")
    return found.group("who").strip(" ,"), task[:1].upper() + task[1:]
