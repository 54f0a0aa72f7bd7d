"""The document's own number, date, title and issuer, read from its header.

The header is the text before the plan's body: the letterhead (the issuing body top left, the
nation's motto top right, the "Số: …" line and the "<place>, ngày … tháng … năm …" line),
then the title block (the kind in capitals, "KẾ HOẠCH", "CÔNG ĐIỆN", "PHỤ LỤC" …, and its
subject lines), or the "V/v …" line of a letter. An annex has no letterhead: the
"(Kèm theo <kind> số N ngày D …)" line under its title names the document it belongs to.
Numbers and dates the body cites are never the document's own.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from cchc.core.text import clean_text, fold
from cchc.plans.parsing.annexlabels import annex_label
from cchc.plans.parsing.capitaltails import linked_capitals
from cchc.plans.parsing.inwordmarks import bare_subject_label, without_inword_marks
from cchc.plans.parsing.numberline import number_line_subject
from cchc.plans.parsing.numberwraps import joined_number_lines
from cchc.plans.parsing.result import DocumentInfo
from cchc.plans.parsing.titleblocks import KINDS, page_numbers, quoted_subject
from cchc.plans.parsing.titlewraps import broken_kinds, without_enacting_body

_NUMBER_RE = re.compile(
    # ("66.16/2026/NQ-CP": a number of a numbered series, round 21)
    r"\bs[ốo]\s*:?\s*(?P<num>\d+(?:\.\d{1,3})?)\s*/\s*(?:(?P<year>\d{4})\s*/\s*)?"
    r"(?P<code>[A-ZĐ][A-ZĐ0-9]*(?:\s*[-.]\s*[A-ZĐ0-9]+)*)",
    re.IGNORECASE,
)
# A party-style number: "Số 3260-KH/ĐĐQH15", "Số: 57-NQ/TW".
_PARTY_NUMBER_RE = re.compile(
    r"\bs[ốo]\s*:?\s*(?P<num>\d+)\s*-\s*(?P<kind>[A-ZĐ]+)\s*/\s*(?P<code>[A-ZĐ][A-ZĐ0-9]*)",
    re.IGNORECASE,
)
_DATE_NUMERIC_RE = re.compile(r"ngày\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.IGNORECASE)
_DATE_WORDS_RE = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
# The letterhead's "<place>, ngày … tháng … năm …": a comma, then "ngày" in lower case (a title
# in capitals writes NGÀY; a body sentence cites "… số X ngày D" without the comma).
_PLACE_DATE_RE = re.compile(
    r",\s*ngày\s*(\d{1,2})\s*(?:tháng\s*(\d{1,2})\s*năm|/\s*(\d{1,2})\s*/)\s*(\d{4})"
)
# The kinds of document whose name, in capitals, opens the title block.
_KINDS = (
    "KẾ HOẠCH",
    "CHỈ THỊ",
    "CÔNG ĐIỆN",
    "THÔNG BÁO",
    "NGHỊ QUYẾT",
    "QUYẾT ĐỊNH",
    "CHƯƠNG TRÌNH",
    "PHỤ LỤC",
    "DANH MỤC",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "BẢNG TỔNG HỢP",
    "BẢNG PHÂN CÔNG",
    "BÁO CÁO",
    "KẾT LUẬN",
    "HƯỚNG DẪN",
    "CÔNG VĂN",
    *KINDS,  # (titleblocks.py: "THỂ LỆ" …)
)
_KIND_RE = re.compile(r"(?<!\w)(?:" + "|".join(_KINDS) + r")(?!\w)")
# A line naming the document itself: "Kế hoạch số 9/KH-UBND".
_SELF_NAMED_RE = re.compile(r"^(?:" + "|".join(_KINDS) + r")\s+s[ốo]\b", re.IGNORECASE)
_LETTER_SUBJECT_RE = re.compile(r"^V/v\b", re.IGNORECASE)
_ANNEX_NOTE_RE = re.compile(r"\(\s*(?:ban hành\s+)?kèm theo\b[^)]*", re.IGNORECASE)
# Where the header ends: the address, the legal bases, a numbered heading of the body.
_BODY_RE = re.compile(r"^(?:kính gửi|đồng kính gửi|căn cứ)\b", re.IGNORECASE)
_HEADING_RE = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[A-ZĐ])\.(?:\s|$)")
_NUMBERING_RE = re.compile(r"^(?:[IVXLC]+|\d+)$")
# Markup that sets a run apart (bold, italics, a heading, a table cell, a rule) breaks the
# header into blocks; a line break inside a block is a wrapped line.
_MARKUP_RE = re.compile(r"\*+|_{2,}|\||^\s*#+\s|^\s*[-—=_]{3,}\s*$", re.MULTILINE)
# A word of letters only: a line without one is noise (a stamp, a scan's specks).
_WORD_RE = re.compile(r"(?<!\S)[^\W\d_]+[,.;:]?(?!\S)")
_HARD = "\x00"
_SOFT = "\x01"
_HEAD_LINES = 60
_TITLE_TAIL = " -–—:;,(\u201c"
_LETTERHEAD = (
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "doc lap – tu do – hanh phuc",
)
_ISSUER_RE = re.compile(
    # (a note wrapped over two lines: "… của Thủ tướng / Chính phủ)")
    r"\b(?:của|cua)\s+((?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Sở|Ban|Bộ|HĐND|Chính phủ"
    r"|Thủ tướng)\b[^)\n]*(?:\n[^)\n*]+)?)",
    re.IGNORECASE,
)
_ISSUER_HEAD_RE = re.compile(
    r"^(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|SỞ|BỘ|BAN|THỦ TƯỚNG|VĂN PHÒNG|CHÍNH PHỦ)\b",
    re.IGNORECASE,
)
_BODY_NAME_RE = re.compile(
    r"(?<!\w)(?:ỦY BAN|UỶ BAN|UBND|SỞ|BỘ|(?<!ỦY )(?<!UỶ )BAN|THỦ TƯỚNG|VĂN PHÒNG|T[ỔO]NG CỤC|CỤC)"
    r"(?!\w)"
)
# An organ of the body above it on the letterhead, named by its kind only: "VĂN PHÒNG", "BAN
# THƯỜNG TRỰC" under "ỦY BAN MTTQ VIỆT NAM XÃ X" is that body's office, standing board.
_ORGAN_RE = re.compile(r"VĂN PHÒNG|BAN THƯỜNG (?:TRỰC|VỤ)|THƯỜNG TRỰC|BAN CHẤP HÀNH")
# The right-hand heading of a letterhead: the nation's name, or the Party's on a Party body's
# document ("BAN CHẤP HÀNH TRUNG ƯƠNG" | "ĐẢNG CỘNG SẢN VIỆT NAM").
_MOTTO_RE = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI|(?<!\w)ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", re.IGNORECASE
)
# The nation's whole name and its motto: in a two-column letterhead read line by line (OCR, a
# PDF's text) the issuing body's second line stands between them ("BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI
# CHỦ NGHĨA VIỆT NAM / TỔNG CỤC THUẾ Độc lập - Tự do - Hạnh phúc").
_NATION_RE = re.compile(r"CỘNG\s+H\w+\s+XÃ\s+HỘI\s+CHỦ\s+NGH\w*\s+VIỆT\s+NAM", re.IGNORECASE)
# (OCR loses diacritics here too: "Hanh phúc")
_SLOGAN_RE = re.compile(r"[ĐD]\w*c\s+l\w*p\s*[-–—]\s*T\w*\s+do\s*[-–—]\s*H\w*nh\s+ph\w*c", re.I)
# An annex's note naming its issuer: "(Kèm theo Quyết định số … của UBND tỉnh Z)", "Ban hành
# kèm theo …" at the start of its line (a preamble citing "… về việc ban hành kế hoạch của Bộ X
# thực hiện …" names no issuer of this document).
_ANNEX_NOTE_START_RE = re.compile(r"^[\s(\[*_]*(?:ban\s+hành\s+)?kèm\s+theo\b", re.IGNORECASE)
# The electronic signature's stamp printed on a signed PDF ("Ký bởi: Tổng cục Thuế", "Thời
# gian ký: …"): no part of the letterhead; the body that signed is the issuer when the
# letterhead names none, unless the stamp is a portal's that republished the text.
_STAMP_RE = re.compile(
    r"^(?:K[ýy]\s+b[ởo]i\s*:|Người\s+ký\s*:|Emai\w*|Cơ\s+quan\s*:|Thời\s+gian\s+k\S*|Ngày\s+ký\s*:"
    r"|Địa\s+chỉ\s*:)",  # (OCR'd: "Thời gian KỶ 12 …", "Emait …")
    re.IGNORECASE,
)
_SIGNED_BY_RE = re.compile(r"^Ký\s+bởi\s*:\s*(?=\S)(?!Cổng\b)(.+)$", re.IGNORECASE)


@dataclass
class _Line:
    text: str
    hard: bool  # set apart from the line before by markup, not a wrapped line


def parse_date(text: str) -> dt.date | None:
    for pattern in (_DATE_NUMERIC_RE, _DATE_WORDS_RE):
        for match in pattern.finditer(text):
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                continue
    return None


def parse_number(text: str) -> str | None:
    party = _PARTY_NUMBER_RE.search(text)
    match = _NUMBER_RE.search(text)
    if party and (not match or party.start() <= match.start()):
        kind, code = party.group("kind").upper(), party.group("code").upper()
        return f"{party.group('num')}-{kind}/{code}"
    if not match:
        return None
    code = re.sub(r"\s+", "", match.group("code")).upper()
    if not any(ch.isalpha() for ch in code):
        return None
    year = match.group("year")
    return f"{match.group('num')}/{year}/{code}" if year else f"{match.group('num')}/{code}"


def _place_date(text: str) -> dt.date | None:
    for match in _PLACE_DATE_RE.finditer(text):
        day, month_words, month_digits, year = match.groups()
        try:
            return dt.date(int(year), int(month_words or month_digits), int(day))
        except ValueError:
            continue
    return None


def header_lines(texts: Iterable[str]) -> list[_Line]:
    """The header's lines, each marked as set apart by markup or as a wrapped line."""
    lines: list[_Line] = []
    hard = True
    for text in texts:
        text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
        text = without_inword_marks(text)  # "phối **tr**ộn", "1**1**" (inwordmarks.py)
        # "(*Kèm theo …*)": the markup inside the brackets is no break.
        text = re.sub(r"\(\s*[*_]+", "(", text)
        text = re.sub(r"[*_]+\s*\)", ")", text)
        text = _MARKUP_RE.sub(_HARD, text).replace("\n", _SOFT)
        for piece in re.split(f"([{_HARD}{_SOFT}])", _SOFT + text):
            if piece == _HARD:
                hard = True
            elif piece != _SOFT and clean_text(piece):
                lines.append(_Line(clean_text(piece), hard))
                hard = False
        if len(lines) >= _HEAD_LINES:
            break
    lines = lines[:_HEAD_LINES]
    # "QUYẾT" / "ĐỊNH": a kind broken over two lines is one line (titlewraps.py)
    for index in reversed(broken_kinds([line.text for line in lines], _KINDS)):
        lines[index : index + 2] = [
            _Line(f"{lines[index].text} {lines[index + 1].text}", lines[index].hard)
        ]
    return lines


