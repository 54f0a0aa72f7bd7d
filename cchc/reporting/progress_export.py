"""A plan's progress as an Excel workbook: the plan's tree (areas, objectives, tasks,
activities) with each node's progress from the one definition (``progress.progress_for``),
for the secretariat's periodic report and for anyone who reads the plan.

One sheet: the title, the day the figures are as of and the plan's overall progress, then a
table: number, content (indented by depth), kind, lead agency, progress (%), done, and for an
activity how many of its lead agencies have an approved report.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc.plans.models import Node, NodeKind, Plan
from cchc.reporting.progress import progress_for

HEADERS = (
    ("STT", 8),
    ("Nội dung", 70),
    ("Cấp", 12),
    ("Cơ quan chủ trì", 26),
    ("Tiến độ (%)", 12),
    ("Hoàn thành", 12),
    ("Cơ quan chủ trì có báo cáo được duyệt", 18),
)
KIND_LABELS = {
    NodeKind.SECTION: "Lĩnh vực",
    NodeKind.OBJECTIVE: "Mục tiêu",
    NodeKind.TASK: "Nhiệm vụ",
    NodeKind.ACTIVITY: "Hoạt động",
}
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")


def export_progress_xlsx(plan: Plan, *, on: dt.date) -> bytes:
    """The workbook's bytes (two queries: the nodes, the lead obligations and reports)."""
    nodes = list(Node.objects.filter(plan=plan).in_document_order())
    progress = progress_for(plan, nodes=[(n.pk, n.parent_id, n.kind) for n in nodes])
    depth: dict[int, int] = {}
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Tiến độ"
    sheet.cell(row=1, column=1, value="TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH").font = Font(bold=True)
    sheet.cell(row=2, column=1, value=plan.title).font = Font(bold=True, size=13)
    summary = (
        f"Tính đến ngày {on:%d/%m/%Y}: tiến độ chung {progress.overall:.1f}%; "
        f"{progress.done_count}/{len(progress.activities)} hoạt động hoàn thành."
    )
    sheet.cell(row=3, column=1, value=summary).font = Font(italic=True)
    header = 5
    for col, (label, width) in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=header, column=col, value=label)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(col)].width = width
    row = header + 1
    for node in nodes:
        depth[node.pk] = depth.get(node.parent_id, -1) + 1 if node.parent_id else 0
        if node.pk not in progress.nodes:
            continue
        activity = progress.activities.get(node.pk)
        is_activity = node.kind == NodeKind.ACTIVITY
        values: tuple[str | float, ...] = (
            node.number,
            node.labelled_title,
            KIND_LABELS.get(NodeKind(node.kind), node.kind),
            node.lead if is_activity else "",
            round(progress.nodes[node.pk], 1),
            ("Có" if activity.done else "Chưa") if activity else "",
            f"{activity.reported}/{activity.leads}" if activity else "",
        )
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=col, value=value)
            cell.border = _BORDER
            cell.alignment = Alignment(
                wrap_text=True, vertical="top", indent=depth[node.pk] if col == 2 else 0
            )
            if not is_activity:
                cell.fill = _GROUP_FILL
                cell.font = Font(bold=node.kind == NodeKind.SECTION)
        row += 1
    sheet.freeze_panes = f"A{header + 1}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation = "landscape"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
