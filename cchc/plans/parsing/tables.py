"""Turning the rows of plan tables into items, sections and warnings.

The rows of every table that carries (or continues) a recognised header are read as one
stream. Each row is classified as a repeated header, a column-numbering row, a grouping row
(a section of any depth), a continuation of the previous row split by a page break, or a row
of work. Rows of work inherit empty objective/task cells from the row above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.core.text import fold
from cchc.plans.parsing import cells as C
from cchc.plans.parsing.columns import FIELD_LABELS, header_key
from cchc.plans.parsing.headers import (
    ROW_NUMBER_RE,
    Layout,
    find_header,
    groups_above,
    header_height,
    is_numbering_row,
    is_repeated_header,
    same_width,
)
from cchc.plans.parsing.infer import infer_layout
from cchc.plans.parsing.layouttables import task_tables
from cchc.plans.parsing.result import ITEM_FIELDS, Column, Item, ParsedPlan
from cchc.plans.readers.base import Row, Table

# Fields that describe a row of work rather than name it: a row with any of them is not a
# grouping row.
DETAIL_FIELDS = ("outputs", "lead", "partners", "timeframe", "budget", "submit_level")
INHERITED_FIELDS = ("objective", "task")


@dataclass(slots=True)
class StreamRow:
    cells: list[str]
    line: int
    layout: Layout
    after_break: bool
    confidence: list[float | None] | None = None


@dataclass(slots=True)
class _Pending:
    cells: list[str]
    line: int
    layout: Layout
    section: list[str]
    confidence: list[float | None] | None = None
    spanned_from: list[str] | None = None  # a row read from merged-down cells: the row above


@dataclass
class TableInterpreter:
    parsed: ParsedPlan
    unit: str = "line"
    rows: list[StreamRow] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (label kind, text)
    pending: _Pending | None = None
    last_number: int | None = None
    last_section: list[str] = field(default_factory=list)
    last_letter: str | None = None
    first_table: Table | None = None

    # -- collecting ---------------------------------------------------------------------

    def collect(self, tables: list[Table]) -> list[str]:
        """Queue the rows of every plan table; return the texts before the first header."""
        before: list[str] = []
        layout: Layout | None = None
        # (a letterhead, signature or addressee table holds no task: layouttables.py)
        tables = task_tables(tables)
        for table in tables:
            start, found = find_header(table.rows)
            if found is not None:
                height = header_height(table.rows, start)
                if layout is None:
                    self.first_table = table
                    # Grouping rows printed above the header ("B", "I" and their titles, as
                    # an appendix excerpt starts) are the first sections, not the title.
                    groups = groups_above(table.rows[:start])
                    before.extend(_row_text(r) for r in table.rows[: start - len(groups)])
                    continued = False
                elif found.keys == layout.keys:
                    # The header repeated on a new page: same columns, and the page's first
                    # row may finish the last row of the page before.
                    found = layout
                    continued = True
                else:
                    continued = False
                layout = found
                self._add_columns(layout)
                rows = table.rows[start + height :]
                if not continued and table is self.first_table:
                    rows = [*groups_above(table.rows[:start]), *rows]
                self._queue(rows, layout, table_break=continued)
            elif layout is not None and same_width(table, layout):
                self._queue(table.rows, layout, table_break=True)
        if layout is None:
            before.extend(self._inferred(tables))
        return before

    def _inferred(self, tables: list[Table]) -> list[str]:
        """No table has a header we know: the first numbered table whose columns can be told
        from their cells (`infer.infer_layout`) is read, with a warning naming them."""
        layout: Layout | None = None
        before: list[str] = []
        for table in tables:
            if layout is not None:
                if same_width(table, layout):
                    self._queue(table.rows, layout, table_break=True)
                continue
            found = infer_layout(table.rows)
            if found is None:
                continue
            layout = found.layout
            self.first_table = table
            before.extend(_row_text(r) for r in table.rows[: found.header])
            self._add_columns(layout)
            columns = ", ".join(
                f"“{layout.labels[i]}” → {FIELD_LABELS[layout.fields[i] or '']}"
                for i in found.inferred
            )
            self.parsed.warn(
                table.rows[found.header].line,
                _(
                    "The table's headers do not name the columns a plan needs; these were "
                    "inferred from their cells: %(columns)s. Check them."
                )
                % {"columns": columns},
                "inferred-columns",
            )
            self._queue(table.rows[found.header + 1 :], layout, table_break=False)
        return before

    def _add_columns(self, layout: Layout) -> None:
        known = {(c.label, c.field) for c in self.parsed.document.columns}
        for label, name in zip(layout.labels, layout.fields, strict=True):
            if (label, name or "") not in known:
                self.parsed.document.columns.append(Column(label=label, field=name or ""))

    def _queue(self, rows: list[Row], layout: Layout, *, table_break: bool) -> None:
        header_keys = [header_key(label) for label in layout.labels]
        after_break = table_break
        for row in rows:
            if is_repeated_header(row.cells, header_keys):
                after_break = True
                continue
            if is_numbering_row(row.cells):
                continue
            if not any(c.strip() for c in row.cells):
                continue
            self.rows.append(StreamRow(row.cells, row.line, layout, after_break, row.confidence))
            # A row is split by one page break at most: only the first row of a page can
            # continue the last row of the page before.
            after_break = False

    # -- interpreting -------------------------------------------------------------------

    def run(self) -> None:
        for index, row in enumerate(self.rows):
            self._row(index, row)
        self._flush()

    def _row(self, index: int, row: StreamRow) -> None:
        layout = row.layout
        bold = _bold_row(row.cells)
        cells = [C.clean_cell(c) for c in row.cells]
        if self._spanned(cells, row):
            return
        cells = self._fit(cells, row)
        number_col = layout.column("number")
        number = cells[number_col] if number_col is not None else ""
        numbered = layout.column("number") is not None
        # A bold-only row is a heading, also as the first row of a page.
        if bold and self._bold_section(row, cells, number):
            return
        if not number and self.pending is not None and row.after_break and numbered:
            self._continue(index, row, cells)
            return
        if self._section(index, row, cells, number):
            return
        if not number and self.pending is not None and self._is_continuation(row, cells):
            self._continue(index, row, cells)
            return
        self._flush()
        self._check_number(number, row.line)
        self._open(cells, row)

    def _spanned(self, cells: list[str], row: StreamRow) -> bool:
        """A short row under a row of work whose first cells span down (merged over several
        rows, as a crawled table leaves them out): its cells are the LAST columns. With its own
        title and another detail it is a row of work of its own, taking the spanned cells
        (lead, partners, group; not the number) from the row above; otherwise it continues
        the row above, column by column."""
        layout = row.layout
        width = layout.width
        if self.pending is None or len(cells) >= width or ROW_NUMBER_RE.match(cells[0]):
            return False
        # Empty leading cells (what some crawls leave of the merged ones) are part of the span.
        while cells and not cells[0]:
            cells = cells[1:]
        missing = width - len(cells)
        if len(cells) < 2:
            return False
        above = self.pending.spanned_from or self.pending.cells
        number_col = layout.column("number")
        if not all(above[i] for i in range(missing) if i != number_col):
            return False
        aligned = [""] * missing + cells
        title_col = layout.column("title")
        if title_col is None or title_col < missing:
            return False
        details = [
            c
            for c, f in zip(aligned, layout.fields, strict=True)
            if c and f in DETAIL_FIELDS and f != "lead"
        ]
        if not aligned[title_col] or not details:
            for i, text in enumerate(aligned):
                if text:
                    self.pending.cells[i] = C.join_continuation(self.pending.cells[i], text)
            return True
        for i in range(missing):
            if i != number_col:
                aligned[i] = above[i]
        self.parsed.warn(
            row.line,
            _(
                "The row has %(n)s cells but the header has %(m)s: its first cells were taken "
                "as merged down from the row above (their text is repeated). Check them."
            )
            % {"n": len(cells), "m": width},
            "spanned-cells",
        )
        self._flush()
        self._open(aligned, row, spanned_from=above)
        return True

    def _open(
        self, cells: list[str], row: StreamRow, *, spanned_from: list[str] | None = None
    ) -> None:
        """Start the row of work ``cells`` read from ``row``, under the current sections."""
        self.pending = _Pending(
            cells=cells,
            line=row.line,
            layout=row.layout,
            section=[text for _, text in self.sections],
            confidence=row.confidence,
            spanned_from=spanned_from,
        )

    def _fit(self, cells: list[str], row: StreamRow) -> list[str]:
        width = row.layout.width
        if len(cells) > width:
            extra = [c for c in cells[width:] if c]
            if extra:
                self.parsed.warn(
                    row.line,
                    _(
                        "The row has %(n)s cells but the header has %(m)s; the text of the extra "
                        "cells was added to the last column."
                    )
                    % {"n": len(cells), "m": width},
                    "extra-cells",
                )
                cells = [*cells[: width - 1], " ".join([cells[width - 1], *extra]).strip()]
            else:
                cells = cells[:width]
        elif len(cells) < width:
            filled = [c for c in cells if c]
            if len(filled) > 1 and len(set(filled)) > 1 and len(cells) > 2:
                self.parsed.warn(
                    row.line,
                    _(
                        "The row has %(n)s cells but the header has %(m)s (merged cells); its "
                        "cells were read from the left. Check its last columns."
                    )
                    % {"n": len(cells), "m": width},
                    "merged-cells",
                )
            cells = cells + [""] * (width - len(cells))
        return cells

    # -- sections -----------------------------------------------------------------------

    def _section(self, index: int, row: StreamRow, cells: list[str], number: str) -> bool:
        layout = row.layout
        texts = _distinct(cells)
        if not texts:
            return True
        # Text in the detail columns that is not a merged copy of the row's title.
        named = {c for c, f in zip(cells, layout.fields, strict=True) if f not in DETAIL_FIELDS}
        details = [
            c
            for c, f in zip(cells, layout.fields, strict=True)
            if f in DETAIL_FIELDS and c and c not in named
        ]
        label, title = "", ""
        if number and len(texts) >= 1:
            plain_number = C.split_label(number)[0] or number
            kind = C.label_kind(C.normalise_number(plain_number), self.last_letter)
            merged = len(row.cells) < layout.width and len(texts) <= 2
            if (
                kind in {"roman", "letter", "part"}
                and len(plain_number) <= 8
                and (not details or merged)
            ):
                label = C.normalise_number(plain_number)
                rest = [t for t in texts if t != number]
                title = rest[0] if rest else C.split_label(number)[1]
            elif len(texts) == 1 and texts[0] == number and len(number) > 8:
                label, title = C.split_label(number)
                if not label and not _looks_like_heading(number, cells):
                    return False
            elif (
                kind.startswith("arabic")
                and len(texts) == 2
                and not details
                and self._has_children(index, C.normalise_number(number))
            ):
                label, title = C.normalise_number(number), texts[1]
            else:
                return False
        elif not number and len(texts) == 1 and not details:
            text = texts[0]
            if not _looks_like_heading(text, cells):
                return False
            label, title = C.split_label(text)
            if not label and not _repeated(text, cells):
                return False
        else:
            return False
        self._flush()
        self._open_section(label, title, row.line)
        return True

    def _bold_section(self, row: StreamRow, cells: list[str], number: str) -> bool:
        """A row whose only content is a bold heading ("**CƠ CHẾ, CHÍNH SÁCH**", padded with
        empty or "** **" cells) names a section, whatever its wording."""
        fields = row.layout.fields
        # A row narrower than the header is merged: its heading spans the columns, and the
        # column it was read into (a lead column before the task) says nothing.
        merged = len(row.cells) < row.layout.width
        if not merged and any(c and f in DETAIL_FIELDS for c, f in zip(cells, fields, strict=True)):
            return False
        texts = [t for t in _distinct(cells) if t != number]
        if len(texts) != 1 or len(texts[0]) > 200:
            return False
        label, title = C.split_label(texts[0])
        if number and not label:
            label = C.normalise_number(number)
        self._flush()
        self._open_section(label, title, row.line)
        return True

    def _has_children(self, index: int, number: str) -> bool:
        for later in self.rows[index + 1 : index + 40]:
            col = later.layout.column("number")
            value = later.cells[col].strip() if col is not None and col < len(later.cells) else ""
            if value:
                return C.normalise_number(value).startswith(number + ".")
        return False

    def _open_section(self, label: str, title: str, line: int) -> None:
        kind = C.label_kind(label, self.last_letter) if label else "other"
        if kind == "letter":
            self.last_letter = label
        if title and label and not fold(title).startswith(fold(label) + "."):
            text = f"{label}. {title}"
        else:
            text = title or label
        kinds = [k for k, _ in self.sections]
        if kind in kinds:
            del self.sections[kinds.index(kind) :]
        elif kind == "other" and len(self.sections) <= 1:
            # An unlabelled heading after a single level of sections is their sibling.
            self.sections.clear()
        self.sections.append((kind, text))
        self.last_number = None

    # -- continuation rows --------------------------------------------------------------

    def _is_continuation(self, row: StreamRow, cells: list[str]) -> bool:
        layout = row.layout
        title_col = layout.column("title")
        lead_col = layout.column("lead")
        title = cells[title_col] if title_col is not None else ""
        has_lead = lead_col is not None and bool(cells[lead_col])
        if layout.column("number") is None:
            # Without a number column only a row that does not start a sentence can continue
            # the row above (the first row of a page, or a cell wrapped onto a new row).
            if (title and _content_number(title)[0]) or title[:1] in "-+•–":
                return False  # "b) …", "- …": the next entry of a list numbered in the cell
            return not title or not (title[:1].isupper() or title[:1].isdigit())
        # A full row of work (a title starting a sentence, and a lead) simply has no number;
        # so has a row starting a sentence with other details (an approval row with no lead).
        if title and title[:1].isupper() and not row.after_break:
            others = [
                c
                for c, f in zip(cells, layout.fields, strict=True)
                if c and f in DETAIL_FIELDS and f != "lead"
            ]
            if others:
                return False
        return not (title and has_lead and title[:1].isupper())

    def _continue(self, index: int, row: StreamRow, cells: list[str]) -> None:
        assert self.pending is not None
        pending_number = C.integer_number(self._pending_number())
        upcoming = self._next_number(index)
        if (
            row.after_break
            and pending_number is not None
            and upcoming is not None
            and upcoming > pending_number + 1
        ):
            text = " | ".join(t for t in cells if t)
            self.parsed.warn(
                row.line,
                _(
                    "This row continues a row that is missing from the document (the numbering "
                    "jumps from %(a)s to %(b)s), so it was not attached to row %(a)s: «%(text)s»"
                )
                % {"a": pending_number, "b": upcoming, "text": _shorten(text)},
                "orphan",
            )
            return
        last = len(self.pending.cells) - 1
        for i, text in enumerate(cells):
            if text and last >= 0:  # a wider continuation (another table's layout): to the last
                at = min(i, last)
                self.pending.cells[at] = C.join_continuation(self.pending.cells[at], text)

    def _pending_number(self) -> str:
        assert self.pending is not None
        col = self.pending.layout.column("number")
        return self.pending.cells[col] if col is not None else ""

    def _next_number(self, index: int) -> int | None:
        """The next row number, past grouping rows (their labels are not row numbers)."""
        for later in self.rows[index + 1 : index + 200]:
            col = later.layout.column("number")
            value = later.cells[col].strip() if col is not None and col < len(later.cells) else ""
            number = C.integer_number(C.clean_cell(value)) if value else None
            if number is not None:
                return number
        return None

    # -- rows of work -------------------------------------------------------------------

    def _check_number(self, number: str, line: int) -> None:
        value = C.integer_number(number)
        if value is None:
            return
        section = [text for _, text in self.sections]
        previous = self.last_number
        if previous is not None and section == self.last_section:
            if value > previous + 1:
                missing = (
                    str(previous + 1) if value == previous + 2 else f"{previous + 1}–{value - 1}"
                )
                self.parsed.warn(
                    line,
                    _(
                        "The numbering jumps from %(a)s to %(b)s: row(s) %(missing)s are missing "
                        "from the document."
                    )
                    % {"a": previous, "b": value, "missing": missing},
                    "numbering-gap",
                )
            elif value <= previous and value != 1:
                self.parsed.warn(
                    line,
                    _("Row number %(b)s comes after %(a)s: the numbering goes back.")
                    % {"a": previous, "b": value},
                    "numbering-back",
                )
        self.last_number = value
        self.last_section = section

    def _flush(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None:
            return
        layout = pending.layout
        item = Item(line=pending.line, section=list(pending.section))
        for name in ITEM_FIELDS:
            col = layout.column(name)
            if col is not None:
                setattr(item, name, pending.cells[col])
        for label, field_name, text in zip(
            layout.labels, layout.fields, pending.cells, strict=True
        ):
            if field_name is None and label:
                item.extra[label] = text
        if item.lead:
            item.lead = C.list_cell(item.lead)
        if item.partners:
            item.partners = C.list_cell(item.partners)
        inherited = self._inherit(item)
        if self._inherits_timeframe(layout) and item.timeframe == "":
            previous = self.parsed.items[-1] if self.parsed.items else None
            if previous is not None and previous.section == item.section and previous.timeframe:
                item.timeframe = previous.timeframe
        if item.title and item.title[:2] in {"- ", "+ ", "• ", "– "}:
            item.title = item.title[2:].strip()
        if not item.number and item.title:
            # No STT column (or an empty STT cell): the numbering printed in the content cell.
            label, rest = _content_number(item.title)
            if label:
                item.number = label
            item.title = rest
        parts = _numbered_parts(item.title or "")
        if len(parts) >= 2:
            self._split(item, parts)
            return
        self._check_entries(item, inherited)
        if pending.confidence is not None:
            self._confidence(item, pending)
        if not item.title:
            fallback = item.task or item.objective or item.outputs
            self.parsed.warn(
                item.line,
                _("Row %(number)s has no title; it is named after its task or objective.")
                % {"number": item.number or "?"},
                "no-title",
            )
            item.title = fallback or _("(untitled)")
        self.parsed.items.append(item)

    def _split(self, item: Item, parts: list[tuple[str, str]]) -> None:
        """One row holding several numbered activities ("1. …", "2. …"): one item each."""
        self.parsed.warn(
            item.line,
            _(
                "Row %(number)s holds %(count)s numbered activities; each was read as its own "
                "row of work with the row's other cells. Check them in the preview."
            )
            % {"number": item.number or "?", "count": len(parts)},
            "split-row",
        )
        base = item.number or ""
        for label, text in parts:
            part = Item(**{**{f: getattr(item, f) for f in ITEM_FIELDS}, "line": item.line})
            part.section = list(item.section)
            part.extra = dict(item.extra)
            part.title = text
            part.number = f"{base}.{label}" if base else label
            self.parsed.items.append(part)

    def _confidence(self, item: Item, pending: _Pending) -> None:
        """OCR: each field's confidence, shown in the preview; unsure cells are warnings."""
        from cchc.plans.readers.ocr import min_confidence

        assert pending.confidence is not None
        scores: dict[str, float] = {}
        for name, value in zip(pending.layout.fields, pending.confidence, strict=False):
            if name is not None and value is not None:
                scores[name] = round(value)
        item.interpreted["confidence"] = scores
        unsure = {name: value for name, value in scores.items() if value < min_confidence()}
        if unsure:
            self.parsed.warn(
                item.line,
                _(
                    "OCR was unsure of row %(number)s (%(cells)s); check these cells against the "
                    "scan and correct them before storing."
                )
                % {
                    "number": item.number or "?",
                    "cells": ", ".join(
                        f"{FIELD_LABELS.get(name, name)} {value:.0f}%"
                        for name, value in unsure.items()
                    ),
                },
                "low-confidence",
            )

    @staticmethod
    def _inherits_timeframe(layout: Layout) -> bool:
        """A timeframe printed as the first column heads a run of rows (merged down)."""
        for name in layout.fields:
            if name in (None, "number"):
                continue
            return name == "timeframe"
        return False

    def _inherit(self, item: Item) -> set[str]:
        """Fill empty objective/task cells from the row above (merged cells in the source)."""
        inherited: set[str] = set()
        previous = self.parsed.items[-1] if self.parsed.items else None
        if previous is None or previous.section != item.section:
            return inherited
        for name in INHERITED_FIELDS:
            if getattr(item, name) == "" and getattr(previous, name):
                # A new objective starts new tasks: the task is inherited only with it.
                if name == "task" and "objective" not in inherited and item.objective:
                    continue
                setattr(item, name, getattr(previous, name))
                inherited.add(name)
        return inherited

    def _check_entries(self, item: Item, inherited: set[str]) -> None:
        for name, label in (
            ("objective", gettext_lazy("objective")),
            ("task", gettext_lazy("task")),
            ("title", gettext_lazy("activity")),
        ):
            if name in inherited:
                continue
            text = getattr(item, name) or ""
            entries = C.enumerated_entries(text)
            by_kind: dict[str, set[str]] = {}
            for entry in entries:
                kind, _sep, number = entry.rpartition(" ")
                by_kind.setdefault(kind.lower(), set()).add(number)
            if any(len(numbers) >= 2 for numbers in by_kind.values()):
                self.parsed.warn(
                    item.line,
                    _(
                        "The %(column)s cell of row %(number)s holds %(count)s entries (%(list)s); "
                        "they were kept together as one. Split them in the document or correct the "
                        "plan after import."
                    )
                    % {
                        "column": label,
                        "number": item.number or "?",
                        "count": len(entries),
                        "list": ", ".join(entries),
                    },
                    "two-in-one-cell",
                )


