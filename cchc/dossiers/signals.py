"""What runs after each ingest batch that changed dossiers: a plain registry of hooks that
apps above this one fill (the service-quality copy and rollups, for instance).

A hook is called once per committed batch as ``hook(dossier_ids, months, before)``:
``dossier_ids`` the ids of the dossiers created or changed (sorted), ``months`` the
``Month``s (province code, first day of the month) whose figures they touch: the month each
changed dossier was received in, before and after the change, and the month it finished in;
``before`` each changed dossier's stored values (``SNAPSHOT_FIELDS``) as they were before the
batch (a dossier the batch created has none), so that a hook can take its old contribution
out of a sum and add its new one (``cchc.servicequality``'s incremental rollups).
A hook that fails is logged and does not undo the batch (it is committed already)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

logger = logging.getLogger(__name__)


class Month(NamedTuple):
    province_code: str
    first_day: dt.date


# The stored values a hook may need of a dossier before the batch changed it.
SNAPSHOT_FIELDS = (
    "province_code",
    "agency_code",
    "level",
    "procedure_code",
    "field",
    "channel",
    "received_at",
    "due_at",
    "statutory_due_at",
    "paper_result",
    "finished_at",
    "supplement_requests",
    "supplement_days",
    "e_result",
    "digitised",
    "reused_data",
    "paid_online",
    "fee",
    "feedback",
)

Snapshot = Mapping[str, Any]
Before = Mapping[int, Snapshot]

AfterIngest = Callable[[Sequence[int], frozenset[Month], Before], None]

_hooks: list[AfterIngest] = []


def register(hook: AfterIngest) -> AfterIngest:
    """Add a hook (usable as a decorator); adding the same hook twice keeps one."""
    if hook not in _hooks:
        _hooks.append(hook)
    return hook


def unregister(hook: AfterIngest) -> None:
    if hook in _hooks:
        _hooks.remove(hook)


def hooks() -> tuple[AfterIngest, ...]:
    return tuple(_hooks)


def month_of(province_code: str, moment: dt.datetime | None) -> Month | None:
    if moment is None:
        return None
    from django.utils import timezone

    local = timezone.localtime(moment)
    return Month(province_code, dt.date(local.year, local.month, 1))


def snapshot(dossier: Any) -> dict[str, Any]:
    """The ``SNAPSHOT_FIELDS`` of a dossier row, as stored now."""
    return {name: getattr(dossier, name) for name in SNAPSHOT_FIELDS}


def after_ingest(
    dossier_ids: Sequence[int], months: frozenset[Month], before: Before | None = None
) -> None:
    """Call every hook with the batch's changes (nothing to call when nothing changed)."""
    if not dossier_ids:
        return
    for hook in tuple(_hooks):
        try:
            hook(dossier_ids, months, before or {})
        except Exception:
            logger.exception("after_ingest hook %r failed", hook)
