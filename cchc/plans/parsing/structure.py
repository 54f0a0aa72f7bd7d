"""How points and bullets nest in the genre's documents, for the sentence reader
(``assignments.py``): which lines below a point are its own contents rather than tasks.

A point that ends in a colon announces what follows it. When every bullet under it is a noun
phrase (no task's verb, no agency as subject), the bullets spell out what the point covers::

    a) Tham mưu Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh quyết định:
       - Phương án phân bổ vốn …;
       - Mức vốn đối ứng từ ngân sách địa phương …
    c) Tổ chức triển khai các dự án do Bộ Công an chủ trì:
       - Dự án 1: “Phòng ngừa, đấu tranh tội phạm …”.

The point is the task and its bullets are part of it (its notes), not tasks of their own.

A point that names only the agency's role, with no object, announces bullets that open with the
bodies the agency works with::

    2.3. Công an tỉnh
    b) Chủ trì, phối hợp
       - Sở Tài chính và các đơn vị có liên quan tham mưu Ủy ban nhân dân tỉnh …

Each bullet is the heading's task; the bodies it opens with are its partners, not its lead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from cchc.plans.parsing.vocabulary import _BULLET_RE


def contents_follow(texts: Sequence[str], is_content: Callable[[str], bool]) -> bool:
    """Whether the bullets that open ``texts`` (the lines after a point ending in ":") are
    all contents of that point: at least one bullet, and none a task."""
    bullets = 0
    for text in texts:
        if not _BULLET_RE.match(text):
            break
        if not is_content(text):
            return False
        bullets += 1
    return bullets > 0


_BARE_ROLE_RE = re.compile(r"^Chủ trì\s*,?\s*(?:và\s+)?phối hợp(?:\s+với)?\s*:?$", re.I)


def bare_role(body: str) -> bool:
    """Whether a point says only "Chủ trì, phối hợp" (the role, without whom with)."""
    return _BARE_ROLE_RE.match(body.strip(" .;*_")) is not None
