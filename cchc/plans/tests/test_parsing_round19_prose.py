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


# A gazette's PDF text: the page's running head and number after a point that ends on its
# deadline without a stop; points without a body under a section of tasks.
_GAZETTE = (
    "KẾ HOẠCH\n"
    "Triển khai chuyển đổi số năm 2026\n"
    "\n"
    "I. NHIỆM VỤ CHUNG\n"
    "1. Rà soát các thủ tục hành chính có thể cung cấp trực tuyến toàn trình (hoàn thành "
    "trong Quý II/2026).\n"
    "2. Đối với các xã chưa có bộ phận một cửa điện tử: Khẩn trương bố trí trang thiết bị "
    "trong Quý III/2026\n"
    "\n"
    "CÔNG BÁO/Số 512 + 513/Ngày 14-07-2026\n"
    "41\n"
    "3. Tổng hợp, đánh giá kết quả thực hiện Kế hoạch (Quý IV/2026).\n"
)


def test_point_ending_on_its_deadline_is_a_row_across_the_running_head() -> None:
    parsed = _parse(_GAZETTE)
    assert [item.number for item in parsed.items] == ["1", "2", "3"]
    assert "CÔNG BÁO" not in (parsed.items[1].title or "")
    assert (parsed.items[1].timeframe or "").endswith("Quý III/2026")


def test_point_ending_without_stop_or_deadline_stays_a_heading() -> None:
    text = _GAZETTE.replace("trong Quý III/2026\n", "ở cấp xã\n")
    assert "2" not in [item.number for item in _parse(text).items]


def test_if_needed_point_with_its_own_schedule_is_a_row() -> None:
    text = _GAZETTE + (
        "4. Trong quá trình thực hiện Kế hoạch, nếu có vướng mắc, các sở, ngành gửi báo cáo "
        "về Sở Nội vụ để tổng hợp (thường xuyên).\n"
    )
    assert [item.number for item in _parse(text).items] == ["1", "2", "3", "4"]


def test_if_needed_closing_formula_without_schedule_is_no_row() -> None:
    text = _GAZETTE + (
        "4. Trong quá trình thực hiện Kế hoạch, nếu có vướng mắc, các sở, ngành gửi báo cáo "
        "về Sở Nội vụ để tổng hợp.\n"
    )
    assert [item.number for item in _parse(text).items] == ["1", "2", "3"]
