"""Plans written as numbered prose blocks instead of a table::

    1. Rà soát văn bản quy phạm pháp luật
    a) Nhiệm vụ: Rà soát, hệ thống hóa …
    b) Cơ quan thực hiện:
    - Đơn vị chủ trì: Sở Tư pháp.
    - Đơn vị phối hợp: Các sở, ngành.
    c) Thời gian thực hiện: Quý IV/2026.

A labelled line ("Nhiệm vụ:", "Đơn vị chủ trì:", "Thời gian thực hiện:"…) is mapped to a field
by the same header rules as table columns; unlabelled lines continue the field above. A
numbered heading followed by labelled lines starts a row of work; headings followed by other
headings are sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cchc.plans.parsing import cells as C
from cchc.plans.parsing.columns import field_for_label
from cchc.plans.parsing.result import ITEM_FIELDS, Column, Item, ParsedPlan
from cchc.plans.parsing.titleblocks import page_numbers
from cchc.plans.readers.base import Paragraph

_FIELD_LINE_RE = re.compile(
    r"^\s*(?:[a-zđ]\s*[).]|[-+•*–])?\s*(?P<label>[^:]{2,60}?)\s*:\s*(?P<value>.*)$"
)
_HEADING_RE = re.compile(
    r"^\s*(?P<label>(?:PHẦN|Phần)\s+[0-9IVXLC]+|[IVXLC]{1,6}|[A-ZĐ]|\d+(?:\s*\.\s*\d+)*)"
    r"\s*[.)/:\-–]\s*(?P<rest>\S.*)$"
)
_LABEL_HEAD_RE = re.compile(r"^(?:don vi|co quan|thoi gian|thoi han)\b")
_GROUP_LABELS = {"co quan thuc hien", "don vi thuc hien", "co quan, don vi thuc hien"}


@dataclass(slots=True)
class _Block:
    line: int
    number: str
    heading: str
    section: list[str]
    fields: dict[str, str] = field(default_factory=dict)
    # The task's text came from a "Nội dung:" line (what is done), not from "Nhiệm vụ:".
    content: bool = False
    # A bullet of several over one group of labels: the block whose labels it shares.
    shares: _Block | None = None


@dataclass
class ProseInterpreter:
    parsed: ParsedPlan
    preamble: list[str] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)

    def run(self, paragraphs: list[Paragraph]) -> None:
        lines = unwrap_runs(paragraphs)
        blocks: list[_Block] = []
        heading: tuple[int, str, str] | None = None  # (line, label, text)
        block: _Block | None = None
        current_field: str | None = None
        seen_fields: list[str] = []
        intro: list[tuple[int, str]] = []
        # The heading whose text was followed by "- " bullets, and the blocks made under it.
        owner: tuple[tuple[int, str, str], list[_Block]] | None = None
        for index, (line_no, text) in enumerate(lines):
            if self._sub_heading(text, lines[index + 1 : index + 2]):
                # "- Nghị định …" over "+ Cơ quan chủ trì: …" lines: one row of work of the
                # numbered heading above, which becomes its section.
                if heading is not None:
                    self._open_section(heading[1], heading[2])
                self._skip(intro)
                intro = []
                heading = (line_no, "", _SUB_BULLET_RE.sub("", text, count=1))
                block = None
                current_field = None
                continue
            labelled = self._field(text)
            if labelled is not None:
                name, value = labelled
                if block is None and name not in {"title", "task"}:
                    bullets = _bullets(intro)
                    under = heading or (owner[0] if owner else None)
                    if under is not None and (len(bullets) >= 2 or (bullets and owner)):
                        # "- …" bullets over one group of labels: each bullet is a row of work
                        # with these labels, the heading above them a section.
                        block = self._bullet_blocks(bullets, under, owner, blocks)
                        owner = (under, [*(owner[1] if owner else []), *blocks[-len(bullets) :]])
                        heading = None
                        intro = []
                if block is None:
                    number, title, line_at = "", "", line_no
                    under_heading = heading
                    if heading is not None:
                        line_at, number, title = heading
                        heading = None
                    block = _Block(
                        line=line_at,
                        number=number,
                        heading=title,
                        section=[t for _, t in self.sections],
                    )
                    if under_heading is not None and _bullets(intro):
                        owner = (under_heading, [block])
                    if intro and title and intro[0][1].rstrip().endswith(":"):
                        # "5. Heading" over "- Các nội dung … bao gồm:" and its "+" list: the
                        # heading names the row of work, the list is its content (a note).
                        block.fields["title"] = title
                        block.fields["notes"] = " ".join(text for _l, text in intro)
                    elif intro and name not in {"title", "task"}:
                        # "1.2. Heading:" then the task's sentence, then its labels.
                        block.fields["title"] = " ".join(text for _l, text in intro)
                    else:
                        self._skip(intro)
                    intro = []
                    blocks.append(block)
                if name == "group":
                    current_field = None
                    continue
                if name in block.fields and name in {"title", "task"}:
                    # A second "Nhiệm vụ:" starts the next block of the same heading.
                    block = _Block(
                        line=line_no, number="", heading="", section=[t for _, t in self.sections]
                    )
                    blocks.append(block)
                if name == "task" and not block.fields.get("task"):
                    block.content = _CONTENT_LABEL_RE.match(text) is not None
                block.fields[name] = C.join_continuation(block.fields.get(name, ""), value)
                current_field = name
                if name not in seen_fields:
                    seen_fields.append(name)
                continue
            match = _HEADING_RE.match(text)
            if match and (
                not _plausible_number(match.group("label")) or _DOC_NUMBER_RE.match(text)
            ):
                match = None
            if match is None and self._labelled_next(lines[index + 1 : index + 2]):
                # "a) Nghị định …" over its own "- Cơ quan chủ trì: …" lines: a lettered point
                # heads a row of work as a numbered heading does, also inside the field above.
                match = _POINT_RE.match(text)
            if match and (block is None or current_field is None or _is_new_heading(match)):
                if heading is not None:
                    assigned = self._assigned(heading, intro)
                    if assigned is not None:
                        blocks.append(assigned)
                        intro = []
                    else:
                        self._open_section(heading[1], heading[2])
                self._close_sections(match.group("label"))
                self._skip(intro)
                intro = []
                heading = (
                    line_no,
                    C.normalise_number(match.group("label")),
                    match.group("rest").strip().rstrip(" :"),
                )
                owner = None
                block = None
                current_field = None
                continue
            if (
                block is not None
                and current_field in _SHORT_FIELDS
                and _SUB_BULLET_RE.match(text)
                and owner is not None
                and self._labels_ahead(lines, index + 1)
            ):
                # "Thời gian thực hiện: Thường xuyên." then "- Tổ chức tập huấn …" over its own
                # labels: the next row of work of the same heading, not part of the timeframe.
                block = None
                current_field = None
                intro = [(line_no, text)]
                continue
            if (
                block is not None
                and current_field in _SHORT_FIELDS
                and block.fields[current_field].endswith(".")
                and (text[:1].isupper() or text[:1].isdigit())
            ):
                # "Thời gian hoàn thành: Năm 2025." is complete: a new sentence is not part
                # of it (a paragraph, a note, a heading the converter did not mark).
                current_field = None
            if block is not None and current_field is not None:
                block.fields[current_field] = C.join_continuation(block.fields[current_field], text)
            elif heading is not None and block is None:
                intro.append((line_no, text))
            elif not blocks:
                self.preamble.append(text)
            else:
                self._skip([(line_no, text)])
        if heading is not None and (assigned := self._assigned(heading, intro)) is not None:
            blocks.append(assigned)
            intro = []
        self._skip(intro)
        self._emit(blocks, seen_fields)

    def _assigned(
        self, heading: tuple[int, str, str], intro: list[tuple[int, str]]
    ) -> _Block | None:
        """A numbered heading whose text says who does it ("Sở, ban, ngành … có trách nhiệm
        rà soát …") instead of labelled lines: a row of work with the heading as its title."""
        if not intro or not heading[1]:
            return None
        match = _RESPONSIBLE_RE.match(" ".join(text for _l, text in intro))
        if not match:
            return None
        return _Block(
            line=heading[0],
            number=heading[1],
            heading=heading[2],
            section=[t for _, t in self.sections],
            fields={"title": heading[2], "lead": match.group("lead")},
        )

    def _skip(self, lines: list[tuple[int, str]]) -> None:
        """Text that belongs to no row of work: a warning with its line, never silently lost."""
        if not lines:
            return
        text = " ".join(t for _l, t in lines)
        if len(text) > 160:
            text = text[:159] + "…"
        self.parsed.warn(
            lines[0][0],
            _("This text belongs to no row of work and was not imported: «%(text)s»")
            % {"text": text},
            "prose-skipped",
        )

    def _field(self, text: str) -> tuple[str, str] | None:
        match = _FIELD_LINE_RE.match(text)
        if not match:
            # "Thời gian thực hiện sau khi …": a time label the sentence goes on from.
            timed = _TIME_SENTENCE_RE.match(text)
            return ("timeframe", C.clean_cell(timed.group("value"))) if timed else None
        heading = _HEADING_RE.match(text)
        if heading and heading.group("label")[:1].isdigit():
            # "1.2. Triển khai, phát triển dữ liệu:" is a heading, not a labelled line.
            return None
        label = match.group("label")
        from cchc.plans.parsing.columns import header_key

        key = header_key(label)
        if key in _GROUP_LABELS and not match.group("value").strip():
            return "group", ""
        name = field_for_label(label)
        # A label is short; a longer one only when it opens as the usual labels do ("Đơn vị
        # chủ trì tham mưu thực hiện:"), not a sentence that happens to hold a colon.
        limit = 9 if _LABEL_HEAD_RE.match(key) else 7
        if name is None or name == "number" or len(label.split()) > limit:
            return None
        if page_numbers([text]):
            return None  # "Nội dung văn bản Số: …": the page's heading (titleblocks.py)
        if key.endswith(" gom") and not match.group("value").strip():
            return None  # "Các hoạt động hỗ trợ gồm:" announces a list: no label
        return name, C.clean_cell(match.group("value"))

    def _bullet_blocks(
        self,
        bullets: list[tuple[int, str]],
        under: tuple[int, str, str],
        owner: tuple[tuple[int, str, str], list[_Block]] | None,
        blocks: list[_Block],
    ) -> _Block:
        """One block per bullet; they share the labels that follow (given to the last)."""
        label, heading_text = under[1], under[2]
        if label and not any(t.startswith(f"{label}. ") for _k, t in self.sections):
            self._open_section(label, heading_text)
        section = [t for _, t in self.sections]
        for earlier in owner[1] if owner else []:
            # The heading heads several rows: it is their section, no row's number or task.
            if earlier.number == label and earlier.heading == heading_text:
                earlier.number, earlier.heading = "", ""
            earlier.section = list(section)
        last = _Block(line=bullets[-1][0], number="", heading="", section=section)
        for line_no, text in bullets:
            made = last if (line_no, text) == bullets[-1] else None
            made = made or _Block(line=line_no, number="", heading="", section=section)
            made.fields["title"] = text
            if made is not last:
                made.shares = last
            blocks.append(made)
        return last

    def _labels_ahead(self, lines: list[tuple[int, str]], start: int) -> bool:
        """Whether a labelled line comes before the next heading or bullet."""
        for _line, text in lines[start : start + 12]:
            if self._field(text) is not None:
                return True
            if _HEADING_RE.match(text) or _SUB_BULLET_RE.match(text):
                return False
        return False

    def _labelled_next(self, following: list[tuple[int, str]]) -> bool:
        return bool(following) and self._field(following[0][1]) not in (None, ("group", ""))

    def _sub_heading(self, text: str, following: list[tuple[int, str]]) -> bool:
        """An unlabelled "- …" line whose next line is a "+ …: …" labelled line."""
        if not _SUB_BULLET_RE.match(text) or self._field(text) is not None:
            return False
        return (
            bool(following)
            and following[0][1].startswith("+")
            and (self._field(following[0][1]) is not None)
        )

    def _close_sections(self, label: str) -> None:
        """A numbered heading ends the open section of its own kind (a sibling)."""
        kind = C.label_kind(C.normalise_number(label))
        kinds = [k for k, _ in self.sections]
        if kind in kinds:
            del self.sections[kinds.index(kind) :]

    def _open_section(self, label: str, title: str) -> None:
        if not label:
            return
        kind = C.label_kind(label)
        kinds = [k for k, _ in self.sections]
        if kind in kinds:
            del self.sections[kinds.index(kind) :]
        self.sections.append((kind, f"{label}. {title}"))

    def _emit(self, blocks: list[_Block], seen_fields: list[str]) -> None:
        for block in blocks:
            if block.shares is not None:
                shared = {k: v for k, v in block.shares.fields.items() if k not in block.fields}
                block.fields.update(shared)
        for block in blocks:
            if block.fields.get("lead"):
                block.fields["lead"] = _lead_subjects(block.fields["lead"])
                # "Các sở, ngành … theo chức năng, nhiệm vụ quản lý được giao": the bodies.
                block.fields["lead"] = _REMIT_RE.sub("", block.fields["lead"])
                roles = _LEAD_ROLES_RE.match(block.fields["lead"])
                if roles and not block.fields.get("partners"):
                    # "Cơ quan thực hiện: Sở X chủ trì, phối hợp với Y …": lead X, partners Y.
                    block.fields["lead"] = roles.group("lead")
                    block.fields["partners"] = roles.group("partners")
            if block.content and _LABEL_ONLY_RE.match(block.heading):
                # "a) Hoạt động 1" over "- Nội dung: Triển khai …": the heading only counts,
                # the content names the row of work.
                block.heading = ""
            if block.content and block.heading and "title" not in block.fields:
                # "4. Rà soát văn bản …" over "- Nội dung: rà soát các văn bản …": the heading
                # names the row of work, the "Nội dung" line says what it holds (kept as a note).
                block.fields["title"] = block.heading
                content = block.fields.pop("task")
                block.fields["notes"] = C.join_continuation(content, block.fields.get("notes", ""))
            # "Nhiệm vụ:" names the row of work unless the block also has "Hoạt động:".
            if "task" in block.fields and "title" not in block.fields:
                block.fields["title"] = block.fields.pop("task")
            # "1.1. Xây dựng …" followed by "Cơ quan chủ trì: …": the heading is the title.
            if "title" not in block.fields and block.heading and _assigns(block):
                block.fields["title"] = block.heading
        useful = [b for b in blocks if b.fields.get("title")]
        if not useful:
            return
        present = {name for b in useful for name in b.fields}
        if any(b.number for b in useful):
            present.add("number")
        if any(b.heading and b.heading != b.fields.get("title") for b in useful):
            present.add("task")
        columns = [f for f in ITEM_FIELDS if f in present]
        self.parsed.document.columns = [Column(label=_PROSE_LABELS[f], field=f) for f in columns]
        for block in blocks:
            if block not in useful:
                self.parsed.warn(
                    block.line,
                    _('This block has no "Nhiệm vụ" line; it was not read as a row of work.'),
                    "prose-no-task",
                )
                continue
            item = Item(line=block.line, section=block.section)
            for name in columns:
                # "a) Nhiệm vụ:" over a list: the first "- " mark is layout, not text.
                setattr(item, name, _LEADING_BULLET_RE.sub("", block.fields.get(name, "")))
            if "number" in present:
                item.number = block.number
            if "task" in present:
                heading = block.heading if block.heading != block.fields["title"] else ""
                item.task = block.fields.get("task") or heading
            self.parsed.items.append(item)


_SHORT_FIELDS = {"lead", "partners", "timeframe", "budget", "submit_level"}
_PAGE_NUMBER_RE = re.compile(r"^(?:[-–\s]*\d{1,4}[-–\s]*|(?:Trang|trang)\s+\d+(?:\s*/\s*\d+)?)$")
# A heading printed in bold after the previous item's last sentence, or a labelled sentence
# after another one, on the same line (as PDF-to-text conversions print them).
_GLUED_RE = re.compile(
    r"(?<=[.;:!?])\s+(?=\*\*\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVX]{1,5}\.|[a-zđ]\))\s)"
    r"|(?<=[.;])\s+(?=(?:[-+•]\s*)?(?:(?:Cơ quan|Đơn vị)\s+(?:chủ trì|phối hợp|thực hiện)"
    r"|Thời gian\s+(?:hoàn thành|hoàn tất|thực hiện)|Sản phẩm|Kết quả|Kinh phí)\s*:)",
    re.IGNORECASE,
)


_RESPONSIBLE_RE = re.compile(
    r"^(?P<lead>[A-ZĐ][^.;:]{2,100}?)\s+(?:có trách nhiệm|chịu trách nhiệm|chủ trì)\b"
)
_SUB_BULLET_RE = re.compile(r"^\s*-\s+")
# A heading that only counts: "Hoạt động 1", "Nhiệm vụ 2", "Nội dung thứ ba".
_LABEL_ONLY_RE = re.compile(
    r"^(?:Hoạt động|Nhiệm vụ|Nội dung|Công việc|Giải pháp)\s+(?:\d{1,3}|thứ\s+\w+)\s*[.:]?$",
    re.IGNORECASE,
)
_REMIT_RE = re.compile(r",?\s+theo chức năng,?\s*nhiệm vụ\b[^;]*$")
_LEAD_ROLES_RE = re.compile(
    r"^(?P<lead>[^,;:]{3,160}?)\s+chủ trì\s*,?\s*phối hợp(?: chặt chẽ)? với\s+"
    r"(?P<partners>[^;:]+?)"
    r"(?=\s(?:tham mưu|triển khai|thực hiện|tổ chức|để|nhằm)\b|\s*[.;]?\s*$)"
)
_POINT_RE = re.compile(r"^\s*(?P<label>[a-zđ])\s*\)\s*(?P<rest>[A-ZĐÀ-Ỹ].*)$")
_TIME_SENTENCE_RE = re.compile(
    r"^\s*(?:[-+•]\s*)?(?:Thời gian|Thời hạn)(?: thực hiện| hoàn thành)?\s+"
    r"(?P<value>(?:sau|trước|trong|từ|chậm nhất|hằng|hàng|thường xuyên)\b.*)$",
    re.S,
)
# A number or letter alone on its line ("6.", "II.", "b)"): the label of the line below.
_BARE_LABEL_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.|[a-zđ]\))$")
_CONTENT_LABEL_RE = re.compile(r"^\s*(?:[a-zđ]\s*[).]|[-+•*–])?\s*Nội dung\b", re.IGNORECASE)
# A document's number at the start of a wrapped line: "214/NQ-CP", "80/2025/NĐ-CP",
# "178-QĐ/TW" (a party document), never an item number.
_DOC_NUMBER_RE = re.compile(r"^\d{1,5}(?:/(?:\d{4}/)?|-(?=[A-ZĐ]{1,6}/))[A-ZĐ]")
_LEADING_BULLET_RE = re.compile(r"^[-+•]\s+")
_LETTER_LINE_RE = re.compile(r"^\s*[a-zđ]\s*[).]\s")
# Words a printed line may end on only when the phrase goes on below it.
OPEN_ENDINGS = frozenset(
    [
        "của",
        "và",
        "các",
        "những",
        "về",
        "với",
        "cho",
        "trong",
        "theo",
        "để",
        "tại",
        "từ",
        "đến",
        "được",
        "là",
        "hoặc",
        "thuộc",
        "nhằm",
    ]
)


