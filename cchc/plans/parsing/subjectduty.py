"""The duty's words after a sentence's own subject (issue 15, held-out round 21)::

    2. Bộ Tư pháp chịu trách nhiệm theo dõi, đôn đốc, kiểm tra việc thực hiện Nghị quyết này.

"có trách nhiệm" before a task's verb is the lead's role, taken off the title
(``vocabulary._LEAD_WORDS_RE``); "chịu trách nhiệm" was kept there since round 19, for the
points that open with it under a heading ("a) Chịu trách nhiệm triển khai thi hành …",
"Chịu trách nhiệm theo quy định về …": whether they are the role or the duty itself was
open; since round 22 ``_LEAD_WORDS_RE`` takes "chịu trách nhiệm" before a verb of its list
off any title, Convention D). After a subject the sentence names itself ("Bộ Tư pháp chịu
trách nhiệm theo dõi …") the words say that the body answers for the task that follows: the
role, not the task. Taken off there when a task's verb follows them
(``dutywords.without_duty_words``), "theo" only as "theo dõi" (not "theo quy định …").
Refused: the duty itself ("chịu trách nhiệm trước …", "… về …", "… toàn diện …": no verb
follows); without a subject of its own, only what ``_LEAD_WORDS_RE`` takes.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.dutywords import without_duty_words
from cchc.plans.parsing.vocabulary import _LEAD_WORDS_RE

_NOT_A_VERB_RE = re.compile(r"^theo\b(?!\s+dõi\b)", re.I)


def without_lead_words(rest: str, own_subject: bool) -> str:
    """``rest`` (a row's text after its lead) without the lead's role words; after a subject
    the sentence names (``own_subject``) also without "chịu trách nhiệm" before a verb."""
    rest = _LEAD_WORDS_RE.sub("", rest.strip(), count=1)
    if not own_subject:
        return rest
    shorter = without_duty_words(rest)
    if shorter == rest or _NOT_A_VERB_RE.match(shorter):
        return rest
    return shorter
