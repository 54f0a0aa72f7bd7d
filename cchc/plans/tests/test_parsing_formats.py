"""The same plan written as DOCX, XLSX, HTML, CSV and markdown reads as the same items."""

from __future__ import annotations

import pytest

from cchc.plans.parsing import ParsedPlan, parse_bytes
from cchc.plans.tests import builders


def _markdown(rows: list[list[str]], title_lines: list[str]) -> str:
    lines = [*title_lines, ""]
    for index, row in enumerate(rows):
        lines.append("| " + " | ".join(c.replace("\n", "<br>") for c in row) + " |")
        if index == 0:
            lines.append("|" + "---|" * len(row))
    return "\n".join(lines)


def _parse(kind: str) -> ParsedPlan:
    rows, title = builders.other_plan_rows(), builders.TITLE_LINES
    if kind == "docx":
        return parse_bytes(builders.build_docx(rows, title), "plan.docx")
    if kind == "xlsx":
        return parse_bytes(builders.build_xlsx(rows, title), "plan.xlsx")
    if kind == "html":
        return parse_bytes(builders.build_html(rows, title).encode(), "plan.html")
    if kind == "csv":
        return parse_bytes(builders.build_csv(rows).encode(), "plan.csv")
    return parse_bytes(_markdown(rows, title).encode(), "plan.md")


def _content(parsed: ParsedPlan) -> list[dict]:
    return [{k: v for k, v in item.as_dict().items() if k != "line"} for item in parsed.items]


@pytest.mark.parametrize("kind", ["docx", "xlsx", "html", "csv", "md"])
def test_every_format_reads_the_other_plan(kind):
    parsed = _parse(kind)
    items = parsed.items
    assert [i.number for i in items] == [str(n) for n in range(1, 9)]
    assert items[0].section == [
        "A. CẢI CÁCH THỂ CHẾ",
        "I. Xây dựng và hoàn thiện văn bản quy phạm pháp luật",
    ]
    assert items[3].section == ["B. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "I. Kiểm soát thủ tục hành chính"]
    assert items[7].section == [
        "C. HIỆN ĐẠI HÓA NỀN HÀNH CHÍNH",
        "II. Áp dụng hệ thống quản lý chất lượng",
    ]
    assert items[0].outputs == "Báo cáo kết quả rà soát\nDự thảo Quyết định sửa đổi, bổ sung"
    assert items[1].lead == "Sở Nội vụ"  # merged vertically in DOCX, XLSX, HTML
    assert items[1].timeframe == "Trước ngày 30/6/2026"
    assert items[2].notes == "Kiểm tra ít nhất 20% số cơ quan, đơn vị"
    assert items[0].task is None and items[0].objective is None
    assert [c.field for c in parsed.document.columns] == [
        "number",
        "title",
        "outputs",
        "lead",
        "partners",
        "timeframe",
        "notes",
    ]
    if kind != "csv":
        doc = parsed.document
        assert doc.number == "15/KH-SNV"
        assert doc.date is not None and doc.date.isoformat() == "2026-01-10"
        assert doc.title == "KẾ HOẠCH Cải cách hành chính năm 2026"


def test_all_formats_agree():
    reference = _content(_parse("md"))
    for kind in ("docx", "xlsx", "html", "csv"):
        assert _content(_parse(kind)) == reference, kind
