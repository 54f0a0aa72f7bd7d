"""The coverage check (issue 15, point 4): no line of the plan body is lost without a warning.

The check runs on the finished result, whatever the reading rules did: the unit tests give it
a document and a hand-made result; the end-to-end ones hold whichever way the reader reads.
"""

from __future__ import annotations

import json
import os
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cchc.conftest import SEED_PLAN as SEED
from cchc.plans.parsing import coverage, parse_bytes
from cchc.plans.parsing.coverage import CODE, GLUED_CODE, check_coverage
from cchc.plans.parsing.points import LOST_CODE, MISSING_CODE, SPLIT_CODE, check_points
from cchc.plans.parsing.result import Column, DocumentInfo, ImportWarning, Item, ParsedPlan
from cchc.plans.readers.base import Paragraph, ReadError, Row, SourceDocument, Table
from cchc.plans.readers.text import read_text


def _doc(lines: list[str]) -> SourceDocument:
    """One paragraph per non-blank line, numbered as a text file's lines are."""
    return SourceDocument(
        name="x.txt",
        format="txt",
        blocks=[Paragraph(text=t, line=n) for n, t in enumerate(lines, 1) if t.strip()],
    )


def _plan(*items: Item) -> ParsedPlan:
    return ParsedPlan(document=DocumentInfo(title="Kế hoạch"), items=list(items))


def _unread(parsed: ParsedPlan) -> list[ImportWarning]:
    return [w for w in parsed.warnings if w.code == CODE]


LETTERHEAD = ["ỦY BAN NHÂN DÂN TỈNH X", "Số: 12/KH-UBND", "KẾ HOẠCH", "Cải cách hành chính"]
TASK_1 = "1. Sở Nội vụ chủ trì rà soát chức năng, nhiệm vụ của các cơ quan chuyên môn."
TASK_2 = "2. Sở Tư pháp chủ trì rà soát văn bản quy phạm pháp luật do tỉnh ban hành."
ITEM_1 = Item(
    line=6,
    number="1",
    section=["I. NHIỆM VỤ"],
    title="Rà soát chức năng, nhiệm vụ của các cơ quan chuyên môn",
    lead="Sở Nội vụ",
)


def _item_2(line: int) -> Item:
    return Item(
        line=line,
        number="2",
        section=["I. NHIỆM VỤ"],
        title="Rà soát văn bản quy phạm pháp luật do tỉnh ban hành",
        lead="Sở Tư pháp",
    )


def test_a_dropped_paragraph_is_one_warning_naming_its_first_line_and_words():
    doc = _doc(
        [
            *LETTERHEAD,
            "I. NHIỆM VỤ",
            TASK_1,
            "Sở Tài chính bố trí kinh phí cho việc số hóa hồ sơ, tài liệu lưu trữ của",
            "các cơ quan hành chính nhà nước trên địa bàn tỉnh, hoàn thành trong năm",
            "2026 theo lộ trình đã được phê duyệt.",
            TASK_2,
        ]
    )
    parsed = _plan(ITEM_1, _item_2(10))
    check_coverage(doc, parsed)
    (warning,) = _unread(parsed)
    assert warning.line == 7
    assert "Sở Tài chính bố trí kinh phí" in warning.message
    assert "7" in warning.message and "9" in warning.message


def test_two_dropped_paragraphs_are_two_warnings():
    doc = _doc(
        [
            "I. NHIỆM VỤ",
            TASK_1,
            "Sở Tài chính bố trí kinh phí cho việc số hóa hồ sơ lưu trữ.",
            TASK_2,
            "Sở Xây dựng hướng dẫn các chủ đầu tư hoàn thiện hồ sơ quyết toán.",
        ]
    )
    parsed = _plan(
        Item(line=2, number="1", section=["I. NHIỆM VỤ"], title=ITEM_1.title, lead="Sở Nội vụ"),
        _item_2(4),
    )
    check_coverage(doc, parsed)
    assert [w.line for w in _unread(parsed)] == [3, 5]


