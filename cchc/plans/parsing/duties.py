"""A decision setting up a team and listing its duties in an article (held-out round 13)::

    Điều 1. Thành lập Tổ tiếp công dân …, gồm các thành viên: 1. Bà … - Tổ trưởng. …
    Điều 2. Nhiệm vụ của Tổ tiếp công dân, xử lý khiếu nại …:
    - Thực hiện tiếp công dân …
    - Tổ tiếp công dân … tự giải thể sau khi kết thúc bầu cử.
    Điều 3. … chịu trách nhiệm thi hành Quyết định này.

The article's bullets are the team's tasks: rows led by the body its heading names. A bullet
about the body itself (its dissolution, its way of working) is no task. Read only when the
other readings find no row (the member list and "thi hành" article assign no work).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.result import Item, ParsedPlan
from cchc.plans.parsing.vocabulary import _BULLET_RE, _SIGNATURE_RE
from cchc.plans.readers.base import Paragraph

# "Điều 2. Nhiệm vụ của Tổ …:", "Điều 3. Nhiệm vụ, quyền hạn của Ban …", "Điều 2. Trách nhiệm
# của Đoàn kiểm tra": the article listing the duties of the body the decision sets up.
_DUTIES_ARTICLE_RE = re.compile(
    r"^[*_\s]*Điều\s+\d+\s*[.:]\s*(?:Chức\s+năng,?\s+)?(?:Nhiệm\s+vụ|Trách\s+nhiệm)"
    r"(?:,?\s+(?:và\s+)?quyền\s+hạn)?\s+(?:của\s+)?"
    r"(?P<body>(?:Tổ|Ban|Đoàn|Hội\s+đồng|Tiểu\s+ban|Nhóm|Bộ\s+phận)\s[^:]{2,300}?)"
    r"[\s*_]*:?[\s*_]*$"
)
_ARTICLE_RE = re.compile(r"^[*_\s]*Điều\s+\d+\s*[.:]")
# "a) …", "1. …": a numbered point of the article, read as a bullet.
_POINT_RE = re.compile(r"^\s*(?:[a-zđ]|\d{1,2})\s*[.)]\s+(?P<rest>\S.*)$", re.S)
# "Tổ … tự giải thể sau khi …", "Ban … làm việc theo chế độ kiêm nhiệm": the body itself.
_ABOUT_ITSELF_RE = re.compile(
    r"\b(?:tự\s+giải\s+thể|giải\s+thể|chấm\s+dứt\s+hoạt\s+động|kiêm\s+nhiệm|"
    r"làm\s+việc\s+theo\s+chế\s+độ|hoạt\s+động\s+theo\s+chế\s+độ|được\s+sử\s+dụng\s+con\s+dấu)\b",
    re.I,
)


def _bullet_text(text: str) -> str | None:
    """The text of a bullet or numbered point; None for any other paragraph."""
    found = _BULLET_RE.match(text) or _POINT_RE.match(text)
    return found.group("rest").strip() if found else None


def about_itself(bullet: str, body: str) -> bool:
    """Whether ``bullet`` speaks of the body itself, not a task of it ("Tổ … tự giải thể …")."""
    kind = body.split()[0]
    return bullet.startswith(kind) and _ABOUT_ITSELF_RE.search(bullet) is not None


def read_duties(paragraphs: list[Paragraph], parsed: ParsedPlan) -> bool:
    """Add to ``parsed`` one row per bullet of a "Điều N. Nhiệm vụ của <body>:" article, led
    by that body; whether any row was read."""
    body = ""
    article = ""
    read = False
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        if _SIGNATURE_RE.match(text):
            break
        if found := _DUTIES_ARTICLE_RE.match(text):
            body = " ".join(found.group("body").split()).rstrip(" .,")
            article = text.rstrip(" :*_")
            continue
        if _ARTICLE_RE.match(text):
            body = ""
            continue
        bullet = _bullet_text(text) if body else None
        if bullet is None:
            continue
        if about_itself(bullet, body):
            continue
        parsed.items.append(
            Item(line=paragraph.line, section=[article], title=bullet.rstrip(" .;"), lead=body)
        )
        read = True
    return read
