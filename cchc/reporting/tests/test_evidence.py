"""Evidence: files are kept only when their content is an accepted type, within the size
limit and not empty; a refused file leaves nothing behind."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cchc.reporting.actions import ReportError, add_evidence, start_report
from cchc.reporting.files import sniff
from cchc.reporting.models import Evidence


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These tests read the actions' messages, which they check in English (the Vietnamese
    catalogue translates them for users)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def office(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}/document.xml", "<x/>")
    return buffer.getvalue()


def stored_files() -> list[Path]:
    root = Path(settings.DATA_DIR) / "files"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def report(obligation, focal):
    return start_report(obligation=obligation, user=focal)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("quyet-dinh.pdf", PDF, "application/pdf"),
        (
            "bao-cao.docx",
            office("word"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "so-lieu.xlsx",
            office("xl"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("anh.PNG", PNG, "image/png"),
        ("anh.jpg", JPEG, "image/jpeg"),
    ],
)
def test_accepted_files_are_stored_with_size_and_type(report, focal, name, content, content_type):
    evidence = add_evidence(
        report=report,
        user=focal,
        description="Quyết định ban hành",
        document_number="12/QĐ-UBND",
        issuer="UBND tỉnh",
        upload=SimpleUploadedFile(name, content, content_type="application/octet-stream"),
    )
    evidence.refresh_from_db()
    assert (evidence.size, evidence.content_type, evidence.original_name) == (
        len(content),
        content_type,
        name,
    )
    assert evidence.file.name.startswith("evidence/")
    assert evidence.file.read() == content
    assert stored_files() == [Path(evidence.file.path)]
    assert report.history.last().changes == ["evidence"]


def test_evidence_without_a_file(report, focal):
    evidence = add_evidence(report=report, user=focal, description="Công văn hướng dẫn")
    assert not evidence.file and evidence.size is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.pdf", b"", "empty"),
        ("anh-that.pdf", PNG, "PNG"),  # a PNG under a PDF's name
        ("quyet-dinh.docx", PDF, "PDF"),
        ("bang.xlsx", office("word"), "DOCX"),
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 64, "not a file type"),
        ("notes.txt", b"plain text", "not a file type"),
        ("archive.docx", b"PK\x03\x04not really a zip", "not a file type"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(report, focal, name, content, message):
    with pytest.raises(ReportError, match=message):
        add_evidence(
            report=report,
            user=focal,
            description="Quyết định",
            upload=SimpleUploadedFile(name, content, content_type="application/pdf"),
        )
    assert not Evidence.objects.exists()
    assert stored_files() == []
    assert report.history.count() == 1


def test_too_large_files_are_refused(report, focal, settings):
    settings.CCHC_MAX_EVIDENCE_BYTES = 1024
    with pytest.raises(ReportError, match="too large"):
        add_evidence(
            report=report,
            user=focal,
            description="Quyết định",
            upload=SimpleUploadedFile("lon.pdf", PDF + b"\x00" * 1024),
        )
    assert not Evidence.objects.exists() and stored_files() == []
    # At the limit it is kept.
    add_evidence(
        report=report,
        user=focal,
        description="Quyết định",
        upload=SimpleUploadedFile("vua.pdf", PDF + b"\x00" * (1024 - len(PDF))),
    )
    assert Evidence.objects.count() == 1


def test_a_description_is_required(report, focal):
    with pytest.raises(ReportError, match="Output delivered"):
        add_evidence(report=report, user=focal, description=" ")


def test_sniff_reads_content_not_names():
    assert sniff(io.BytesIO(b"GIF89a" + b"\x00" * 10)) == "gif"
    assert sniff(io.BytesIO(b"RIFF\x00\x00\x00\x00WEBPVP8 ")) == "webp"
    assert sniff(io.BytesIO(office("ppt"))) is None
    assert sniff(io.BytesIO(b"")) is None


def test_a_file_is_not_kept_when_its_row_is_not(report, focal, monkeypatch):
    from cchc.reporting import actions

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(actions, "record_step", fail)
    with pytest.raises(RuntimeError):
        add_evidence(
            report=report,
            user=focal,
            description="Quyết định",
            upload=SimpleUploadedFile("qd.pdf", PDF),
        )
    assert not Evidence.objects.exists() and stored_files() == []
