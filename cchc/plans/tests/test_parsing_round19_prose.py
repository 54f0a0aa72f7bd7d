"""The reading rules written after held-out round 19 for a prose resolution (issue 15): a
numbered point that opens with a scope clause ("Đối với …,") before its subject, a body's duty
"X chịu trách nhiệm về …" kept whole in the title, and the facilities a law gives duties to
("Cơ sở khám bệnh, chữa bệnh …", "Cơ sở giáo dục …") as subjects. Each on a small made-up
resolution (other bodies and wording than the corpus entry)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.result import ParsedPlan

_RESOLUTION = (
    "NGHỊ QUYẾT\n"
    "Về hỗ trợ học phí năm học 2026 - 2027\n"
    "\n"
    "Điều 1. Chi phí hỗ trợ học phí được bảo đảm từ ngân sách nhà nước, trong đó:\n"
    "1. Đối với học sinh trung học cơ sở, giao Ủy ban nhân dân các tỉnh chi trả hỗ trợ "
    "theo quy định tại Nghị định số 81/2021/NĐ-CP.\n"
    "2. Đối với học sinh trung học phổ thông, Sở Giáo dục và Đào tạo khẩn trương lập danh "
    "sách học sinh được hỗ trợ.\n"
    "\n"
    "Điều 2. Tổ chức thực hiện\n"
    "1. Nghị quyết này có hiệu lực kể từ ngày ký.\n"
    "2. Cơ sở giáo dục phổ thông chịu trách nhiệm về tính trung thực của danh sách học "
    "sinh đề nghị hỗ trợ.\n"
    "3. Bộ Giáo dục và Đào tạo chịu trách nhiệm về việc hướng dẫn chi trả.\n"
)


def _parse(text: str) -> ParsedPlan:
    return parse_bytes(text.encode(), "nghi-quyet.txt")


def _rows(parsed: ParsedPlan) -> list[tuple[str, str]]:
    return [(item.lead or "", (item.title or "")[:40]) for item in parsed.items]


def test_scope_clause_before_the_subject_of_a_point() -> None:
    rows = _rows(_parse(_RESOLUTION))
    assert ("Sở Giáo dục và Đào tạo", "Khẩn trương lập danh sách học sinh được ") in rows


def test_duty_about_something_keeps_its_words_in_the_title() -> None:
    rows = _rows(_parse(_RESOLUTION))
    assert ("Bộ Giáo dục và Đào tạo", "Chịu trách nhiệm về việc hướng dẫn chi t") in rows


def test_facility_given_a_duty_is_the_lead() -> None:
    rows = _rows(_parse(_RESOLUTION))
    assert ("Cơ sở giáo dục phổ thông", "Chịu trách nhiệm về tính trung thực của ") in rows


def test_the_whole_resolution_reads_four_rows() -> None:
    parsed = _parse(_RESOLUTION)
    assert [item.lead for item in parsed.items] == [
        "Ủy ban nhân dân các tỉnh",
        "Sở Giáo dục và Đào tạo",
        "Cơ sở giáo dục phổ thông",
        "Bộ Giáo dục và Đào tạo",
    ]


def test_accountability_to_a_superior_is_still_no_row() -> None:
    text = _RESOLUTION + "4. Sở Tài chính chịu trách nhiệm trước Ủy ban nhân dân tỉnh.\n"
    assert "Sở Tài chính" not in [item.lead for item in _parse(text).items]


def test_a_data_base_is_no_facility() -> None:
    text = (
        "NGHỊ QUYẾT\nVề dữ liệu\n\nĐiều 2. Tổ chức thực hiện\n"
        "1. Cơ sở dữ liệu dân cư được kết nối với các hệ thống thông tin.\n"
    )
    assert [item.lead for item in _parse(text).items if item.lead.startswith("Cơ sở")] == []
