"""E-mails on the workflow's steps: to the head when a report awaits sign-off, to the focal
points when it is returned or approved; after the commit only; never to the actor."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core import mail

from cchc.accounts.actions import add_member
from cchc.accounts.models import Role
from cchc.agencies.models import Contact
from cchc.reporting.actions import (
    approve_report,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.models import Report
from cchc.reporting.notify import recipients, send_step_mail
from cchc.reporting.signoff import set_sign_off
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(obligation: Obligation) -> dict[str, User]:
    agency = obligation.agency
    people = {
        "focal": User.objects.create_user("focal-a", "focal-a@example.org", None),
        "focal2": User.objects.create_user("focal-b", "focal-b@example.org", None),
        "head": User.objects.create_user("head", "head@example.org", None),
        "snv": User.objects.create_user("snv", "snv@example.org", None),
    }
    for name in ("focal", "focal2"):
        add_member(user=people[name], agency=agency, role=Role.FOCAL_POINT, by=None)
    add_member(user=people["head"], agency=agency, role=Role.HEAD, by=None)
    Contact.objects.create(agency=agency, name="Văn thư", email="vanthu@example.org")
    return people


def ready(obligation: Obligation, user: User) -> Report:
    report = start_report(obligation=obligation, user=user)
    save_draft(
        report=report,
        user=user,
        expected_version=report.version,
        explanation="Chậm do chờ.",
        narrative="Đã triển khai.",
    )
    return report


def test_the_head_hears_of_a_report_awaiting_sign_off(
    obligation, team, django_capture_on_commit_callbacks
):
    set_sign_off(agency=obligation.agency, required=True, by=team["head"])
    report = ready(obligation, team["focal"])
    with django_capture_on_commit_callbacks(execute=True):
        submit_report(report=report, user=team["focal"], expected_version=report.version)
    assert [m.to for m in mail.outbox] == [["head@example.org"]]
    message = mail.outbox[0]
    assert f"/reports/obligations/{obligation.pk}/" in message.body
    assert obligation.period_label in message.subject


def test_focal_points_hear_of_a_return_and_an_approval_but_not_the_actor(
    obligation, team, django_capture_on_commit_callbacks
):
    report = ready(obligation, team["focal"])
    with django_capture_on_commit_callbacks(execute=True):
        # Straight to the secretariat: nobody is mailed for a submission.
        submit_report(report=report, user=team["focal"], expected_version=report.version)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        return_report(report=report, user=team["snv"], comment="Bổ sung số liệu quý")
    expected = ["focal-a@example.org", "focal-b@example.org", "vanthu@example.org"]
    assert [sorted(m.to) for m in mail.outbox] == [expected]
    assert "Bổ sung số liệu quý" in mail.outbox[0].body
    # A focal point who is the actor is not told of their own step.
    assert recipients(agency_id=obligation.agency_id, to_state="returned", actor=team["focal"]) == [
        "focal-b@example.org",
        "vanthu@example.org",
    ]
    mail.outbox.clear()
    submit_report(report=report, user=team["focal"], expected_version=report.version)
    with django_capture_on_commit_callbacks(execute=True):
        approve_report(report=report, user=team["snv"])
    assert len(mail.outbox) == 1 and sorted(mail.outbox[0].to) == expected


def test_a_rolled_back_step_sends_nothing(obligation, team, django_capture_on_commit_callbacks):
    report = ready(obligation, team["focal"])
    submit_report(report=report, user=team["focal"], expected_version=report.version)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        return_report(report=report, user=team["snv"], comment="Sửa")
    # The e-mail waits for the commit, which a failure would never reach (as do the
    # dashboards' figures version and the work lists' version, bumped after the commit in one
    # statement: ``cchc.core.versions.bump_after_commit_once``).
    assert sorted(c.__name__ for c in callbacks) == ["bump_version", "run_queued_task"]
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_undo_the_step(obligation, team, settings, caplog):
    settings.EMAIL_BACKEND = "cchc.reporting.tests.test_notify.BrokenBackend"
    report = ready(obligation, team["focal"])
    submit_report(report=report, user=team["focal"], expected_version=report.version)
    return_report(report=report, user=team["snv"], comment="Sửa")
    step = report.history.last()
    assert step is not None
    assert send_step_mail(step.pk) is False
    assert "Could not send" in caplog.text
    assert Report.objects.get(pk=report.pk).state == "returned"


class BrokenBackend:
    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: object) -> int:
        raise OSError("SMTP server down")


def test_an_error_after_the_commit_is_logged_and_the_step_stands(
    obligation, team, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from cchc.reporting import notify

    def broken(transition_id: int) -> bool:
        raise RuntimeError("database gone")

    monkeypatch.setattr(notify, "send_step_mail", broken)
    report = ready(obligation, team["focal"])
    submit_report(report=report, user=team["focal"], expected_version=report.version)
    with django_capture_on_commit_callbacks(execute=True):
        return_report(report=report, user=team["snv"], comment="Sửa")
    assert "database gone" in caplog.text
    assert Report.objects.get(pk=report.pk).state == "returned"
