"""A note citing the rule a task follows, printed after its deadline (held-out round 13)::

    - Chế độ báo cáo: … gửi về Ban Thường trực … trước ngày 18/3/2026 (theo quy định tại
      Mục 5, Phần VI Hướng dẫn 13/HD-MTTQ-BTT).

The deadline ends the sentence but for the bracketed citation; read without it, the deadline
is found, and the citation is kept at the end of the row's text.
"""

from __future__ import annotations

import re

# "(theo quy định tại …)", "(theo Hướng dẫn số …)", "(căn cứ Điều 5 …)": a closing citation.
_CITATION_RE = re.compile(
    r"\s*\(\s*(?:theo|căn cứ|quy định tại|tại)\s[^()]{3,200}\)\s*[.;]?\s*$", re.I
)


def closing_citation(text: str) -> tuple[str, str]:
    """(``text`` without its closing bracketed citation, the citation); ("", "") when
    ``text`` ends with none."""
    found = _CITATION_RE.search(text)
    if found is None:
        return "", ""
    return text[: found.start()].rstrip(), found.group().strip(" .;")
