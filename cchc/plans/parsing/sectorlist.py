"""Ministries named by their sectors after "Các Bộ:", the list ending the heading (issue 15,
held-out round 21)::

    1. Các Bộ: Y tế, Công Thương, Nông nghiệp và Môi trường
    a) Chủ động hướng dẫn …

A Government resolution names the ministries a heading's points are given to by their
sectors after the plural head and a colon, without a verb after them (the points below are
the tasks) and without a colon of its own. The names are the agency's
(``clauses.named_list`` reads them before a verb or a colon, or when every word is a
capital; a sector is in sentence case: "Y tế", "Nông nghiệp và Môi trường", whose "và" is no
list's). The whole rest must be sectors the vocabulary knows (``agencies._SECTORS``), joined
by commas or "và": anything else (a task, a place) is left to the other rules.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.agencies import _SECTORS

_HEAD_RE = re.compile(r"\b(?:Bộ|bộ)$")
_SECTOR_LIST_RE = re.compile(rf"^(?:{_SECTORS})(?:\s*,\s*(?:{_SECTORS})|\s+và\s+(?:{_SECTORS}))*$")


def sector_list(lead: str, rest: str) -> str:
    """The sectors ``rest`` lists after a ministries' head (``lead`` ending on "Bộ"), the
    whole of it, without its end mark; "" otherwise."""
    names = rest.strip().rstrip(" .:;")
    if not _HEAD_RE.search(lead.strip()) or not _SECTOR_LIST_RE.match(names):
        return ""
    return names
