"""'X chịu trách nhiệm <verb> …': the duty's words after a sentence's own subject
(subjectduty.py; issue 15, held-out round 21): made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.subjectduty import without_lead_words

_ARTICLE = """Điều 12. Tổ chức thực hiện
1. Bộ Nội vụ chịu trách nhiệm hướng dẫn, kiểm tra việc thực hiện Quyết định này.
2. Sở Xây dựng chịu trách nhiệm về chất lượng hồ sơ thẩm định.
"""


def test_the_role_words_after_the_subject_are_no_part_of_the_title():
    parsed = parse_bytes(_ARTICLE.encode(), "article.txt")
    first = parsed.items[0]
    assert first.lead == "Bộ Nội vụ"
    assert first.title.rstrip(".") == "Hướng dẫn, kiểm tra việc thực hiện Quyết định này"


def test_without_lead_words_keeps_the_duty_itself():
    assert without_lead_words("chịu trách nhiệm theo dõi việc thi hành", True) == (
        "theo dõi việc thi hành"
    )
    assert without_lead_words("chịu trách nhiệm về chất lượng hồ sơ", True) == (
        "chịu trách nhiệm về chất lượng hồ sơ"
    )
    assert without_lead_words("Chịu trách nhiệm theo quy định về số liệu", True) == (
        "Chịu trách nhiệm theo quy định về số liệu"
    )
    # A point without a subject of its own: "chịu trách nhiệm" before a task's verb is the role
    # there too (round 22's ``vocabulary._LEAD_WORDS_RE``; Convention D: "(có) trách nhiệm" is
    # no part of a title), the duty itself kept as above.
    assert without_lead_words("Chịu trách nhiệm triển khai thi hành", False) == (
        "triển khai thi hành"
    )
    assert without_lead_words("Chịu trách nhiệm về chất lượng hồ sơ", False) == (
        "Chịu trách nhiệm về chất lượng hồ sơ"
    )
