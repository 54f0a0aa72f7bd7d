"""Template filters of the scheduling app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

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
