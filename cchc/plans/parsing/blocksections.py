"""A section without labelled blocks in a plan of labelled blocks, read as sentences (issue
15, round 16).

A programme whose tasks are points with labelled blocks (``blocks.py``) often closes with an
organisation section written as sentences::

    III. TỔ CHỨC THỰC HIỆN
    1. Các sở, ngành căn cứ chức năng, nhiệm vụ … xây dựng kế hoạch …
    2. Giao Sở Nội vụ:
    - Làm đầu mối, theo dõi, tổng hợp …
    3. Đề nghị Liên đoàn Lao động tỉnh: Chỉ đạo các cấp công đoàn …

The block reader keeps in such a section the rows the reading it replaces found there; when
that reading (the prose reader's) found none, the section's lines were left out with a
warning. Here the sentence reader's rows of that section are taken instead, with its warnings
on those lines, and the warning that the section was skipped goes. Refused: a section of
purposes (never rows), a section the sentence reader finds no row in either (the warning
stays).
"""

from __future__ import annotations

from cchc.plans.parsing.assignments import AssignmentInterpreter
from cchc.plans.parsing.result import DocumentInfo, ParsedPlan
from cchc.plans.readers.base import Paragraph

# The code of the block reader's warning on a section without blocks left out.
SKIPPED_CODE = "section-skipped"


def fill_skipped_sections(plan: ParsedPlan, paragraphs: list[Paragraph]) -> None:
    """The rows the sentence reader reads in each section of ``plan`` (read from
    ``paragraphs``) the block reader skipped."""
    skipped = [w for w in plan.warnings if w.code == SKIPPED_CODE and w.line is not None]
    for warning in skipped:
        start = warning.line or 0
        later = [item.line for item in plan.items if item.line > start]
        later += [
            w.line
            for w in plan.warnings
            if w.line is not None and w.code.endswith("-skipped") and w.line > start
        ]
        end = min(later) if later else None
        section = [p for p in paragraphs if p.line >= start and (end is None or p.line < end)]
        sentences = ParsedPlan(document=DocumentInfo(source_name="", format=""))
        AssignmentInterpreter(parsed=sentences).run(section)
        if not sentences.items:
            continue
        plan.warnings.remove(warning)
        plan.items.extend(sentences.items)
        plan.warnings.extend(sentences.warnings)
    plan.items.sort(key=lambda item: item.line)
    plan.warnings.sort(key=lambda w: w.line or 0)
