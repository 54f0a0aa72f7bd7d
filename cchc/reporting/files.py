"""What an evidence file is, told by its content (its first bytes), not by its name."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.utils.translation import gettext as _

# Kinds of file accepted as evidence: a short name, the content type, the names' suffixes.
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("application/pdf", (".pdf",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "gif": ("image/gif", (".gif",)),
    "webp": ("image/webp", (".webp",)),
}
_HEAD = 16


class FileRefused(Exception):
    """An upload that cannot be kept as evidence; the message says why."""


@dataclass(frozen=True, slots=True)
class Checked:
    kind: str
    content_type: str
    size: int


def sniff(stream: IO[bytes]) -> str | None:
    """The kind of file (a key of ``KINDS``) its content says, or None."""
    stream.seek(0)
    head = stream.read(_HEAD)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(stream)
    return None


def _office_kind(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        stream.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return None


def check_upload(*, name: str, size: int, stream: IO[bytes], max_bytes: int) -> Checked:
    """Refuse an empty file, a file over ``max_bytes``, a kind not accepted, and a file whose
    content is not what its name says (a PNG named ``.pdf``)."""
    if size <= 0:
        raise FileRefused(_("%(name)s is empty.") % {"name": name})
    if size > max_bytes:
        raise FileRefused(
            _("%(name)s is too large: %(size)s MB; the limit is %(limit)s MB.")
            % {
                "name": name,
                "size": f"{size / 1024 / 1024:.1f}",
                "limit": f"{max_bytes / 1024 / 1024:.0f}",
            }
        )
    kind = sniff(stream)
    if kind is None:
        raise FileRefused(
            _(
                "%(name)s is not a file type accepted as evidence: attach a PDF, DOCX or XLSX "
                "document or a PNG, JPEG, GIF or WebP image."
            )
            % {"name": name}
        )
    content_type, suffixes = KINDS[kind]
    if PurePath(name).suffix.lower() not in suffixes:
        raise FileRefused(
            _(
                "%(name)s does not contain what its name says: its content is a %(kind)s file. "
                "Rename it or attach the right file."
            )
            % {"name": name, "kind": kind.upper()}
        )
    return Checked(kind=kind, content_type=content_type, size=size)
