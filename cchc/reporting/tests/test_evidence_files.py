"""Evidence files downloaded only by those who may see the report, and evidence removed by
the focal point while the report can change: the action, the pages, the history, the file
left in storage until the removal is committed."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cchc.reporting.actions import (
    ReportError,
    add_evidence,
    approve_report,
    return_report,
    start_report,
)
from cchc.reporting.evidence_actions import remove_evidence
from cchc.reporting.models import Evidence, Report, ReportState, ReportTransition
from cchc.reporting.tests.test_views import PDF, as_user, messages_of, people, submitted
from cchc.scheduling.models import Obligation

__all__ = ["people"]  # the fixture, used by name

pytestmark = pytest.mark.django_db

NAME = "Quyết định số 12.pdf"


def file_url(evidence: Evidence) -> str:
    return reverse("reporting:evidence_file", args=[evidence.pk])


def remove_url(evidence: Evidence) -> str:
    return reverse("reporting:evidence_remove", args=[evidence.pk])


def page_url(obligation: Obligation) -> str:
    return reverse("reporting:obligation", args=[obligation.pk])


def attach(report: Report, user: User, *, with_file: bool = True) -> Evidence:
    upload = SimpleUploadedFile(NAME, PDF, content_type="application/octet-stream")
    return add_evidence(
        report=report,
        user=user,
        description="Quyết định ban hành kế hoạch",
        document_number="12/QĐ-UBND",
        issuer="UBND tỉnh",
        upload=upload if with_file else None,
    )


@pytest.fixture
def draft(people: dict[str, User], obligation: Obligation) -> Report:
    return start_report(obligation=obligation, user=people["focal"])


@pytest.fixture
def evidence(draft: Report, people: dict[str, User]) -> Evidence:
    return attach(draft, people["focal"])


def in_english(user: User) -> Client:
    """A client whose messages (and the history comments its steps write) are English."""
    client = as_user(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def body(response: object) -> bytes:
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


# -- download --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["focal", "head", "secretariat", "leader", "admin"])
def test_those_who_see_the_report_download_the_file(people, evidence, who):
    response = as_user(people[who]).get(file_url(evidence))
    assert response.status_code == 200
    assert body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Never stored: private, and no-store as every response to a logged-in user.
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    # The Vietnamese name survives, encoded for the header (RFC 5987).
    assert "filename*=utf-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh" in disposition


@pytest.mark.parametrize("who", ["other", "nobody"])
def test_others_are_told_nothing(people, evidence, who):
    client = as_user(people[who])
    assert client.get(file_url(evidence)).status_code == 404
    # The same answer as for an address that does not exist.
    missing = reverse("reporting:evidence_file", args=[evidence.pk + 999])
    assert client.get(missing).status_code == 404


def test_anonymous_is_sent_to_log_in(evidence):
    response = Client().get(file_url(evidence))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_evidence_without_a_file_has_nothing_to_download(people, draft):
    bare = attach(draft, people["focal"], with_file=False)
    assert as_user(people["focal"]).get(file_url(bare)).status_code == 404


def test_a_file_missing_from_storage_is_not_found(people, evidence):
    Path(evidence.file.path).unlink()
    assert as_user(people["secretariat"]).get(file_url(evidence)).status_code == 404


def test_download_is_get_only(people, evidence):
    assert as_user(people["focal"]).post(file_url(evidence)).status_code == 405


# -- the report page -------------------------------------------------------------------------


def test_the_page_links_the_file_and_offers_removal_to_the_focal_point(
    people, obligation, evidence
):
    page = as_user(people["focal"]).get(page_url(obligation)).content.decode()
    assert f'href="{file_url(evidence)}"' in page
    assert f'action="{remove_url(evidence)}"' in page


@pytest.mark.parametrize("who", ["head", "secretariat", "leader", "admin"])
def test_readers_get_the_link_but_no_removal(people, obligation, evidence, who):
    page = as_user(people[who]).get(page_url(obligation)).content.decode()
    assert f'href="{file_url(evidence)}"' in page
    assert remove_url(evidence) not in page


def test_a_submitted_report_offers_no_removal(people, obligation, draft, evidence):
    submitted(obligation, people["focal"])
    page = as_user(people["focal"]).get(page_url(obligation)).content.decode()
    assert f'href="{file_url(evidence)}"' in page
    assert remove_url(evidence) not in page


def test_evidence_without_a_file_is_not_linked(people, obligation, draft):
    bare = attach(draft, people["focal"], with_file=False)
    page = as_user(people["focal"]).get(page_url(obligation)).content.decode()
    assert file_url(bare) not in page
    assert remove_url(bare) in page


# -- removal through the page ----------------------------------------------------------------


def test_the_focal_point_removes_evidence(
    people, obligation, draft, evidence, django_capture_on_commit_callbacks
):
    stored = Path(evidence.file.path)
    version = Report.objects.get(pk=draft.pk).version
    with django_capture_on_commit_callbacks(execute=True):
        response = in_english(people["focal"]).post(remove_url(evidence), follow=True)
    assert response.redirect_chain[-1][0] == page_url(obligation)
    assert messages_of(response) == ["Evidence removed."]
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not stored.exists()
    last = ReportTransition.objects.filter(report=draft).last()
    assert last is not None
    assert (last.actor, last.changes, last.from_state, last.to_state) == (
        people["focal"],
        ["evidence"],
        ReportState.DRAFT,
        ReportState.DRAFT,
    )
    assert last.comment == f"Removed: 12/QĐ-UBND ({NAME})"
    assert Report.objects.get(pk=draft.pk).version == version  # nothing else bumped
    assert b'id="no-evidence"' in response.content


@pytest.mark.parametrize(("who", "status"), [("head", 403), ("secretariat", 403), ("other", 404)])
def test_others_cannot_remove(people, evidence, who, status):
    history = ReportTransition.objects.count()
    assert as_user(people[who]).post(remove_url(evidence)).status_code == status
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert Path(evidence.file.path).exists()
    assert ReportTransition.objects.count() == history


def test_removal_is_post_only(people, evidence):
    assert as_user(people["focal"]).get(remove_url(evidence)).status_code == 405
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_a_submitted_report_keeps_its_evidence(people, obligation, draft, evidence):
    submitted(obligation, people["focal"])
    response = in_english(people["focal"]).post(remove_url(evidence), follow=True)
    assert response.status_code == 200
    assert any("awaits review" in m for m in messages_of(response))
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert Path(evidence.file.path).exists()


# -- the action --------------------------------------------------------------------------------


def test_a_returned_report_can_lose_evidence(people, obligation, draft, evidence):
    report = submitted(obligation, people["focal"])
    return_report(report=report, user=people["secretariat"], comment="Thiếu văn bản")
    remove_evidence(evidence=evidence, user=people["focal"])
    assert not Evidence.objects.exists()
    last = ReportTransition.objects.filter(report=draft).last()
    assert last is not None and last.to_state == ReportState.RETURNED


def test_an_approved_report_is_locked(people, obligation, draft, evidence):
    report = submitted(obligation, people["focal"])
    approve_report(report=report, user=people["secretariat"])
    history = ReportTransition.objects.count()
    with translation.override("en"), pytest.raises(ReportError, match="approved and locked"):
        remove_evidence(evidence=evidence, user=people["focal"])
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert ReportTransition.objects.count() == history


def test_the_file_stays_when_the_removal_is_rolled_back(
    people, evidence, django_capture_on_commit_callbacks
):
    stored = Path(evidence.file.path)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        remove_evidence(evidence=evidence, user=people["focal"])
        raise RuntimeError("the caller's transaction fails")
    assert callbacks == []
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert stored.exists()


def test_removing_twice_is_refused(people, evidence):
    stale = Evidence.objects.get(pk=evidence.pk)
    remove_evidence(evidence=evidence, user=people["focal"])
    with translation.override("en"), pytest.raises(ReportError, match="already removed"):
        remove_evidence(evidence=stale, user=people["focal"])


def test_evidence_without_a_file_is_removed_and_named_by_description(people, draft):
    bare = add_evidence(report=draft, user=people["focal"], description="Công văn hướng dẫn")
    with translation.override("en"):
        remove_evidence(evidence=bare, user=people["focal"])
    last = ReportTransition.objects.filter(report=draft).last()
    assert last is not None
    assert last.comment == "Removed: Công văn hướng dẫn"
