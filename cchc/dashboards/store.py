"""The dashboards' computed figures shared by every process, and their recomputation outside
the request.

A plan's figures (``figures.PlanFigures``) cost 0.4–2.6 s to compute, and every report
sent changes them (``cchc.core.versions.FIGURES_KEY``). Computed once, they are written to
the database (``models.FiguresSnapshot``: one row per plan and year of reporting periods, no
extra server on SQLite or PostgreSQL), where every gunicorn worker and the background worker
read them; each process keeps the ones it read (``cache.FIGURES``), so a page after no
change reads nothing more.

When the data changed, a page serves the figures last computed with their "as of" time and
queues one recomputation (``refresh_figures``, a ``cchc.core.tasks`` task run by ``cchc
worker``): the first page to find the figures stale leases the row for
``CCHC_TASK_TIMEOUT_SECONDS`` with one conditional ``UPDATE``, and only the page that won the
lease queues the task — at most one recomputation per plan and year at a time. Staleness is
bounded: a page that finds figures stale for more than ``CCHC_DASHBOARDS_STALE_SECONDS``
(since a page first found them so) computes them in the request, as does a page with no
figures yet; ``0`` never serves stale figures, nor does an install that runs its tasks in the
web process (``CCHC_TASKS_RUN_ON_COMMIT``: the request would compute them anyway).

The stored figures are pickled: the database is this application's own (as for Django's
database cache and sessions), and a row written by another version of the code is computed
again (``FORMAT`` is part of the version; a row that does not unpickle counts as none).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import pickle
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from cchc.core import tasks
from cchc.dashboards.models import FiguresSnapshot
from cchc.scheduling.periods import Period

logger = logging.getLogger(__name__)

# Part of every stored version: bump it when ``PlanFigures`` (or what it holds) changes shape.
FORMAT = "f1"


def periods_digest(periods: list[Period]) -> str:
    """What the figures count, as a short key: the reporting periods (a year's)."""
    wanted = sorted(f"{p.report}/{p.kind}/{p.end}" for p in periods)
    return hashlib.sha256("|".join(wanted).encode()).hexdigest()[:16]


def stored_version(version: str) -> str:
    return f"{FORMAT}:{version}"


@dataclass(frozen=True, slots=True)
class Stored:
    """A stored row without its figures (one small query)."""

    pk: int
    version: str
    day: dt.date
    as_of: dt.datetime
    stale_since: dt.datetime | None
    refresh_until: dt.datetime | None

    def current(self, version: str, day: dt.date) -> bool:
        return self.version == stored_version(version) and self.day == day


def read(plan_id: int, digest: str) -> Stored | None:
    row = (
        FiguresSnapshot.objects.filter(plan_id=plan_id, periods=digest)
        .values_list("pk", "version", "day", "as_of", "stale_since", "refresh_until")
        .first()
    )
    return Stored(*row) if row is not None else None


def load(stored: Stored) -> object | None:
    """The figures of ``stored`` (None if the row changed since, or does not unpickle)."""
    data = (
        FiguresSnapshot.objects.filter(pk=stored.pk, as_of=stored.as_of)
        .values_list("data", flat=True)
        .first()
    )
    if data is None:
        return None
    try:
        value: object = pickle.loads(bytes(data))
    except Exception:
        logger.warning("Stored dashboard figures %s do not load; computing them", stored.pk)
        return None
    return value


def save(
    *, plan_id: int, digest: str, version: str, day: dt.date, as_of: dt.datetime, value: object
) -> None:
    """Write (or replace) the plan's figures: one statement. Figures older than the row's are
    not written (a slow recomputation finishing after a newer one)."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    updated = (
        FiguresSnapshot.objects.filter(plan_id=plan_id, periods=digest)
        .filter(Q(as_of__lte=as_of))
        .update(
            version=stored_version(version),
            day=day,
            as_of=as_of,
            data=data,
            stale_since=None,
            refresh_until=None,
        )
    )
    if updated:
        return
    FiguresSnapshot.objects.bulk_create(
        [
            FiguresSnapshot(
                plan_id=plan_id,
                periods=digest,
                version=stored_version(version),
                day=day,
                as_of=as_of,
                data=data,
            )
        ],
        ignore_conflicts=True,
    )


def too_old(stored: Stored, now: dt.datetime) -> bool:
    """Whether figures of the current version are computed again all the same: a bump lost
    (a process killed between its commit and its after-commit bump) leaves them stale for at
    most ``CCHC_PAGE_CACHE_SECONDS``, as the process caches did before they were shared."""
    return now - stored.as_of > dt.timedelta(seconds=settings.CCHC_PAGE_CACHE_SECONDS)


def stale_too_long(stored: Stored, now: dt.datetime) -> bool:
    """Whether a page must compute the figures itself rather than serve ``stored``."""
    limit = settings.CCHC_DASHBOARDS_STALE_SECONDS
    if limit <= 0 or settings.CCHC_TASKS_RUN_ON_COMMIT:
        return True
    return stored.stale_since is not None and now - stored.stale_since > dt.timedelta(seconds=limit)


def request_refresh(
    stored: Stored, *, plan_id: int, year: int | None, day: dt.date, now: dt.datetime
) -> bool:
    """Queue the recomputation of ``stored`` unless one is already leased; whether this call
    queued it. The lease is one conditional ``UPDATE``: of two pages at once, one wins."""
    if stored.refresh_until is not None and stored.refresh_until > now:
        return False
    lease = now + dt.timedelta(seconds=settings.CCHC_TASK_TIMEOUT_SECONDS)
    won = (
        FiguresSnapshot.objects.filter(pk=stored.pk)
        .filter(Q(refresh_until__isnull=True) | Q(refresh_until__lte=now))
        .update(refresh_until=lease, stale_since=stored.stale_since or now)
    )
    if not won:
        return False
    tasks.enqueue(refresh_figures, plan_id=plan_id, year=year, on=day.isoformat())
    return True


@tasks.background
def refresh_figures(*, plan_id: int, year: int | None, on: str) -> None:
    """Compute a plan's figures for ``year``'s reporting periods on the day ``on`` and store
    them (the background worker; ``cache.recompute``)."""
    from cchc.dashboards import cache  # the cache reads this module's store

    cache.recompute(plan_id=plan_id, year=year, on=dt.date.fromisoformat(on))
