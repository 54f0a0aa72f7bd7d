"""A plan's dashboard figures (``figures.PlanFigures``) read once per change, not per page:
``plan_figures`` keeps them in this process under the plan's data version (``data_version``:
the plan's version and the figures' version of ``cchc.core.versions``, read with the plan:
no query of its own) and the day, shared by the overview, every agency's scorecard and the
drill-down; other processes read them from ``store``. Every change a figure depends on bumps
one of the two versions: import, obligation generation, approval and reopening the plan's; a
report reaching or leaving the secretariat (submission, sign-off, return, withdrawal),
targets decided, measurements recorded or removed (rollup refresh included) and indicators
the figures'.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

from django.conf import settings
from django.db.models import QuerySet, Subquery
from django.utils import timezone

from cchc.core import versions
from cchc.core.models import CacheVersion
from cchc.dashboards import store
from cchc.dashboards.figures import PlanFigures, compute_figures, year_periods
from cchc.plans.models import Plan
from cchc.scheduling.periods import Period
from cchc.scheduling.workdays import WorkCalendar


def with_versions(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """``plans`` with what their figures are read from, in the same query: each plan's version
    (import, obligations, approval, reopening) and the figures' (a report reaching or leaving
    the secretariat, targets, measurements, indicators; ``cchc.core.versions``)."""
    figures = CacheVersion.objects.filter(key=versions.FIGURES_KEY).values("value")[:1]
    return versions.with_version(plans, versions.PLAN_PREFIX).annotate(
        figures_version=Subquery(figures)
    )


def data_version(plan: Plan) -> str:
    """The plan's data version as one string: read with the plan (``with_versions``), else
    here (one query). Its creation time keeps apart two plans of the same id (a database
    rebuilt, a test rolled back) before their first version."""
    if not hasattr(plan, "figures_version"):
        plan = with_versions(Plan.objects.filter(pk=plan.pk)).only("pk", "created_at").get()
    plan_version = getattr(plan, "cache_version", None) or 0
    figures_version = getattr(plan, "figures_version", None) or 0
    return f"{plan.created_at.timestamp()}.{plan_version}.{figures_version}"


def figures_key(plan_id: int, digest: str, on: dt.date, version: str) -> str:
    """The process cache's key of a plan's figures (``digest``: ``store.periods_digest``)."""
    return f"{_figures_prefix(plan_id)}{version}:{on.isoformat()}:{digest}"


def _figures_prefix(plan_id: int) -> str:
    return f"dashboards:figures:{plan_id}:"


class LocalCache:
    """A small cache of this process's own: values are shared, not copied (a cached
    ``PlanFigures`` of 2,000 activities takes 150 ms to unpickle from Django's cache, more
    than the page). Keys carry the data version, so an entry is never stale, only unused;
    at most ``size`` entries, each for at most ``CCHC_PAGE_CACHE_SECONDS``. The readers
    never change what they get."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: dict[str, tuple[float, object]] = {}
        self.lock = threading.Lock()

    def get(self, key: str) -> object | None:
        found = self.entries.get(key)
        if found is None or time.monotonic() - found[0] > settings.CCHC_PAGE_CACHE_SECONDS:
            return None
        return found[1]

    def set(self, key: str, value: object) -> None:
        with self.lock:
            self.entries.pop(key, None)
            while len(self.entries) >= self.size:
                self.entries.pop(next(iter(self.entries)))  # the oldest entry
            self.entries[key] = (time.monotonic(), value)

    def drop(self, prefix: str, *, keep: str) -> None:
        """Forget the entries whose key starts with ``prefix`` but not with ``keep``."""
        with self.lock:
            for key in [k for k in self.entries if k.startswith(prefix)]:
                if not key.startswith(keep):
                    del self.entries[key]

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


FIGURES = LocalCache(8)
# Rendered page bodies (``views.pages``): for each figures, a few periods and languages.
BODIES = LocalCache(64)


def forget_figures() -> None:
    FIGURES.clear()
    BODIES.clear()


