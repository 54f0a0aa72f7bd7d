"""The pages: leaders read, the secretariat edits and issues, others are refused; the list's
query count is pinned; the command line does the same as the page."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from docx import Document

from cchc.documents.actions import issue_report, open_report
from cchc.documents.content import resolve_period
from cchc.documents.models import IssuedVersion, OfficialReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary_client(secretary) -> Client:
    client = Client()
    client.force_login(secretary)
    return client


@pytest.fixture
def report(with_reports, secretary) -> OfficialReport:
    return open_report(plan=with_reports, period=resolve_period(2024, "q1"), user=secretary)


def test_list_shows_the_years_periods(with_reports, leader_client, django_assert_max_num_queries):
    url = reverse("documents:list") + f"?plan={with_reports.pk}&year=2024"
    with django_assert_max_num_queries(12):
        response = leader_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    for key in ("q1", "h1", "q3", "year"):
        assert f'id="period-{key}"' in body
    assert "Prepare the report" not in body  # leaders read, they do not prepare


def test_secretariat_opens_edits_and_issues(with_reports, secretary_client):
    response = secretary_client.post(
        reverse("documents:open"), {"plan": with_reports.pk, "year": 2024, "key": "h1"}
    )
    report = OfficialReport.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "documents:detail", args=[report.pk]
    )
    page = secretary_client.get(response.url)
    assert page.status_code == 200 and b'id="sections-form"' in page.content
    texts = {f"section-{s.key}": s.text for s in report.sections.all()}
    texts["section-shortcomings"] = "Một số cơ quan gửi báo cáo muộn."
    response = secretary_client.post(reverse("documents:sections", args=[report.pk]), texts)
    assert response.status_code == 302
    assert report.sections.get(key="shortcomings").text == "Một số cơ quan gửi báo cáo muộn."
    response = secretary_client.post(
        reverse("documents:issue", args=[report.pk]), {"document_number": "42"}
    )
    assert response.status_code == 302
    version = IssuedVersion.objects.get()
    assert version.number == 1 and version.document_number == "42"
    for fmt, start in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        got = secretary_client.get(reverse("documents:version_file", args=[version.pk, fmt]))
        assert got.status_code == 200 and got.content.startswith(start)
    data = secretary_client.get(reverse("documents:version_file", args=[version.pk, "json"]))
    assert json.loads(data.content)["period"]["key"] == "h1"
    docx = secretary_client.get(reverse("documents:version_file", args=[version.pk, "docx"]))
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert "Một số cơ quan gửi báo cáo muộn." in paragraphs


def test_bad_input_is_refused_with_a_message(report, secretary_client):
    response = secretary_client.post(
        reverse("documents:issue", args=[report.pk]), {"document_number": "12/BC-UBND"}
    )
    assert response.status_code == 200
    assert (
        'form-control is-invalid" type="text" name="document_number"' in response.content.decode()
    )
    assert not IssuedVersion.objects.exists()
    response = secretary_client.post(
        reverse("documents:sections", args=[report.pk]), {"section-overview": "a\x00b"}
    )
    assert response.status_code == 200 and b"is-invalid" in response.content
    assert "\x00" not in report.sections.get(key="overview").text
    response = secretary_client.post(
        reverse("documents:open"), {"plan": report.plan_id, "year": 2024, "key": "q2"}
    )
    assert response.status_code == 302 and OfficialReport.objects.count() == 1


def test_leaders_read_but_do_not_change(report, leader_client):
    assert leader_client.get(reverse("documents:detail", args=[report.pk])).status_code == 200
    preview = leader_client.get(reverse("documents:preview", args=[report.pk]))
    assert preview.status_code == 200 and preview.content.startswith(b"PK")
    for name, data in (
        ("documents:sections", {"section-overview": "x"}),
        ("documents:issue", {"document_number": "1"}),
    ):
        assert leader_client.post(reverse(name, args=[report.pk]), data).status_code == 403
    assert (
        leader_client.post(
            reverse("documents:open"), {"plan": report.plan_id, "year": 2024, "key": "h1"}
        ).status_code
        == 403
    )
    assert report.sections.get(key="overview").text != "x"


def test_others_are_refused(report, secretary, reader_client):
    version = issue_report(report=report, user=secretary)
    urls = [
        reverse("documents:list"),
        reverse("documents:detail", args=[report.pk]),
        reverse("documents:preview", args=[report.pk]),
        reverse("documents:version_file", args=[version.pk, "pdf"]),
    ]
    for url in urls:
        assert reader_client.get(url).status_code == 403, url
        assert Client().get(url).status_code == 302, url  # anonymous: to the login page


def test_cli_builds_and_issues(with_reports, secretary, tmp_path: Path, capsys):
    call_command("report_build", period="q1", year=2024, out=str(tmp_path), no_pdf=True)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "bao-cao-cchc-q1-2024.docx",
        "bao-cao-cchc-q1-2024.json",
        "bao-cao-cchc-q1-2024.xlsx",
    ]
    snapshot = json.loads((tmp_path / "bao-cao-cchc-q1-2024.json").read_text())
    assert snapshot["period"]["label"] == "Quý I/2024"
    assert not OfficialReport.objects.exists()  # building stores nothing

    out = tmp_path / "issued"
    call_command("report_build", period="q1", year=2024, out=str(out), issue=True, user="secretary")
    version = IssuedVersion.objects.get()
    assert (out / "bao-cao-cchc-q1-2024.pdf").read_bytes() == bytes(version.pdf)
    said = capsys.readouterr().out
    assert "Đã ban hành phiên bản 1." in said or "Version 1 issued." in said


def test_cli_refuses_bad_input(with_reports, tmp_path: Path):
    with pytest.raises(CommandError, match="has no period 'q2'"):
        call_command("report_build", period="q2", year=2024, out=str(tmp_path), no_pdf=True)
    with pytest.raises(CommandError, match="--user"):
        call_command("report_build", period="q1", year=2024, out=str(tmp_path), issue=True)
    afile = tmp_path / "file"
    afile.write_text("x")
    with pytest.raises(CommandError, match="--out"):
        call_command("report_build", period="q1", year=2024, out=str(afile), no_pdf=True)
