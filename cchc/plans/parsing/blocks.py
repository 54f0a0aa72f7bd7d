"""Plans whose numbered points are each followed by a LABELLED BLOCK (a commune's or a
committee's plan written as text, not as a table)::

    II. NỘI DUNG, TIẾN ĐỘ, PHÂN CÔNG TRÁCH NHIỆM THỰC HIỆN
    1. Công tác tuyên truyền                          <- a topic: a heading
    1.1. Ban hành kế hoạch tuyên truyền …              <- a point: ONE row, its title
    - Đa dạng hình thức, phù hợp từng nhóm đối tượng …  <- description: the row's notes
    - Thời gian hoàn thành: Quý IV/2025.               <- the labelled block: its fields
    - Đơn vị chủ trì: Đồng chí Phó Chủ tịch …          <- the lead, whatever it names
    - Đơn vị phối hợp: …
    - Kết quả: Kế hoạch trình ký ban hành.

Rules (round 12, labelled blocks):

* a point followed by labelled lines is one row: its text the title, the bullets and steps
  ``(1) …`` between it and its block the row's notes (a deadline in a step's bracket is no
  timeframe: the block's label gives it);
* the labels' values are the fields as printed: a lead naming an officer is the lead;
* a bullet in which the issuing body says how it cooperates ("… phối hợp với … để …") stays
  in its point's row;
* a section of purposes and requirements ("I. MỤC ĐÍCH, YÊU CẦU") is no task section: its
  lines are not rows, and a warning says so; so is any other top section without a block.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cchc.plans.parsing.clauses import supporting_role
from cchc.plans.parsing.columns import field_for_label
from cchc.plans.parsing.result import DocumentInfo, Item, ParsedPlan
from cchc.plans.readers.base import Paragraph

# "1.1. Xây dựng …", "1.3 Xây dựng …" (the final dot dropped), "2. Tổ chức …".
_POINT_RE = re.compile(
    r"^\s*(?P<label>\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\s*[.)])\s*(?P<rest>[A-ZĐÀ-Ỹ\w].*)$", re.S
)
_PART_RE = re.compile(r"^\s*(?P<label>(?:PHẦN|Phần)\s+[0-9IVXLC]+|[IVXLC]{1,6})\s*[.):]\s*\S", re.S)
_LABELLED_RE = re.compile(r"^\s*[-+•–]?\s*(?P<label>[^:]{3,40}?)\s*:\s*(?P<value>\S.*)$", re.S)
_BULLET_RE = re.compile(r"^\s*(?:[-+•–]|\(\d{1,2}\)|[a-zđ]\))\s*")
# The fields a labelled block gives (a "Nội dung:" or "Mục tiêu:" line is no block).
_BLOCK_FIELDS = frozenset({"lead", "partners", "timeframe", "outputs", "budget"})
# A section of purposes and requirements, and nothing else: what the plan is for, not who
# does what ("I. MỤC ĐÍCH, YÊU CẦU", "Mục đích và yêu cầu"; not "MỤC TIÊU, NHIỆM VỤ").
_PURPOSE_RE = re.compile(
    r"^\W*(?:(?:PHẦN|Phần)\s+\w+|[IVXLC]{1,6}|\d{1,2})?\s*[.):]?\s*"
    r"(?:MỤC ĐÍCH|YÊU CẦU)(?:\s*(?:,|và|VÀ)\s*(?:MỤC ĐÍCH|YÊU CẦU))?\W*$",
    re.I,
)
PURPOSE_CODE = "purpose-skipped"
# A plan of labelled blocks has at least this many points carrying one.
MIN_BLOCKS = 3


@dataclass(slots=True)
class _Unit:
    line: int
    text: str
    kind: str  # "part", "point", "field", "text"
    label: str = ""
    field: str = ""
    value: str = ""


@dataclass
class _Reading:
    units: list[_Unit]
    plan: ParsedPlan
    # The reading it may replace: its rows of the parts without blocks are kept.
    other: ParsedPlan
    preamble: list[str] = field(default_factory=list)
    # The numbers of the rows read from points (not those kept from ``other``).
    numbers: set[str | None] = field(default_factory=set)


def _units(paragraphs: list[Paragraph]) -> list[_Unit]:
    """Each line of the paragraphs as a unit: a part heading, a numbered point, a labelled
    line of a block, or other text (a line starting in lower case continues the one above)."""
    units: list[_Unit] = []
    for paragraph in paragraphs:
        for raw in paragraph.text.split("\n"):
            text = " ".join(raw.split())
            if not text:
                continue
            if units and text[:1].islower() and units[-1].kind != "part":
                units[-1].text += " " + text
                units[-1].value = (units[-1].value + " " + text).strip()
                continue
            units.append(_unit(paragraph.line, text))
    return units


def _unit(line: int, text: str) -> _Unit:
    if _PART_RE.match(text):
        return _Unit(line, text, "part")
    point = _POINT_RE.match(text)
    if point:
        label = re.sub(r"[\s.)]+$", "", point.group("label"))
        return _Unit(line, text, "point", label=label, value=point.group("rest").strip())
    labelled = _LABELLED_RE.match(text)
    if labelled:
        name = field_for_label(labelled.group("label"))
        if name in _BLOCK_FIELDS:
            value = labelled.group("value").strip()
            return _Unit(line, text, "field", field=name or "", value=value)
    return _Unit(line, text, "text", value=_BULLET_RE.sub("", text).strip())


def block_fields(units: list[_Unit], start: int) -> set[str]:
    """The labelled fields between the point at ``start`` and the next point or part."""
    found: set[str] = set()
    for unit in units[start + 1 :]:
        if unit.kind in ("point", "part"):
            break
        if unit.kind == "field":
            found.add(unit.field)
    return found


def _carries_block(fields: set[str]) -> bool:
    """A block names who leads or when, and one more field."""
    return bool(fields & {"lead", "timeframe"}) and len(fields) >= 2


def _depth(label: str) -> int:
    return label.count(".") + 1


def clean_value(value: str) -> str:
    """A label's value as printed, its final punctuation aside."""
    return value.strip().rstrip(".;,").strip()


