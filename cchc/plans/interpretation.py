"""Reading meaning into a parsed plan's cells, between parsing and storing.

Parsing needs no database; interpreting does: the agency registry turns "Sở TT&TT; UBND cấp
huyện" into agencies and groups. Each interpreter adds keys to ``Item.interpreted`` (shown in
the preview and in ``--json``) and warnings; storing then uses the same registry. To add one
(the timeframe grammar, targets), write ``annotate(parsed, on=day)`` in its app and list it in
INTERPRETERS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from cchc.plans.parsing import ParsedPlan, parse_bytes


def _interpreters() -> list[Callable[..., None]]:
    from cchc.agencies.interpret import annotate as annotate_agencies
    from cchc.indicators.extraction.preview import annotate as annotate_targets
    from cchc.scheduling.interpret import annotate as annotate_schedule

    # Targets after schedules: a target without a year is due when its row's timeframe ends.
    return [annotate_agencies, annotate_schedule, annotate_targets]


def interpret(parsed: ParsedPlan, *, on: dt.date | None = None) -> ParsedPlan:
    """Run every interpreter over the plan, as of ``on`` (default: the plan's own date)."""
    day = on or parsed.document.date or timezone.localdate()
    for annotate in _interpreters():
        annotate(parsed, on=day)
    return parsed


def read_plan(data: bytes, name: str) -> ParsedPlan:
    """Read, parse and interpret a plan document: what the preview shows and storing takes."""
    return interpret(parse_bytes(data, name))
