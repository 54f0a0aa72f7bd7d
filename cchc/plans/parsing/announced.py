"""A letter's numbered headings under its announcing paragraph (issue 15, held-out round 15)::

    Ban Thường trực … kính đề nghị các cơ quan, đơn vị phối hợp thực hiện một số nội dung sau:
    5. Thời gian thực hiện
    Đề nghị các cơ quan, đơn vị, Chi bộ khu dân cư gửi danh sách … trước ngày 25/10/2026.

The paragraph announcing the points names who carries them out, and its bodies lead the
points that are tasks with no subject of their own. A numbered heading that is no sentence
(no full stop) over a paragraph naming its own subject ("Đề nghị X …", "X <verb> …") is that
paragraph's topic, a section: no row of the announced bodies (the paragraph is the row, led by
the bodies it names).
"""

from __future__ import annotations

from cchc.plans.parsing.vocabulary import (
    _BULLET_RE,
    _GIVEN_RE,
    _HEADING_RE,
    _PAREN_RE,
    _SUBJECT_RE,
    _SUBJECT_VERB_RE,
)


def topic_over_paragraph(body: str, below: str, agency: tuple[str, str] | None) -> bool:
    """Whether the numbered heading ``body``, under a paragraph announcing who carries out
    the points (``agency`` read from a plain paragraph), is the topic of the paragraph
    ``below`` it: the heading no sentence, the paragraph neither a point nor a bullet, and
    naming its own subject."""
    if agency is None or agency[0] != "plain" or body.rstrip(" *")[-1:] in ".;:":
        return False
    if _HEADING_RE.match(below) or _BULLET_RE.match(below) or _PAREN_RE.match(below):
        return False
    return bool(_GIVEN_RE.match(below) or _SUBJECT_RE.match(below) or _SUBJECT_VERB_RE.match(below))
