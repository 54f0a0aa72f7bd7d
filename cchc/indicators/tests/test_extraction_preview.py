"""The ``targets`` of the import preview on hand-built plans: which row carries which target
and which year a target without its own is due."""

from __future__ import annotations

import datetime as dt

from cchc.indicators.extraction.preview import annotate
from cchc.plans.parsing.result import DocumentInfo, Item, ParsedPlan

DAY = dt.date(2024, 7, 1)
OBJECTIVE = "1.1. Mục tiêu 1: Tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%"


def _schedule(kind: str, end: str | None) -> dict[str, object]:
    return {"text": "", "kind": kind, "start": None, "end": end, "recurrence": None}


def _plan(*items: Item, title: str = "KẾ HOẠCH CCHC GIAI ĐOẠN 2021-2030") -> ParsedPlan:
    return ParsedPlan(document=DocumentInfo(title=title), items=list(items))


def _item(line: int, number: str, **kwargs: object) -> Item:
    schedule = kwargs.pop("schedule", _schedule("deadline", "2025-12-31"))
    item = Item(line=line, number=number, section=["II. Cải cách TTHC"], **kwargs)  # type: ignore[arg-type]
    item.interpreted["schedule"] = schedule
    return item


def test_objective_targets_on_its_first_row_only_activity_targets_on_each_row():
    plan = _plan(
        _item(10, "1", objective=OBJECTIVE, title="Hoạt động 1: tuyên truyền"),
        _item(11, "2", objective=OBJECTIVE, title="Hoạt động 2: đảm bảo 100% cơ quan tham gia"),
        _item(12, "3", objective=OBJECTIVE, title="Hoạt động 3: tập huấn"),
    )
    annotate(plan, on=DAY)
    first, second, third = (item.interpreted["targets"] for item in plan.items)
    assert [(t["indicator"], t["value"], t["year"]) for t in first] == [
        ("tthc.dossiers_online", 50.0, 2025)
    ]
    assert [(t["value"], t["phrase"]) for t in second] == [(100.0, "đảm bảo 100% cơ quan tham gia")]
    assert third == []


def test_the_same_objective_text_in_another_section_is_read_again():
    other = _item(20, "9", objective=OBJECTIVE, title="Hoạt động 9")
    other.section = ["III. Khác"]
    plan = _plan(_item(10, "1", objective=OBJECTIVE, title="Hoạt động 1"), other)
    annotate(plan, on=DAY)
    assert [len(item.interpreted["targets"]) for item in plan.items] == [1, 1]


def test_a_row_named_after_its_objective_does_not_read_it_twice():
    plan = _plan(_item(10, "1", objective=OBJECTIVE, title=OBJECTIVE))
    annotate(plan, on=DAY)
    assert len(plan.items[0].interpreted["targets"]) == 1


def test_default_year_from_the_timeframe_else_the_plan_span_for_recurring_rows():
    text = "Mục tiêu: 90% thủ tục hành chính nội bộ được công bố"
    plan = _plan(
        _item(1, "1", objective=text + " A", schedule=_schedule("span", "2027-12-31")),
        _item(2, "2", objective=text + " B", schedule=_schedule("recurring", None)),
        _item(3, "3", objective=text + " C", schedule=_schedule("event", None)),
        _item(4, "4", objective=text + " D", schedule=None),
    )
    annotate(plan, on=DAY)
    years = [item.interpreted["targets"][0]["year"] for item in plan.items]
    assert years == [2027, 2030, None, None]


def test_recurring_row_without_a_plan_span_has_no_year():
    plan = _plan(
        _item(1, "1", objective=OBJECTIVE, schedule=_schedule("recurring", None)),
        title="Kế hoạch cải cách hành chính",
    )
    annotate(plan, on=DAY)
    assert plan.items[0].interpreted["targets"][0]["year"] is None


def test_every_item_gets_a_list_and_exactly_the_preview_keys():
    plan = _plan(
        _item(1, "1", objective=None, title="Hoạt động không có chỉ tiêu"),
        _item(2, "2", objective=OBJECTIVE, title=None),
    )
    annotate(plan, on=DAY)
    assert plan.items[0].interpreted["targets"] == []
    (target,) = plan.items[1].interpreted["targets"]
    assert set(target) == {
        "indicator",
        "comparator",
        "value",
        "value_max",
        "unit",
        "year",
        "scope",
        "phrase",
    }
    assert plan.items[1].as_dict()["targets"] == [target]
