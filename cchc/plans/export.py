"""A plan as an Excel workbook laid out like the document it was imported from.

One sheet: a title block (appendix line, title, "Kèm theo … số … ngày … của …"), then ONE table
whose header is the document's own columns (``Plan.columns``, in order). Sections are grouping
rows (number in the number column, title in the next one); every activity is a row, its
objective and task printed on the first row they cover and left empty below, as documents do.
Importing the workbook gives the same plan again: that round trip is tested in
``tests/test_export.py``.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc.core.text import fold
from cchc.plans.models import Node, NodeKind, Plan

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Used when a plan has no recorded columns (created by hand): the seed's column set.
DEFAULT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("STT", "number"),
    ("Mục tiêu", "objective"),
    ("Nhiệm vụ", "task"),
    ("Hoạt động", "title"),
    ("Kết quả/Sản phẩm", "outputs"),
    ("Chủ trì", "lead"),
    ("Phối hợp", "partners"),
    ("Thời gian", "timeframe"),
    ("Kinh phí (triệu đồng)", "budget"),
)
# Column widths (characters) by field; extra columns get the default.
_WIDTHS = {
    "number": 7,
    "objective": 36,
    "task": 36,
    "title": 44,
    "outputs": 30,
    "lead": 22,
    "partners": 22,
    "timeframe": 14,
    "budget": 12,
    "submit_level": 16,
    "notes": 20,
}
_DEFAULT_WIDTH = 20
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_WRAP = Alignment(wrap_text=True, vertical="top")


def export_plan_xlsx(plan: Plan) -> bytes:
    """The plan as .xlsx bytes (two queries: the plan's nodes, nothing else)."""
    columns = _columns(plan)
    fields = [field for _, field in columns]
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Kế hoạch"

    row = _title_block(sheet, plan)
    header_row = row
    for col, (label, _field) in enumerate(columns, start=1):
        cell = sheet.cell(row=row, column=col, value=label)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _BORDER
    row += 1

    nodes = list(Node.objects.filter(plan=plan).in_document_order())
    by_id = {node.pk: node for node in nodes}
    number_col = fields.index("number") if "number" in fields else None
    printed: dict[str, int] = {}  # the objective/task printed last, by kind
    for node in nodes:
        if node.kind == NodeKind.SECTION:
            _write(sheet, row, _section_cells(node, len(columns), number_col), section=True)
            printed.clear()
            row += 1
        elif node.kind == NodeKind.ACTIVITY:
            groups = _ancestors(node, by_id)
            # Like the document: an objective or task is printed on its first row only, the
            # rows below leave the cell empty ("same as above").
            for kind in ("objective", "task"):
                group = groups.get(kind)
                if group is not None and printed.get(kind) == group.pk:
                    del groups[kind]
                elif group is not None:
                    printed[kind] = group.pk
            values = [_value(node, field, label, groups) for label, field in columns]
            _write(sheet, row, values, section=False)
            row += 1

    for col, field in enumerate(fields, start=1):
        width = _WIDTHS.get(field, _DEFAULT_WIDTH)
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _columns(plan: Plan) -> list[tuple[str, str]]:
    columns = [
        (str(c.get("label", "")), str(c.get("field", "")))
        for c in plan.columns
        if isinstance(c, dict) and c.get("label")
    ]
    return columns or list(DEFAULT_COLUMNS)


def _title_block(sheet: Worksheet, plan: Plan) -> int:
    """Write the lines above the table the way plan appendices print them; return the next
    row."""
    lines: list[tuple[str, Font]] = [("Phụ lục", Font(bold=True))]
    lines.append((plan.title, Font(bold=True, size=13)))
    reference = _reference_line(plan)
    if reference:
        lines.append((reference, Font(italic=True)))
    for row, (text, font) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = font
    return len(lines) + 2


def _reference_line(plan: Plan) -> str:
    """ "(Kèm theo Kế hoạch số 402/KH-UBND ngày 21/8/2021 của UBND tỉnh Bắc Giang)"."""
    parts: list[str] = []
    if plan.number:
        kind = "Kế hoạch" if fold(plan.title).startswith("ke hoach") else "văn bản"
        parts.append(f"Kèm theo {kind} số {plan.number}")
    if plan.issued_on:
        day = plan.issued_on
        parts.append(f"ngày {day.day}/{day.month}/{day.year}")
    if not parts:
        return ""
    if plan.issuer:
        parts.append(f"của {plan.issuer}")
    return "(" + " ".join(parts) + ")"


def _ancestors(node: Node, by_id: dict[int, Node]) -> dict[str, Node]:
    """The nearest objective and task above the node."""
    found: dict[str, Node] = {}
    parent_id = node.parent_id
    while parent_id is not None and parent_id in by_id:
        parent = by_id[parent_id]
        if parent.kind in (NodeKind.OBJECTIVE, NodeKind.TASK):
            found.setdefault(str(parent.kind), parent)
        parent_id = parent.parent_id
    return found


def group_text(node: Node) -> str:
    """The cell text of an objective, task or activity as the document printed it: its label
    ("1.1: Mục tiêu 1") before the words, so that re-importing the export gives the same
    number, label and title."""
    return f"{node.label}: {node.title}" if node.label else node.title


def _value(node: Node, field: str, label: str, groups: dict[str, Node]) -> str:
    if field in ("objective", "task"):
        group = groups.get(field)
        return group_text(group) if group is not None else ""
    if field == "title":
        return group_text(node)
    if field == "":
        value: Any = (node.extra or {}).get(label, "")
        return "" if value is None else str(value)
    return str(getattr(node, field, "") or "")


def _section_cells(node: Node, width: int, number_col: int | None) -> list[str]:
    cells = [""] * width
    if number_col is None or width < 2:
        cells[0] = f"{node.number}. {node.title}" if node.number else node.title
        return cells
    title_col = number_col + 1 if number_col + 1 < width else number_col - 1
    cells[number_col] = node.number
    cells[title_col] = node.title
    return cells


def _write(sheet: Worksheet, row: int, values: list[str], *, section: bool) -> None:
    for col, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=col)
        if value:
            # Always text: "=…" stays a string, not a formula; control characters are dropped.
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell.data_type = "s"
        cell.alignment = _WRAP
        cell.border = _BORDER
        if section:
            cell.font = Font(bold=True)
            cell.fill = _SECTION_FILL
