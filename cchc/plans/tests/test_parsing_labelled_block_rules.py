"""The rules for plans whose numbered points are each followed by a labelled block (round 12 of
the corpus, issue 15), each on a small made-up document of the genre (other bodies, other
words): ``cchc/plans/parsing/blocks.py``."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.blocks import (
    PURPOSE_CODE,
    is_purpose_heading,
    point_title,
    read_labelled_blocks,
    replaces,
)
from cchc.plans.parsing.result import DocumentInfo, Item, ParsedPlan
from cchc.plans.readers.base import Paragraph

_HEADER = """ĐOÀN TNCS HỒ CHÍ MINH
PHƯỜNG AN KHÁNH

Số: 07/KH-ĐTN

An Khánh, ngày 02 tháng 3 năm 2026

KẾ HOẠCH
Tổ chức Tháng Thanh niên năm 2026

"""

_PURPOSES = """I. MỤC ĐÍCH, YÊU CẦU

- Phát huy vai trò xung kích của đoàn viên trong các phong trào của phường.

- Tổ chức các hoạt động thiết thực, tiết kiệm, bảo đảm an toàn.

"""

_TASKS = """II. NỘI DUNG VÀ PHÂN CÔNG THỰC HIỆN

1. Công tác tuyên truyền

1.1. Xây dựng kế hoạch truyền thông về Tháng Thanh niên trên các nền tảng số.

- Nội dung ngắn gọn, phù hợp với từng nhóm đoàn viên.

- Đoàn phường phối hợp với các chi đoàn khu phố để đăng tải bài viết đúng thời điểm.

- Thời gian hoàn thành: Tháng 3/2026.

- Đơn vị chủ trì: Đồng chí Phó Bí thư phụ trách công tác tuyên giáo

- Đơn vị phối hợp: Các chi đoàn khu phố.

- Kết quả: Kế hoạch truyền thông trình Ban Thường vụ.

1.2. Tổ chức hội thi tìm hiểu lịch sử Đoàn cho đoàn viên trường học.

(1) Vòng sơ khảo: Chậm nhất ngày 15/3/2026 (trước ngày thành lập Đoàn 11 ngày).

(2) Vòng chung khảo: Chậm nhất ngày 24/3/2026 (trước ngày thành lập Đoàn 2 ngày).

- Thời gian hoàn thành: Quý I/2026;

- Đơn vị chủ trì: Đồng chí Ủy viên Ban Thường vụ phụ trách trường học

- Đơn vị phối hợp: Các trường trung học trên địa bàn.

2. Hoạt động tình nguyện

2.1 Phối hợp với Trạm Y tế phường, Hội Chữ thập đỏ phường tổ chức ngày hội hiến máu.

- Thời gian thực hiện: Tháng 3/2026.

- Đơn vị chủ trì: Đồng chí Bí thư Đoàn phường

- Đơn vị phối hợp: Trạm Y tế phường.

- Kết quả: Báo cáo kết quả ngày hội.
"""


def _plan(text: str) -> ParsedPlan:
    return parse_bytes(text.encode(), "ke-hoach.txt")


def _items(text: str) -> list[Item]:
    return _plan(text).items


def test_a_point_followed_by_description_bullets_and_a_labelled_block_is_one_row() -> None:
    items = _items(_HEADER + _TASKS)
    assert [item.number for item in items] == ["1.1", "1.2", "2.1"]
    first = items[0]
    assert first.title == (
        "Xây dựng kế hoạch truyền thông về Tháng Thanh niên trên các nền tảng số"
    )
    assert first.section[-1] == "1. Công tác tuyên truyền"
    assert first.partners == "Các chi đoàn khu phố"
    assert first.outputs == "Kế hoạch truyền thông trình Ban Thường vụ"
    assert first.notes is not None and "Nội dung ngắn gọn" in first.notes


def test_the_purposes_and_requirements_section_is_no_task_section_and_says_so() -> None:
    plan = _plan(_HEADER + _PURPOSES + _TASKS)
    assert [item.number for item in plan.items] == ["1.1", "1.2", "2.1"]
    assert not any("xung kích" in (item.title or "") for item in plan.items)
    skipped = [w for w in plan.warnings if w.code == PURPOSE_CODE]
    assert len(skipped) == 1 and "MỤC ĐÍCH, YÊU CẦU" in skipped[0].message


_PROSE_PLAN = """ỦY BAN NHÂN DÂN
XÃ HÒA BÌNH

Số: 19/KH-UBND

Hòa Bình, ngày 04 tháng 5 năm 2026

KẾ HOẠCH
Chuyển đổi số năm 2026

Ủy ban nhân dân xã ban hành kế hoạch chuyển đổi số năm 2026 như sau:

I. MỤC ĐÍCH VÀ YÊU CẦU

- Nâng cao kỹ năng số của cán bộ, công chức và người dân trên địa bàn.

- Bảo đảm an toàn thông tin trong quá trình vận hành các hệ thống.

II. NHIỆM VỤ

- Cập nhật dữ liệu hộ tịch lên hệ thống dùng chung, hoàn thành trong quý III/2026.