def unwrap_runs(paragraphs: list[Paragraph]) -> list[tuple[int, str]]:
    """The lines with the lines a converter hard-wrapped joined again.

    Crawled pages keep the printed line breaks inside a paragraph (lines with no blank line
    between them): a line continues the one above when it starts in lower case (and is no "a)"
    point), when the one above opened a "**" it did not close, or when the one above ends on a
    word no phrase ends on ("của", "và", "các" …).
    """
    joined: list[list[object]] = []  # [line, text]
    bold_open = False
    last_line = -2
    for paragraph in paragraphs:
        for raw in split_glued(paragraph.text):
            line = C.clean_cell(raw)
            if not line or _PAGE_NUMBER_RE.match(line):
                continue
            same_run = paragraph.line <= last_line + 1 and bool(joined)
            previous = str(joined[-1][1]) if same_run else ""
            last_word = previous.rsplit(" ", 1)[-1].lower() if previous else ""
            continues = (
                same_run
                and (
                    bold_open
                    or (line[:1].islower() and not _LETTER_LINE_RE.match(line))
                    or (last_word in OPEN_ENDINGS and not _HEADING_RE.match(line))
                    or (
                        _BARE_LABEL_RE.match(previous) is not None
                        and not _BARE_LABEL_RE.match(line)
                    )
                    # "… tại Nghị quyết" / "214/NQ-CP": a document's number, not a heading
                    or (previous[-1:].isalnum() and bool(_DOC_NUMBER_RE.match(line)))
                )
            )
            if continues:
                joined[-1][1] = f"{previous} {line}"
            else:
                joined.append([paragraph.line, line])
                bold_open = False
            bold_open = bold_open != (raw.count("**") % 2 == 1)
        last_line = paragraph.line
    return [(int(str(line)), str(text)) for line, text in joined]


