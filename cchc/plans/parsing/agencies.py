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
from collections.abc import Callable

from cchc.plans.parsing.referencedsubject import within_reference

# The words a generic list of bodies ends in ("xã hội" is a word of its own).
_TERMINAL_RE = re.compile(
    r"(?:(?<!\S)(?:có\s+)?liên quan|(?<!\S)(?:xã(?!\s+hội\b)|phường|đặc khu|thị trấn|"
    r"trung ương|[Tt]hành phố|tỉnh)"
    # "các tổ chức chính trị - xã hội", "Hội đồng Thi đua - Khen thưởng các cấp": a kind of
    # body and the levels a body stands at end a name too.
    r"|(?<!\S)chính trị\s*-\s*xã hội|(?<!\S)các cấp"
    # "Ban Chỉ đạo 389 quốc gia", "các lực lượng chức năng": the reach or the remit of a
    # body end its name as a place does.
    r"|(?<!\S)quốc gia|(?<!\S)chức năng)"
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
        "ven",  # "các tỉnh ven biển": the places along the coast or a river
    ]
)

# "từ Hà Tĩnh đến …": the places a list of bodies spans, from a proper name to another.
_PLACE_RANGE_RE = re.compile(r"\s+từ\s+[A-ZĐÀ-Ỹ][^,;:.()]*?\s+đến\s+[A-ZĐÀ-Ỹ]")


def split_name(name: str) -> tuple[str, str]:
    """ "sở, ngành, Ủy ban nhân dân xã, phường tăng cường" -> ("sở, … xã, phường", "tăng cường").

    Returns the name and what ran into it from the task (empty when nothing did).
    """
    framing = re.search(r"\s+(?=(?:trên cơ sở|căn cứ(?: vào)?)\s)", name)
    if framing is not None:
        # "Các bộ, ngành trên cơ sở nhiệm vụ được giao …, hoàn thiện …": a clause, not a name
        return split_name(name[: framing.start()])[0], name[framing.end() :].strip()
    for terminal in _TERMINAL_RE.finditer(name):
        following = terminal.group("next")
        if following[:1].isupper() or following[:1].isdigit() or following in _GOES_ON:
            continue
        if following in {"nêu", "nói", "kể"} and name[terminal.end() :].split()[1:2] == ["trên"]:
            continue  # "các tỉnh, thành phố nêu trên": the places named above
        if following in {"ủy", "uỷ"} and not re.match(r"\s+\S+\s+quyền\b", name[terminal.end() :]):
            continue  # "Bí thư tỉnh ủy", "Đảng ủy xã": the Party's committee of the place
        if _PLACE_RANGE_RE.match(name, terminal.end()):
            # "các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng": a range of places goes on.
            continue
        return name[: terminal.end()].rstrip(" ,"), name[terminal.end() :].strip()
    return name, ""


# What opens a point without being its verb: bodies, framing clauses, topics, numbers.
_NOT_A_VERB_RE = re.compile(
    r"^(?:[Đđ]ối với|[Tt]rên cơ sở|[Cc]ăn cứ|[Tt]rường hợp|[Tt]rong|[Vv]ề|[Tt]heo|[Đđ]ể|[Nn]hằm|"
    r"[Ss]au khi|[Hh]ằng|[Hh]àng|[Đđ]ịnh kỳ|[Tt]ổng|[Ss]ố|[Tt]ỷ lệ|[Kk]inh phí|[Nn]guồn|[Cc]ác|"
    r"[Nn]hững|[Mm]ột|[Cc]ó|[Ll]à|[Đđ]ồng thời|[Tt]hời gian|[Tt]hời hạn|[Nn]ội dung|[Kk]ết quả)\b"
)
_TWO_WORDS_RE = re.compile(r"^([A-ZĐÀ-Ỹ][a-zà-ỹđ]+) ([a-zà-ỹđ]+)\b")


