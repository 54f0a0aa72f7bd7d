"""Bullets announcing "+" bullets: "- Bên cạnh …, Bộ X đề nghị Sở Y … như sau:" over "+ …".

A dash bullet that ends announcing the list below it and names whom it asks leads the "+"
bullets under it, as an announcing paragraph leads the points under it (``structure.py``).
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
