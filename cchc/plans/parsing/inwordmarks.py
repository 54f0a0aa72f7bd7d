"""Emphasis marks a converter left inside a word (issue 15, round 8 leftovers)::

    **V****Ă****N PHÒNG
    Chỉ thị … về việc đẩy mạnh sản xuất, phối **tr**ộn, phân
    *Hà Nội, ngày 25 tháng 1**1** năm 2025** *

A page crawled into markdown marks every run of bold or italics the page had, and a run may
change inside a word (a letter set in bold by the page's editor): "V****Ă****N", "**tr**ộn",
"1**1**". Markup that sets a run apart breaks the header into blocks (``meta.header_lines``),
so such marks cut a word, a title or a date in two. Marks with a word's letters or digits on
both sides, and a pair of marks around a word's first or last letters, are no emphasis of a
run of words: they are dropped, the word whole again. Marks between words stay.

The same pages set a letter's "V/v" apart in italics on a line of its own, its subject on the
lines below opening with a capital ("*V/v" / "Chỉ thị của Thủ tướng …*"): a "V/v" alone is
the label of the subject that follows it, whatever its case (``bare_subject_label``).
"""

from __future__ import annotations

import re

# "**tr**ộn": a pair around the word's head; "1**1**": a pair around the word's tail.
_HEAD_PAIR_RE = re.compile(r"(?<!\w)(\*{1,3})(\w+)\1(?=\w)")
_TAIL_PAIR_RE = re.compile(r"(?<=\w)(\*{1,3})(\w+)\1(?!\w)")
# "V****Ă": marks with a letter on both sides.
_INSIDE_RE = re.compile(r"(?<=\w)\*+(?=\w)")


def without_inword_marks(text: str) -> str:
    """``text`` with the emphasis marks inside its words dropped ("phối **tr**ộn" -> "phối
    trộn", "tháng 1**1** năm" -> "tháng 11 năm", "V****Ă****N" -> "VĂN")."""
    text = _HEAD_PAIR_RE.sub(r"\2", text)
    text = _TAIL_PAIR_RE.sub(r"\2", text)
    return _INSIDE_RE.sub("", text)


_BARE_LABEL_RE = re.compile(r"^V/v\s*:?$", re.IGNORECASE)


def bare_subject_label(text: str) -> bool:
    """Whether a header's line is a letter's "V/v" alone, its subject on the next lines."""
    return _BARE_LABEL_RE.match(text.strip()) is not None
