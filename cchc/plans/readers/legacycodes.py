"""The two legacy Vietnamese encodings still typed by some agencies, as conversion tables.

Before Unicode, Vietnamese was typed in 8-bit font encodings: the font drew its own glyphs at
Latin-1 code points, so a file that lost its font (pasted as text, re-saved, read by a program)
shows them as Latin-1 letters ('KÕ ho¹ch' for 'Kế hoạch').

TCVN3 (ABC), the table of TCVN 5712:1993 "Công nghệ thông tin - Bộ mã chuẩn 8-bit kí tự Việt
dùng trong trao đổi thông tin", repertoire VN3 (the fonts .VnTime, .VnArial …): one byte per
letter, the 67 lowercase letters with diacritics plus the seven capitals Ă Â Ê Ô Ơ Ư Đ. The
capitals with a tone mark are not in VN3: they are the lowercase bytes drawn by the capital
fonts (.VnTimeH, .VnArialH …), hence :data:`TCVN3_CAPITAL_FONT_SUFFIX`.

VNI-Windows, VNI Software's published code table for its fonts (VNI-Times, VNI-Helve …): a
letter with diacritics is the base letter followed by one mark byte ('Keá' = 'Kế': 'e' then
'á', which the VNI fonts draw as a circumflex with an acute), except for a few letters of one
byte of their own (ơ, ư, đ and the i's and ỵ).

Both tables are written here code by code as the standards list them (byte value → letter;
the bytes read as Latin-1 characters, which is what Word, Excel and a Windows-1252 text
editor store for them), so that each entry can be checked against the printed table.
"""

from __future__ import annotations

TCVN3 = "tcvn3"
VNI = "vni"

# TCVN 5712:1993, VN3: byte → letter.
TCVN3_BYTES: dict[int, str] = {
    # capitals of their own
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    # ă â ê ô ơ ư đ
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
    # a: huyền, hỏi, ngã, sắc, nặng
    0xB5: "à",
    0xB6: "ả",
    0xB7: "ã",
    0xB8: "á",
    0xB9: "ạ",
    # ă
    0xBB: "ằ",
    0xBC: "ẳ",
    0xBD: "ẵ",
    0xBE: "ắ",
    0xC6: "ặ",
    # â
    0xC7: "ầ",
    0xC8: "ẩ",
    0xC9: "ẫ",
    0xCA: "ấ",
    0xCB: "ậ",
    # e
    0xCC: "è",
    0xCE: "ẻ",
    0xCF: "ẽ",
    0xD0: "é",
    0xD1: "ẹ",
    # ê
    0xD2: "ề",
    0xD3: "ể",
    0xD4: "ễ",
    0xD5: "ế",
    0xD6: "ệ",
    # i
    0xD7: "ì",
    0xD8: "ỉ",
    0xDC: "ĩ",
    0xDD: "í",
    0xDE: "ị",
    # o
    0xDF: "ò",
    0xE1: "ỏ",
    0xE2: "õ",
    0xE3: "ó",
    0xE4: "ọ",
    # ô
    0xE5: "ồ",
    0xE6: "ổ",
    0xE7: "ỗ",
    0xE8: "ố",
    0xE9: "ộ",
    # ơ
    0xEA: "ờ",
    0xEB: "ở",
    0xEC: "ỡ",
    0xED: "ớ",
    0xEE: "ợ",
    # u
    0xEF: "ù",
    0xF1: "ủ",
    0xF2: "ũ",
    0xF3: "ú",
    0xF4: "ụ",
    # ư
    0xF5: "ừ",
    0xF6: "ử",
    0xF7: "ữ",
    0xF8: "ứ",
    0xF9: "ự",
    # y
    0xFA: "ỳ",
    0xFB: "ỷ",
    0xFC: "ỹ",
    0xFD: "ý",
    0xFE: "ỵ",
}

# The fonts that draw the lowercase bytes as capitals: '.VnTimeH', '.VnArialH', '.VnAvantH' …
TCVN3_CAPITAL_FONT_SUFFIX = "H"

# VNI-Windows, lowercase: letter → bytes (Latin-1 characters). The capitals are the same
# entries upper-cased on both sides ('AÙ' = 'Á'), as in VNI's table.
VNI_LOWER: dict[str, str] = {
    # a
    "á": "aù",
    "à": "aø",
    "ả": "aû",
    "ã": "aõ",
    "ạ": "aï",
    # â
    "â": "aâ",
    "ấ": "aá",
    "ầ": "aà",
    "ẩ": "aå",
    "ẫ": "aã",
    "ậ": "aä",
    # ă
    "ă": "aê",
    "ắ": "aé",
    "ằ": "aè",
    "ẳ": "aú",
    "ẵ": "aü",
    "ặ": "aë",
    # e
    "é": "eù",
    "è": "eø",
    "ẻ": "eû",
    "ẽ": "eõ",
    "ẹ": "eï",
    # ê
    "ê": "eâ",
    "ế": "eá",
    "ề": "eà",
    "ể": "eå",
    "ễ": "eã",
    "ệ": "eä",
    # i: one byte each
    "í": "í",
    "ì": "ì",
    "ỉ": "æ",
    "ĩ": "ó",
    "ị": "ò",
    # o
    "ó": "où",
    "ò": "oø",
    "ỏ": "oû",
    "õ": "oõ",
    "ọ": "oï",
    # ô
    "ô": "oâ",
    "ố": "oá",
    "ồ": "oà",
    "ổ": "oå",
    "ỗ": "oã",
    "ộ": "oä",
    # ơ: one byte, then the tone mark
    "ơ": "ô",
    "ớ": "ôù",
    "ờ": "ôø",
    "ở": "ôû",
    "ỡ": "ôõ",
    "ợ": "ôï",
    # u
    "ú": "uù",
    "ù": "uø",
    "ủ": "uû",
    "ũ": "uõ",
    "ụ": "uï",
    # ư
    "ư": "ö",
    "ứ": "öù",
    "ừ": "öø",
    "ử": "öû",
    "ữ": "öõ",
    "ự": "öï",
    # y
    "ý": "yù",
    "ỳ": "yø",
    "ỷ": "yû",
    "ỹ": "yõ",
    "ỵ": "î",
    # đ
    "đ": "ñ",
}

# The fonts of each encoding, by the start of their names (case-insensitive): '.VnTime',
# '.VnArial', '.VnTimeH' … for TCVN3; 'VNI-Times', 'VNI-Helve' … for VNI.
FONT_PREFIXES: dict[str, str] = {".vn": TCVN3, "vni-": VNI, "vni ": VNI}
