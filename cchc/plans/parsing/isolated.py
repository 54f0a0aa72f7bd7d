"""Reading an uploaded plan document in a child process, with a time and a memory limit.

The web import never runs a reader inside the web server: ``parse_isolated`` starts
``python -m cchc.plans.parsing.isolated``, sends it the file on standard input after a one-line
JSON request (name, language, limits), and reads back one JSON answer: the ``ParsedPlan`` as
``import-plan --json`` prints it, or the reader's error message. Before it reads anything the
child limits its own address space (``RLIMIT_AS``, ``CCHC_IMPORT_MEMORY_MB``) and CPU time
(``RLIMIT_CPU``); the parent kills it after ``CCHC_IMPORT_TIMEOUT_SECONDS`` of wall-clock time.
A child that runs out of either is reported as a file that took too long or too much memory to
read, naming the file.

The child gets no secrets: a minimal environment, and Django configured with only what reading
needs (the translations and the import limits), not the project's settings; it never opens the
database. Its answer is JSON, not pickle, so a reader compromised by a file cannot make the web
server run code by answering. Interpreting the plan (agencies, timeframes) needs the database
and stays in the web process, on the bounded result.
"""

from __future__ import annotations

import json
import logging
import math
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.readers.base import ReadError
from cchc.plans.readers.limits import DEFAULT_MAX_ROWS, DEFAULT_MAX_UNPACKED_MB, printable_name

logger = logging.getLogger(__name__)
# The directory holding the ``cchc`` package: the child's working directory, so that
# ``python -m`` finds the same code whether or not the package is installed.
_SOURCE_ROOT = Path(__file__).resolve().parents[3]
_EXIT_MEMORY = 3


def parse_isolated(data: bytes, name: str) -> ParsedPlan:
    """Read and parse ``data`` in a child process; raises ReadError (also on time or memory)."""
    name = printable_name(name)
    timeout = float(settings.CCHC_IMPORT_TIMEOUT_SECONDS)
    memory_mb = int(settings.CCHC_IMPORT_MEMORY_MB)
    request = {
        "name": name,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "locale_paths": [str(path) for path in settings.LOCALE_PATHS],
        "memory_mb": memory_mb,
        "cpu_seconds": max(1, math.ceil(timeout)),
        "settings": {
            "CCHC_MAX_IMPORT_BYTES": settings.CCHC_MAX_IMPORT_BYTES,
            "CCHC_IMPORT_MAX_ROWS": getattr(settings, "CCHC_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS),
            "CCHC_IMPORT_MAX_UNPACKED_MB": getattr(
                settings, "CCHC_IMPORT_MAX_UNPACKED_MB", DEFAULT_MAX_UNPACKED_MB
            ),
            **{
                key: getattr(settings, key)
                for key in (
                    "CCHC_IMPORT_MAX_PDF_PAGES",
                    "CCHC_IMPORT_MAX_OCR_PAGES",
                    "CCHC_IMPORT_OCR_TIMEOUT_SECONDS",
                    "CCHC_IMPORT_OCR_MIN_CONFIDENCE",
                )
                if hasattr(settings, key)
            },
        },
    }
    command = [sys.executable, "-E", "-s", "-m", "cchc.plans.parsing.isolated"]
    try:
        done = subprocess.run(
            command,
            input=json.dumps(request).encode() + b"\n" + data,
            capture_output=True,
            timeout=timeout,
            cwd=_SOURCE_ROOT,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise _too_costly(name, timeout, memory_mb) from None
    answer = _answer(done.stdout) if done.returncode == 0 else None
    if answer is None:
        logger.warning(
            "Reading %s in a child process failed (exit status %s): %s",
            name,
            done.returncode,
            done.stderr[-2000:].decode("utf-8", "replace"),
        )
        raise _too_costly(name, timeout, memory_mb)
    if "error" in answer:
        raise ReadError(str(answer["error"]))
    return ParsedPlan.from_dict(answer["plan"])


def _answer(stdout: bytes) -> dict[str, Any] | None:
    try:
        answer = json.loads(stdout)
    except ValueError:
        return None
    return answer if isinstance(answer, dict) and ("plan" in answer or "error" in answer) else None


def _too_costly(name: str, timeout: float, memory_mb: int) -> ReadError:
    return ReadError(
        _(
            "%(name)s: the file took too long or too much memory to read (the limits are "
            "%(seconds)s seconds and %(memory)s MB); it was not imported."
        )
        % {"name": name, "seconds": f"{timeout:g}", "memory": memory_mb}
    )


# -- the child ------------------------------------------------------------------------------


def main() -> None:
    """The child: limit itself, read the request and the file from stdin, answer on stdout."""
    stdin = sys.stdin.buffer
    request = json.loads(stdin.readline())
    memory = int(request["memory_mb"]) * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(request["cpu_seconds"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    limits: dict[str, int] = request["settings"]
    data = stdin.read(int(limits["CCHC_MAX_IMPORT_BYTES"]) + 1)
    try:
        answer = _read(data, request)
    except MemoryError:
        sys.exit(_EXIT_MEMORY)
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode("utf-8"))
    sys.stdout.buffer.flush()


def _read(data: bytes, request: dict[str, Any]) -> dict[str, Any]:
    import django

    settings.configure(
        USE_I18N=True,
        LANGUAGE_CODE=request["language"],
        LOCALE_PATHS=request["locale_paths"],
        INSTALLED_APPS=[],
        **request["settings"],
    )
    django.setup()
    translation.activate(request["language"])
    from cchc.plans.parsing import parse_bytes

    try:
        return {"plan": parse_bytes(data, request["name"]).as_dict()}
    except ReadError as exc:
        return {"error": str(exc)}


if __name__ == "__main__":
    main()
