"""Separation of duties: whoever wrote or sent a report on in its current round (since it was
last returned) takes no decision on it. The head who is also the focal point does not sign off
their own report; the secretariat member who is also a focal point (or the head who signed it
off) does not approve or return it. Refused by the actions, so by the pages and the API alike,
with nothing changed; another person of the right role takes the step."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cchc.accounts.models import Role
from cchc.agencies.models import Agency
from cchc.conftest import member
from cchc.reporting.actions import (
    ReportError,
    approve_report,
    bulk_approve,
    resubmit_report,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.models import Report, ReportState, ReportTransition
from cchc.reporting.signoff import decline_sign_off, set_sign_off, sign_off_report
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _sent(obligation: Obligation, user: User) -> Report:
    report = start_report(obligation=obligation, user=user)
    report = save_draft(
        report=report,
        user=user,
        expected_version=report.version,
        percent=40,
        narrative="Đã triển khai.",
    )
    report = save_draft(
        report=report, user=user, expected_version=report.version, explanation="Chờ ý kiến."
    )
    return submit_report(report=report, user=user, expected_version=report.version)


def _unchanged(report: Report, rows: int) -> None:
    fresh = Report.objects.get(pk=report.pk)
    assert (fresh.state, fresh.version) == (report.state, report.version)
    assert ReportTransition.objects.filter(report=report).count() == rows


@pytest.fixture
def both(obligation: Obligation) -> User:
    """Focal point and head of Sở Tư pháp at once."""
    member("both", Role.FOCAL_POINT, obligation.agency)
    return member("both", Role.HEAD, obligation.agency)


def test_the_head_who_wrote_the_report_does_not_sign_it_off(obligation, both):
    set_sign_off(agency=obligation.agency, required=True, by=both)
    report = _sent(obligation, both)
    assert report.state == ReportState.AWAITING_SIGN_OFF
    rows = report.history.count()
    with pytest.raises(ReportError, match="another head"):
        sign_off_report(report=report, user=both, expected_version=report.version)
    with pytest.raises(ReportError, match="another head"):
        decline_sign_off(report=report, user=both, comment="Tự trả lại.")
    _unchanged(report, rows)
    other_head = member("head2", Role.HEAD, obligation.agency)
    signed = sign_off_report(report=report, user=other_head, expected_version=report.version)
    assert signed.state == ReportState.SUBMITTED


def test_a_head_does_not_sign_off_what_they_edited(obligation, focal, both):
    member(focal.username, Role.FOCAL_POINT, obligation.agency)
    set_sign_off(agency=obligation.agency, required=True, by=both)
    report = start_report(obligation=obligation, user=focal)
    report = save_draft(
        report=report,
        user=both,
        expected_version=report.version,
        percent=40,
        narrative="Đã triển khai.",
    )
    report = save_draft(
        report=report, user=focal, expected_version=report.version, explanation="Chờ."
    )
    report = submit_report(report=report, user=focal, expected_version=report.version)
    with pytest.raises(ReportError, match="another head"):
        sign_off_report(report=report, user=both, expected_version=report.version)


@pytest.fixture
def noi_vu_obligation(plan) -> Obligation:
    """A lead report of Sở Nội vụ, the secretariat's own agency."""
    found = Obligation.objects.filter(
        activity__plan=plan, role="lead", agency__code="bg.so-noi-vu", period_label="Quý I/2024"
    ).first()
    assert found is not None
    return found


@pytest.fixture
def secretariat_and_focal(noi_vu_obligation: Obligation) -> User:
    member("snv-both", Role.FOCAL_POINT, noi_vu_obligation.agency)
    return member("snv-both", Role.SECRETARIAT, noi_vu_obligation.agency)


def test_the_secretariat_does_not_review_its_own_report(noi_vu_obligation, secretariat_and_focal):
    user = secretariat_and_focal
    report = _sent(noi_vu_obligation, user)
    assert report.state == ReportState.SUBMITTED
    rows = report.history.count()
    with pytest.raises(ReportError, match="another member of the secretariat"):
        approve_report(report=report, user=user)
    with pytest.raises(ReportError, match="another member of the secretariat"):
        return_report(report=report, user=user, comment="Bổ sung.")
    with pytest.raises(ReportError, match="another member of the secretariat"):
        bulk_approve(reports=[report], user=user)
    _unchanged(report, rows)
    colleague = member("snv-2", Role.SECRETARIAT, noi_vu_obligation.agency)
    assert approve_report(report=report, user=colleague).state == ReportState.APPROVED


def test_the_head_who_signed_off_does_not_approve(noi_vu_obligation, secretariat):
    agency = noi_vu_obligation.agency
    focal = member("snv-focal", Role.FOCAL_POINT, agency)
    member("snv-head", Role.SECRETARIAT, agency)
    head = member("snv-head", Role.HEAD, agency)
    set_sign_off(agency=agency, required=True, by=head)
    report = _sent(noi_vu_obligation, focal)
    report = sign_off_report(report=report, user=head, expected_version=report.version)
    with pytest.raises(ReportError, match="another member of the secretariat"):
        approve_report(report=report, user=head)
    reviewer = member(secretariat.username, Role.SECRETARIAT, agency)
    assert approve_report(report=report, user=reviewer).state == ReportState.APPROVED


def test_a_new_round_starts_when_the_report_is_returned(noi_vu_obligation, secretariat_and_focal):
    """The one who returned a report may approve it when it comes back; the author of the
    new round may not."""
    user = secretariat_and_focal
    colleague = member("snv-2", Role.SECRETARIAT, noi_vu_obligation.agency)
    report = _sent(noi_vu_obligation, user)
    report = return_report(report=report, user=colleague, comment="Bổ sung.")
    report = resubmit_report(report=report, user=user, expected_version=report.version)
    with pytest.raises(ReportError):
        approve_report(report=report, user=user)
    assert approve_report(report=report, user=colleague).state == ReportState.APPROVED


def test_the_pages_and_the_api_refuse_it_too(noi_vu_obligation, secretariat_and_focal):
    user = secretariat_and_focal
    report = _sent(noi_vu_obligation, user)
    rows = report.history.count()
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.post(
        reverse("reporting:review_report", args=[noi_vu_obligation.pk]),
        {"action": "approve", "comment": ""},
        follow=True,
    )
    assert "another member of the secretariat" in page.content.decode()
    api = client.post(
        f"/api/v1/reports/{report.pk}/approve", json.dumps({}), content_type="application/json"
    )
    assert api.status_code == 400 and "another member" in api.json()["detail"]
    bulk = client.post(
        reverse("reporting:bulk_approve"), {"reports": [report.pk], "comment": ""}, follow=True
    )
    assert "another member of the secretariat" in bulk.content.decode()
    _unchanged(report, rows)
    assert Agency.objects.filter(pk=noi_vu_obligation.agency_id, code="bg.so-noi-vu").exists()
