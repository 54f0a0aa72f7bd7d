"""A crawled page's lines put back as the document printed them (issue 15, round 16).

A crawler that saves a legal-documents site's pages as plain text cuts the page into chunks
and opens every chunk after the first with the page's title and the chunk's headings::

    Quyết định 12/QĐ-UBND năm 2020. ỦY BAN NHÂN DÂN TỈNH X -------     <- the file's first line
    …
    Quyết định 12/QĐ-UBND năm 2020. KẾ HOẠCH. II. NHIỆM VỤ             <- "II. NHIỆM VỤ"
    1. Công tác tuyên truyền 1.1.                                        <- topic, then "1.1."
    Tổ chức hội nghị …                                                   <-   the point's text
    1.2.                                                                 <- a number alone
    Ban hành kế hoạch …
    - Cơ quan thực hiện: Sở X chủ trì … -Thời gian thực hiện: Quý II    <- two labels on a line
    * Thời gian thực hiện: Quý III                                       <- a label opened "* "

Read here, before the readers of points and labelled blocks: the page's title (the first
line's words before its first ". ", found again opening two later lines or more) and, after
it, a heading the chunk repeats ("KẾ HOẠCH. " before "II. …") are taken off; a point's
number alone on its line, or glued to the end of its topic's line, opens the point's text on
the next line; a topic's first point run on the topic's line ("3. Topic 3.1. Rà soát …")
starts a line of its own; a block's label opened with "* " or run on the line of another
label ("… -Thời gian thực hiện: …") is a block's line of its own. Refused: a title found
once (a document that merely opens with a sentence), a number at a line's end that is not
its topic's first point ("theo mục 2.3."), a label the block reader does not know.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.columns import field_for_label
from cchc.plans.readers.base import Paragraph

# The page's title before its first ". ": "Quyết định 435/QĐ-UBND năm 2020".
_TITLE_RE = re.compile(r"^(?P<title>[^.\n]{10,200}?)\.\s+\S")
# A crawled page repeats its title before at least this many chunks.
MIN_CHUNKS = 2
# A heading path's first segment: words in capitals ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG").
_CAPS_SEGMENT_RE = re.compile(
    r"^(?P<segment>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ\s,-]{2,80}?)\.\s+(?P<rest>\S.*)$", re.S
)
# "1.4." or "2." alone on its line (not a page's number, "2", without its dot).
_NUMBER_ALONE_RE = re.compile(r"^\s*(?P<number>\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.)\s*$")
# "2. Nâng cao năng lực … lao động 2.1." and "3. Giải quyết … 3.1. Rà soát …": a topic and
# its first point's number (the topic's own number, then ".1").
_GLUED_FIRST_RE = re.compile(
    r"^\s*(?P<topic>(?P<top>\d{1,2})\s*\.\s+\S.{5,300}?)\s+"
    r"(?P<number>(?P=top)\.1\.?)(?:\s*$|\s+(?P<rest>[A-ZĐÀ-Ỹ].*)$)",
    re.S,
)
# Words a cited number follows inside a sentence ("theo mục 3.1."): no point of the plan.
_CITING_RE = re.compile(r"(?:mục|điểm|khoản|tiết|tại|theo|số|phần)$", re.I)
# What opens a line of its own: a number, a bullet, a heading.
_OPENS_LINE_RE = re.compile(r"^\s*(?:\d|[-+•–*]|[IVXLC]{1,6}\s*[.)])")
# "* Thời gian thực hiện: …": a label opened with an asterisk and a space (not the italic
# mark of "*Thời gian thực hiện:* …", closed later on the line).
_STAR_LABEL_RE = re.compile(r"^\s*\*\s+(?P<label>[^:*]{3,40}?)\s*:\s*[^*]+$")
# " -Thời gian thực hiện: …" inside a labelled line.
_RUN_LABEL_RE = re.compile(r"\s+[-–]\s*(?P<label>[^:;,.\-–]{3,40}?)\s*:\s*\S")
# The fields a labelled block gives (``blocks.py``).
_BLOCK_FIELDS = frozenset({"lead", "partners", "timeframe", "outputs", "budget"})


def _block_label(label: str) -> bool:
    return field_for_label(label.strip()) in _BLOCK_FIELDS


def page_title(paragraphs: list[Paragraph]) -> str:
    """The crawled page's title that opens its first line and again at least ``MIN_CHUNKS``
    later lines; "" when the text is no such crawl."""
    if not paragraphs:
        return ""
    found = _TITLE_RE.match(paragraphs[0].text.strip())
    if found is None:
        return ""
    title = found.group("title").strip() + "."
    repeats = sum(1 for p in paragraphs[1:] if p.text.strip().startswith(title + " "))
    return found.group("title").strip() if repeats >= MIN_CHUNKS else ""


def _without_titles(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The lines after the first without the page's title, and without the heading a chunk
    repeats before its own ("KẾ HOẠCH. II. NHIỆM VỤ" after a chunk "KẾ HOẠCH. …")."""
    title = page_title(paragraphs)
    if not title:
        return paragraphs
    prefix = title + "."
    seen: set[str] = set()
    out = paragraphs[:1]
    for paragraph in paragraphs[1:]:
        text = paragraph.text.strip()
        if not text.startswith(prefix + " "):
            out.append(paragraph)
            continue
        text = text[len(prefix) :].strip()
        segment = _CAPS_SEGMENT_RE.match(text)
        if segment is not None:
            if segment.group("segment") in seen:
                text = segment.group("rest").strip()
            seen.add(segment.group("segment"))
        out.append(Paragraph(text=text, line=paragraph.line))
    return out


