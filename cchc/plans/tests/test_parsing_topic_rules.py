"""How topics, subject lines and wrapped headings nest in the genre's documents (issue 15,
the structure rules after held-out round 6), each on a small made-up document (other bodies,
other wording than the corpus entries)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.result import Item, ParsedPlan


def _parse(text: str, name: str = "plan.md") -> ParsedPlan:
    return parse_bytes(text.encode(), name)


def _items(text: str, name: str = "plan.md") -> list[Item]:
    return _parse(text, name).items


# A crawled notice with no blank lines, whose title block holds an empty italic run "* *".
_NOTICE = (
    "**VĂN PHÒNG CHÍNH PHỦ**\n"
    "* *\n"
    "**THÔNG BÁO**\n"
    "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG TẠI BUỔI LÀM VIỆC VỚI TỈNH LẠNG SƠN\n"
    "**II. KIẾN NGHỊ CỦA TỈNH**\n"
    "1. Về hỗ trợ kinh phí xây dựng trạm y tế: Giao Bộ Tài chính chủ trì, phối hợp với\n"
    "Bộ Y tế nghiên cứu kiến nghị của tỉnh, báo cáo cấp có thẩm quyền.\n"
    "2. Về việc bố trí xe chuyên dùng: Tỉnh căn cứ các quy định hiện hành để sắp xếp xe\n"
    "phục vụ công tác, bảo đảm tiết kiệm.\n"
    "3. Về việc đầu tư tuyến đường nối tỉnh Lạng\n"
    "Sơn với cửa khẩu Chi Ma: Giao Bộ Xây dựng nghiên cứu, báo cáo Thủ tướng Chính\n"
    "phủ trước ngày 20 tháng 12 năm 2025.\n"
)


def test_an_empty_italic_run_glues_nothing_to_it() -> None:
    # "* *" opens and closes an italic run on its line: the lines below are not one paragraph.
    items = _items(_NOTICE)
    assert [item.number for item in items] == ["1", "2", "3"]
    assert items[0].lead == "Bộ Tài chính"
    assert items[0].partners == "Bộ Y tế"
    assert all(item.section == ["II. KIẾN NGHỊ CỦA TỈNH"] for item in items)


def test_an_answer_after_a_topic_is_the_point_s_row_whatever_its_subject() -> None:
    # "2. Về …: Tỉnh căn cứ …": the province is no agency the reader knows; the answer is a row
    # all the same, its lead left empty with a warning (never dropped).
    plan = _parse(_NOTICE)
    second = plan.items[1]
    assert second.lead == ""
    assert second.title.startswith("Tỉnh căn cứ các quy định hiện hành")
    warned = [w for w in plan.warnings if w.code == "point-no-lead"]
    assert [w.line for w in warned] == [second.line]
    assert "2" in warned[0].message


def test_a_topic_wrapped_inside_a_name_goes_on_to_its_colon() -> None:
    # "3. Về … tỉnh Lạng" / "Sơn với …: Giao …": one point, not a section and a row.
    third = _items(_NOTICE)[2]
    assert third.number == "3"
    assert third.lead == "Bộ Xây dựng"
    assert third.timeframe == "trước ngày 20 tháng 12 năm 2025"
    assert "Lạng Sơn" not in " ".join(third.section)


def test_a_topic_heading_over_its_paragraph_stays_a_section() -> None:
    # A topic without a colon, over a sentence with a subject: its section, not glued to it.
    items = _items(
        _NOTICE + "4. Về công tác cải cách thể chế\n"
        "Bộ Tư pháp chủ trì rà soát các văn bản quy phạm pháp luật, hoàn thành trong quý I/2026.\n"
    )
    assert items[3].lead == "Bộ Tư pháp"
    assert items[3].section == ["II. KIẾN NGHỊ CỦA TỈNH", "4. Về công tác cải cách thể chế"]


_RESOLUTION = (
    "Nghị quyết về khắc phục hậu quả mưa lũ.\n\n"
    "**II. NHIỆM VỤ, GIẢI PHÁP**\n\n"
    "2.1. Hỗ trợ lương thực\n\n"
    "a) Ủy ban nhân dân các tỉnh rà soát, cứu trợ lương thực cho các hộ thiếu đói.\n\n"
    "b) Bộ Công Thương bảo đảm nguồn cung hàng hóa thiết yếu.\n\n"
    "c) Khuyến khích các doanh nghiệp tham gia hỗ trợ Nhân dân vùng lũ.\n\n"
    "2.2. Hỗ trợ về nhà ở\n\n"
    "Ủy ban nhân dân các tỉnh, thành\nphố:\n\n"
    "a) Huy động các nguồn lực để sửa chữa nhà bị hư hại.\n\n"
    "b) Bố trí quỹ đất tái định cư cho các hộ mất nhà.\n\n"
    "2.3. Bảo đảm an sinh xã hội\n\n"
    "Bộ Nội vụ chỉ đạo Sở Nội vụ các tỉnh:\n\n"
    "a) Chi trả kịp thời trợ cấp cho người có công.\n\n"
    "b) Rà soát các đối tượng bảo trợ xã hội bị ảnh hưởng.\n\n"
    "2.4. Vệ sinh môi trường\n\n"
    "a) Bộ Y tế cấp hóa chất xử lý nguồn nước.\n"
)


def test_a_subject_line_leads_the_lettered_points_below_it_up_to_the_next_heading() -> None:
    # "Ủy ban nhân dân các tỉnh, thành phố:" names only bodies; "Bộ Nội vụ chỉ đạo Sở Nội vụ
    # các tỉnh:" names the body that directs another: each is the subject of the points below
    # it, which have none of their own, up to the next heading of the same level.
    plan = _parse(_RESOLUTION)
    by_number = [(item.number, item.lead) for item in plan.items]
    assert by_number[3:] == [
        ("a", "Ủy ban nhân dân các tỉnh, thành phố"),
        ("b", "Ủy ban nhân dân các tỉnh, thành phố"),
        ("a", "Bộ Nội vụ"),
        ("b", "Bộ Nội vụ"),
        ("a", "Bộ Y tế"),
    ]
    assert plan.items[5].section[-1] == "2.3. Bảo đảm an sinh xã hội"
    assert not [w for w in plan.warnings if w.code == "prose-skipped"]


def test_a_lettered_point_with_no_agency_among_rows_is_a_row_with_a_warning() -> None:
    plan = _parse(_RESOLUTION)
    third = plan.items[2]
    assert (third.number, third.lead) == ("c", "")
    assert third.title.startswith("Khuyến khích các doanh nghiệp")
    assert [w.line for w in plan.warnings if w.code == "point-no-lead"] == [third.line]


def test_a_sentence_announcing_the_issuer_s_directions_leads_nothing() -> None:
    # "Chủ tịch … có ý kiến chỉ đạo như sau:" is who speaks, not the subject of the points.
    items = _items(
        "Chủ tịch Ủy ban nhân dân tỉnh có ý kiến chỉ đạo như sau:\n\n"
        "**1. Về việc rà soát dữ liệu đất đai**\n\n"
        "1.1. Giao Sở Nông nghiệp và Môi trường chia sẻ cơ sở dữ liệu đất đai.\n"
    )
    assert [item.lead for item in items] == ["Sở Nông nghiệp và Môi trường"]


_LETTER = (
    "Thực hiện Kết luận của Bộ Chính trị, Ban Chỉ đạo của Chính phủ về chuyển đổi số yêu cầu\n"
    "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố tập trung chỉ đạo, giải quyết dứt điểm\n"
    "các vướng mắc ở cấp xã, một số nội dung cụ thể sau:\n"
    "**1. Về tổ chức thực hiện nhiệm vụ được\n"
    "phân cấp cho cấp xã**\n"
    "- Tiếp tục rà soát các nhiệm vụ được phân cấp cho cấp xã để kịp thời điều chỉnh.\n"
    "- Sở Nội vụ hướng dẫn cấp xã sắp xếp bộ máy theo quy định.\n"
    "**2. Về hạ tầng công nghệ thông tin**\n"
    "- Khắc phục tình trạng thiếu trang thiết bị làm việc ở cấp xã.\n"
)


def test_a_topic_over_bullets_is_a_section_never_a_row() -> None:
    # "1. Về tổ chức thực hiện …": a topic, however its words read ("tổ chức thực hiện").
    items = _items(_LETTER)
    assert [item.title for item in items] == [
        "Tiếp tục rà soát các nhiệm vụ được phân cấp cho cấp xã để kịp thời điều chỉnh",
        "Hướng dẫn cấp xã sắp xếp bộ máy theo quy định",
        "Khắc phục tình trạng thiếu trang thiết bị làm việc ở cấp xã",
    ]
    assert items[0].section == ["1. Về tổ chức thực hiện nhiệm vụ được phân cấp cho cấp xã"]
    assert items[2].section == ["2. Về hạ tầng công nghệ thông tin"]


def test_whom_the_opening_asks_leads_the_bullets_across_the_topics() -> None:
    # The opening names the issuer ("Ban Chỉ đạo …") and, after "yêu cầu", whom it asks: the
    # bullets with no subject are the latter's, under every topic that follows.
    items = _items(_LETTER)
    asked = "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố"
    assert [item.lead for item in items] == [asked, "Sở Nội vụ", asked]


_TASKS = (
    "Bộ Y tế đề nghị Sở Y tế các tỉnh thực hiện các nội dung chủ yếu như sau:\n\n"
    "**II. NHIỆM VỤ CỤ THỂ**\n\n"
    "1. Nâng\n"
    "cao chất lượng khám, chữa bệnh, bảo đảm an toàn người bệnh\n\n"
    "- Tiếp\n"
    "tục rà soát quy trình chuyên môn tại các khoa lâm sàng.\n\n"
    "-\n"
    "Hoàn thiện hồ sơ bệnh án điện tử theo hướng dẫn của Bộ.\n\n"
    "2.\n"
    "Đẩy mạnh chuyển đổi số trong quản lý bệnh viện năm 2026.\n\n"
    "- Triển khai thanh toán viện phí không dùng tiền mặt.\n\n"
    "**III. TỔ CHỨC THỰC HIỆN**\n\n"
    "1.\n"
    "Sở Y tế các tỉnh xây dựng kế hoạch cụ thể, báo cáo Bộ Y tế trước ngày 31/12/2025.\n"
)


def test_topics_wrapped_after_their_number_are_sections_over_their_bullets() -> None:
    # "1. Nâng" / "cao chất lượng …", "2." / "Đẩy mạnh …." over bullets with no subject: the
    # topics are sections even under the agency the opening announced; "-" alone on its line
    # is a bullet whose text follows; "III.1." over no bullet stays a row.
    items = _items(_TASKS)
    assert [item.title for item in items] == [
        "Tiếp tục rà soát quy trình chuyên môn tại các khoa lâm sàng",
        "Hoàn thiện hồ sơ bệnh án điện tử theo hướng dẫn của Bộ",
        "Triển khai thanh toán viện phí không dùng tiền mặt",
        "Xây dựng kế hoạch cụ thể, báo cáo Bộ Y tế",
    ]
    assert items[0].section == [
        "II. NHIỆM VỤ CỤ THỂ",
        "1. Nâng cao chất lượng khám, chữa bệnh, bảo đảm an toàn người bệnh",
    ]
    assert items[2].section[-1] == "2. Đẩy mạnh chuyển đổi số trong quản lý bệnh viện năm 2026"
    assert (items[3].number, items[3].section) == ("1", ["III. TỔ CHỨC THỰC HIỆN"])
    # the opening's "Bộ Y tế đề nghị Sở Y tế các tỉnh …": whom it asks leads the bullets
    assert {item.lead for item in items} == {"Sở Y tế các tỉnh"}


def test_roman_points_under_a_request_each_name_their_subject() -> None:
    # "b) Để …, đề nghị:" over "(i)" … "(iii)": each sentence a row with its own subject; a name
    # wrapped at the line's end ("Tập đoàn Dầu khí Việt" / "Nam …") goes on; a point whose
    # subject the reader does not know ("Đơn vị tư vấn giám sát") is a row with a warning, never
    # dropped. ("Chủ đầu tư", known since branch left20, leads its point.)
    plan = _parse(
        "Ý kiến chỉ đạo tại buổi kiểm tra dự án.\n"
        "1. Về Dự án Nhà máy nhiệt điện Sông Mây\n"
        "a) Đánh giá cao nỗ lực của Chủ đầu tư.\n"
        "b) Để hoàn thành dự án đúng tiến độ, đề nghị:\n"
        "(i) Tập đoàn Dầu khí Việt\n"
        "Nam bảo đảm cung cấp đủ khí cho nhà máy trong tháng 12 năm 2025.\n"
        "(ii) Đơn vị tư vấn giám sát khẩn trương hoàn thành các hạng mục còn lại của dự án.\n"
        "(iii) Ủy ban nhân dân tỉnh Tây Ninh chỉ đạo các đơn vị bàn giao mặt bằng.\n"
    )
    items = plan.items
    assert [(item.number, item.lead) for item in items] == [
        ("i", "Tập đoàn Dầu khí Việt Nam"),
        ("ii", ""),
        ("iii", "Ủy ban nhân dân tỉnh Tây Ninh"),
    ]
    assert items[0].timeframe == "trong tháng 12 năm 2025"
    assert items[1].title.startswith("Đơn vị tư vấn giám sát khẩn trương")
    assert [w.line for w in plan.warnings if w.code == "point-no-lead"] == [items[1].line]


def test_a_body_named_by_what_it_does_and_a_defining_note_stay_out_of_the_lead() -> None:
    # "cơ sở đào tạo": after "cơ sở" the word says what the body does ("đào tạo" is no verb
    # here); "(sau đây gọi là …)" says what the text calls them; "nghiêm túc" is how.
    items = _items(
        "Bộ Công Thương đề nghị các cơ sở đào tạo trực thuộc Bộ (sau đây gọi là cơ sở\n"
        "đào tạo) nghiêm túc thực hiện các nội dung như sau:\n\n"
        "**1. Về tuyển sinh**\n\n"
        "- Hoàn thành công tác tuyển sinh năm học 2025 - 2026 theo kế hoạch.\n\n"
        "- Các cơ sở đào tạo chủ động mở rộng hợp tác quốc tế.\n"
    )
    assert [(item.lead, item.title) for item in items] == [
        (
            "Các cơ sở đào tạo trực thuộc Bộ",
            "Hoàn thành công tác tuyển sinh năm học 2025 - 2026 theo kế hoạch",
        ),
        ("Các cơ sở đào tạo", "Chủ động mở rộng hợp tác quốc tế"),
    ]


# Held-out round 8 (issue 15): conclusions that assess before they assign, and topics
# answered on their line.

_CONCLUSION = (
    "Phó Thủ tướng kết luận như sau:\n"
    "\n"
    "**I. ĐÁNH GIÁ CHUNG**\n"
    "\n"
    "1. Về kết quả phát triển kinh tế - xã hội:\n"
    "\n"
    "Tỉnh Hà Nam đã triển khai quyết liệt các nhiệm vụ, tăng trưởng đạt 9%.\n"
    "\n"
    "**II. NHIỆM VỤ THỜI GIAN TỚI**\n"
    "\n"
    "Đề nghị Ban Thường vụ Tỉnh ủy tập trung lãnh đạo thực hiện một số nội dung sau:\n"
    "\n"
    "1. Đẩy mạnh thu hút đầu tư vào các khu công nghiệp.\n"
    "\n"
    "2. Chăm lo đời sống của Nhân dân vùng khó khăn.\n"
    "\n"
    "**III. VỀ CÁC KIẾN NGHỊ CỦA TỈNH**\n"
    "\n"
    "1. Về đề nghị hỗ trợ vốn cho dự án đường ven sông Châu (khoảng 500 tỷ đồng) từ nguồn "
    "vốn ngân sách trung ương giai đoạn 2026 - 2030 theo Nghị quyết số 12/2025/QH15 của "
    "Quốc hội cho tỉnh Hà Nam: Ủy ban nhân dân tỉnh Hà Nam hoàn thiện hồ sơ dự án, gửi Bộ "
    "Tài chính trong tháng 12 năm 2025.\n"
    "\n"
    "2. Về đầu tư bến xe khách: với vai trò chủ đầu tư, Tổng công ty Vận tải Hà Nội chủ "
    "động làm việc với các nhà đầu tư. Để giải phóng mặt bằng, Ủy ban nhân dân tỉnh Hà Nam "
    "phối hợp với Bộ Xây dựng rà soát quy hoạch khu vực.\n"
    "\n"
    "3. Về phủ sóng điện thoại các thôn vùng cao: đề nghị các Tập đoàn: Viễn thông A, "
    "Viễn thông B tổ chức lắp đặt trạm phát sóng, hoàn thành trong quý I năm 2026.\n"
    "\n"
    "4. Về đề nghị Bộ Y tế hỗ trợ thiết bị: Về vấn đề này, Chính phủ đã ban hành Nghị quyết "
    "số 99/NQ-CP. Các bộ, ngành trên cơ sở nhiệm vụ được giao, hướng dẫn tỉnh thực hiện.\n"
    "\n"
    "Văn phòng Chính phủ trân trọng thông báo./.\n"
)


def test_an_assessment_is_no_task_and_an_announced_body_leads_the_points_below() -> None:
    items = _items(_CONCLUSION)
    # the province "đã triển khai …" under "I. ĐÁNH GIÁ CHUNG": what was done, no row
    assert not any("tăng trưởng đạt" in (item.title or "") for item in items)
    assert [(item.number, item.lead) for item in items[:2]] == [
        ("1", "Ban Thường vụ Tỉnh ủy"),
        ("2", "Ban Thường vụ Tỉnh ủy"),
    ]


def test_topics_answered_on_their_line_name_their_bodies() -> None:
    items = _items(_CONCLUSION)[2:]
    assert [(item.number, item.lead) for item in items] == [
        # a long topic, an answer whose subject opens with "Ủ"
        ("1", "Ủy ban nhân dân tỉnh Hà Nam"),
        # an answer after a clause, and a later sentence of another body after its clause
        ("2", "Tổng công ty Vận tải Hà Nội"),
        ("", "Ủy ban nhân dân tỉnh Hà Nam"),
        # "đề nghị các Tập đoàn: …": the bodies asked
        ("3", "Các Tập đoàn: Viễn thông A, Viễn thông B"),
        # an answer that informs first: the body of the next sentence, its framing clause out
        ("4", "Các bộ, ngành"),
    ]  # and the closing "… trân trọng thông báo./." is no row
    assert items[0].title == "Hoàn thiện hồ sơ dự án, gửi Bộ Tài chính"
    assert items[2].title == "Rà soát quy hoạch khu vực"
    assert items[2].partners == "Bộ Xây dựng"
    assert items[3].timeframe == "trong quý I năm 2026"


def test_a_section_of_results_holds_tasks_after_a_paragraph_announcing_them() -> None:
    items = _items(
        "**I. KẾT QUẢ ĐẠT ĐƯỢC**\n"
        "\n"
        "Thành phố đã hoàn thành việc sắp xếp đơn vị hành chính.\n"
        "\n"
        "Để vận hành hiệu quả chính quyền hai cấp, thành phố Huế cần tập trung thực hiện "
        "một số nhiệm vụ sau đây:\n"
        "\n"
        "1. Rà soát, bố trí cán bộ cấp xã phù hợp với năng lực.\n"
    )
    assert [(item.number, item.lead) for item in items] == [("1", "Thành phố Huế")]
