"""A title in capitals whose emphasis closes before its subject (issue 15, round 10
leftovers)::

    **THÔNG BÁO KẾT LUẬN**
    CỦA ĐỒNG CHÍ TỔNG BÍ THƯ
    TẠI BUỔI LÀM VIỆC VỚI ĐẢNG UỶ BỘ Y TẾ …

A crawled page may set only the kind line in bold: the markup's end breaks the header there
(``meta.header_lines``), and the subject's lines, in capitals too, read as a block of their
own. A line in capitals that opens with a word linking it to the line above ("CỦA", "VỀ",
"TẠI", "VỚI", "ĐỐI VỚI", "NĂM", "GIAI ĐOẠN" …) cannot open anything of its own: it goes on
with the title above it.
"""

from __future__ import annotations

import re

_LINK_RE = re.compile(
    r"^(?:CỦA|VỀ|TẠI|VỚI|ĐỐI VỚI|TRONG|NĂM|GIAI ĐOẠN|NHẰM|ĐẾN|THỰC HIỆN|TRIỂN KHAI)\s+\S"
)


def linked_capitals(text: str) -> bool:
    """Whether ``text``, a line under a title's kind line, is in capitals and opens with a
    linking word ("CỦA ĐỒNG CHÍ …"): the title's subject going on."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and text.upper() == text and _LINK_RE.match(text.strip()) is not None
