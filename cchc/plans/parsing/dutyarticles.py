"""Articles each giving one body its duties (issue 15, held-out round 22)::

    **Điều 11. Trách nhiệm của cơ                  <- the article names the body,
    quan thuế**                                     its bold heading wrapped mid-name
    1. Tiếp nhận và giải quyết hồ sơ …              <- clauses without subject: its rows
    2. Cơ quan thuế có trách nhiệm thông báo …
    **Điều 12. Trách nhiệm của Ủy ban nhân dân cấp xã**
    Trong thời gian 03 ngày làm việc …, … có trách nhiệm chuyển …   <- one paragraph: a row

A province's cooperation regulation or a steering committee's rules print, article after
article, "Điều N. Trách nhiệm (nhiệm vụ, quyền hạn) của X" over numbered clauses (or one
paragraph) that X does: the article is to its clauses what a part heading "Phần N. Trách
nhiệm của X" is to its points, and the readers already lead such points by the body the
heading names (``dutypoints.py``). The article heading, its wrapped lines joined (a bold
heading continues up to the line closing its bold; a heading without bold, on a line starting
in lower case), is rewritten so: "Phần 11. Trách nhiệm của cơ quan thuế". Its clauses keep
their own numbers, a clause with its own subject ("Cơ quan thuế có trách nhiệm …") its lead.

Refused: an article that is no body's duties ("Điều 3. Trách nhiệm tổ chức thực hiện",
"Điều 9. Hiệu lực thi hành"), one whose heading ends in ":" or is followed by bullets (a
team's duties, ``duties.py``), a document already printing parts ("Phần I", "PHẦN 2"), and a
document with fewer than two such articles (one article is read by the article readers).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.articlewraps import _ARTICLE_RE
from cchc.plans.parsing.vocabulary import _BULLET_RE
from cchc.plans.readers.base import Paragraph

# "**Điều 11. Trách nhiệm của cơ", "Điều 5. Nhiệm vụ, quyền hạn của Trưởng ban".
_DUTY_ARTICLE_RE = re.compile(
    r"^(?P<open>[*_]*)\s*Điều\s+(?P<number>\d{1,3})\s*\.\s*"
    r"(?P<rest>(?:Trách\s+nhiệm|Nhiệm\s+vụ)"
    r"(?:,?\s+(?:và\s+)?(?:quyền\s+hạn|nhiệm\s+vụ|trách\s+nhiệm))*\s+của\s+\S.*)$"
)
# "PHẦN I.", "**Phần 2**": a part heading (not "Phần V của Phụ lục I …" cited on a wrapped line).
_PART_RE = re.compile(r"^[*_\s]*(?:PHẦN|Phần)\s+[0-9IVXLC]+(?:\s*[.:)]|[*_\s]*$)")
# A heading's wrapped lines: at most this many below its first.
_WRAPPED_LINES = 3


def duty_articles(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """``paragraphs`` with every article giving a body its duties rewritten as the part
    heading "Phần N. Trách nhiệm của X" (its wrapped lines joined); unchanged unless two
    articles at least are so and the document prints no part of its own."""
    if any(_PART_RE.match(paragraph.text) for paragraph in paragraphs):
        return paragraphs
    rewritten: list[Paragraph] = []
    found = 0
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        heading = _DUTY_ARTICLE_RE.match(paragraph.text.strip())
        if heading is None:
            rewritten.append(paragraph)
            index += 1
            continue
        text, used = joined_heading(paragraphs, index)
        following = paragraphs[index + used] if index + used < len(paragraphs) else None
        if text.rstrip(" *_").endswith(":") or not _clauses_follow(following):
            rewritten.append(paragraph)
            index += 1
            continue
        match = _DUTY_ARTICLE_RE.match(text)
        assert match is not None  # the joined text opens as the heading did
        part = f"{match.group('open')}Phần {match.group('number')}. {match.group('rest')}"
        rewritten.append(Paragraph(line=paragraph.line, text=part))
        found += 1
        index += used
    return rewritten if found >= 2 else paragraphs


def duty_heading(text: str) -> bool:
    """Whether ``text`` (a heading, wrapped lines joined) is "Điều N. Trách nhiệm của X"."""
    return _DUTY_ARTICLE_RE.match(text.strip()) is not None


def joined_heading(paragraphs: list[Paragraph], index: int) -> tuple[str, int]:
    """The heading at ``index`` with its wrapped lines joined, and how many lines it took."""
    text = paragraphs[index].text.strip()
    used = 1
    while used <= _WRAPPED_LINES and index + used < len(paragraphs):
        below = paragraphs[index + used]
        if below.line != paragraphs[index + used - 1].line + 1 or not _open(text, below.text):
            break
        text = f"{text} {below.text.strip()}"
        used += 1
    return text, used


def _open(text: str, below: str) -> bool:
    """Whether the heading ``text`` goes on at the line ``below``: its bold is not closed, or
    (without bold) the line below starts in lower case."""
    stripped = below.strip()
    if not stripped or _ARTICLE_RE.match(stripped):
        return False
    if text.startswith(("**", "__")):
        return text.count(text[:2]) == 1
    return stripped[0].islower()


def _clauses_follow(following: Paragraph | None) -> bool:
    """Whether the article's text below its heading is clauses or a paragraph (not bullets,
    not another article)."""
    if following is None:
        return False
    text = following.text.strip()
    return bool(text) and not (_BULLET_RE.match(text) or _ARTICLE_RE.match(text))
