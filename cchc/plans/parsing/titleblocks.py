"""Title blocks and numbers the letterhead reader (``meta.py``) misses (issue 15, held-out
round 15)::

    THỂ LỆ CUỘC THI TRỰC TUYẾN
    "Tìm hiểu các quy định về công tác kiểm tra …" tại Đảng bộ phường X

    Nội dung văn bản Số: 249/MTTQ-BTT
    của BAN THƯỜNG TRỰC ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG X

A contest's rules ("THỂ LỆ") are a kind of document; under a kind line in capitals, a line
opening with a quote names what the document is about (a contest, a campaign, a movement):
the title's subject, in sentence case. A page that publishes a letter without its letterhead
heads it with the letter's number ("Nội dung văn bản Số: …", "Toàn văn văn bản số …"): with
no "Số: …" line of its own, the number the heading gives is the document's.
"""

from __future__ import annotations

import re

# The kinds of document the letterhead reader knows beside the plans' (meta._KINDS).
KINDS = ("THỂ LỆ", "QUY CHẾ")  # ("QUY CHẾ": a regulation annexed to a decision, round 22)
# A subject line opening with its quote: "“Tìm hiểu …”", "\"Dân vận khéo\" …".
_QUOTED_RE = re.compile(r"^[\"“]\s*\w")
# A page's heading naming the text it shows, then the number: "Nội dung văn bản Số: …".
_PAGE_NUMBER_RE = re.compile(
    r"^(?:Nội dung|Toàn văn|Chi tiết)\s+(?:của\s+)?(?:văn bản|công văn)\s+(?=s[ốo]\s*:?\s*\d)",
    re.IGNORECASE,
)


def quoted_subject(text: str) -> bool:
    """Whether ``text``, the line under a title's kind line, opens with the quoted name of
    what the document is about (the title's subject)."""
    return _QUOTED_RE.match(text) is not None


def page_numbers(texts: list[str]) -> list[str]:
    """The "Số: …" part of the page's heading lines naming the text they show ("Nội dung văn
    bản Số: 249/MTTQ-BTT" -> "Số: 249/MTTQ-BTT")."""
    return [text[m.end() :] for text in texts if (m := _PAGE_NUMBER_RE.match(text))]
