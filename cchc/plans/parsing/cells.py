"""Cleaning cell text and reading the labels that number rows and sections."""

from __future__ import annotations

import html
import re

from cchc.core.text import clean_text

_BLOCK_TAG_RE = re.compile(r"<\s*(?:br|/p|/li|/div|/tr|/h[1-6])\s*/?\s*>", re.IGNORECASE)
_OPEN_BLOCK_RE = re.compile(r"<\s*(?:p|li|div|ul|ol|h[1-6])(?:\s[^<>]*)?>", re.IGNORECASE)
_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_BLANK_LINES_RE = re.compile(r"\n\s*\n+")


_EMPHASIS_RE = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_BOLD_TAG_RE = re.compile(r"^\s*<\s*(?:b|strong)\b[^<>]*>.*</\s*(?:b|strong)\s*>\s*$", re.I | re.S)
_MD_BOLD_RE = re.compile(r"^\s*(?:\*\*|__)(?=.*\w).*(?:\*\*|__)\s*[:.]?\s*$", re.S)


def strip_emphasis(text: str) -> str:
    """Markdown emphasis markers removed: "**PHÁT TRIỂN**" -> "PHÁT TRIỂN", "** **" -> " "."""
    if "**" not in text and "__" not in text:
        return text
    return _EMPHASIS_RE.sub("", text)


# Italic markers: a "*" opening a run (at the start, after a space or an opening bracket, before
# a word) or closing one (after a word, before a space, punctuation or the end). A "* " bullet,
# a footnote "(*)" and "2*3" are no markers.
_ITALIC_RE = re.compile(
    r"(?:^|(?<=[\s(\[“\"']))\*(?=[^\s*)\]])|(?<=[^\s*(\[])\*(?=$|[\s.,;:)\]”\"'])", re.M
)


def strip_italic(text: str) -> str:
    """Markdown italic markers removed: "*3.1. Tham gia …*" -> "3.1. Tham gia …", "*a) *Tổ
    chức …" -> "a) Tổ chức …", "*Đơn vị chủ trì: *Các Sở" -> "Đơn vị chủ trì: Các Sở"."""
    if "*" not in text:
        return text
    return _ITALIC_RE.sub("", text)


def is_emphasised(raw: str) -> bool:
    """True when the whole cell is bold ("**Hoàn thiện thể chế**", "<b>…</b>")."""
    if "*" not in raw and "_" not in raw and "<" not in raw:
        return False
    return bool(_MD_BOLD_RE.match(raw) or _BOLD_TAG_RE.match(raw))


