"""Evidence over the API: the file for whoever sees the report (404 for anyone else), its
address in the report's output, and removal by the focal point (204), refused with 403 to
those who see but may not file, 404 to those who cannot see, 400 once the report is sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.reporting.actions import add_evidence, approve_report, start_report
from cchc.reporting.models import Evidence, Report, ReportTransition
from cchc.reporting.tests.test_views import PDF, submitted
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db

BASE = "/api/v1"
NAME = "Quyết định 12.pdf"


@pytest.fixture
def report(people: dict[str, User], obligation: Obligation) -> Report:
    return start_report(obligation=obligation, user=people["focal"])


@pytest.fixture
def evidence(people: dict[str, User], report: Report) -> Evidence:
    return add_evidence(
        report=report,
        user=people["focal"],
        description="Quyết định ban hành",
        document_number="12/QĐ-UBND",
        upload=SimpleUploadedFile(NAME, PDF, content_type="application/octet-stream"),
    )


def file_of(evidence: Evidence) -> str:
    return f"{BASE}/evidence/{evidence.pk}/file"


def one(evidence: Evidence) -> str:
    return f"{BASE}/evidence/{evidence.pk}"


def test_the_schema_has_the_evidence_paths(clients):
    paths = clients["nobody"].get(f"{BASE}/openapi.json").json()["paths"]
    assert set(paths[f"{BASE}/evidence/{{evidence_id}}/file"]) == {"get"}
    assert set(paths[f"{BASE}/evidence/{{evidence_id}}"]) == {"delete"}


@pytest.mark.parametrize("who", ["focal", "head", "secretariat", "leader", "admin"])
def test_those_who_see_the_report_download_the_file(clients, evidence, who):
    response = clients[who].get(file_of(evidence))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Never stored: private, and no-store as every response to a logged-in user.
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=utf-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2012.pdf"
        in (response["Content-Disposition"])
    )


@pytest.mark.parametrize("who", ["other", "nobody"])
def test_others_get_not_found(clients, evidence, who):
    response = clients[who].get(file_of(evidence))
    assert response.status_code == 404
    assert response.json() == {"detail": "No such evidence."}
    assert clients[who].get(f"{BASE}/evidence/{evidence.pk + 999}/file").status_code == 404


def test_anonymous_is_refused(clients, evidence):
    assert clients["anonymous"].get(file_of(evidence)).status_code == 401


def test_no_file_no_download(clients, people, report):
    bare = add_evidence(report=report, user=people["focal"], description="Công văn")
    response = clients["focal"].get(file_of(bare))
    assert response.status_code == 404
    assert response.json() == {"detail": "No file is attached to this evidence."}


def test_the_report_output_gives_the_file_address(clients, people, report, evidence):
    add_evidence(report=report, user=people["focal"], description="Công văn")
    body = clients["secretariat"].get(f"{BASE}/reports/{report.pk}").json()
    urls = {row["description"]: row["file_url"] for row in body["evidence"]}
    assert urls == {"Quyết định ban hành": file_of(evidence), "Công văn": None}
    # The address given is the one that downloads.
    assert clients["secretariat"].get(urls["Quyết định ban hành"]).status_code == 200


def test_the_focal_point_removes_evidence(
    clients, people, report, evidence, django_capture_on_commit_callbacks
):
    stored = Path(evidence.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["focal"].delete(one(evidence))
    assert response.status_code == 204
    assert response.content == b""
    assert not Evidence.objects.exists()
    assert not stored.exists()
    last = ReportTransition.objects.filter(report=report).last()
    assert last is not None
    assert (last.actor, last.changes) == (people["focal"], ["evidence"])
    assert last.comment == f"Removed: 12/QĐ-UBND ({NAME})"
    assert clients["focal"].delete(one(evidence)).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("head", 403),
        ("secretariat", 403),
        ("leader", 403),
        ("admin", 403),
        ("other", 404),
        ("nobody", 404),
    ],
)
def test_others_cannot_remove(clients, evidence, who, status):
    history = ReportTransition.objects.count()
    response = clients[who].delete(one(evidence))
    assert response.status_code == status
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert Path(evidence.file.path).exists()
    assert ReportTransition.objects.count() == history


def test_sent_and_approved_reports_keep_their_evidence(clients, people, obligation, evidence):
    report = submitted(obligation, people["focal"])
    response = clients["focal"].delete(one(evidence))
    assert response.status_code == 400
    assert "awaits review" in response.json()["detail"]
    approve_report(report=report, user=people["secretariat"])
    response = clients["focal"].delete(one(evidence))
    assert response.status_code == 400
    assert "approved and locked" in response.json()["detail"]
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_removal_needs_the_csrf_token(people, evidence):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["focal"])
    assert client.delete(one(evidence)).status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()