def test_a_document_fully_read_gets_none():
    doc = _doc([*LETTERHEAD, "I. NHIỆM VỤ", TASK_1, TASK_2])
    parsed = _plan(ITEM_1, _item_2(7))
    check_coverage(doc, parsed)
    assert _unread(parsed) == []


def test_labels_list_marks_and_wrapped_lines_are_layout():
    # "Cơ quan chủ trì:" and "1.1." are consumed by the reader; "1.1. Xây" / "dựng …" is one
    # line a converter wrapped; the short value "Năm 2025." is kept as it stands.
    doc = _doc(
        [
            "1.1. Xây",
            "dựng cơ sở dữ liệu cán bộ, công chức của tỉnh",
            "- Cơ quan chủ trì: Sở Nội vụ",
            "- Thời gian hoàn thành: Năm 2025.",
            "a) Hoạt động 1",
            "Nhiệm vụ: tập huấn kỹ năng số cho công chức cấp xã",
        ]
    )
    parsed = _plan(
        Item(
            line=1,
            number="1.1",
            title="Xây dựng cơ sở dữ liệu cán bộ, công chức của tỉnh",
            lead="Sở Nội vụ",
            timeframe="Năm 2025.",
        ),
        Item(line=5, title="Tập huấn kỹ năng số cho công chức cấp xã"),
    )
    check_coverage(doc, parsed)
    assert _unread(parsed) == []


def test_signature_recipients_page_numbers_and_closing_formulas_are_no_tasks():
    doc = _doc(
        [
            "I. NHIỆM VỤ",
            TASK_1,
            "- 3 -",
            "Trang 4",
            "Để thực hiện tốt các mục tiêu trên, các cơ quan triển khai các nhiệm vụ sau:",
            TASK_2,
            "Trên đây là Kế hoạch cải cách hành chính năm 2026 của tỉnh.",
            "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo.",
            "Yêu cầu Thủ trưởng các sở, ban, ngành nghiêm túc triển khai thực hiện./.",
            "Nơi nhận:",
            "- Bộ Nội vụ;",
            "- Lưu: VT.",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn A",
        ]
    )
    parsed = _plan(
        Item(line=2, number="1", section=["I. NHIỆM VỤ"], title=ITEM_1.title, lead="Sở Nội vụ"),
        _item_2(6),
    )
    check_coverage(doc, parsed)
    assert _unread(parsed) == []


def test_text_another_warning_names_is_not_warned_twice():
    lost = "Sở Tài chính bố trí kinh phí cho việc số hóa hồ sơ lưu trữ của các cơ quan"
    doc = _doc(["I. NHIỆM VỤ", TASK_1, lost, "nhà nước trên địa bàn tỉnh.", TASK_2])
    parsed = _plan(
        Item(line=2, number="1", section=["I. NHIỆM VỤ"], title=ITEM_1.title, lead="Sở Nội vụ"),
        _item_2(5),
    )
    parsed.warn(3, "This text belongs to no row of work: «Sở Tài chính …»", "prose-skipped")
    check_coverage(doc, parsed)
    assert _unread(parsed) == []


def test_a_warning_about_a_row_does_not_hide_the_paragraph_after_it():
    doc = _doc(
        ["I. NHIỆM VỤ", TASK_1, "Sở Tài chính bố trí kinh phí cho việc số hóa hồ sơ.", TASK_2]
    )
    parsed = _plan(
        Item(line=2, number="1", section=["I. NHIỆM VỤ"], title=ITEM_1.title, lead="Sở Nội vụ"),
        _item_2(4),
    )
    parsed.warn(2, "Rows 2 to 4 are missing in the numbering.", "numbering-gap")
    check_coverage(doc, parsed)
    assert [w.line for w in _unread(parsed)] == [3]
    assert [w.code for w in parsed.warnings] == ["numbering-gap", CODE]


