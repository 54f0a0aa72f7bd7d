"""A part's heading printed with a full stop (issue 15, round 8 leftovers)::

    **IV. Tổ chức thực hiện.**
    **1. Sở Nông nghiệp và Môi trường:**

A heading that ends with a full stop reads as a sentence (a task), and "Tổ chức thực hiện"
opens with a task's verb; but a roman numeral's heading of a few words naming no body is the
title of a part of the plan, its stop a slip of the typist: the stop is dropped, so that the
heading opens its section. Refused: a heading naming a body ("III. Sở Tài chính bố trí kinh
phí.": a task), more than eight words, another stop or a colon inside, a label that is no
roman numeral.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _AGENCY

_ROMAN_RE = re.compile(r"^[IVXLC]{1,6}$")
_BODY_RE = re.compile(rf"(?:^|\s)(?:{_AGENCY})\b|^(?:Giao|Yêu cầu|Đề nghị)\b")


def without_stray_stop(body: str, label: str) -> str:
    """``body`` without the final stop of a part's short heading ("Tổ chức thực hiện." under
    "IV" -> "Tổ chức thực hiện"); ``body`` as it is otherwise."""
    text = body.strip(" *_")
    if not _ROMAN_RE.match(label) or not text.endswith(".") or text.endswith(".."):
        return body
    words = text[:-1]
    if re.search(r"[.;:!?]", words) or len(words.split()) > 8 or _BODY_RE.search(words):
        return body
    return words
