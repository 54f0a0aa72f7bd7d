"""Round 17 rules (issue 15): sections written as numbered blocks, … (made-up snippets)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.dutypoints import points_name_bodies
from cchc.plans.parsing.givenarticles import role_partners

_SECTION_BLOCKS = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
Số: 15/KH-BCĐ
KẾ HOẠCH
Triển khai công tác phòng chống thiên tai năm 2024

I. CÔNG TÁC TUYÊN TRUYỀN

1. Nội dung, biện pháp

a) Tổ chức hội nghị phổ biến các văn bản về phòng chống thiên tai;

b) Biên soạn tài liệu hướng dẫn người dân ứng phó với bão, lũ.

2. Cơ quan chủ trì, phối hợp

a) Cơ quan chủ trì

- Ban Chỉ đạo tỉnh.

- Sở Thông tin và Truyền thông; Đài Phát thanh - Truyền hình tỉnh.

b) Cơ quan phối hợp

- Ủy ban nhân dân các huyện, thị xã.

3. Thời gian thực hiện: Quý I/2024 và thường xuyên.

II. KIỆN TOÀN LỰC LƯỢNG

1. Nội dung, biện pháp

a) Kiện toàn Ban Chỉ huy phòng chống thiên tai các cấp;

b) Thành lập các đội xung kích ở xã, phường.

Quy chế hoạt động của các đội xung kích do Sở Nông nghiệp và Phát triển nông thôn hướng dẫn.

2. Chủ trì thực hiện

- Sở Nông nghiệp và Phát triển nông thôn.

- Ủy ban nhân dân các huyện, thị xã.

3. Thời gian thực hiện: Tháng 3/2024.
"""


def test_a_sections_blocks_of_bodies_and_time_are_every_points_fields() -> None:
    parsed = parse_bytes(_SECTION_BLOCKS.encode(), "ke-hoach.txt")
    rows = [(i.number, (i.title or "")[:24], i.lead, i.partners, i.timeframe) for i in parsed.items]
    lead_one = "Ban Chỉ đạo tỉnh; Sở Thông tin và Truyền thông; Đài Phát thanh - Truyền hình tỉnh"
    lead_two = "Sở Nông nghiệp và Phát triển nông thôn; Ủy ban nhân dân các huyện, thị xã"
    partners_one = "Ủy ban nhân dân các huyện, thị xã"
    agent = "Sở Nông nghiệp và Phát triển nông thôn"
    assert rows == [
        ("a", "Tổ chức hội nghị phổ biế", lead_one, partners_one, "Quý I/2024 và thường xuyên"),
        ("b", "Biên soạn tài liệu hướng", lead_one, partners_one, "Quý I/2024 và thường xuyên"),
        ("a", "Kiện toàn Ban Chỉ huy ph", lead_two, "", "Tháng 3/2024"),
        ("b", "Thành lập các đội xung k", lead_two, "", "Tháng 3/2024"),
        # A paragraph apart after the points: a row of its own, led by its agent.
        ("", "Quy chế hoạt động của cá", agent, "", "Tháng 3/2024"),
    ]
    assert parsed.items[0].section == ["CÔNG TÁC TUYÊN TRUYỀN"]
    assert parsed.items[2].section == ["KIỆN TOÀN LỰC LƯỢNG"]


def test_one_section_of_blocks_is_no_such_plan() -> None:
    one = _SECTION_BLOCKS.split("II. KIỆN TOÀN")[0]
    parsed = parse_bytes(one.encode(), "ke-hoach.txt")
    # Not read section by section: the bodies' bullets are not given to both points.
    assert not all(
        item.lead and item.lead.startswith("Ban Chỉ đạo tỉnh; Sở Thông tin")
        for item in parsed.items
    )


_GIVEN_ARTICLE = """ỦY BAN NHÂN DÂN TỈNH HÀ GIANG
Số: 120/QĐ-UBND
QUYẾT ĐỊNH
Ban hành lịch thi đấu thể thao năm 2025

QUYẾT ĐỊNH:

Điều 1. Ban hành lịch thi đấu thể thao năm 2025 như sau:

1. Giải chạy việt dã: tháng 3/2025.

2. Giải bóng đá thiếu niên: tháng 6/2025.

Điều 2. Giao Giám đốc Sở Văn hóa, Thể thao và Du lịch

1. Tổ chức các giải thi đấu đúng lịch đã ban hành. Trường hợp cần thiết, báo cáo Chủ tịch \
Ủy ban nhân dân tỉnh xem xét.

2. Chủ trì, phối hợp với Ủy ban nhân dân các huyện; thủ trưởng các cơ quan liên quan bố trí \
địa điểm thi đấu.

Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
"""


