"""Text helpers shared by every app: whitespace cleaning and diacritics-free search keys."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACE_RE = re.compile(r"\s+")
# After NFD every Vietnamese tone and vowel mark is a combining mark in this block.
_COMBINING_RE = re.compile("[\u0300-\u036f]")
# Vietnamese letters that Unicode does not decompose into base letter + combining mark.
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "ð": "d"})


def clean_text(value: str) -> str:
    """NFC-normalise, turn non-breaking and zero-width spaces into spaces, collapse runs."""
    value = unicodedata.normalize("NFC", value)
    value = value.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return _SPACE_RE.sub(" ", value).strip()


@functools.lru_cache(maxsize=8192)
def fold(value: str) -> str:
    """Search key: lower case, no diacritics, single spaces ("Sở Nội vụ" -> "so noi vu")."""
    decomposed = unicodedata.normalize("NFD", value.translate(_FOLD_EXTRA))
    stripped = _COMBINING_RE.sub("", decomposed)
    if not stripped.isascii():
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    return _SPACE_RE.sub(" ", stripped.casefold()).strip()