def _has_lower(word: str) -> bool:
    return any(ch.islower() for ch in word)


def _ends_header(line: _Line) -> bool:
    return bool(_BODY_RE.match(line.text) or _HEADING_RE.match(line.text))


def _stops_title(line: _Line) -> bool:
    text = line.text
    return _ends_header(line) or bool(_ANNEX_NOTE_RE.match(text) or re.match(r"s[ốo]\s*:", text))


def _capitals(text: str) -> tuple[list[str], bool]:
    """The words of ``text`` up to the first one in lower case; True when all were."""
    words: list[str] = []
    for word in text.split():
        if _has_lower(word):
            return words, False
        words.append(word)
    return words, True


def _subject(lines: list[_Line], start: int, first: str) -> tuple[list[str], int]:
    """The words of a title's subject from ``first`` (the rest of line ``start``) on, over
    wrapped lines; the index of the line after it."""
    if not first:
        return [], start + 1
    index = start + 1
    if not _has_lower(first.split()[0]):
        words, whole = _capitals(first)
        while whole and index < len(lines) and not lines[index].hard:
            if _stops_title(lines[index]):
                break
            more, whole = _capitals(lines[index].text)
            if not more:
                break
            words += more
            index += 1
        return words, index
    # A subject in sentence case: wrapped lines go on in lower case.
    words = _ANNEX_NOTE_RE.split(first)[0].split()
    while index < len(lines) and not lines[index].hard:
        text = lines[index].text
        if _stops_title(lines[index]) or not (text[:1].islower() or text[:1].isdigit()):
            break
        words += text.split()
        index += 1
    return words, index


