"""The corpus's second figure: item fields scored with the rows aligned by title
(``corpus_check.aligned_item_fields``), so that one row read too many or too few does not
count every later row's facts as misread."""

from __future__ import annotations

from types import SimpleNamespace

from cchc.plans.tests.corpus_check import aligned_item_fields


def _row(title: str, lead: str = "") -> SimpleNamespace:
    return SimpleNamespace(number="", title=title, lead=lead, partners="", timeframe="")


FACTS = [
    {"index": 0, "title": "Rà soát thủ tục", "lead": "Sở Tư pháp"},
    {"index": 1, "title": "Số hóa hồ sơ", "lead": "Sở Nội vụ"},
    {"index": 2, "lead": "Văn phòng UBND tỉnh"},
]


def test_rows_read_in_place_score_the_same_either_way() -> None:
    items = [
        _row("Rà soát thủ tục hành chính", "Sở Tư pháp"),
        _row("Số hóa hồ sơ", "Sở Nội vụ"),
        _row("Công khai kết quả", "Văn phòng UBND tỉnh"),
    ]
    assert aligned_item_fields(items, FACTS) == [5, 5]


def test_a_row_read_too_many_shifts_the_later_rows_back_into_place() -> None:
    items = [
        _row("Rà soát thủ tục hành chính", "Sở Tư pháp"),
        _row("Các cơ quan, đơn vị liên quan"),  # a line read as a row of its own
        _row("Số hóa hồ sơ", "Sở Nội vụ"),
        _row("Công khai kết quả", "Văn phòng UBND tỉnh"),
    ]
    # Row 1's title found one row on; row 2, without a title, takes the same shift.
    assert aligned_item_fields(items, FACTS) == [5, 5]


def test_a_row_misread_stays_a_miss() -> None:
    items = [
        _row("Rà soát thủ tục hành chính", "Sở Tư pháp"),
        _row("Số hóa hồ sơ", "Sở Nội vụ chủ trì"),
        _row("Công khai kết quả", ""),
    ]
    assert aligned_item_fields(items, FACTS) == [5, 3]
