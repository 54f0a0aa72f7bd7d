"""Dossier files: CSV (one dossier a row, the columns of ``parsing.COLUMNS``) and JSON lines
(one status event a line). Each reader yields ``(line, item)`` lazily, so a file of millions
of rows is never held in memory; a header that cannot be read is a ``FileRefused``."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from cchc.dossiers.parsing import COLUMNS, REQUIRED_COLUMNS, RowError

csv.field_size_limit(1_000_000)


class FileRefused(Exception):
    """The file as a whole cannot be read (its header, its encoding)."""

    def __init__(self, error: RowError) -> None:
        super().__init__(str(error))
        self.error = error


class CsvRows:
    """The rows of a dossier CSV as ``(line, {column: cell})``; ``warnings`` says which
    columns were ignored or are missing (one warning each)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        first = stream.readline()
        delimiter = ";" if first.count(";") > first.count(",") else ","
        header = next(csv.reader([first], delimiter=delimiter), [])
        self.header = [name.strip().lstrip("\ufeff") for name in header]
        self.warnings: list[str] = []
        missing = [name for name in REQUIRED_COLUMNS if name not in self.header]
        if missing:
            raise FileRefused(
                RowError(
                    1,
                    missing[0],
                    _("required columns missing: %(columns)s") % {"columns": ", ".join(missing)},
                )
            )
        seen: set[str] = set()
        for name in self.header:
            if name in seen and name in COLUMNS:
                raise FileRefused(RowError(1, name, _("the column appears twice")))
            seen.add(name)
        extra = [name for name in self.header if name not in COLUMNS]
        if extra:
            self.warnings.append(
                _("Columns ignored (not in the format): %(columns)s")
                % {"columns": ", ".join(name or "''" for name in extra)}
            )
        absent = [name for name in COLUMNS if name not in seen]
        if absent:
            self.warnings.append(
                _("Columns missing, taken as empty: %(columns)s") % {"columns": ", ".join(absent)}
            )
        self._reader = csv.reader(stream, delimiter=delimiter)
        self._index = [(i, name) for i, name in enumerate(self.header) if name in COLUMNS]
        self.errors: list[RowError] = []

    def __iter__(self) -> Iterator[tuple[int, dict[str, str | None]]]:
        width = len(self.header)
        try:
            for cells in self._reader:
                line = self._reader.line_num + 1
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue
                if len(cells) != width:
                    yield (
                        line,
                        {
                            "__error__": _("the row has %(n)s cells, the header %(m)s")
                            % {"n": len(cells), "m": width}
                        },
                    )
                    continue
                yield line, {name: cells[i] for i, name in self._index}
        except UnicodeDecodeError:
            raise FileRefused(
                RowError(
                    self._reader.line_num + 2, "", _("the file is not UTF-8 text from here on")
                )
            ) from None
        except csv.Error as error:
            raise FileRefused(RowError(self._reader.line_num + 1, "", str(error))) from None


def json_lines(stream: IO[str]) -> Iterator[tuple[int, Any]]:
    """One JSON object a line; a line that is not JSON yields a marker the ingest reports."""
    line = 0
    try:
        for line, text in enumerate(stream, start=1):
            if not text.strip():
                continue
            try:
                yield line, json.loads(text)
            except json.JSONDecodeError as error:
                yield line, {"__error__": _("not JSON: %(error)s") % {"error": error.msg}}
    except UnicodeDecodeError:
        raise FileRefused(
            RowError(line + 1, "", _("the file is not UTF-8 text from here on"))
        ) from None


def kind_of(path: Path) -> str:
    """ "csv" or "events", by the name first, then by the first character."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return "events"
    with path.open("rb") as stream:
        head = stream.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "events" if head.startswith(b"{") else "csv"


def open_text(path: Path) -> IO[str]:
    return path.open(encoding="utf-8-sig", newline="")
