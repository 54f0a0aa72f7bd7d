"""A long list of partners wrapped over several lines (issue 15, round 20).

    5. Bộ X chủ trì, phối hợp với Bộ Tài chính, Ban …, Đài …, Thông tấn xã Việt Nam, các cơ
    quan của Đảng, Quốc hội, Ủy ban Trung ương … và các bộ, cơ quan, địa phương làm tốt …

The partners after "phối hợp với" run to the task's verb. A run past 200 characters is
usually a task read as bodies (no verb the vocabulary knows before a long sentence), so it is
not taken as partners; but a list whose every item names a body (a body's head word, a name
in capitals, a kind of body: "các bộ", "cơ quan", "địa phương") is a list of partners however
long it is, up to a bound (400 characters) past which nothing of the genre lists bodies.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _AGENCY, _KINDS

_LONG = 200
_LONGEST = 400
# (a body's head word, a kind of body, a plural of bodies, "các bộ", a name in capitals)
_ITEM_RE = re.compile(rf"(?:{_AGENCY}|{_KINDS}|(?:các|những)\s+(?:bộ|ngành)\b|[A-ZĐÀ-Ỹ])")


def bodies_only(partners: str) -> bool:
    """Whether every item of a list ("A, B, các C và D") opens with a body."""
    items = [i.strip() for i in re.split(r",\s*|\s+và\s+", partners.strip(" ,.")) if i.strip()]
    return bool(items) and all(_ITEM_RE.match(item) for item in items)


def too_long(partners: str) -> bool:
    """Whether a run read as partners is too long to be a list of bodies: past 200
    characters unless every item is a body, past 400 whatever it is."""
    if len(partners) < _LONG:
        return False
    return len(partners) >= _LONGEST or not bodies_only(partners)