def _split_labels(paragraph: Paragraph) -> list[Paragraph]:
    """A labelled line as block lines: "* Label:" read as "- Label:", a second label run on
    the line of the first its own line."""
    text = paragraph.text
    star = _STAR_LABEL_RE.match(text)
    if star is not None and _block_label(star.group("label")):
        text = "- " + text.strip()[1:].strip()
    if not re.match(r"^\s*[-–]\s*[^:]{3,40}:", text):
        return [Paragraph(text=text, line=paragraph.line)]
    pieces: list[str] = []
    start = 0
    for found in _RUN_LABEL_RE.finditer(text):
        if found.start() > start and _block_label(found.group("label")):
            pieces.append(text[start : found.start()])
            start = found.start()
    pieces.append(text[start:])
    return [
        Paragraph(text="- " + piece.strip().lstrip("-– ").strip(), line=paragraph.line)
        if index
        else Paragraph(text=piece.strip(), line=paragraph.line)
        for index, piece in enumerate(pieces)
    ]


def _split_glued_first(paragraph: Paragraph) -> tuple[Paragraph, str, str] | None:
    """(the topic, its first point's number, the point's text on the same line or "") from a
    topic's line carrying its first point's number; None for any other line."""
    found = _GLUED_FIRST_RE.match(paragraph.text)
    if found is None or _CITING_RE.search(found.group("topic")):
        return None
    topic = Paragraph(text=found.group("topic").strip(), line=paragraph.line)
    number = found.group("number").rstrip(".") + "."
    return topic, number, (found.group("rest") or "").strip()


def crawled_points(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """``paragraphs`` with a crawled page's titles taken off and its points and labelled
    blocks one a line (see the module's docstring); unchanged where nothing applies."""
    lines: list[Paragraph] = []
    for paragraph in _without_titles(paragraphs):
        lines.extend(_split_labels(paragraph))
    out: list[Paragraph] = []
    pending = ""  # a point's number waiting for its text on the next line
    pending_line = 0
    for paragraph in lines:
        text = paragraph.text.strip()
        if pending:
            if text and not _OPENS_LINE_RE.match(text):
                out.append(Paragraph(text=f"{pending} {text}", line=pending_line))
                pending = ""
                continue
            out.append(Paragraph(text=pending, line=pending_line))
            pending = ""
        alone = _NUMBER_ALONE_RE.match(text)
        if alone is not None:
            pending, pending_line = alone.group("number").rstrip(".") + ".", paragraph.line
            continue
        glued = _split_glued_first(paragraph)
        if glued is None:
            out.append(paragraph)
            continue
        topic, number, rest = glued
        out.append(topic)
        if rest:
            out.append(Paragraph(text=f"{number} {rest}", line=paragraph.line))
        else:
            pending, pending_line = number, paragraph.line
    if pending:
        out.append(Paragraph(text=pending, line=pending_line))
    return _joined_clauses(out) if page_title(paragraphs) else out


# A point or a bullet (its first line).
_POINT_OR_BULLET_RE = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]|[-+•–])")


def _joined_clauses(lines: list[Paragraph]) -> list[Paragraph]:
    """A crawled page's point cut after a ";" ("… Chỉ thị số 37-CT/TW;" / "Quyết định số
    416/QĐ-TTg; …"): the next line, opening no point, bullet or heading, goes on with it."""
    out: list[Paragraph] = []
    opened = False  # the last line kept is (or goes on) a point or a bullet
    for paragraph in lines:
        text = paragraph.text.strip()
        if (
            out
            and opened
            and out[-1].text.rstrip().endswith(";")
            and text
            and not _OPENS_LINE_RE.match(text)
            and not re.match(r"(?:Căn cứ|Nơi nhận)\b", text)
        ):
            out[-1] = Paragraph(text=f"{out[-1].text.rstrip()} {text}", line=out[-1].line)
            continue
        opened = _POINT_OR_BULLET_RE.match(text) is not None
        out.append(paragraph)
    return out