def clean_cell(raw: str) -> str:
    """Cell text without HTML fragments, emphasis or stray whitespace; line breaks are kept."""
    text = strip_italic(strip_emphasis(raw))
    if "<" in text:
        text = _BLOCK_TAG_RE.sub("\n", text)
        text = _OPEN_BLOCK_RE.sub("\n", text)
        text = _TAG_RE.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    lines = [clean_text(line) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def join_continuation(head: str, tail: str) -> str:
    """Glue the part of a cell that a page break moved to the next page back onto it."""
    if not head:
        return tail
    if not tail:
        return head
    return f"{head} {tail}"


_ROMAN_RE = re.compile(r"^(?=[IVXLC])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_LABEL_RE = re.compile(
    r"^\s*(?P<label>(?:PHẦN|Phần|phần)\s+[0-9IVXLC]+|[IVXLC]{1,6}|[A-ZĐ]|\d+(?:\s*\.\s*\d+)*)"
    r"\s*(?P<sep>[.:)\-–]|\s)\s*(?P<rest>.*)$",
    re.DOTALL,
)
_DOTTED_RE = re.compile(r"^\d+(?:\s*\.\s*\d+)*\s*\.?$")


def is_roman(label: str) -> bool:
    return bool(_ROMAN_RE.match(label))


def label_kind(label: str, previous_letter: str | None = None) -> str:
    """The kind of a label: "part", "letter", "roman", "arabic1", "arabic2"…, "sub", "other".

    A lone I, V or X is a roman numeral unless it continues a run of letters (H → I).
    """
    label = label.strip().rstrip(".")
    if label.lower().startswith("phần"):
        return "part"
    if _DOTTED_RE.match(label):
        parts = [p for p in re.split(r"\s*\.\s*", label) if p]
        return f"arabic{len(parts)}"
    if len(label) == 1 and label.isalpha() and label.islower():
        return "sub"  # a), b) … number the parts of a row of work, not sections
    if len(label) == 1 and label.isalpha():
        if label in "IVX" and not (previous_letter and ord(label) == ord(previous_letter) + 1):
            return "roman"
        return "letter"
    if is_roman(label):
        return "roman"
    return "other"


def split_label(text: str) -> tuple[str, str]:
    """("I", "Cải cách thể chế") from "I. Cải cách thể chế"; ("", text) without a label."""
    match = _LABEL_RE.match(text)
    if not match:
        return "", text.strip()
    label = match.group("label")
    rest = match.group("rest").strip()
    if len(label) == 1 and label.isalpha() and match.group("sep").isspace():
        # "A Sở…" is a word, not a label; "A. …" or "A) …" is a label.
        return "", text.strip()
    if label.isalpha() and not is_roman(label) and len(label) > 1:
        return "", text.strip()
    return normalise_number(label), rest


def normalise_number(label: str) -> str:
    """ "3. 10." -> "3.10"; "5.1" stays; "I" stays."""
    label = re.sub(r"\s*\.\s*", ".", label.strip()).strip(".")
    return re.sub(r"\s+", " ", label)


def integer_number(value: str | None) -> int | None:
    """The row number as an integer when it is a plain one ("12", "12."), else None."""
    if not value:
        return None
    stripped = value.strip().rstrip(".").strip()
    return int(stripped) if stripped.isdigit() else None


_CODE_RE = re.compile(r"^\s*(\d+(?:\s*\.\s*\d+)*)\s*[.:]?")


def leading_code(text: str) -> str:
    """The numbering a cell starts with ("2. 8. Nhiệm vụ 8: …" -> "2.8"), or ""."""
    match = _CODE_RE.match(text)
    return normalise_number(match.group(1)) if match else ""


_ENUMERATED_RE = re.compile(
    r"(?:^|\s)(?:\d+\s*\.\s*\d+\s*[.:]?\s*)?(Mục tiêu|Nhiệm vụ|Hoạt động)\s+(\d+)\s*[:.]",
    re.IGNORECASE,
)


def enumerated_entries(text: str) -> list[str]:
    """The "Nhiệm vụ 1:", "Nhiệm vụ 2:" markers in a cell; two or more mean two entries."""
    return [f"{m.group(1)} {m.group(2)}" for m in _ENUMERATED_RE.finditer(text)]


_NUMBERING_RE = re.compile(
    r"^\s*(?:(?P<code>(?>\d+(?:\s*\.\s*\d+)*))\s*"
    r"(?:[.:)]\s*|\s+(?=(?:mục tiêu|nhiệm vụ|hoạt động)\s)))?"
    r"(?:(?P<name>(?:mục tiêu|nhiệm vụ|hoạt động)\s+\d+)\s*[.:)\-–]\s*)?"
    r"(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def split_numbering(text: str) -> tuple[str, str, str]:
    """The numbering a plan cell is printed with, split from its words:
    "3.1: Hoạt động 1: ban hành…" -> ("3.1", "3.1: Hoạt động 1", "ban hành…");
    "2. 8. Nhiệm vụ 8: …" -> ("2.8", "2.8: Nhiệm vụ 8", "…"); a cell without numbering ->
    ("", "", text). The words keep their own case; the label's name is capitalised."""
    match = _NUMBERING_RE.match(text)
    code = normalise_number(match.group("code") or "") if match else ""
    name = re.sub(r"\s+", " ", match.group("name") or "") if match else ""
    rest = match.group("rest").strip() if match else ""
    if not (code or name) or not rest:
        return "", "", text.strip()
    name = name[:1].upper() + name[1:]
    label = f"{code}: {name}" if code and name else code or name
    return code, label, rest


_LIST_MARK_RE = re.compile(r"^\s*[-+•–]\s*")


def list_cell(text: str) -> str:
    """A cell listing agencies one per "- " line ("- Bộ Tài chính;\\n- Bộ Xây dựng.") as one
    line "Bộ Tài chính; Bộ Xây dựng"; a line without a mark continues the entry above (a
    wrapped name). Cells without such marks are returned as they are."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines or not any(_LIST_MARK_RE.match(line) for line in lines):
        return text
    entries: list[str] = []
    for line in lines:
        if _LIST_MARK_RE.match(line) or not entries:
            entries.append(_LIST_MARK_RE.sub("", line, count=1))
        else:
            entries[-1] = f"{entries[-1]} {line}"
    cleaned = [entry.strip().rstrip(";,.").strip() for entry in entries]
    return "; ".join(entry for entry in cleaned if entry)
