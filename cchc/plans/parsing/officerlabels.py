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
from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.readers.base import Paragraph

_OFFICER_POINT_RE = re.compile(
    r"^\s*\d{1,2}\s*[.)]\s*(?P<label>(?:[Đđ]ồng chí|Đ/c|đ/c)\s+[^:;.]{3,160}?\s[-–]\s[^:;.]{2,80}?)"
    r"\s*:\s*(?P<rest>\S.*)$",
    re.S,
)


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