POINTS = [
    "II. KIẾN NGHỊ CỦA TỈNH",
    "1. Về kinh phí khắc phục hậu quả thiên tai: Giao Bộ Tài chính chủ trì xem xét hỗ trợ.",
    "2. Về xe chuyên dùng cứu hộ: Bộ Quốc phòng nghiên cứu điều động theo đề nghị.",
    "3. Về sửa chữa đê điều: Bộ Nông nghiệp và Môi trường hướng dẫn tỉnh lập hồ sơ.",
]


def test_points_glued_onto_the_row_above_are_one_warning():
    doc = _doc(POINTS)
    glued = " ".join(POINTS[1:]).replace("1. Về kinh phí khắc phục hậu quả thiên tai: ", "")
    parsed = _plan(Item(line=2, number="1", section=[POINTS[0]], title=glued, lead="Bộ Tài chính"))
    check_coverage(doc, parsed)
    (warning,) = [w for w in parsed.warnings if w.code == GLUED_CODE]
    assert warning.line == 3
    assert "2., 3." in warning.message and "2" in warning.message
    assert _unread(parsed) == []


def test_points_read_as_rows_are_not_glued():
    doc = _doc(POINTS)
    parsed = _plan(
        *(
            Item(line=n, number=str(n - 1), section=[POINTS[0]], title=t.split(": ", 1)[1])
            for n, t in enumerate(POINTS[1:], 2)
        )
    )
    check_coverage(doc, parsed)
    assert parsed.warnings == []


def test_a_list_a_point_announces_is_its_text():
    # "(1)", "(2)" under "1. … nội dung sau:" are what the row asks for, not rows of their own.
    doc = _doc(
        [
            "1. Chủ tịch Ủy ban nhân dân các tỉnh: Đắk Lắk,",
            "Khánh Hòa rà soát, tổng hợp báo cáo một số nội dung sau:",
            "(1) Số hộ dân có nhà bị sập, đổ cần phải xây dựng lại.",
            "(2) Số hộ dân có nhà bị hư hỏng nặng cần phải sửa chữa.",
        ]
    )
    parsed = _plan(
        Item(
            line=1,
            number="1",
            title="Rà soát, tổng hợp báo cáo một số nội dung sau: (1) Số hộ dân có nhà bị sập, "
            "đổ cần phải xây dựng lại. (2) Số hộ dân có nhà bị hư hỏng nặng cần phải sửa chữa.",
            lead="Chủ tịch Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa",
        )
    )
    check_coverage(doc, parsed)
    assert parsed.warnings == []


