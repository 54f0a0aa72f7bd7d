"""Evidence files whatever their name: a name of bytes that are not UTF-8, ``..``, an empty
name, a path, control characters. Each used to answer 201 with the file dropped; now the
file is kept under a cleaned name (or "minh-chung.<kind>"), the answer names it, and it is
on disk readable by its owner only (0600). A SQLite database is 0600 too."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from django.db.utils import ConnectionHandler

from cchc.reporting.actions import start_report
from cchc.reporting.models import Evidence, Report
from cchc.reporting.tests.test_views import PDF

pytestmark = pytest.mark.django_db

BASE = "/api/v1"
BOUNDARY = b"cchc-test-boundary"


@pytest.fixture
def report(people, obligation) -> Report:
    return start_report(obligation=obligation, user=people["focal"])


def multipart(filename: bytes, content: bytes = PDF) -> bytes:
    """A form with a description and one file part named exactly ``filename`` (raw bytes,
    as a client may send them)."""
    return b"".join(
        [
            b"--" + BOUNDARY + b"\r\n",
            b'Content-Disposition: form-data; name="description"\r\n\r\n',
            "Quyết định 12".encode(),
            b"\r\n--" + BOUNDARY + b"\r\n",
            b'Content-Disposition: form-data; name="file"; filename="' + filename + b'"\r\n',
            b"Content-Type: application/pdf\r\n\r\n",
            content,
            b"\r\n--" + BOUNDARY + b"--\r\n",
        ]
    )


def upload(client, report: Report, filename: bytes, content: bytes = PDF):
    return client.generic(
        "POST",
        f"{BASE}/reports/{report.pk}/evidence",
        multipart(filename, content),
        content_type="multipart/form-data; boundary=" + BOUNDARY.decode(),
    )


def mode(path: Path | str) -> int:
    return stat.S_IMODE(Path(path).stat().st_mode)


@pytest.mark.parametrize(
    ("filename", "shown"),
    [
        (b"Quy\xe1\xba\xbft \xc4\x91\xe1\xbb\x8bnh.pdf", "Quyết định.pdf"),
        ("Quye\u0301t.pdf".encode(), "Quy\u00e9t.pdf"),  # NFD in, NFC kept
        (b"\xff\xfe bad utf-8.pdf", "bad utf-8.pdf"),
        (b"..", "minh-chung.pdf"),
        (b"", "minh-chung.pdf"),
        (b"../../etc/passwd.pdf", "passwd.pdf"),
        (b"C:\\\\Users\\\\a\\\\qd.pdf", "qd.pdf"),
        (b"\xff\xfe", "minh-chung.pdf"),
        (b"ctl\x01\x1f.pdf", "ctl.pdf"),
    ],
)
def test_the_file_is_kept_under_a_clean_name(clients, report, filename, shown):
    response = upload(clients["focal"], report, filename)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["file_name"] == shown
    assert body["file_url"]
    evidence = Evidence.objects.get(pk=body["id"])
    assert evidence.original_name == shown
    stored = Path(evidence.file.path)
    assert stored.read_bytes() == PDF
    assert mode(stored) == 0o600
    assert mode(stored.parent) == 0o700
    # The stored path is random, never the name sent.
    assert shown not in stored.name
    download = clients["focal"].get(body["file_url"])
    assert b"".join(download.streaming_content) == PDF


def test_a_browser_s_empty_file_part_is_no_file(clients, report):
    """A form posted without a chosen file: the browser sends an empty part with an empty
    name; that is no file, not an empty one."""
    response = upload(clients["focal"], report, b"", content=b"")
    assert response.status_code == 201, response.content
    assert response.json()["file_url"] is None


def test_a_refused_file_stores_nothing(clients, report):
    response = upload(clients["focal"], report, b"..", content=b"just text")
    assert response.status_code == 400
    assert not Evidence.objects.exists()
    files = Path(report.evidence.model.file.field.storage.location)
    assert not files.exists() or not any(p.is_file() for p in files.rglob("*"))


def test_a_sqlite_database_is_created_private(tmp_path):
    """Whatever the umask, the database file and its WAL are 0600 once Django connects."""
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(tmp_path / "cchc.sqlite3"),
                "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;"},
            }
        }
    )
    wrapper = handler["default"]
    previous = os.umask(0o022)
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE t (x integer)")
            cursor.execute("INSERT INTO t VALUES (1)")
        assert mode(tmp_path / "cchc.sqlite3") == 0o600
        assert mode(tmp_path / "cchc.sqlite3-wal") == 0o600
    finally:
        os.umask(previous)
        wrapper.close()
