"""Points labelled by officer (held-out round 14: a commune subcommittee's plan)::

    1. Đồng chí Trưởng Ban X - Trưởng Tiểu ban: Phụ trách chung, …
    4. Đồng chí Phó Trưởng ban X - Ủy viên: Trực tiếp chỉ đạo …

The label before the colon, "Đồng chí <office> - <role>", is who does the point's duties: the
row's lead as printed, "Đồng chí" kept; the duties after the colon are the row's text. Applied
to rows already read from such points (their label read as a body without "Đồng chí", or left
in the text with no lead).
"""

from __future__ import annotations

import re

from cchc.core.text import fold
from cchc.plans.parsing.result import Item, ParsedPlan
from cchc.plans.parsing.vocabulary import _VERBS
from cchc.plans.readers.base import Paragraph

_OFFICER_POINT_RE = re.compile(
    r"^\s*\d{1,2}\s*[.)]\s*(?P<label>(?:[Đđ]ồng chí|Đ/c|đ/c)\s+[^:;.]{3,160}?\s[-–]\s[^:;.]{2,80}?)"
    r"\s*:\s*(?P<rest>\S.*)$",
    re.S,
)


# "5. Các thành viên khác trong tiểu ban căn cứ vào chức năng, nhiệm vụ, chủ động phối hợp với X
# triển khai …": the other members lead it, X their partners (up to the task's verb; a verb
# after a comma is a word of X's name: "tiểu ban thông tin, tuyên truyền").
_MEMBERS_POINT_RE = re.compile(
    r"^\s*\d{1,2}\s*[.)]\s*(?P<who>(?:Các|Những)\s+thành viên(?:\s+khác)?(?:\s+(?:của|trong)\s+"
    r"[^,;:]{2,80}?)?)\s+(?:căn cứ\s[^;:]{2,120}?,\s*)?(?:chủ động\s+)?phối hợp(?:\s+chặt chẽ)?"
    rf"\s+với\s+(?P<partners>[^;:]{{3,200}}?)(?<!,)\s+(?=(?:{_VERBS})\b)",
    re.S,
)


def members_point(text: str) -> tuple[str, str] | None:
    """ "5. Các thành viên khác … phối hợp với X triển khai …" -> (the members, X)."""
    found = _MEMBERS_POINT_RE.match(text)
    if found is None:
        return None
    return " ".join(found.group("who").split()), " ".join(found.group("partners").split())


def _lead_members(item: Item, text: str) -> None:
    """Lead a row read from a point of the other members by them, with their partners."""
    found = members_point(text)
    if found is not None and not item.lead:
        item.lead, item.partners = found


def officer_label(text: str) -> tuple[str, str] | None:
    """ "1. Đồng chí <office> - <role>: <duties>" -> (label, duties); None otherwise."""
    found = _OFFICER_POINT_RE.match(text)
    if found is None:
        return None
    label = " ".join(found.group("label").split())
    return label[:1].upper() + label[1:], found.group("rest").strip()


def relabel_officer_points(paragraphs: list[Paragraph], parsed: ParsedPlan) -> None:
    """Lead each row read from an officer-labelled point by its label, its text the duties."""
    by_line = {paragraph.line: paragraph.text for paragraph in paragraphs}
    for item in parsed.items:
        found = officer_label(by_line.get(item.line, ""))
        if found is None:
            _lead_members(item, by_line.get(item.line, ""))
            continue
        label = found[0]
        # (the label without "Đồng chí", or nothing: the rule's business; another lead stays)
        bare = fold(label.split(None, 2)[2]) if len(label.split()) > 2 else ""
        if item.lead and fold(item.lead) not in {bare, fold(label)}:
            continue
        item.lead = label
        # (the warning that the row names no lead no longer holds)
        parsed.warnings = [
            w for w in parsed.warnings if not (w.line == item.line and w.code == "prose-no-lead")
        ]
        title = item.title or ""
        if ":" in title and (fold(title).startswith(bare) or fold(title).startswith(fold(label))):
            duties = title.split(":", 1)[1].strip()  # the whole point's text after the label
            item.title = duties[:1].upper() + duties[1:]
