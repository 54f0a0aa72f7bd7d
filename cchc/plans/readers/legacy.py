"""Text typed in a legacy Vietnamese encoding (TCVN3, VNI), found and turned into Unicode.

Some communes and departments still type in the 8-bit font encodings of the 1990s (tables and
sources in ``legacycodes.py``): their files read as 'KÕ ho¹ch' (TCVN3) or 'Keá hoaïch' (VNI)
for 'Kế hoạch'. Every reader's text passes through :func:`convert_document` (called once in
``readers._read``) before the interpreter sees it; a reader that knows a run's font
(DOCX runs, XLSX cells) converts that run itself with :func:`convert_run`, so that a line
mixing a legacy run and a Unicode one reads right too.

How a line is recognised, without a font: its words are tried in each encoding. A word that is
no Vietnamese syllable as it stands ('ho¹ch', 'Néi', 'hoaïch') but is one once converted
('hoạch', 'Nội') speaks for that encoding; a line is converted when at least two words speak
for an encoding and more speak for it than against it (words that were syllables and are not
any more). A line holding any Vietnamese letter beyond Latin-1 ('ư', 'ạ', 'đ' …) is Unicode and
never converted, nor is a word of no Vietnamese shape ('Müller', 'footnote¹', '©'), so a
copyright sign or a superscript in a Unicode plan stays as it is. Once a document is known to
use an encoding, a line with a single word speaking for it ('Së' in a cell of its own) is
converted as well, and so is one whose words read either way with none against ('Tõ 2021' is
'Từ 2021'); not in a document the reader already converted by fonts, whose Unicode runs may
spell legacy words too. The document gets one warning per encoding found, on the first line
converted. TCVN3 capitals: see :func:`convert_line`.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Iterator

from django.utils.translation import gettext as _

from cchc.plans.readers.base import Paragraph, SourceDocument, Table
from cchc.plans.readers.legacycodes import (
    FONT_PREFIXES,
    TCVN3,
    TCVN3_BYTES,
    TCVN3_CAPITAL_FONT_SUFFIX,
    VNI,
    VNI_LOWER,
)

ENCODINGS = (TCVN3, VNI)

_TCVN3_TABLE: dict[int, str] = dict(TCVN3_BYTES)
_TCVN3_CHARS = frozenset(chr(byte) for byte in TCVN3_BYTES)
# The codes of lowercase letters (all but the seven capitals Ă Â Ê Ô Ơ Ư Đ).
_TCVN3_LOWER = frozenset(chr(byte) for byte, letter in TCVN3_BYTES.items() if letter.islower())

_VNI_TO_UNICODE: dict[str, str] = {}
for _letter, _code in VNI_LOWER.items():
    _VNI_TO_UNICODE[_code] = _letter
    _VNI_TO_UNICODE[_code.upper()] = _letter.upper()
    if len(_code) == 2:  # a capital with the small mark, as some keyboards type it
        _VNI_TO_UNICODE.setdefault(_code[0].upper() + _code[1], _letter.upper())
_VNI_RE = re.compile(
    "|".join(re.escape(code) for code in sorted(_VNI_TO_UNICODE, key=len, reverse=True))
)
_VNI_CHARS = frozenset(ch for code in _VNI_TO_UNICODE for ch in code if not ch.isascii())

_CODE_CHARS = {TCVN3: _TCVN3_CHARS, VNI: _VNI_CHARS}

# The Vietnamese alphabet in Unicode (NFC), both cases.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_VOWELS = "aăâeêioôơuưy"
_LETTERS = frozenset(
    "bcdđghklmnpqrstvx"
    + "".join(
        unicodedata.normalize("NFC", vowel + tone) for vowel in _VOWELS for tone in ("", *_TONES)
    )
    + "fjwz"  # in names and loanwords
)
_ALPHABET = _LETTERS | {ch.upper() for ch in _LETTERS}
# Vietnamese letters a legacy file cannot hold (it reads as Latin-1): a line with one is Unicode.
_BEYOND_LATIN1 = frozenset(ch for ch in _ALPHABET if ord(ch) > 0xFF)

_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
# Nuclei that may close with a final consonant, and those ending in a glide that may not.
_CLOSABLE = "uyê|iê|yê|uô|ươ|oa|oă|oe|oo|uâ|uê|uy|ia|ua|ưa|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
_GLIDING = (
    "iêu|yêu|uôi|ươi|ươu|oai|oay|oao|oeo|uây|uya|uyu|ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi|ưu"
)
_SYLLABLE_RE = re.compile(f"{_ONSET}(?:(?:{_CLOSABLE})(?:ch|ng|nh|[cmnpt])?|(?:{_GLIDING}))")
_WORD_RE = re.compile(r"[^\s\d!-/:-@\[-`{-~\u2010-\u2027]+")


def is_syllable(word: str) -> bool:
    """Whether ``word`` (NFC) is spelt as one Vietnamese syllable: letters of the alphabet, one
    tone mark at most, an onset, a vowel nucleus and a final consonant where one may stand."""
    if not word or any(ch not in _ALPHABET for ch in word):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(1 for ch in decomposed if ch in _TONES) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return _SYLLABLE_RE.fullmatch(base) is not None


def convert(text: str, encoding: str, *, capitals: bool = False) -> str:
    """``text`` read in ``encoding`` (TCVN3 or VNI), as Unicode NFC. ``capitals``: the run's
    font is a TCVN3 capital font ('.VnTimeH'), which draws every letter as a capital."""
    if encoding == TCVN3:
        converted = text.translate(_TCVN3_TABLE)
        if capitals:
            converted = converted.upper()
    else:
        converted = _VNI_RE.sub(lambda m: _VNI_TO_UNICODE[m.group(0)], text)
    return unicodedata.normalize("NFC", converted)


def convert_line(line: str, encoding: str) -> str:
    """A line found to be in ``encoding``, converted.

    TCVN3 has no capitals with a tone mark: a word in capitals was typed in a capital font
    ('HO¹CH' drawn by .VnTimeH as 'HOẠCH'). A word holding a TCVN3 code whose Latin letters are
    two or more capitals is upper-cased, and so is a one-capital word beside one ('KÕ HO¹CH'
    → 'KẾ HOẠCH'); 'KÕ ho¹ch' stays 'Kế hoạch'."""
    if encoding != TCVN3:
        return convert(line, encoding)
    pieces = _WORD_RE.split(line)
    words = _WORD_RE.findall(line)
    caps = [_capital_word(word) for word in words]
    out = [pieces[0]]
    for i, word in enumerate(words):
        beside = [caps[j] for j in (i - 1, i + 1) if 0 <= j < len(caps)]
        upper = caps[i] == 2 or (caps[i] == 1 and 2 in beside)
        out.append(convert(word, TCVN3, capitals=upper))
        out.append(pieces[i + 1])
    return "".join(out)


def _capital_word(word: str) -> int:
    """2: a TCVN3 word in capitals ('HO¹CH'); 1: a word of one capital and codes ('KÕ'); 0."""
    letters = [ch for ch in word if ch.isascii() and ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters):
        return 0
    if not any(ch in _TCVN3_LOWER for ch in word):
        return 0
    return 2 if len(letters) >= 2 else 1


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name stands for ('.VnTime' → TCVN3, 'VNI-Times' → VNI)."""
    name = (font or "").strip().lower()
    for prefix, encoding in FONT_PREFIXES.items():
        if name.startswith(prefix):
            return encoding
    return None


