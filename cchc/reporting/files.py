"""What an evidence file is, told by its content (its first bytes), not by its name; the
name it is shown under (cleaned, never empty) and the name it is stored under (random)."""

from __future__ import annotations

import re
import secrets
import unicodedata
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
# The name a file is shown under when nothing is left of the one it came with ("..", "",
# bytes that are no UTF-8): "minh-chung" (evidence) and the suffix of its kind.
FALLBACK_STEM = "minh-chung"
# The longest name kept (``Evidence.original_name``), the suffix kept when cut.
MAX_NAME = 255
_SPACES = re.compile(r"\s+")


class FileRefused(Exception):
    """An upload that cannot be kept as evidence; the message says why."""


@dataclass(frozen=True, slots=True)
class Checked:
    kind: str
    content_type: str
    size: int
    # The name to show and download it under (``display_name``, else the fallback).
    name: str

    @property
    def suffix(self) -> str:
        return KINDS[self.kind][1][0]


def display_name(raw: str | None) -> str:
    """A file's name as it can be shown and sent back: NFC-normalised, without directory
    parts, control or format characters, the replacement character of undecodable bytes,
    or surrounding spaces and dots; at most ``MAX_NAME`` characters (the suffix kept).
    Empty when nothing is left."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(
        ch for ch in name if not unicodedata.category(ch).startswith("C") and ch != "\ufffd"
    )
    name = _SPACES.sub(" ", name).strip(" .")
    if len(name) > MAX_NAME:
        suffix = PurePath(name).suffix
        suffix = suffix if len(suffix) <= 16 else ""
        name = name[: MAX_NAME - len(suffix)].rstrip(" .") + suffix
    return name


def stored_name(checked: Checked) -> str:
    """The file's name in the storage: random, with its kind's suffix; the name a person
    gave it is only shown (``Checked.name``), never used as a path."""
    return f"{secrets.token_hex(16)}{checked.suffix}"


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


def check_upload(*, name: str | None, size: int, stream: IO[bytes], max_bytes: int) -> Checked:
    """Refuse an empty file, a file over ``max_bytes``, a kind not accepted, and a file whose
    content is not what its name says (a PNG named ``.pdf``). A name with nothing left to
    show (``display_name``) is replaced by ``FALLBACK_STEM`` and the kind's suffix."""
    shown = display_name(name)
    name = shown or _("The attached file")
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
    if not shown:
        shown = f"{FALLBACK_STEM}{suffixes[0]}"
    elif PurePath(shown).suffix.lower() not in suffixes:
        raise FileRefused(
            _(
                "%(name)s does not contain what its name says: its content is a %(kind)s file. "
                "Rename it or attach the right file."
            )
            % {"name": name, "kind": kind.upper()}
        )
    return Checked(kind=kind, content_type=content_type, size=size, name=shown)