def _title(lines: list[_Line], end: int) -> tuple[int, int, int, str] | None:
    """(line, offset, line after it, title) of the title block before line ``end``: the kind
    in capitals and its subject, or a letter's "V/v …" line."""
    for index in range(end):
        line = lines[index]
        match = _KIND_RE.search(line.text) or annex_label(line.text)  # (annexlabels.py)
        if match is None:
            continue
        words = [match.group(0).strip()]
        rest, after = _subject(lines, index, line.text[match.end() :].strip())
        words += rest
        # A stamp or a scan's noise between the kind and its subject ("Ig-Q612/2G20 -").
        while after < len(lines) and not _WORD_RE.search(lines[after].text):
            after += 1
        # The subject on its own line(s) below a kind line ("PHỤ LỤC II" / "DANH MỤC …"), or
        # set apart in sentence case below a kind line in capitals.
        if after < len(lines) and not _stops_title(lines[after]):
            subject_line = lines[after].text
            bare = all(_NUMBERING_RE.match(word) for word in rest)
            quoted = quoted_subject(subject_line)  # '"Tìm hiểu …" tại …' (titleblocks.py)
            linked = linked_capitals(subject_line)  # "CỦA ĐỒNG CHÍ …" (capitaltails.py)
            if (
                bare
                or quoted
                or linked
                or (lines[after].hard and _has_lower(subject_line.split()[0]))
            ):
                more, after = _subject(lines, after, subject_line)
                words += more
        return index, match.start(), after, _tidy(words)
    for index in range(end):
        if _LETTER_SUBJECT_RE.match(lines[index].text):
            words, after = _subject(lines, index, lines[index].text)
            if bare_subject_label(lines[index].text) and after < len(lines):
                # "*V/v" / "Chỉ thị của …*": the subject under its label (inwordmarks.py)
                more, after = _subject(lines, after, lines[after].text)
                words += more
            return index, 0, after, _tidy(_cut_place_date(words))
    return None


