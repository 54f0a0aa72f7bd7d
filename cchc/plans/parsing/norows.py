"""Points read as rows without a body that are no tasks, and notes on the row above (issue
15, round 17)::

    1. Thủ trưởng các sở … chỉ đạo: xây dựng Kế hoạch …
    * Lưu ý: Đối với các vụ lộ, mất … phải báo cáo ngay …   <- a note on point 1: its notes
    2. Kinh phí thực hiện Kế hoạch này: Do ngân sách nhà nước đảm bảo …   <- funding: no row
    4. Quá trình thực hiện nếu có khó khăn, vướng mắc các cơ quan … báo cáo …   <- closing
                                                                  formula: no row

A row read without a lead whose text is the plan's funding ("Kinh phí …: Do ngân sách …",
"Kinh phí … từ ngân sách …") or its closing formula ("(Trong) quá trình thực hiện, nếu có
khó khăn, vướng mắc …") is no row: it is dropped (the coverage check then warns of its line).
A row without number opening with "Lưu ý:" or "Ghi chú:" is a note on the row above it: it
goes to that row's notes. Refused: such a text with a lead of its own (a body given the
funding, "Sở Tài chính: Bố trí kinh phí …", is a task).
"""

from __future__ import annotations

import re

from cchc.plans.parsing.result import Item, ParsedPlan

_FUNDING_RE = re.compile(
    r"^(?:Nguồn\s+)?[Kk]inh phí\b[^:]{0,80}:\s*(?:[Dd]o|[Tt]ừ|[Ss]ử dụng)?\s*(?:nguồn\s+)?ngân sách"
)
_CLOSING_RE = re.compile(
    r"^(?:Trong\s+)?[Qq]uá trình (?:triển khai(?:,|\s+)?\s*)?thực hiện,?\s+nếu có\s+"
    r"(?:khó khăn|vướng mắc)"
)
_NOTE_RE = re.compile(r"^[*\s]*(?:Lưu ý|Ghi chú)\s*:\s*\S")


def drop_no_task_rows(parsed: ParsedPlan) -> None:
    """Drop the funding and closing rows read without a body; fold notes into the row above."""
    kept: list[Item] = []
    for item in parsed.items:
        title = (item.title or "").strip()
        if not item.lead and (_FUNDING_RE.match(title) or _CLOSING_RE.match(title)):
            continue
        if kept and not item.number and _NOTE_RE.match(title):
            above = kept[-1]
            above.notes = "; ".join(filter(None, [above.notes, title]))
            continue
        kept.append(item)
    parsed.items[:] = kept
