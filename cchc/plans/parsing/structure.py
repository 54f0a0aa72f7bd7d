"""How points and bullets nest in the genre's documents, for the sentence reader
(``assignments.py``): which lines below a point are its own contents rather than tasks.

A point that ends in a colon announces what follows it. When every bullet under it is a noun
phrase (no task's verb, no agency as subject), the bullets spell out what the point covers::

    a) Tham mưu Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh quyết định:
       - Phương án phân bổ vốn …;
       - Mức vốn đối ứng từ ngân sách địa phương …
    c) Tổ chức triển khai các dự án do Bộ Công an chủ trì:
       - Dự án 1: “Phòng ngừa, đấu tranh tội phạm …”.

The point is the task and its bullets are part of it (its notes), not tasks of their own.

A point that names only the agency's role, with no object, announces bullets that open with the
bodies the agency works with::

    2.3. Công an tỉnh
    b) Chủ trì, phối hợp
       - Sở Tài chính và các đơn vị có liên quan tham mưu Ủy ban nhân dân tỉnh …

Each bullet is the heading's task; the bodies it opens with are its partners, not its lead.

A heading that names bodies and nothing else, up to its colon, is the agency of what follows,
however many bodies it lists and whatever note it brackets; a task may follow the colon on the
same line::

    9. Báo và Phát thanh - Truyền hình tỉnh, Sở Văn hóa, Thể thao và Du lịch, Cổng Thông tin
       điện tử tỉnh và hệ thống truyền thanh cơ sở:
    13. Đề nghị các doanh nghiệp viễn thông (VNPT, Viettel và doanh nghiệp khác): Đảm bảo …

So is a heading naming a group of bodies by what they do, over bullets without a subject of
their own: the clause after "Các …" says which bodies, it is no task::

    2. Các Sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án thuộc Chương trình
       - Phê duyệt kế hoạch giám sát, đánh giá; …
    5. Các chủ rừng là tổ chức (các Ban quản lý rừng đặc dụng, …)
       - Thực hiện đầy đủ quyền, nghĩa vụ và trách nhiệm chủ rừng …
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from cchc.plans.parsing import cells as C
from cchc.plans.parsing.announced import topic_over_paragraph
from cchc.plans.parsing.holders import holder_task as holder_task
from cchc.plans.parsing.leads import closing_clause, plural_bodies
from cchc.plans.parsing.result import Item
from cchc.plans.parsing.straystops import without_stray_stop as without_stray_stop
from cchc.plans.parsing.vocabulary import (
    _AGENCY,
    _AGENCY_ONLY_RE,
    _ASKED_RE,
    _ASKS_RE,
    _BULLET_RE,
    _HEADING_RE,
    _ISSUER_SPEAKS_RE,
    _PAREN_RE,
    _REMIT_TAIL_RE,
    _SIGNATURE_RE,
    _SUBJECT_VERB_RE,
    _VERBS,
)


def contents_follow(texts: Sequence[str], is_content: Callable[[str], bool]) -> bool:
    """Whether the bullets that open ``texts`` (the lines after a point ending in ":") are
    all contents of that point: at least one bullet, and none a task."""
    bullets = 0
    for text in texts:
        if not _BULLET_RE.match(text):
            break
        if not is_content(text):
            return False
        bullets += 1
    return bullets > 0


_BARE_ROLE_RE = re.compile(r"^Chủ trì\s*,?\s*(?:và\s+)?phối hợp(?:\s+với)?\s*:?$", re.I)


def bare_role(body: str) -> bool:
    """Whether a point says only "Chủ trì, phối hợp" (the role, without whom with)."""
    return _BARE_ROLE_RE.match(body.strip(" .;*_")) is not None


# The bodies named up to the heading's colon, a bracketed note among them.
_NAMED_HEADING_RE = re.compile(
    rf"^(?!Ban hành\b)(?P<lead>(?:{_AGENCY})(?:[^;:()]|\([^()]{{1,120}}\)){{0,320}}?)"
    r"(?:\s*:\s*(?P<rest>.*)|(?<![.;!?]))$",
    re.S,
)
_TASK_VERB_RE = re.compile(rf"\s(?:{_VERBS})\b")
# "các tổ chức thành viên", "tổ chức chính trị - xã hội", "doanh nghiệp, tổ chức, cá nhân":
# the noun, not the verb.
_BODIES_NOUN_RE = re.compile(
    r"\b(?:(?:các|những)\s+tổ chức|tổ chức(?= thành viên| chính trị| xã hội| đoàn thể|,| và|$))"
)


# "14. Doanh nghiệp, cộng đồng, tổ chức, cá nhân: Quan tâm, đăng ký …" among agency headings:
# bodies named by their kind, each a few words, then the task after the colon.
_KINDS_LIST_RE = re.compile(
    r"^(?P<lead>[A-ZĐ][^\W\d]*(?:\s+[^\W\d]+){0,3}(?:,\s*[^\W\d]+(?:\s+[^\W\d]+){0,3}){1,6})"
    r"\s*:\s*(?P<rest>[A-ZĐ].*)$",
    re.S,
)


def sibling_named_heading(body: str) -> re.Match[str] | None:
    """A point among agency headings that names bodies by their kind before a colon and its
    task ("Doanh nghiệp, cộng đồng, tổ chức, cá nhân: Quan tâm …"); None otherwise."""
    found = _KINDS_LIST_RE.match(body.strip())
    if found is None or _TASK_VERB_RE.search(" " + _BODIES_NOUN_RE.sub("", found.group("lead"))):
        return None
    return found


def named_heading(body: str) -> re.Match[str] | None:
    """The bodies a heading names up to its colon ("Đề nghị X, Y và Z:") or its end, with the
    task that follows the colon on its line ("rest", maybe empty); None when a task's verb
    comes first."""
    body = re.sub(r"^Đề nghị\s+", "", body.strip())
    found = _NAMED_HEADING_RE.match(body[:1].upper() + body[1:])
    if found is None or _TASK_VERB_RE.search(
        _BODIES_NOUN_RE.sub("", re.sub(r"\([^()]*\)", "", found.group("lead")))
    ):
        return None
    lead, rest = _ROLE_NOTE_RE.sub("", found.group("lead")), (found.group("rest") or "").strip()
    if proper_names(rest):
        # "Ủy ban nhân dân các xã: Gia Thuận, Tân Điền, Gò Công Đông": which ones, no task.
        lead, rest = f"{lead}: {rest.rstrip(' :')}", ""
    # A match whose "lead" is the name without its note and whose "rest" is the task.
    return re.match(r"^(?P<lead>.*)\n(?P<rest>.*)$", f"{lead}\n{rest}", re.S)


def proper_names(text: str) -> bool:
    """Whether ``text`` is only a list of proper names ("Gia Thuận, Tân Điền và Gò Công")."""
    names = [name.strip() for name in re.split(r",|\svà\s", text.strip(" .:;"))]
    return (
        bool(text.strip())
        and len(text) <= 240
        and all(
            name and all(word[:1].isupper() or word[:1].isdigit() for word in name.split())
            for name in names
        )
    )


_GROUP_HEADING_RE = re.compile(
    r"^(?:Đề nghị\s+)?(?P<lead>(?:Các|các)\s+(?:[Ss]ở|[Bb]an|[Nn]gành|[Cc]ơ quan|[Đđ]ơn vị|[Bb]ộ|"
    r"[Đđ]ịa phương|[Tt]ổ chức|chủ rừng|chủ đầu tư|chủ dự án|doanh nghiệp|hợp tác xã|trường|"
    r"cơ sở|lực lượng|hội|đoàn thể|tập đoàn|ngân hàng)\b[^.;:]{3,200})(?P<rest>)$",
    re.S,
)


def group_heading(
    body: str, below: str, has_subject: Callable[[str], bool]
) -> re.Match[str] | None:
    """ "Các Sở, ngành chủ trì, quản lý … thuộc Chương trình" over "- Phê duyệt …": the group
    the heading names (the whole heading) when the line below is a bullet with no subject."""
    bullet = _BULLET_RE.match(below)
    if bullet is None or has_subject(bullet.group("rest").strip()):
        return None
    return _GROUP_HEADING_RE.match(body.strip())


def topic_only(body: str) -> bool:
    """ "1. Về tổ chức thực hiện chức năng, nhiệm vụ được phân cấp": a topic, nothing after a
    colon, no full stop: what the points below are about, never a row of work of its own
    (however its words read, "thực hiện", "tổ chức")."""
    body = body.strip(" *")
    return (
        body.startswith("Về ")
        and ":" not in body.rstrip(" :")
        # (nor a list's item, "b) Về tính chính xác của hồ sơ …;" under "X có trách nhiệm:":
        # the duty of its heading, round 21)
        and body[-1:] not in ".;"
        and len(body) <= 250
    )


def topic_heading(body: str) -> bool:
    """ "1. Về kiến nghị hoàn thiện …; ban hành …; sớm trình …:" over a paragraph: a notice's
    topic, ended by its colon, however long the request it sums up (a province's requests
    run over several clauses, round 8 leftovers: up to 800 characters, past which no heading
    of the genre goes)."""
    return body.startswith("Về ") and body.endswith(":") and len(body) <= 800


def closed(sections: list[tuple[str, str]], kind: str) -> list[tuple[str, str]]:
    """The sections still open at a heading of ``kind`` that is no section (an agency heading
    "3. Giao Sở Nội vụ" after the topic "2. Về …"): those of its level and below end there."""
    kinds = [k for k, _t in sections]
    return sections[: kinds.index(kind)] if kind in kinds else sections


def topic_over_bullets(body: str, below: str, has_subject: Callable[[str], bool]) -> bool:
    """ "1. Tập trung hoàn thiện thể chế, …, nhằm đẩy mạnh thực hiện tự chủ đại học" over
    "- Tiếp tục rà soát …": a numbered point with no subject and no closing stop over bullets
    is their topic (a section), even where a paragraph above announced who carries them out."""
    body = body.strip(" *")
    return (
        _BULLET_RE.match(below) is not None
        # (one sentence, its full stop kept: "7. Triển khai … tổng kết năm công tác 2025.")
        and (body[-1:] not in ".;:!?" or (body[-1:] == "." and not re.search(r"[.;]\s", body)))
        and len(body) <= 300
        and not has_subject(body)
        and not plural_bodies(body)  # "1/ Các Cục Thuế rà soát …" (leads.py)
    )


def topic_over_points(body: str, below: str, kind: str, agency: tuple[str, str] | None) -> bool:
    """ "1. Phát động phong trào …" (no full stop) over "a) Ủy ban nhân dân các tỉnh": a numbered
    point that is no sentence, over points of a deeper level, is their topic (a section), even
    where a paragraph above announced who carries out the points ("…, các bộ … cần triển khai
    các nhiệm vụ, giải pháp sau đây:")."""
    announced = agency is not None and agency[0] == "plain"  # a paragraph named who acts
    if topic_over_paragraph(body, below, agency):  # "5. Thời gian" / "Đề nghị X …" (announced.py)
        return True
    return announced and body.rstrip(" *")[-1:] not in ".;:" and deeper_heading(below, kind)


def number_under_heading(rows: list[Item], label: str, kind: str) -> None:
    """Number the row just read (``rows[-1]``) under a numbered agency heading (``label``; the
    heading's rows so far in ``rows``), bold or not: a paragraph alone under it takes the
    heading's number ("4. Ủy ban nhân dân các phường, xã" / "Tăng cường kiểm tra …"), and so
    does each bullet under it ("1. Bộ Y tế" over "- Chỉ đạo …", "- Hướng dẫn …"); a paragraph
    with another row after it does not (a "(1)" under "1." keeps its own)."""
    item = rows[-1]
    if C.label_kind(label) == "part":
        return  # a part ("Phần 12. Trách nhiệm của X", dutyarticles.py) numbers no row
    if label and not item.number and (kind == "bullet" or (kind == "plain" and len(rows) == 1)):
        item.number = label
    elif len(rows) == 2 and rows[0].number == label and kind not in {"paren", "bullet"}:
        rows[0].number = ""  # not alone after all: the heading numbers no row


def own_bullets(heading: object, agency: object, below: str) -> bool:
    """ "1. Các cơ quan, đơn vị … xây dựng kế hoạch …; đề ra giải pháp …." over "- Giới thiệu …",
    "- Báo cáo …": the bullets right under a numbered point that is a row with a subject of its
    own (no agency heading above it) are more tasks of that subject."""
    return bool(heading) and agency is None and _BULLET_RE.match(below) is not None


# "…, Bộ Xây dựng yêu cầu các cơ quan, đơn vị:": an opening that ends on the bodies it asks.
_ASKED_BODIES_RE = re.compile(r"\s(?:yêu cầu|đề nghị)\s+(?P<lead>[^:;.]{3,200}):$")


def _names_bodies(text: str) -> bool:
    """Whether ``text`` ("các cơ quan, đơn vị") names bodies only, no task's verb."""
    bodies = text[:1].upper() + text[1:]
    return bool(_AGENCY_ONLY_RE.match(bodies)) and not re.search(rf"\b(?:{_VERBS})\b", text)


# "Tổng cục X yêu cầu Cục trưởng Cục Y chỉ đạo thực hiện:": the issuer asks a body to carry
# out the points below, the verb ending the opening with no "như sau" after it.
_CARRY_OUT_RE = re.compile(r"\s(?:yêu cầu|đề nghị)\s.{3,300}?\s(?:thực hiện|triển khai)\s*:$")


def _asks_to_carry_out(text: str) -> bool:
    """Whether ``text`` asks a body to carry out what follows ("… yêu cầu X triển khai:")."""
    return _CARRY_OUT_RE.search(text) is not None


# "Các đồng chí Bộ trưởng, …": the offices are the bodies; "đồng chí Cục trưởng …", one
# officer asked, keeps the word as printed.
_PLURAL_HONORIFIC_RE = re.compile(r"^(?:Các|các)\s+[Đđ]ồng chí\s+(?=\S)")

_MANNER_RE = re.compile(r"\s+(?:nghiêm túc|khẩn trương|tích cực|chủ động|kịp thời)$")


def announcing(text: str) -> re.Match[str] | None:
    """ "Để …, các Sở, ngành … triển khai thực hiện những nội dung sau:" -> its subject.

    A point that announces the points below it and names who carries them out is the
    agency heading of those points (the match has the groups "lead" and "rest", empty). When
    the issuer asks another ("Ban Chỉ đạo … yêu cầu Chủ tịch … tập trung …, một số nội dung cụ
    thể sau:", "Bộ X đề nghị các cơ sở … thực hiện … như sau:"), whom it asks leads them.
    """
    asked = _ASKED_BODIES_RE.search(text)
    if asked and _names_bodies(asked.group("lead")):
        # "Bộ Xây dựng yêu cầu các cơ quan, đơn vị:": the bodies asked, before the colon
        lead = _PLURAL_HONORIFIC_RE.sub("", asked.group("lead"))
        return re.match(r"^(?P<lead>.+)(?P<rest>)$", lead[:1].upper() + lead[1:], re.S)
    # ("… các nhiệm vụ, giải pháp sau đây:", "… nêu dưới đây:", "…. Cụ thể:": the same; "…,
    # trong đó:" over "(1) …": the parts of the body's task, each a row of that body)
    ending = r"\b(?:sau|như sau|[Cc]ụ thể|sau đây|dưới đây|trong đó)\s*:$"
    if not text.endswith(":") or not (re.search(ending, text) or _asks_to_carry_out(text)):
        return None
    if _ISSUER_SPEAKS_RE.search(text):
        return None  # "Chủ tịch … có ý kiến chỉ đạo như sau:": who directs, not who does
    # "các cơ sở đào tạo trực thuộc Bộ (sau đây gọi là cơ sở đào tạo)": what the text calls
    # them below, no part of their name.
    text = re.sub(r"\s*\(sau đây[^()]*\)", "", text)
    text = _PLURAL_HONORIFIC_RE.sub("", text)  # "Các đồng chí Bộ trưởng, …": the office is the body
    text = _ASKED_RE.sub("", text, count=1)  # "Đề nghị Thường trực … tập trung …": the asked
    candidates = [text] + [text[m.end() :] for m in re.finditer(r",\s+", text[:400])]
    candidates[:0] = [text[m.end() :] for m in _ASKS_RE.finditer(text[:600])][-1:]
    at = int(bool(_ASKS_RE.search(text[:600])))
    candidates[at:at] = closing_clause(text)  # the announcing clause's subject first (leads.py)
    for candidate in candidates:
        found = _SUBJECT_VERB_RE.match(candidate[:1].upper() + candidate[1:])
        if found:
            lead = found.group("lead").strip(" ,")
            lead = _REMIT_TAIL_RE.sub("", _ASKS_RE.split(lead)[-1])
            lead = _MANNER_RE.sub("", lead)  # "… nghiêm túc thực hiện": how, not who
            lead = _PLURAL_HONORIFIC_RE.sub("", lead)  # "… yêu cầu các đồng chí Giám đốc Sở, …"
            lead = lead[:1].upper() + lead[1:]
            return re.match(r"^(?P<lead>.+)(?P<rest>)$", lead, re.S)
    return None


# "5. Bộ trưởng Bộ Tài chính chủ trì:" over "(1) …", "(2) …": the role word after the body's name
# says that it leads the points below, and is no part of the name ("Cơ quan chủ trì …", "Đơn vị
# chủ trì …" name a role, not a body: kept).
_ROLE_WORD_TAIL_RE = re.compile(r"^(?P<lead>.+?)\s+chủ trì$")


def without_role_word(lead: str) -> str:
    """An agency heading's lead without the role word "chủ trì" that ends it."""
    found = _ROLE_WORD_TAIL_RE.match(lead)
    if found is None or found.group("lead").split()[-1].lower() in {"quan", "vị"}:
        return lead
    return found.group("lead") if _AGENCY_ONLY_RE.match(found.group("lead")) else lead


# "2. Về việc hỗ trợ 20 xe ô tô chuyên dùng cứu thương: Tỉnh căn cứ các quy định …, bảo đảm
# hiệu quả." A conclusion answers each request under its topic, on the same line: the answer is
# the point's row, whoever its subject is (a body the reader does not know, or none).
_TOPIC_ANSWER_RE = re.compile(r"^Về\s[^:]{3,400}?:\s*\**\s*(?P<answer>\w.{20,}[.;])$", re.S)


def topic_answer(body: str) -> str | None:
    """The answer written after a "Về …:" topic on its line, a full sentence; None otherwise."""
    found = _TOPIC_ANSWER_RE.match(body.strip())
    # (a capital of any kind: "Ủy ban nhân dân tỉnh … rà soát …" too)
    return found.group("answer").strip() if found and found.group("answer")[0].isupper() else None


# "- Về nguồn vật liệu đá: tiếp tục hỗ trợ …": a topic, then the task in lower case.
_TOPIC_TASK_RE = re.compile(rf"^Về\s[^:]{{3,200}}:\s*(?P<task>(?:{_VERBS})\b.{{20,}})$", re.S)


def topic_task(text: str) -> str:
    """A bullet's task without the topic it opens with ("- Về thi công: chỉ đạo Ban Quản lý
    dự án …" under "1. Ủy ban nhân dân tỉnh X:" gives "Chỉ đạo Ban Quản lý dự án …")."""
    found = _TOPIC_TASK_RE.match(text.strip())
    if found is None:
        return text
    task = found.group("task")
    return task[:1].upper() + task[1:]


# The labels of points in their order: "a)" … "đ)" …, "(i)" … "(x)".
_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n"]
_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


def lone_point(label: str, body: str, rows: Sequence[object], kind: str = "") -> str | None:
    """ "đ) Khuyến khích các địa phương … hỗ trợ các tỉnh …." right after the row "d)",
    "(ii) Chủ đầu tư phối hợp …" right after the row "(i)", "(3) Tiếp tục thực hiện …" right
    after the row "(2)": the next point of a run of rows is a row too, a whole sentence, even
    when it names no agency (the issuer's own call, a body the reader does not know); its
    text, None otherwise."""
    previous = str(getattr(rows[-1], "number", "")) if rows else ""
    follows = any(
        previous in labels
        and labels.index(previous) + 1 < len(labels)
        and labels[labels.index(previous) + 1] == label
        for labels in (_LETTERS, _ROMANS)
    ) or (
        # (bracketed numbers only: "3." after a row "2." may be a heading of the next part)
        kind == "paren"
        and label.isdigit()
        and previous.isdigit()
        and int(label) == int(previous) + 1
    )
    return body if follows and body[:1].isupper() and body.endswith(".") else None


# "Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt Nam:": the body that directs another answers for
# the points below.
_DIRECTS_RE = re.compile(
    rf"^(?P<lead>(?:{_AGENCY})[^:;.]{{0,150}}?)\s+chỉ đạo\s+"
    r"(?!(?:cụ thể )?(?:như )?sau)[^:;.]{3,150}:$"
)


def subject_line(text: str, below: str, has_subject: Callable[[str], bool]) -> re.Match[str] | None:
    """A line naming bodies and nothing else before its colon ("Ủy ban nhân dân các tỉnh,
    thành phố:"), or a body directing another ("Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt
    Nam:"), over a lettered or numbered point with no subject of its own: the subject of the
    points below (the match's "lead"); None otherwise."""
    point = _HEADING_RE.match(below)
    if not text.endswith(":") or point is None or has_subject(point.group("rest").strip()):
        return None
    directs = _DIRECTS_RE.match(text)
    if directs is not None and not _TASK_VERB_RE.search(" " + directs.group("lead")):
        return directs
    named = named_heading(text)
    return named if named is not None and not named.group("rest") else None


# "Sở Nội vụ (Cơ quan thường trực Ban …)": a note saying what role the body plays is not part
# of its name; "(VNPT, Viettel và doanh nghiệp khác)", naming who the bodies are, is.
_ROLE_NOTE_RE = re.compile(r"\s*\((?:[Cc]ơ quan|gồm|là|đơn vị|thường trực)\b[^()]*\)\s*$")


# The depth of a numbered point's label: "I." over "1." over "1.1." over "a)".
_DEPTH = {"part": 0, "roman": 1, "letter": 2, "sub": 20}


def depth(kind: str) -> int | None:
    if kind.startswith("arabic") and kind[6:].isdigit():
        return 2 + int(kind[6:])
    return _DEPTH.get(kind)


def shallower(kind: str, than: str) -> bool:
    """Whether a point of ``kind`` is above a point of ``than`` in the outline."""
    mine, other = depth(kind), depth(than)
    return mine is not None and other is not None and mine < other


def deeper_heading(text: str, kind: str) -> bool:
    """Whether ``text`` is a numbered point below a point of ``kind`` in the outline."""
    heading = _HEADING_RE.match(text)
    if heading is None:
        return False
    return shallower(kind, C.label_kind(C.normalise_number(heading.group("label"))))


def sibling(text: str, kind: str) -> bool:
    """Whether ``text`` is a numbered point of the same kind as ``kind``."""
    heading = _HEADING_RE.match(text)
    if heading is None:
        return False
    return C.label_kind(C.normalise_number(heading.group("label"))) == kind


# "I. ĐÁNH GIÁ CHUNG", "I. KẾT QUẢ ĐẠT ĐƯỢC", "I. TÌNH HÌNH …": a part of a conclusion or a
# report saying what HAS been done ("Tỉnh … đã quán triệt, cụ thể hóa và triển khai …").
_ASSESSMENT_RE = re.compile(
    r"^(?:[IVXLC]{1,6}|PHẦN\s+[0-9IVXLC]+|Phần\s+[0-9IVXLC]+)\.\s+"
    r"(?:ĐÁNH GIÁ|KẾT QUẢ|TÌNH HÌNH|Đánh giá|Kết quả|Tình hình)\b"
    r"(?!.*\b(?:NHIỆM VỤ|GIẢI PHÁP|nhiệm vụ|giải pháp)\b.*\b(?:THỜI GIAN TỚI|thời gian tới)\b)"
)


def assessing(sections: Sequence[tuple[str, str]]) -> bool:
    """Whether the text is inside a top section assessing what was done: its sentences (the
    province's results, its shortcomings, what it still must strive for) are no rows of work;
    the tasks come in the sections after it, or after a paragraph announcing them ("…, thành
    phố cần tập trung thực hiện … sau đây:"), led by the body it names."""
    return any(kind in {"roman", "part"} and _ASSESSMENT_RE.match(t) for kind, t in sections)


def opens_letter(text: str, after: Sequence[str]) -> bool:
    """Whether ``text``, the issuer speaking ("…, Phó Thủ tướng … có ý kiến như sau:"), opens
    the body of a letter of plain paragraphs (no numbered point below it up to the signature):
    the paragraphs after it are its tasks, whatever their first words ("Trên cơ sở …, Bộ Xây
    dựng làm việc với …")."""
    if not _ISSUER_SPEAKS_RE.search(text):
        return False
    for line in after:
        if _SIGNATURE_RE.match(line):
            break
        if _HEADING_RE.match(line) or _PAREN_RE.match(line) or _BULLET_RE.match(line):
            return False
    return True
