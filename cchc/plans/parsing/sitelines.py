"""A web page's own lines above the document's text: its heading and its summary.

A site that publishes a document often heads the page with the document's name in sentence
case ("# Nghị quyết số 57-NQ/TW") and a line or two of its own (a summary, "Trân trọng giới
thiệu toàn văn …"). They are not the document's letterhead: the number and date they cite are
the site's reading, and when the text kept has no letterhead the document has none of its own.
A title block printed as a heading ("# KẾ HOẠCH", "# CHƯƠNG TRÌNH …") is the document's.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.meta import _BODY_RE, _HEADING_RE, _KIND_RE, _MOTTO_RE

# A markdown heading ("# …", "## …").
_ATX_RE = re.compile(r"^\s*#{1,6}\s+(?P<text>\S.*)$", re.DOTALL)
# The marks of a letterhead or a title block: a table row, the "Số: …" line.
_LETTERHEAD_RE = re.compile(r"^\W*(?:\||s[ốo]\s*:)", re.IGNORECASE)


def _is_site_heading(text: str) -> bool:
    """A markdown heading in sentence case (a word in lower case), not a title block."""
    match = _ATX_RE.match(text)
    if match is None:
        return False
    heading = match.group("text")
    return any(ch.islower() for ch in heading) and _KIND_RE.search(heading) is None


def _opens_document(text: str) -> bool:
    """Where the document's own text starts: a letterhead's mark, a title block, the body."""
    bare = text.strip(" *_")
    return bool(
        _BODY_RE.match(bare)
        or _HEADING_RE.match(bare)
        or _LETTERHEAD_RE.match(text)
        or _MOTTO_RE.search(text)
        or _KIND_RE.search(text)
        or _ATX_RE.match(text)
    )


def site_lines(texts: list[str]) -> int:
    """How many of ``texts`` (from the start) are the page's heading and its own lines."""
    if not texts or not _is_site_heading(texts[0]):
        return 0
    count = 1
    while count < len(texts) and not _opens_document(texts[count]):
        count += 1
    return count


def document_texts(texts: list[str]) -> list[str]:
    """``texts`` without the page's heading and its own lines above the document's text."""
    return texts[site_lines(texts) :]