def test_an_article_giving_a_body_the_points_below_it() -> None:
    parsed = parse_bytes(_GIVEN_ARTICLE.encode(), "quyet-dinh.txt")
    rows = [(i.number, (i.title or "")[:28], i.lead, i.partners) for i in parsed.items]
    lead = "Giám đốc Sở Văn hóa, Thể thao và Du lịch"
    partners = "Ủy ban nhân dân các huyện; thủ trưởng các cơ quan liên quan"
    assert rows == [
        ("1", "Tổ chức các giải thi đấu đún", lead, ""),
        ("2", "Bố trí địa điểm thi đấu.", lead, partners),
    ]


def test_role_partners_go_on_past_a_semicolon_while_they_name_bodies() -> None:
    assert role_partners("Chủ trì, phối hợp với Sở Y tế; các huyện tổ chức tập huấn.") == (
        "Tổ chức tập huấn.",
        "Sở Y tế; các huyện",
    )
    assert role_partners("Tổ chức tập huấn; phối hợp với Sở Y tế.") == (
        "Tổ chức tập huấn; phối hợp với Sở Y tế.",
        "",
    )


_DUTY_OVER_TASKS = """QUYẾT ĐỊNH:

Điều 5. Tổ chức thực hiện

1. Trách nhiệm của các Bộ

a) Bộ Tài chính:

Bố trí kinh phí thực hiện chính sách hằng năm.

2. Trách nhiệm của Ủy ban nhân dân các tỉnh

a) Lập danh sách các hộ được hỗ trợ trên địa bàn;

b) Bố trí vốn đối ứng của địa phương.
"""


def test_a_duty_heading_over_task_points_leads_them() -> None:
    parsed = parse_bytes(_DUTY_OVER_TASKS.encode(), "quyet-dinh.txt")
    rows = [(i.number, (i.title or "")[:20], i.lead) for i in parsed.items]
    assert rows == [
        ("a", "Bố trí kinh phí thực", "Bộ Tài chính"),
        ("a", "Lập danh sách các hộ", "Ủy ban nhân dân các tỉnh"),
        ("b", "Bố trí vốn đối ứng c", "Ủy ban nhân dân các tỉnh"),
    ]


def test_points_naming_bodies_below_a_duty_heading_are_its_agencies() -> None:
    assert points_name_bodies("a) Bộ Xây dựng:")
    assert points_name_bodies("2.1. Sở Tài chính chủ trì …")
    assert not points_name_bodies("a) Lập danh sách các hộ được hỗ trợ;")


_CONTENTS_SECTION = """KẾ HOẠCH
Thực hiện công tác lưu trữ năm 2024

II. NỘI DUNG CÔNG TÁC

1. Các sở, ban, ngành tổ chức tập huấn nghiệp vụ lưu trữ cho công chức.

2. Tiếp tục chỉnh lý tài liệu tồn đọng của các cơ quan.

3. Xây dựng danh mục hồ sơ năm 2024 (Giao Sở Nội vụ chủ trì, phối hợp với Văn phòng \
UBND tỉnh; Sở Tư pháp tham mưu).

4. Kiểm tra công tác lưu trữ tại các huyện (Giao Sở Nội vụ thực hiện).
"""


def test_points_without_subject_under_a_contents_section_are_rows() -> None:
    parsed = parse_bytes(_CONTENTS_SECTION.encode(), "ke-hoach.txt")
    rows = [(i.number, (i.title or "")[:20], i.lead, i.partners) for i in parsed.items]
    assert rows == [
        ("1", "Tổ chức tập huấn ngh", "Các sở, ban, ngành", ""),
        ("2", "Tiếp tục chỉnh lý tà", "", ""),
        ("3", "Xây dựng danh mục hồ", "Sở Nội vụ", "Văn phòng UBND tỉnh; Sở Tư pháp"),
        ("4", "Kiểm tra công tác lư", "Sở Nội vụ", ""),
    ]
    # The bracket is out of the title.
    assert parsed.items[2].title == "Xây dựng danh mục hồ sơ năm 2024."


_CONTINUED = """CHỈ THỊ
Về công tác khuyến học

Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh:

1. Chỉ đạo các cấp đưa nội dung đào tạo nghề cho thanh niên vùng khó khăn vào kế hoạch.

Đào tạo nghề cho thanh niên vùng khó khăn phải gắn với giải quyết việc làm.

2. Chỉ đạo các trường tổ chức lớp học bổ trợ cho trẻ em vùng khó khăn.

Khẩn trương báo cáo kết quả thực hiện về Bộ Giáo dục và Đào tạo.

3. Bố trí kinh phí cho công tác khuyến học.
"""


