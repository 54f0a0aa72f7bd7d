"""The grammar of an agency's name where the vocabulary of verbs cannot end it.

A name is a head ("Sở", "Ủy ban nhân dân", "các đơn vị" …) followed by its name words; the
sentence reader ends it at the task's verb (``vocabulary._VERBS``). A verb missing from that
list ("tăng cường", "đa dạng hóa", "lồng ghép" …) would run into the name. Lists of bodies
named by their kind end in a word that takes no modifier of its own: a place ("các xã,
phường", "đặc khu") or "(có) liên quan". After such a word the name goes on only with a
list's connectors ("," "và" "cùng" "các" "trên địa bàn" "thuộc" …) or a proper name (a
capital: "xã Tân An", "phường Bến Thành"); any other word starts the task.
"""

from __future__ import annotations

import re

# The words a generic list of bodies ends in ("xã hội" is a word of its own).
_TERMINAL_RE = re.compile(
    r"(?:(?<!\S)(?:có\s+)?liên quan|(?<!\S)(?:xã(?!\s+hội\b)|phường|đặc khu|thị trấn))"
    r"(?=\s+(?P<next>[^\s,;:.()]+))"
)
# What may follow such a word inside the name.
_GOES_ON = frozenset(
    [
        "và",
        "cùng",
        "hoặc",
        "các",
        "trên",
        "thuộc",
        "trực",
        "của",
        "tại",
        "thành",
        "tỉnh",
        "cấp",
        "đặc",
        "liên",
        "có",
        "xã",
        "phường",
        "thị",
        "huyện",
        "quận",
        "khác",
        "nơi",
    ]
)


def split_name(name: str) -> tuple[str, str]:
    """ "sở, ngành, Ủy ban nhân dân xã, phường tăng cường" -> ("sở, … xã, phường", "tăng cường").

    Returns the name and what ran into it from the task (empty when nothing did).
    """
    for terminal in _TERMINAL_RE.finditer(name):
        following = terminal.group("next")
        if following[:1].isupper() or following[:1].isdigit() or following in _GOES_ON:
            continue
        return name[: terminal.end()].rstrip(" ,"), name[terminal.end() :].strip()
    return name, ""
