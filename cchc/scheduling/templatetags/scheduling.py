"""Template filters of the scheduling app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from cchc.scheduling.periods import display_label_at
from cchc.scheduling.timeframes import Schedule, describe

register = template.Library()


@register.filter
def describe_schedule(value: dict[str, Any] | None) -> str:
    """A schedule dict of the import preview as one readable, translated line."""
    if not value:
        return ""

    def day(raw: str | None) -> dt.date | None:
        return dt.date.fromisoformat(raw) if raw else None

    schedule = Schedule(
        text=value.get("text", ""),
        kind=value["kind"],
        start=day(value.get("start")),
        end=day(value.get("end")),
        recurrence=value.get("recurrence"),
    )
    return describe(schedule)


@register.filter
def period_name(obligation: Any) -> str:
    """An obligation's period in the interface language ("Quý I/2026", "Q1/2026")."""
    try:
        return display_label_at(obligation.period_kind, obligation.period_end)
    except (AttributeError, ValueError):
        return str(getattr(obligation, "period_label", ""))