def _row_text(row: Row) -> str:
    return " ".join(_distinct([C.clean_cell(c) for c in row.cells]))


def _distinct(cells: list[str]) -> list[str]:
    seen: list[str] = []
    for cell in cells:
        if cell and cell not in seen:
            seen.append(cell)
    return seen


def _repeated(text: str, cells: list[str]) -> bool:
    return sum(1 for c in cells if c == text) >= 2


def _looks_like_heading(text: str, cells: list[str]) -> bool:
    if _repeated(text, cells):
        return True
    first = text.lstrip("-–•*+ ")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False
    label, _rest = C.split_label(text)
    if label:
        return True
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) > 0.8


_CONTENT_NUMBER_RE = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*\.?|[a-zđ]\)|[-+•–])\s+(?=\S)")
_PART_RE = re.compile(r"^\s*(\d{1,2}|[a-zđ])\s*[.)]\s+(\S.*)$")


def _content_number(title: str) -> tuple[str, str]:
    """("1", "Xây dựng …") from "1. Xây dựng …"; ("a", …) from "a) …"; "-" bullets give ""."""
    match = _CONTENT_NUMBER_RE.match(title)
    if not match:
        return "", title
    marker = match.group(1)
    rest = title[match.end() :].strip()
    if marker in "-+•–":
        return "", rest
    return marker.rstrip(".)"), rest


def _numbered_parts(title: str) -> list[tuple[str, str]]:
    """The numbered lines of a cell holding several activities: "1. …\n2. …" or "a) …\nb) …",
    numbered 1, 2, 3 … (or a, b, c …) from the start; [] otherwise. Unnumbered lines continue
    the part above."""
    parts: list[tuple[str, str]] = []
    for line in title.split("\n"):
        match = _PART_RE.match(line)
        expected = str(len(parts) + 1) if not parts or parts[0][0].isdigit() else None
        if match and parts and not parts[0][0].isdigit():
            expected = chr(ord(parts[0][0]) + len(parts))
        if match and (match.group(1) == expected or (not parts and match.group(1) in "1a")):
            parts.append((match.group(1), match.group(2).strip()))
        elif parts:
            label, text = parts[-1]
            parts[-1] = (label, f"{text} {line.strip()}")
        else:
            return []
    return parts if len(parts) >= 2 else []


def _bold_row(cells: list[str]) -> bool:
    """Every filled cell of the raw row is bold (emphasis-only cells like "** **" are empty)."""
    filled = [c for c in cells if C.clean_cell(c)]
    return bool(filled) and all(C.is_emphasised(c) for c in filled)


def _shorten(text: str, limit: int = 160) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
