"""The background task queue: queued in the caller's transaction, run once, retried with a
growing wait, stopped after the timeout, failed after its attempts; ``cchc worker --once``."""

from __future__ import annotations

import datetime as dt
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from cchc.core import tasks
from cchc.core.models import Task, TaskState

CALLS: list[int] = []


@tasks.background
def record(value: int) -> None:
    CALLS.append(value)


@tasks.background
def explode(value: int) -> None:
    raise RuntimeError(f"boom {value}")


@tasks.background
def dawdle(seconds: float) -> None:
    time.sleep(seconds)


def not_a_task() -> None:  # pragma: no cover - never runs
    raise AssertionError


@pytest.fixture(autouse=True)
def _fresh_calls(settings):
    CALLS.clear()
    # The tests below run the queue themselves, as the worker does.
    settings.CCHC_TASKS_RUN_ON_COMMIT = False


pytestmark = pytest.mark.django_db


def test_a_task_is_queued_with_the_callers_transaction():
    with pytest.raises(RuntimeError), transaction.atomic():
        tasks.enqueue(record, value=1)
        raise RuntimeError("the change fails")
    assert not Task.objects.exists()
    tasks.enqueue(record, value=2)
    assert tasks.run_pending() == 1
    assert CALLS == [2]
    task = Task.objects.get()
    assert (task.state, task.attempts, task.finished_at is not None) == ("done", 1, True)
    assert tasks.run_pending() == 0  # done once, never again
    assert CALLS == [2]


def test_only_marked_functions_are_queued_or_run():
    with pytest.raises(ValueError, match="not a background task"):
        tasks.enqueue(not_a_task)
    task = Task.objects.create(name="os.system", kwargs={"command": "true"})
    assert tasks.run_pending() == 1
    task.refresh_from_db()
    assert task.state == TaskState.QUEUED and "not a background task" in task.last_error


def test_a_failing_task_is_retried_with_a_growing_wait_then_fails(settings):
    settings.CCHC_TASK_RETRY_SECONDS = 10
    task = tasks.enqueue(explode, value=7, max_attempts=2)
    start = timezone.now()
    assert tasks.run_pending() == 1
    task.refresh_from_db()
    assert task.state == TaskState.QUEUED and task.attempts == 1
    assert "boom 7" in task.last_error
    assert task.run_after >= start + dt.timedelta(seconds=10)
    assert tasks.run_pending() == 0  # not due yet
    Task.objects.filter(pk=task.pk).update(run_after=timezone.now())
    assert tasks.run_pending() == 1
    task.refresh_from_db()
    assert (task.state, task.attempts) == (TaskState.FAILED, 2)
    assert task.finished_at is not None


def test_a_task_past_its_timeout_is_stopped_and_retried(settings):
    settings.CCHC_TASK_TIMEOUT_SECONDS = 1
    task = tasks.enqueue(dawdle, seconds=5)
    started = time.monotonic()
    assert tasks.run_pending(time_limit=True) == 1
    assert time.monotonic() - started < 4
    task.refresh_from_db()
    assert task.state == TaskState.QUEUED and "longer than 1 seconds" in task.last_error


def test_a_task_whose_worker_died_is_taken_again_after_its_lease():
    task = tasks.enqueue(record, value=3)
    claimed = tasks.claim()
    assert claimed is not None and claimed.pk == task.pk
    assert tasks.claim() is None  # leased
    Task.objects.filter(pk=task.pk).update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert tasks.run_pending() == 1
    assert CALLS == [3]
    task.refresh_from_db()
    assert task.attempts == 2


def test_run_on_commit_runs_the_task_after_the_commit(settings, django_capture_on_commit_callbacks):
    settings.CCHC_TASKS_RUN_ON_COMMIT = True
    with django_capture_on_commit_callbacks(execute=True):
        tasks.enqueue(record, value=4)
        assert CALLS == []
    assert CALLS == [4]
    assert Task.objects.get().state == TaskState.DONE


def test_the_worker_command_runs_what_is_due():
    tasks.enqueue(record, value=5)
    tasks.enqueue(record, value=6, delay=dt.timedelta(hours=1))
    out = StringIO()
    call_command("worker", "--once", stdout=out)
    assert "1 task(s) run" in out.getvalue()
    assert CALLS == [5]
