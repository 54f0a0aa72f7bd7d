"""How headings, points and bullets nest in the genre's documents (issue 15, the structure
rules after held-out round 5), each on a small made-up document (other bodies, other wording
than the corpus entries)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.result import Item


def _items(text: str, name: str = "plan.md") -> list[Item]:
    return parse_bytes(text.encode(), name).items


def test_a_ministry_department_heading_wrapped_in_bold_leads_its_bullets() -> None:
    # "Vụ …" (a ministry's department) names a body like "Cục …": the heading wrapped over two
    # printed lines inside its bold run is the agency of the bullets, not a section.
    items = _items(
        "Bộ Tư pháp yêu cầu:\n"
        "**1. Vụ\n"
        "Các vấn đề chung về xây dựng pháp luật**\n"
        "- Rà soát các dự thảo nghị định có quy định thủ tục hành chính.\n"
        "- Tổng hợp ý kiến thẩm định, hoàn thành trong tháng 01/2026.\n"
        "**2. Cục\n"
        "Kiểm soát thủ tục hành chính**\n"
        "- Hướng dẫn các đơn vị số hóa hồ sơ.\n"
    )
    assert [item.lead for item in items] == [
        "Vụ Các vấn đề chung về xây dựng pháp luật",
        "Vụ Các vấn đề chung về xây dựng pháp luật",
        "Cục Kiểm soát thủ tục hành chính",
    ]
    assert all(item.section == [] for item in items)
    assert items[1].timeframe == "trong tháng 01/2026"


def test_a_sentence_that_only_ensures_completion_is_the_deadline_of_the_row_above() -> None:
    items = _items(
        "Bộ Tư pháp yêu cầu:\n\n"
        "1. Cục Bổ trợ tư pháp\n\n"
        "Khẩn trương hoàn thiện dự thảo Thông tư hướng dẫn Luật Công chứng.\n\n"
        "Bảo đảm **hoàn thành trong quý II/2026.**\n\n"
        "2. Cục Con nuôi\n\n"
        "Rà soát quy trình giải quyết hồ sơ nuôi con nuôi có yếu tố nước ngoài.\n"
    )
    assert [item.lead for item in items] == ["Cục Bổ trợ tư pháp", "Cục Con nuôi"]
    assert items[0].timeframe == "trong quý II/2026"
    assert items[1].timeframe == ""


def test_a_point_announcing_bullets_that_are_no_tasks_is_one_row_holding_them() -> None:
    items = _items(
        "III. PHÂN CÔNG TRÁCH NHIỆM\n\n"
        "1. Sở Tài chính\n\n"
        "a) Tham mưu Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh ban hành:\n\n"
        "- Nghị quyết quy định mức chi hỗ trợ cán bộ làm công tác cai nghiện;\n\n"
        "- Danh mục dự án đầu tư công giai đoạn 2026 - 2030.\n\n"
        "b) Hướng dẫn các xã, phường lập dự toán kinh phí hằng năm.\n\n"
        "2. Sở Y tế\n\n"
        "a) Triển khai các dự án của Bộ Y tế trên địa bàn tỉnh:\n\n"
        "- Dự án 3: “Nâng cao năng lực điều trị nghiện”.\n\n"
        "- Dự án 6: “Tăng cường đáp ứng y tế”.\n\n"
        "b) Rà soát mạng lưới cơ sở điều trị methadone.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("a", "Sở Tài chính"),
        ("b", "Sở Tài chính"),
        ("a", "Sở Y tế"),
        ("b", "Sở Y tế"),
    ]
    assert items[0].title.endswith("trình Hội đồng nhân dân tỉnh ban hành")
    assert "Danh mục dự án đầu tư công" in (items[0].notes or "")
    assert "Dự án 6" in (items[2].notes or "")


def test_bullets_announced_by_a_point_that_names_tasks_stay_rows() -> None:
    items = _items(
        "III. PHÂN CÔNG TRÁCH NHIỆM\n\n"
        "1. Sở Tài chính\n\n"
        "a) Thực hiện các nhiệm vụ sau:\n\n"
        "- Hướng dẫn các xã, phường lập dự toán kinh phí.\n\n"
        "- Thẩm định dự toán của các sở, ngành.\n"
    )
    assert [(item.title or "")[:9] for item in items] == ["Hướng dẫn", "Thẩm định"]


def test_bullets_under_a_bare_chu_tri_phoi_hop_point_name_the_partners() -> None:
    items = _items(
        "III. PHÂN CÔNG TRÁCH NHIỆM\n\n"
        "1. Sở Lao động\n\n"
        "a) Chủ trì xây dựng kế hoạch đào tạo nghề cho người sau cai nghiện.\n\n"
        "b) Chủ trì, phối hợp\n\n"
        "- Sở Tài chính và các đơn vị liên quan tham mưu bố trí kinh phí dạy nghề.\n\n"
        "- Hội Nông dân tỉnh tổ chức tư vấn việc làm tại các xã.\n\n"
        "c) Theo dõi, tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh.\n"
    )
    assert [(item.lead, item.partners) for item in items] == [
        ("Sở Lao động", ""),
        ("Sở Lao động", "Sở Tài chính và các đơn vị liên quan"),
        ("Sở Lao động", "Hội Nông dân tỉnh"),
        ("Sở Lao động", ""),
    ]
    assert items[1].title.startswith("Tham mưu bố trí kinh phí")
    assert all(item.title != "Phối hợp" for item in items)


def test_a_heading_naming_several_bodies_leads_its_bullets_with_its_whole_name() -> None:
    # "tổ chức" inside a name is a noun: the heading's name is read once, with the heading,
    # and its bullets are not cut again at words that read as verbs in a sentence.
    items = _items(
        "IV. PHÂN CÔNG NHIỆM VỤ\n\n"
        "1. Sở Y tế:\n\n"
        "- Tổ chức khám bệnh lưu động tại các xã bị ngập.\n\n"
        "2. Đề nghị Hội Chữ thập đỏ tỉnh và các tổ chức chính trị - xã hội:\n\n"
        "- Vận động quyên góp ủng hộ người dân vùng lũ.\n\n"
        "- Phối hợp chính quyền cơ sở tổ chức phân phối hàng cứu trợ.\n"
    )
    name = "Hội Chữ thập đỏ tỉnh và các tổ chức chính trị - xã hội"
    assert [item.lead for item in items] == ["Sở Y tế", name, name]
    assert items[1].title.startswith("Vận động quyên góp")


def test_a_long_heading_listing_bodies_or_naming_them_in_brackets_is_an_agency_heading() -> None:
    items = _items(
        "IV. PHÂN CÔNG NHIỆM VỤ\n\n"
        "1. Sở Xây dựng:\n\n"
        "- Rà soát các tuyến đường bị sạt lở.\n\n"
        "2. Báo và Phát thanh - Truyền hình tỉnh, Sở Văn hóa, Thể thao và Du lịch, Cổng Thông "
        "tin điện tử tỉnh và hệ thống truyền thanh cơ sở các xã, phường, đặc khu:\n\n"
        "Tăng cường thông tin về lịch cấp phát hàng cứu trợ tại từng xã, phường.\n\n"
        "3. Đề nghị Công ty Cấp nước Hòa Bình: Khẩn trương khôi phục cấp nước sạch.\n\n"
        "4. Đề nghị các doanh nghiệp bưu chính (VNPost, Viettel Post và doanh nghiệp khác): "
        "Ưu tiên vận chuyển hàng cứu trợ miễn phí.\n\n"
        "5. Sở Nội vụ (Cơ quan thường trực Hội đồng Thi đua - Khen thưởng tỉnh):\n\n"
        "- Tổng hợp, đề xuất khen thưởng các tập thể có thành tích.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Sở Xây dựng"),  # bullets carry their agency heading's number
        (
            "2",
            "Báo và Phát thanh - Truyền hình tỉnh, Sở Văn hóa, Thể thao và Du lịch, Cổng "
            "Thông tin điện tử tỉnh và hệ thống truyền thanh cơ sở các xã, phường, đặc khu",
        ),
        ("3", "Công ty Cấp nước Hòa Bình"),
        ("4", "Các doanh nghiệp bưu chính (VNPost, Viettel Post và doanh nghiệp khác)"),
        ("5", "Sở Nội vụ"),
    ]
    assert items[2].title == "Khẩn trương khôi phục cấp nước sạch"
    assert all(item.section == ["IV. PHÂN CÔNG NHIỆM VỤ"] for item in items)


def test_a_heading_naming_a_group_by_what_it_does_leads_the_bullets_below_it() -> None:
    items = _items(
        "V. TỔ CHỨC THỰC HIỆN\n\n"
        "**1. Sở Giáo dục và Đào tạo**\n\n"
        "- Hướng dẫn các trường triển khai kế hoạch.\n\n"
        "**2. Các cơ quan, đơn vị chủ trì, quản\n"
        "lý, tham gia thực hiện các đề án, dự án, nội dung thành phần thuộc Chương trình**\n\n"
        "- Xây dựng kế hoạch kiểm tra hằng năm.\n\n"
        "- Báo cáo kết quả về Sở Giáo dục và Đào tạo.\n\n"
        "3. Các trường học tổ chức ngày hội đọc sách vào tháng 4 hằng năm.\n"
    )
    # (longer than the short agency headings read before: the clause says which bodies)
    group = (
        "Các cơ quan, đơn vị chủ trì, quản lý, tham gia thực hiện các đề án, dự án, nội dung "
        "thành phần thuộc Chương trình"
    )
    assert [item.lead for item in items[1:3]] == [group, group]
    assert items[1].title == "Xây dựng kế hoạch kiểm tra hằng năm"
    # a sentence naming a group with its task, no bullets under it: a row of its own
    assert items[3].lead == "Các trường học"
    assert items[3].number == "3"


def test_a_heading_number_alone_on_its_line_opens_a_heading_after_an_unfinished_paragraph() -> None:
    # The paragraph above ends without its full stop; "**3." on its own line still opens the
    # heading "3. UBND các xã, phường:", not more words of that paragraph.
    items = _items(
        "V. TỔ CHỨC THỰC HIỆN\n\n"
        "**1.\nSở Xây dựng:**\n\n"
        "Rà soát các công trình công cộng bị hư hỏng sau mưa lũ\n\n"
        "**2.\nSở Tài chính:**\n\n"
        "Tham mưu bố trí kinh phí sửa chữa các công trình\n\n"
        "**3.\nUBND các xã, phường:**\n\n"
        "Tổ chức dọn dẹp, vệ sinh các điểm trường trên địa bàn.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Sở Xây dựng"),
        ("2", "Sở Tài chính"),
        ("3", "UBND các xã, phường"),
    ]
    assert items[1].title == "Tham mưu bố trí kinh phí sửa chữa các công trình"


def test_the_last_request_to_every_body_ended_by_the_closing_mark_is_no_row() -> None:
    plan = parse_bytes(
        (
            "IV. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Sở Công Thương\n\n"
            "- Bình ổn giá các mặt hàng thiết yếu.\n\n"
            "2. Sở Y tế\n\n"
            "- Kiểm tra an toàn thực phẩm tại các chợ.\n\n"
            "Bảo đảm hàng hóa dịp Tết là nhiệm vụ trọng tâm. Đề nghị các sở, ngành và địa "
            "phương khẩn trương thực hiện; kịp thời báo cáo UBND tỉnh những khó khăn để xem "
            "xét, chỉ đạo./.\n"
        ).encode(),
        "plan.md",
    )
    assert [item.lead for item in plan.items] == ["Sở Công Thương", "Sở Y tế"]


def test_a_closing_paragraph_that_also_gives_a_task_keeps_the_task() -> None:
    items = _items(
        "IV. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Công Thương\n\n"
        "- Bình ổn giá các mặt hàng thiết yếu.\n\n"
        "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành nghiêm túc thực hiện. Giao Sở Công "
        "Thương chủ trì, phối hợp Sở Tài chính tổng hợp kết quả, báo cáo theo quy định./.\n"
    )
    assert [item.lead for item in items] == ["Sở Công Thương", "Sở Công Thương"]
    assert items[1].partners == "Sở Tài chính"


def test_a_paragraph_saying_whom_a_body_answers_to_is_no_row_but_a_warning() -> None:
    plan = parse_bytes(
        (
            "1. Chủ tịch Ủy ban nhân dân các tỉnh:\n\n"
            "a) Tổ chức rà soát nhà ở bị hư hỏng, hoàn thành trước ngày 15/12/2025.\n\n"
            "b) Báo cáo kết quả về Bộ Xây dựng.\n\n"
            "Chủ tịch Ủy ban nhân dân cấp tỉnh chịu trách nhiệm toàn diện trước Thủ tướng "
            "Chính phủ về tính chính xác của số liệu báo cáo.\n\n"
            "2. Bộ trưởng Bộ Tài chính bố trí kinh phí hỗ trợ các địa phương, hoàn thành trước "
            "ngày 20/12/2025./.\n"
        ).encode(),
        "plan.md",
    )
    assert [(item.number, item.lead) for item in plan.items] == [
        ("a", "Chủ tịch Ủy ban nhân dân các tỉnh"),
        ("b", "Chủ tịch Ủy ban nhân dân các tỉnh"),
        ("2", "Bộ trưởng Bộ Tài chính"),
    ]
    assert plan.items[2].timeframe == "trước ngày 20/12/2025"  # without the closing "./."
    assert any("chịu trách nhiệm toàn diện" in warning.message for warning in plan.warnings)


def test_names_after_a_heading_s_colon_belong_to_the_body_it_names() -> None:
    items = _items(
        "IV. TỔ CHỨC THỰC HIỆN\n\n"
        "**1. Ủy ban nhân dân các xã: Bình Minh, An Hòa, Tân Lập**\n\n"
        "- Xây dựng kế hoạch phòng chống sạt lở bờ sông.\n\n"
        "2. Chủ tịch Ủy ban nhân dân các huyện ven biển, trong đó trọng tâm là các huyện:\n"
        "Cần Giờ, Duyên Hải và Thạnh Phú:\n\n"
        "a) Tổ chức sơ tán người dân khỏi vùng nguy hiểm.\n"
    )
    assert [item.lead for item in items] == [
        "Ủy ban nhân dân các xã: Bình Minh, An Hòa, Tân Lập",
        "Chủ tịch Ủy ban nhân dân các huyện ven biển, trong đó trọng tâm là các huyện: Cần "
        "Giờ, Duyên Hải và Thạnh Phú",
    ]


def test_an_agency_heading_split_into_two_bold_paragraphs_is_one_heading() -> None:
    items = _items(
        "V. TỔ CHỨC THỰC HIỆN\n\n"
        "**1. Sở Y tế**\n\n"
        "- Hướng dẫn các bệnh viện tổ chức truyền thông.\n\n"
        "**2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Cựu chiến binh**\n\n"
        "**tỉnh, Tỉnh Đoàn và các tổ chức thành viên của Mặt trận**\n\n"
        "- Tuyên truyền, vận động hội viên hưởng ứng Tháng hành động.\n\n"
        "**3. Sở Tài chính**\n\n"
        "**Tham mưu bố trí kinh phí thực hiện Kế hoạch.**\n"
    )
    front = (
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Cựu chiến binh tỉnh, Tỉnh Đoàn và các tổ "
        "chức thành viên của Mặt trận"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Sở Y tế"),  # bullets carry their agency heading's number
        ("2", front),
        ("3", "Sở Tài chính"),  # a bold task under a bold heading is not more of its name
    ]
    assert items[1].title.startswith("Tuyên truyền, vận động")


def test_the_paragraph_under_an_agency_heading_citing_the_plan_then_going_on_is_its_task() -> None:
    plan = parse_bytes(
        (
            "IV. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Sở Nông nghiệp và Môi trường\n\n"
            "- Theo dõi, đôn đốc việc thực hiện Kế hoạch.\n\n"
            "2. Các sở, ngành có liên quan; Ủy ban nhân dân các xã, phường\n\n"
            "Căn cứ chức năng, nhiệm vụ, triển khai thực hiện các nhiệm vụ tại Phần III Kế "
            "hoạch này; tuyên truyền nâng cao nhận thức về bảo vệ môi trường biển.\n\n"
            "3. Ủy ban nhân dân các phường\n\n"
            "Căn cứ chức năng, nhiệm vụ được giao tổ chức triển khai thực hiện Kế hoạch này.\n"
        ).encode(),
        "plan.md",
    )
    assert [(item.number, item.lead) for item in plan.items] == [
        ("1", "Sở Nông nghiệp và Môi trường"),  # a bullet carries its heading's number
        ("2", "Các sở, ngành có liên quan; Ủy ban nhân dân các xã, phường"),
    ]
    assert "tuyên truyền nâng cao nhận thức" in (plan.items[1].title or "")


def test_a_group_of_owners_with_a_bracketed_note_leads_its_bullets_a_topic_does_not() -> None:
    plan = parse_bytes(
        (
            "1. Sở Nông nghiệp và Môi trường\n\n"
            "- Chỉ đạo lực lượng Kiểm lâm tuần tra bảo vệ rừng.\n\n"
            "2. Các chủ đầu tư là doanh nghiệp (các Công ty cổ phần, các hợp tác xã có dự án "
            "trồng rừng…)\n\n"
            "- Thực hiện đầy đủ nghĩa vụ trồng rừng thay thế theo quy định.\n\n"
            "- Báo cáo tiến độ trồng rừng hằng quý.\n\n"
            "3. Các nhiệm vụ trọng tâm của năm sau\n\n"
            "- Rà soát quy hoạch lâm nghiệp.\n"
        ).encode(),
        "plan.md",
    )
    owners = (
        "Các chủ đầu tư là doanh nghiệp (các Công ty cổ phần, các hợp tác xã có dự án trồng rừng…)"
    )
    assert [item.lead for item in plan.items[1:3]] == [owners, owners]
    # "Các nhiệm vụ …" names no bodies: its bullet is not led by the topic
    assert all(item.lead != "Các nhiệm vụ trọng tâm của năm sau" for item in plan.items)


def test_a_point_naming_bodies_by_their_kind_among_agency_headings_is_one_with_its_task() -> None:
    items = _items(
        "IV. PHÂN CÔNG NHIỆM VỤ\n\n"
        "1. Sở Công Thương: Bảo đảm nguồn hàng thiết yếu cho vùng lũ.\n\n"
        "2. Nhà hảo tâm, tổ chức, cá nhân: Đăng ký ủng hộ qua Ủy ban Mặt trận Tổ quốc tỉnh.\n\n"
        "3. Lưu ý chung: Các lực lượng bảo đảm an toàn khi vận chuyển hàng.\n"
    )
    assert [(item.number, item.lead) for item in items[:2]] == [
        ("1", "Sở Công Thương"),
        ("2", "Nhà hảo tâm, tổ chức, cá nhân"),
    ]
    assert items[1].title.startswith("Đăng ký ủng hộ")
    # a topic before the colon names no bodies: not read as a lead
    assert all(item.lead != "Lưu ý chung" for item in items)


def test_a_paragraph_s_next_sentence_at_a_printed_line_s_start_stays_in_its_row() -> None:
    # Convention A (corpus README, "Conventions"): a paragraph is one row unless a later
    # sentence names a body of its own. In a crawled page (blank lines between paragraphs,
    # printed line breaks kept inside them) a sentence that ends a printed line and a next
    # one opening with a task's verb are one paragraph; a sentence opening with a body, or a
    # paragraph after a blank line, is a row of its own.
    items = _items(
        "**III. TỔ CHỨC THỰC HIỆN**\n\n"
        "**1. Sở Xây\n"
        "dựng**\n\n"
        "Chủ trì rà soát quy hoạch các khu dân cư ven sông, báo cáo Ủy ban nhân dân\n"
        "tỉnh kết quả rà soát.\n"
        "Hướng dẫn các xã lập phương án di dời hộ dân ra khỏi vùng nguy cơ sạt lở.\n\n"
        "Kiểm tra chất lượng các công trình nhà ở tái định cư.\n\n"
        "**2. Sở Tài\n"
        "chính**\n\n"
        "Tham mưu bố trí kinh phí thực hiện phương án di dời hộ dân vùng sạt lở bờ\n"
        "sông.\n"
        "Sở Nông nghiệp và Môi trường cung cấp bản đồ vùng nguy cơ sạt lở.\n\n"
        "**3. Ủy ban nhân\n"
        "dân các xã**\n\n"
        "Tuyên truyền, vận động người dân di dời đến nơi ở mới an toàn.\n\n"
        "Trên đây là Kế hoạch, yêu cầu các đơn vị nghiêm túc triển khai thực hiện./.\n"
    )
    assert [item.lead for item in items] == [
        "Sở Xây dựng",
        "Sở Xây dựng",
        "Sở Tài chính",
        "Sở Nông nghiệp và Môi trường",
        "Ủy ban nhân dân các xã",
    ]
    assert items[0].title == (
        "Rà soát quy hoạch các khu dân cư ven sông, báo cáo Ủy ban nhân dân tỉnh kết quả rà "
        "soát. Hướng dẫn các xã lập phương án di dời hộ dân ra khỏi vùng nguy cơ sạt lở"
    )
    assert items[1].title == "Kiểm tra chất lượng các công trình nhà ở tái định cư"
    assert items[3].title.startswith("Cung cấp bản đồ")


def test_a_sentence_announcing_tasks_sau_day_leads_the_points_without_subject() -> None:
    # "… cần tập trung thực hiện các nhiệm vụ, giải pháp sau đây:" names who carries out the
    # numbered points below it, as "… sau:" does (round 7).
    items = _items(
        "I. ĐÁNH GIÁ CHUNG\n\n"
        "Tỉnh đã hoàn thành tốt các chỉ tiêu phát triển kinh tế - xã hội.\n\n"
        "Để nâng cao chất lượng dịch vụ công, Ủy ban nhân dân tỉnh Lâm Đồng cần tập trung thực "
        "hiện các nhiệm vụ, giải pháp sau đây:\n\n"
        "1. Rà soát, chuẩn hóa quy trình nội bộ giải quyết thủ tục hành chính.\n\n"
        "2. Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Ủy ban nhân dân tỉnh Lâm Đồng"),
        ("2", "Ủy ban nhân dân tỉnh Lâm Đồng"),
    ]
    assert items[1].title == "Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình"


def test_a_point_without_full_stop_over_lettered_points_stays_a_topic_after_an_announcement() -> (
    None
):
    # The announcement names who acts, but "1. Phát triển …" (no sentence) over "a) Bộ …" is
    # the topic of the agency points below it, no row.
    items = _items(
        "II. NHIỆM VỤ, GIẢI PHÁP\n\n"
        "Để đạt được mục tiêu nêu trên, các bộ, ngành, Ủy ban nhân dân các tỉnh cần triển khai "
        "các nhiệm vụ, giải pháp sau:\n\n"
        "1. Phát triển thị trường lao động linh hoạt\n\n"
        "a) Bộ Nội vụ\n\n"
        "- Xây dựng cơ sở dữ liệu về người lao động.\n\n"
        "- Hướng dẫn các địa phương dự báo nhu cầu nhân lực.\n\n"
        "b) Ủy ban nhân dân các tỉnh\n\n"
        "- Tổ chức các phiên giao dịch việc làm hằng tháng.\n"
    )
    assert [item.lead for item in items] == ["Bộ Nội vụ", "Bộ Nội vụ", "Ủy ban nhân dân các tỉnh"]
    assert all("Phát triển thị trường lao động linh hoạt" in item.section[-1] for item in items)


def test_an_agency_heading_ending_in_chu_tri_leads_all_its_numbered_paragraphs() -> None:
    # "3. Bộ trưởng Bộ Công Thương chủ trì:" over "(1) …" … "(3) …": the role word is no part of
    # the lead, so every paragraph below is the minister's, not only the first.
    items = _items(
        "Thủ tướng Chính phủ yêu cầu:\n\n"
        "2. Bộ trưởng Bộ Y tế chỉ đạo các bệnh viện bảo đảm thuốc, vật tư y tế.\n\n"
        "3. Bộ trưởng Bộ Công Thương chủ trì:\n\n"
        "(1) Phối hợp với Bộ Tài chính theo dõi sát diễn biến giá xăng dầu.\n\n"
        "(2) Bảo đảm nguồn cung hàng hóa thiết yếu, hoàn thành trước ngày 15/12/2025.\n\n"
        "(3) Kiểm tra, xử lý nghiêm các hành vi găm hàng, tăng giá.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("2", "Bộ trưởng Bộ Y tế"),
        ("1", "Bộ trưởng Bộ Công Thương"),
        ("2", "Bộ trưởng Bộ Công Thương"),
        ("3", "Bộ trưởng Bộ Công Thương"),
    ]
    assert items[1].partners == "Bộ Tài chính"
    assert items[2].timeframe == "trước ngày 15/12/2025"


def test_the_role_word_is_kept_where_it_names_a_role_not_a_body() -> None:
    from cchc.plans.parsing.structure import without_role_word

    assert without_role_word("Sở Xây dựng chủ trì") == "Sở Xây dựng"
    assert without_role_word("Cơ quan chủ trì") == "Cơ quan chủ trì"
    assert without_role_word("Đơn vị chủ trì") == "Đơn vị chủ trì"


def test_bullets_under_a_point_with_its_own_subject_are_more_tasks_of_that_subject() -> None:
    # "1. Các sở, ban, ngành … xây dựng kế hoạch …." then "- …" bullets without a subject; and
    # "Đề nghị các cấp ủy Đảng …: task" names the Party's committees as the lead.
    items = _items(
        "IV. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Các sở, ban, ngành, địa phương căn cứ chức năng, nhiệm vụ được giao xây dựng kế "
        "hoạch thực hiện phong trào thi đua.\n\n"
        "- Phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến.\n\n"
        "- Báo cáo kết quả phong trào thi đua về Sở Nội vụ trước ngày 10/12/2026.\n\n"
        "2. Đề nghị các cấp ủy Đảng các xã, phường: Lãnh đạo, chỉ đạo triển khai phong trào thi "
        "đua tại cơ sở.\n\n"
        "3. Sở Nội vụ theo dõi, tổng hợp kết quả phong trào thi đua.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Các sở, ban, ngành, địa phương"),
        ("", "Các sở, ban, ngành, địa phương"),
        ("", "Các sở, ban, ngành, địa phương"),
        ("2", "Các cấp ủy Đảng các xã, phường"),
        ("3", "Sở Nội vụ"),
    ]
    assert items[2].timeframe == "trước ngày 10/12/2026"


# Numbered agency headings, NOT bold (as printed in a decision's annexed plan) or bold, over
# "- " bullets, over one paragraph, and a numbered point with a subject of its own over bullets.
_HEADINGS = (
    "III. PHÂN CÔNG THỰC HIỆN\n"
    "\n"
    "{b}1. Sở Nông nghiệp và Môi trường{b}\n"
    "\n"
    "- Hướng dẫn các xã lập phương án phòng cháy rừng mùa khô.\n"
    "\n"
    "- Kiểm tra việc trồng rừng thay thế, báo cáo trước ngày 30/6/2026.\n"
    "\n"
    "{b}2. Sở Tài chính{b}\n"
    "\n"
    "Bố trí kinh phí thực hiện Kế hoạch theo phân cấp ngân sách.\n"
    "\n"
    "{b}3.2. Giao Phòng Kinh tế{b}\n"
    "\n"
    "- Tổng hợp số liệu thiệt hại của các thôn.\n"
    "\n"
    "- Đề xuất mức hỗ trợ cho các hộ bị ảnh hưởng.\n"
    "\n"
    "4. Công an tỉnh chỉ đạo lực lượng tại chỗ tuần tra các khu rừng trọng điểm.\n"
    "\n"
    "- Xử lý nghiêm các hành vi đốt rừng trái phép.\n"
)


def test_bullets_under_a_numbered_agency_heading_carry_its_number_bold_or_not() -> None:
    # "1. Sở …" over "- …": each bullet is a row of the heading's body numbered with the
    # heading's number, as a heading over one paragraph numbers it ("2."); bullets under a
    # point that is itself a row ("4. Công an tỉnh chỉ đạo …") keep none.
    for bold in ("", "**"):
        items = _items(_HEADINGS.format(b=bold))
        assert [(item.number, item.lead) for item in items] == [
            ("1", "Sở Nông nghiệp và Môi trường"),
            ("1", "Sở Nông nghiệp và Môi trường"),
            ("2", "Sở Tài chính"),
            ("3.2", "Phòng Kinh tế"),
            ("3.2", "Phòng Kinh tế"),
            ("4", "Công an tỉnh"),
            ("", "Công an tỉnh"),
        ], bold
