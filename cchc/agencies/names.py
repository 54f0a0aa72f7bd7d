"""Normalising agency names for lookup, and the variants plans write them in.

Two keys per name: ``phrase_key`` (folded, "ủy ban nhân dân" → "ubnd", spaces and commas
normalised; used to find group phrases inside a cell) and ``compact_key`` (``phrase_key``
without anything but letters and digits; "Sở TT&T T" and "Sở TT&TT" share one). Official
names also yield their usual abbreviations: "Sở Lao động - Thương binh và Xã hội" gives
"Sở LĐ-TB&XH", "Sở Thông tin và TT" and the other mixes of full words and initials.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from cchc.core.text import fold

_CONTRACTIONS = (
    (re.compile(r"\buy ban nhan dan\b"), "ubnd"),
    (re.compile(r"\bhoi dong nhan dan\b"), "hdnd"),
    (re.compile(r"\bvan phong\b(?= ubnd| hdnd| doan)"), "vp"),
    (re.compile(r"\bthanh pho\b"), "tp"),
)
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")
_SPACE_COMMA_RE = re.compile(r"\s*([,;:])\s*")
_PROVINCE_SUFFIX_RE = re.compile(r"\s+(tinh|thanh pho|tp)\s+[a-z ]+$")
# Words that start an agency's name: a new one begins where one of them follows a name
# without a separator ("Sở Tư pháp Sở Nội vụ").
TYPE_WORDS = (
    "so",
    "bo",
    "ban",
    "ubnd",
    "hdnd",
    "vp",
    "van phong",
    "cong an",
    "bo chi huy",
    "thanh tra",
    "kho bac",
    "cuc",
    "chi cuc",
    "trung tam",
    "dai",
    "bao",
    "truong",
    "benh vien",
    "cong ty",
    "bhxh",
    "bao hiem xa hoi",
    "lien doan",
    "hoi",
    "doan",
    "toa an",
    "vien kiem sat",
    "ngan hang",
    "mat tran",
)

# The first words of those names as printed, diacritics kept: "Bản quyền" and "số" (a number)
# fold like "Ban" and "Sở" but start no name.
_PRINTED_TYPE_WORDS = (
    "sở", "bộ", "ban", "ubnd", "hđnd", "hdnd", "vp", "văn phòng", "công an", "thanh tra",
    "kho bạc", "cục", "chi cục", "trung tâm", "đài", "báo", "trường", "bệnh viện", "công ty",
    "bhxh", "bảo hiểm xã hội", "liên đoàn", "hội", "đoàn", "tòa án", "toà án", "viện kiểm sát",
    "ngân hàng", "mặt trận", "ủy ban", "uỷ ban",
)  # fmt: skip
_PRINTED_TYPE_RE = re.compile(
    r"(?:" + "|".join(sorted(_PRINTED_TYPE_WORDS, key=len, reverse=True)) + r")(?=\s|$)"
)


def starts_with_type_word(text: str, *, and_more: bool = False) -> bool:
    """Whether the text starts with a word that starts an agency's name, as printed; with
    ``and_more``, followed by more words (a name, not the head of "Văn phòng Ban …")."""
    printed = unicodedata.normalize("NFC", text.strip()).lower()
    found = _PRINTED_TYPE_RE.match(printed)
    return found is not None and (not and_more or found.end() < len(printed))


def phrase_key(text: str) -> str:
    key = fold(text)
    for pattern, replacement in _CONTRACTIONS:
        key = pattern.sub(replacement, key)
    key = _SPACE_COMMA_RE.sub(r"\1 ", key)
    return re.sub(r"\s+", " ", key).strip(" ,;.")


def compact_key(text: str) -> str:
    return _NON_ALNUM_RE.sub("", phrase_key(text))


def _initials(part: str) -> str:
    return "".join(word[0] for word in part.split() if word and word[0].isalnum())


def name_variants(name: str) -> set[str]:
    """Compact keys of the ways a name is commonly abbreviated in plans."""
    key = phrase_key(name)
    variants = {compact_key(key)}
    stripped = _PROVINCE_SUFFIX_RE.sub("", key)
    bases = {key}
    # "Sở Nội vụ tỉnh Bắc Giang" is also "Sở Nội vụ"; "UBND thành phố Bắc Giang" is not "UBND".
    if len(stripped.split()) >= 2 and stripped.split()[0] not in {"ubnd", "hdnd"}:
        bases.add(stripped)
    for base in bases:
        variants.add(compact_key(base))
        head, _sep, rest = base.partition(" ")
        if head not in {"so", "ban", "bo", "cuc", "vp"} or not rest:
            continue
        parts = [p.strip() for p in re.split(r"\s+-\s+|\s+va\s+|\s*&\s*|\s*,\s*", rest)]
        parts = [p for p in parts if p]
        if not 2 <= len(parts) <= 4:
            if len(parts) == 1 and len(parts[0].split()) >= 2:
                variants.add(head + _initials(parts[0]))  # "Sở Y tế" -> "soyt"
            continue
        for choice in itertools.product((False, True), repeat=len(parts)):
            words = [_initials(p) if short else p for p, short in zip(parts, choice, strict=True)]
            compact = [_NON_ALNUM_RE.sub("", w) for w in words]
            variants.add(head + "".join(compact))
            variants.add(head + "va".join(compact))
    return {v for v in variants if len(v) > 2}
