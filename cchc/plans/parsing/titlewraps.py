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
"""

from __future__ import annotations

from collections.abc import Iterable


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
