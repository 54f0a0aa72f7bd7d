"""Repairs of OCR'd text where it enters the parse: marks and labels the OCR misread.

A scan converted to text loses or changes diacritics and misreads small marks. Where a
document's text is OCR'd, its paragraphs are repaired before they are interpreted:

- a bullet "-" read as "_", "~", "+" or "R" at a line's start, before a capitalised word,
  is "-" again ("R Phối hợp …" -> "- Phối hợp …");
- the label "Số" read as "$6:", "Sé:", "s6:" before a number is "Số:" ("số" inside a line);
- the kind line without its diacritics ("THONG BAO", "KE HOẠCH", "QUYET DINH") and the role
  words ("chủ tri", "phoi hop") take their spelling again;
- the asking words with a vowel's mark misread ("dé nghị", "Để nghị", "yéu cầu") and the
  issuing department's "Tổng cục" with its vowel misread before a name ("Téng cục Thuế") are
  "đề nghị", "Đề nghị", "yêu cầu", "Tổng cục" again (issue 15, round 11).

A document is OCR'd when a reader recognised it (the OCR reader repairs every paragraph), or
when its letterhead shows the OCR's marks: the national name or the motto ("CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc") with a word whose diacritics are lost or
wrong. A digital document prints them exactly; its text is left as it is.
"""

from __future__ import annotations

import re

from cchc.core.text import fold
from cchc.plans.readers.base import Paragraph, SourceDocument

# The letterhead's words as printed, against which an OCR'd letterhead is told apart.
_LETTERHEAD_WORDS = {
    fold(word): word.casefold()
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập Tự do Hạnh phúc")
    for word in line.split()
}
_LETTERHEAD_KEYS = ("cong hoa xa hoi", "doc lap", "hanh phuc")
_HEAD_LINES = 15

_BULLET_RE = re.compile(r"^\s*(?:[_~+]|R)\s+(?=[^\W\d_])")
_NUMBER_LABEL_RE = re.compile(r"(?<!\w)([$Ss])[6eéèẻẽẹêếềểễệoóòỏõọôốồổỗộơớờởỡợ0]\s?:\s*(?=\d)")
# A point numbered "1/" before a capitalised word: "1." as the reader knows it.
_SLASH_POINT_RE = re.compile(r"^(\s*\d{1,2})/\s+(?=[^\W\d_])")
# The closing block's label, its diacritics lost or a stray mark after it ("Noi nhận:}").
_CLOSING_RE = re.compile(r"^\s*([^\W\d_]{3} [^\W\d_]{4})(?!\w)\s*:?[}\])|]*")
_KIND_WORDS = (
    "KẾ HOẠCH",
    "THÔNG BÁO",
    "QUYẾT ĐỊNH",
    "CHỈ THỊ",
    "CÔNG ĐIỆN",
    "NGHỊ QUYẾT",
    "KẾT LUẬN",
    "CÔNG VĂN",
    "BÁO CÁO",
    "CHƯƠNG TRÌNH",
    "HƯỚNG DẪN",
)
_KIND_BY_KEY = {fold(kind): kind for kind in _KIND_WORDS}
_ROLE_WORDS = {"chu tri": "chủ trì", "phoi hop": "phối hợp"}
# The kind's two words opening a line ("THONG BAO", "**KE HOẠCH**").
_KIND_HEAD_RE = re.compile(r"^[\s*#]*([^\W\d_]+ [^\W\d_]+)(?!\w)")
# "chủ trì", "phối hợp" with any of their vowels' marks (folded and checked after).
_ROLE_RE = re.compile(r"(?<!\w)(?:ch\w tr\w|ph\wi h\wp)(?!\w)", re.IGNORECASE)
# "đề nghị" with any mark on its first vowel, "yêu cầu" on either (folded and checked after);
# "nghị" as printed ("để nghỉ hưu", "để nghĩ" are other words), not "để nghị quyết …" ("in
# order for the resolution …"), nor the other words "nghị" opens.
_ASK_RE = re.compile(r"(?<!\w)(?:[đdĐD]\w nghị|y\wu c\wu)(?!\w)(?! (?:quyết|định|luận|sự|viện)\b)")
_ASK_WORDS = {"de nghi": "đề nghị", "yeu cau": "yêu cầu"}
# "Tổng cục" with its vowels misread ("Téng cục", "Tông cục") before a name in capitals.
_GENERAL_DEPARTMENT_RE = re.compile(r"(?<!\w)T[^\W\d_]ng c[^\W\d_]c(?= [A-ZĐÀ-Ỹ])")


def looks_ocr(lines: list[str]) -> bool:
    """Whether the letterhead in the first lines shows the OCR's marks (see the module)."""
    for line in lines[:_HEAD_LINES]:
        folded = fold(line)
        if not any(key in folded for key in _LETTERHEAD_KEYS):
            continue
        for word in re.findall(r"[^\W\d_]+", line):
            printed = _LETTERHEAD_WORDS.get(fold(word))
            if printed is not None and word.casefold() != printed:
                return True
    return False


def repair_line(text: str) -> str:
    """One OCR'd line with its bullet mark, "Số" label, kind line, role and asking words and
    "Tổng cục" repaired."""
    bullet = _BULLET_RE.match(text)
    if bullet and text[bullet.end()].isupper():
        text = "- " + text[bullet.end() :]
    closing = _CLOSING_RE.match(text)
    if closing and _closing_label(fold(closing.group(1)), closing.group(0)):
        text = "Nơi nhận:" + text[closing.end() :]
    text = _NUMBER_LABEL_RE.sub(lambda m: "Số: " if m.group(1) in "$S" else "số ", text)
    head = _KIND_HEAD_RE.match(text)
    if head and head.group(1).isupper() and fold(head.group(1)) in _KIND_BY_KEY:
        text = text[: head.start(1)] + _KIND_BY_KEY[fold(head.group(1))] + text[head.end(1) :]
    text = _ASK_RE.sub(_ask_word, _GENERAL_DEPARTMENT_RE.sub("Tổng cục", text))
    return _ROLE_RE.sub(_role_word, text)


def _closing_label(folded: str, printed: str) -> bool:
    """Whether the two words opening a line are the closing block's label "Nơi nhận", its
    diacritics lost ("Noi nhận") or its first word's last letter misread before the colon
    ("Not nhận:")."""
    if folded == "noi nhan":
        return True
    return folded.startswith("no") and folded.endswith(" nhan") and printed.rstrip().endswith(":")


def _ask_word(match: re.Match[str]) -> str:
    """An asking word with its vowels' marks restored ("dé nghị" -> "đề nghị")."""
    words = match.group(0)
    repaired = _ASK_WORDS.get(fold(words))
    if repaired is None:
        return words
    return repaired if words[:1].islower() else repaired.capitalize()


def _role_word(match: re.Match[str]) -> str:
    words = match.group(0)
    repaired = _ROLE_WORDS.get(fold(words))
    if repaired is None:
        return words
    return repaired if words[:1].islower() else repaired.capitalize()


def slash_point(text: str) -> str:
    """A point numbered "1/" before a capitalised word as "1." ("1/ Tổ chức …"); any text,
    scanned or not (``parsing/lines.py`` calls it on every logical line)."""
    point = _SLASH_POINT_RE.match(text)
    if point is None or not text[point.end()].isupper():
        return text
    return f"{point.group(1)}. {text[point.end() :]}"


def repair_document(doc: SourceDocument) -> None:
    """Repair every paragraph of an OCR'd document in place."""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            block.text = repair_line(block.text)
