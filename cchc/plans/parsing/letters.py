"""A letter in prose (held-out round 14): its instructions in paragraphs, no numbered points::

    Về vấn đề này, Tổng cục X có ý kiến như sau: … “… the earlier letter's words …”
    Theo đó, các Cục Y thực hiện rà soát … .
    Cục trưởng các Cục Y chỉ đạo các Đoàn … thực hiện … .
    Tổng cục X thông báo để các Cục Y được biết và thực hiện./.

Each paragraph whose subject is a body, followed by a task's verb, is a row led by that body.
Passages quoted from other texts (up to the last closing quote) are cited, not assigned; a
sentence in the past ("Bộ X đã ban hành …") or the issuer's closing assigns nothing. Read
only when the other readings find no row.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.result import Item, ParsedPlan
from cchc.plans.parsing.vocabulary import _BULLET_RE, _SIGNATURE_RE, _SUBJECT_VERB_RE
from cchc.plans.readers.base import Paragraph

# "Theo đó, …", "Do đó, …": a link to what came before, no part of the subject.
_LINK_RE = re.compile(r"^(?:Theo đó|Do đó|Vì vậy|Vì thế|Đồng thời|Bên cạnh đó)\s*,\s*", re.I)
# "Các Cục Thuế …": the plural of a body's kind.
_PLURAL_RE = re.compile(r"^[Cc]ác\s+")
# A lead holding these is no body's name: "Bộ X đã …" (done), "… được biết và …" (told).
_NOT_A_NAME_RE = re.compile(r"\b(?:đã|đang|sẽ|được|để|dé|yêu cầu|đề nghị|thông báo)\b", re.I)
_NUMBERED_RE = re.compile(r"^\s*(?:\d{1,2}|[a-zđ]|[IVX]{1,4})\s*[.)/]\s")


def _unwrapped(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Hard-wrapped lines joined again: a line with no closing punctuation runs on into the
    next line of the source (no blank line between)."""
    joined: list[Paragraph] = []
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if joined and joined[-1].line + joined[-1].text.count("\n") + 1 == paragraph.line:
            previous = joined[-1]
            if previous.text and previous.text[-1] not in ".;:!?”" and text:
                joined[-1] = Paragraph(text=f"{previous.text}\n{text}", line=previous.line)
                continue
        joined.append(Paragraph(text=text, line=paragraph.line))
    return [Paragraph(text=" ".join(p.text.split()), line=p.line) for p in joined]


def _after_quotes(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs after the last one closing a quoted passage (all, when none does)."""
    last = -1
    for at, paragraph in enumerate(paragraphs):
        if "”" in paragraph.text:
            last = at
    return paragraphs[last + 1 :]


def letter_row(text: str) -> tuple[str, str] | None:
    """ "Theo đó, các Cục Y thực hiện rà soát …." -> ("các Cục Y", "Thực hiện rà soát …");
    None when the paragraph does not open on a body and a task's verb."""
    text = _LINK_RE.sub("", text.strip())
    plural = _PLURAL_RE.match(text)
    body = text[plural.end() :] if plural else text
    found = _SUBJECT_VERB_RE.match(body[:1].upper() + body[1:])
    if found is None:
        return None
    lead = found.group("lead").strip(" ,")
    if _NOT_A_NAME_RE.search(lead):
        return None
    if plural:
        lead = f"{text[: plural.end()]}{lead}"
    rest = found.group("rest").strip().rstrip(" ./;")
    return lead, rest[:1].upper() + rest[1:]


def read_letter(paragraphs: list[Paragraph], parsed: ParsedPlan) -> bool:
    """Add to ``parsed`` one row per paragraph of a prose letter assigning a body a task;
    whether any row was read."""
    read = False
    for paragraph in _after_quotes(_unwrapped(paragraphs)):
        text = paragraph.text.strip()
        if _SIGNATURE_RE.match(text):
            break
        if not text or _BULLET_RE.match(text) or _NUMBERED_RE.match(text):
            continue
        row = letter_row(text)
        if row is None:
            continue
        parsed.items.append(Item(line=paragraph.line, title=row[1], lead=row[0]))
        read = True
    return read
