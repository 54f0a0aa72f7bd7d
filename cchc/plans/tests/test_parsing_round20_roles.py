"""The role rules written after held-out round 20 (issue 15): a co-lead ("Đồng chủ trì với X,
phối hợp với Y <task>") out of the title, the cooperation kept as the task where no task's
verb follows the bodies ("… phối hợp X trong quá trình …"), "theo dõi" read as a task's verb
after the partners, "tổ chức" the noun of the pair "cơ quan, tổ chức" before another
task's verb, and the press ("các cơ quan thông tấn, báo chí") in a list of bodies.
Each on a small made-up decision (other bodies and wording than the corpus entries)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.appositions import capacity
from cchc.plans.parsing.coleads import co_lead
from cchc.plans.parsing.cooperation import (
    cooperation_only,
    cooperation_task,
    inside_partner_list,
    leading_role,
)
from cchc.plans.parsing.result import ParsedPlan

_DECISION = (
    "QUYẾT ĐỊNH\n"
    "Phê duyệt Đề án phát triển du lịch nông thôn\n"
    "\n"
    "Điều 2. Tổ chức thực hiện\n"
    "1. Bộ Nông nghiệp và Môi trường\n"
    "a) Phối hợp với Bộ Tài chính, Bộ Nội vụ theo dõi, đôn đốc các địa phương thực hiện "
    "Đề án.\n"
    "b) Hướng dẫn các địa phương xây dựng sản phẩm du lịch nông thôn.\n"
    "2. Bộ Công Thương\n"
    "Đồng chủ trì với Bộ Văn hóa, Thể thao và Du lịch, phối hợp với các hiệp hội ngành "
    "hàng đẩy mạnh quảng bá sản phẩm du lịch nông thôn ra thị trường quốc tế.\n"
    "3. Ủy ban nhân dân các tỉnh\n"
    "a) Bố trí quỹ đất cho các điểm du lịch nông thôn.\n"
    "b) Các huyện miền núi và các địa phương có liên quan phối hợp Bộ Nông nghiệp và Môi "
    "trường trong quá trình khảo sát, lựa chọn điểm du lịch.\n"
    "5. Trách nhiệm của Bộ Quốc phòng\n"
    "Phối hợp với Bộ Y tế, các cơ quan, tổ chức bố trí lực lượng cứu hộ tại các điểm du "
    "lịch.\n"
    "6. Đề nghị Đài Phát thanh và Truyền hình các tỉnh và các cơ quan thông tấn, báo chí "
    "phối hợp với các bộ, ngành tuyên truyền về Đề án.\n"
)


def _parse(text: str) -> ParsedPlan:
    return parse_bytes(text.encode(), "quyet-dinh.txt")


def _row(parsed: ParsedPlan, start: str) -> tuple[str, str, str, str]:
    for item in parsed.items:
        if (item.title or "").startswith(start):
            return (item.title or "")[:40], item.lead or "", item.partners or "", item.notes or ""
    raise AssertionError(f"no row starts {start!r}: {[i.title for i in parsed.items]}")


def test_co_lead_leaves_the_title_and_goes_to_the_notes() -> None:
    title, lead, partners, notes = _row(_parse(_DECISION), "Đẩy mạnh")
    assert (title, lead, partners) == (
        "Đẩy mạnh quảng bá sản phẩm du lịch nông ",
        "Bộ Công Thương",
        "các hiệp hội ngành hàng",
    )
    assert "Đồng chủ trì với Bộ Văn hóa, Thể thao và Du lịch" in notes


def test_co_lead_words() -> None:
    assert co_lead("Đồng chủ trì với Bộ X, phối hợp với Y rà soát Z") == (
        "phối hợp với Y rà soát Z",
        "Đồng chủ trì với Bộ X",
    )
    assert co_lead("Chủ trì rà soát Z") == ("Chủ trì rà soát Z", "")


def test_follow_up_after_the_partners_is_the_task() -> None:
    title, lead, partners, _ = _row(_parse(_DECISION), "Theo dõi")
    assert (title, lead, partners) == (
        "Theo dõi, đôn đốc các địa phương thực hi",
        "Bộ Nông nghiệp và Môi trường",
        "Bộ Tài chính, Bộ Nội vụ",
    )
    assert not cooperation_only("theo dõi, đôn đốc …")
    assert cooperation_only("theo quy định")


def test_cooperation_without_a_task_after_the_bodies_is_the_task() -> None:
    title, lead, _, _ = _row(_parse(_DECISION), "Phối hợp Bộ")
    assert title == "Phối hợp Bộ Nông nghiệp và Môi trường tr"
    assert lead == "Các huyện miền núi và các địa phương có liên quan"
    assert cooperation_task("trong quá trình khảo sát")
    assert not cooperation_task("căn cứ các quy định hiện hành, tham mưu …")


def test_the_press_in_a_list_of_bodies_asked() -> None:
    title, lead, partners, _ = _row(_parse(_DECISION), "Tuyên truyền")
    assert title == "Tuyên truyền về Đề án"
    assert lead == "Đài Phát thanh và Truyền hình các tỉnh và các cơ quan thông tấn, báo chí"
    assert partners == "các bộ, ngành"


def test_bodies_and_organisations_before_a_task() -> None:
    title, lead, partners, _ = _row(_parse(_DECISION), "Bố trí lực lượng")
    assert (title, lead, partners) == (
        "Bố trí lực lượng cứu hộ tại các điểm du ",
        "Bộ Quốc phòng",
        "Bộ Y tế, các cơ quan, tổ chức",
    )


_TASKS = (
    "PHỤ LỤC\n"
    "NHIỆM VỤ CỦA CÁC BỘ, NGÀNH TRONG TRIỂN KHAI ĐỀ ÁN\n"
    "\n"
    "I. NHIỆM VỤ CHUNG\n"
    "1. Phối hợp chặt chẽ với Bộ Tư pháp, Văn phòng Chính phủ, Bộ Nội vụ và các cơ quan "
    "có liên quan trong quá trình thực hiện các nhiệm vụ được giao.\n"
    "2. Rà soát các thủ tục hành chính thuộc phạm vi quản lý (hoàn thành trong Quý IV/2027).\n"
)


def test_a_list_of_partners_opening_a_point_is_no_subject() -> None:
    rows = _parse(_TASKS).items
    assert (rows[0].title or "").startswith("Phối hợp chặt chẽ với Bộ Tư pháp, Văn phòng")
    assert rows[0].lead == ""
    assert inside_partner_list("Phối hợp chặt chẽ với Bộ Tư pháp")
    assert not inside_partner_list("Phối hợp với Bộ Tư pháp rà soát các thủ tục")


_NOTICE = (
    "THÔNG BÁO\n"
    "Kết luận tại buổi kiểm tra dự án nhà máy nước sạch\n"
    "\n"
    "1. Để hoàn thành dự án đúng tiến độ, đề nghị:\n"
    "(i) Ủy ban nhân dân tỉnh chỉ đạo hoàn thành giải phóng mặt bằng trong tháng 3 năm 2027.\n"
    "(ii) Chủ đầu tư phối hợp chặt chẽ với các nhà thầu hoàn thành lắp đặt thiết bị trong "
    "tháng 5 năm 2027.\n"
)


def test_the_investor_named_by_its_role_is_a_lead() -> None:
    rows = {item.number: item for item in _parse(_NOTICE).items}
    assert (rows["ii"].lead, rows["ii"].partners) == ("Chủ đầu tư", "các nhà thầu")
    assert (rows["ii"].title or "").startswith("Hoàn thành lắp đặt thiết bị")


_LONG_TOPIC = (
    "1. Về kiến nghị sửa đổi quy định về phân cấp quản lý đầu tư công, bảo đảm thống nhất "
    "với Luật Đầu tư công; ban hành mới hoặc sửa đổi các văn bản hướng dẫn về quản lý chi "
    "phí đầu tư xây dựng theo hướng đơn giản hóa thủ tục; rà soát, chuẩn hóa các mẫu biểu "
    "báo cáo giám sát, đánh giá đầu tư trên Hệ thống thông tin quốc gia về đầu tư công; sớm "
    "trình cấp có thẩm quyền ban hành định mức phân bổ vốn đầu tư công trung hạn cho giai "
    "đoạn 2026-2030 và hướng dẫn việc điều chỉnh kế hoạch vốn hằng năm của các địa phương:"
)
_PROVINCE_NOTICE = (
    "THÔNG BÁO\n"
    "Kết luận tại buổi làm việc với lãnh đạo tỉnh\n"
    "\n"
    "III. VỀ MỘT SỐ KIẾN NGHỊ CỦA TỈNH\n"
    "\n"
    f"{_LONG_TOPIC}\n"
    "\n"
    "Bộ Tài chính khẩn trương nghiên cứu kiến nghị của tỉnh, báo cáo cấp có thẩm quyền.\n"
    "\n"
    "2. Về kiến nghị hỗ trợ kinh phí phòng chống thiên tai:\n"
    "\n"
    "Bộ Nông nghiệp và Môi trường khẩn trương xem xét kiến nghị của tỉnh.\n"
)


def test_a_long_topic_ended_by_its_colon_numbers_its_paragraph() -> None:
    assert len(_LONG_TOPIC) > 400
    rows = _parse(_PROVINCE_NOTICE).items
    assert [(row.number, row.lead) for row in rows] == [
        ("1", "Bộ Tài chính"),
        ("2", "Bộ Nông nghiệp và Môi trường"),
    ]


_STANDING = (
    "THÔNG BÁO\n"
    "Kết luận tại phiên họp Ban Chỉ đạo chuyển đổi số\n"
    "\n"
    "III. KẾT LUẬN\n"
    "1. Về tổng kết hoạt động của Ban Chỉ đạo: Kết quả đạt được là nhờ sự nỗ lực của các "
    "thành viên. Sở Khoa học và Công nghệ với vai trò là cơ quan thường trực Ban Chỉ đạo, "
    "chủ động, phối hợp Sở Nội vụ có báo cáo tổng kết, đánh giá kết quả của từng thành viên.\n"
)


def test_a_body_named_with_its_capacity() -> None:
    rows = _parse(_STANDING).items
    assert (rows[-1].lead, rows[-1].partners) == ("Sở Khoa học và Công nghệ", "Sở Nội vụ")
    assert (rows[-1].title or "").startswith("Có báo cáo tổng kết, đánh giá")
    assert "với vai trò là cơ quan thường trực Ban Chỉ đạo" in (rows[-1].notes or "")
    assert capacity("Sở X với vai trò", "là cơ quan thường trực, chủ động rà soát") == (
        "Sở X",
        "chủ động rà soát",
        "với vai trò là cơ quan thường trực",
    )
    assert capacity("Sở X", "rà soát") == ("Sở X", "rà soát", "")


_DISPATCH = (
    "CÔNG ĐIỆN\n"
    "Về tổ chức khánh thành các công trình chào mừng Đại hội\n"
    "\n"
    "1. Bộ Giao thông vận tải:\n"
    "a) Tiếp tục phát huy vai trò cơ quan thường trực chủ trì, phối hợp với Văn phòng Chính "
    "phủ, Bộ Tài chính rà soát danh mục công trình; phối hợp với Đài Truyền hình Việt Nam "
    "chuẩn bị truyền hình trực tiếp.\n"
    "2. Bộ trưởng Bộ Nội vụ chỉ đạo chủ trì, phối hợp với Bộ Giao thông vận tải khẩn trương "
    "hướng dẫn khen thưởng các tập thể có thành tích.\n"
)


def test_a_role_named_as_the_lead_gives_the_partners() -> None:
    rows = {item.number: item for item in _parse(_DISPATCH).items}
    assert rows["a"].partners == "Văn phòng Chính phủ, Bộ Tài chính"
    assert (rows["a"].title or "").startswith("Tiếp tục phát huy vai trò cơ quan thường trực")
    assert leading_role("Tiếp tục phát huy vai trò cơ quan thường trực chủ trì")
    assert not leading_role("Chỉ đạo Sở X chủ trì")


def test_a_minister_directing_the_lead() -> None:
    rows = {item.number: item for item in _parse(_DISPATCH).items}
    assert (rows["2"].lead, rows["2"].partners) == ("Bộ trưởng Bộ Nội vụ", "Bộ Giao thông vận tải")
    assert (rows["2"].title or "").startswith("Khẩn trương hướng dẫn khen thưởng")