def split_glued(text: str) -> list[str]:
    """The lines of a paragraph, with glued headings and labelled sentences set apart."""
    return [part for line in text.splitlines() for part in _GLUED_RE.split(line)]


def _bullets(intro: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The "- " bullets of the text between a heading and its labels, each with the lines that
    continue it; [] unless the text starts with a bullet."""
    if not intro or not _SUB_BULLET_RE.match(intro[0][1]):
        return []
    bullets: list[tuple[int, str]] = []
    for line_no, text in intro:
        if _SUB_BULLET_RE.match(text):
            bullets.append((line_no, _SUB_BULLET_RE.sub("", text, count=1)))
        else:
            bullets[-1] = (bullets[-1][0], f"{bullets[-1][1]} {text}")
    return bullets


def _plausible_number(label: str) -> bool:
    """Page or paragraph numbers ("1229") are not item numbers."""
    head = label.split(".")[0].strip()
    return not head.isdigit() or int(head) <= 300


# "Cơ quan thực hiện: Bộ Công an tiến hành rà soát …; các bộ, … rà soát …": the agencies
# are the subjects of the clauses, before their verbs.
_CLAUSE_SUBJECT_RE = re.compile(
    r"^(?P<subject>[^;]{2,200}?)\s+(?=(?:chủ trì|tiến hành|chủ động|rà soát|thực hiện|"
    r"tham mưu|tổ chức triển khai|triển khai|phối hợp|có trách nhiệm|chịu trách nhiệm)\b)"
)


def _lead_subjects(lead: str) -> str:
    """The agencies of a lead written as sentences, one per clause; else the lead as is."""
    clauses = [clause.strip() for clause in lead.rstrip(" .").split(";")]
    subjects = [_CLAUSE_SUBJECT_RE.match(clause) for clause in clauses]
    if len(clauses) < 2 or not all(subjects):
        return lead
    return ", ".join(m.group("subject").strip(" ,") for m in subjects if m)


def _assigns(block: _Block) -> bool:
    return bool({"lead", "partners", "timeframe", "outputs"} & set(block.fields))


def _is_new_heading(match: re.Match[str]) -> bool:
    """Inside a field, "1. …" may be a numbered list item; a heading starts with a capital."""
    rest = match.group("rest")
    return rest[:1].isupper() and len(rest) < 300


_PROSE_LABELS = {
    "number": "STT",
    "objective": "Mục tiêu",
    "task": "Nhiệm vụ",
    "title": "Nội dung",
    "outputs": "Sản phẩm",
    "lead": "Đơn vị chủ trì",
    "partners": "Đơn vị phối hợp",
    "timeframe": "Thời gian thực hiện",
    "budget": "Kinh phí",
    "submit_level": "Cấp trình",
    "notes": "Ghi chú",
}
