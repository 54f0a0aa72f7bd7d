"""The schedule each timeframe cell reads as, for the import preview."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from cchc.plans.parsing.result import ParsedPlan
from cchc.scheduling.timeframes import Schedule, parse_timeframe


def annotate(parsed: ParsedPlan, *, on: dt.date) -> None:
    """Add ``schedule`` to every item (None when the document has no timeframe column); warn
    for every non-empty timeframe the grammar cannot read. ``on`` is unused: a timeframe
    means the same whatever the day."""
    cache: dict[str, Schedule] = {}
    for item in parsed.items:
        text = item.timeframe
        if text is None:
            item.interpreted["schedule"] = None
            continue
        if text not in cache:
            cache[text] = parse_timeframe(text)
        schedule = cache[text]
        item.interpreted["schedule"] = schedule.as_dict()
        if schedule.kind == "unknown" and text.strip():
            parsed.warn(
                item.line,
                _(
                    "Row %(number)s: the timeframe “%(text)s” was not understood, so no date "
                    "is assumed. Set the schedule after the import."
                )
                % {"number": item.number or "?", "text": text},
                "unknown-timeframe",
            )
