"""The number check (``parsing/printednumbers.py``): a row whose number is not the mark its
line prints is a ``number-misread`` warning on its line; the importer's numbers for the parts of
one point, later rows of one paragraph and table rows are left alone. Made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing.printednumbers import CODE, check_numbers, misread_numbers
from cchc.plans.parsing.result import DocumentInfo, Item, ParsedPlan
from cchc.plans.readers.base import Paragraph, Row, SourceDocument, Table


def _plan(*rows: tuple[int, str | None]) -> ParsedPlan:
    parsed = ParsedPlan(document=DocumentInfo(source_name="x.txt", format="txt"))
    parsed.items = [
        Item(line=line, number=number, title="Rà soát quy trình nội bộ") for line, number in rows
    ]
    return parsed


def _doc(*paragraphs: tuple[int, str]) -> SourceDocument:
    return SourceDocument(
        name="x.txt",
        format="txt",
        blocks=[Paragraph(text=text, line=line) for line, text in paragraphs],
    )


def test_a_number_other_than_the_printed_mark_is_flagged() -> None:
    doc = _doc(
        (1, "2.1. Rà soát quy trình nội bộ"),
        (3, "**2.2.** Kiểm tra việc thực hiện"),
        (5, "c) Tổng hợp báo cáo"),
        (7, "(4) Đánh giá kết quả"),
    )
    parsed = _plan((1, "2"), (3, "2"), (5, None), (7, "3"))
    assert misread_numbers(doc, parsed) == [(0, "2.1"), (1, "2.2"), (2, "c"), (3, "4")]
    check_numbers(doc, parsed)
    assert [w.line for w in parsed.warnings if w.code == CODE] == [1, 3, 5, 7]


def test_rows_carrying_their_mark_are_left_alone() -> None:
    doc = _doc(
        (1, "2.1. Rà soát quy trình nội bộ"),
        (3, "3. Kiểm tra việc thực hiện: (1) … (2) …"),
        (5, "a) Bộ Tư pháp: (1) … (2) …"),
        (7, "Sở Nội vụ tổng hợp kết quả"),  # no mark
        (9, "- Báo cáo định kỳ"),  # a bullet
        (11, "II. TỔ CHỨC THỰC HIỆN"),  # a section's mark
    )
    parsed = _plan(
        (1, "2.1."),
        (3, "3.1"),  # the importer's numbers for the parts of point 3
        (3, "3.2"),
        (5, "a.1"),
        (5, ""),  # a later row of the same paragraph
        (7, "4"),
        (9, "5"),
        (11, "1"),
        (13, "6"),  # a line with no paragraph (a table's row)
    )
    assert misread_numbers(doc, parsed) == []


def test_table_rows_are_not_looked_at() -> None:
    doc = SourceDocument(
        name="x.md",
        format="md",
        blocks=[Table(rows=[Row(cells=["1.2.", "Rà soát"], line=4)], line=3)],
    )
    assert misread_numbers(doc, _plan((4, "1"))) == []
