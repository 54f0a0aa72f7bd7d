"""Uploads that keep their file whatever its name.

Django's multipart parser drops a file part whose name it cannot use: a name of bytes that
are not UTF-8 (the part's header is skipped), an empty name (the part becomes a text field),
a name with nothing left once cleaned (``..``). The request then looks as if no file was
sent, and an endpoint taking an optional file answers success without it.

``keep_upload_names`` (a view decorator, applied before the body is parsed) reads the
multipart body, gives such parts a name the parser keeps (``UNNAMED`` where nothing usable
is left) and parses it with ``NameKeepingParser``. Who stores the file then shows it under a
cleaned name (``cchc.reporting.files.display_name``, which turns ``UNNAMED`` into nothing
and so into the fallback name).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import ImmutableList
from django.utils.http import parse_header_parameters

# What a file whose name had nothing usable left is called until it is shown: the
# replacement character, which display names drop.
UNNAMED = "\ufffd"
_FILENAME = re.compile(rb'(filename=)("")', re.IGNORECASE)


class NameKeepingParser(MultiPartParser):
    """Django's parser, except that a file whose name cleans away to nothing is kept as
    ``UNNAMED`` instead of dropped."""

    def sanitize_file_name(self, file_name: str) -> str:
        cleaned: str | None = super().sanitize_file_name(file_name)
        return cleaned or UNNAMED


def _fixed_header(block: bytes, has_content: bool) -> bytes:
    """A part's header block with every line valid UTF-8 (bytes that are not become the
    replacement character) and, when the part has content, no empty file name."""
    lines = []
    for line in block.split(b"\r\n"):
        try:
            line.decode()
        except UnicodeDecodeError:
            line = line.decode(errors="replace").encode()
        if has_content and b"filename=" in line.lower():
            line = _FILENAME.sub(b'\\1"' + UNNAMED.encode() + b'"', line)
        lines.append(line)
    return b"\r\n".join(lines)


def fixed_multipart_body(body: bytes, boundary: bytes) -> bytes:
    """``body`` with the header block of every part fixed (``_fixed_header``)."""
    start = b"--" + boundary + b"\r\n"
    close = b"\r\n--" + boundary
    out: list[bytes] = []
    position = 0
    while True:
        found = body.find(start, position)
        if found < 0:
            break
        header_start = found + len(start)
        header_end = body.find(b"\r\n\r\n", header_start)
        if header_end < 0:
            break
        content_start = header_end + 4
        has_content = not body.startswith(close, content_start)
        out.append(body[position:header_start])
        out.append(_fixed_header(body[header_start:header_end], has_content))
        position = header_end
    out.append(body[position:])
    return b"".join(out)


def _boundary(request: HttpRequest) -> bytes | None:
    content_type, params = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
    if content_type != "multipart/form-data" or not params.get("boundary"):
        return None
    return str(params["boundary"]).encode("ascii", errors="ignore") or None


def keep_file_names(request: HttpRequest) -> None:
    """Prepare ``request`` so that its multipart body keeps every file (call before anything
    reads ``request.POST`` or ``request.FILES``). Bodies larger than
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` are left to Django's parser as they are."""
    if request.method != "POST" or hasattr(request, "_files"):
        return
    boundary = _boundary(request)
    if boundary is None:
        return
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return
    if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return
    body = fixed_multipart_body(request.body, boundary)
    request._body = body  # what the parser reads (Django's attribute)
    request.META["CONTENT_LENGTH"] = str(len(body))

    def parse_file_upload(meta: Any, post_data: Any) -> Any:
        request.upload_handlers = ImmutableList(
            request.upload_handlers,
            warning="You cannot alter upload handlers after the upload has been processed.",
        )
        parser = NameKeepingParser(meta, post_data, request.upload_handlers, request.encoding)
        return parser.parse()

    request.parse_file_upload = parse_file_upload  # type: ignore[method-assign,assignment]


def keep_upload_names(view: Callable[..., Any]) -> Callable[..., Any]:
    """A view decorator: ``keep_file_names`` before the view (and its parameters) runs."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        keep_file_names(request)
        return view(request, *args, **kwargs)

    return wrapper
