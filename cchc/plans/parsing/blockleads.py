"""The lead and partners of a labelled block written as a sentence (issue 15, round 16).

A plan of labelled blocks (``blocks.py``) often gives who does the point in ONE label, a
sentence naming the lead and its partners::

    - Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với Sở Tài chính và các huyện.
    - Cơ quan thực hiện: Sở Xây dựng chủ trì phối hợp với các đơn vị có liên quan tham mưu
      thực hiện.
    - Cơ quan thực hiện: Sở Tư pháp đôn đốc, hướng dẫn các đơn vị triển khai thực hiện.

The words before "chủ trì" are the lead, those after "phối hợp với" (or "cùng") the
partners, up to the role words that close the sentence ("tham mưu thực hiện", "triển khai
thực hiện": the role, kept in the row's notes); a label naming a ministry or department by
its whole name and then a verb ("Sở Tư pháp đôn đốc, hướng dẫn …") has that body as its lead,
the rest in the notes. Refused: a label naming bodies without "chủ trì" (the lead whole, as
printed: "Các sở, ban, ngành; UBND các huyện"), a row whose block gives partners of its own.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.agencies import known_body, split_name
from cchc.plans.parsing.result import Item, ParsedPlan

# "X chủ trì, phối hợp với Y", "X chủ trì phối hợp Y", "X chủ trì cùng Y", "X chủ trì".
_LEAD_ROLE_RE = re.compile(
    r"^(?P<lead>\S.*?)\s*,?\s+chủ trì\b\s*"
    r"(?:[,;]?\s*(?:(?:và\s+)?phối hợp(?:\s+chặt chẽ)?(?:\s+với)?|cùng(?:\s+với)?)\s+"
    r"(?P<partners>\S.*))?$",
    re.S,
)
# The role words that close a block's sentence after its partners.
_ROLE_TAIL_RE = re.compile(
    r"\s+(?P<role>(?:tham mưu|triển khai|tổ chức|để)?\s*thực hiện\W*|tham mưu\W*)$", re.I
)


def _partners(words: str) -> tuple[str, str]:
    """(the partners, the role words after them) from the words after "phối hợp với"."""
    words = words.strip().rstrip(".;,")
    role = _ROLE_TAIL_RE.search(words)
    tail = ""
    if role is not None:
        tail, words = role.group("role").strip(" .;,"), words[: role.start()]
    name, spill = split_name(words.strip(" ,"))
    return name.strip(" ,"), " ".join(filter(None, [spill, tail]))


def split_block_lead(lead: str) -> tuple[str, str, str]:
    """(lead, partners, role words for the notes) from a block's lead label as printed; the
    lead unchanged and "" "" where it names no lead by its role or whole name."""
    text = lead.strip()
    found = _LEAD_ROLE_RE.match(text)
    if found is not None and len(found.group("lead")) <= 150:
        partners, role = _partners(found.group("partners") or "")
        return found.group("lead").strip(" ,"), partners, role
    body = known_body(text)
    if body and len(body) < len(text):
        return body, "", text[len(body) :].strip(" ,.;")
    return text, "", ""


def split_block_leads(plan: ParsedPlan) -> None:
    """Every row of ``plan`` (read from labelled blocks) with a lead label written as a
    sentence and no partners label: its lead, partners and role read apart."""
    for item in plan.items:
        if item.lead and not item.partners:
            _split(item)


def _split(item: Item) -> None:
    lead, partners, role = split_block_lead(item.lead or "")
    if lead == item.lead:
        return
    item.lead = lead
    if partners:
        item.partners = partners
    if role:
        item.notes = "\n".join(filter(None, [item.notes, role]))
