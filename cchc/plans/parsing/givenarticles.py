"""A decision whose task article is a heading naming the body it is given to, over numbered
points (issue 15, round 17)::

    Điều 1. Ban hành Kế hoạch thời gian năm học … như sau:     <- what the decision issues
    1. Tựu trường: ngày 26/8 …                                  <- (its contents: no rows)
    Điều 2. Giao Giám đốc Sở Giáo dục và Đào tạo                <- the body given the points
    1. Tổ chức chỉ đạo thực hiện hoàn thành Kế hoạch …          <- a row, led by that body
    2. Chủ trì, phối hợp với Chủ tịch UBND huyện; thủ trưởng các ngành có liên quan
       hướng dẫn …                                              <- a row with its partners
    Điều 3. Quyết định này có hiệu lực …

Each point under the article "Điều N. Giao <body>" (the heading alone, no task after the
body) is a row led by the body; a point opening with its role ("Chủ trì, phối hợp với X, Y; Z
<task>") has those bodies as partners (a list going on past "; " while its parts name bodies)
and the task as its title. Read only when the other readings find no row; the other articles
(the issued contents, the effect, the execution clause) are no rows. Refused: an article
"Giao X chủ trì …" whose task is in its heading (articles.py reads it).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.agencies import split_name
from cchc.plans.parsing.clauses import holds_verb, names_bodies
from cchc.plans.parsing.result import Item, ParsedPlan
from cchc.plans.parsing.vocabulary import _GIVE_HEADING_RE, _VERBS
from cchc.plans.readers.base import Paragraph

_ARTICLE_RE = re.compile(r"^[*_\s]*Điều\s+\d{1,3}\s*[.:][*_\s]*(?P<rest>.*)$", re.S)
_POINT_RE = re.compile(r"^\s*(?P<label>\d{1,2}|[a-zđ])\s*[.)]\s*(?P<rest>\S.*)$", re.S)
# "Chủ trì, phối hợp với …", "Phối hợp với …": the role before the partners.
_ROLE_RE = re.compile(r"^(?:Chủ trì,?\s*)?[Pp]hối hợp(?: chặt chẽ)? với\s+")
# A task's verb after the last body's name ("các huyện tổ chức …").
_VERB_RE = re.compile(rf"\s(?:{_VERBS})\b")
# "Nơi nhận:", "KT. CHỦ TỊCH": the signature's block, the document's body ended.
_END_RE = re.compile(r"^[|*_\s]*(?:Nơi nhận|KT\.|TM\.)")


def role_partners(text: str) -> tuple[str, str]:
    """(the task, its partners) of a point opening with its role; (text, "") otherwise."""
    role = _ROLE_RE.match(text)
    if role is None:
        return text, ""
    partners: list[str] = []
    parts = text[role.end() :].split(";")
    for n, part in enumerate(parts):
        name, task = split_name(part.strip())
        if not task and (verb := _VERB_RE.search(name)):
            name, task = name[: verb.start()].strip(" ,"), name[verb.start() :].strip()
        if not names_bodies(name):
            break
        partners.append(name)
        if task:
            task = "; ".join([task, *parts[n + 1 :]]).strip()
            return task[:1].upper() + task[1:], "; ".join(partners)
    return text, ""


def read_given_articles(paragraphs: list[Paragraph], parsed: ParsedPlan) -> bool:
    """Add to ``parsed`` the rows of the articles "Điều N. Giao <body>" over points; whether
    any row was read."""
    lead = ""
    rows: list[Item] = []
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if rows and _END_RE.match(text):
            break
        article = _ARTICLE_RE.match(text)
        if article is not None:
            given = _GIVE_HEADING_RE.match(article.group("rest").strip())
            body = given.group("lead").strip() if given else ""
            lead = body if body and not holds_verb(body) else ""
            continue
        point = _POINT_RE.match(text) if lead else None
        if point is None:
            continue
        title, partners = role_partners(point.group("rest").strip())
        rows.append(
            Item(
                line=paragraph.line,
                number=point.group("label"),
                title=title,
                lead=lead,
                partners=partners,
                timeframe="",
            )
        )
    parsed.items.extend(rows)
    return bool(rows)
