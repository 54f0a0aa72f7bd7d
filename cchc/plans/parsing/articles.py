"""A decision whose task is one of its articles (issue 15, held-out round 15)::

    QUYẾT ĐỊNH:
    Điều 1.
    Ban hành kèm theo Quyết định này Kế hoạch thực hiện …
    Điều 2.
    Giao Sở X chủ trì, phối
    hợp với các cơ quan, đơn vị liên quan tổ chức triển khai thực hiện Kế hoạch này.
    Điều 3. Chánh Văn phòng …, Thủ trưởng các cơ quan liên quan chịu trách nhiệm thi hành …

The articles "Điều N." (their text on the heading's line or on the lines below it, as a
crawled page gives them) are the decision's numbered points: read as the points "N." by the
sentence reader, which keeps the article giving a body its task ("Giao X chủ trì, phối hợp
với Y <task>") and leaves the one issuing the annexed plan and the one naming who executes
the decision. Read only when the other readings find no row (an annex read, a decision's
duties, keep theirs).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.assignments import AssignmentInterpreter
from cchc.plans.parsing.result import DocumentInfo, ParsedPlan
from cchc.plans.readers.base import Paragraph

# "Điều 2.", "**Điều 3. **Các Bộ trưởng …", "Điều 2: Giao …": an article's heading.
_ARTICLE_RE = re.compile(r"^[*_\s]*Điều\s+(?P<number>\d{1,3})\s*[.:][*_\s]*(?P<rest>.*)$", re.S)


def article_points(paragraphs: list[Paragraph]) -> list[Paragraph] | None:
    """``paragraphs`` with each article's heading "Điều N." written as the point "N."; None
    when no paragraph opens an article."""
    points: list[Paragraph] = []
    found = False
    for paragraph in paragraphs:
        article = _ARTICLE_RE.match(paragraph.text)
        if article is None:
            points.append(paragraph)
            continue
        found = True
        text = f"{article.group('number')}. {article.group('rest').strip()}".strip()
        points.append(Paragraph(line=paragraph.line, text=text))
    return points if found else None


def read_articles(paragraphs: list[Paragraph], parsed: ParsedPlan) -> bool:
    """Add to ``parsed`` the rows a decision's articles assign, read as numbered points;
    whether any row was read."""
    points = article_points(paragraphs)
    if points is None:
        return False
    articles = ParsedPlan(document=DocumentInfo(source_name=parsed.document.source_name))
    AssignmentInterpreter(parsed=articles).run(points)
    parsed.items.extend(articles.items)
    parsed.warnings.extend(articles.warnings)
    return bool(articles.items)
