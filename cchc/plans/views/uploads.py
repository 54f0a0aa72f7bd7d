"""Uploaded plan documents kept between the preview and the confirmation of an import.

The bytes go to ``DATA_DIR/uploads/<token>.upload`` where the token is random and lives in the
user's session, next to the original file name. A client never names a path: the confirmation
only sends the token back, and a token that is not in the session is refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

SESSION_KEY = "plans_pending_uploads"
# Pending uploads older than this are deleted when the next upload is stored.
MAX_AGE_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class PendingUpload:
    token: str
    name: str
    sha256: str

    @property
    def path(self) -> Path:
        return upload_dir() / f"{self.token}.upload"

    def read(self) -> bytes:
        return self.path.read_bytes()


def upload_dir() -> Path:
    return Path(settings.DATA_DIR) / "uploads"


def store(session: SessionBase, *, data: bytes, name: str) -> PendingUpload:
    """Write the bytes under a fresh random token and remember it in the session."""
    directory = upload_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _delete_stale(directory)
    pending = PendingUpload(
        token=secrets.token_urlsafe(24),
        name=Path(name).name[:255] or "plan",
        sha256=hashlib.sha256(data).hexdigest(),
    )
    pending.path.write_bytes(data)
    entries = dict(session.get(SESSION_KEY, {}))
    entries[pending.token] = {"name": pending.name, "sha256": pending.sha256}
    session[SESSION_KEY] = entries
    return pending


def get(session: SessionBase, token: str) -> PendingUpload | None:
    """The pending upload of this session with that token, if its file still exists."""
    entry = session.get(SESSION_KEY, {}).get(token)
    if not isinstance(entry, dict):
        return None
    pending = PendingUpload(token=token, name=str(entry["name"]), sha256=str(entry["sha256"]))
    if not pending.path.is_file():
        discard(session, pending)
        return None
    return pending


def discard(session: SessionBase, pending: PendingUpload) -> None:
    """Forget the upload and delete its file."""
    entries = dict(session.get(SESSION_KEY, {}))
    entries.pop(pending.token, None)
    session[SESSION_KEY] = entries
    with contextlib.suppress(FileNotFoundError):
        pending.path.unlink()


def _delete_stale(directory: Path) -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in directory.glob("*.upload"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
