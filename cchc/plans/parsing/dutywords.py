"""The words of duty between a row's partners and its task (issue 15, held-out round 18)::

    Bộ Quốc phòng chủ trì, phối hợp với Bộ X, Bộ Y chịu trách nhiệm hướng dẫn thực hiện …

"chịu trách nhiệm" / "có trách nhiệm" after the list of partners say that the bodies are
answerable for the task, as they do before "chủ trì" (``vocabulary._LEAD_WORDS_RE``): the
role's words, not the task's. Left out of the row's text when a task's verb follows them
("Hướng dẫn thực hiện …"). Refused (kept as printed): the duty itself, "chịu trách nhiệm
trước pháp luật …", "chịu trách nhiệm về tính chính xác …" (no task's verb after them).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _VERBS

_DUTY_RE = re.compile(r"^(?:chịu|có)\s+trách\s+nhiệm\s+(?:phải\s+)?", re.I)


def without_duty_words(text: str) -> str:
    """``text`` (a row's words after its partners) without the opening "chịu trách nhiệm"
    when a task's verb follows; unchanged otherwise."""
    found = _DUTY_RE.match(text)
    if found is None:
        return text
    rest = text[found.end() :]
    return rest if re.match(rf"(?:{_VERBS})\b", rest.lower()) else text
