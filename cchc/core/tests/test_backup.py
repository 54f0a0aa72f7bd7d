"""``cchc backup`` / ``cchc restore`` round-trip to identical data (every table, timestamps to
the microsecond, the evidence files), refuse a non-empty database without --force, refuse a
damaged backup, and keep only the newest backups. Runs on SQLite and, with DATABASE_URL, on
PostgreSQL (pg_dump / pg_restore)."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from cchc.conftest import build_small_plan
from cchc.core import backup as backups
from cchc.core.models import Task
from cchc.plans.models import Plan
from cchc.reporting.models import evidence_storage

pytestmark = pytest.mark.django_db(transaction=True)

PRECISE = dt.datetime(2026, 3, 4, 5, 6, 7, 891234, tzinfo=dt.UTC)


def _everything() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in apps.get_models()
    }


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _data() -> None:
    build_small_plan()
    User.objects.create_user("focal", email="focal@example.vn", password="x" * 20)
    Task.objects.create(
        name="cchc.reporting.notify.send_step_mail",
        run_after=PRECISE,
        created_at=PRECISE,
        kwargs={"transition_id": 1, "chữ": "Sở Nội vụ"},
    )
    evidence_storage.save("reports/1/quyet-dinh.pdf", ContentFile(b"%PDF-1.7 evidence"))
    evidence_storage.save("reports/2/anh.png", ContentFile(bytes(range(256)) * 40))


def test_backup_and_restore_round_trip_to_identical_data(tmp_path: Path, settings: Any):
    _data()
    before, files_before = _everything(), _files(Path(settings.DATA_DIR) / "files")
    assert Task.objects.get().run_after == PRECISE
    out = StringIO()
    call_command("backup", "--dir", str(tmp_path / "backups"), stdout=out)
    (made,) = backups.backups(tmp_path / "backups")
    assert str(made) in out.getvalue()
    manifest = json.loads((made / "manifest.json").read_text())
    assert {"files/reports/1/quyet-dinh.pdf", "files/reports/2/anh.png"} <= {
        entry["path"] for entry in manifest["files"]
    }
    assert "core.0001_task_queue" in manifest["migrations"]

    # Life goes on after the backup: a plan deleted, an account added, a file replaced.
    Plan.objects.all().delete()
    User.objects.create_user("late", password="y" * 20)
    evidence_storage.delete("reports/1/quyet-dinh.pdf")
    evidence_storage.save("reports/3/new.pdf", ContentFile(b"after the backup"))

    with pytest.raises(CommandError, match=r"not empty.*--force"):
        call_command("restore", str(made), stdout=StringIO())
    assert User.objects.filter(username="late").exists()  # nothing touched

    call_command("restore", str(made), "--force", stdout=StringIO())
    assert _everything() == before
    assert _files(Path(settings.DATA_DIR) / "files") == files_before
    assert Task.objects.get().run_after == PRECISE  # microseconds kept


def test_restore_into_an_empty_database_needs_no_force(tmp_path: Path, settings: Any):
    _data()
    before = _everything()
    result = backups.backup(directory=tmp_path)
    call_command("flush", "--noinput", verbosity=0)
    assert backups.existing_data() == []
    backups.restore(path=result.path)
    assert _everything() == before


def test_a_damaged_backup_is_refused_naming_the_file(tmp_path: Path):
    _data()
    result = backups.backup(directory=tmp_path)
    damaged = result.path / "files" / "reports" / "1" / "quyet-dinh.pdf"
    damaged.write_bytes(b"%PDF-1.7 evidencX")
    with pytest.raises(CommandError, match=r"quyet-dinh\.pdf: its checksum differs"):
        call_command("restore", str(result.path), "--check", stdout=StringIO())
    (result.path / "files" / "stray.txt").write_text("?")
    damaged.unlink()
    with pytest.raises(backups.BackupError, match="missing"):
        backups.read_manifest(result.path)
    with pytest.raises(backups.BackupError, match=r"no manifest\.json"):
        backups.read_manifest(tmp_path)


def test_only_the_newest_backups_are_kept(tmp_path: Path, settings: Any):
    settings.CCHC_BACKUP_DIR = tmp_path
    settings.CCHC_BACKUP_KEEP = 2
    made = [backups.backup().path for _ in range(3)]
    assert backups.backups() == made[1:]
    assert not made[0].exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".partial-")]
