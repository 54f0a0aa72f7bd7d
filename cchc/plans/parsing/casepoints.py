"""Lettered cases under a clause that announces them (issue 15, held-out round 22)::

    1. Tiếp nhận và giải quyết hồ sơ … đảm bảo đúng thời hạn, cụ thể:   <- the row
    a) Đối với thửa đất của tổ chức: Không quá 07 ngày làm việc …;        <- its cases
    b) Đối với thửa đất của cá nhân: Không quá 05 ngày làm việc …;
    c) Cơ quan X không được yêu cầu … thêm giấy tờ khác …                 <- a limit on it

A duty's clause ending in ":" over lettered points that open with a case ("Đối với <what>",
"Trường hợp <when>") spells out how the clause applies: time limits by kind of land user,
conditions, what the body may not ask. The points are the clause's contents (its notes), not
rows of their own, and no body they mention ("… do Văn phòng X chuyển đến") leads them. The
clause stays the row, as over bullets that are noun phrases (``structure.contents_follow``).

Refused: a first point that opens otherwise ("a) Tổ chức …": the points are tasks), a point
among them that gives a task ("b) Đối với …, tổ chức kiểm tra …" has a task's verb after its
case; "c) Sở X chủ trì …"), a clause not ending in ":".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from cchc.plans.parsing.clauses import is_content
from cchc.plans.parsing.structure import contents_follow
from cchc.plans.parsing.vocabulary import _VERBS

_LETTERED_RE = re.compile(r"^\s*[a-zđ]\)\s*(?P<rest>\S.*)$", re.S)
# "Đối với thửa đất …: Không quá …", "Trường hợp hồ sơ chưa hợp lệ: …": a case.
_CASE_RE = re.compile(r"^(?:Đối với|Trường hợp)\s+\S")
# "Cơ quan thuế không được yêu cầu …": what the body may not do (no task of its own).
_LIMIT_RE = re.compile(r"\bkhông được\s+\S")
# "…, tổ chức kiểm tra …": a task's verb after the case's comma (a case without a colon).
_TASK_AFTER_RE = re.compile(rf",\s+(?:{_VERBS})\b")
# "…: Tổ chức kiểm tra …": a task's verb opening what the case spells out.
_TASK_OPENING_RE = re.compile(rf"(?:{_VERBS})\b")


# "… đảm bảo đúng thời hạn, cụ thể:", "… như sau:": a clause announcing what it spells out.
_SPECIFICS_RE = re.compile(r"(?:,\s*cụ thể|\bnhư sau|\bsau đây)\s*:[\s*_]*$")


def announces_specifics(text: str) -> bool:
    """Whether the point ``text`` ends announcing its specifics ("…, cụ thể:"): a task over
    its details, never a body's heading ("Sở Tài chính:")."""
    return _SPECIFICS_RE.search(text) is not None


def case_point(text: str) -> bool:
    """Whether ``text`` is a lettered point spelling out a case ("a) Đối với …: Không quá 07
    ngày …") or a limit ("c) Cơ quan X không được yêu cầu …"), not a task."""
    marked = _LETTERED_RE.match(text)
    if marked is None:
        return False
    body = marked.group("rest").strip()
    if _CASE_RE.match(body):
        case, colon, spelled = body.partition(":")
        if colon:  # "Đối với …: Không quá 07 ngày …" (a task only if a verb opens the rest)
            spelled = spelled.strip()
            return _TASK_OPENING_RE.match(spelled[:1].lower() + spelled[1:]) is None
        return _TASK_AFTER_RE.search(case) is None
    return _LIMIT_RE.search(body) is not None


def cases_follow(texts: Sequence[str]) -> bool:
    """Whether the lettered points opening ``texts`` (the lines after a clause ending in
    ":") are its cases: the first opens with one, and every one is a case or a limit."""
    points = 0
    for text in texts:
        if _LETTERED_RE.match(text) is None:
            break
        if not case_point(text) or (points == 0 and not _CASE_RE.match(_body(text))):
            return False
        points += 1
    return points > 0


def contents_below(texts: Sequence[str], is_content: Callable[[str], bool]) -> bool:
    """Whether the lines opening ``texts`` are the contents of the point above them: bullets
    that are no tasks (``structure.contents_follow``) or lettered cases (``cases_follow``)."""
    return contents_follow(texts, is_content) or cases_follow(texts)


# "… cập nhật … vào Cơ sở dữ liệu về giá đối với:", "… gồm:": a clause whose object follows.
_AWAITS_RE = re.compile(r"\b(?:đối với|bao gồm|gồm)\s*:?[\s*_]*$")


def objects_follow(body: str, texts: Sequence[str]) -> bool:
    """Whether the point ``body`` ends on a preposition awaiting its object ("… đối với:")
    over lettered points: the points are its objects (what it applies to), not tasks."""
    return (
        bool(texts) and _AWAITS_RE.search(body) is not None and bool(_LETTERED_RE.match(texts[0]))
    )


def object_point(title: str | None, text: str) -> bool:
    """Whether ``text`` is a lettered point completing the row titled ``title`` ("Cập nhật …
    đối với" / "a) Báo cáo giá thị trường …"): one of its objects."""
    return bool(_LETTERED_RE.match(text)) and _AWAITS_RE.search(title or "") is not None


def point_content(text: str, title: str | None) -> bool:
    """Whether the line ``text`` below the row titled ``title`` is part of it: a listed point
    that is no task (``clauses.is_content``), a case or limit, or one of its objects."""
    return is_content(text) or case_point(text) or object_point(title, text)


def listed_below(
    heading: object,
    agency: tuple[str, str] | None,
    body: str,
    texts: Sequence[str],
    is_content: Callable[[str], bool],
) -> bool:
    """Whether the numbered point ``body`` (ending in ":") is a row whose lines below
    (``texts``) are its contents: under an agency heading, bullets that are no tasks or
    lettered cases (``contents_below``); anywhere, the objects it awaits (``objects_follow``)."""
    if not heading or not body.endswith(":"):
        return False
    return bool(agency and contents_below(texts, is_content)) or objects_follow(body, texts)


def _body(text: str) -> str:
    marked = _LETTERED_RE.match(text)
    return marked.group("rest").strip() if marked else ""