def test_a_table_row_whose_cells_went_nowhere_is_warned():
    rows = [
        Row(cells=["STT", "Nhiệm vụ", "Chủ trì"], line=1),
        Row(cells=["1", "Rà soát thủ tục hành chính nội bộ", "Sở Nội vụ"], line=2),
        Row(cells=["", "Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực", ""], line=3),
        Row(cells=["2", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp"], line=4),
    ]
    doc = SourceDocument(name="x.md", format="md", blocks=[Table(rows=rows, line=1)])
    parsed = _plan(
        Item(line=2, number="1", title="Rà soát thủ tục hành chính nội bộ", lead="Sở Nội vụ"),
        Item(line=4, number="2", title="Rà soát văn bản quy phạm pháp luật", lead="Sở Tư pháp"),
    )
    check_coverage(doc, parsed)
    assert [w.line for w in _unread(parsed)] == [3]


def test_rows_plainly_read_and_their_page_split_cells_are_kept():
    """A row of work whose cells stand whole in its own fields is kept as it is; the cells a
    page break cut off onto rows of their own are weighed, and kept as part of its title."""
    rows = [
        Row(cells=["STT", "Nhiệm vụ", "Chủ trì"], line=1),
        Row(cells=["1", "Rà soát thủ tục hành chính nội bộ của", "Sở Nội vụ"], line=2),
        Row(cells=["STT", "Nhiệm vụ", "Chủ trì"], line=3),
        Row(cells=["", "các sở, ban, ngành", ""], line=4),
    ]
    doc = SourceDocument(name="x.md", format="md", blocks=[Table(rows=rows, line=1)])
    title = "Rà soát thủ tục hành chính nội bộ của các sở, ban, ngành"
    # The header, repeated on the next page, is the columns' labels.
    columns = [
        Column(label=label, field=field)
        for label, field in (("STT", "number"), ("Nhiệm vụ", "title"), ("Chủ trì", "lead"))
    ]
    parsed = _plan(Item(line=2, number="1", title=title, lead="Sở Nội vụ"))
    parsed.document.columns = columns
    check_coverage(doc, parsed)
    assert _unread(parsed) == []
    # The same cell under a row whose title does not hold it is lost.
    parsed = _plan(
        Item(line=2, number="1", title="Rà soát thủ tục hành chính nội bộ của", lead="Sở Nội vụ")
    )
    parsed.document.columns = columns
    check_coverage(doc, parsed)
    assert [w.line for w in _unread(parsed)] == [4]


def test_a_row_whose_cells_are_not_all_its_fields_is_weighed():
    """A row of work is kept without weighing only when every cell stands in its own row's
    text; a cell read nowhere makes the row weighed, and a warning on the row's line too."""
    rows = [
        Row(cells=["STT", "Nhiệm vụ", "Chủ trì"], line=1),
        Row(cells=["1", "Rà soát thủ tục hành chính nội bộ", "Sở Nội vụ"], line=2),
        Row(cells=["2", "Lập danh mục dữ liệu mở của tỉnh", "Sở Tư pháp"], line=3),
    ]
    doc = SourceDocument(name="x.md", format="md", blocks=[Table(rows=rows, line=1)])
    parsed = _plan(
        Item(line=2, number="1", title="Rà soát thủ tục hành chính nội bộ", lead="Sở Nội vụ"),
        # The row of line 3 kept only its number and lead: its title went nowhere.
        Item(line=3, number="2", title="", lead="Sở Tư pháp"),
    )
    check_coverage(doc, parsed)
    assert [w.line for w in _unread(parsed)] == [3]


def test_the_seed_plan_gets_none():
    parsed = parse_bytes(SEED.read_bytes(), SEED.name)
    assert _unread(parsed) == []


# -- whichever way the reader reads: what it drops is warned ------------------------------

# A ministry's letter crawled without blank lines (the shape of corpus entry 83): bold unit
# headings wrapped after their first word over "- " bullets.
LETTER = """Bộ Văn hóa, Thể thao và Du lịch yêu cầu:
**1. Vụ
Pháp chế**
- Tập trung hoàn thành việc
xây dựng Nghị định sửa đổi, bổ sung một số điều của các Nghị định có quy định thủ tục
hành chính, đảm bảo **hoàn thành
trong tháng 12/2025**.
- Triển khai sửa đổi, bổ sung Luật Xuất bản bảo đảm đúng tiến độ.
**2. Cục
Bản quyền tác giả**
- Rà soát các thủ tục hành chính về quyền tác giả, hoàn thành trong tháng 12/2025.
"""
BULLETS = {
    4: "Tập trung hoàn thành việc",
    8: "Triển khai sửa đổi, bổ sung Luật Xuất bản",
    11: "Rà soát các thủ tục hành chính về quyền tác giả",
}


def _accounted(items: list[dict], warnings: list[dict]) -> dict[int, bool]:
    """For each bullet: read into a row, or named by a warning from its line or before."""
    found = {}
    for line, words in BULLETS.items():
        in_row = any(words in json.dumps(item, ensure_ascii=False) for item in items)
        warned = any(
            w["code"] == CODE and w["line"] <= line and words.split(",")[0] in w["message"]
            for w in warnings
        ) or any(w["code"] == CODE and w["line"] <= line <= _last(w) for w in warnings)
        found[line] = in_row or warned
    return found


def _last(warning: dict) -> int:
    """The last line a warning's "from line … to line …" names (its own line otherwise)."""
    numbers = [int(n) for n in warning["message"].split() if n.isdigit()]
    return max([int(warning["line"]), *numbers])


def test_the_letter_loses_nothing_without_a_warning():
    parsed = parse_bytes(LETTER.encode(), "cong-van.md")
    data = parsed.as_dict()
    assert all(_accounted(data["items"], data["warnings"]).values()), data


@pytest.mark.django_db
def test_import_plan_json_shows_what_was_not_read(tmp_path):
    path = tmp_path / "cong-van.md"
    path.write_text(LETTER, encoding="utf-8")
    out = StringIO()
    call_command("import_plan", str(path), "--dry-run", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert all({"line", "message", "code"} <= set(w) for w in payload["warnings"])
    assert all(_accounted(payload["items"], payload["warnings"]).values()), payload


@pytest.mark.django_db
def test_the_preview_shows_what_was_not_read(importer_client: Client):
    response = importer_client.post(
        reverse("plans:import_upload"),
        {"file": SimpleUploadedFile("cong-van.md", LETTER.encode())},
    )
    assert response.status_code == 200
    page = response.content.decode()
    parsed = parse_bytes(LETTER.encode(), "cong-van.md")
    for warning in _unread(parsed):
        assert f"dòng {warning.line}</strong>" in page
        assert "không được đọc vào dòng công việc" in page


# -- the check never raises -----------------------------------------------------------------

SETTINGS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
words = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậ ĐSỞ.,;:-+*()/|0123456789IVX\t\n",
    max_size=60,
)


@SETTINGS
@given(
    lines=st.lists(words, max_size=30),
    kept=st.lists(st.tuples(st.integers(0, 40), st.booleans()), max_size=12),
    table=st.lists(st.lists(words, max_size=4), max_size=6),
)
def test_the_check_never_raises_and_never_flags_kept_lines(lines, kept, table):
    doc = _doc(lines)
    if table:
        rows = [Row(cells=cells, line=len(lines) + i + 1) for i, cells in enumerate(table)]
        doc.blocks.append(Table(rows=rows, line=len(lines) + 1))
    parsed = _plan()
    for index, copied in kept:
        line = min(index, len(lines)) or 1
        text = lines[line - 1] if copied and lines else ""
        parsed.items.append(Item(line=line, title=text))
    if all(copied for _i, copied in kept) and not table:
        # every line the body holds is some item's title: nothing is unread
        parsed.items.extend(Item(line=n, title=t) for n, t in enumerate(lines, 1))
        check_coverage(doc, parsed)
        assert _unread(parsed) == []
        return
    check_coverage(doc, parsed)
    total = len(lines) + len(table)
    for warning in _unread(parsed):
        assert warning.line is not None and 1 <= warning.line <= total
        assert warning.message


@SETTINGS
@given(
    table=st.lists(st.lists(words, min_size=1, max_size=4), min_size=1, max_size=8),
    read=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 3), st.booleans()), max_size=10),
)
@example(table=[[""], [""], ["", "I", "0I"]], read=[(2, 2, True)])  # "I" is no word of "0I"
def test_rows_kept_unweighed_never_hide_a_lost_line(table, read):
    """Keeping plainly read rows without weighing them (the speed-up for large tables) flags
    every line that weighing every row flags."""
    rows = [Row(cells=cells, line=i + 1) for i, cells in enumerate(table)]
    doc = SourceDocument(name="x.md", format="md", blocks=[Table(rows=rows, line=1)])

    def result() -> ParsedPlan:
        parsed = _plan()
        for index, cell, whole in read:
            row = table[index % len(table)]
            text = row[cell % len(row)]
            parsed.items.append(Item(line=index % len(table) + 1, title=text if whole else ""))
        return parsed

    fast = result()
    check_coverage(doc, fast)
    slow = result()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(coverage._RowsRead, "__call__", lambda self, line, cells: False)
        check_coverage(doc, slow)
    lost = {w.line for w in _unread(slow)}
    assert lost <= {w.line for w in _unread(fast)}


