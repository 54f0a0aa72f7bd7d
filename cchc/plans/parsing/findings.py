"""Bullets that assess, not assign (issue 15, Convention E of the corpus)::

    2. Tập trung triển khai thanh tra, kiểm tra người nộp thuế có dấu hiệu rủi ro cao …
    - Đánh giá trên cơ sở kết quả …, một số Cục Thuế có kết quả … thấp … như: Cục Thuế tỉnh …
                                                  <- an assessment: no row
    - Trên cơ sở danh sách …, tiến hành rà soát, tập trung thanh tra …   <- a task: a row
    - Chú trọng công tác chuẩn bị thanh tra …                            <- a task: a row

Under a numbered point, each '- ' bullet that opens with a task is a row of its own (a
secretariat tracks each); a bullet that tells a finding is none: after an opening clause at
most, its subject is SOME of a group ("một số <bodies>", "nhiều <bodies>") and its verb a
state ("có", "còn", "chưa", "đạt", "vẫn"): bodies singled out by their results, no task
given to them. Such a row, read without a number of its own, is dropped with a warning on its
line (``bullet-finding``), so nothing is lost silently. Refused: a row with a number of its own
(a numbered point is a point of the plan whatever it says).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from cchc.plans.parsing.result import Item, ParsedPlan

# "(Đánh giá trên cơ sở …,) một số Cục Thuế có …", "Nhiều địa phương còn chậm …".
_FINDING_RE = re.compile(
    r"^(?:[^;:]{0,200}?,\s*)?(?:[Mm]ột số|[Nn]hiều)\s+[^,;:.]{2,80}?\s(?:có|còn|chưa|đạt|vẫn)\s"
)


def is_finding(text: str) -> bool:
    """Whether a bullet's text tells a finding about some bodies rather than a task."""
    return _FINDING_RE.match(text.strip(" *")) is not None


def drop_findings(parsed: ParsedPlan) -> None:
    """Drop the rows read from bullets that assess (no number of their own)."""
    kept: list[Item] = []
    for item in parsed.items:
        title = item.title or ""
        if item.number or not is_finding(title):
            kept.append(item)
            continue
        shown = title if len(title) <= 160 else title[:159] + "…"
        parsed.warn(
            item.line,
            _("This bullet assesses bodies and assigns no task: it is no row. «%(text)s»")
            % {"text": shown},
            "bullet-finding",
        )
    parsed.items[:] = kept
