"""Conventions D and E of the corpus (issue 15, branch conv): a task's opening qualifier
(``qualifiers.py``) and bullets that assess instead of assigning (``findings.py``), on small
made-up documents of the genre (other bodies, other words)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.findings import is_finding
from cchc.plans.parsing.qualifiers import based_title, generic_qualifier, is_generic
from cchc.plans.parsing.result import ParsedPlan


def _plan(text: str, name: str = "plan.md") -> ParsedPlan:
    return parse_bytes(text.encode(), name)


_HEADED = """KẾ HOẠCH
Triển khai chương trình số hóa hồ sơ lưu trữ năm 2027

III. TỔ CHỨC THỰC HIỆN

1. Sở Văn hóa và Thể thao

a) Trong phạm vi chức năng, nhiệm vụ được giao, hướng dẫn các thư viện công cộng số hóa tài liệu cổ.

b) Theo thẩm quyền, kiểm tra việc lưu trữ tài liệu số tại các bảo tàng.

2. Sở Tài chính

a) Căn cứ dự toán do Sở Văn hóa và Thể thao lập, thẩm định, cấp phát kinh phí số hóa.

b) Có trách nhiệm tổng hợp nhu cầu kinh phí của các đơn vị.
"""


def test_a_generic_remit_qualifier_leaves_the_title_for_the_notes() -> None:
    items = _plan(_HEADED).items
    by_start = {item.title.split()[0]: item for item in items}
    guide = by_start["Hướng"]
    assert guide.title.startswith("Hướng dẫn các thư viện công cộng số hóa tài liệu cổ")
    assert "Trong phạm vi chức năng, nhiệm vụ được giao" in (guide.notes or "")
    check = by_start["Kiểm"]
    assert check.title.startswith("Kiểm tra việc lưu trữ tài liệu số")
    assert "Theo thẩm quyền" in (check.notes or "")
    assert by_start["Tổng"].title.startswith("Tổng hợp nhu cầu kinh phí")
    # a specific basis printed first stays (a budget estimate: part of what is to be done)
    assert by_start["Căn"].title.startswith(
        "Căn cứ dự toán do Sở Văn hóa và Thể thao lập, thẩm định"
    )


def test_a_specific_basis_before_the_subject_goes_back_to_the_head_of_the_title() -> None:
    text = """KẾ HOẠCH
Phát triển chợ đầu mối nông sản năm 2027

IV. TỔ CHỨC THỰC HIỆN

1. Trên cơ sở đề xuất của các huyện, Sở Công Thương chủ trì, phối hợp với Sở Xây dựng
lập danh mục chợ cần cải tạo, trình Ủy ban nhân dân tỉnh trong quý II năm 2027.

2. Căn cứ chức năng, nhiệm vụ được giao, Sở Y tế kiểm tra an toàn thực phẩm tại các chợ đầu mối.
"""
    items = _plan(text).items
    market = next(item for item in items if item.lead == "Sở Công Thương")
    assert market.title.startswith("Trên cơ sở đề xuất của các huyện, lập danh mục chợ cần cải tạo")
    assert "Trên cơ sở" not in (market.notes or "")
    health = next(item for item in items if item.lead == "Sở Y tế")
    assert health.title.startswith("Kiểm tra an toàn thực phẩm")
    assert "Căn cứ chức năng, nhiệm vụ được giao" in (health.notes or "")


def test_generic_qualifier_shapes() -> None:
    assert generic_qualifier("Trong phạm vi và lĩnh vực quản lý, đề xuất giảm phí") == (
        "Đề xuất giảm phí",
        "Trong phạm vi và lĩnh vực quản lý",
    )
    assert generic_qualifier("Căn cứ chức năng nhiệm vụ tiến hành rà soát quy chế")[0] == (
        "Tiến hành rà soát quy chế"
    )
    assert generic_qualifier("Có trách nhiệm báo cáo kết quả")[0] == "Báo cáo kết quả"
    assert generic_qualifier("Trên cơ sở chức năng, nhiệm vụ được giao theo dõi việc nộp")[0] == (
        "Theo dõi việc nộp"
    )
    assert generic_qualifier("Căn cứ chức năng của tổ chức của mình vận động hội viên")[0] == (
        "Vận động hội viên"
    )
    assert generic_qualifier("Theo chức năng, nhiệm vụ của đơn vị hỗ trợ các xã lập hồ sơ")[0] == (
        "Hỗ trợ các xã lập hồ sơ"
    )
    # Refused: a remit AND a document (a specific basis), a scope, a noun phrase.
    mixed = "Căn cứ chức năng, nhiệm vụ được giao, Chỉ thị số 5 của Tỉnh ủy, cập nhật kế hoạch"
    assert generic_qualifier(mixed) == (mixed, "")
    scope = "Theo chức năng, nhiệm vụ được giao trong việc bố trí nguồn lực cho chợ"
    assert generic_qualifier(scope) == (scope, "")
    assert generic_qualifier("Trách nhiệm giải trình về kết quả") == (
        "Trách nhiệm giải trình về kết quả",
        "",
    )
    assert is_generic("Căn cứ vào chức năng, nhiệm vụ của mình")
    assert not is_generic("Căn cứ Kế hoạch này")


def test_based_title_keeps_a_specific_clause_and_leaves_a_generic_one_in_the_notes() -> None:
    text = "Căn cứ Kế hoạch này, các huyện xây dựng kế hoạch của mình"
    assert based_title("xây dựng kế hoạch của mình", "Căn cứ Kế hoạch này", text) == (
        "Căn cứ Kế hoạch này, xây dựng kế hoạch của mình",
        "",
    )
    generic = "Căn cứ chức năng, nhiệm vụ, các huyện xây dựng kế hoạch"
    assert based_title("xây dựng kế hoạch", "Căn cứ chức năng, nhiệm vụ", generic) == (
        "Xây dựng kế hoạch",
        "Căn cứ chức năng, nhiệm vụ",
    )


_ASSESSED = """Kính gửi: Chi cục Thống kê các huyện