@SETTINGS
@given(st.text(max_size=1500))
def test_random_text_read_as_a_document(text):
    try:
        doc = read_text(text, "random.txt")
    except ReadError:
        return
    parsed = _plan(Item(line=1, title=text[:200]))
    check_coverage(doc, parsed)
    assert all(w.line is not None for w in _unread(parsed))


# The points check (``parsing/points.py``): numbered points no row carries, lists split.


def _points(lines: list[str], *rows: tuple[int, str], notes: dict[int, str] | None = None):
    """The warnings ``check_points`` gives on the document of ``lines`` and rows at the given
    lines (with the given titles and notes)."""
    notes = notes or {}
    plan = _plan(
        *(
            Item(line=line, title=title, lead="Sở Nội vụ", notes=notes.get(line))
            for line, title in rows
        )
    )
    check_points(_doc(lines), plan)
    return [(w.line, w.code) for w in plan.warnings]


_SIX_POINTS = [
    "Ủy ban nhân dân tỉnh yêu cầu:",  # 1
    "1. Sở Nội vụ rà soát thủ tục hành chính.",  # 2
    "2. Sở Tư pháp kiểm tra văn bản.",  # 3
    "3. Sở Tài chính bố trí kinh phí.",  # 4
    "4. Sở Y tế kiểm tra an toàn thực phẩm.",  # 5
    "5. Sở Xây dựng cấp phép xây dựng.",  # 6
    "Nơi nhận:",  # 7
]