def test_a_paragraph_restating_its_point_continues_it() -> None:
    parsed = parse_bytes(_CONTINUED.encode(), "chi-thi.txt")
    rows = [(i.number, (i.title or "")[:22]) for i in parsed.items]
    # The paragraph restating point 1's object stays in its row; the one opening with a task
    # of its own ("Khẩn trương báo cáo …") is a row.
    assert rows == [
        ("1", "Chỉ đạo các cấp đưa nộ"),
        ("2", "Chỉ đạo các trường tổ "),
        ("", "Khẩn trương báo cáo kế"),
        ("3", "Bố trí kinh phí cho cô"),
    ]
    assert "phải gắn với giải quyết việc làm" in (parsed.items[0].notes or "")


_LOWER_HEAD = """KẾ HOẠCH
Rà soát đối tượng hưởng chính sách

II. NHIỆM VỤ

1. Giao Sở Y tế, phòng Y tế cấp huyện phối hợp với các cơ sở khám bệnh rà soát danh sách.

2. Giao Sở Tài chính, các huyện bố trí kinh phí thực hiện.
"""


def test_a_lower_case_head_after_a_comma_goes_on_the_list() -> None:
    parsed = parse_bytes(_LOWER_HEAD.encode(), "ke-hoach.txt")
    rows = [(i.lead, i.partners, (i.title or "")[:16]) for i in parsed.items]
    assert rows[0] == (
        "Sở Y tế, phòng Y tế cấp huyện",
        "các cơ sở khám bệnh",
        "Rà soát danh sác",
    )
    # (a kind of body in lower case, "các huyện", is no head before a proper name: as before)
    assert rows[1][0] == "Sở Tài chính"


_HEAD_GIVEN = """KẾ HOẠCH
Phòng cháy chữa cháy năm 2024

III. PHÂN CÔNG NHIỆM VỤ

1. Sở Xây dựng

Tham mưu Ủy ban nhân dân tỉnh quản lý an toàn công trình.

Trong đó giao Giám đốc Sở Xây dựng chỉ đạo thực hiện:

- Kiểm tra an toàn phòng cháy các công trình cao tầng.

- Hướng dẫn chủ đầu tư lắp đặt hệ thống báo cháy.

2. Sở Tài chính: Bố trí kinh phí thực hiện Kế hoạch.
"""


def test_bullets_given_to_a_bodys_head_are_led_by_it() -> None:
    parsed = parse_bytes(_HEAD_GIVEN.encode(), "ke-hoach.txt")
    rows = [((i.title or "")[:18], i.lead) for i in parsed.items]
    assert rows == [
        ("Tham mưu Ủy ban nh", "Sở Xây dựng"),
        ("Kiểm tra an toàn p", "Giám đốc Sở Xây dựng"),
        ("Hướng dẫn chủ đầu ", "Giám đốc Sở Xây dựng"),
        ("Bố trí kinh phí th", "Sở Tài chính"),
    ]


_ROLE_COLON = """KẾ HOẠCH
Bảo vệ môi trường năm 2024

II. NHIỆM VỤ

1. Thủ trưởng các sở, ban, ngành có trách nhiệm: Chỉ đạo phân loại rác thải tại cơ quan.

2. Sở Tài nguyên và Môi trường chịu trách nhiệm trước Ủy ban nhân dân tỉnh về kết quả.
"""


def test_role_words_before_a_colon_are_no_part_of_the_title() -> None:
    parsed = parse_bytes(_ROLE_COLON.encode(), "ke-hoach.txt")
    assert parsed.items[0].lead == "Thủ trưởng các sở, ban, ngành"
    assert (parsed.items[0].title or "").startswith("Chỉ đạo phân loại rác thải")
    # Without a colon the duty is the task itself: left as read.
    assert all(not (i.title or "").startswith("Trước Ủy ban") for i in parsed.items)


_NO_TASKS = """KẾ HOẠCH
Chuyển đổi số năm 2024

IV. TỔ CHỨC THỰC HIỆN

1. Các sở, ban, ngành xây dựng kế hoạch chuyển đổi số của đơn vị.

* Lưu ý: Kế hoạch gửi kèm bản mềm về Sở Thông tin và Truyền thông.

2. Kinh phí thực hiện: Do ngân sách tỉnh đảm bảo theo phân cấp hiện hành.

3. Sở Tài chính: Bố trí kinh phí thực hiện Kế hoạch.

4. Quá trình thực hiện nếu có khó khăn, vướng mắc các cơ quan, đơn vị báo cáo về Ủy ban nhân \
dân tỉnh để xem xét.
"""


def test_funding_closing_and_notes_are_no_rows() -> None:
    parsed = parse_bytes(_NO_TASKS.encode(), "ke-hoach.txt")
    rows = [(i.number, (i.title or "")[:16], i.lead) for i in parsed.items]
    assert rows == [
        ("1", "Xây dựng kế hoạc", "Các sở, ban, ngành"),
        # a body given the funding keeps its row
        ("3", "Bố trí kinh phí ", "Sở Tài chính"),
    ]
    assert "Lưu ý: Kế hoạch gửi kèm" in (parsed.items[0].notes or "")
