"""Plans whose roman SECTIONS are each written as numbered blocks (a steering committee's
plan, round 17): the section's tasks in one block, the bodies and the time in the next ones::

    I. CÔNG TÁC TUYÊN TRUYỀN                      <- the section (its topic)
    1. Nội dung, biện pháp                        <- the block of the tasks
    a) Tổ chức hội nghị quán triệt …              <- a point: ONE row
    b) Biên soạn tài liệu …
    2. Cơ quan chủ trì, phối hợp                  <- the block of the bodies
    a) Cơ quan chủ trì                            <- its lead …
    - Ban Chỉ đạo tỉnh.
    - Sở Thông tin và Truyền thông.
    b) Cơ quan phối hợp                           <- … and its partners
    - Các huyện, thành phố.
    3. Thời gian thực hiện: Quý I/2024.           <- the time of every point

Rules:

* each point of the tasks block (``a)``, ``b)`` … or ``- `` bullets) is a row of the section;
* the bodies block's lead and partners (its ``- `` bullets joined by ``; ``, their final dots
  dropped) and the time block are the fields of EVERY point of the section: printed after
  all the points, they are the section's, not the last point's;
* a bodies block without sub-labels is the lead (``2. Cơ quan chủ trì``, ``2. Chủ trì thực
  hiện``), and a section without a partners list has no partners (``''``);
* an unnumbered paragraph after the points is a row of its own, led by the body it names as
  its agent ("… do Bộ X hướng dẫn thực hiện."), the section's lead otherwise;
* the document is read so when at least ``MIN_SECTIONS`` sections are written that way; the
  rows the other readings found outside those sections are kept.

Refused: a section without a tasks block or without a bodies block (read by the others).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc.plans.parsing.columns import field_for_label
from cchc.plans.parsing.result import DocumentInfo, Item, ParsedPlan
from cchc.plans.parsing.vocabulary import _AGENCY, _VERBS
from cchc.plans.readers.base import Paragraph

# "I. CÔNG TÁC …", "II) …": a roman section; "B. NỘI DUNG …", "PHẦN II …": a part above them.
_SECTION_RE = re.compile(r"^\s*(?P<label>[IVXLC]{1,6})\s*[.)]\s*(?P<title>\S.*)$", re.S)
_PART_RE = re.compile(r"^\s*(?:[A-ZĐ]\s*[.)]|PHẦN\s+\S+)\s*\S", re.S)
# "1. Nội dung, biện pháp", "3. Thời gian thực hiện: Quý I/2024.": a numbered block's label,
# its value inline or none.
_BLOCK_RE = re.compile(
    r"^\s*\d{1,2}\s*[.)]\s*(?P<label>[^:.;]{3,60}?)\s*(?::\s*(?P<value>.*?))?\s*$", re.S
)
# "a) Cơ quan chủ trì", "- Cơ quan phối hợp: Sở X": a sub-label of the bodies block.
_SUB_RE = re.compile(
    r"^\s*(?:[a-zđ]\)|[-+•–])?\s*(?P<label>[^:.;]{3,40}?)\s*(?::\s*(?P<value>.*?))?\s*$", re.S
)
_POINT_RE = re.compile(r"^\s*(?P<label>[a-zđ])\)\s*(?P<rest>\S.*)$", re.S)
_BULLET_RE = re.compile(r"^\s*[-+•–]\s*(?P<rest>\S.*)$", re.S)
# "… do Bộ Quốc phòng hướng dẫn thực hiện.": the agent of a passive sentence.
_AGENT_RE = re.compile(rf"\bdo\s+(?P<lead>{_AGENCY}[^,;:.()]*?)\s+(?:{_VERBS})\b")
# A plan written this way has at least this many such sections.
MIN_SECTIONS = 2


@dataclass
class _Section:
    line: int
    title: str
    end: int = 0  # the line of the next section or part (0: the document's end)
    points: list[Item] = field(default_factory=list)
    # the points' rows that are paragraphs apart (their lead their own agent)
    apart: set[int] = field(default_factory=set)
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    has_bodies: bool = False
    timeframe: str = ""


def _block_kind(label: str) -> str:
    """ "task", "lead", "partners", "timeframe" or "" for a numbered block's label."""
    kind = field_for_label(label) or ""
    if kind in {"task", "title", "activity"}:
        return "task"
    if kind == "partners" and "chủ trì" in label.lower():
        return "lead"  # "Cơ quan chủ trì, phối hợp": its sub-labels split it
    return kind if kind in {"lead", "partners", "timeframe"} else ""