def test_a_numbered_point_between_rows_that_no_row_carries_is_warned_on_its_line():
    warned = _points(_SIX_POINTS, (2, "Rà soát"), (4, "Bố trí"), (5, "Kiểm tra"), (6, "Cấp phép"))
    assert warned == [(3, MISSING_CODE)]


def test_the_warning_names_the_point_and_its_list_and_is_translated():
    plan = _plan(*(Item(line=n, title="x", lead="Sở") for n in (2, 4, 5, 6)))
    with translation.override("vi"):
        check_points(_doc(_SIX_POINTS), plan)
    (warning,) = plan.warnings
    assert "2." in warning.message and "1. … 5." in warning.message
    assert "Sở Tư pháp kiểm tra" in warning.message
    assert "The numbered point" not in warning.message  # Vietnamese


def test_a_point_with_a_warning_on_it_or_a_row_in_its_span_is_carried():
    plan = _plan(*(Item(line=n, title="x", lead="Sở") for n in (2, 4, 5, 6)))
    plan.warn(3, "skipped", "prose-skipped")
    check_points(_doc(_SIX_POINTS), plan)
    assert [w.code for w in plan.warnings] == ["prose-skipped"]


def test_the_first_and_last_points_of_a_top_level_list_may_be_no_rows():
    # "1. Ghi nhận …" before the tasks, "5." after them: only gaps between rows are looked at
    assert _points(_SIX_POINTS, (3, "Kiểm tra"), (4, "Bố trí"), (5, "Kiểm tra")) == []


def test_a_list_no_point_of_which_is_a_row_is_not_the_plans():
    lines = [
        "1. Mục đích: nâng cao chất lượng.",
        "2. Yêu cầu: đúng tiến độ.",
        "Giao:",
        "a) Rà soát",
    ]
    assert _points(lines, (4, "Rà soát")) == []


_NESTED = [
    "1. Chủ tịch Ủy ban nhân dân các tỉnh tập trung các nhiệm vụ sau:",  # 1
    "(1) Huy động lực lượng tiếp cận các hộ dân bị cô lập.",  # 2
    "(2) Hỗ trợ dọn dẹp nhà cửa, trường lớp.",  # 3
    "(3) Bố trí chỗ ở tạm cho các hộ dân.",  # 4
    "(4) Rà soát, tổng hợp thiệt hại.",  # 5
    "2. Bộ trưởng Bộ Quốc phòng chỉ đạo các quân khu hỗ trợ.",  # 6
]