def document_verbs(points: list[str], is_agency: Callable[[str], bool]) -> frozenset[str]:
    """The verbs the document's own points start with ("- Tăng cường …" -> "tăng cường").

    A point under an agency heading starts with the verb of its task: the two syllables it
    opens with, in lower case, are a verb of this document wherever they follow a body's name
    ("Sở Y tế tăng cường kiểm tra …"), whether the reader's vocabulary lists them or not.
    """
    found: set[str] = set()
    for point in points:
        match = _TWO_WORDS_RE.match(point)
        if match is None or _NOT_A_VERB_RE.match(point) or is_agency(point):
            continue
        found.add(f"{match.group(1).lower()} {match.group(2)}")
    return frozenset(found)


def cut_at_verb(name: str, verbs: frozenset[str], head: int) -> tuple[str, str]:
    """ "Sở Y tế tăng cường" -> ("Sở Y tế", "tăng cường") where "tăng cường" opens points of
    the same document; the head (``name[:head]``) is never cut."""
    best = len(name)
    for verb in verbs:
        at = name.find(f" {verb}", head)
        while at != -1:
            end = at + 1 + len(verb)
            # (not "tổ chức, cá nhân": a noun in a list; not "cơ quan tham mưu": a kind of body;
            # not "các tổ chức chính trị - xã hội": a word after a plural determiner is a noun)
            noun = (
                name[end : end + 1] == ","
                or name[:at].endswith("quan")
                or re.search(r"(?:^|\s)(?:các|những|mọi)$", name[:at]) is not None
                # "Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia": a board, council or
                # team is named after what it does (its function's verb is part of its name)
                or re.search(r"(?:^|\s)(?:Ban|Hội đồng|Ủy ban|Uỷ ban|Tổ)$", name[:at]) is not None
                # "các đoàn thể, tổ chức xã hội": a kind of organisation, not a verb
                or re.match(r"\s+(?:xã hội|chính trị|đoàn thể|quốc tế|tín dụng)\b", name[end:])
                is not None
                # "các cơ quan được giao nhiệm vụ báo cáo tại khoản 1 Điều này" (a reference)
                or within_reference(name[:at], name[at:])
            )
            if (end == len(name) or not name[end].isalnum()) and not noun:
                best = min(best, at)
                break
            at = name.find(f" {verb}", at + 1)
    if best == len(name):
        return name, ""
    return name[:best].rstrip(" ,"), name[best:].strip()


# The sectors ministries and provincial departments are named after (their names are set by
# the decrees on the organisation of the Government and of provincial committees, before
# and after the 2025 reorganisation): "Bộ" or "Sở" and one of them is a whole name, so the
# word after it starts the task whatever its verb ("Bộ Ngoại giao vận động …").
_SECTORS = (
    "Tài chính|Xây dựng|Nội vụ|Tư pháp|Công an|Quốc phòng|Ngoại giao|Công Thương|"
    "Nông nghiệp và Môi trường|Nông nghiệp và Phát triển nông thôn|Tài nguyên và Môi trường|"
    "Khoa học và Công nghệ|Giáo dục và Đào tạo|Y tế|Văn hóa, Thể thao và Du lịch|"
    "Văn hoá, Thể thao và Du lịch|Văn hóa và Thể thao|Du lịch|Dân tộc và Tôn giáo|"
    "Kế hoạch và Đầu tư|Lao động - Thương binh và Xã hội|Lao động, Thương binh và Xã hội|"
    "Giao thông vận tải|Thông tin và Truyền thông"
)
_KNOWN_BODY_RE = re.compile(
    rf"^(?:(?:Bộ trưởng|Thứ trưởng|Giám đốc|Phó Giám đốc)\s+)?(?:Bộ|Sở)\s+(?:{_SECTORS})"
    # a place after it: "Sở Y tế tỉnh Lâm Đồng", "Sở Tài chính Thành phố"
    r"(?:\s+(?:tỉnh|thành phố|Thành phố)(?:\s+[A-ZĐÀ-Ỹ][\wà-ỹ]*)*)?"
    # the next word starts the task: lower case, not a connector of a longer name or list
    r"(?=\s+(?!(?:và|cùng|hoặc|các|của|thuộc|tại|trực|với)\b)[a-zà-ỹđ])"
)


def known_body(text: str) -> str:
    """ "Bộ Ngoại giao vận động …" -> "Bộ Ngoại giao"; "" where ``text`` opens with no whole
    name of a ministry or department followed by its task."""
    found = _KNOWN_BODY_RE.match(text)
    return found.group() if found else ""