def point_title(text: str) -> str:
    """A point's text as the row's title: without the role words that open it (Convention B)
    and without its final punctuation or colon."""
    title = clean_value(text).rstrip(":").strip()
    # "Phối hợp với A, B chuẩn bị …", "Chủ trì, phối hợp với A …": the role words and the
    # bodies go, the task stays (clauses.supporting_role)
    task, _role = supporting_role(re.sub(r"^Chủ trì,\s*[Pp](?=hối hợp)", "P", title))
    return task[:1].upper() + task[1:] if task else title


def read_labelled_blocks(
    paragraphs: list[Paragraph], document: DocumentInfo, other: ParsedPlan
) -> _Reading | None:
    """The plan read point by point with its labelled blocks; None when fewer than
    ``MIN_BLOCKS`` points carry a block (the document is not written that way) or when the
    ``other`` reading already made the points its rows (see ``replaces``)."""
    units = _units(paragraphs)
    carriers = [
        i
        for i, unit in enumerate(units)
        if unit.kind == "point" and _carries_block(block_fields(units, i))
    ]
    if len(carriers) < MIN_BLOCKS:
        return None
    depth = Counter(_depth(units[i].label) for i in carriers).most_common(1)[0][0]
    reading = _Reading(units=units, plan=ParsedPlan(document=document), other=other)
    _read_parts(reading, carriers, depth)
    # (or the other reading glued several points' blocks into fewer rows: round 16)
    fuller = len(reading.numbers) > len(other.items)
    return reading if fuller or replaces(reading.numbers, other) else None


def replaces(numbers: set[str | None], other: ParsedPlan) -> bool:
    """Whether the point-by-point reading (its rows' ``numbers``) replaces ``other``: it does
    unless at least half of the other's rows carry those numbers (the layout read as it is)."""
    matching = sum(1 for item in other.items if item.number in numbers)
    return not other.items or 2 * matching < len(other.items)


def _read_parts(reading: _Reading, carriers: list[int], depth: int) -> None:
    """Split the units by part heading; read the parts holding blocks, skip the others."""
    units = reading.units
    parts: list[tuple[int, int]] = []  # (first unit, end) of each part, a heading first
    starts = [i for i, unit in enumerate(units) if unit.kind == "part"]
    if not starts or starts[0] > 0:
        parts.append((0, starts[0] if starts else len(units)))
    for n, start in enumerate(starts):
        parts.append((start, starts[n + 1] if n + 1 < len(starts) else len(units)))
    first_carrier = carriers[0]
    for start, end in parts:
        if any(start <= i < end for i in carriers):
            _read_part(reading, start, end, depth)
        elif end <= first_carrier and units[start].kind != "part":
            reading.preamble.extend(unit.text for unit in units[start:end])
        else:
            _skip_part(reading, start, end)