def test_the_first_points_of_a_list_under_a_point_are_looked_at():
    # (1), (2) dropped while (3), (4) and point 2 are rows: each warned on its line
    warned = _points(_NESTED, (4, "Bố trí"), (5, "Rà soát"), (6, "Chỉ đạo"))
    assert warned == [(2, MISSING_CODE), (3, MISSING_CODE)]


def test_a_list_under_a_point_read_as_a_row_is_that_rows_contents():
    assert _points(_NESTED, (1, "Tập trung các nhiệm vụ"), (4, "Bố trí"), (6, "Chỉ đạo")) == []


def test_a_closing_formula_numbered_as_a_point_is_no_missing_point():
    lines = [
        *_SIX_POINTS[:4],
        "4. Trong quá trình thực hiện, nếu có vướng mắc, báo cáo.",
        *_SIX_POINTS[5:],
    ]
    assert _points(lines, (2, "Rà soát"), (3, "Kiểm tra"), (4, "Bố trí"), (6, "Cấp phép")) == []


_LIST = [
    "h) Chủ trì triển khai các dự án của Chương trình, bao gồm:",  # 1
    "- Dự án 1: Phòng ngừa tội phạm về ma túy.",  # 2
    "- Dự án 2: Ứng dụng khoa học và công nghệ.",  # 3
    "- Dự án 7 (Tiểu dự án 2):",  # 4
    "Nâng cao hiệu quả truyền thông ở cơ sở.",  # 5
    "- Dự án 9: Quản lý, giám sát Chương trình.",  # 6
    "2. Sở Tài chính",  # 7
    "a) Tham mưu bố trí vốn.",  # 8
]


def test_rows_inside_a_list_partly_read_as_the_notes_of_the_row_above_are_warned():
    notes = {1: "- Dự án 1: Phòng ngừa tội phạm về ma túy.; - Dự án 2: Ứng dụng khoa học"}
    warned = _points(
        _LIST,
        (1, "Triển khai các dự án"),
        (5, "Nâng cao"),
        (6, "Dự án 9"),
        (8, "Tham mưu"),
        notes=notes,
    )
    assert warned == [(5, SPLIT_CODE), (6, SPLIT_CODE)]


def test_a_list_whose_bullets_no_notes_hold_or_under_a_heading_is_not_split():
    # the bullets are rows of their own: nothing in the notes of the row above
    rows = ((1, "Triển khai"), (2, "Dự án 1"), (3, "Dự án 2"), (4, "Dự án 7"), (6, "Dự án 9"))
    assert _points(_LIST, *rows, notes={1: "Phối hợp Sở Y tế"}) == []
    # the same words in the notes of a row under another heading, the bullet mark missing
    lines = [
        "a) Phối hợp Sở Y tế rà soát.",
        "2.2. Sở Nội vụ",
        "- Phối hợp Sở Y tế kiểm tra.",
        "- Phối hợp Sở Y tế tuyên truyền thêm.",
    ]
    assert (
        _points(
            lines,
            (1, "Rà soát"),
            (3, "Kiểm tra"),
            (4, "Tuyên truyền"),
            notes={1: "Phối hợp Sở Y tế kiểm tra"},
        )
        == []
    )


def test_parsing_a_document_runs_the_points_check_last(monkeypatch):
    from cchc.plans.parsing import assemble

    seen: list[list[str]] = []
    monkeypatch.setattr(
        assemble, "check_points", lambda doc, parsed: seen.append([w.code for w in parsed.warnings])
    )
    text = "\n".join(
        [
            "KẾ HOẠCH",
            "1. Sở Nội vụ chủ trì rà soát thủ tục hành chính, hoàn thành trong quý I/2026.",
            "2. Sở Tư pháp chủ trì kiểm tra văn bản, hoàn thành trong quý II/2026.",
        ]
    )
    parse_bytes(text.encode(), "plan.txt")
    assert len(seen) == 1


