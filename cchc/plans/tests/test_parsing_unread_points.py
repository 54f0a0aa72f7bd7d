"""The unread-points check (``parsing/unreadpoints.py``): numbered or lettered points whose
words are in no row, in a document whose other parts were read into rows, are a
``points-unread`` warning each on its line; points a row holds, a lone point, labels and part
names are left alone. Made-up text and rows."""

from __future__ import annotations

import pytest

from cchc.plans.parsing import parse_document
from cchc.plans.parsing.result import DocumentInfo, Item, ParsedPlan
from cchc.plans.parsing.unreadpoints import CODE, check_unread_points, unread_points
from cchc.plans.readers import read_bytes
from cchc.plans.readers.base import Paragraph, SourceDocument

# An article of clauses read into no row, then an article whose clauses are rows; the lines
# of each paragraph are blocks of their own (as a markdown reader gives them).
_TEXT = """**Điều 3. Việc của Phòng Kế hoạch**

1. Lập danh mục các công trình cần
tu sửa trong năm.

2. Theo dõi việc giải ngân vốn của
các dự án nhóm C.

**Điều 4. Việc của Phòng Tổ chức**

1. Rà soát vị trí việc làm của các đơn vị trực thuộc.

2. Tổ chức thi nâng ngạch cho viên chức.
"""


def _doc(text: str = _TEXT) -> SourceDocument:
    blocks = [
        Paragraph(text=raw, line=number)
        for number, raw in enumerate(text.splitlines(), start=1)
        if raw.strip()
    ]
    return SourceDocument(name="x.md", format="md", blocks=list(blocks))


def _plan(*rows: tuple[int, str]) -> ParsedPlan:
    parsed = ParsedPlan(document=DocumentInfo(source_name="x.md", format="md"))
    parsed.items = [Item(line=line, title=title, lead="Phòng Tổ chức") for line, title in rows]
    return parsed


_READ = ((11, "Rà soát vị trí việc làm của các đơn vị trực thuộc"), (13, "Tổ chức thi nâng ngạch"))


def test_an_article_of_points_read_into_no_row_is_flagged_point_by_point() -> None:
    parsed = _plan(*_READ)
    found = unread_points(_doc(), parsed)
    assert [line for line, _text in found] == [3, 6]
    assert found[0][1] == "Lập danh mục các công trình cần tu sửa trong năm."
    check_unread_points(_doc(), parsed)
    assert [w.line for w in parsed.warnings if w.code == CODE] == [3, 6]


def test_points_a_row_holds_or_a_warning_marks_are_left_alone() -> None:
    # the clauses' words in a row's notes (a row that swallowed them): not unread
    glued = _plan(*_READ)
    glued.items[0].notes = "Lập danh mục các công trình cần tu sửa; theo dõi việc giải ngân vốn"
    assert unread_points(_doc(), glued) == []
    # a warning already on a point's span (another check's): that point is not repeated, and
    # the one left is no list
    warned = _plan(*_READ)
    warned.warn(4, "…", "prose-skipped")
    assert unread_points(_doc(), warned) == []
    # no row at all: another error says so
    assert unread_points(_doc(), _plan()) == []


def test_a_lone_point_labels_and_part_names_are_no_unread_list() -> None:
    lone = _TEXT.replace("2. Theo dõi việc giải ngân vốn của", "Theo dõi việc giải ngân vốn của")
    assert unread_points(_doc(lone), _plan(*_READ)) == []
    labels = "1. Mục đích\n\n2. Yêu cầu\n\n3. Cơ quan chủ trì\n\n4. Thời gian thực hiện: Quý II\n\n"
    assert unread_points(_doc(labels + _TEXT[_TEXT.index("**Điều 4") :]), _plan(*_READ)) == []


def test_lists_of_cited_documents_or_people_are_no_tasks() -> None:
    cited = "1. Nghị định số 12/2030/NĐ-CP ngày 3 tháng 4 năm 2030 về kho bạc.\n\n"
    cited += "2. Quyết định số 7/2031/QĐ-UBND ngày 5 tháng 6 năm 2031 về chợ.\n\n"
    people = "1. Ông Lê Văn Khải - Trưởng phòng, tổ trưởng.\n\n2. Bà Hà Thị Mơ - Chuyên viên.\n\n"
    rest = _TEXT[_TEXT.index("**Điều 4") :]
    assert unread_points(_doc(cited + rest), _plan(*_READ)) == []
    assert unread_points(_doc(people + rest), _plan(*_READ)) == []


def test_the_check_runs_on_every_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc.plans.parsing import assemble

    seen: list[int] = []
    monkeypatch.setattr(
        assemble, "check_unread_points", lambda doc, parsed: seen.append(len(parsed.items))
    )
    table = (
        "| STT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n"
        "| 1 | Sửa quy trình cấp phép | Sở Xây dựng | Quý I/2030 |\n"
    )
    parse_document(read_bytes(table.encode(), "x.md"))
    assert seen == [1]
