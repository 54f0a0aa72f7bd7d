"""The empty-cells check (``parsing/emptycells.py``): a row whose lead, partners and timeframe
cells are all empty, in a plan whose other rows all fill them, is a ``cells-empty`` warning
on its line; one empty cell, absent columns, small plans and plans where other rows leave cells
empty are left alone. Made-up rows."""

from __future__ import annotations

import pytest

from cchc.plans.parsing import parse_document
from cchc.plans.parsing.emptycells import CODE, check_empty_cells, empty_rows
from cchc.plans.parsing.result import DocumentInfo, Item, ParsedPlan
from cchc.plans.readers import read_bytes

_FULL = ("Sở Tài chính", "Sở Nội vụ", "Quý III/2027")


def _plan(*cells: tuple[str | None, str | None, str | None]) -> ParsedPlan:
    parsed = ParsedPlan(document=DocumentInfo(source_name="x.txt", format="txt"))
    parsed.items = [
        Item(
            line=20 + 5 * index,
            number=str(index + 1),
            title="Sắp xếp lại kho lưu trữ hồ sơ",
            lead=lead,
            partners=partners,
            timeframe=timeframe,
        )
        for index, (lead, partners, timeframe) in enumerate(cells)
    ]
    return parsed


def test_a_row_with_every_assignment_cell_empty_among_led_rows_is_flagged() -> None:
    parsed = _plan(("", "", ""), _FULL, ("", "", ""), _FULL, _FULL)
    assert empty_rows(parsed) == [0, 2]
    check_empty_cells(parsed)
    assert [w.line for w in parsed.warnings if w.code == CODE] == [20, 30]


def test_one_empty_cell_absent_columns_and_plans_without_leads_are_left_alone() -> None:
    assert empty_rows(_plan(("Sở Y tế", "", ""), _FULL, _FULL)) == []
    assert empty_rows(_plan((None, None, None), _FULL, _FULL)) == []
    # a plan where other rows leave cells empty too, and one too small to compare
    assert empty_rows(_plan(("", "", ""), ("", "", ""), _FULL, ("", "", ""))) == []
    assert empty_rows(_plan(("", "", ""), ("Sở Y tế", "", "Năm 2027"), _FULL, _FULL)) == []
    assert empty_rows(_plan(("", "", ""), _FULL)) == []


def test_the_check_runs_on_every_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc.plans.parsing import assemble

    seen: list[int] = []
    monkeypatch.setattr(
        assemble, "check_empty_cells", lambda parsed: seen.append(len(parsed.items))
    )
    table = (
        "| STT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n"
        "| 1 | Sửa quy trình cấp phép | Sở Xây dựng | Quý I/2030 |\n"
    )
    parse_document(read_bytes(table.encode(), "x.md"))
    assert seen == [1]
