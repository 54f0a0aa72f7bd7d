"""A title block's kind broken over two lines (issue 15, held-out round 18).

A page crawled without blank lines keeps the printed line breaks of a narrow title block, and
the kind of document in capitals may break between its words::

    QUYẾT
    ĐỊNH
    VỀ
    VIỆC BAN HÀNH QUY ĐỊNH VỀ …

A line holding nothing but the first word(s) of a kind ("QUYẾT", "KẾ", "CHƯƠNG") whose next
line opens with the kind's other words ("ĐỊNH", "HOẠCH …") is one line with it: the header
reader (``meta.py``) then finds the kind and reads its subject below it as for any title
block. Refused: a line with more words than the kind's start, a next line that does not
open with the rest of the kind as whole words, a kind of one word.

The enacting authority printed under a decision's subject, before its legal bases ("…
TRÊN ĐỊA BÀN TỈNH BÌNH ĐỊNH" / "ỦY BAN NHÂN DÂN TỈNH" / "Căn cứ …"; "… (ĐỢT 1) BỘ TRƯỞNG
BỘ Y TẾ" run on one line), is read on in capitals with the subject: it is no part of the
title of a legal instrument ("QUYẾT ĐỊNH", "NGHỊ QUYẾT", "CHỈ THỊ", "THÔNG TƯ", "NGHỊ ĐỊNH")
and is cut off its end. Refused: the body named after a connective ("… CỦA ỦY BAN NHÂN DÂN
TỈNH", "… VÀ BỘ Y TẾ": the subject's own words), words after it that are no name in capitals
(a year, "NĂM 2024"), a body named without its enacting formula ("… THÀNH LẬP SỞ X", "…
PHIÊN HỌP CHÍNH PHỦ"), another kind of document (a plan's title may end on its issuer).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A legal instrument: its title block stands above the enacting authority's line.
_INSTRUMENT_RE = re.compile(r"^(?:QUYẾT ĐỊNH|NGHỊ QUYẾT|CHỈ THỊ|THÔNG TƯ|NGHỊ ĐỊNH)\b")
# "ỦY BAN NHÂN DÂN TỈNH", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "BỘ TRƯỞNG BỘ Y TẾ", "THỦ TƯỚNG
# CHÍNH PHỦ", "GIÁM ĐỐC SỞ …": the enacting formulas only (a bare "SỞ …", "BỘ …" may be what
# the decision sets up), then the rest of the name in capitals to the end.
_ENACTING_RE = re.compile(
    r"\s(?:(?:CHỦ TỊCH\s+)?(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN\s+(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ"
    r"|XÃ|PHƯỜNG)|BỘ\s+TRƯỞNG\s+BỘ|THỦ\s+TƯỚNG\s+CHÍNH\s+PHỦ|GIÁM\s+ĐỐC\s+SỞ)"
    r"(?:\s+[^\W\d_]+)*$"
)
# A word that links the name after it to the subject ("… CỦA ỦY BAN NHÂN DÂN TỈNH"), or
# takes it as its object ("BỔ NHIỆM GIÁM ĐỐC SỞ …", "BẦU CHỦ TỊCH …").
_CONNECTIVES = frozenset(
    ["CỦA", "VÀ", "CHO", "VỚI", "THUỘC", "TẠI", "VỀ", "GIỮA", "CÁC", "TRỰC", "NHIỆM", "BẦU", "CỬ"]
)


def broken_kinds(texts: list[str], kinds: Iterable[str]) -> list[int]:
    """The indexes of the lines of ``texts`` holding only the start of one of ``kinds``
    (names in capitals of two words or more) whose next line opens with the kind's rest."""
    starts: dict[str, list[list[str]]] = {}
    for kind in kinds:
        words = kind.split()
        for cut in range(1, len(words)):
            starts.setdefault(" ".join(words[:cut]), []).append(words[cut:])
    found: list[int] = []
    for index, text in enumerate(texts[:-1]):
        rests = starts.get(" ".join(text.split()))
        if not rests or (found and found[-1] == index - 1):
            continue
        following = texts[index + 1].split()
        if any(following[: len(rest)] == rest for rest in rests):
            found.append(index)
    return found


def without_enacting_body(title: str) -> str:
    """``title`` without the enacting authority's name read on at its end ("QUYẾT ĐỊNH VỀ …
    TỈNH BÌNH ĐỊNH ỦY BAN NHÂN DÂN TỈNH" -> "QUYẾT ĐỊNH VỀ … TỈNH BÌNH ĐỊNH"); unchanged for
    another title."""
    if _INSTRUMENT_RE.match(title) is None:
        return title
    for found in _ENACTING_RE.finditer(title):
        before = title[: found.start()].split()
        name = found.group(0)
        if len(before) > 3 and before[-1] not in _CONNECTIVES and name.isupper():
            return " ".join(before)
    return title
