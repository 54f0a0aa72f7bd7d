"""General rules of the genre (issue 15, after the third held-out round): each on a short
made-up document in the genre's wording, not a copy of a corpus text. They mend what rules
written for one batch broke on the next and read what the closed vocabulary missed."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.result import Item


def _items(text: str, name: str = "letter.md") -> list[Item]:
    return parse_bytes(text.encode(), name).items


def test_the_issuer_speaking_before_the_points_leads_none_of_them() -> None:
    # "X có ý kiến chỉ đạo như sau:" is the issuer, not a body given the topics below; the
    # bold topics stay sections and the agencies under them lead their rows.
    items = _items(
        "Xét đề nghị của Sở Tư pháp;\n"
        "Chủ tịch Ủy ban nhân dân tỉnh có ý kiến chỉ đạo như sau:\n"
        "**1. Về việc số hóa sổ hộ tịch**\n"
        "1.1. Giao Sở Tư pháp\n"
        "Khẩn trương số hóa sổ hộ tịch còn lưu trữ giấy.\n"
        "1.2. Giao Ủy ban nhân dân các xã\n"
        "- Rà soát sổ hộ tịch đang lưu giữ.\n"
        "**2. Về việc kết nối dữ liệu**\n"
        "- Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tư pháp kết nối dữ liệu.\n"
    )
    assert [item.lead for item in items] == [
        "Sở Tư pháp",
        "Ủy ban nhân dân các xã",
        "Sở Khoa học và Công nghệ",
    ]
    # ("- Rà soát …" carries its agency heading's number; "2. Về …" is a topic, no agency)
    assert [item.number for item in items] == ["1.1", "1.2", ""]
    assert items[0].section[-1] == "1. Về việc số hóa sổ hộ tịch"
    # "2. Về …" is above "1.2. Giao …": it ends that agency's points, it is not one of them.
    assert items[2].section[-1] == "2. Về việc kết nối dữ liệu"
    assert items[2].partners == "Sở Tư pháp"


def test_a_deadline_sentence_standing_alone_is_the_deadline_of_the_row_above() -> None:
    items = _items(
        "1. Giao Sở Nội vụ\n"
        "- Rà soát hồ sơ công chức; bảo đảm đầy đủ, chính xác.\n"
        "Thời gian hoàn thành trước ngày 31 tháng 3 năm 2026**.**\n"
        "- Cập nhật cơ sở dữ liệu. Thời gian thực hiện hoàn thành xong trong quý II năm 2026.\n"
    )
    assert [item.timeframe for item in items] == [
        "trước ngày 31 tháng 3 năm 2026",
        "trong quý II năm 2026",
    ]
    assert items[1].title == "Cập nhật cơ sở dữ liệu"  # the deadline's words are not left in it


def test_phoi_hop_va_names_no_partner() -> None:
    items = _items("1. Giao Công an tỉnh\nChỉ đạo Công an các xã phối hợp và hướng dẫn khai báo.\n")
    assert items[0].partners == ""
    assert items[0].title == "Chỉ đạo Công an các xã phối hợp và hướng dẫn khai báo"


def test_an_opening_clause_then_a_verb_under_an_agency_heading_is_the_agency_s_task() -> None:
    # The bodies named after "chỉ đạo" are its objects: the heading's agency leads the row.
    items = _items(
        "**1. Sở Nội vụ**\n"
        "Căn cứ chức năng nhiệm vụ, hướng dẫn các trường, các trung tâm trực thuộc bố trí "
        "nhân sự, bảo đảm đúng quy định.\n"
        "**2. Sở Tài chính**\n"
        "Theo chức năng, nhiệm vụ được giao, bố trí kinh phí thực hiện.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Sở Nội vụ"),
        ("2", "Sở Tài chính"),
    ]
    assert items[0].title.startswith("Hướng dẫn các trường, các trung tâm trực thuộc")
    assert items[1].title == "Bố trí kinh phí thực hiện"


def test_bullets_under_giao_x_directing_others_are_x_s_rows() -> None:
    # "Giao X chỉ đạo Y có trách nhiệm:" over bullets framed by "Đối với …,": each bullet is a
    # row of X (the agency ends at its verb), not listed contents kept in a note.
    items = _items(
        "**3. Giám đốc các sở**\n"
        "a) Giao Ban Quản lý các khu công nghệ cao tỉnh chỉ đạo các doanh nghiệp hạ tầng có "
        "trách nhiệm:\n"
        "- Đối với các khu đã có trạm xử lý nước thải, tiếp tục vận hành ổn định.\n"
        "- Đối với các khu chưa có trạm xử lý, khẩn trương đầu tư trạm xử lý.\n"
        "b) Giao Thanh tra tỉnh tổ chức thanh tra định kỳ.\n"
    )
    assert [item.lead for item in items] == [
        "Ban Quản lý các khu công nghệ cao tỉnh",
        "Ban Quản lý các khu công nghệ cao tỉnh",
        "Thanh tra tỉnh",
    ]
    assert items[1].title.startswith("Đối với các khu chưa có trạm xử lý, khẩn trương")
    assert not items[0].notes


def test_a_point_opening_with_its_role_names_the_partners() -> None:
    items = _items(
        "**2. Sở Văn hóa và Thể thao**\n"
        "a) Phối hợp với Sở Tư pháp và các cơ quan liên quan tổ chức tập huấn cho cán bộ;\n"
        "b) Tiếp tục chủ trì, phối hợp với các đơn vị liên quan xây dựng kế hoạch tuyên "
        "truyền;\n"
    )
    assert [item.lead for item in items] == ["Sở Văn hóa và Thể thao"] * 2
    assert [item.partners for item in items] == [
        "Sở Tư pháp và các cơ quan liên quan",
        "các đơn vị liên quan",
    ]
    # The role words are the lead and partners, not the title (corpus README, "Conventions"):
    # the agency only supporting is said in the notes.
    assert items[0].title == "Tổ chức tập huấn cho cán bộ"
    assert items[0].notes == "Phối hợp với Sở Tư pháp và các cơ quan liên quan"
    assert items[1].title == "Xây dựng kế hoạch tuyên truyền"
    assert not items[1].notes


def test_an_italic_note_left_open_does_not_glue_the_plan_to_it() -> None:
    # "* (Ban hành kèm theo …)*" reads as a bullet whose closing "*" opens an italic: emphasis
    # never spans a blank line, so the points below are read one by one.
    items = _items(
        "KẾ HOẠCH PHÒNG CHỐNG THIÊN TAI\n\n"
        "* (Ban hành kèm theo Quyết định số 12/QĐ-UBND của Ủy ban nhân dân\n"
        "tỉnh)*\n\n"
        "**IV. TỔ CHỨC THỰC HIỆN**\n\n"
        "1. Sở Công Thương chủ trì, phối hợp với Sở Tài chính thực hiện các việc sau:\n\n"
        "- Rà soát nguồn hàng thiết yếu;\n\n"
        "- Điều phối chung việc cung ứng hàng hóa.\n\n"
        "2. Sở Tài chính bố trí kinh phí thực hiện.\n"
    )
    assert [item.lead for item in items] == ["Sở Công Thương", "Sở Công Thương", "Sở Tài chính"]
    # the partners on the heading end at its verb
    assert items[0].partners == "Sở Tài chính"


def test_points_under_a_heading_are_tasks_unless_it_asks_for_figures() -> None:
    # "… tổ chức thực hiện các nhiệm vụ sau:" lists tasks (whatever their first verb);
    # "… báo cáo về các nội dung sau:" lists what the report covers.
    items = _items(
        "1. Giao Sở Nội vụ là cơ quan đầu mối, tổ chức thực hiện các nhiệm vụ sau:\n"
        "- Điều phối chung việc triển khai Kế hoạch;\n"
        "- Sơ kết, tổng kết việc thực hiện.\n"
        "2. Giám đốc Sở Y tế khẩn trương báo cáo về các nội dung sau:\n"
        "- Số trạm y tế bị hư hỏng;\n"
        "- Kinh phí sửa chữa.\n"
    )
    assert [item.lead for item in items] == ["Sở Nội vụ", "Sở Nội vụ", "Giám đốc Sở Y tế"]
    assert items[0].title == "Điều phối chung việc triển khai Kế hoạch"
    assert "Số trạm y tế bị hư hỏng" in (items[2].notes or "")


def test_a_list_of_bodies_naming_political_organisations_is_one_lead() -> None:
    items = _items(
        "**III. TỔ CHỨC THỰC HIỆN**\n"
        "5. Các sở, ngành, tổ chức chính trị - xã hội, đoàn thể theo chức năng, nhiệm vụ "
        "được giao chủ động phối hợp với Sở Nội vụ triển khai Kế hoạch.\n"
    )
    assert items[0].lead == "Các sở, ngành, tổ chức chính trị - xã hội, đoàn thể"
    assert items[0].partners == "Sở Nội vụ"


def test_a_list_of_bodies_ends_where_its_grammar_does_whatever_the_verb() -> None:
    # "tăng cường", "đa dạng hóa" are in no list of verbs: the list ends after its last
    # place or "có liên quan", and what follows is the task.
    items = _items(
        "**1. Sở Nội vụ**\n"
        "a) Chủ trì, phối hợp với các sở, ngành, Ủy ban nhân dân xã, phường đẩy nhanh việc "
        "số hóa hồ sơ;\n"
        "b) Chủ trì, phối hợp với các đơn vị có liên quan đa dạng hóa hình thức tập huấn;\n"
        "c) Chủ trì, phối hợp với Bảo hiểm xã hội tỉnh, Ủy ban nhân dân xã Tân An rà soát "
        "hồ sơ.\n"
    )
    assert [item.partners for item in items] == [
        "các sở, ngành, Ủy ban nhân dân xã, phường",
        "các đơn vị có liên quan",
        "Bảo hiểm xã hội tỉnh, Ủy ban nhân dân xã Tân An",
    ]
    assert items[0].title == "Đẩy nhanh việc số hóa hồ sơ"
    assert items[1].title == "Đa dạng hóa hình thức tập huấn"


def test_an_adverb_inside_the_role_words_is_no_part_of_the_title() -> None:
    items = _items(
        "*1. Sở Tư pháp:*\n"
        "- Chủ trì, tiếp tục phối hợp với các đơn vị có liên quan đa dạng hóa hình thức phổ "
        "biến pháp luật.\n"
    )
    assert items[0].partners == "các đơn vị có liên quan"
    assert items[0].title == "Đa dạng hóa hình thức phổ biến pháp luật"


REPORT_DUTIES = (
    "**1. Trách nhiệm của các đơn vị:**\n"
    "*1.1. Sở Xây dựng:*\n"
    "- Chủ trì kiểm tra chất lượng công trình.\n"
    "**2. Về công tác báo cáo:**\n"
    "*2.1. Báo cáo hằng quý:*\n"
    "Yêu cầu UBND các xã, phường, các sở, ngành, các công ty trực thuộc tỉnh báo cáo số liệu "
    "hằng quý, bao gồm:\n"
    "(1). Số công trình khởi công;\n"
    "(2). Số công trình hoàn thành.\n"
    "*2.2. Trách nhiệm tổng hợp:*\n"
    "- Báo cáo quý: Sở Xây dựng tổng hợp báo cáo của tỉnh trước ngày 15 tháng đầu quý.\n"
    "UBND tỉnh yêu cầu các sở, ngành, UBND các xã, phường nghiêm túc triển khai, thực hiện./.\n"
)


def test_report_duties_topics_and_a_request_for_figures() -> None:
    items = _items(REPORT_DUTIES)
    # "Trách nhiệm của các đơn vị:" over "1.1. Sở …" is a section, not a lead.
    assert items[0].section[0] == "1. Trách nhiệm của các đơn vị"
    assert items[0].lead == "Sở Xây dựng"
    # "Yêu cầu <bodies named by kind> báo cáo …, bao gồm:" over "(1). …": one row, its lead
    # the whole list, the figures in its notes.
    assert items[1].number == "2.1"
    assert items[1].lead == "UBND các xã, phường, các sở, ngành, các công ty trực thuộc tỉnh"
    assert items[1].title.startswith("Báo cáo số liệu hằng quý")
    assert "(1). Số công trình khởi công; (2)" in (items[1].notes or "")
    # "- Báo cáo quý: Sở X tổng hợp …": a label, then the sentence with its subject.
    assert items[2].lead == "Sở Xây dựng"
    assert items[2].timeframe == "trước ngày 15 tháng đầu quý"
    # the closing request to everyone is no row
    assert len(items) == 3


def test_bodies_outside_the_old_vocabulary_and_tasks_whatever_their_first_verb() -> None:
    # Heads the closed list lacked (Kho bạc, Tòa án, Hội before a proper name, Thuế tỉnh …),
    # and the paragraph right under a numbered agency heading read as its task whatever its
    # first verb ("Điều tiết", "Vận động" are in no list).
    items = _items(
        "**II. TỔ CHỨC THỰC HIỆN**\n\n"
        "**1. Kho bạc Nhà nước khu vực XV**\n\n"
        "Điều tiết nguồn vốn kịp thời cho các dự án trọng điểm.\n\n"
        "**2. Tòa án nhân dân tỉnh**\n\n"
        "Phối hợp với Sở Tư pháp rà soát hồ sơ.\n\n"
        "**3. Hội Cựu chiến binh tỉnh**\n\n"
        "Vận động hội viên tham gia bảo vệ môi trường.\n\n"
        "4. Thuế tỉnh Lâm Đồng chủ trì, phối hợp với Công an tỉnh đẩy mạnh hóa đơn điện tử, "
        "hoàn thành trong năm 2026.\n\n"
        "Trên đây là Kế hoạch thực hiện, yêu cầu các đơn vị nghiêm túc triển khai./.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Kho bạc Nhà nước khu vực XV"),
        ("2", "Tòa án nhân dân tỉnh"),
        ("3", "Hội Cựu chiến binh tỉnh"),
        ("4", "Thuế tỉnh Lâm Đồng"),
    ]
    assert items[0].title == "Điều tiết nguồn vốn kịp thời cho các dự án trọng điểm"
    assert items[3].partners == "Công an tỉnh"
    assert items[3].timeframe == "trong năm 2026"


def test_a_closing_paragraph_after_the_points_is_still_no_row() -> None:
    items = _items(
        "**1. Hội Nông dân tỉnh**\n\n"
        "- Vận động hội viên sản xuất an toàn.\n\n"
        "Đề nghị các cơ quan, đơn vị nghiêm túc triển khai, thực hiện./.\n"
    )
    assert [item.title for item in items] == ["Vận động hội viên sản xuất an toàn"]


def test_a_later_giao_clause_inside_a_point_does_not_take_the_row_over() -> None:
    items = _items(
        "1. Bộ Tài chính\n"
        "a) Chủ trì, phối hợp với các bộ, ngành tổ chức triển khai Đề án; trường hợp cần "
        "thiết, giao Bộ trưởng Bộ Tài chính quyết định điều chỉnh nội dung Đề án;\n"
        "b) Hướng dẫn các địa phương lập dự toán.\n"
    )
    assert [item.lead for item in items] == ["Bộ Tài chính", "Bộ Tài chính"]
    assert items[0].partners == "các bộ, ngành"
    assert items[0].title.startswith("Tổ chức triển khai Đề án")


def test_the_verbs_the_document_s_points_open_with_end_a_body_s_name() -> None:
    # "tăng cường", "đẩy nhanh" are in no list; the document's own bullets open with them,
    # so they end "Sở Y tế" and "Sở Công Thương" where those are subjects.
    items = _items(
        "II. NHIỆM VỤ\n"
        "1. Sở Tài chính\n"
        "- Tăng cường kiểm tra việc sử dụng kinh phí.\n"
        "- Đẩy nhanh giải ngân vốn đầu tư công.\n"
        "2. Sở Y tế tăng cường kiểm tra an toàn thực phẩm, hoàn thành trong quý I năm 2026.\n"
        "3. Sở Công Thương đẩy nhanh tiến độ xây dựng chợ đầu mối.\n"
        "4. Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan tuân thủ quy định.\n"
        "- Tổ chức tập huấn cho doanh nghiệp.\n"
    )
    assert [item.lead for item in items[2:5]] == [
        "Sở Y tế",
        "Sở Công Thương",
        # "tổ chức" opens a bullet, but "tổ chức, cá nhân" is a noun in a list
        "Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan",
    ]
    assert items[2].title == "Tăng cường kiểm tra an toàn thực phẩm"
    assert items[3].title == "Đẩy nhanh tiến độ xây dựng chợ đầu mối"


def test_a_whole_ministry_name_as_subject_ends_before_any_verb() -> None:
    # "vận động", "thúc đẩy", "tiếp thu", "quán triệt" are in no list of verbs: a ministry's or
    # department's whole name, or a list ending on "trung ương", ends before them.
    items = _items(
        "II. KẾT LUẬN\n\n"
        "1. Giao Bộ Ngoại giao vận động các đối tác hỗ trợ kỹ thuật, hoàn thành trong năm "
        "2026.\n\n"
        "2. Bộ Công Thương thúc đẩy đàm phán các hiệp định thương mại.\n\n"
        "3. Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương quán triệt, chỉ đạo các "
        "sở, ngành thực hiện nghiêm.\n\n"
        "4. Về đề xuất của Bộ Tài chính: Bộ Tài chính tiếp thu ý kiến các bộ, hoàn thiện dự "
        "thảo Nghị định, trình Chính phủ trước ngày 15/01/2026.\n"
    )
    assert [item.lead for item in items] == [
        "Bộ Ngoại giao",
        "Bộ Công Thương",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
        "Bộ Tài chính",
    ]
    assert items[0].title == "Vận động các đối tác hỗ trợ kỹ thuật"
    assert items[1].title == "Thúc đẩy đàm phán các hiệp định thương mại"
    assert items[3].timeframe == "trước ngày 15/01/2026"


def test_a_ministry_after_an_opening_clause_is_the_subject_whatever_its_verb() -> None:
    items = _items(
        "II. NHIỆM VỤ\n\n"
        "1. Để bảo đảm an ninh năng lượng, Bộ Công Thương điều hành linh hoạt giá xăng dầu.\n"
    )
    assert items[0].lead == "Bộ Công Thương"
    assert items[0].title == "Điều hành linh hoạt giá xăng dầu"
    assert items[0].notes == "Để bảo đảm an ninh năng lượng"


def test_a_heading_s_rest_printed_as_a_paragraph_of_its_own_is_no_task() -> None:
    # A bold agency heading broken over two paragraphs: its second half ends no sentence, so
    # the rule "the first paragraph under an agency heading is its task" does not take it;
    # the bullets below are the rows.
    items = _items(
        "**II. TỔ CHỨC THỰC HIỆN**\n\n"
        "**2. Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh, Đoàn Thanh niên**\n\n"
        "**Cộng sản Hồ Chí Minh tỉnh và các hội đoàn thể**\n\n"
        "- Tuyên truyền, vận động hội viên tham gia Kế hoạch này.\n\n"
        "- Giám sát việc thực hiện chính sách tại cơ sở.\n\n"
        "3. Ủy ban nhân dân các xã, phường tổ chức thực hiện Kế hoạch tại địa phương.\n"
    )
    assert [item.title for item in items] == [
        "Tuyên truyền, vận động hội viên tham gia Kế hoạch này",
        "Giám sát việc thực hiện chính sách tại cơ sở",
        "Tổ chức thực hiện Kế hoạch tại địa phương",
    ]
    assert [item.number for item in items] == ["2", "2", "3"]  # the bullets carry "2."


def test_a_range_of_places_goes_on_in_a_list_of_bodies() -> None:
    # "các tỉnh, thành phố từ X đến Y": the range is part of the name over the lettered
    # points, not the start of their titles.
    items = _items(
        "Thủ tướng Chính phủ yêu cầu:\n\n"
        "1. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Quảng Bình đến Bình Thuận:\n\n"
        "a) Rà soát các khu dân cư ven sông, ven biển.\n\n"
        "b) Bố trí nơi tạm cư cho các hộ dân phải di dời.\n\n"
        "2. Bộ trưởng Bộ Tài chính bố trí kinh phí hỗ trợ các địa phương.\n"
    )
    assert [item.title for item in items][:2] == [
        "Rà soát các khu dân cư ven sông, ven biển",
        "Bố trí nơi tạm cư cho các hộ dân phải di dời",
    ]
    assert items[0].lead == (
        "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Quảng Bình đến Bình Thuận"
    )