Sở Tài chính yêu cầu đồng chí Chi cục trưởng Chi cục Thống kê các huyện chỉ đạo thực hiện:

1. Bổ sung điều tra viên cho cuộc điều tra doanh nghiệp; giao chỉ tiêu đến từng tổ.

2. Tập trung hoàn thành phiếu điều tra của các hộ kinh doanh cá thể.

- Qua kiểm tra đến hết tháng 9, một số Chi cục có tỷ lệ phiếu hoàn thành thấp như:
Chi cục huyện Tân Lạc, Lạc Sơn, Mai Châu.

- Rà soát danh sách hộ kinh doanh, điều tra ngay các hộ chưa có phiếu.

- Kiểm tra chéo phiếu điều tra giữa các tổ trước khi nhập máy.

3. Đẩy mạnh tập huấn nghiệp vụ cho điều tra viên mới.
"""


def test_a_bullet_that_assesses_bodies_is_no_row_and_its_line_is_warned() -> None:
    plan = _plan(_ASSESSED, "letter.txt")
    titles = [item.title or "" for item in plan.items]
    assert not any("một số Chi cục có tỷ lệ" in t for t in titles)
    assert any(t.startswith("Rà soát danh sách hộ kinh doanh") for t in titles)
    assert any(t.startswith("Kiểm tra chéo phiếu điều tra") for t in titles)
    warned = [w.message or "" for w in plan.warnings if w.code == "bullet-finding"]
    assert any("một số Chi cục" in message for message in warned)


def test_finding_shapes() -> None:
    assert is_finding("Một số xã còn chậm cập nhật dữ liệu như: xã A, xã B")
    assert is_finding("Đánh giá trên cơ sở kết quả quý III, một số huyện có tỷ lệ giải ngân thấp")
    # A task given to bodies, even "some" of them by a verb, is one.
    assert not is_finding("Chỉ đạo một số xã có tỷ lệ thấp khắc phục ngay")
    assert not is_finding("Rà soát danh sách hộ kinh doanh, điều tra ngay các hộ chưa có phiếu")


def test_the_remit_between_a_lead_and_its_verb_is_kept_in_the_notes() -> None:
    text = """KẾ HOẠCH
Phòng chống dịch sốt xuất huyết năm 2027

IV. TỔ CHỨC THỰC HIỆN

1. Sở Y tế theo chức năng, nhiệm vụ được giao hướng dẫn các trạm y tế phun hóa chất diệt muỗi.

2. Sở Giáo dục và Đào tạo có trách nhiệm tuyên truyền phòng bệnh trong trường học.
"""
    items = {item.lead: item for item in _plan(text).items}
    health = items["Sở Y tế"]
    assert health.title.startswith("Hướng dẫn các trạm y tế phun hóa chất")
    assert "theo chức năng, nhiệm vụ được giao" in (health.notes or "")
    school = items["Sở Giáo dục và Đào tạo"]
    assert school.title.startswith("Tuyên truyền phòng bệnh trong trường học")
    assert "có trách nhiệm" in (school.notes or "")
