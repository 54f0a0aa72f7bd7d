"""The targets of the import preview: ``targets`` on every item of ``import-plan --json``.

Each item gets a list (empty where none) of ``ProposedTarget.as_json()`` dicts read from

* its objective cell, only on the *first* item of that objective: the parser copies an
  objective onto every activity row under it, and its targets belong to the objective, not to
  each activity (a later row with the same section and objective text adds nothing);
* its own activity text (``Item.title``: the "Hoạt động" cell; a row without one is named
  after its task, which is read, or its objective, which is not read twice).

A target without its own year ("Đến năm 2025") is due at the end of the row's timeframe (the
``schedule`` the timeframe interpreter read); for a recurring or continuous row without an end
("Hàng năm") at the end of the plan's own span ("giai đoạn 2021-2030" in the title), as for
reporting; otherwise it has no year.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cchc.indicators.extraction import ProposedTarget, extract_targets
from cchc.indicators.extraction.text import fold_aligned
from cchc.indicators.extraction.years import find_years
from cchc.plans.parsing.result import Item, ParsedPlan

_OPEN_ENDED = {"recurring", "continuous"}


def _plan_end_year(parsed: ParsedPlan) -> int | None:
    title = parsed.document.title or ""
    spans = [m for m in find_years(fold_aligned(title)) if m.first is not None]
    return spans[0].year if spans else None


def _default_year(item: Item, plan_end: int | None) -> int | None:
    schedule: dict[str, Any] | None = item.interpreted.get("schedule")
    if not schedule:
        return None
    if schedule.get("end"):
        return dt.date.fromisoformat(schedule["end"]).year
    if schedule.get("kind") in _OPEN_ENDED:
        return plan_end
    return None


def item_targets(
    item: Item, *, with_objective: bool, plan_end: int | None = None
) -> list[ProposedTarget]:
    """The targets of one row: its objective's (when ``with_objective``), then its own."""
    year = _default_year(item, plan_end)
    found: list[ProposedTarget] = []
    if with_objective and item.objective:
        found += extract_targets(item.objective, line=item.line, default_year=year)
    if item.title and item.title != item.objective:
        found += extract_targets(item.title, line=item.line, default_year=year)
    return found


def annotate(parsed: ParsedPlan, *, on: dt.date) -> None:
    """Add ``targets`` to every item. ``on`` is unused: a phrase means the same on any day."""
    plan_end = _plan_end_year(parsed)
    previous: tuple[tuple[str, ...], str | None] | None = None
    for item in parsed.items:
        key = (tuple(item.section), item.objective)
        first = key != previous
        previous = key
        targets = item_targets(item, with_objective=first, plan_end=plan_end)
        item.interpreted["targets"] = [t.as_json() for t in targets]