def convert_run(text: str, font: str | None) -> tuple[str, str | None]:
    """A run's text converted by its font's encoding, and that encoding (None: unchanged).

    The font alone does not convert a run that already holds Unicode Vietnamese (someone typed
    Unicode with a legacy font set) or none of the encoding's codes."""
    encoding = font_encoding(font)
    if encoding is None or _is_unicode(text) or not (set(text) & _CODE_CHARS[encoding]):
        return text, None
    capitals = encoding == TCVN3 and (font or "").strip().endswith(TCVN3_CAPITAL_FONT_SUFFIX)
    return convert(text, encoding, capitals=capitals), encoding


def _is_unicode(text: str) -> bool:
    return any(ch in _BEYOND_LATIN1 for ch in text)


# A line is judged by its first words holding a code: enough for any real line, and a bound on
# the work a hostile file of long lines can ask.
_MOST_WORDS = 64
# and a document by its first 100,000 distinct such words (a real plan has a few thousand).
_MOST_NEW_WORDS = 100_000


def _votes(line: str, encoding: str) -> tuple[int, int, int]:
    """(words that become syllables once converted, words that stop being syllables, words
    that are syllables either way: 'Tõ' is 'tõ' or 'từ'). Only words with a Latin letter
    count: a '©' or a '¹' of its own is no word."""
    codes = _CODE_CHARS[encoding]
    if codes.isdisjoint(line):
        return 0, 0, 0
    votes = [0, 0, 0]
    seen = 0
    for word in _WORD_RE.findall(line):
        if codes.isdisjoint(word):
            continue
        if (vote := _vote(word, encoding)) >= 0:
            votes[vote] += 1
        seen += 1
        if seen >= _MOST_WORDS:
            break
    return votes[0], votes[1], votes[2]


@functools.lru_cache(maxsize=65536)
def _vote(word: str, encoding: str) -> int:
    """0: the word speaks for ``encoding``, 1: against it, 2: either way, -1: neither."""
    if not any(ch.isascii() and ch.isalpha() for ch in word):
        return -1
    converted = convert(word, encoding)
    before, after = is_syllable(word), is_syllable(converted)
    if after and not before:
        return 0
    if before and not after:
        return 1
    return 2 if before and after and converted != word else -1


