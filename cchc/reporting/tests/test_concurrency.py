"""Two people acting on the same report at the same moment: two threads, each with its own
database connection, both read the report, meet at a barrier, then act. Nobody's edit is
silently overwritten (one save wins, the other gets a clear conflict), a second submission is
harmless, nothing is approved twice. Then the same conflict seen from two browser sessions."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cchc.accounts.actions import add_member
from cchc.accounts.models import Role
from cchc.agencies.models import Agency
from cchc.plans.models import Plan
from cchc.reporting.actions import (
    ReportError,
    VersionConflict,
    bulk_approve,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.models import Report, ReportState, ReportTransition
from cchc.scheduling.models import Obligation, ObligationStatus

CONFLICT = "Someone else saved this report since you opened it"


# The period rules are flushed by the transactional tests before these: put them back.
pytestmark = pytest.mark.usefixtures("restore_period_rules")


def _member(username: str, role: str, code: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", None)
    add_member(user=user, agency=Agency.objects.get(code=code), role=role, by=None)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def focal_points(plan: Plan) -> tuple[User, User]:
    """Two focal points of Sở Tư pháp, the lead of the ``obligation``."""
    return (
        _member("lan", Role.FOCAL_POINT, "bg.so-tu-phap"),
        _member("minh", Role.FOCAL_POINT, "bg.so-tu-phap"),
    )


@pytest.fixture
def secretariat_staff(plan: Plan) -> tuple[User, User]:
    return (
        _member("snv-an", Role.SECRETARIAT, "bg.so-noi-vu"),
        _member("snv-binh", Role.SECRETARIAT, "bg.so-noi-vu"),
    )


@dataclass
class Outcome:
    results: list[Any] = field(default_factory=list)
    errors: list[Exception] = field(default_factory=list)


def race(*contenders: tuple[Callable[[], Any], Callable[[Any], Any]]) -> Outcome:
    """Each contender (read, act) in its own thread with its own connection: all read first,
    meet at a barrier, then act on what they read at the same moment. What the acts returned
    and what they raised."""
    outcome = Outcome()
    lock = threading.Lock()
    barrier = threading.Barrier(len(contenders), timeout=30)

    def run(read: Callable[[], Any], act: Callable[[Any], Any]) -> None:
        try:
            with translation.override("en"):
                seen = read()
                barrier.wait()
                result = act(seen)
            with lock:
                outcome.results.append(result)
        except Exception as exc:
            with lock:
                outcome.errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=contender) for contender in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    return outcome


def _complete_draft(obligation: Obligation, user: User) -> Report:
    report = start_report(obligation=obligation, user=user)
    return save_draft(
        report=report,
        user=user,
        expected_version=report.version,
        work_status="in_progress",
        percent=40,
        narrative="Đã thẩm định 10 dự thảo.",
        explanation="Chờ ý kiến của Bộ Tư pháp.",
    )


# -- the actions, truly concurrent -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_the_same_version_one_wins_whole_the_other_is_told(
    obligation: Obligation, focal_points: tuple[User, User]
) -> None:
    lan, minh = focal_points
    report = _complete_draft(obligation, lan)
    version = report.version
    rows = ReportTransition.objects.filter(report=report).count()
    texts = {
        lan.username: {
            "narrative": "Lan: đã thẩm định 12 dự thảo.",
            "difficulties": "Lan: thiếu biên chế.",
            "proposals": "Lan: bổ sung 2 công chức.",
        },
        minh.username: {
            "narrative": "Minh: đã thẩm định 15 dự thảo.",
            "difficulties": "Minh: chờ ý kiến của Bộ.",
            "proposals": "Minh: không.",
        },
    }

    def read() -> Report:
        return Report.objects.get(pk=report.pk)

    def save_as(user: User) -> Callable[[Report], tuple[str, Report]]:
        def act(seen: Report) -> tuple[str, Report]:
            assert seen.version == version  # both read version N
            fields = texts[user.username]
            return user.username, save_draft(
                report=seen, user=user, expected_version=seen.version, **fields
            )

        return act

    outcome = race((read, save_as(lan)), (read, save_as(minh)))

    assert len(outcome.results) == 1 and len(outcome.errors) == 1, outcome
    winner, saved = outcome.results[0]
    [error] = outcome.errors
    assert isinstance(error, VersionConflict)
    assert CONFLICT in str(error) and "Reload it" in str(error)
    stored = Report.objects.get(pk=report.pk)
    # The winner's whole text, nothing of the other's.
    assert {name: getattr(stored, name) for name in texts[winner]} == texts[winner]
    assert (stored.version, saved.version) == (version + 1, version + 1)
    added = ReportTransition.objects.filter(report=report).order_by("pk")[rows:]
    assert [(t.actor.username, t.changes) for t in added] == [
        (winner, ["narrative", "difficulties", "proposals"])
    ]


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_submit_once(
    obligation: Obligation, focal_points: tuple[User, User]
) -> None:
    lan, minh = focal_points
    report = _complete_draft(obligation, lan)
    version = report.version

    def read() -> Report:
        return Report.objects.get(pk=report.pk)

    def submit_as(user: User) -> Callable[[Report], Report]:
        def act(seen: Report) -> Report:
            assert (seen.state, seen.version) == (ReportState.DRAFT, version)
            return submit_report(report=seen, user=user, expected_version=seen.version)

        return act

    outcome = race((read, submit_as(lan)), (read, submit_as(minh)))

    # The second finds it submitted already: harmless, no error.
    assert not outcome.errors, outcome.errors
    assert [r.state for r in outcome.results] == [ReportState.SUBMITTED] * 2
    stored = Report.objects.select_related("obligation").get(pk=report.pk)
    assert (stored.state, stored.version) == (ReportState.SUBMITTED, version + 1)
    assert stored.obligation.status == ObligationStatus.SUBMITTED
    submits = ReportTransition.objects.filter(report=report, to_state=ReportState.SUBMITTED)
    assert submits.count() == 1
    assert submits.get().actor in (lan, minh)


@pytest.mark.django_db(transaction=True)
def test_two_bulk_approvals_at_once_approve_once(
    plan: Plan,
    obligation: Obligation,
    focal_points: tuple[User, User],
    secretariat_staff: tuple[User, User],
) -> None:
    lan, _minh = focal_points
    obligations = Obligation.objects.filter(
        activity=obligation.activity, role="lead", agency=obligation.agency
    ).order_by("deadline")[:3]
    reports = []
    for each in obligations:
        draft = _complete_draft(each, lan)
        reports.append(submit_report(report=draft, user=lan, expected_version=draft.version))
    ids = [r.pk for r in reports]

    def read() -> list[Report]:
        # Each reviewer's own review list, all three submitted, all three ticked.
        seen = list(Report.objects.filter(pk__in=ids))
        assert {r.state for r in seen} == {ReportState.SUBMITTED}
        return seen

    def approve_as(user: User) -> Callable[[list[Report]], list[Report]]:
        def act(seen: list[Report]) -> list[Report]:
            return bulk_approve(reports=seen, user=user, comment=user.username)

        return act

    an, binh = secretariat_staff
    outcome = race((read, approve_as(an)), (read, approve_as(binh)))

    assert len(outcome.results) == 1 and len(outcome.errors) == 1, outcome
    [error] = outcome.errors
    assert isinstance(error, ReportError) and "Nothing was approved" in str(error)
    assert sorted(r.pk for r in outcome.results[0]) == sorted(ids)
    approvals = ReportTransition.objects.filter(report_id__in=ids, to_state=ReportState.APPROVED)
    assert sorted(approvals.values_list("report_id", flat=True)) == sorted(ids)
    assert len(set(approvals.values_list("actor_id", flat=True))) == 1  # all by the winner
    assert set(Report.objects.filter(pk__in=ids).values_list("state", flat=True)) == {
        ReportState.APPROVED
    }


# -- the same conflict in two browser sessions -----------------------------------------------


def _form_of(page: Any) -> dict[str, Any]:
    """What the page's report form would post as it was opened."""
    form = page.context["form"]
    return {name: form[name].value() for name in form.fields} | {"save": ""}


