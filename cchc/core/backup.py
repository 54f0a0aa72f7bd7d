"""``cchc backup`` and ``cchc restore``: a consistent snapshot of the database with the
evidence files, and its restoration to identical data.

A backup is a directory ``CCHC_BACKUP_DIR/cchc-YYYYmmddTHHMMSSZ/``:

- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while others write) or
  ``database.dump`` (PostgreSQL: ``pg_dump -Fc``, one snapshot transaction);
- ``files/``: the evidence files (``CCHC_DATA_DIR/files``), copied after the database
  snapshot, so that every file the snapshot names is there;
- ``secret.env``: ``CCHC_DATA_DIR/.env`` (the key scripts/run generated) if there is one;
- ``manifest.json``: the format, the time, the database engine, the applied migrations and
  every file's size and SHA-256.

It is written under a temporary name and renamed when complete: a backup interrupted half-way
is never mistaken for one. Only the newest ``CCHC_BACKUP_KEEP`` backups are kept.

``restore`` checks every checksum first, refuses a database that already holds the
province's data (accounts, plans, agencies, reports) unless forced, then replaces the whole
database (SQLite: the backup API again; PostgreSQL: ``pg_restore --clean --single-transaction``)
and the evidence files. Timestamps come back to the microsecond: nothing goes through JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
FILES_DIR = "files"
SECRET_FILE = "secret.env"
PREFIX = "cchc-"
# A database holding any of these is not overwritten without --force.
DATA_MODELS = ("auth.User", "plans.Plan", "agencies.Agency", "reporting.Report")


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


@dataclass(frozen=True, slots=True)
class Result:
    path: Path
    files: int
    bytes: int
    removed: tuple[Path, ...] = ()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _evidence_dir() -> Path:
    return Path(settings.DATA_DIR) / "files"


def _engine(alias: str = DEFAULT_DB_ALIAS) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_command(program: str, settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """The connection options of a pg_* program, the password in its environment only."""
    args = [program, "--no-password"]
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _run(args: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise BackupError(f"{args[0]} is not installed (Debian: postgresql-client).") from exc
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")


def _snapshot_database(target: Path, alias: str) -> str:
    connection = connections[alias]
    if _engine(alias) == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target / SQLITE_FILE)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return SQLITE_FILE
    args, env = _pg_command("pg_dump", connection.settings_dict)
    args += ["--format=custom", "--no-owner", "--no-privileges", "--file", str(target / PG_FILE)]
    _run([*args, str(connection.settings_dict["NAME"])], env)
    return PG_FILE


def _copy_tree(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, copy_function=shutil.copy2)
    else:
        target.mkdir()


def _listing(root: Path) -> list[dict[str, Any]]:
    entries = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.name != MANIFEST):
        entries.append(
            {
                "path": path.relative_to(root).as_posix(),
                "size": path.stat().st_size,
                "sha256": _sha256(path),
            }
        )
    return entries


def backups(directory: Path | None = None) -> list[Path]:
    """The complete backups in ``directory``, oldest first."""
    root = Path(directory or settings.CCHC_BACKUP_DIR)
    if not root.is_dir():
        return []
    return sorted(
        p for p in root.iterdir() if p.name.startswith(PREFIX) and (p / MANIFEST).is_file()
    )


def backup(
    *, directory: Path | None = None, keep: int | None = None, alias: str = DEFAULT_DB_ALIAS
) -> Result:
    """Write a backup into ``directory`` (CCHC_BACKUP_DIR) and keep the newest ``keep``."""
    root = Path(directory or settings.CCHC_BACKUP_DIR)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = timezone.now()
    name = PREFIX + now.strftime("%Y%m%dT%H%M%S%fZ")
    work = Path(tempfile.mkdtemp(prefix=".partial-", dir=root))
    try:
        database = _snapshot_database(work, alias)
        _copy_tree(_evidence_dir(), work / FILES_DIR)
        secret = Path(settings.DATA_DIR) / ".env"
        if secret.is_file():
            shutil.copy2(secret, work / SECRET_FILE)
        listing = _listing(work)
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "engine": _engine(alias),
            "database": database,
            "migrations": sorted(
                f"{app}.{migration}"
                for app, migration in MigrationRecorder(connections[alias]).applied_migrations()
            ),
            "files": listing,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        work.rename(root / name)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    complete = backups(root)
    limit = settings.CCHC_BACKUP_KEEP if keep is None else keep
    removed = tuple(complete[: max(len(complete) - limit, 0)])
    for old in removed:
        shutil.rmtree(old)
    return Result(
        path=root / name,
        files=len(listing),
        bytes=sum(entry["size"] for entry in listing),
        removed=removed,
    )


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of the backup at ``path``, every file checked against it."""
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{path} is not a backup: it has no {MANIFEST}.")
    try:
        manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BackupError(f"{manifest_path}: not valid JSON ({exc}).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{manifest_path}: unknown format {manifest.get('format')!r}.")
    listed = {entry["path"] for entry in manifest["files"]}
    for entry in manifest["files"]:
        file = path / entry["path"]
        if not file.is_file():
            raise BackupError(f"{file}: listed in the manifest but missing.")
        if file.stat().st_size != entry["size"] or _sha256(file) != entry["sha256"]:
            raise BackupError(f"{file}: its checksum differs from the manifest (damaged).")
    extra = {e["path"] for e in _listing(path)} - listed
    if extra:
        raise BackupError(f"{path}: files not in the manifest: {', '.join(sorted(extra))}.")
    return manifest


def existing_data(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The kinds of the province's data the database already holds."""
    found = []
    for label in DATA_MODELS:
        model = apps.get_model(label)
        if model._default_manager.using(alias).exists():
            found.append(str(model._meta.verbose_name_plural))
    return found


def restore(*, path: Path, force: bool = False, alias: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Replace the database and the evidence files by the backup at ``path``."""
    manifest = read_manifest(path)
    engine = _engine(alias)
    if manifest["engine"] != engine:
        raise BackupError(
            f"{path} is a {manifest['engine']} backup; this installation uses {engine}."
        )
    if not force:
        found = existing_data(alias)
        if found:
            raise BackupError(
                f"The database is not empty (it has {', '.join(found)}); "
                "restore over it only with --force."
            )
    connection = connections[alias]
    if engine == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path / SQLITE_FILE}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        connection.close()
        args, env = _pg_command("pg_restore", connection.settings_dict)
        args += [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            str(connection.settings_dict["NAME"]),
        ]
        _run([*args, str(path / PG_FILE)], env)
    connection.close()
    _replace_files(path / FILES_DIR, _evidence_dir())
    return manifest


def _replace_files(source: Path, target: Path) -> None:
    """Put the backup's evidence files in place of the current ones (swapped by renames)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming = target.with_name(f".{target.name}-restoring")
    outgoing = target.with_name(f".{target.name}-replaced-{timezone.now():%Y%m%d%H%M%S}")
    shutil.rmtree(incoming, ignore_errors=True)
    _copy_tree(source, incoming)
    if target.exists():
        target.rename(outgoing)
    incoming.rename(target)
    shutil.rmtree(outgoing, ignore_errors=True)
