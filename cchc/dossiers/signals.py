"""What runs after each ingest batch that changed dossiers: a plain registry of hooks that
apps above this one fill (the service-quality copy and rollups, for instance).

A hook is called once per committed batch as ``hook(dossier_ids, months)``:
``dossier_ids`` the ids of the dossiers created or changed (sorted), ``months`` the
``Month``s (province code, first day of the month) whose figures they touch: the month each
changed dossier was received in, before and after the change, and the month it finished in.
A hook that fails is logged and does not undo the batch (it is committed already)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import NamedTuple

logger = logging.getLogger(__name__)


class Month(NamedTuple):
    province_code: str
    first_day: dt.date


AfterIngest = Callable[[Sequence[int], frozenset[Month]], None]

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


def after_ingest(dossier_ids: Sequence[int], months: frozenset[Month]) -> None:
    """Call every hook with the batch's changes (nothing to call when nothing changed)."""
    if not dossier_ids:
        return
    for hook in tuple(_hooks):
        try:
            hook(dossier_ids, months)
        except Exception:
            logger.exception("after_ingest hook %r failed", hook)
