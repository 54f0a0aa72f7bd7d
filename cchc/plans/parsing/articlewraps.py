"""A decision's article heading wrapped after its first word (issue 15, held-out round 18).

A page crawled without blank lines keeps the printed line breaks of a decision, and the
article's heading "Điều N." runs onto the first word of its text, the rest on the next line::

    Điều 2. Giao
    Giám đốc Sở X hướng dẫn, theo dõi, kiểm tra đôn đốc việc thực hiện Quyết
    định này.

A heading whose text is one word without a closing mark is cut, not titled (an article's
own title has words enough: "Điều 4. Hiệu lực thi hành"): the line below is the rest of the
article's sentence, joined to it ("Điều 2. Giao Giám đốc Sở X hướng dẫn, …") before the
articles are read as points (``articles.py``); the lines after it join as any wrapped line
(``lines.py``). Refused: a heading with two words or more, or with its text ended (".", ":",
";"), a next line that is not the next printed line, or that opens an article, a numbered
heading, a bullet or the signature block.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _BULLET_RE, _HEADING_RE, _SIGNATURE_RE
from cchc.plans.readers.base import Paragraph

# "Điều 2. Giao", "**Điều 3.** Chánh": an article's heading and one word of its text.
_CUT_ARTICLE_RE = re.compile(r"^[*_\s]*Điều\s+\d{1,3}\s*[.:][*_\s]*[^\W\d_]+[*_\s]*$")
_ARTICLE_RE = re.compile(r"^[*_\s]*Điều\s+\d{1,3}\b")


def join_cut_articles(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """``paragraphs`` with each article heading cut after its first word joined to the
    printed line below it; unchanged when no heading is cut so."""
    joined: list[Paragraph] = []
    skip = False
    for index, paragraph in enumerate(paragraphs):
        if skip:
            skip = False
            continue
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if (
            following is not None
            and _CUT_ARTICLE_RE.match(paragraph.text)
            and following.line == paragraph.line + 1
            and _goes_on(following.text)
        ):
            text = f"{paragraph.text.rstrip()} {following.text.strip()}"
            joined.append(Paragraph(line=paragraph.line, text=text))
            skip = True
            continue
        joined.append(paragraph)
    return joined


def _goes_on(text: str) -> bool:
    """Whether ``text`` may be the rest of an article's first sentence: words, not a new
    article, heading, bullet or the signature block."""
    stripped = text.strip()
    return bool(stripped[:1].isalpha()) and not (
        _ARTICLE_RE.match(stripped)
        or _HEADING_RE.match(stripped)
        or _BULLET_RE.match(stripped)
        or _SIGNATURE_RE.match(stripped)
    )