def _cut_place_date(words: list[str]) -> list[str]:
    """A letter's "V/v …" run on the same line as the "<place>, ngày …" line: cut before it."""
    text = " ".join(words)
    match = _PLACE_DATE_RE.search(text)
    if match is None:
        return words
    # The place is the run of capitalised words before the comma.
    head = text[: match.start()].split()
    while head and head[-1][:1].isupper():
        head.pop()
    return head


def _tidy(words: list[str]) -> str:
    return " ".join(words).strip(_TITLE_TAIL).strip()


def read_document_info(texts: Iterable[str], info: DocumentInfo) -> None:
    """Fill ``info`` from the document's header (the texts before the plan's body)."""
    texts = list(texts)
    lines = header_lines(texts)
    end = next((i for i, line in enumerate(lines) if _ends_header(line)), len(lines))
    title = _title(lines, end)
    after = 0
    if title is not None:
        at, offset, after, text = title
        before = [line.text for line in lines[:at]] + [lines[at].text[:offset]]
        end = next((i for i in range(after, len(lines)) if _ends_header(lines[i])), len(lines))
        if text and info.title is None and len(text.split()) > 1:
            info.title = without_enacting_body(text)  # "… ỦY BAN NHÂN DÂN TỈNH" (titlewraps.py)
    else:
        before = [line.text for line in lines[:end]]
    if info.title is None:  # "Số: 12/UBND V/v …" on one line (numberline.py)
        info.title = number_line_subject([line.text for line in lines[:end]])
    header = " ".join(line.text for line in lines[:end])
    # The letterhead's date line: before the title, or just under it (a letter's "V/v …").
    dated_part = lines[: min(end, after + 3)] if title is not None else lines[:end]
    notes = [m.group(0) for m in _ANNEX_NOTE_RE.finditer(header)]
    if info.number is None:
        # The letterhead's "Số: …" line; else the line naming the document; else an annex's
        # "(Kèm theo <kind> số N …)".
        numbered = joined_number_lines(before)  # "Số:" / "95/2025/QĐ-UBND" (numberwraps.py)
        own = [text for text in numbered if re.match(r"s[ốo]\b", text, re.IGNORECASE)]
        own = own or page_numbers(before)  # "Nội dung văn bản Số: …" (titleblocks.py)
        named = [text for text in before if _SELF_NAMED_RE.match(text)]
        for candidate in [*own, *named, *notes]:
            info.number = parse_number(candidate)
            if info.number:
                break
    if info.date is None:
        # The letterhead's "<place>, ngày …" line; else a date line before the title; else an
        # annex's note or the line naming the document.
        info.date = _place_date(" ".join(line.text for line in dated_part))
        dated = [text for text in before if re.match(r"ngày\b", text, re.IGNORECASE)]
        named = [text for text in before if _SELF_NAMED_RE.match(text)]
        for candidate in [*dated, *notes, *named]:
            if info.date is not None:
                break
            info.date = parse_date(candidate)
    if info.issuer is None:
        info.issuer = _issuer(texts, before)


