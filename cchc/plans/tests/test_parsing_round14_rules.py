"""Round 14 rules (issue 15): letters of any body read as plans (made-up snippets)."""

from __future__ import annotations

from cchc.plans.parsing import DocumentInfo, ParsedPlan, parse_bytes
from cchc.plans.parsing.letters import letter_row, read_letter
from cchc.plans.parsing.officerlabels import members_point, officer_label
from cchc.plans.parsing.structure import announcing
from cchc.plans.readers.base import Paragraph


def test_an_opening_asking_a_body_to_carry_out_announces_the_points() -> None:
    # "… yêu cầu X chỉ đạo thực hiện:" with no "như sau": X leads the points below.
    found = announcing(
        "Từ kết quả trên, Sở Nội vụ yêu cầu Giám đốc Trung tâm Lưu trữ chỉ đạo thực hiện:"
    )
    assert found is not None
    assert found.group("lead") == "Giám đốc Trung tâm Lưu trữ"


def test_a_verb_ending_an_opening_without_an_ask_announces_nothing() -> None:
    # No one asked: a sentence ending on "thực hiện:" is not an announcing opening.
    assert announcing("Kết quả các nhiệm vụ đã thực hiện:") is None


def _paragraphs(text: str) -> list[Paragraph]:
    """Non-blank lines as the text reader gives them (line numbers from 1)."""
    return [
        Paragraph(text=line.strip(), line=at)
        for at, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


_LETTER = """Kính gửi: Sở Y tế các tỉnh.

Ngày 02/3/2024 Bộ Y tế đã ban hành Công văn số 12/BYT-KCB, trong đó yêu cầu:
“… Trên cơ sở danh sách đã duyệt, tiến hành kiểm tra.
Sở Y tế báo cáo kết quả về Bộ trước ngày 30/6.”

Theo đó, các Sở Y tế rà soát danh sách cơ sở khám bệnh trên
địa bàn và báo cáo kết quả.

Giám đốc các Sở Y tế chỉ đạo các Đoàn kiểm tra thực hiện
kiểm tra chéo giữa các huyện.

Bộ Y tế thông báo để các Sở Y tế được biết và thực hiện./.
Nơi nhận:
"""


def test_a_prose_letter_reads_one_row_per_paragraph_assigning_a_body() -> None:
    parsed = ParsedPlan(document=DocumentInfo(source_name="x.txt", format="txt"))
    assert read_letter(_paragraphs(_LETTER), parsed)
    rows = [(item.lead, item.title) for item in parsed.items]
    assert rows == [
        ("các Sở Y tế", "Rà soát danh sách cơ sở khám bệnh trên địa bàn và báo cáo kết quả"),
        (
            "Giám đốc các Sở Y tế",
            "Chỉ đạo các Đoàn kiểm tra thực hiện kiểm tra chéo giữa các huyện",
        ),
    ]


def test_a_letter_row_needs_a_body_and_a_task_now() -> None:
    assert letter_row("Bộ Y tế đã ban hành Công văn số 12/BYT-KCB.") is None  # done, past
    assert letter_row("Bộ Y tế thông báo để các Sở Y tế được biết và thực hiện./.") is None
    assert letter_row("Trong thời gian qua, nhiều đơn vị chưa thực hiện.") is None  # no body


def test_a_prose_letter_in_a_plan_with_numbered_points_is_read_as_points() -> None:
    # The letter reading is a fallback: a letter whose points are numbered reads its points.
    text = (
        "Bộ Y tế yêu cầu Sở Y tế các tỉnh thực hiện một số nội dung sau:\n\n"
        "1. Rà soát danh sách cơ sở khám bệnh trên địa bàn.\n\n"
        "2. Tổ chức kiểm tra chéo giữa các huyện.\n"
    )
    parsed = parse_bytes(text.encode(), "x.txt")
    assert [item.number for item in parsed.items] == ["1", "2"]


def test_one_officer_asked_keeps_dong_chi_as_printed() -> None:
    # "yêu cầu đồng chí Giám đốc …": one officer asked, the lead as printed.
    found = announcing("Sở Nội vụ yêu cầu đồng chí Giám đốc Trung tâm Lưu trữ thực hiện như sau:")
    assert found is not None
    assert found.group("lead") == "Đồng chí Giám đốc Trung tâm Lưu trữ"


def test_the_officers_asked_together_are_their_offices() -> None:
    # "yêu cầu các đồng chí Giám đốc Sở, …": the offices are the bodies (the rule kept).
    found = announcing(
        "Ủy ban nhân dân tỉnh yêu cầu các đồng chí Giám đốc Sở Nội vụ, Sở Tư pháp"
        " thực hiện như sau:"
    )
    assert found is not None
    assert found.group("lead") == "Giám đốc Sở Nội vụ, Sở Tư pháp"


_OFFICERS = """IV. PHÂN CÔNG NHIỆM VỤ

1. Đồng chí Trưởng Ban Tuyên giáo - Tổ trưởng: Phụ trách chung, chỉ đạo các thành viên của Tổ.

2. Đồng chí Phó Trưởng ban Tuyên giáo - Tổ viên: Tổng hợp kết quả, báo cáo Tổ trưởng.
"""


def test_an_officer_labelled_point_is_led_by_its_label_as_printed() -> None:
    parsed = parse_bytes(_OFFICERS.encode(), "x.txt")
    rows = [(item.lead, item.title) for item in parsed.items]
    assert rows == [
        (
            "Đồng chí Trưởng Ban Tuyên giáo - Tổ trưởng",
            "Phụ trách chung, chỉ đạo các thành viên của Tổ",
        ),
        (
            "Đồng chí Phó Trưởng ban Tuyên giáo - Tổ viên",
            "Tổng hợp kết quả, báo cáo Tổ trưởng",
        ),
    ]
    assert not [w for w in parsed.warnings if w.code == "prose-no-lead"]


def test_officer_label_needs_the_comrade_and_a_role() -> None:
    assert officer_label("1. Đồng chí Trưởng Ban Tuyên giáo - Tổ trưởng: Phụ trách chung.") == (
        "Đồng chí Trưởng Ban Tuyên giáo - Tổ trưởng",
        "Phụ trách chung.",
    )
    assert officer_label("1. Phòng Kinh tế: Phụ trách chung.") is None  # a body: other rules


def test_the_other_members_point_is_led_by_them_with_their_partners() -> None:
    text = (
        "3. Các thành viên khác của Tổ căn cứ vào nhiệm vụ được giao, chủ động phối hợp với"
        " Tổ thông tin, tuyên truyền triển khai các nhiệm vụ có liên quan."
    )
    assert members_point(text) == (
        "Các thành viên khác của Tổ",
        "Tổ thông tin, tuyên truyền",
    )
    parsed = parse_bytes(("IV. PHÂN CÔNG\n\n" + _OFFICERS + "\n" + text + "\n").encode(), "x.txt")
    last = parsed.items[-1]
    assert (last.lead, last.partners) == (
        "Các thành viên khác của Tổ",
        "Tổ thông tin, tuyên truyền",
    )
