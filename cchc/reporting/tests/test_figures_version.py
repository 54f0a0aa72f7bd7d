"""The dashboards' figures version (``cchc.core.versions.FIGURES_KEY``) and the submissions:
a committed submission bumps it, a rolled-back one leaves it as it was, and a submission does
not wait for another one's uncommitted bump (the deadline's burst: the version is written after
the commit, not in the submitting transaction)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import OperationalError, connection, transaction

from cchc.core import versions
from cchc.plans.models import Plan
from cchc.reporting import actions
from cchc.reporting.models import Report, ReportState
from cchc.scheduling.models import Obligation

# The period rules are flushed by the transactional tests before these: put them back.
pytestmark = pytest.mark.usefixtures("restore_period_rules")


class Boom(Exception):
    pass


def _draft(plan: Plan, index: int, user: User) -> Report:
    """A lead report of the first quarter of 2024, written and ready to submit."""
    obligation = Obligation.objects.filter(
        activity__plan=plan, role="lead", period_label="Quý I/2024", status__in=["open", "late"]
    ).order_by("pk")[index]
    report = actions.start_report(obligation=obligation, user=user)
    return actions.save_draft(
        report=report,
        user=user,
        expected_version=report.version,
        work_status="in_progress",
        percent=40,
        narrative="Đã triển khai một phần.",
        explanation="Chờ ý kiến của các sở.",
    )


def _submit(report: Report, user: User) -> Report:
    return actions.submit_report(report=report, user=user, expected_version=report.version)


@pytest.mark.django_db
def test_a_committed_submission_bumps_the_figures_and_a_rolled_back_one_does_not(
    plan: Plan, focal: User, django_capture_on_commit_callbacks: Any
) -> None:
    versions.bump(versions.FIGURES_KEY)
    before = versions.current(versions.FIGURES_KEY)
    report = _draft(plan, 0, focal)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        _submit(report, focal)
        raise Boom
    assert callbacks == []
    assert versions.current(versions.FIGURES_KEY) == before
    report = Report.objects.get(pk=report.pk)
    assert report.state == ReportState.DRAFT
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _submit(report, focal)
    # Nothing written in the submitting transaction: the version changes at its commit.
    assert versions.current(versions.FIGURES_KEY) == before
    # One callback bumps the figures and the work lists (``versions.bump_lists``) together.
    assert [getattr(c, "version_keys", None) for c in callbacks] == [
        {versions.FIGURES_KEY, versions.LISTS_KEY}
    ]
    lists = versions.current(versions.LISTS_KEY)
    for callback in callbacks:
        callback()
    assert versions.current(versions.FIGURES_KEY) != before
    assert versions.current(versions.LISTS_KEY) != lists


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one transaction write at a time: there is no row lock to wait on",
)


def _in_thread(work: Any, errors: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            work()
        except BaseException as exc:  # reported by the test
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _hold_open(step: Any, started: threading.Event, release: threading.Event) -> Any:
    """In a transaction: ``step``, then wait (uncommitted) until released."""

    def work() -> None:
        with transaction.atomic():
            step()
            started.set()
            assert release.wait(timeout=60)

    return work


def _without_waiting(step: Any) -> Any:
    """In a transaction that gives up at once on any lock another one holds."""

    def work() -> None:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
            step()

    return work


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_submission_does_not_wait_for_another_ones_uncommitted_bump(
    plan: Plan, focal: User
) -> None:
    versions.bump(versions.FIGURES_KEY)
    before = versions.current(versions.FIGURES_KEY)
    first, second = _draft(plan, 0, focal), _draft(plan, 1, focal)
    started, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    holder = _in_thread(_hold_open(lambda: _submit(first, focal), started, release), errors)
    try:
        assert started.wait(timeout=60), errors
        # The first submission is done but not committed; the second one goes through.
        other = _in_thread(_without_waiting(lambda: _submit(second, focal)), errors)
        other.join(timeout=60)
        assert not other.is_alive() and errors == []
        assert Report.objects.get(pk=second.pk).state == ReportState.SUBMITTED
        assert Report.objects.get(pk=first.pk).state == ReportState.DRAFT  # not committed
        after_second = versions.current(versions.FIGURES_KEY)
        assert after_second != before
    finally:
        release.set()
        holder.join(timeout=60)
    assert errors == []
    assert Report.objects.get(pk=first.pk).state == ReportState.SUBMITTED
    assert versions.current(versions.FIGURES_KEY) not in (before, after_second)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_bump_in_the_transaction_makes_the_other_one_wait() -> None:
    """The check above can fail: the version written inside a transaction (``bump``, as the
    submissions did) holds the row until that transaction ends, and the other one gives up."""
    versions.bump(versions.FIGURES_KEY)
    started, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    bump = lambda: versions.bump(versions.FIGURES_KEY)  # noqa: E731
    holder = _in_thread(_hold_open(bump, started, release), errors)
    try:
        assert started.wait(timeout=60), errors
        other = _in_thread(_without_waiting(bump), errors)
        other.join(timeout=60)
    finally:
        release.set()
        holder.join(timeout=60)
    assert len(errors) == 1 and isinstance(errors[0], OperationalError)
    assert "lock" in str(errors[0])
