"""Versions of cached page fragments, shared by every process through the database.

A page caches an expensive fragment (the plan tree with its progress) in its process's cache
under ``key`` *and the current version*; every change that makes the fragment stale bumps the
version. The page reads the version (one query on an indexed unique key) on each request, so a
bump in any process is seen by all of them at once. The new value is random: no
read-modify-write, no lost update between two writers.

Two ways to bump:

- ``bump(key)`` writes the row in the caller's transaction: a rolled-back change bumps
  nothing, and the change and its bump commit together. The row stays locked until the
  commit, so concurrent changes of the same key wait for each other: right for rare changes
  (a plan's import or approvals, the schedule).
- ``bump_after_commit(key)`` writes it right after the caller's transaction commits, in a
  statement of its own (nothing if it rolls back): no lock is held by the transaction, so
  concurrent changes (a deadline's burst of submissions, each of which changes the
  dashboards' figures) do not queue on the row. Still never stale: a reader reads the
  version *before* the data it caches under it, and the new version is written after the
  change is visible, so whatever was computed from the data before the change is under an
  older version. A process killed between its commit and the bump leaves the old version
  until the next bump; the dashboards' copies live at most ``CCHC_PAGE_CACHE_SECONDS``.

The keys bumped after the commit once per transaction or block (``bump_after_commit_once``:
the figures, the work lists, the registry) share one callback per atomic block, written in one
statement (``_write_many``): a submission changes the figures and the lists with one ``UPDATE``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Collection, Hashable
from typing import Any, TypeVar, cast

from django.db import IntegrityError, connection, models, transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat

from cchc.core.models import CacheVersion

M = TypeVar("M", bound=models.Model)
V = TypeVar("V")


def current(key: str) -> int:
    """The version of ``key`` (0 before its first bump)."""
    value = CacheVersion.objects.filter(key=key).values_list("value", flat=True).first()
    return value or 0


def _write(key: str) -> int:
    """A new random version of ``key``: one UPDATE (the row exists after the first bump)."""
    value = secrets.randbits(62) + 1
    if CacheVersion.objects.filter(key=key).update(value=value):
        return value
    try:
        with transaction.atomic():
            CacheVersion.objects.create(key=key, value=value)
    except IntegrityError:  # created meanwhile by another writer
        CacheVersion.objects.filter(key=key).update(value=value)
    return value


def _write_many(keys: Collection[str]) -> None:
    """A new random version of each of ``keys``, in one statement when their rows exist. In
    PostgreSQL the rows are locked in the order of their keys (the sub-select's ``ORDER BY
    … FOR UPDATE``): two writers of the same keys never wait for each other in opposite orders
    (a deadlock would lose a bump)."""
    ordered = sorted(set(keys))
    if len(ordered) == 1:
        _write(ordered[0])
        return
    value = secrets.randbits(62) + 1
    if connection.vendor == "postgresql":
        q = connection.ops.quote_name
        table, key, column = q(CacheVersion._meta.db_table), q("key"), q("value")
        marks = ", ".join(["%s"] * len(ordered))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {column} = %s WHERE {key} IN (SELECT {key} FROM {table} "
                f"WHERE {key} IN ({marks}) ORDER BY {key} FOR UPDATE)",
                [value, *ordered],
            )
            updated = cursor.rowcount
    else:
        updated = CacheVersion.objects.filter(key__in=ordered).update(value=value)
    if updated < len(ordered):  # a key's first bump: its row is created
        present = set(CacheVersion.objects.filter(key__in=ordered).values_list("key", flat=True))
        for missing in ordered:
            if missing not in present:
                _write(missing)


def bump(key: str) -> int:
    """Make every cached copy of ``key`` stale, in the caller's transaction; the new
    version."""
    return _write(key)


def bump_after_commit(key: str) -> None:
    """Make every cached copy of ``key`` stale once the caller's transaction commits (at
    once outside a transaction); a rollback bumps nothing. Holds no lock in the caller's
    transaction (the module's docstring)."""

    def bump_version() -> None:  # named: a failure is logged with this name
        _write(key)

    transaction.on_commit(bump_version, robust=True)


PLAN_PREFIX = "plan:"


def plan_key(plan_id: int) -> str:
    """The version of a plan's tree and progress: import, corrections, obligation
    generation, approval and reopening change it."""
    return f"{PLAN_PREFIX}{plan_id}"


def bump_plan(plan_id: int) -> int:
    return bump(plan_key(plan_id))


def with_version(queryset: models.QuerySet[M], prefix: str) -> models.QuerySet[M]:
    """``queryset`` with each row's version (key ``prefix`` + pk) as ``cache_version``, read
    in the same query (None before the first bump)."""
    key = Concat(Value(prefix), Cast(OuterRef("pk"), output_field=CharField()))
    annotated = queryset.annotate(
        cache_version=Subquery(CacheVersion.objects.filter(key=key).values("value")[:1])
    )
    return cast("models.QuerySet[M]", annotated)


FIGURES_KEY = "figures"


def bump_figures() -> None:
    """The dashboards' figures other than a plan's progress (``cchc.dashboards.figures``):
    the reporting counts (a report reaching the secretariat or leaving it), targets and
    measurements change it. After the commit: every submission changes these figures, and
    concurrent submissions must not wait for each other's commit on one row."""
    bump_after_commit_once(FIGURES_KEY, per_block=True)


SCHEDULE_KEY = "schedule"


def bump_schedule() -> int:
    """The period rules, the deadline rules and the working-day calendar: every saved or
    deleted ``PeriodRule``, ``DeadlineRule`` and ``CalendarDay`` bumps it, in the writing
    transaction (``cchc.scheduling.apps``)."""
    return bump(SCHEDULE_KEY)


class ProcessCache:
    """Values computed under one version of a key, kept by this process until the version
    changes (then dropped all at once). Version 0 (no version row, e.g. a flushed database)
    caches nothing. The (version, values) pair is swapped as one object, so threads never
    see values of another version."""

    MAX_ENTRIES = 1024

    def __init__(self) -> None:
        self._state: tuple[int, dict[Hashable, Any]] = (0, {})

    def get(self, version: int, key: Hashable, compute: Callable[[], V]) -> V:
        if not version:
            return compute()
        state = self._state
        if state[0] != version or len(state[1]) > self.MAX_ENTRIES:
            state = self._state = (version, {})
        values = state[1]
        if key in values:
            return cast("V", values[key])
        value = values[key] = compute()
        return value

    def clear(self) -> None:
        self._state = (0, {})


REGISTRY_KEY = "agencies"


def bump_registry() -> None:
    """The agency registry and the assignments: every saved or deleted agency, rename,
    alias, succession, group (and its members), group phrase, assignment, assignment change,
    contact and registry confirmation bumps it after the writing transaction commits
    (``cchc.agencies.apps``; ``confirm_registry_row``'s queryset update bumps it itself).
    Once per transaction however many rows it writes (a registry load writes hundreds)."""
    bump_after_commit_once(REGISTRY_KEY)


def bump_after_commit_once(key: str, *, per_block: bool = False) -> None:
    """``bump_after_commit(key)`` unless the current transaction already asked for it and
    that bump has not run yet (a rolled-back savepoint drops its callbacks with it, so the
    check reads Django's own list of pending callbacks rather than a flag of ours).
    ``per_block``: only a bump asked for by this very atomic block (the same savepoints)
    counts, not one of an enclosing or an earlier block; a test that captures one step's
    callbacks then sees that step's bump.

    A key asked for in a block that already has a pending bump of other keys joins it: one
    callback, one statement (``_write_many``) for every key of the block. Joining never
    outlives the key's own block: the callback belongs to the same savepoints."""
    conn = transaction.get_connection()
    here = set(conn.savepoint_ids)
    same_block: Any = None
    if conn.in_atomic_block:
        for sids, func, _robust in conn.run_on_commit:
            keys = getattr(func, "version_keys", None)
            if keys is None or getattr(func, "done", False):
                continue
            in_block = set(sids) == here
            if key in keys and (not per_block or in_block):
                return
            if in_block:
                same_block = func
    if same_block is not None:
        same_block.version_keys.add(key)
        return
    keys_of_block: set[str] = {key}

    def bump_version() -> None:  # named: a failure is logged with this name
        _write_many(keys_of_block)
        bump_version.done = True  # type: ignore[attr-defined]

    bump_version.version_keys = keys_of_block  # type: ignore[attr-defined]
    transaction.on_commit(bump_version, robust=True)


def with_key_version(queryset: models.QuerySet[M], name: str, key: str) -> models.QuerySet[M]:
    """``queryset`` with the version of ``key`` as ``name`` on each row, read in the same
    query (None before the first bump)."""
    version = CacheVersion.objects.filter(key=key).values("value")[:1]
    return cast("models.QuerySet[M]", queryset.annotate(**{name: Subquery(version)}))


LISTS_KEY = "lists"


def bump_lists() -> None:
    """The work lists ("my reports", the review list, the status grid): a report's step, or
    an obligation, agency, plan or activity saved or deleted, changes them
    (``cchc.reporting.apps``). After the commit, as ``bump_figures`` (a deadline's burst
    does not queue on the row), and once per atomic block however many rows it saves."""
    bump_after_commit_once(LISTS_KEY, per_block=True)
