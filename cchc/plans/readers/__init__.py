"""Readers: one per file format, each turning a file into a :class:`SourceDocument`.

``read_bytes`` picks the reader by content first (ZIP containers, HTML markup) and by file
name second, so that a ``.txt`` holding HTML or a misnamed workbook still reads. See
``docs/readers.md`` for how to add a reader.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from cchc.plans.readers.base import Paragraph, ReadError, Row, SourceDocument, Table
from cchc.plans.readers.legacy import convert_document
from cchc.plans.readers.limits import check_document, printable_name

__all__ = [
    "Paragraph",
    "ReadError",
    "Row",
    "SourceDocument",
    "Table",
    "read_bytes",
    "read_file",
    "read_path",
]


def read_path(path: Path) -> SourceDocument:
    """Read a plan document from disk, refusing one over the size limit before reading it."""
    return read_bytes(read_file(path), path.name)


def read_file(path: Path) -> bytes:
    """The bytes of ``path``, its size checked with ``stat()`` before anything is read."""
    name = printable_name(path.name)
    try:
        size = path.stat().st_size
        if size > settings.CCHC_MAX_IMPORT_BYTES:
            _check_size(name, size)
        with path.open("rb") as handle:
            data = handle.read(settings.CCHC_MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise ReadError(
            _("%(name)s: cannot open the file (%(error)s).")
            % {"name": name, "error": exc.strerror or exc}
        ) from exc
    _check_size(name, len(data))  # it grew since stat(), or is not a regular file
    return data


def _check_size(name: str, size: int) -> None:
    limit = settings.CCHC_MAX_IMPORT_BYTES
    if size > limit:
        raise ReadError(
            _(
                "%(name)s: the file is %(size)s MB; plan documents larger than %(limit)s MB are "
                "refused."
            )
            % {
                "name": name,
                "size": round(size / 1024 / 1024, 1),
                "limit": round(limit / 1024 / 1024, 1),
            }
        )
    if size == 0:
        raise ReadError(_("%(name)s: the file is empty.") % {"name": name})


def read_bytes(data: bytes, name: str) -> SourceDocument:
    """Read a plan document given as bytes; ``name`` is used for the format hint and errors.

    The result is checked against the limits of ``readers.limits`` (rows, cells, characters,
    no NUL or lone surrogates); the readers check the bounds that protect memory as they go.
    """
    name = printable_name(name)
    _check_size(name, len(data))
    # Text typed in a legacy Vietnamese encoding (TCVN3, VNI), whatever the format: legacy.py
    return check_document(convert_document(_read(data, name)))


# PNG, JPEG, TIFF (little and big endian): scans read by OCR.
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def _read(data: bytes, name: str) -> SourceDocument:
    # Each reader is imported when its format is met: a plain-text import loads no ZIP or
    # XML machinery.
    suffix = Path(name).suffix.lower()
    if data[:4] == b"PK\x03\x04":
        if suffix == ".docx" or b"word/" in data[:2000]:
            from cchc.plans.readers.docx import read_docx

            return read_docx(data, name)
        from cchc.plans.readers.xlsx import read_xlsx

        return read_xlsx(data, name)
    if data[:5] == b"%PDF-":
        from cchc.plans.readers.pdf import read_pdf

        return read_pdf(data, name)
    if data.startswith(_IMAGE_MAGIC):
        from cchc.plans.readers.ocr import read_image

        return read_image(data, name)
    if suffix in {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}:
        raise ReadError(
            _("%(name)s: the file is not a valid %(format)s file; it may be damaged.")
            % {"name": name, "format": suffix[1:].upper()}
        )
    if suffix in {".xlsx", ".xlsm", ".docx"}:
        raise ReadError(
            _(
                "%(name)s: the file is not a valid %(format)s file (it is not a ZIP container; "
                "it may be corrupt or an old .doc/.xls saved under a new name)."
            )
            % {"name": name, "format": suffix[1:].upper()}
        )
    from cchc.plans.readers.html import looks_like_html, read_html
    from cchc.plans.readers.text import decode, read_text

    text = decode(data, name)
    if suffix in {".csv", ".tsv"}:
        from cchc.plans.readers.csv import read_csv

        return read_csv(text, name)
    if suffix in {".html", ".htm"} or looks_like_html(text):
        return read_html(text, name)
    return read_text(text, name)
