"""Who hears of each step of a report's workflow, in the same transaction; reminders once per
user; marking read; pruning."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cchc.accounts.models import Role
from cchc.conftest import member
from cchc.notifications import actions
from cchc.notifications.models import Notification, NotificationKind
from cchc.notifications.tests.conftest import People, drafted
from cchc.reporting.actions import (
    approve_report,
    reopen_report,
    resubmit_report,
    return_report,
    save_draft,
    submit_report,
)
from cchc.reporting.signoff import decline_sign_off, set_sign_off, sign_off_report
from cchc.scheduling.models import Obligation
from cchc.scheduling.reminders import send_manual_reminders

pytestmark = pytest.mark.django_db

IN_TIME = dt.datetime(2024, 3, 18, 9, 0, tzinfo=dt.UTC)


def inbox(kind: str | None = None) -> set[tuple[str, str]]:
    rows = Notification.objects.all()
    if kind is not None:
        rows = rows.filter(kind=kind)
    return {(n.recipient.username, n.kind) for n in rows.select_related("recipient")}


def submitted(obligation: Obligation, people: People):
    report = drafted(obligation, people.focal)
    return submit_report(
        report=report, user=people.focal, expected_version=report.version, now=IN_TIME
    )


def test_a_return_tells_the_agencys_focal_points_with_the_comment(obligation, people):
    report = submitted(obligation, people)
    assert inbox() == set()  # sent straight to the secretariat: nobody to tell
    return_report(report=report, user=people.secretariat, comment="Bổ sung số liệu quý.")
    assert inbox() == {("focal", "returned"), ("focal2", "returned")}
    note = Notification.objects.get(recipient=people.focal)
    assert note.comment == "Bổ sung số liệu quý."
    assert note.actor == people.secretariat
    assert note.report == report
    assert note.url == reverse("reporting:obligation", args=[obligation.pk])
    assert obligation.period_label in note.text
    assert note.read_at is None


def test_an_approval_and_a_reopening_tell_the_focal_points(obligation, people):
    report = submitted(obligation, people)
    approve_report(report=report, user=people.secretariat)
    assert inbox(NotificationKind.APPROVED) == {("focal", "approved"), ("focal2", "approved")}
    reopen_report(report=report, user=people.secretariat, reason="Số liệu sai.")
    assert inbox(NotificationKind.REOPENED) == {("focal", "reopened"), ("focal2", "reopened")}


def test_a_request_for_sign_off_tells_the_heads_only(obligation, people):
    set_sign_off(agency=obligation.agency, required=True, by=people.head)
    submitted(obligation, people)
    assert inbox() == {("head", "sign_off_requested")}


def test_a_declined_sign_off_tells_the_submitter_only(obligation, people):
    set_sign_off(agency=obligation.agency, required=True, by=people.head)
    report = submitted(obligation, people)
    decline_sign_off(report=report, user=people.head, comment="Thiếu minh chứng.")
    assert inbox(NotificationKind.SIGN_OFF_DECLINED) == {("focal", "sign_off_declined")}
    # Resubmitted by the other focal point, then signed off: that one hears of it.
    report = save_draft(
        report=report, user=people.focal2, expected_version=report.version, percent=50
    )
    resubmit_report(report=report, user=people.focal2, expected_version=report.version, now=IN_TIME)
    sign_off_report(report=report, user=people.head, expected_version=report.version, now=IN_TIME)
    assert inbox(NotificationKind.SIGNED_OFF) == {("focal2", "signed_off")}


def test_edits_notify_nobody_and_the_actor_never_hears_of_their_own_step(obligation, people):
    both = member("both", Role.HEAD, obligation.agency)
    both = member("both", Role.FOCAL_POINT, obligation.agency)
    set_sign_off(agency=obligation.agency, required=True, by=people.head)
    report = drafted(obligation, both)
    assert not Notification.objects.exists()
    submit_report(report=report, user=both, expected_version=report.version, now=IN_TIME)
    # The other head is told; the head who sent it is not.
    assert inbox() == {("head", "sign_off_requested")}


def test_a_step_rolled_back_notifies_nobody(obligation, people):
    report = submitted(obligation, people)
    with pytest.raises(RuntimeError), transaction.atomic():
        return_report(report=report, user=people.secretariat, comment="Sửa.")
        raise RuntimeError
    assert not Notification.objects.exists()


def test_a_reminder_is_one_notification_per_user(obligation, people):
    others = list(
        Obligation.objects.filter(agency=obligation.agency, role="lead", status="late")[:3]
    )
    assert len(others) >= 2
    result = send_manual_reminders(
        obligations=others, on=dt.date(2024, 7, 1), by=people.secretariat
    )
    assert result.sent == len(others)
    assert inbox() == {
        ("focal", "reminder"),
        ("focal2", "reminder"),
        ("head", "reminder"),
    }
    note = Notification.objects.filter(recipient=people.focal).get()
    assert note.url == reverse("scheduling:agency_due", args=[obligation.agency_id])
    assert str(len(others)) in note.text


def test_marking_read_and_pruning(obligation, people):
    report = submitted(obligation, people)
    return_report(report=report, user=people.secretariat, comment="Sửa.")
    note = Notification.objects.get(recipient=people.focal)
    actions.mark_read(notification=note)
    assert note.read_at is not None
    first = note.read_at
    actions.mark_read(notification=note)
    note.refresh_from_db()
    assert note.read_at == first  # already read: unchanged
    assert actions.mark_all_read(user=people.focal2) == 1
    assert actions.mark_all_read(user=people.focal2) == 0
    Notification.objects.filter(recipient=people.focal).update(
        created_at=timezone.now() - dt.timedelta(days=200)
    )
    call_command("prune_notifications", "--days", "180")
    assert inbox() == {("focal2", "returned")}


def test_notify_refuses_links_off_the_site_and_unknown_kinds(people):
    with pytest.raises(ValueError):
        actions.notify(recipients=[people.focal.pk], kind="returned", url="https://x", text="t")
    with pytest.raises(ValueError):
        actions.notify(recipients=[people.focal.pk], kind="nope", url="/", text="t")
    long = actions.notify(recipients=[people.focal.pk], kind="reminder", url="/", text="x" * 900)
    assert len(long[0].text) == 500
