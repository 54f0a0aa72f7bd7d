"""What a target is limited to: administrative levels ("cấp tỉnh, cấp huyện, cấp xã … tương
ứng là 30%, 20%, 15%") and fields ("lĩnh vực đất đai, xây dựng, đầu tư đạt tối thiểu 85%").

To read a new field, add its folded words and its slug to FIELDS. Whom a share counts, read in
the words right after the number, limits it too (``subject_scope``): "lãnh đạo, quản lý cấp sở,
ngành, UBND cấp huyện và tương đương" → ``level:department,district``; "lãnh đạo, quản lý doanh
nghiệp nhà nước" → ``sector:soe``.
"""

from __future__ import annotations

import re

LEVELS: dict[str, str] = {
    "tinh": "level:province",
    "so": "level:department",
    "huyen": "level:district",
    "xa": "level:commune",
}

# folded words → slug; longer names first where one is the start of another.
FIELDS: dict[str, str] = {
    "dat dai": "dat-dai",
    "xay dung": "xay-dung",
    "dau tu": "dau-tu",
    "tu phap": "tu-phap",
    "giao duc": "giao-duc",
    "y te": "y-te",
    "tai nguyen va moi truong": "tai-nguyen-moi-truong",
    "tai nguyen moi truong": "tai-nguyen-moi-truong",
    "giao thong van tai": "giao-thong-van-tai",
    "giao thong": "giao-thong-van-tai",
    "lao dong": "lao-dong",
    "thue": "thue",
}

_LEVEL_ITEM = r"(?:cap\s+(?:tinh|so|huyen|xa)|tinh|huyen|xa)\b"
_LEVEL_LIST_RE = re.compile(
    r"\bcap\s+(?:tinh|so|huyen|xa)\b(?:\s*(?:,|\bva\b)\s*" + _LEVEL_ITEM + r")*"
)
_LEVEL_WORD_RE = re.compile(r"\b(tinh|so|huyen|xa)\b")
_FIELD_NAME = "|".join(re.escape(name) for name in sorted(FIELDS, key=len, reverse=True))
_FIELD_LIST_RE = re.compile(
    rf"\blinh vuc\s+((?:{_FIELD_NAME})\b(?:\s*(?:,|\bva\b)\s*(?:{_FIELD_NAME})\b)*)"
)
_FIELD_WORD_RE = re.compile(rf"\b(?:{_FIELD_NAME})\b")
# Words that may stand between a level list and the value it governs.
FILLER_RE = re.compile(
    r"(?:\s|,|:|\bdat\b|\bty le\b|\btuong ung\b|\blan luot\b|\bla\b|\bmuc\b|\btu\b|\bo\b"
    r"|\bkhoang\b|\bduoc\b)*"
)


def level_scopes(folded: str, start: int, end: int, *, count: int) -> list[str] | None:
    """The levels the ``count`` values at ``end`` belong to, read in ``folded[start:end]`` (the
    clause before the values; ``end`` is where the comparator words begin), or None.

    Several values need as many levels, printed adjacent to them or with "tương ứng" /
    "lần lượt"; a single value needs exactly one level right before it ("cấp xã đạt 50%")."""
    last = None
    for match in _LEVEL_LIST_RE.finditer(folded, start, end):
        last = match
    if last is None:
        return None
    levels = [LEVELS[word] for word in _LEVEL_WORD_RE.findall(last.group(0))]
    if len(levels) != count:
        return None
    adjacent = FILLER_RE.fullmatch(folded, last.end(), end) is not None
    respective = re.search(r"\b(?:tuong ung|lan luot)\b", folded[start : end + 40]) is not None
    if adjacent or (count > 1 and respective):
        return levels
    return None


def field_scope(folded: str, start: int, end: int) -> str | None:
    """ "field:a,b" for the fields a "lĩnh vực …" list inside ``folded[start:end]`` names."""
    match = _FIELD_LIST_RE.search(folded, start, end)
    if match is None:
        return None
    slugs: list[str] = []
    for name in _FIELD_WORD_RE.findall(match.group(1)):
        if FIELDS[name] not in slugs:
            slugs.append(FIELDS[name])
    return "field:" + ",".join(slugs)


# Whom a share counts, in the words after its number (at most SUBJECT_REACH characters).
SUBJECT_REACH = 90
_SUBJECTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bdoanh nghiep nha nuoc\b|\bdnnn\b"), "sector:soe"),
    (
        re.compile(r"\bcap so\b(?:,\s*nganh\b)?[^;.%]{0,40}\bcap huyen\b"),
        "level:department,district",
    ),
)


def subject_scope(folded: str, start: int, end: int) -> str | None:
    """The scope named by whom the share counts, in ``folded[start:end]`` (the words after the
    number, up to the clause's end), or None."""
    window = folded[start : min(end, start + SUBJECT_REACH)]
    for pattern, scope in _SUBJECTS:
        if pattern.search(window):
            return scope
    return None
