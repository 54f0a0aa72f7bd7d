"""Tasks run together in one paragraph, as conclusion notices and directives print them::

    3. Khẩn trương ban hành chiến lược …: (1) Thanh tra Chính phủ ban hành trước ngày
       25 tháng 11 năm 2025; (2) Bộ Công an chủ trì, phối hợp các bộ … ban hành hướng dẫn …
    a) Bộ Khoa học và Công nghệ: (1) trình Thủ tướng Chính phủ …; (2) chủ trì, phối hợp …

The markers "(1)", "(2)" … (or "1)", "2)" after a colon or a semicolon) split the paragraph
into parts; each part is a task of its own, with its own subject or the agency named before
the first marker. Sub-points "(i)", "(ii)" … inside a part stay in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "(1)" anywhere after a space, a colon or a semicolon; "1)" only where a list can start (after
# ":" or ";"), so that "Điều 1)" or "khoản 2)" in a sentence is not a marker.
_MARK_RE = re.compile(
    r"(?:^|(?<=[\s:;,.]))\((?P<n>\d{1,2})\)\s*|(?:^|(?<=[:;])\s)(?P<m>\d{1,2})\)\s+"
)


@dataclass(frozen=True)
class InlineParts:
    intro: str  # the text before the first marker: a topic, an agency, or nothing
    parts: list[tuple[int, str]]  # (number, text) of every task, in order


def inline_parts(text: str) -> InlineParts | None:
    """The numbered parts of ``text`` when it runs "(1) … (2) …" together, else None.

    Only a run numbered 1, 2, 3 … in order counts (at least two markers); a marker out of the
    run ("(5)" quoted inside a part, "(2b)") stays in the text of its part.
    """
    marks = [(m, int(m.group("n") or m.group("m"))) for m in _MARK_RE.finditer(text)]
    run: list[re.Match[str]] = []
    expected = 1
    for match, number in marks:
        if number == expected:
            run.append(match)
            expected += 1
    if len(run) < 2:
        return None
    parts = []
    for index, match in enumerate(run):
        end = run[index + 1].start() if index + 1 < len(run) else len(text)
        part = text[match.end() : end].strip(" ,;")
        if part:
            parts.append((index + 1, part[:1].upper() + part[1:]))
    if len(parts) < 2:
        return None
    return InlineParts(intro=text[: run[0].start()].strip(" ,;"), parts=parts)
