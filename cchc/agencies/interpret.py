"""The agencies a plan's lead and partner cells name, for the import preview."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from cchc.agencies.models import Agency
from cchc.agencies.resolver import Resolution, Resolver
from cchc.plans.parsing.result import ParsedPlan

_COLUMNS = (("lead", "lead_agencies"), ("partners", "partner_agencies"))


def annotate(parsed: ParsedPlan, *, on: dt.date) -> None:
    """Add ``lead_agencies`` and ``partner_agencies`` to every item; warn once per cell
    fragment that names no known agency or group, and list those fragments in the item's
    ``unresolved_agencies`` (field and text; only on items that have some)."""
    if not Agency.objects.exists():
        parsed.warn(
            None,
            _(
                "The agency registry is empty, so no agency was recognised. Load "
                "it with “cchc agencies load”."
            ),
            "no-registry",
        )
        for item in parsed.items:
            for _field, key in _COLUMNS:
                item.interpreted[key] = [] if getattr(item, _field) is not None else None
        return
    resolver = Resolver.load()
    cache: dict[str, Resolution] = {}
    for item in parsed.items:
        for field, key in _COLUMNS:
            text = getattr(item, field)
            if text is None:
                item.interpreted[key] = None
                continue
            if text not in cache:
                cache[text] = resolver.resolve(text, on=on)
            resolution = cache[text]
            item.interpreted[key] = resolution.names()
            if resolution.unresolved:
                # The same as the warnings below, for the preview to group by name.
                item.interpreted.setdefault("unresolved_agencies", []).extend(
                    {"field": field, "text": fragment} for fragment in resolution.unresolved
                )
            for fragment in resolution.unresolved:
                parsed.warn(
                    item.line,
                    _(
                        "Row %(number)s, %(column)s: “%(text)s” is not a known agency or group. "
                        "Map it on the agencies page; the mapping is remembered for later imports."
                    )
                    % {
                        "number": item.number or "?",
                        "column": _column_name(parsed, field),
                        "text": fragment,
                    },
                    "unresolved-agency",
                )


def _column_name(parsed: ParsedPlan, field: str) -> str:
    for column in parsed.document.columns:
        if column.field == field:
            return column.label
    return field
