"""Bullets under a bullet or a topic: whom they are given to, what number they take.

A dash bullet that ends announcing the list below it and names whom it asks ("- Bên cạnh …,
Bộ X đề nghị Sở Y … như sau:" over "+ …") leads the bullets under it, as an announcing
paragraph leads the points under it (``structure.py``). Bullets under a numbered topic ("1. Đối
với …", "2. Về …") that the announced body leads take its number, as bullets under a numbered
agency heading do.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.structure import announcing

_DASH_RE = re.compile(r"^\s*[-–•]\s*")
_PLUS_RE = re.compile(r"^\s*[-+–•]\s*")


def announces_plus(text: str, following: str) -> re.Match[str] | None:
    """The subject a dash bullet ending with ":" names for the "+" bullets right below it."""
    if not _DASH_RE.match(text) or not _PLUS_RE.match(following or ""):
        return None
    return announcing(_DASH_RE.sub("", text, count=1).strip())


# A numbered topic: "1. Đối với công tác báo cáo.", "2. Về công tác đào tạo".
_TOPIC_RE = re.compile(r"^(?P<label>\d+)\. (?:Đối với|Về)\s")


def row_number(
    label: str, kind: str, sections: list[tuple[str, str]], agency: tuple[str, str] | None
) -> str:
    """A row's number: its point's label (none for a roman or part heading); a bullet's led by
    the body a paragraph above announced, the number of the numbered topic it sits under ("1.
    Đối với …", "2. Về …"), if any (none where no paragraph announced a body)."""
    if kind in {"roman", "part"}:
        return ""
    if label or kind != "bullet" or not sections or agency is None or agency[0] != "plain":
        return label
    found = _TOPIC_RE.match(sections[-1][1])
    return found.group("label") if found else ""
