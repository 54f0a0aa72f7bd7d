"""A small background task queue in the database: no extra server for the default install.

``enqueue(send_step_mail, transition_id=7)`` writes a ``Task`` row in the caller's transaction
(a rolled-back change queues nothing); ``cchc worker`` takes due tasks one at a time and runs
them outside any request. Only functions marked ``@background`` run: the row names the
function by its dotted path, and the worker refuses any other name.

Claiming a task is one short transaction: on PostgreSQL ``SELECT … FOR UPDATE SKIP LOCKED``
(two workers never take the same row and never wait on each other); on SQLite the settings'
``transaction_mode = IMMEDIATE`` makes that transaction ``BEGIN IMMEDIATE``, which serialises
the claims. A claimed task is leased for ``CCHC_TASK_TIMEOUT_SECONDS``: a worker that dies
leaves it to be taken again when the lease runs out. A task that raises (or runs past the
timeout, in the worker) is retried after ``CCHC_TASK_RETRY_SECONDS`` × 2^(attempt − 1), up
to its ``max_attempts``, then marked failed with its error.

With ``CCHC_TASKS_RUN_ON_COMMIT`` (the tests, an install without a worker) each task runs
in the same process right after the transaction that queued it commits.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import signal
import traceback
from collections.abc import Callable, Iterator
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from cchc.core.models import Task, TaskState

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

# The dotted paths of the functions a task may name.
REGISTERED: set[str] = set()


class TaskTimeout(Exception):
    """A task ran longer than CCHC_TASK_TIMEOUT_SECONDS."""


def background(func: Callable[P, R]) -> Callable[P, R]:
    """Mark ``func`` as runnable by the worker (keyword arguments, JSON values only)."""
    REGISTERED.add(f"{func.__module__}.{func.__qualname__}")
    return func


def task_name(func: Callable[..., Any] | str) -> str:
    name = func if isinstance(func, str) else f"{func.__module__}.{func.__qualname__}"
    if name not in REGISTERED:
        raise ValueError(f"{name} is not a background task (mark it with @background).")
    return name


def enqueue(
    func: Callable[..., Any] | str,
    *,
    max_attempts: int | None = None,
    delay: dt.timedelta | None = None,
    **kwargs: Any,
) -> Task:
    """Queue ``func(**kwargs)``; the row is part of the caller's transaction."""
    now = timezone.now()
    task = Task.objects.create(
        name=task_name(func),
        kwargs=kwargs,
        max_attempts=max_attempts or settings.CCHC_TASK_MAX_ATTEMPTS,
        run_after=now + (delay or dt.timedelta(0)),
        created_at=now,
    )
    if settings.CCHC_TASKS_RUN_ON_COMMIT:
        pk = task.pk

        def run_queued_task() -> None:
            run_one(pk=pk)

        transaction.on_commit(run_queued_task)
    return task


def _due(now: dt.datetime) -> Q:
    return Q(state=TaskState.QUEUED, run_after__lte=now) | Q(
        state=TaskState.RUNNING, locked_until__lt=now
    )


def claim(*, pk: int | None = None) -> Task | None:
    """Take the next due task (or the task ``pk`` if it is due) and lease it; None if none."""
    now = timezone.now()
    with transaction.atomic():
        rows = Task.objects.filter(_due(now)).order_by("run_after", "pk")
        if pk is not None:
            rows = rows.filter(pk=pk)
        task = rows.select_for_update(skip_locked=True).first()
        if task is None:
            return None
        task.state = TaskState.RUNNING
        task.attempts += 1
        task.locked_until = now + dt.timedelta(seconds=settings.CCHC_TASK_TIMEOUT_SECONDS)
        task.save(update_fields=["state", "attempts", "locked_until"])
    return task


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Raise TaskTimeout in the main thread after ``seconds`` (no limit elsewhere)."""
    try:
        previous = signal.getsignal(signal.SIGALRM)
    except ValueError:  # pragma: no cover - not the main thread
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise TaskTimeout(f"ran longer than {seconds} seconds")

    try:
        signal.signal(signal.SIGALRM, expired)
    except ValueError:  # not the main thread: the lease still bounds the task
        yield
        return
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def execute(task: Task, *, time_limit: bool = True) -> bool:
    """Run a claimed task and record the outcome; whether it succeeded."""
    try:
        if task.name not in REGISTERED:
            # Importing the module registers its tasks.
            import_string(task.name)
        if task.name not in REGISTERED:
            raise ValueError(f"{task.name} is not a background task.")
        func = import_string(task.name)
        if time_limit:
            with _time_limit(settings.CCHC_TASK_TIMEOUT_SECONDS):
                func(**task.kwargs)
        else:
            func(**task.kwargs)
    except Exception as exc:
        logger.exception("Background task %s failed (attempt %s)", task, task.attempts)
        _failed(task, exc)
        return False
    Task.objects.filter(pk=task.pk).update(
        state=TaskState.DONE, finished_at=timezone.now(), locked_until=None, last_error=""
    )
    return True


def _failed(task: Task, exc: BaseException) -> None:
    error = "".join(traceback.format_exception(exc))[-4000:]
    if task.attempts >= task.max_attempts:
        Task.objects.filter(pk=task.pk).update(
            state=TaskState.FAILED, finished_at=timezone.now(), locked_until=None, last_error=error
        )
        return
    wait = settings.CCHC_TASK_RETRY_SECONDS * 2 ** (task.attempts - 1)
    Task.objects.filter(pk=task.pk).update(
        state=TaskState.QUEUED,
        run_after=timezone.now() + dt.timedelta(seconds=wait),
        locked_until=None,
        last_error=error,
    )


def run_one(*, pk: int | None = None, time_limit: bool = False) -> bool | None:
    """Claim and run one due task (``pk``: that one); None if nothing was due."""
    task = claim(pk=pk)
    if task is None:
        return None
    return execute(task, time_limit=time_limit)


def run_pending(*, limit: int | None = None, time_limit: bool = True) -> int:
    """Run due tasks until none is left (or ``limit``); how many ran."""
    count = 0
    while limit is None or count < limit:
        if run_one(time_limit=time_limit) is None:
            break
        count += 1
    return count