def _body(text: str) -> str:
    return text.strip().rstrip(".").strip()


def _read_section(section: _Section, paragraphs: list[Paragraph]) -> None:
    state = ""
    role = "lead"
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        block = _BLOCK_RE.match(text)
        kind = _block_kind(block.group("label")) if block else ""
        if block and kind:
            state = kind
            value = (block.group("value") or "").strip()
            if kind == "timeframe":
                section.timeframe = _body(value) if value else ""
                state = "timeframe" if not value else ""
            elif kind in {"lead", "partners"}:
                section.has_bodies = True
                role = kind
                if value:
                    getattr(section, role).append(_body(value))
            continue
        if state == "task":
            point = _POINT_RE.match(text) or _BULLET_RE.match(text)
            if point:
                number = point.group("label") if "label" in point.groupdict() else ""
                section.points.append(
                    Item(line=paragraph.line, number=number, title=point.group("rest").strip())
                )
            elif section.points:
                section.apart.add(len(section.points))
                section.points.append(Item(line=paragraph.line, number="", title=text))
        elif state in {"lead", "partners"}:
            sub = None if _BULLET_RE.match(text) and ":" not in text else _SUB_RE.match(text)
            sub_kind = _block_kind(sub.group("label")) if sub else ""
            if sub and sub_kind in {"lead", "partners"}:
                role = sub_kind
                if sub.group("value"):
                    getattr(section, role).append(_body(sub.group("value")))
                continue
            bullet = _BULLET_RE.match(text)
            getattr(section, role).append(_body(bullet.group("rest") if bullet else text))
        elif state == "timeframe" and not section.timeframe:
            section.timeframe = _body(text)


def _sections(paragraphs: list[Paragraph]) -> list[tuple[_Section, list[Paragraph]]]:
    found: list[tuple[_Section, list[Paragraph]]] = []
    for paragraph in paragraphs:
        heading = _SECTION_RE.match(paragraph.text)
        if heading:
            found.append((_Section(line=paragraph.line, title=heading.group("title").strip()), []))
        elif _PART_RE.match(paragraph.text) and not _POINT_RE.match(paragraph.text):
            if found and not found[-1][0].end:
                found[-1][0].end = paragraph.line
        elif found and not found[-1][0].end:
            found[-1][1].append(paragraph)
    for n, (section, _body_paragraphs) in enumerate(found):
        if not section.end and n + 1 < len(found):
            section.end = found[n + 1][0].line
    return found


def read_section_blocks(
    paragraphs: list[Paragraph], document: DocumentInfo, other: ParsedPlan
) -> tuple[ParsedPlan, list[str]] | None:
    """The plan read section by section (its rows, and the texts before its first section),
    the rows of ``other`` outside those sections kept; None when fewer than ``MIN_SECTIONS``
    sections hold a tasks block and a bodies block."""
    read: list[_Section] = []
    for section, body in _sections(paragraphs):
        _read_section(section, body)
        if section.points and section.has_bodies and section.lead:
            read.append(section)
    if len(read) < MIN_SECTIONS:
        return None
    plan = ParsedPlan(document=document)
    for section in read:
        lead = "; ".join(section.lead)
        partners = "; ".join(section.partners)
        for n, item in enumerate(section.points):
            item.section = [section.title]
            item.lead, item.partners, item.timeframe = lead, partners, section.timeframe
            agent = _AGENT_RE.search(item.title or "") if n in section.apart else None
            if agent:
                item.lead, item.partners = agent.group("lead").strip(), ""
            plan.items.append(item)

    def inside(line: int | None) -> bool:
        return line is not None and any(
            s.line <= line and (not s.end or line < s.end) for s in read
        )

    plan.items.extend(item for item in other.items if not inside(item.line))
    plan.items.sort(key=lambda item: item.line)
    plan.warnings.extend(w for w in other.warnings if not inside(w.line))
    plan.document.columns = list(other.document.columns)
    first = read[0].line
    preamble = [p.text for p in paragraphs if p.line < first]
    return plan, preamble
