"""The agency head's sign-off through its actions: the setting and its history, the report's
way through the head to the secretariat, returns by the head, refusals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from cchc.accounts.actions import add_member
from cchc.accounts.models import Role
from cchc.agencies.models import Agency
from cchc.reporting.actions import (
    ReportError,
    VersionConflict,
    approve_report,
    resubmit_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.models import Report, ReportState, SignOffSetting
from cchc.reporting.signoff import decline_sign_off, set_sign_off, sign_off_report
from cchc.scheduling.models import Obligation, ObligationStatus

pytestmark = pytest.mark.django_db

IN_TIME = dt.datetime(2024, 3, 18, 9, 0, tzinfo=dt.UTC)
SIGNED = dt.datetime(2024, 3, 19, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def head(obligation: Obligation) -> User:
    user = User.objects.create_user("head", "head@example.org", None)
    add_member(user=user, agency=obligation.agency, role=Role.HEAD, by=None)
    return user


def drafted(obligation: Obligation, focal: User) -> Report:
    report = start_report(obligation=obligation, user=focal)
    save_draft(
        report=report,
        user=focal,
        expected_version=report.version,
        percent=40,
        narrative="Đã triển khai.",
    )
    return report


def steps(report: Report) -> list[tuple[str, str, str, str]]:
    return [
        (t.actor.username if t.actor else "", t.from_state, t.to_state, t.comment)
        for t in report.history.all()
        if t.is_step and t.from_state
    ]


def test_without_the_setting_reports_go_straight_to_the_secretariat(obligation, focal):
    report = drafted(obligation, focal)
    submit_report(report=report, user=focal, expected_version=report.version, now=IN_TIME)
    assert report.state == ReportState.SUBMITTED


def test_the_head_signs_off_then_the_secretariat_approves(obligation, focal, head, secretariat):
    set_sign_off(agency=obligation.agency, required=True, by=head, reason="Quy chế của Sở")
    report = drafted(obligation, focal)
    submit_report(report=report, user=focal, expected_version=report.version, now=IN_TIME)
    assert report.state == ReportState.AWAITING_SIGN_OFF
    obligation.refresh_from_db()
    assert obligation.status != ObligationStatus.SUBMITTED  # not at the secretariat yet
    # Submitting twice is harmless; the focal point can no longer change it.
    submit_report(report=report, user=focal, expected_version=report.version)
    with pytest.raises(ReportError, match="sign-off"):
        save_draft(report=report, user=focal, expected_version=report.version, percent=50)
    # The secretariat cannot approve what the head has not signed.
    with pytest.raises(ReportError, match="Only a submitted report"):
        approve_report(report=report, user=secretariat)

    sign_off_report(
        report=report, user=head, expected_version=report.version, comment="Đồng ý", now=SIGNED
    )
    assert report.state == ReportState.SUBMITTED and report.submitted_at == SIGNED
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.SUBMITTED
    # Signing twice is harmless.
    sign_off_report(report=report, user=head, expected_version=report.version - 1)
    assert Report.objects.get(pk=report.pk).version == report.version
    approve_report(report=report, user=secretariat)
    assert steps(report) == [
        ("focal", "draft", "awaiting_sign_off", ""),
        ("head", "awaiting_sign_off", "submitted", "Đồng ý"),
        ("snv", "submitted", "approved", ""),
    ]


def test_the_head_returns_it_with_a_comment(obligation, focal, head):
    set_sign_off(agency=obligation.agency, required=True, by=head)
    report = drafted(obligation, focal)
    submit_report(report=report, user=focal, expected_version=report.version, now=IN_TIME)
    with pytest.raises(ReportError, match="Comment"):
        decline_sign_off(report=report, user=head, comment=" ")
    decline_sign_off(report=report, user=head, comment="Thiếu số liệu")
    assert report.state == ReportState.RETURNED
    save_draft(report=report, user=focal, expected_version=report.version, percent=60)
    resubmit_report(report=report, user=focal, expected_version=report.version, now=IN_TIME)
    assert report.state == ReportState.AWAITING_SIGN_OFF
    with pytest.raises(ReportError, match="awaiting"):
        decline_sign_off(
            report=sign_off_report(report=report, user=head, expected_version=report.version),
            user=head,
            comment="Again",
        )
    assert [s[1:] for s in steps(report)] == [
        ("draft", "awaiting_sign_off", ""),
        ("awaiting_sign_off", "returned", "Thiếu số liệu"),
        ("returned", "awaiting_sign_off", ""),
        ("awaiting_sign_off", "submitted", ""),
    ]


def test_a_stale_sign_off_is_a_conflict(obligation, focal, head):
    set_sign_off(agency=obligation.agency, required=True, by=head)
    report = drafted(obligation, focal)
    submit_report(report=report, user=focal, expected_version=report.version, now=IN_TIME)
    with pytest.raises(VersionConflict):
        sign_off_report(report=report, user=head, expected_version=report.version - 1)
    assert Report.objects.get(pk=report.pk).state == ReportState.AWAITING_SIGN_OFF


def test_only_a_report_awaiting_sign_off_is_signed(obligation, focal, head):
    report = drafted(obligation, focal)
    with pytest.raises(ReportError, match="awaiting the head"):
        sign_off_report(report=report, user=head, expected_version=report.version)
    with pytest.raises(ReportError, match="awaiting the head"):
        decline_sign_off(report=report, user=head, comment="Sửa")


def test_the_setting_keeps_its_history_and_needs_a_head(obligation, focal, secretariat):
    agency = obligation.agency
    with pytest.raises(ReportError, match="no head"):
        set_sign_off(agency=agency, required=True, by=secretariat)
    assert not SignOffSetting.objects.exists()
    assert set_sign_off(agency=agency, required=False, by=secretariat) is None
    head = User.objects.create_user("head", None, None)
    add_member(user=head, agency=agency, role=Role.HEAD, by=None)
    first = set_sign_off(agency=agency, required=True, by=secretariat, reason="  Quy chế  ")
    assert set_sign_off(agency=agency, required=True, by=head) == first  # unchanged: no row
    set_sign_off(agency=agency, required=False, by=head, reason="Uỷ quyền")
    rows = list(
        SignOffSetting.objects.filter(agency=agency).values_list(
            "required", "changed_by__username", "reason"
        )
    )
    assert rows == [(True, "snv", "Quy chế"), (False, "head", "Uỷ quyền")]
    assert not SignOffSetting.objects.is_required(agency.pk)
    other = Agency.objects.exclude(pk=agency.pk).first()
    assert other is not None
    assert SignOffSetting.objects.required_for({agency.pk, other.pk}) == set()
    set_sign_off(agency=agency, required=True, by=head)
    assert SignOffSetting.objects.required_for({agency.pk, other.pk}) == {agency.pk}


def test_turning_it_off_leaves_waiting_reports_with_the_head(obligation, focal, head):
    set_sign_off(agency=obligation.agency, required=True, by=head)
    report = drafted(obligation, focal)
    submit_report(report=report, user=focal, expected_version=report.version, now=IN_TIME)
    set_sign_off(agency=obligation.agency, required=False, by=head)
    assert Report.objects.get(pk=report.pk).state == ReportState.AWAITING_SIGN_OFF
    sign_off_report(report=report, user=head, expected_version=report.version)
    assert report.state == ReportState.SUBMITTED


def test_reminders_of_a_report_with_the_head_go_to_the_head(obligation, focal, head, settings):
    from cchc.agencies.models import Contact
    from cchc.scheduling.models import Reminder
    from cchc.scheduling.reminders import send_reminders

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    agency = obligation.agency
    Contact.objects.create(agency=agency, name="Chị Lan", email="lan@stp.example.vn")
    Contact.objects.create(
        agency=agency, name="Anh Hùng", email="hung@stp.example.vn", role=Contact.Role.HEAD
    )
    set_sign_off(agency=agency, required=True, by=head)
    report = drafted(obligation, focal)
    submit_report(report=report, user=focal, expected_version=report.version, now=IN_TIME)
    send_reminders(on=dt.date(2024, 3, 18))  # Q1 is due on 20/3/2024
    # The head's account and the head's contact.
    assert Reminder.objects.get(obligation=obligation).recipients == [
        "head@example.org",
        "hung@stp.example.vn",
    ]
    # The agency's other reports of the period, still with the focal point, go to them.
    others = Reminder.objects.filter(obligation__agency=agency).exclude(obligation=obligation)
    assert others.exists()
    assert all(r.recipients == ["lan@stp.example.vn"] for r in others)