- Tập huấn sử dụng dịch vụ công trực tuyến cho tổ công nghệ số, hoàn thành trong tháng 6/2026.
"""


def test_a_purposes_section_gives_no_rows_in_a_plan_of_bullets_either() -> None:
    plan = _plan(_PROSE_PLAN)
    assert [item.title for item in plan.items] == [
        "Cập nhật dữ liệu hộ tịch lên hệ thống dùng chung",
        "Tập huấn sử dụng dịch vụ công trực tuyến cho tổ công nghệ số",
    ]
    assert [w.line for w in plan.warnings if w.code == PURPOSE_CODE] == [15]


def test_a_purposes_heading_is_one_naming_purposes_and_requirements_only() -> None:
    assert is_purpose_heading("I. MỤC ĐÍCH, YÊU CẦU ")
    assert is_purpose_heading("**1. Mục đích và yêu cầu**")
    assert not is_purpose_heading("I. MỤC TIÊU, NHIỆM VỤ")
    assert not is_purpose_heading("II. YÊU CẦU VỀ NỘI DUNG VÀ TIẾN ĐỘ THỰC HIỆN")


def test_a_section_without_blocks_keeps_the_rows_the_other_reading_found_there() -> None:
    closing = (
        "\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Văn phòng Đoàn phường chủ trì theo dõi, đôn đốc việc "
        "thực hiện kế hoạch, báo cáo Ban Thường vụ trước ngày 30/4/2026.\n"
    )
    items = _items(_HEADER + _TASKS + closing)
    assert [item.number for item in items] == ["1.1", "1.2", "2.1", "1"]
    assert items[3].lead == "Văn phòng Đoàn phường"
    assert items[3].section == ["III. TỔ CHỨC THỰC HIỆN"]


def test_a_labelled_lead_naming_an_officer_is_the_lead() -> None:
    items = _items(_HEADER + _TASKS)
    assert items[0].lead == "Đồng chí Phó Bí thư phụ trách công tác tuyên giáo"
    assert items[2].lead == "Đồng chí Bí thư Đoàn phường"


def test_the_timeframe_is_the_labelled_line_not_a_steps_bracketed_deadline() -> None:
    items = _items(_HEADER + _TASKS)
    row = items[1]
    assert row.timeframe == "Quý I/2026"
    assert row.notes is not None and "(1) Vòng sơ khảo" in row.notes
    assert len(items) == 3  # the steps "(1)", "(2)" are no rows


def test_a_bullet_on_how_the_issuer_cooperates_stays_in_its_points_row() -> None:
    items = _items(_HEADER + _TASKS)
    assert not any((item.title or "").startswith("Đoàn phường phối hợp") for item in items)
    assert items[0].notes is not None and "phối hợp với các chi đoàn" in items[0].notes
    assert items[0].partners == "Các chi đoàn khu phố"


def test_role_words_opening_a_point_leave_the_title_and_stay_in_the_notes() -> None:
    row = _items(_HEADER + _TASKS)[2]
    assert row.number == "2.1"
    assert row.title == "Tổ chức ngày hội hiến máu"
    assert row.partners == "Trạm Y tế phường"
    assert row.notes is not None and row.notes.startswith("Phối hợp với Trạm Y tế phường")
    assert point_title("Phối hợp với Sở Y tế, Sở Tài chính tổ chức tập huấn.") == (
        "Tổ chức tập huấn"
    )
    assert point_title("Phối hợp chặt chẽ trong quá trình kiểm tra.") == (
        "Phối hợp chặt chẽ trong quá trình kiểm tra"
    )


def test_points_without_a_block_beside_points_with_one_are_rows_too() -> None:
    text = _TASKS.replace(
        "2. Hoạt động tình nguyện\n",
        "2. Hoạt động tình nguyện\n\n2.0 Khảo sát nhu cầu hiến máu của đoàn viên.\n",
    )
    items = _items(_HEADER + text)
    assert [item.number for item in items] == ["1.1", "1.2", "2.0", "2.1"]
    assert items[2].lead is None


def _paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(text=t, line=n) for n, t in enumerate(text.splitlines(), 1) if t.strip()]


def test_fewer_than_three_points_with_a_block_are_not_read_this_way() -> None:
    text = _TASKS.split("2. Hoạt động")[0]
    reading = read_labelled_blocks(_paragraphs(text), DocumentInfo(), ParsedPlan(DocumentInfo()))
    assert reading is None
    full = read_labelled_blocks(_paragraphs(_TASKS), DocumentInfo(), ParsedPlan(DocumentInfo()))
    assert full is not None and len(full.plan.items) == 3


def test_a_reading_that_already_made_the_points_its_rows_is_kept() -> None:
    labelled: set[str | None] = {"1.1", "1.2"}
    aligned = ParsedPlan(DocumentInfo(), items=[Item(line=n, number=f"1.{n}") for n in (1, 2)])
    shifted = ParsedPlan(
        DocumentInfo(), items=[Item(line=n, number="") for n in range(5)] + aligned.items
    )
    assert not replaces(labelled, aligned)
    assert replaces(labelled, shifted)
