"""Scans: images (PNG, JPEG, TIFF) and PDFs without a text layer, read by OCR.

Pages are rasterised with ``pdftoppm`` (grey, 200 dpi) and recognised with the ``tesseract``
binary and its Vietnamese data (``-l vie``, TSV output: every word with its box and
confidence). No Python OCR package is used. The table's structure comes from the image's
ruling lines (long dark runs, found with numpy): each band between two horizontal lines is a
row, split at the vertical lines that cross it (a grouping row spanning the table has none, and
its text is repeated into every column it covers, as readers do for merged cells). Words go to
the cell that holds their centre; each cell's confidence is that of its least sure word. A
scan without ruling lines is rebuilt as space-aligned text and read by the text reader; its
words below the threshold become warnings with their line.

Bounds: ``CCHC_IMPORT_MAX_OCR_PAGES`` pages, ``CCHC_IMPORT_OCR_TIMEOUT_SECONDS`` in all;
images over 60 megapixels are refused. The web import runs all of this in the child process
of ``parsing/isolated.py``.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from cchc.plans.readers.base import Paragraph, ReadError, Row, SourceDocument, Table
from cchc.plans.readers.limits import Budget
from cchc.plans.readers.ocrtext import repair_document

DEFAULT_MAX_OCR_PAGES = 10
DEFAULT_OCR_TIMEOUT_SECONDS = 120
DEFAULT_MIN_CONFIDENCE = 70
_MAX_PIXELS = 60_000_000
# Ruling lines that tesseract reads as characters.
_RULE_RE = re.compile(r"^[|\[\]_—~¦!]+$")
_DPI = 200


def min_confidence() -> float:
    return float(getattr(settings, "CCHC_IMPORT_OCR_MIN_CONFIDENCE", DEFAULT_MIN_CONFIDENCE))


@dataclass(slots=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    key: tuple[int, int, int]  # tesseract's block, paragraph, line

    @property
    def cx(self) -> float:
        return self.left + self.width / 2

    @property
    def cy(self) -> float:
        return self.top + self.height / 2


class _Clock:
    def __init__(self, name: str) -> None:
        self.name = name
        self.limit = float(
            getattr(settings, "CCHC_IMPORT_OCR_TIMEOUT_SECONDS", DEFAULT_OCR_TIMEOUT_SECONDS)
        )
        self.end = time.monotonic() + self.limit

    def left(self) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise self.expired()
        return remaining

    def expired(self) -> ReadError:
        return ReadError(
            _("%(name)s: reading the scan took longer than %(seconds)s seconds; it was stopped.")
            % {"name": self.name, "seconds": f"{self.limit:g}"}
        )


def read_image(data: bytes, name: str) -> SourceDocument:
    with tempfile.TemporaryDirectory(prefix="cchc-ocr-") as tmp:
        path = Path(tmp) / "page.img"
        path.write_bytes(data)
        return _read_images([path], name, _Clock(name))


def read_scanned_pdf(data: bytes, name: str, pages: int) -> SourceDocument:
    limit = int(getattr(settings, "CCHC_IMPORT_MAX_OCR_PAGES", DEFAULT_MAX_OCR_PAGES))
    if pages > limit:
        raise ReadError(
            _(
                "%(name)s: the PDF is a scan (no text layer) of %(n)s pages; scans of more than "
                "%(limit)s pages are not read by OCR. Import the digital PDF or split the scan."
            )
            % {"name": name, "n": pages, "limit": limit}
        )
    clock = _Clock(name)
    with tempfile.TemporaryDirectory(prefix="cchc-ocr-") as tmp:
        source = Path(tmp) / "scan.pdf"
        source.write_bytes(data)
        _run(
            [
                "pdftoppm",
                "-r",
                str(_DPI),
                "-gray",
                "-png",
                "-l",
                str(limit),
                str(source),
                f"{tmp}/page",
            ],
            name,
            clock,
        )
        images = sorted(Path(tmp).glob("page*.png"))
        if not images:
            raise ReadError(_("%(name)s: the PDF has no page to read.") % {"name": name})
        doc = _read_images(images, name, clock)
        doc.format = "pdf-ocr"
        return doc


def _run(command: list[str], name: str, clock: _Clock) -> bytes:
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            timeout=clock.left(),
            check=False,
            stdin=subprocess.DEVNULL,
            # One thread: the server's cores are shared with the web workers.
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except FileNotFoundError as exc:
        raise ReadError(
            _("%(name)s: the OCR program (%(program)s) is not installed on the server.")
            % {"name": name, "program": command[0]}
        ) from exc
    except subprocess.TimeoutExpired as exc:
        raise clock.expired() from exc
    if done.returncode != 0:
        raise ReadError(
            _("%(name)s: the scan cannot be read (%(program)s: %(error)s).")
            % {
                "name": name,
                "program": command[0],
                "error": done.stderr.decode("utf-8", "replace").strip()[-200:] or done.returncode,
            }
        )
    return done.stdout


def _read_images(images: list[Path], name: str, clock: _Clock) -> SourceDocument:
    from PIL import Image, UnidentifiedImageError

    doc = SourceDocument(name=name, format="image-ocr", line_unit="line")
    budget = Budget(name)
    counter = [0]
    for page_number, path in enumerate(images, start=1):
        try:
            with Image.open(path) as image:
                if image.width * image.height > _MAX_PIXELS:
                    raise ReadError(
                        _("%(name)s: the image is too large to read (%(w)s × %(h)s pixels).")
                        % {"name": name, "w": image.width, "h": image.height}
                    )
                grey = image.convert("L")
                if grey.width < 1400:
                    # Scans at 150 dpi or less: tesseract reads diacritics better enlarged.
                    grey = grey.resize((grey.width * 2, grey.height * 2), Image.Resampling.LANCZOS)
                grey.save(path.with_suffix(".png"))
                pixels = _dark(grey)
        except (UnidentifiedImageError, OSError) as exc:
            raise ReadError(
                _("%(name)s: the image cannot be read (%(error)s).")
                % {"name": name, "error": type(exc).__name__}
            ) from exc
        tsv = _run(
            [
                "tesseract",
                str(path.with_suffix(".png")),
                "stdout",
                "-l",
                "vie",
                "--psm",
                "3",
                "tsv",
            ],
            name,
            clock,
        )
        words = _words(tsv)
        _page(doc, words, pixels, page_number, counter, budget)
    repair_document(doc)  # the OCR's misread marks and labels (readers/ocrtext.py)
    return doc


def _dark(image: Any) -> Any:
    import numpy as np

    return np.asarray(image) < 140


def _words(tsv: bytes) -> list[Word]:
    reader = csv.DictReader(
        io.StringIO(tsv.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE
    )
    words = []
    for row in reader:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text or _RULE_RE.match(text):
            continue
        if text in {"-", "—", "–", "."} and float(row.get("conf") or 0) < 60:
            continue  # a ruling line read as a dash
        try:
            words.append(
                Word(
                    text=text,
                    left=int(row["left"]),
                    top=int(row["top"]),
                    width=int(row["width"]),
                    height=int(row["height"]),
                    conf=float(row["conf"]),
                    key=(int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
                )
            )
        except (KeyError, ValueError):
            continue
    return words


# -- ruling lines ---------------------------------------------------------------------------


def _runs(mask: Any, axis: int, length: int) -> Any:
    """Where ``mask`` has a run of ``length`` dark pixels along ``axis`` (per position)."""
    import numpy as np

    summed = np.cumsum(mask, axis=axis, dtype=np.int32)
    if axis == 1:
        window = summed[:, length:] - summed[:, :-length]
    else:
        window = summed[length:, :] - summed[:-length, :]
    return window >= length - 1


def _centres(indices: list[int]) -> list[int]:
    groups: list[list[int]] = []
    for i in indices:
        if groups and i - groups[-1][-1] <= 3:
            groups[-1].append(i)
        else:
            groups.append([i])
    return [sum(g) // len(g) for g in groups]


def _grid(dark: Any) -> tuple[list[int], list[int]] | None:
    height, width = dark.shape
    if width < 100 or height < 100:
        return None
    horizontal = _runs(dark, 1, max(40, width // 30)).sum(axis=1)
    rows = _centres([int(y) for y in (horizontal > width * 0.25).nonzero()[0]])
    if len(rows) < 3:
        return None
    top, bottom = rows[0], rows[-1]
    band = dark[top : bottom + 1, :]
    vertical = _runs(band, 0, max(20, (bottom - top) // 40)).sum(axis=0)
    cols = _centres([int(x) for x in (vertical > (bottom - top) * 0.3).nonzero()[0]])
    if len(cols) < 3:
        return None
    return rows, cols


def _crosses(dark: Any, x: int, y0: int, y1: int) -> bool:
    """A vertical line crosses the band (y0, y1) at x."""
    inner = dark[y0 + 3 : max(y0 + 4, y1 - 2), max(0, x - 2) : x + 3]
    if inner.size == 0:
        return True
    return bool(inner.any(axis=1).mean() > 0.8)


# -- pages ----------------------------------------------------------------------------------


def _page(
    doc: SourceDocument,
    words: list[Word],
    dark: Any,
    page: int,
    counter: list[int],
    budget: Budget,
) -> None:
    grid = _grid(dark)
    if grid is None:
        _layout_page(doc, words, page, counter)
        return
    rows, cols = grid
    top, bottom, left, right = rows[0], rows[-1], cols[0], cols[-1]
    words = [w for w in words if not _on_rule(w, rows, cols)]
    inside = [w for w in words if top < w.cy < bottom and left < w.cx < right]
    above = [w for w in words if w.cy <= top]
    below = [w for w in words if w.cy >= bottom]
    _paragraphs(doc, above, counter)
    table = Table(rows=[], line=counter[0] + 1, part=_("page %(n)s") % {"n": page})
    for index, (y0, y1) in enumerate(itertools.pairwise(rows)):
        edges = [x for x in cols if x in (left, right) or _crosses(dark, x, y0, y1)]
        cells: list[str] = []
        confidence: list[float | None] = []
        for x0, x1 in itertools.pairwise(edges):
            chosen = [w for w in inside if y0 < w.cy < y1 and x0 < w.cx < x1]
            text = _text(chosen)
            conf = min((w.conf for w in chosen), default=None) if chosen else None
            span = sum(1 for c0 in cols[:-1] if x0 <= c0 < x1)
            cells.extend([text] * max(1, span))
            confidence.extend([conf] * max(1, span))
        if not any(cells):
            continue
        counter[0] += 1
        budget.row(len(cells), counter[0])
        table.rows.append(
            Row(cells=cells, line=counter[0], after_break=index == 0, confidence=confidence)
        )
    if table.rows:
        doc.blocks.append(table)
    _paragraphs(doc, below, counter)


def _on_rule(word: Word, rows: list[int], cols: list[int]) -> bool:
    """Specks of a ruling line read as a short, unsure word."""
    if word.conf >= 50 or len(word.text) > 2:
        return False
    return any(abs(word.cy - y) < word.height for y in rows) or any(
        abs(word.cx - x) < word.width for x in cols
    )


# Quarters are I-IV: OCR reads the roman numerals as digits or letters ("Quý 11/2025").
_QUARTER_RE = re.compile(r"\b(Quý|quý|QUÝ)\s+([1lI|]{1,3}|[1lI|]?V)(?=\b|/)")
_QUARTERS = {"1": "I", "11": "II", "111": "III", "1V": "IV", "V": "V"}


def _fix_quarters(text: str) -> str:
    def roman(match: re.Match[str]) -> str:
        digits = re.sub(r"[lI|]", "1", match.group(2))
        return f"{match.group(1)} {_QUARTERS.get(digits, match.group(2))}"

    return _QUARTER_RE.sub(roman, text)


def _text(words: list[Word]) -> str:
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.key, []).append(word)
    ordered = sorted(
        lines.values(), key=lambda ws: (min(w.top for w in ws), min(w.left for w in ws))
    )
    return _fix_quarters(
        " ".join(" ".join(w.text for w in sorted(ws, key=lambda w: w.left)) for ws in ordered)
    )


def _paragraphs(doc: SourceDocument, words: list[Word], counter: list[int]) -> None:
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.key, []).append(word)
    threshold = min_confidence()
    for group in sorted(lines.values(), key=lambda ws: min(w.top for w in ws)):
        counter[0] += 1
        ordered = sorted(group, key=lambda w: w.left)
        doc.blocks.append(Paragraph(text=" ".join(w.text for w in ordered), line=counter[0]))
        _note_unsure(doc, ordered, counter[0], threshold)


def _note_unsure(doc: SourceDocument, words: list[Word], line: int, threshold: float) -> None:
    unsure = [w for w in words if 0 <= w.conf < threshold]
    if unsure:
        doc.notes.append(
            (
                line,
                _("OCR was unsure of %(words)s (confidence %(conf)s%%); check against the scan.")
                % {
                    "words": ", ".join(f"«{w.text}»" for w in unsure[:5]),
                    "conf": round(min(w.conf for w in unsure)),
                },
                "low-confidence",
            )
        )


def _layout_page(doc: SourceDocument, words: list[Word], page: int, counter: list[int]) -> None:
    """No ruling lines: the page as space-aligned text, read by the text reader."""
    from cchc.plans.readers.text import read_text

    if not words:
        return
    sizes = sorted(w.width / max(1, len(w.text)) for w in words)
    char = max(1.0, sizes[len(sizes) // 2])
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.key, []).append(word)
    texts: list[str] = []
    groups = sorted(lines.values(), key=lambda ws: min(w.top for w in ws))
    for group in groups:
        text = ""
        for word in sorted(group, key=lambda w: w.left):
            column = int(word.left / char)
            gap = 2 if text and column - len(text) >= 3 else 1
            text = (text + " " * max(gap, column - len(text))) if text else " " * column
            text += word.text
        texts.append(text.rstrip())
    part = read_text("\n".join(texts), doc.name)
    offset = counter[0]
    threshold = min_confidence()
    for block in part.blocks:
        block.line += offset
        if isinstance(block, Table):
            for row in block.rows:
                row.line += offset
        doc.blocks.append(block)
    for index, group in enumerate(groups, start=1):
        _note_unsure(doc, sorted(group, key=lambda w: w.left), offset + index, threshold)
    counter[0] += len(texts)
    del page
