"""The import preview's warnings: what may be wrong in the rows first, in line order; the names
the agency registry does not know in one collapsible group, each once with its lines."""

from __future__ import annotations

import datetime as dt
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cchc.agencies.registry import load_registry
from cchc.plans.parsing.result import DocumentInfo, ImportWarning, Item, ParsedPlan
from cchc.plans.views.preview_warnings import group_warnings

MINI = Path(__file__).parents[2] / "agencies" / "tests" / "fixtures" / "mini-registry.toml"

# Lines 3 to 5 are rows 1 to 3; row 2's title holds a partner (a suspect field).
PLAN = (
    "| STT | Nội dung | Chủ trì | Phối hợp | Thời gian |\n|---|---|---|---|---|\n"
    "| 1 | Rà soát thủ tục hành chính | Bộ Xây dựng | Sở Tư pháp | Quý IV/2025 |\n"
    "| 2 | Phối hợp với Sở Tư pháp thẩm định văn bản | Trung tâm Ươm tạo | Bộ Xây dựng | "
    "Năm 2026 |\n"
    "| 3 | Tập huấn nghiệp vụ | Sở Nội vụ | Bộ Xây dựng; Bộ Tài chính mới | Năm 2026 |\n"
)


def _preview(client: Client, text: str = PLAN) -> str:
    upload = SimpleUploadedFile("k.md", text.encode())
    response = client.post(reverse("plans:import_upload"), {"file": upload})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_rows_first_then_each_unknown_name_once_with_its_lines(importer_client: Client):
    load_registry(path=MINI)
    page = _preview(importer_client)
    rows = page.split('id="preview-warnings"')[1].split("</ul>")[0]
    unknown = page.split('id="preview-unknown-agencies"')[1].split("</details>")[0]
    assert page.index('id="preview-warnings"') < page.index('id="preview-unknown-agencies"')
    # The suspect title is in the first group, linked to its row; no unknown name is.
    assert re.search(r'href="#preview-row-2"><strong>dòng 4</strong></a>: Dòng 2, tiêu đề', rows)
    assert "Bộ Xây dựng" not in rows.replace("Phối hợp", "")
    assert 'id="preview-row-2"' in page
    # One entry per name, in the order of first appearance, with every line that prints it.
    names = re.findall(r"<span class=\"fw-semibold\" data-name>([^<]+)</span>", unknown)
    assert names == ["Bộ Xây dựng", "Trung tâm Ươm tạo", "Bộ Tài chính mới"]
    entry = unknown.split("data-name>Bộ Xây dựng</span>")[1].split("</li>")[0]
    assert re.findall(r'href="#preview-row-(\d)">(\d)</a>', entry) == [
        ("1", "3"),
        ("2", "4"),
        ("3", "5"),
    ]
    assert "dòng" in entry and "Chủ trì, Phối hợp" in entry
    # The counts in the headings: 3 names for 5 warnings.
    assert "Chưa có trong danh mục cơ quan: 3 tên" in unknown
    assert "(5 cảnh báo)" in unknown
    assert "Gán tên trên trang cơ quan" in unknown
    assert reverse("agencies:mapping") in unknown


@pytest.mark.django_db
def test_the_json_keeps_one_warning_per_fragment(importer: object, tmp_path: Path):
    load_registry(path=MINI)
    source = tmp_path / "k.md"
    source.write_text(PLAN)
    out = StringIO()
    call_command("import_plan", str(source), "--dry-run", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    unresolved = [w for w in payload["warnings"] if w["code"] == "unresolved-agency"]
    assert [w["line"] for w in unresolved] == [3, 4, 4, 5, 5]
    assert payload["items"][2]["unresolved_agencies"] == [
        {"field": "partners", "text": "Bộ Xây dựng"},
        {"field": "partners", "text": "Bộ Tài chính mới"},
    ]
    assert payload["items"][0]["unresolved_agencies"] == [{"field": "lead", "text": "Bộ Xây dựng"}]


def _plan(warnings: list[ImportWarning], items: list[Item]) -> ParsedPlan:
    document = DocumentInfo(title="T", number=None, date=dt.date(2025, 1, 1), format="md")
    return ParsedPlan(document=document, items=items, warnings=warnings)


def test_warnings_in_line_order_document_first():
    plan = _plan(
        [
            ImportWarning(9, "c", "suspect-field"),
            ImportWarning(None, "a", "inferred-columns"),
            ImportWarning(4, "b1", "unread-text"),
            ImportWarning(12, "x", "unresolved-agency"),
            ImportWarning(4, "b2", "suspect-field"),
        ],
        [Item(line=4), Item(line=9)],
    )
    groups = group_warnings(plan)
    assert [r.warning.message for r in groups.rows] == ["a", "b1", "b2", "c"]
    assert [r.anchor for r in groups.rows] == [
        "",
        "preview-row-1",
        "preview-row-1",
        "preview-row-2",
    ]
    # No item lists its unknown names (a plan read elsewhere): the warnings are shown as is.
    assert [r.warning.message for r in groups.unknown_unlisted] == ["x"]
    assert groups.total == 5 and groups.unknown_warnings == 1


def test_one_name_spelled_two_ways_is_one_entry():
    items = [
        Item(line=3, interpreted={"unresolved_agencies": [{"field": "lead", "text": "Bộ Y tế"}]}),
        Item(
            line=7,
            interpreted={"unresolved_agencies": [{"field": "partners", "text": "Bộ Y Tế"}]},
        ),
    ]
    groups = group_warnings(_plan([], items))
    assert [(n.name, [r.line for r in n.lines]) for n in groups.unknown] == [("Bộ Y tế", [3, 7])]
    assert groups.unknown_warnings == 0  # counted from the warnings, not the items
