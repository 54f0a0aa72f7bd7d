"""Articles whose heading names the body leading them inside a phrase (issue 15, round 23)::

    **Điều 5. Nội                                         <- "Nội dung <body> có trách nhiệm
    dung Sở Văn hóa có trách nhiệm chủ trì**                  chủ trì": the body's duties
    1. Xây dựng kế hoạch …                                <- clauses without subject
    **Điều 6. Nội dung Công an tỉnh có trách nhiệm chủ trì**
    Nắm tình hình …                                       <- or one paragraph

A cooperation regulation sorts its contents by the body that leads them: "Nội dung (Nhiệm
vụ, Công việc) X (có trách nhiệm, được giao) chủ trì (thực hiện)". The article is what
"Điều N. Trách nhiệm của X" is, the body named before the role words instead of after "của":
its heading, wrapped lines joined, is rewritten so, and ``dutyarticles.py`` then reads it
(the document's other "Trách nhiệm của X" articles with it; still two such articles at least).
"Điều 12. Đề nghị <body>" over clauses is the duties the regulation asks of a body it does not
command (the Fatherland Front): read so too. And a heading wrapped right after its number
("**Điều 14." / "Trách nhiệm của Sở X**") is joined into one line for ``dutyarticles.py``.
A heading naming no body ("Nội dung phối hợp", "Nội dung chủ trì") is left as printed.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.dutyarticles import duty_heading, joined_heading
from cchc.plans.readers.base import Paragraph

# "**Điều 5. Nội" (the heading's first line, possibly wrapped after its first word).
_OPENING_RE = re.compile(r"^[*_]*\s*Điều\s+\d{1,3}\s*\.\s*(?:Nội|Nhiệm|Công|Đề)\b")
# "**Điều 14." alone, its title on the lines below.
_BARE_RE = re.compile(r"^[*_]*\s*Điều\s+\d{1,3}\s*\.\s*$")
# The joined heading: "Điều 5. Nội dung <body> có trách nhiệm chủ trì".
_CHAIRED_RE = re.compile(
    r"^(?P<open>[*_]*)\s*Điều\s+(?P<number>\d{1,3})\s*\.\s*"
    r"(?:Nội\s+dung|Nhiệm\s+vụ|Công\s+việc)\s+(?:do\s+|mà\s+)?"
    r"(?P<body>\S.*?)\s+(?:có\s+trách\s+nhiệm\s+|được\s+giao\s+)?chủ\s+trì"
    r"(?:\s+thực\s+hiện)?\s*(?P<close>[*_]*)\s*$"
    # "Điều 12. Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh": the duties requested of a body
    r"|^(?P<ropen>[*_]*)\s*Điều\s+(?P<rnumber>\d{1,3})\s*\.\s*Đề\s+nghị\s+"
    r"(?P<rbody>[A-ZĐÀ-Ỹ][^:;.]*?)\s*(?P<rclose>[*_]*)\s*$"
)
# A body's name opens in upper case (not "Nội dung phối hợp chủ trì …").
_BODY_RE = re.compile(r"^(?:các\s+)?[A-ZĐÀ-Ỹ]|^các\s+\S")


def chaired_articles(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """``paragraphs`` with every "Điều N. Nội dung X có trách nhiệm chủ trì" heading (its
    wrapped lines joined) rewritten "Điều N. Trách nhiệm của X"."""
    rewritten: list[Paragraph] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        bare = _BARE_RE.match(paragraph.text.strip()) is not None
        if not bare and not _OPENING_RE.match(paragraph.text.strip()):
            rewritten.append(paragraph)
            index += 1
            continue
        text, used = joined_heading(paragraphs, index)
        if bare and duty_heading(text):  # "**Điều 14." / "Trách nhiệm của X**": one line
            rewritten.append(Paragraph(line=paragraph.line, text=text))
            index += used
            continue
        match = _CHAIRED_RE.match(text)
        if match is None:
            rewritten.append(paragraph)
            index += 1
            continue
        prefix = "" if match.group("body") else "r"
        opening, number, body, close = (
            match.group(prefix + name) for name in ("open", "number", "body", "close")
        )
        if not _BODY_RE.match(body):
            rewritten.append(paragraph)
            index += 1
            continue
        heading = f"{opening}Điều {number}. Trách nhiệm của {body}{close}"
        rewritten.append(Paragraph(line=paragraph.line, text=heading))
        index += used
    return rewritten
