"""Where a row's lead and title end (issue 15, held-out round 9): the Party's bodies, boards
named after what they do, the modal before a task, qualifiers of a lead, a body's head at a
line's end and deadlines in brackets. Each rule on a short made-up document in the genre's
wording (other bodies, other tasks), not a copy of a corpus text."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.leads import lead_qualifier, name_goes_on
from cchc.plans.parsing.result import Item


def _items(text: str, name: str = "letter.md") -> list[Item]:
    return parse_bytes(text.encode(), name).items


def test_a_board_named_after_its_function_keeps_its_verb_in_the_name() -> None:
    # "chỉ đạo" opens other points of the document (a verb of its own), but after "Ban" it
    # names what the board does: the office of the steering board is the body.
    items = _items(
        "CÔNG ĐIỆN\nThủ tướng Chính phủ yêu cầu:\n"
        "1. Bộ Y tế:\n"
        "a) Chỉ đạo các bệnh viện sẵn sàng tiếp nhận người bệnh.\n"
        "b) Chỉ đạo các trung tâm kiểm soát bệnh tật giám sát dịch.\n"
        "2. Văn phòng Ban chỉ đạo ứng phó sự cố hóa chất quốc gia theo dõi sát tình hình, "
        "báo cáo kịp thời.\n"
    )
    assert items[2].lead == "Văn phòng Ban chỉ đạo ứng phó sự cố hóa chất quốc gia"
    assert items[2].title.startswith("Theo dõi sát tình hình")


def test_the_places_named_above_stay_in_the_lead_and_the_modal_leaves_the_title() -> None:
    items = _items(
        "CÔNG ĐIỆN\nThủ tướng Chính phủ yêu cầu:\n"
        "1. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố nêu trên:\n"
        "a) Phải chủ động sơ tán người dân khỏi vùng nguy hiểm.\n"
        "b) Rà soát các công trình đê điều xung yếu.\n"
        "2. Bộ Quốc phòng phải sẵn sàng lực lượng hỗ trợ địa phương.\n"
    )
    assert [item.title for item in items] == [
        "Chủ động sơ tán người dân khỏi vùng nguy hiểm",
        "Rà soát các công trình đê điều xung yếu",
        "Sẵn sàng lực lượng hỗ trợ địa phương",
    ]
    assert items[0].lead == "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố nêu trên"


def test_party_organisations_in_a_list_of_bodies_are_not_a_verb() -> None:
    # "tổ chức đảng" is the Party's organisation, not the verb "tổ chức"
    items = _items(
        "THÔNG BÁO\nĐể làm tốt việc này, yêu cầu cấp uỷ, tổ chức đảng, chính quyền các cấp "
        "tập trung thực hiện các nhiệm vụ sau:\n"
        "1. Nâng cao chất lượng sinh hoạt chi bộ ở cơ sở.\n"
        "2. Tăng cường kiểm tra, giám sát việc thực hiện nghị quyết.\n"
    )
    assert [item.lead for item in items] == ["Cấp uỷ, tổ chức đảng, chính quyền các cấp"] * 2


def test_leading_and_directing_is_the_verb_after_a_party_committee() -> None:
    # "Giao X lãnh đạo, chỉ đạo …": the two verbs open the task; the committee is the lead
    items = _items(
        "KẾT LUẬN\nBộ Chính trị kết luận như sau:\n"
        "1. Giao Đảng uỷ các cơ quan Đảng Trung ương lãnh đạo, chỉ đạo việc sơ kết mô hình "
        "mới.\n"
        "2. Giao Đảng uỷ Chính phủ lãnh đạo và chỉ đạo sửa đổi Nghị định về biên chế.\n"
    )
    assert [item.lead for item in items] == [
        "Đảng uỷ các cơ quan Đảng Trung ương",
        "Đảng uỷ Chính phủ",
    ]
    assert items[0].title.startswith("Lãnh đạo, chỉ đạo việc sơ kết")
    assert items[1].title.startswith("Lãnh đạo và chỉ đạo sửa đổi")


def test_a_qualifier_of_the_lead_goes_to_the_notes() -> None:
    assert lead_qualifier("Chính quyền các cấp, nhất là các xã vùng cao", "rà soát") == (
        "Chính quyền các cấp",
        "rà soát",
        "nhất là các xã vùng cao",
    )
    assert lead_qualifier("Sở Y tế, Sở Tài chính", "x") == ("Sở Y tế, Sở Tài chính", "x", "")
    items = _items(
        "THÔNG BÁO\nÝ kiến kết luận như sau:\n"
        "1. Cấp uỷ, chính quyền địa phương các cấp, đặc biệt là Thành phố Huế và Thành phố Đà Nẵng "
        "phải rà soát hộ nghèo.\n"
    )
    assert items[0].lead == "Cấp uỷ, chính quyền địa phương các cấp"
    assert "đặc biệt là Thành phố Huế và Thành phố Đà Nẵng" in (items[0].notes or "")
    assert items[0].title.startswith("Rà soát hộ nghèo")


def test_a_body_head_at_the_end_of_a_line_goes_on_with_its_name() -> None:
    assert name_goes_on("4.6. Văn phòng", "Trung ương Đảng theo dõi, đôn đốc.")
    assert name_goes_on("2. Ban", "Tuyên giáo và Dân vận Trung ương hướng dẫn.")
    assert not name_goes_on("4.6. Văn phòng Chính phủ", "Theo dõi, đôn đốc.")
    assert not name_goes_on("4.6. Văn phòng", "Theo dõi việc thực hiện.")
    assert name_goes_on("(ii) Bộ Y tế chỉ đạo Viện Vệ sinh dịch tễ Việt", "Nam giám sát dịch.")
    assert name_goes_on("b) Thực hiện ý kiến của Thủ tướng", "Chính phủ, Trưởng Ban chỉ đạo.")
    items = _items(
        "THÔNG BÁO\nÝ kiến kết luận như sau:\n"
        "4.1. Giao Đảng uỷ Bộ Nội vụ chủ trì rà soát biên chế.\n"
        "4.2. Văn phòng\n"
        "Tỉnh uỷ Lâm Đồng phối hợp theo dõi, đôn đốc việc thực hiện.\n"
    )
    assert [item.lead for item in items] == ["Đảng uỷ Bộ Nội vụ", "Văn phòng Tỉnh uỷ Lâm Đồng"]
    assert items[1].title.startswith("Phối hợp theo dõi, đôn đốc")


def test_a_deadline_in_brackets_inside_the_paragraph() -> None:
    items = _items(
        "KẾT LUẬN\nBộ Chính trị kết luận như sau:\n"
        "1. Giao Đảng uỷ Chính phủ chỉ đạo sửa đổi quy định về phân cấp (hoàn thành trong "
        "quý I/2026). Trong đó, chú ý phân định rõ thẩm quyền của từng cấp.\n"
        "2. Giao Ban Tổ chức Trung ương hướng dẫn thực hiện (hoàn thành trước ngày 30/6/2026).\n"
    )
    assert [item.timeframe for item in items] == ["trong quý I/2026", "trước ngày 30/6/2026"]
    assert "hoàn thành" not in (items[0].title or "")


def test_a_list_of_bodies_parted_by_semicolons_goes_on_to_its_colon() -> None:
    items = _items(
        "CÔNG VĂN\nỦy ban nhân dân tỉnh có ý kiến như sau:\n"
        "1. Đề nghị các sở, ban, ngành tỉnh; Văn phòng Đoàn đại biểu Quốc hội tỉnh; các đơn "
        "vị sự nghiệp công lập thuộc tỉnh; Ủy ban nhân dân các xã, phường: tổ chức kiểm kê tài "
        "sản công và hoàn thành trước ngày 20/12/2025.\n"
    )
    assert items[0].lead == (
        "các sở, ban, ngành tỉnh; Văn phòng Đoàn đại biểu Quốc hội tỉnh; các đơn vị sự nghiệp "
        "công lập thuộc tỉnh; Ủy ban nhân dân các xã, phường"
    )
    assert items[0].title.startswith("Tổ chức kiểm kê tài sản công")
    assert items[0].timeframe == "trước ngày 20/12/2025"


def test_the_announcing_sentence_names_the_lead_not_a_sentence_before_it() -> None:
    # The first sentence names the offices too, its list cut by a comma ("huyện uỷ, thị uỷ
    # tiếp tục …"); the last sentence, which announces the points, names who carries them out.
    items = _items(
        "KẾT LUẬN\nĐồng chí Chánh Văn phòng kết luận như sau:\n\n"
        "Thời gian tới, nhiệm vụ đặt ra đòi hỏi Văn phòng Tỉnh uỷ và các văn phòng huyện uỷ, "
        "thị uỷ tiếp tục phát huy truyền thống, nỗ lực hơn nữa. Căn cứ phương hướng đã nêu, "
        "Văn phòng Tỉnh uỷ và các văn phòng huyện uỷ, thị uỷ cụ thể hoá để tổ chức thực hiện, "
        "cần tập trung một số nhiệm vụ sau:\n\n"
        "(1) Nâng cao chất lượng tham mưu, tổng hợp.\n\n"
        "(2) Các văn phòng tiếp tục kiện toàn đội ngũ cán bộ.\n\n"
        "(3) Bảo đảm tốt công tác hậu cần phục vụ hội nghị.\n"
    )
    offices = "Văn phòng Tỉnh uỷ và các văn phòng huyện uỷ, thị uỷ"
    # (2) names a subject of its own; with no bullets under it, (3) is the offices' again
    assert [item.lead for item in items] == [offices, "Các văn phòng", offices]


def test_a_second_sentence_of_the_same_subject_opening_with_tang_cuong_stays_in_the_row() -> None:
    # A crawled page (blank lines between paragraphs) keeps the printed line breaks: a line
    # ending a sentence, then "Tăng cường …" (a task's verb, no body) is the same paragraph.
    paragraphs = "".join(
        f"\n({n}) Thực hiện nhiệm vụ số {n} về công tác văn thư, lưu trữ của cơ quan.\n"
        for n in range(1, 10)
    )
    items = _items(
        "KẾT LUẬN\nĐồng chí Bí thư kết luận như sau:\n\n"
        "Văn phòng Tỉnh uỷ tập trung thực hiện một số nhiệm vụ sau:\n"
        + paragraphs
        + "\n(10) Tiếp tục nâng cao chất lượng công tác lưu trữ.\n"
        "Tăng cường kiểm tra, hướng dẫn nghiệp vụ ở cơ sở.\n"
    )
    assert len(items) == 10
    assert "Tăng cường kiểm tra" in (items[9].title or "")


def test_the_standing_body_of_party_committees_named_in_lower_case_is_asked() -> None:
    # "thường trực các huyện uỷ, thị uỷ": the standing bodies of committees named by their
    # level, in lower case inside the sentence; "nghiêm túc" opens the task as a verb does
    items = _items(
        "KẾT LUẬN\nĐồng chí Bí thư kết luận như sau:\n"
        "1. Đề nghị thường trực các huyện uỷ, thị uỷ tiếp tục quan tâm chỉ đạo công tác văn "
        "phòng.\n"
        "2. Yêu cầu các cấp uỷ, chi bộ, đảng bộ cơ sở nghiêm túc thực hiện quy định về nêu gương.\n"
    )
    assert [item.lead for item in items] == [
        "thường trực các huyện uỷ, thị uỷ",
        "các cấp uỷ, chi bộ, đảng bộ cơ sở",
    ]
    assert items[0].title.startswith("Tiếp tục quan tâm chỉ đạo")
    assert items[1].title.startswith("Nghiêm túc thực hiện quy định")


def test_speeding_up_and_directly_open_the_task_after_a_body_s_name() -> None:
    items = _items(
        "THÔNG BÁO\nPhó Thủ tướng kết luận như sau:\n"
        "1. Thành phố Cần Thơ và các tỉnh An Giang, Cà Mau đẩy nhanh tiến độ giải phóng mặt "
        "bằng.\n"
        "2. Giao Phó Thủ tướng Chính phủ Nguyễn Văn A trực tiếp chỉ đạo tháo gỡ vướng mắc.\n"
        "3. Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên chủ động "
        "vận động Nhân dân ủng hộ.\n"
    )
    assert [item.lead for item in items] == [
        "Thành phố Cần Thơ và các tỉnh An Giang, Cà Mau",
        "Phó Thủ tướng Chính phủ Nguyễn Văn A",
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên",
    ]
    assert items[0].title.startswith("Đẩy nhanh tiến độ")
    assert items[1].title.startswith("Trực tiếp chỉ đạo tháo gỡ")


def test_the_next_item_of_a_plural_list_after_a_comma_is_no_subject() -> None:
    # "với các sở, cơ quan Trung ương trong việc …": "cơ quan …" goes on with the list
    items = _items(
        "THÔNG BÁO\n**II. MỘT SỐ NHIỆM VỤ, GIẢI PHÁP**\n"
        "1. Rà soát quy hoạch sử dụng đất của tỉnh.\n"
        "2. Hoàn thành các công trình giao thông; phối hợp chặt chẽ với các sở, cơ "
        "quan Trung ương trong việc triển khai các dự án trên địa bàn.\n"
    )
    assert items[1].lead == ""
    assert items[1].title.startswith("Hoàn thành các công trình giao thông")


def test_the_honorific_after_giao_stays_with_the_office_and_receiving_views_is_a_verb() -> None:
    items = _items(
        "THÔNG BÁO\nPhó Thủ tướng kết luận như sau:\n"
        "a) Giao đồng chí Bộ trưởng Bộ Tài chính chỉ đạo rà soát các khoản thu ngân sách.\n"
        "b) Giao Bộ Nội vụ chủ trì, phối hợp với Bộ Tư pháp tiếp thu ý kiến của các địa phương, "
        "hoàn thiện dự thảo Nghị định.\n"
    )
    assert [item.lead for item in items] == ["đồng chí Bộ trưởng Bộ Tài chính", "Bộ Nội vụ"]
    assert items[0].title.startswith("Chỉ đạo rà soát")
    assert items[1].partners == "Bộ Tư pháp"
    assert items[1].title.startswith("Tiếp thu ý kiến của các địa phương")


def test_office_holders_in_lower_case_after_the_honorific_are_asked() -> None:
    # "Yêu cầu các đồng chí bí thư …, các đồng chí giám đốc, thủ trưởng …": the officials
    # asked, named in lower case inside the sentence; the paragraph is a row, not skipped
    items = _items(
        "KẾT LUẬN\nBan Thường vụ kết luận như sau:\n"
        "1. Yêu cầu các cấp uỷ, tổ chức đảng nghiêm túc quán triệt kết luận này.\n"
        "Yêu cầu các đồng chí bí thư huyện uỷ, các đồng chí giám đốc sở, thủ trưởng các "
        "ban, ngành phải trực tiếp chỉ đạo việc sắp xếp bộ máy.\n"
        "2. Giao Ban Tổ chức Tỉnh uỷ theo dõi, đôn đốc.\n"
    )
    assert [item.lead for item in items] == [
        "các cấp uỷ, tổ chức đảng",
        "các đồng chí bí thư huyện uỷ, các đồng chí giám đốc sở, thủ trưởng các ban, ngành",
        "Ban Tổ chức Tỉnh uỷ",
    ]
    assert items[1].title.startswith("Trực tiếp chỉ đạo việc sắp xếp bộ máy")


def test_a_verb_s_word_after_a_plural_determiner_is_a_noun_of_the_list() -> None:
    # "… và các tổ chức thành viên, …", "phối hợp với … và các tổ chức xã hội": nouns
    items = _items(
        "NGHỊ QUYẾT\nChính phủ quyết nghị:\n"
        "1. Đề nghị Hội Liên hiệp Phụ nữ tỉnh và các tổ chức thành viên, theo nhiệm vụ, quyền "
        "hạn của mình chủ động vận động hội viên tham gia.\n"
        "2. Sở Y tế chủ trì, phối hợp với Sở Tài chính và các tổ chức xã hội hoàn thiện đề án.\n"
    )
    assert items[0].lead.startswith("Hội Liên hiệp Phụ nữ tỉnh và các tổ chức thành viên")
    # the formula "theo nhiệm vụ, quyền hạn của mình" is no part of the task
    assert items[0].title.startswith("Chủ động vận động hội viên")
    assert items[1].partners == "Sở Tài chính và các tổ chức xã hội"


def test_a_deadline_between_the_subject_and_its_verb_is_the_row_s() -> None:
    items = _items(
        "THÔNG BÁO\nPhó Thủ tướng kết luận như sau:\n"
        "a) Giao Phó Thủ tướng Chính phủ Nguyễn Văn B trước ngày 20 tháng 12 năm 2025 trực "
        "tiếp kiểm tra tiến độ dự án.\n"
    )
    assert [item.lead for item in items] == ["Phó Thủ tướng Chính phủ Nguyễn Văn B"]
    assert items[0].timeframe == "trước ngày 20 tháng 12 năm 2025"
    assert items[0].title.startswith("Trực tiếp kiểm tra tiến độ dự án")


def test_provinces_named_after_cac_tinh_and_going_to_inspect() -> None:
    items = _items(
        "THÔNG BÁO\nPhó Thủ tướng kết luận như sau:\n"
        "a) Các tỉnh Sơn La, Điện Biên khẩn trương hoàn thiện hồ sơ dự án.\n"
        "b) Giao Phó Thủ tướng Chính phủ Nguyễn Văn C đi kiểm tra công tác khắc phục hậu quả.\n"
    )
    assert [item.lead for item in items] == [
        "Các tỉnh Sơn La, Điện Biên",
        "Phó Thủ tướng Chính phủ Nguyễn Văn C",
    ]
    assert items[0].title.startswith("Khẩn trương hoàn thiện hồ sơ")
    assert items[1].title.startswith("Đi kiểm tra công tác khắc phục")


def test_chu_tri_cung_names_the_partners() -> None:
    items = _items(
        "CÔNG ĐIỆN\nThủ tướng Chính phủ yêu cầu:\n"
        "1. Bộ Nội vụ chủ trì cùng Bộ Tài chính và các bộ, ngành liên quan rà soát chế độ "
        "phụ cấp.\n"
    )
    assert items[0].lead == "Bộ Nội vụ"
    assert items[0].partners == "Bộ Tài chính và các bộ, ngành liên quan"
    assert items[0].title.startswith("Rà soát chế độ phụ cấp")


def test_the_end_of_a_period_is_a_deadline_and_a_span_of_days_is_not() -> None:
    items = _items(
        "CÔNG VĂN\nBan Chỉ đạo đề nghị như sau:\n"
        "1. Chủ tịch Ủy ban nhân dân các xã khẩn trương chỉ đạo, bảo đảm đến hết tháng 6 năm "
        "2026 giải quyết dứt điểm các hồ sơ tồn đọng.\n"
        "2. Sở Văn hóa tổ chức ít nhất một sự kiện trong 30 ngày thi đua, nhằm quảng bá du "
        "lịch. Kết quả gửi về Sở Nội vụ, trước ngày 15/7/2026.\n"
    )
    assert [item.timeframe for item in items] == [
        "đến hết tháng 6 năm 2026",
        "trước ngày 15/7/2026",
    ]
