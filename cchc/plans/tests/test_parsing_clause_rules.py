"""How one sentence assigns work (issue 15, the held-out rounds 4 and 5): subjects, partners
and deadlines read clause by clause. Each rule on a short made-up document in the genre's
wording (other bodies, other tasks), not a copy of a corpus text."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.lines import _continues
from cchc.plans.parsing.result import Item


def _items(text: str, name: str = "letter.md") -> list[Item]:
    return parse_bytes(text.encode(), name).items


def test_an_honorific_before_a_list_of_offices_keeps_the_first_office() -> None:
    items = _items(
        "Phó Chủ tịch kết luận như sau:\n"
        "1. Các đồng chí Giám đốc Sở, Thủ trưởng các ban, ngành tỉnh theo chức năng, nhiệm "
        "vụ tập trung thực hiện một số nội dung sau:\n"
        "- Rà soát các thủ tục hành chính nội bộ.\n"
        "- Công khai kết quả giải quyết hồ sơ.\n"
    )
    assert [item.lead for item in items] == [
        "Giám đốc Sở, Thủ trưởng các ban, ngành tỉnh",
        "Giám đốc Sở, Thủ trưởng các ban, ngành tỉnh",
    ]


def test_the_list_of_an_opening_clause_is_not_the_subject() -> None:
    # "của các Sở, đơn vị liên quan" is the opening clause's list ("đơn vị" shares its "các");
    # the capitalised body after it is the subject.
    items = _items(
        "KẾT LUẬN\n"
        "1. Trên cơ sở đề xuất của các Sở, đơn vị liên quan, Sở Nội vụ khẩn trương tổng hợp "
        "nhu cầu biên chế.\n"
        # a list with its own determiner after the opening clause is the subject
        "2. Trên cơ sở Kế hoạch của tỉnh, các sở, ban, ngành, Ủy ban nhân dân các xã khẩn "
        "trương xây dựng kế hoạch của đơn vị.\n"
    )
    assert [item.lead for item in items] == [
        "Sở Nội vụ",
        "Các sở, ban, ngành, Ủy ban nhân dân các xã",
    ]
    # (the specific basis heads the title: Convention D of the corpus, qualifiers.py)
    assert items[0].title.startswith(
        "Trên cơ sở đề xuất của các Sở, đơn vị liên quan, khẩn trương tổng hợp nhu cầu biên chế"
    )


def test_partners_named_in_a_later_clause_or_after_an_opening_clause() -> None:
    items = _items(
        "1. Sở Nội vụ\n"
        "- Theo dõi việc sắp xếp tổ chức bộ máy; chủ trì, phối hợp với Sở Tài chính đề xuất "
        "phương án bố trí trụ sở.\n"
        "- Tiếp tục thực hiện Kế hoạch số 12/KH-UBND; phối hợp với Ủy ban nhân dân 03 xã: "
        "An Bình, Tân Hòa, Phú Mỹ lập danh sách cán bộ dôi dư.\n"
        "- Căn cứ khả năng cân đối ngân sách, phối hợp với Sở Tài chính trình cấp có thẩm "
        "quyền bố trí kinh phí.\n"
    )
    assert [item.partners for item in items] == [
        "Sở Tài chính",
        "Ủy ban nhân dân 03 xã: An Bình, Tân Hòa, Phú Mỹ",
        "Sở Tài chính",
    ]
    # the later clause stays in the title: the row's task is the sentence as written
    assert items[0].title.startswith("Theo dõi việc sắp xếp tổ chức bộ máy; chủ trì")
    assert items[1].title.startswith("Tiếp tục thực hiện Kế hoạch số 12/KH-UBND")


def test_the_partners_of_a_body_named_after_the_verb_are_not_the_row_s() -> None:
    # "Tham mưu Ủy ban nhân dân tỉnh phối hợp …": the province works with the ministries, the
    # department advises it; the department has no partners here.
    items = _items(
        "1. Sở Xây dựng\n"
        "- Tham mưu Ủy ban nhân dân tỉnh phối hợp các bộ, ngành Trung ương xây dựng đề án "
        "phát triển đô thị ven biển.\n"
        "- Chủ động phối hợp với Sở Tài chính rà soát nhà, đất công.\n"
        "- Tham gia phối hợp với Công an tỉnh kiểm tra trật tự xây dựng.\n"
    )
    assert [item.partners for item in items] == ["", "Sở Tài chính", "Công an tỉnh"]
    assert items[0].title.startswith(
        "Tham mưu Ủy ban nhân dân tỉnh phối hợp các bộ, ngành Trung ương xây dựng"
    )
    assert items[1].title.startswith("Chủ động rà soát nhà, đất công")


def test_a_verb_after_a_plural_determiner_in_a_heading_is_a_noun_of_the_name() -> None:
    # "tổ chức" opens a bullet of the document (a verb there), but "các tổ chức chính trị -
    # xã hội" in the heading is a noun: the heading's name is whole.
    items = _items(
        "**5. Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội:**\n\n"
        "- Tổ chức vận động ủng hộ Quỹ Vì người nghèo.\n\n"
        "- Giám sát việc hỗ trợ nhà ở cho hộ nghèo.\n"
    )
    assert [item.lead for item in items] == [
        "Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội"
    ] * 2
    assert items[1].title.startswith("Giám sát việc hỗ trợ nhà ở")


def test_a_bare_role_over_bullets_opening_with_their_partners() -> None:
    # "b) Chủ trì, phối hợp" names no partner: each bullet below opens with its own; the
    # agency of the heading leads them all, and the role line is no row.
    items = _items(
        "*2. Sở Y tế*\n\n"
        "a) Chủ trì, phối hợp với các đơn vị liên quan kiểm tra an toàn thực phẩm.\n\n"
        "b) Chủ trì, phối hợp\n\n"
        "- Sở Tài chính và các đơn vị có liên quan tham mưu bố trí kinh phí mua thuốc.\n\n"
        "- Sở Nội vụ, Công an tỉnh rà soát biên chế trạm y tế xã.\n\n"
        "c) Hướng dẫn các xã phòng, chống dịch bệnh.\n\n"
        "- Tổ chức tiêm chủng mở rộng.\n"
    )
    assert [(item.title or "")[:25] for item in items] == [
        "Kiểm tra an toàn thực phẩ",
        "Tham mưu bố trí kinh phí ",
        "Rà soát biên chế trạm y t",
        "Hướng dẫn các xã phòng, c",
        "Tổ chức tiêm chủng mở rộn",
    ]
    assert {item.lead for item in items} == {"Sở Y tế"}
    assert [item.partners for item in items] == [
        "các đơn vị liên quan",
        "Sở Tài chính và các đơn vị có liên quan",
        "Sở Nội vụ, Công an tỉnh",
        "",
        "",
    ]


def test_a_subject_ends_after_a_kind_of_body_or_its_levels_whatever_the_verb() -> None:
    # "khơi dậy", "phân công" are in no list of verbs; "chính trị - xã hội" and "các cấp" end
    # a body's name all the same (but "… trực thuộc" goes on).
    items = _items(
        "V. TỔ CHỨC THỰC HIỆN\n"
        "- Đề nghị Hội Liên hiệp Phụ nữ tỉnh, các tổ chức chính trị-xã hội khơi dậy mạnh mẽ, "
        "tinh thần tương thân tương ái.\n"
        "- Ban Thi đua - Khen thưởng các cấp phân công cán bộ theo dõi phong trào.\n"
        "- Các tổ chức chính trị - xã hội trực thuộc tuyên truyền cho hội viên.\n"
    )
    assert [item.lead for item in items] == [
        "Hội Liên hiệp Phụ nữ tỉnh, các tổ chức chính trị-xã hội",
        "Ban Thi đua - Khen thưởng các cấp",
        "Các tổ chức chính trị - xã hội trực thuộc",
    ]
    assert items[0].title.startswith("Khơi dậy mạnh mẽ, tinh thần tương thân")
    assert items[1].title.startswith("Phân công cán bộ theo dõi")


def test_sentence_points_of_a_letter_each_read_with_their_subject() -> None:
    items = _items(
        "Phó Thủ tướng có ý kiến như sau:\n"
        "1. Các lực lượng chức năng phải tăng cường tuần tra trên các tuyến biên giới.\n"
        # a name wrapped inside the point's first printed line
        "2. Báo Nhân dân, Đài Phát thanh và Truyền hình Hà\n"
        "Nội, Thông tấn xã Việt Nam phối hợp với các Bộ, ngành, lực lượng chức năng mở "
        "chuyên mục, tuyên truyền về tác hại của hàng giả.\n"
        "3. Văn phòng Ban Chỉ đạo quốc gia đẩy mạnh kiểm tra, đôn đốc các địa phương; báo "
        "cáo Thủ tướng trước ngày 15 tháng 12 năm 2025; Trên cơ sở đó, Ban Chỉ đạo các "
        "tỉnh xây dựng kế hoạch năm 2026.\n"
    )
    assert [item.lead for item in items] == [
        "Các lực lượng chức năng",
        "Báo Nhân dân, Đài Phát thanh và Truyền hình Hà Nội, Thông tấn xã Việt Nam",
        "Văn phòng Ban Chỉ đạo quốc gia",
    ]
    # (the modal "phải" is no part of the task: corpus entries 115 and 122, round 9)
    assert items[0].title.startswith("Tăng cường tuần tra")
    # the list of partners ends after the forces' remit, whatever the verb after it
    assert items[1].partners == "các Bộ, ngành, lực lượng chức năng"
    assert items[1].title.startswith("Mở chuyên mục, tuyên truyền")
    assert items[2].title.startswith("Đẩy mạnh kiểm tra, đôn đốc các địa phương")
    # the clause given to another body is kept in the notes; the deadline is the point's own
    assert items[2].timeframe == "trước ngày 15 tháng 12 năm 2025"
    assert "Ban Chỉ đạo các tỉnh xây dựng kế hoạch năm 2026" in (items[2].notes or "")


def test_a_dispatch_s_points_names_after_an_inner_colon_and_its_accountability() -> None:
    items = _items(
        "Thủ tướng Chính phủ yêu cầu:\n"
        "1. Chủ tịch Ủy ban nhân dân các tỉnh\n"
        "từ Quảng Trị đến Khánh Hòa, trong đó trọng tâm là các tỉnh:\n"
        "Quảng Ngãi, Bình Định và Phú Yên:\n"
        "a) Rà soát, di dời hộ dân ra khỏi vùng sạt lở.\n"
        "b) Báo cáo kết quả về Bộ Xây dựng trước 17h00 hằng ngày và khi có yêu cầu.\n"
        "Chủ tịch Ủy ban nhân dân cấp tỉnh chịu trách nhiệm toàn diện trước Thủ tướng Chính "
        "phủ về số liệu báo cáo; đồng thời sử dụng nguồn lực đúng mục đích.\n"
        "2. Bộ trưởng Bộ Xây dựng chủ trì phối hợp với các bộ, ngành liên quan hướng dẫn "
        "thiết kế nhà mẫu, **hoàn thành trước ngày 10/12/2025./.**\n"
    )
    lead = (
        "Chủ tịch Ủy ban nhân dân các tỉnh từ Quảng Trị đến Khánh Hòa, trong đó trọng tâm là "
        "các tỉnh: "
        "Quảng Ngãi, Bình Định và Phú Yên"
    )
    # the accountability paragraph is no row (a warning keeps its line)
    assert [item.lead for item in items] == [lead, lead, "Bộ trưởng Bộ Xây dựng"]
    # the occasions added after "và" are no part of the deadline
    assert items[1].timeframe == "trước 17h00 hằng ngày"
    assert items[2].partners == "các bộ, ngành liên quan"
    # the closing mark "./." is no part of the deadline
    assert items[2].timeframe == "trước ngày 10/12/2025"


def test_a_conclusion_notice_s_tasks_without_subject_and_two_bodies_in_one_paragraph() -> None:
    parsed = parse_bytes(
        (
            "**II. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI**\n\n"
            "1. Về thu ngân sách:\n\n"
            "Tỉnh cần tập trung chỉ đạo thu đúng, thu đủ các khoản thu ngân sách.\n\n"
            "2. Cần rà soát kỹ danh mục dự án khởi công mới năm 2026.\n\n"
            "3. Về chuyển đổi số:\n\n"
            "- Nhanh chóng hoàn thiện cơ sở dữ liệu đất đai.\n\n"
            "**III. VỀ CÁC KIẾN NGHỊ CỦA TỈNH**\n\n"
            "1. Về kiến nghị bổ sung vốn cho dự án đường ven biển:\n\n"
            "Hội đồng thẩm định Nhà nước thẩm định Báo cáo nghiên cứu khả thi dự án, khẩn "
            "trương hoàn thành trong tháng 12 năm 2025. Bộ Xây dựng khẩn trương tiếp thu ý "
            "kiến thẩm định.\n\n"
            "2. Về kiến nghị hỗ trợ kinh phí:\n\n"
            "Giao Bộ Tài chính chủ trì, phối với Bộ Xây dựng rà soát, đề xuất phương án hỗ "
            "trợ.\n"
        ).encode(),
        "notice.md",
    )
    items = parsed.items
    assert [(item.title or "")[:30] for item in items] == [
        "Tập trung chỉ đạo thu đúng, th",
        "Cần rà soát kỹ danh mục dự án ",
        "Nhanh chóng hoàn thiện cơ sở d",
        "Thẩm định Báo cáo nghiên cứu k",
        "Khẩn trương tiếp thu ý kiến th",
        "Rà soát, đề xuất phương án hỗ ",
    ]
    assert [item.number for item in items] == ["1", "2", "", "1", "", "2"]
    # the province is implied: no lead, and a warning says so for each row
    assert [item.lead for item in items[:3]] == ["", "", ""]
    assert sum(w.code == "prose-no-lead" for w in parsed.warnings) == 3
    assert items[0].section[0] == "II. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI"
    # a collective body's function and proper name are its name; a later sentence with its
    # own subject is a row of its own
    assert [item.lead for item in items[3:]] == [
        "Hội đồng thẩm định Nhà nước",
        "Bộ Xây dựng",
        "Bộ Tài chính",
    ]
    assert items[3].timeframe == "trong tháng 12 năm 2025"
    # "phối với" (a syllable dropped in print) names the partners as "phối hợp với"
    assert items[5].partners == "Bộ Xây dựng"


def test_points_of_a_plan_of_labelled_blocks_are_not_read_as_tasks_without_subject() -> None:
    items = _items(
        "**II. NHIỆM VỤ**\n\n"
        "**1. Xây dựng kho dữ liệu dùng chung:**\n\n"
        "a) Nhiệm vụ: Xây dựng kho dữ liệu dùng chung của tỉnh.\n\n"
        "b) Cơ quan thực hiện:\n\n"
        "- Đơn vị chủ trì: Sở Khoa học và Công nghệ.\n\n"
        "c) Thời gian thực hiện: Năm 2026.\n",
        "plan.md",
    )
    assert [(item.lead.rstrip("."), item.timeframe.rstrip(".")) for item in items] == [
        ("Sở Khoa học và Công nghệ", "Năm 2026")
    ]


def test_a_later_giao_sentence_in_a_bullet_is_a_row_of_its_own() -> None:
    # Convention A (corpus README, "Conventions"): "… . Giao Văn phòng Sở …" gives a task to
    # another body: its row (it once stayed in the bullet's title); the closing paragraph's
    # "Giao …" sentence is a row too, the request before it none.
    items = _items(
        "Giám đốc Sở giao:\n"
        "**1. Thủ trưởng các phòng chuyên môn thuộc Sở**\n"
        "- Rà soát các quy trình nội bộ.\n"
        "- Kiên quyết cắt giảm thành phần hồ sơ không cần thiết. Giao Văn phòng Sở tổng hợp "
        "kết quả, báo cáo Giám đốc Sở.\n"
        "Ủy ban nhân dân tỉnh yêu cầu các đơn vị nghiêm túc thực hiện những nội dung trên. "
        "Giao Văn phòng Sở đôn đốc các phòng thực hiện.\n"
    )
    lead = "Thủ trưởng các phòng chuyên môn thuộc Sở"
    assert [item.lead for item in items] == [lead, lead, "Văn phòng Sở", "Văn phòng Sở"]
    assert items[1].title == "Kiên quyết cắt giảm thành phần hồ sơ không cần thiết"
    assert items[2].title == "Tổng hợp kết quả, báo cáo Giám đốc Sở"
    assert items[3].title.startswith("Đôn đốc các phòng thực hiện")


def test_role_words_after_an_opening_clause_and_a_role_announcing_the_points() -> None:
    items = _items(
        "**1. Sở Tài chính**\n\n"
        "- Trên cơ sở chức năng, nhiệm vụ, chủ trì, phối hợp với các sở, ngành liên quan "
        "tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí.\n\n"
        "**2. Sở Y tế**\n\n"
        "Chủ trì, phối hợp với các đơn vị có liên quan tham mưu Ủy ban nhân dân tỉnh:\n\n"
        "a) Tổ chức khám sàng lọc cho người cao tuổi.\n\n"
        "b) Kiểm tra an toàn thực phẩm tại bếp ăn tập thể.\n"
    )
    assert items[0].lead == "Sở Tài chính"
    assert items[0].partners == "các sở, ngành liên quan"
    # the opening clause goes to the notes, the role to the lead and partners
    assert items[0].title.startswith("Tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí")
    assert items[0].notes == "Trên cơ sở chức năng, nhiệm vụ"
    assert [(item.number, item.lead, item.partners) for item in items[1:]] == [
        ("a", "Sở Y tế", "các đơn vị có liên quan"),
        ("b", "Sở Y tế", "các đơn vị có liên quan"),
    ]


def test_a_deadline_paragraph_after_a_row_is_its_deadline_not_a_row() -> None:
    items = _items(
        "Bộ yêu cầu:\n"
        "**1. Cục Di sản văn hóa**\n"
        "Khẩn trương hoàn thiện dự thảo Thông tư hướng dẫn bảo quản di vật.\n"
        "Đảm bảo **hoàn thành trong quý II/2026.**\n"
        "**2. Cục Điện ảnh**\n"
        "- Phối hợp với Bộ Tài chính đưa nội dung phương án vào dự thảo Luật.\n"
    )
    assert [item.lead for item in items] == ["Cục Di sản văn hóa", "Cục Điện ảnh"]
    assert items[0].timeframe == "trong quý II/2026"
    # "đưa" is a verb: the list of partners ends before it
    assert items[1].partners == "Bộ Tài chính"


def test_a_ministry_s_departments_head_their_points() -> None:
    items = _items(
        "Bộ trưởng giao:\n"
        "**1. Vụ\n"
        "Pháp chế**\n"
        "- Thẩm định các dự thảo Thông tư có thủ tục hành chính.\n"
        "**2. Vụ Tổ chức cán bộ:**** **Rà soát chức năng, nhiệm vụ của các Cục.\n"
    )
    assert [item.lead for item in items] == ["Vụ Pháp chế", "Vụ Tổ chức cán bộ"]
    assert items[1].title.startswith("Rà soát chức năng, nhiệm vụ của các Cục")


def test_a_heading_naming_communes_and_a_paragraph_right_under_a_heading() -> None:
    items = _items(
        "**II. NHIỆM VỤ**\n\n"
        "**12. Ủy\nban nhân dân các xã: Tân Hòa, Phú Mỹ và An Bình**\n\n"
        "- Xây dựng kế hoạch bảo vệ rừng ngập mặn.\n\n"
        "**13. Các\nsở, ngành có liên quan; Ủy ban nhân dân các xã, phường**\n\n"
        "Căn cứ chức năng, nhiệm vụ, triển khai thực hiện các nhiệm vụ tại Phần III Kế "
        "hoạch này.\n\n"
        "Trên đây là Kế hoạch bảo vệ rừng ngập mặn; yêu cầu các đơn vị triển khai thực "
        "hiện Kế hoạch này.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("12", "Ủy ban nhân dân các xã: Tân Hòa, Phú Mỹ và An Bình"),  # the heading's number
        ("13", "Các sở, ngành có liên quan; Ủy ban nhân dân các xã, phường"),
    ]


def test_a_kind_of_organisation_in_a_heading_and_the_closing_request_to_everyone() -> None:
    items = _items(
        "**V. TỔ CHỨC THỰC HIỆN**\n\n"
        "**1. Sở Y tế:**\n\n"
        "- Tổ chức phun khử khuẩn tại các điểm ngập.\n\n"
        "**2. Các đoàn thể, tổ chức xã hội:**\n\n"
        "Vận động hội viên tham gia vệ sinh môi trường.\n\n"
        "Phòng chống dịch bệnh sau lũ là nhiệm vụ cấp bách. Đề nghị các sở, ban, ngành và "
        "địa phương khẩn trương thực hiện; kịp thời báo cáo UBND tỉnh./.\n"
    )
    assert [item.lead for item in items] == ["Sở Y tế", "Các đoàn thể, tổ chức xã hội"]
    assert items[1].title.startswith("Vận động hội viên")


def test_businesses_asked_by_name_with_their_colon_and_examples_in_brackets() -> None:
    items = _items(
        "**IV. PHÂN CÔNG NHIỆM VỤ**\n\n"
        "**7.** **Đề nghị Công ty Cấp nước Phú Yên:**** **Khẩn trương khôi phục cấp nước.\n\n"
        "**8.\nĐề nghị các doanh nghiệp xăng dầu (Petrolimex, PVOil và doanh nghiệp "
        "khác):**** **Bảo đảm nguồn cung nhiên liệu cho vùng lũ.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("7", "Công ty Cấp nước Phú Yên"),
        # (read by the structure rules' named heading, which capitalises a heading's name
        # once "Đề nghị" is left out, as every agency heading's lead is)
        ("8", "Các doanh nghiệp xăng dầu (Petrolimex, PVOil và doanh nghiệp khác)"),
    ]
    assert items[0].title.startswith("Khẩn trương khôi phục cấp nước")
    assert items[1].title.startswith("Bảo đảm nguồn cung nhiên liệu")


# Where the structure rules and the sentence rules meet (the merge of the two sets).


def test_a_closing_paragraph_after_a_heading_carrying_its_task_is_no_row() -> None:
    items = _items(
        "1. Bộ trưởng Bộ Y tế chỉ đạo các bệnh viện tiếp nhận người bị thương.\n"
        "2. Bộ trưởng các Bộ: Quốc phòng, Công an chỉ đạo lực lượng hỗ trợ dọn dẹp sau lũ.\n"
        "Văn phòng Chính phủ theo dõi, đôn đốc các Bộ thực hiện nghiêm túc Công điện "
        "này./.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Bộ trưởng Bộ Y tế"),
        ("2", "Bộ trưởng các Bộ: Quốc phòng, Công an"),
    ]


def test_a_bullet_saying_whom_the_heading_agency_answers_to_is_its_duty() -> None:
    items = _items(
        "**III. TỔ CHỨC THỰC HIỆN**\n\n"
        "1. Các chủ đầu tư công trình thủy lợi\n\n"
        "- Kiểm tra an toàn các hồ chứa trước mùa mưa.\n\n"
        "- Chịu trách nhiệm trước pháp luật nếu để xảy ra sự cố vỡ đập do chậm xử lý.\n"
    )
    assert [item.lead for item in items] == [
        "Các chủ đầu tư công trình thủy lợi",
        "Các chủ đầu tư công trình thủy lợi",
    ]
    assert (items[1].title or "").startswith("Chịu trách nhiệm trước pháp luật")


def test_partners_after_a_short_first_verb_phrase_of_the_subject() -> None:
    items = _items(
        "1. Đài Phát thanh và Truyền hình tỉnh chủ trì biên tập, phối hợp với các sở, ngành "
        "liên quan xây dựng chuyên mục cải cách hành chính, hoàn thành trước ngày 20/12/2025.\n"
        "2. Sở Nội vụ chỉ đạo chủ trì, phối hợp với Sở Tư pháp, các xã, phường rà soát thủ "
        "tục hành chính nội bộ.\n"
        "3. Sở Tài chính tham mưu Ủy ban nhân dân tỉnh phối hợp các bộ bố trí vốn.\n"
    )
    assert [(item.lead, item.partners) for item in items] == [
        ("Đài Phát thanh và Truyền hình tỉnh", "các sở, ngành liên quan"),
        ("Sở Nội vụ", "Sở Tư pháp, các xã, phường"),
        ("Sở Tài chính", ""),  # the partners of the committee named after the verb: none
    ]
    assert items[0].timeframe == "trước ngày 20/12/2025"


def test_under_an_agency_heading_the_plan_formula_alone_is_no_task_a_cited_part_is() -> None:
    items = _items(
        "IV. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Các sở, ngành có liên quan\n\n"
        "Căn cứ chức năng, nhiệm vụ, triển khai các nhiệm vụ tại Mục II Kế hoạch này.\n\n"
        "2. Ủy ban nhân dân các xã\n\n"
        "Căn cứ chức năng, nhiệm vụ được giao tổ chức triển khai thực hiện Kế hoạch này.\n"
    )
    assert [(item.number, item.lead) for item in items] == [("1", "Các sở, ngành có liên quan")]


def test_a_point_whose_unknown_subject_works_with_partners_names_them() -> None:
    # "(ii) Nhà thầu phối hợp chặt chẽ với …": a short name opening the sentence, no verb in
    # it, is its subject (a body the reader does not know: the lead is left to check); the
    # bodies after "phối hợp với" are its partners, not the object's of a verb before them.
    items = _items(
        "Ý kiến chỉ đạo tại buổi kiểm tra dự án.\n"
        "1. Về Dự án Nhà máy nhiệt điện Sông Mây\n"
        "a) Đánh giá cao nỗ lực của Chủ đầu tư.\n"
        "b) Để hoàn thành dự án đúng tiến độ, đề nghị:\n"
        "(i) Tập đoàn Dầu khí Việt Nam bảo đảm cung cấp đủ khí cho nhà máy.\n"
        "(ii) Nhà thầu phối hợp chặt chẽ với các đơn vị tư vấn hoàn thành các hạng mục còn "
        "lại trong tháng 12 năm 2025.\n"
        # a verb before the body: the partners are that body's, none of the row's
        "(iii) Tham mưu Ủy ban nhân dân tỉnh phối hợp các bộ rà soát hồ sơ dự án.\n"
    )
    assert [(item.number, item.lead, item.partners) for item in items] == [
        ("i", "Tập đoàn Dầu khí Việt Nam", ""),
        ("ii", "", "các đơn vị tư vấn"),
        ("iii", "", ""),
    ]
    assert items[1].timeframe == "trong tháng 12 năm 2025"


def test_an_opening_announcing_points_leads_them_by_the_office_without_its_honorific() -> None:
    # One rule for the announcing opening (structure.announcing): whom the issuer asks, the
    # honorific ("Các đồng chí") left out, as in a sentence's own subject.
    items = _items(
        "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các đồng chí Giám đốc Sở, Thủ trưởng các ban, "
        "ngành tỉnh tập trung thực hiện một số nội dung sau:\n"
        "1. Rà soát các thủ tục hành chính nội bộ.\n"
        "2. Công khai kết quả giải quyết hồ sơ.\n"
    )
    assert [item.lead for item in items] == ["Giám đốc Sở, Thủ trưởng các ban, ngành tỉnh"] * 2


def test_a_point_supporting_another_body_s_task_is_the_heading_body_s_row() -> None:
    # Convention B (corpus README, "Conventions"): "Phối hợp (với) X <task>" under Y's
    # heading is Y's row (the document assigns it to Y), X its partners, the role words out
    # of the title and the role kept in the notes.
    items = _items(
        "**1. Sở Xây dựng**\n\n"
        "- Phối hợp Thanh tra tỉnh kiểm tra các công trình chậm tiến độ.\n\n"
        "**2. Đề nghị Hội Nông dân tỉnh**\n\n"
        "Phối hợp chặt chẽ với các xã, phường vận động nông dân chuyển đổi cây trồng.\n"
    )
    assert [(item.lead, item.partners) for item in items] == [
        ("Sở Xây dựng", "Thanh tra tỉnh"),
        ("Hội Nông dân tỉnh", "các xã, phường"),
    ]
    assert [item.title for item in items] == [
        "Kiểm tra các công trình chậm tiến độ",
        "Vận động nông dân chuyển đổi cây trồng",
    ]
    assert [item.notes for item in items] == [
        "Phối hợp Thanh tra tỉnh",
        "Phối hợp chặt chẽ với các xã, phường",
    ]


def test_a_cooperation_that_is_itself_the_task_keeps_its_words() -> None:
    # No task's verb after the bodies (a purpose "để …", a scope "trong quá trình …"), or no
    # body after "Phối hợp" at all: the point's words stay its title.
    items = _items(
        "**3. Sở Giao thông vận tải**\n\n"
        "- Phối hợp với các doanh nghiệp vận tải để xây dựng phương án phân luồng.\n\n"
        "- Phối hợp chặt chẽ với Công an tỉnh, Sở Tài chính trong quá trình thẩm định dự án.\n\n"
        "- Phối hợp thực hiện kiểm định an toàn phương tiện.\n\n"
        "- Phối hợp với các viện nghiên cứu để ứng dụng công nghệ mới.\n"
    )
    assert [item.title for item in items] == [
        "Phối hợp với các doanh nghiệp vận tải để xây dựng phương án phân luồng",
        "Phối hợp chặt chẽ với Công an tỉnh, Sở Tài chính trong quá trình thẩm định dự án",
        "Phối hợp thực hiện kiểm định an toàn phương tiện",
        "Phối hợp với các viện nghiên cứu để ứng dụng công nghệ mới",
    ]
    # the partners still named, up to the clause after them ("nghiên cứu" before "để" is a
    # noun of the name, "trong quá trình" is no verb)
    assert [item.partners for item in items] == [
        "các doanh nghiệp vận tải",
        "Công an tỉnh, Sở Tài chính",
        "",
        "các viện nghiên cứu",
    ]
    assert not any(item.notes for item in items)


def test_a_later_sentence_of_another_body_under_a_heading_is_its_row() -> None:
    # Convention A (corpus README, "Conventions"): a point is one row unless a later
    # sentence's subject is another body. One naming a body of the heading ("Ủy ban nhân dân
    # xã" under "Ủy ban nhân dân các xã") stays in the row; "Ngân hàng …" and "Giao Văn
    # phòng Sở …" are rows of their own, led by them.
    items = _items(
        "**1. Ủy ban nhân dân các xã**\n\n"
        "a) Lập danh sách hộ nghèo cần hỗ trợ vay vốn. Ủy ban nhân dân xã niêm yết công "
        "khai danh sách tại trụ sở. Ngân hàng Chính sách xã hội hướng dẫn thủ tục vay vốn "
        "cho các hộ trong danh sách.\n\n"
        "**2. Sở Nông nghiệp và Môi trường**\n\n"
        "- Hướng dẫn các xã chuyển đổi cơ cấu cây trồng. Giao Văn phòng Sở tổng hợp kết "
        "quả, báo cáo Giám đốc Sở.\n"
    )
    assert [item.lead for item in items] == [
        "Ủy ban nhân dân các xã",
        "Ngân hàng Chính sách xã hội",
        "Sở Nông nghiệp và Môi trường",
        "Văn phòng Sở",
    ]
    assert items[0].title == (
        "Lập danh sách hộ nghèo cần hỗ trợ vay vốn. Ủy ban nhân dân xã niêm yết công khai "
        "danh sách tại trụ sở"
    )
    assert items[1].title.startswith("Hướng dẫn thủ tục vay vốn")
    assert items[3].title.startswith("Tổng hợp kết quả")


# Held-out round 8 (issue 15): the rules written for its failure classes.


def test_a_wrapped_line_opening_on_a_bracketed_aside_continues_the_point() -> None:
    # "(trong đó …)" in lower case goes on with the sentence above; "(2) …" is a point.
    items = _items(
        "Thủ tướng Chính phủ yêu cầu:\n"
        "1. Bộ Y tế chỉ đạo các bệnh viện tuyến tỉnh\n"
        "(trong đó có các bệnh viện tư nhân) sẵn sàng tiếp nhận người bệnh.\n"
        "2. Bộ Tài chính bố trí kinh phí cho các địa phương.\n"
    )
    assert [item.number for item in items] == ["1", "2"]
    assert items[0].title is not None and "(trong đó có các bệnh viện tư nhân)" in items[0].title
    assert items[0].lead == "Bộ Y tế"
    # a point's own marker after an unfinished line opens the point, aside or not
    assert not _continues("2. Bộ Tài chính cấp kinh phí địa phương", "(i) Bộ Công Thương làm")
    assert not _continues("2. Bộ Tài chính cấp kinh phí địa phương", "(a) Bộ Công Thương làm")
    assert _continues("2. Bộ Tài chính cấp kinh phí địa phương", "(nếu cần) các địa phương")


def test_a_party_secretary_and_a_chairman_lead_a_point_with_the_places_and_other_bodies() -> None:
    items = _items(
        "Thủ tướng Chính phủ yêu cầu:\n"
        "1. Đồng chí Bí thư tỉnh ủy, Chủ tịch Ủy ban nhân dân các tỉnh: Sơn La, Lào Cai và "
        "lãnh đạo các Bộ, ngành theo chức năng, nhiệm vụ, thẩm quyền khẩn trương sơ tán người "
        "dân khỏi vùng sạt lở.\n"
        "2. Bộ Quốc phòng chỉ đạo các đơn vị hỗ trợ địa phương.\n"
    )
    assert [item.number for item in items] == ["1", "2"]
    assert items[0].title == "Khẩn trương sơ tán người dân khỏi vùng sạt lở"
    assert items[0].lead is not None
    assert items[0].lead.startswith("Bí thư tỉnh ủy, Chủ tịch Ủy ban nhân dân các tỉnh: Sơn La")


def test_a_body_answering_in_full_before_the_government_keeps_its_duty_words() -> None:
    items = _items(
        "Thủ tướng Chính phủ yêu cầu:\n"
        "1. Chủ tịch Ủy ban nhân dân các tỉnh: Sơn La, Lào Cai:\n"
        "- Chịu trách nhiệm toàn diện trước Thủ tướng Chính phủ về công tác cứu hộ trên địa "
        "bàn.\n"
        "- Tổ chức di dời người dân khỏi vùng nguy hiểm.\n"
    )
    assert [item.title for item in items] == [
        "Chịu trách nhiệm toàn diện trước Thủ tướng Chính phủ về công tác cứu hộ trên địa bàn",
        "Tổ chức di dời người dân khỏi vùng nguy hiểm",
    ]


def test_a_point_ending_in_trong_do_leads_the_bracketed_points_below_it() -> None:
    items = _items(
        "Thủ tướng Chính phủ yêu cầu:\n"
        "1. Chủ tịch Ủy ban nhân dân các tỉnh ven biển theo dõi sát diễn biến của triều "
        "cường, trong đó:\n"
        "(1) Hướng dẫn người dân gia cố nhà cửa.\n"
        "(2) Sơ tán người dân ở khu vực thấp trũng.\n"
        "2. Bộ Y tế bảo đảm thuốc men cho người dân vùng ngập.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Chủ tịch Ủy ban nhân dân các tỉnh ven biển"),
        ("2", "Chủ tịch Ủy ban nhân dân các tỉnh ven biển"),
        ("2", "Bộ Y tế"),
    ]
    assert items[1].title == "Sơ tán người dân ở khu vực thấp trũng"


def test_ministries_named_after_sectors_and_a_second_body_after_a_semicolon_lead() -> None:
    items = _items(
        "Thủ tướng Chính phủ yêu cầu:\n"
        "1. Bộ trưởng các Bộ: Xây dựng, Y tế; Chủ tịch Ủy ban nhân dân các tỉnh ven biển từ "
        "Quảng Ninh đến Ninh Bình tổ chức trực ban nghiêm túc.\n"
        "2. Bộ trưởng các Bộ: Xây dựng, Công Thương theo chức năng, nhiệm vụ chủ động kiểm tra "
        "an toàn các công trình.\n"
        "3. Chánh Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia phối hợp với các bộ theo dõi "
        "sát tình hình.\n"
    )
    assert [item.title for item in items] == [
        "Tổ chức trực ban nghiêm túc",
        "Chủ động kiểm tra an toàn các công trình",
        "Theo dõi sát tình hình",
    ]
    assert [item.lead for item in items] == [
        "Bộ trưởng các Bộ: Xây dựng, Y tế; Chủ tịch Ủy ban nhân dân các tỉnh ven biển từ "
        "Quảng Ninh đến Ninh Bình",
        "Bộ trưởng các Bộ: Xây dựng, Công Thương",
        "Chánh Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia",
    ]


def test_a_later_sentence_of_another_body_in_a_numbered_point_is_its_row() -> None:
    # Convention A in a numbered point with no agency heading above it: "…. Bộ Tài chính …"
    # and "…. Giao Bộ Công an …" are rows of their own; the point's first subject keeps its
    # row, not the body given the later task.
    items = _items(
        "Thủ tướng Chính phủ yêu cầu:\n"
        "1. Bộ Y tế chỉ đạo các bệnh viện sẵn sàng tiếp nhận người bệnh. Bộ Tài chính "
        "khẩn trương bố trí kinh phí mua thuốc.\n"
        "2. Bộ Công Thương bảo đảm nguồn cung xăng dầu trong ngày 20 tháng 11 năm 2025. Giao "
        "Bộ Công an chỉ đạo phân luồng giao thông.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Bộ Y tế"),
        ("", "Bộ Tài chính"),
        ("2", "Bộ Công Thương"),
        ("", "Bộ Công an"),
    ]
    assert items[3].title == "Chỉ đạo phân luồng giao thông"


def test_a_later_sentence_of_one_of_the_bodies_named_by_kind_stays_in_the_row() -> None:
    # "Ủy ban nhân dân các tỉnh, thành phố …" names by kind the city of the later sentence.
    items = _items(
        "Thủ tướng Chính phủ yêu cầu:\n"
        "1. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương chỉ đạo rà "
        "soát các dự án tồn đọng. UBND thành phố Huế khẩn trương hoàn thành việc rà soát.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương")
    ]


def test_a_later_sentence_naming_places_after_a_colon_is_their_row() -> None:
    # a letter of one paragraph: the second sentence's subject lists the provinces after its
    # colon, ended by a verb the vocabulary lacks ("đẩy nhanh")
    items = _items(
        "Xét đề nghị của tỉnh Hà Nam, Phó Thủ tướng Chính phủ có ý kiến như sau:\n"
        "Chủ tịch Ủy ban nhân dân tỉnh Hà Nam khẩn trương làm việc với các địa phương. Ủy ban "
        "nhân dân các tỉnh: Nam Định, Thái Bình đẩy nhanh các thủ tục cấp phép mỏ đất.\n"
        "Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.\n"
    )
    assert [(item.lead, item.title) for item in items] == [
        ("Chủ tịch Ủy ban nhân dân tỉnh Hà Nam", "Khẩn trương làm việc với các địa phương"),
        ("Ủy ban nhân dân các tỉnh: Nam Định, Thái Bình", "Đẩy nhanh các thủ tục cấp phép mỏ đất"),
    ]
    # a capital verb after the colon names no place
    assert (
        _items(
            "Thủ tướng Chính phủ yêu cầu:\n"
            "1. Ủy ban nhân dân các tỉnh: Chỉ đạo các sở rà soát hồ sơ.\n"
        )[0].lead
        == "Ủy ban nhân dân các tỉnh"
    )
