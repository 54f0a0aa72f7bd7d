"""Folding that keeps offsets, and the clause and sentence spans the reader works in.

The reader matches its patterns on a *folded* copy of the text (lower case, no diacritics,
"đ" → "d", every dash "-", every space " ") that has exactly the length of the text, so a
match's offsets cut the phrase out of the original words. ``cchc.core.text.fold`` collapses
spaces and so cannot be used for that.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

_DASHES = frozenset("‐‑‒–—―−")


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isspace():
        return " "
    if ch in _DASHES:
        return "-"
    if ch in "đĐð":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that folds each new character once, on first sight."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_TABLE = _FoldTable()


def fold_aligned(text: str) -> str:
    """``text`` folded character by character: same length, same offsets."""
    return text.translate(_TABLE)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


# A clause ends at ";", a new line, or a full stop followed by a space or the end (not the
# dot of "90.5" or "1.2.3"); "Trong đó" / "trong số đó" open a new clause.
_CLAUSE_END_RE = re.compile(r";|\n|\.(?=\s|$)")
_CLAUSE_OPEN_RE = re.compile(r"\btrong (?:so )?do\b")
_SENTENCE_END_RE = re.compile(r"\n|\.(?=\s|$)")


def _split(folded: str, ends: re.Pattern[str], opens: re.Pattern[str] | None) -> list[Span]:
    cuts = {0, len(folded)}
    for match in ends.finditer(folded):
        cuts.add(match.end())
    if opens is not None:
        for match in opens.finditer(folded):
            cuts.add(match.start())
    ordered = sorted(cuts)
    return [Span(a, b) for a, b in itertools.pairwise(ordered) if b > a]


def clauses(folded: str) -> list[Span]:
    return _split(folded, _CLAUSE_END_RE, _CLAUSE_OPEN_RE)


def sentences(folded: str) -> list[Span]:
    return _split(folded, _SENTENCE_END_RE, None)


# The numbering a plan prints before its prose ("1.4. Mục tiêu 4:", "3.2: Hoạt động 2:").
_LABEL_RE = re.compile(
    r"\s*(?:\d+(?:\s?\.\s?\d+)*\s*[.:]?\s*)?(?:muc tieu|nhiem vu|hoat dong)\s*\d+\s*[.:]\s*"
)
_LEAD_RE = re.compile(r"(?:[\s,;:.\-]|\bva\b|\bdong thoi\b)+")
_TRAIL_RE = re.compile(r"[\s,;:.\-]+$")


def trim(folded: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` without leading labels, conjunctions and punctuation at either edge."""
    while True:
        moved = start
        for pattern in (_LABEL_RE, _LEAD_RE):
            match = pattern.match(folded, start, end)
            if match and match.end() > start:
                start = match.end()
        if start == moved:
            break
    match = _TRAIL_RE.search(folded, start, end)
    if match:
        end = match.start()
    return start, max(start, end)
