"""The lead check (``parsing/unreadleads.py``): a row with no lead (``None``) in a plan whose
other rows have one is a ``lead-unread`` warning on its line; a plan without leads and empty
lead cells are left alone. Made-up rows."""

from __future__ import annotations

from cchc.plans.parsing.result import DocumentInfo, Item, ParsedPlan
from cchc.plans.parsing.unreadleads import CODE, check_unread_leads, unread_leads


def _plan(*leads: str | None) -> ParsedPlan:
    parsed = ParsedPlan(document=DocumentInfo(source_name="x.txt", format="txt"))
    parsed.items = [
        Item(line=10 + index, number=str(index + 1), title="Rà soát quy trình nội bộ", lead=lead)
        for index, lead in enumerate(leads)
    ]
    return parsed


def test_a_row_without_the_lead_its_neighbours_have_is_flagged() -> None:
    parsed = _plan("Sở Nội vụ", None, "Sở Tư pháp", None)
    assert unread_leads(parsed) == [1, 3]
    check_unread_leads(parsed)
    assert [w.line for w in parsed.warnings if w.code == CODE] == [11, 13]


def test_plans_without_leads_and_empty_cells_are_left_alone() -> None:
    assert unread_leads(_plan(None, None, None)) == []
    assert unread_leads(_plan("Sở Nội vụ", "", "Sở Tư pháp")) == []
    assert unread_leads(_plan()) == []