def detect(line: str, *, known: frozenset[str] = frozenset()) -> str | None:
    """The legacy encoding ``line`` is typed in, or None (Unicode, ASCII, not sure).

    ``known``: encodings the document is already known to use: for those, one word for and
    more for than against suffices, or words that read either way and none against."""
    if _is_unicode(line) or line.isascii():
        return None
    best: tuple[tuple[int, int], str] | None = None
    for encoding in ENCODINGS:
        pro, con, both = _votes(line, encoding)
        weak = encoding in known and (pro > con or (con == 0 and both > 0))
        fits = weak or (pro >= 2 and pro > con)
        if fits and (best is None or (pro, both) > best[0]):
            best = ((pro, both), encoding)
    return best[1] if best else None


def decode_lines(data: bytes, fallback: str) -> str | None:
    """A text file that is not UTF-8, decoded line by line: as Windows-1252 (the codes as Word
    and a Windows editor show them, for :func:`convert_document`; Latin-1 for a byte 1252
    leaves undefined) where the line is legacy text, by ``fallback`` (Windows-1258) elsewhere;
    None when no line is legacy text.

    Windows-1258 would turn TCVN3's bytes into other Vietnamese letters (0xD5 'ế' into 'Ơ'),
    so the choice is made on the bytes, before the text is decoded. A line only the document's
    encoding makes legacy text ('Tõ 2021' is 'Từ 2021', or 'Tơ 2021' in Windows-1258) is read
    the way that spells more syllables, the legacy way when both spell as many."""
    lines = [(line, _western(line)) for line in data.splitlines(keepends=True)]
    known = frozenset(e for _line, text in lines if (e := detect(text)))
    if not known:
        return None
    parts = []
    for line, text in lines:
        if not detect(text):
            encoding = detect(text, known=known)
            with contextlib.suppress(UnicodeDecodeError):
                other = line.decode(fallback)
                if encoding is None or _spelt(unicodedata.normalize("NFC", other)) > _spelt(
                    convert_line(text, encoding)
                ):
                    text = other
        parts.append(text)
    return "".join(parts)


def _spelt(text: str) -> int:
    """How many of the text's words with a letter beyond ASCII are Vietnamese syllables."""
    return sum(1 for word in _WORD_RE.findall(text) if not word.isascii() and is_syllable(word))


def _western(line: bytes) -> str:
    try:
        return line.decode("cp1252")
    except UnicodeDecodeError:
        return line.decode("latin-1")


def legacy_message(encoding: str) -> str:
    if encoding == TCVN3:
        return _("The document uses the TCVN3 (ABC) encoding: converted to Unicode.")
    return _("The document uses the VNI-Windows encoding: converted to Unicode.")


def _texts(doc: SourceDocument) -> Iterator[tuple[str, int, int, int]]:
    """(text, line, block index, cell index or -1) of every paragraph and cell."""
    for b, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            yield block.text, block.line, b, -1
        elif isinstance(block, Table):
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row.cells):
                    yield cell, row.line, b, r * 100_000 + c


def convert_document(doc: SourceDocument) -> SourceDocument:
    """Convert the document's legacy-encoded lines to Unicode in place (see the module's
    docstring), adding one warning per encoding found; a document without any is untouched."""
    first: dict[str, int] = {}
    strong: dict[str, str | None] = {}  # each distinct line's own verdict
    start = _vote.cache_info().misses
    for text, line, _b, _c in _texts(doc):
        if text.isascii():
            continue
        if _vote.cache_info().misses - start > _MOST_NEW_WORDS:
            break  # a file of random letters: what follows is read as printed
        for piece in text.split("\n"):
            if piece not in strong:
                strong[piece] = detect(piece)
            if encoding := strong[piece]:
                first[encoding] = min(first.get(encoding, line), line)
    if not first and not doc.legacy:
        return doc
    # Once the reader has converted runs by their font, their text is Unicode that may spell a
    # legacy word too ('Rà soát' is TCVN3 for 'Rà soỏt'): only lines legacy on their own are.
    known = frozenset() if doc.legacy else frozenset(first)
    for encoding, line in doc.legacy.items():
        first[encoding] = min(first.get(encoding, line), line)
    for text, _line, b, c in _texts(doc):
        if text.isascii():
            continue
        pieces = text.split("\n")
        converted = []
        for piece in pieces:
            encoding = strong.get(piece) or (detect(piece, known=known) if known else None)
            converted.append(convert_line(piece, encoding) if encoding else piece)
        new = "\n".join(converted)
        if new != text:
            _replace(doc, b, c, new)
    for encoding in ENCODINGS:
        if encoding in first:
            doc.notes.append((first[encoding], legacy_message(encoding), "legacy-encoding"))
    return doc


def _replace(doc: SourceDocument, b: int, c: int, text: str) -> None:
    block = doc.blocks[b]
    if isinstance(block, Paragraph):
        block.text = text
    else:
        row, cell = divmod(c, 100_000)
        block.rows[row].cells[cell] = text