def _issuer(texts: list[str], before: list[str]) -> str | None:
    """The body that issues the document: named in an annex's note ("kèm theo … của UBND
    tỉnh"), else the letterhead's top-left block (the last body named there, the nation's
    motto aside), else the electronic signature's stamp ("Ký bởi: …")."""
    for text in texts[:_HEAD_LINES]:
        match = _ISSUER_RE.search(text)
        if match and _ANNEX_NOTE_START_RE.match(text):
            return clean_text(match.group(1)).rstrip(" .;,*_")
    stamp = [text for text in before if _STAMP_RE.match(text)]
    before = [text for text in before if not _STAMP_RE.match(text)]
    found = _letterhead_issuer(" ".join(before))
    if found is None:
        for text in before[:4]:
            if _ISSUER_HEAD_RE.match(text) and fold(text) not in _LETTERHEAD:
                found = text[: m.start()].strip() if (m := _MOTTO_RE.search(text)) else text
            elif found is not None:
                break
    if found is None:
        signed = [m.group(1) for text in stamp if (m := _SIGNED_BY_RE.match(text))]
        found = clean_text(signed[0]) if signed else None
    return found


def _letterhead_issuer(top_left: str) -> str | None:
    """The letterhead's top-left block, read before the nation's name (and, in a two-column
    letterhead read line by line, between its name and its motto)."""
    motto = _MOTTO_RE.search(top_left)
    if motto is None:
        return None
    block = re.split(r"\bs[ốo]\s*:", top_left[: motto.start()], flags=re.IGNORECASE)[0]
    block = clean_text(block.strip(" -—"))
    nation, slogan = _NATION_RE.search(top_left), _SLOGAN_RE.search(top_left)
    if block and nation and slogan and nation.end() < slogan.start():
        between = clean_text(top_left[nation.end() : slogan.start()].strip(" -—*_"))
        if between and not _has_lower(between) and not re.search(r"\bs[ốo]\s*:", between, re.I):
            block = f"{block} {between}"
    if not block or _has_lower(block):
        return None
    # A superior body above the issuing one ("ỦY BAN NHÂN DÂN TỈNH X / SỞ Y"): the last.
    bodies = [m.start() for m in _BODY_NAME_RE.finditer(block)]
    if not bodies:
        return block
    issuer = block[bodies[-1] :]
    superior = block[bodies[-2] if len(bodies) > 1 else 0 : bodies[-1]].strip(" *")
    if _ORGAN_RE.fullmatch(issuer.strip(" *")) and superior:
        # a bare "VĂN PHÒNG" under its superior: the office OF that body
        issuer = f"{issuer.strip(' *')} {superior}"
    return issuer
