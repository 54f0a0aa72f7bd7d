"""Whole page bodies of the plan and activity pages, drawn once per data version and kept by
the process (``cchc.core.versions.ProcessCache``), as the dashboards do.

What a body is drawn from is its key: the plan's version (import, corrections, obligation
generation, approval, reopening), the registry's version (``versions.REGISTRY_KEY``: every
write to the agencies, their successions, groups and the assignments), the day (what has
ended, who is a group's member today), the language, the time zone and the permissions the
body asks. Both versions are read with the plan (or the node) in the page's first query, so
a change in any process shows at once in every other. A version never bumped (0: a new or
flushed database) caches nothing.

Nothing of the request is kept: a form's CSRF token is drawn as ``CSRF_MARK`` and filled in
per request (as ``cchc.core.templatetags.layout`` does for the navigation); the plan page's
body is kept as bytes cut at the marker (``cchc.core.pages.KeptBody``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from django.utils import timezone
from django.utils.translation import get_language

from cchc.core import versions

# No translation, name or address holds a NUL: the marker cannot be met by chance.
CSRF_MARK = "\x00csrf\x00"

B = TypeVar("B")

# Each plan's bodies, under (its version, the registry's): a bump of either drops that plan's
# bodies at once (an approval bumps the plan's version: kept bodies of older versions would
# otherwise pile up, 150 KB each for the seed plan's page).
_BODIES: dict[int, versions.ProcessCache] = {}
_MASK = (1 << 62) - 1


def cached(
    *,
    plan_id: int,
    plan_version: int | None,
    registry_version: int | None,
    key: tuple[Hashable, ...],
    build: Callable[[], B],
) -> B:
    """``build()`` once per (plan, versions, ``key``, day, language, time zone)."""
    if not plan_version or not registry_version:
        return build()
    version = ((plan_version * 1_000_003) ^ registry_version) & _MASK or 1
    full = (timezone.localdate(), get_language(), timezone.get_current_timezone_name(), *key)
    return _BODIES.setdefault(plan_id, versions.ProcessCache()).get(version, full, build)


def forget() -> None:
    """Drop every kept body (tests)."""
    _BODIES.clear()
