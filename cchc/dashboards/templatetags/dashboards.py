"""``pct``: a share as the dashboards write it ("67,5%", "—" when there is none), without an
``{% include %}`` per cell (the heat map and the agencies table have one per agency)."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def pct(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{floatformat(value, 1)}%"
