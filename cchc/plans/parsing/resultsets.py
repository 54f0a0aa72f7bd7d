"""A result cell opening with "Bộ" in its sense of "a set" (issue 15, round 19 leftovers)::

    Bộ Tư pháp | Các bộ, ngành, UBND tỉnh, thành phố | Bộ chỉ số được xây dựng trình … | 2026

"Bộ" heads a ministry's name, always followed by a capital ("Bộ Tư pháp", "Bộ Y tế"); followed
by a word in lower case it is a set of things a task produces ("Bộ chỉ số", "Bộ công cụ",
"Bộ tiêu chí", "Bộ dữ liệu"): the result's cell opens there, not another body of the partners'
(the office holders and forces named so, "Bộ trưởng", "Bộ đội", "Bộ ngành", are bodies).
"""

from __future__ import annotations

import re

_SET_RE = re.compile(r"^Bộ\s+(?!trưởng\b|đội\b|ngành\b|phận\b)[a-zà-ỹđ]")


def result_set(opening: str) -> bool:
    """Whether a cell's opening names a set a task produces ("Bộ chỉ số …"), not a ministry."""
    return _SET_RE.match(opening.strip()) is not None
