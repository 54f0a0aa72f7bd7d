"""An annex's label printed in sentence case on a line of its own (issue 15, round 20)::

    Phụ lục III
    PHÂN CÔNG TRIỂN KHAI CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2026
    (Kèm theo Nghị quyết số 109/NQ-CP ngày 16 tháng 04 năm 2026 của Chính phủ)

The gazette prints an annex's label as "Phụ lục III", not "PHỤ LỤC III": it is the title
block's kind all the same, and the title is the label and the subject line under it, joined
(as "PHỤ LỤC II" / "DANH MỤC …"). Only the label alone on its line ("Phụ lục", its number in
roman or arabic figures, nothing else) is one: "Phụ lục II kèm theo" inside a sentence, or a
heading naming an annex in a body's text, is not; nor is "Phụ lục" without a number, the
word a plan printed as an annex is headed with above its own title ("Phụ lục" / "KẾ HOẠCH
…": the plan's title is its kind line's, the export prints the "Phụ lục" line itself).
"""

from __future__ import annotations

import re

_LABEL_RE = re.compile(r"^\s*(?P<kind>Phụ lục)(?=\s+(?:[IVXLC]{1,6}|\d{1,2})[a-z]?\s*$)")


def annex_label(text: str) -> re.Match[str] | None:
    """The match of "Phụ lục" in a line that is an annex's label alone ("Phụ lục III")."""
    return _LABEL_RE.match(text)