# Silent misreads (branch silent2): a directive point before the rows, a row's lost number.

_CONCLUSIONS = [
    "Thường trực Huyện ủy kết luận như sau:",  # 1
    "1. Cơ bản thống nhất với Báo cáo của Ban Tuyên giáo.",  # 2
    "**2.**",  # 3
    "Yêu cầu các phòng, ban rà soát quy chế làm việc.",  # 4
    "3. Giao Phòng Nội vụ kiểm tra công vụ.",  # 5
    "4. Giao Phòng Tư pháp thẩm định văn bản.",  # 6
]


def test_a_directive_point_before_the_first_row_is_warned_and_an_appraisal_is_not():
    warned = _points(_CONCLUSIONS, (5, "Kiểm tra công vụ"), (6, "Thẩm định văn bản"))
    assert warned == [(3, MISSING_CODE)]


def test_the_directive_point_s_warning_quotes_its_words_from_the_line_below_its_mark():
    plan = _plan(*(Item(line=n, title="x", lead="Phòng") for n in (5, 6)))
    with translation.override("vi"):
        check_points(_doc(_CONCLUSIONS), plan)
    (warning,) = plan.warnings
    assert "2." in warning.message and "Yêu cầu các phòng, ban" in warning.message
    assert "directive" not in warning.message  # Vietnamese


def test_a_heading_of_aims_before_the_rows_is_no_directive():
    lines = [
        "1. Mục đích",
        "2. Yêu cầu",
        "- Bảo đảm đúng tiến độ.",
        "3. Giao Phòng Nội vụ kiểm tra.",
    ]
    lines += ["4. Giao Phòng Tư pháp thẩm định."]
    assert _points(lines, (4, "Kiểm tra"), (5, "Thẩm định")) == []


def _numbered(*rows: tuple[int, str]) -> list[tuple[int | None, str]]:
    plan = _plan(
        *(Item(line=line, number=number, title="Rà soát", lead="Sở") for line, number in rows)
    )
    check_points(_doc(["x"] * 20), plan)
    return [(w.line, w.code) for w in plan.warnings]


def test_a_row_with_no_number_in_the_gap_between_n_and_n_plus_2_is_warned():
    assert _numbered((2, "4"), (4, ""), (6, "6")) == [(4, LOST_CODE)]
    assert _numbered((2, "b"), (4, ""), (6, "d")) == [(4, LOST_CODE)]
    assert _numbered((2, "c"), (4, ""), (6, "e")) == [(4, LOST_CODE)]


def test_a_second_paragraph_with_no_number_or_a_second_sentence_of_a_line_is_not():
    # "4." / a paragraph of another body / "5.": the corpus keeps such rows
    assert _numbered((2, "4"), (4, ""), (6, "5")) == []
    assert _numbered((2, "d"), (4, ""), (6, "e")) == []  # "đ" is often skipped
    # two rows read from one line: the second sentence has no number of its own
    assert _numbered((2, "4"), (2, ""), (6, "6")) == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=30),
            st.sampled_from(["", "1", "2", "3", "4", "a", "b", "c", "d", "đ", "e", "1.2", "(3)"]),
        ),
        max_size=12,
    ),
    st.lists(
        st.sampled_from(["**2.**", "3. Giao Sở X rà soát.", "Yêu cầu các sở", "x"]), max_size=8
    ),
)
def test_lost_numbers_are_only_warned_on_rows_with_no_number_between_two_numbered(rows, lines):
    items = [Item(line=line, number=number, title="Rà soát", lead="Sở") for line, number in rows]
    plan = _plan(*items)
    check_points(_doc(lines), plan)
    unnumbered = {line for line, number in rows if not number}
    lost = [w for w in plan.warnings if w.code == LOST_CODE]
    assert all(w.message and w.line in unnumbered for w in lost)
    assert len(lost) <= max(len(rows) - 2, 0)