@pytest.mark.django_db
def test_two_sessions_open_the_form_the_second_save_is_a_conflict_that_keeps_its_input(
    obligation: Obligation, focal_points: tuple[User, User]
) -> None:
    lan, minh = focal_points
    report = _complete_draft(obligation, lan)
    url = reverse("reporting:obligation", args=[obligation.pk])
    save = reverse("reporting:save", args=[obligation.pk])
    sessions = []
    for user in (lan, minh):
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the messages, in English
        sessions.append(client)
    first, second = sessions
    pages = [client.get(url) for client in sessions]
    hidden = f'name="version" value="{report.version}"'
    assert all(hidden in page.content.decode() for page in pages)

    data = _form_of(pages[0]) | {"narrative": "Lan: đã thẩm định 12 dự thảo.", "percent": 50}
    assert first.post(save, data).status_code == 302

    typed = {"narrative": "Minh: đã thẩm định 15 dự thảo.", "proposals": "Minh: đề xuất."}
    response = second.post(save, _form_of(pages[1]) | typed | {"percent": 70})
    assert response.status_code == 409
    content = response.content.decode()
    error = content.split('id="report-error">', 1)[1].split("</div>", 1)[0]
    assert CONFLICT in error
    # Minh's input is still in the form, to copy into the reloaded report.
    form = response.context["form"]
    assert {name: form[name].value() for name in (*typed, "percent")} == {
        **typed,
        "percent": "70",
    }
    for text in typed.values():
        assert f"{text}</textarea>" in content
    stored = Report.objects.get(pk=report.pk)
    assert (stored.narrative, stored.proposals, stored.percent) == (
        "Lan: đã thẩm định 12 dự thảo.",
        "",
        50,
    )
    assert stored.version == report.version + 1
    # Reloading shows Lan's text at the new version.
    reloaded = second.get(url).content.decode()
    assert f'name="version" value="{stored.version}"' in reloaded
    assert "Lan: đã thẩm định 12 dự thảo." in reloaded