def _skip_part(reading: _Reading, start: int, end: int) -> None:
    """A part without any labelled block: a purposes section gives no row; another keeps the
    rows the other reading found in it. Whatever gives no row is named in a warning."""
    units = reading.units
    heading = units[start]
    body = units[start + 1 : end]
    if heading.kind != "part" or not body:
        return
    if is_purpose_heading(heading.text):
        warn_purpose(reading.plan, heading.line, heading.text)
        return
    last = units[end].line if end < len(units) else None
    kept = [
        item
        for item in reading.other.items
        if item.line >= heading.line and (last is None or item.line < last)
    ]
    reading.plan.items.extend(kept)
    if not kept:
        reading.plan.warn(
            heading.line,
            _(
                "The section «%(heading)s» has no point with a labelled block (lead, "
                "timeframe): its %(count)d lines were not imported as rows of work; check them."
            )
            % {"heading": heading.text[:80], "count": len(body)},
            "section-skipped",
        )


def is_purpose_heading(text: str) -> bool:
    """Whether a section heading names the plan's purposes and requirements, and only them."""
    return _PURPOSE_RE.match(text.strip(" *#_")) is not None


def warn_purpose(plan: ParsedPlan, line: int | None, heading: str) -> None:
    plan.warn(
        line,
        _(
            "The section «%(heading)s» states the plan's purposes and requirements, not tasks: "
            "nothing in it was imported as a row of work."
        )
        % {"heading": heading[:80]},
        PURPOSE_CODE,
    )


def drop_purpose_rows(plan: ParsedPlan) -> None:
    """Any reading: the rows read in a purposes and requirements section are no rows of work
    (its aims have verbs: "Triển khai đầy đủ …"), each such section named in a warning. Kept
    when the plan has no other row (then the document is no plan of tasks; the readers say)."""
    dropped: dict[str, int] = {}
    for item in plan.items:
        if item.section and is_purpose_heading(item.section[0]):
            dropped.setdefault(item.section[0], item.line)
    if not dropped or all(item.section and item.section[0] in dropped for item in plan.items):
        return
    plan.items = [item for item in plan.items if not item.section or item.section[0] not in dropped]
    for heading, line in dropped.items():
        warn_purpose(plan, line, heading)


def _read_part(reading: _Reading, start: int, end: int, depth: int) -> None:
    """The rows of one part: each point at the rows' depth one row; shallower points are its
    topics (section headings); the lines after a point, up to the next, its block and notes."""
    units = reading.units
    part = [units[start].text] if units[start].kind == "part" else []
    topic: list[str] = []
    row: Item | None = None
    notes: list[str] = []
    for unit in units[start + (1 if part else 0) : end]:
        if unit.kind == "point" and _depth(unit.label) < depth:
            _close(row, notes)
            row, notes = None, []
            topic = [unit.text]
        elif unit.kind == "point" and _depth(unit.label) == depth:
            _close(row, notes)
            title = point_title(unit.value)
            # (the role words a title leaves, as printed, are kept in the notes: Convention B)
            notes = [] if title == clean_value(unit.value).rstrip(":").strip() else [unit.value]
            row = Item(line=unit.line, section=part + topic, number=unit.label, title=title)
            reading.numbers.add(row.number)
            reading.plan.items.append(row)
        elif row is None:
            _skip_text(reading.plan, unit)  # an introduction of the part or topic
        elif unit.kind == "field":
            _set_field(row, unit.field, clean_value(unit.value))
        else:
            notes.append(unit.text)
    _close(row, notes)


def _skip_text(plan: ParsedPlan, unit: _Unit) -> None:
    """A line before the part's first row (its introduction): no row, and said so."""
    text = unit.text if len(unit.text) <= 160 else unit.text[:159] + "…"
    plan.warn(
        unit.line,
        _("This text belongs to no row of work and was not imported: «%(text)s»") % {"text": text},
        "prose-skipped",
    )


def _set_field(row: Item, name: str, value: str) -> None:
    """A block's field on its row; a label printed twice adds its value."""
    current = getattr(row, name)
    setattr(row, name, f"{current}; {value}" if current else value)


def _close(row: Item | None, notes: list[str]) -> None:
    if row is not None and notes:
        row.notes = "\n".join(notes)