def plan_figures(
    *, plan: Plan, periods: list[Period], on: dt.date, now: dt.datetime
) -> PlanFigures:
    """The plan's figures for ``periods`` (a year's) on the day ``on``.

    From the process's cache while nothing they are read from changed (``data_version``,
    read with the plan: no query). Else from the figures every process shares
    (``store``: one query, one more to load figures another process computed): current
    ones, or stale ones with their "as of" time while one recomputation is queued; computed
    here (and stored) when there are none, or when they have been stale longer than
    ``CCHC_DASHBOARDS_STALE_SECONDS``. The day is part of what they are read from: what is
    overdue and the targets' status depend on it."""
    version = data_version(plan)
    digest = store.periods_digest(periods)
    found = FIGURES.get(figures_key(plan.pk, digest, on, version))
    if isinstance(found, PlanFigures):
        return found
    stored = store.read(plan.pk, digest)
    if stored is None:
        return _compute_and_store(plan=plan, periods=periods, digest=digest, on=on, now=now)
    fresh = stored.current(version, on) and not store.too_old(stored, now)
    if not fresh and store.stale_too_long(stored, now):
        return _compute_and_store(plan=plan, periods=periods, digest=digest, on=on, now=now)
    held = _held(plan.pk, digest, stored)
    if held is None:
        return _compute_and_store(plan=plan, periods=periods, digest=digest, on=on, now=now)
    if not fresh:
        year = periods[0].year if periods else None
        store.request_refresh(stored, plan_id=plan.pk, year=year, day=on, now=now)
    return held


def _held(plan_id: int, digest: str, stored: store.Stored) -> PlanFigures | None:
    """The figures of ``stored``: this process's copy, else loaded (and kept)."""
    version = stored.version.split(":", 1)[1] if ":" in stored.version else stored.version
    key = figures_key(plan_id, digest, stored.day, version)
    found = FIGURES.get(key)
    if isinstance(found, PlanFigures) and found.as_of == stored.as_of:
        return found
    loaded = store.load(stored)
    if not isinstance(loaded, PlanFigures):
        return None
    _keep(plan_id, key, version, loaded)
    return loaded


def _keep(plan_id: int, key: str, version: str, figures: PlanFigures) -> None:
    # The plan's figures of another version will not be read again by this process.
    prefix = _figures_prefix(plan_id)
    FIGURES.drop(prefix, keep=f"{prefix}{version}:")
    FIGURES.set(key, figures)


# One computation of a plan's figures at a time in a process: its other threads wait for it.
_COMPUTING: dict[tuple[int, str], threading.Lock] = {}
_COMPUTING_GUARD = threading.Lock()


def _computing(plan_id: int, digest: str) -> threading.Lock:
    with _COMPUTING_GUARD:
        return _COMPUTING.setdefault((plan_id, digest), threading.Lock())


def _compute_and_store(
    *, plan: Plan, periods: list[Period], digest: str, on: dt.date, now: dt.datetime
) -> PlanFigures:
    version = data_version(plan)
    key = figures_key(plan.pk, digest, on, version)
    before = FIGURES.get(key)
    with _computing(plan.pk, digest):
        found = FIGURES.get(key)
        if isinstance(found, PlanFigures) and found is not before:
            return found  # computed by another thread while this one waited
        made = compute_figures(plan=plan, periods=periods, on=on, now=now, version=version)
        store.save(plan_id=plan.pk, digest=digest, version=version, day=on, as_of=now, value=made)
        _keep(plan.pk, key, version, made)
    return made


def recompute(*, plan_id: int, year: int | None, on: dt.date) -> None:
    """Compute and store a plan's figures for ``year``'s reporting periods on ``on``
    (``store.refresh_figures``, outside any request): the data version is read first, so
    the figures are at least as new as the version they are stored under."""
    plan = with_versions(Plan.objects.filter(pk=plan_id)).only("pk", "created_at").first()
    if plan is None:
        return
    periods = year_periods(year, calendar=WorkCalendar()) if year is not None else []
    _compute_and_store(
        plan=plan, periods=periods, digest=store.periods_digest(periods), on=on, now=timezone.now()
    )
