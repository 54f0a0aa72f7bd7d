"""Rules of the genre found on the held-out documents of issue 15's third round (conclusion
notices, Prime Minister's dispatches, city dispatches, a provincial appendix), each on a small
document of its own: other bodies and other wording than the corpus entries."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.inline import inline_parts
from cchc.plans.parsing.result import Item, ParsedPlan
from cchc.plans.readers import read_bytes


def _plan(text: str, name: str = "notice.md") -> ParsedPlan:
    return parse_bytes(text.encode(), name)


def _items(text: str, name: str = "notice.md") -> list[Item]:
    return _plan(text, name).items


TOPIC_WITH_PARTS = (
    "III. NHIỆM VỤ TRỌNG TÂM\n"
    "2. Hoàn thiện cơ sở dữ liệu ngành:** (1)** Sở Tư pháp cập nhật cơ sở dữ liệu hộ tịch, "
    "hoàn thành trước ngày 15 tháng 3 năm 2026; **(2)** Sở Xây dựng chủ trì, phối hợp Sở Tài "
    "chính xây dựng cơ sở dữ liệu nhà ở, hoàn thành trong quý II năm 2026; **(3)** các xã, "
    "phường rà soát dữ liệu đất đai trong năm 2026.\n"
)


def test_tasks_run_together_as_1_2_3_are_one_row_each_with_their_subject_and_deadline() -> None:
    items = _items(TOPIC_WITH_PARTS)
    assert [item.number for item in items] == ["2.1", "2.2", "2.3"]
    assert [item.lead for item in items] == ["Sở Tư pháp", "Sở Xây dựng", "Các xã, phường"]
    assert items[1].partners == "Sở Tài chính"
    assert [item.timeframe for item in items] == [
        "trước ngày 15 tháng 3 năm 2026",
        "trong quý II năm 2026",
        "trong năm 2026",
    ]
    assert items[0].title.startswith("Cập nhật cơ sở dữ liệu hộ tịch")
    # The topic before "(1)" is the point's heading, never a row or part of one.
    assert "Hoàn thiện cơ sở dữ liệu ngành" in items[0].section[-1]


def test_parts_without_a_subject_take_the_agency_named_before_the_first_marker() -> None:
    items = _items(
        "1. Nhiệm vụ của các sở\n"
        "a) Sở Công Thương: (1) xây dựng sàn thương mại điện tử của tỉnh, hoàn thành trong "
        "năm 2026; (2) chủ trì, phối hợp với Sở Tài chính hỗ trợ doanh nghiệp nhỏ, gồm: (i) "
        "tập huấn; (ii) tư vấn; (3) báo cáo kết quả trước ngày 20 hằng tháng.\n"
        "b) Sở Y tế: 1) triển khai bệnh án điện tử; 2) kết nối dữ liệu tiêm chủng.\n"
    )
    assert [item.lead for item in items] == ["Sở Công Thương"] * 3 + ["Sở Y tế"] * 2
    assert items[1].partners == "Sở Tài chính"
    assert "(i) tập huấn; (ii) tư vấn" in (items[1].title or "")  # sub-points stay in it
    assert items[0].timeframe == "trong năm 2026"
    assert items[3].title == "Triển khai bệnh án điện tử"


def test_a_part_that_names_no_agency_is_kept_with_a_warning_on_its_line() -> None:
    plan = _plan(
        "Ghi chú mở đầu.\n"
        "4. Về chuyển đổi số:** (1)** Sở Khoa học và Công nghệ ban hành kiến trúc số; "
        "**(2)** hoàn thiện hệ thống một cửa điện tử trong năm 2026.\n"
    )
    assert [item.title for item in plan.items] == [
        "Ban hành kiến trúc số",
        "Hoàn thiện hệ thống một cửa điện tử",
    ]
    assert plan.items[1].lead == ""
    warned = [w for w in plan.warnings if w.code == "inline-no-lead"]
    assert len(warned) == 1 and warned[0].line == 2


def test_a_numbered_statement_of_results_is_not_split_into_tasks() -> None:
    assert inline_parts("Kết quả nổi bật: (1) ban hành 12 văn bản; (2) giải ngân 90%") is not None
    items = _items(
        "Năm qua đã đạt kết quả: (1) ban hành 12 văn bản; (2) giải ngân đạt 90% kế hoạch.\n"
        "1. Sở Nội vụ chủ trì rà soát biên chế, hoàn thành trong quý I năm 2026.\n"
    )
    assert [item.lead for item in items] == ["Sở Nội vụ"]
    # markers out of their run stay in the text
    assert inline_parts("(2) một (3) hai") is None
    found = inline_parts("a (1) một (2) hai (2b) ba")
    assert found is not None and found.parts[-1] == (2, "Hai (2b) ba")


def test_clauses_of_a_part_given_to_other_bodies_go_to_its_notes_not_its_deadline() -> None:
    items = _items(
        "5. Đánh giá dữ liệu:** (1)** Sở Tài chính hướng dẫn việc đánh giá, hoàn thành trước "
        "ngày 30 tháng 4 năm 2026; Các sở, ngành gửi kết quả về Sở Tài chính trước ngày 30 "
        "tháng 6 năm 2026; **(2)** Sở Nội vụ tổng hợp kết quả trong năm 2026.\n"
    )
    assert items[0].lead == "Sở Tài chính"
    assert items[0].timeframe == "trước ngày 30 tháng 4 năm 2026"
    assert (items[0].notes or "").startswith("Các sở, ngành gửi kết quả")
    assert items[1].lead == "Sở Nội vụ"


def test_an_agency_heading_with_its_role_gives_lead_and_partners_to_its_points() -> None:
    items = _items(
        "CÔNG ĐIỆN\n"
        "1. Sở Xây dựng, Sở Giao thông theo chức năng, nhiệm vụ được giao chủ trì, phối hợp "
        "với các sở, ngành liên quan và Ủy ban nhân dân các xã:\n"
        "a) Kiểm tra an toàn các công trình sau bão.\n"
        "b) Khắc phục sự cố giao thông.\n"
        "2. Sở Y tế theo chức năng, nhiệm vụ được giao chủ trì, phối hợp với Sở Tài chính "
        "bảo đảm thuốc cho vùng bị ngập.\n"
    )
    assert [item.lead for item in items] == ["Sở Xây dựng, Sở Giao thông"] * 2 + ["Sở Y tế"]
    assert items[0].partners == "các sở, ngành liên quan và Ủy ban nhân dân các xã"
    assert items[2].partners == "Sở Tài chính"
    assert items[2].title.startswith("Bảo đảm thuốc")


def test_names_after_an_agency_s_colon_belong_to_it_up_to_the_verb() -> None:
    items = _items(
        "1. Các Sở: Tài chính, Xây dựng, Nông nghiệp và Môi trường rà soát danh mục dự án.\n"
        "2. Chủ tịch Ủy ban nhân dân các xã: Tân Phú, Hòa Bình chủ động sơ tán người dân.\n"
        "3. Sở Công Thương: Khẩn trương kiểm tra thị trường.\n"
    )
    assert items[0].lead == "Các Sở: Tài chính, Xây dựng, Nông nghiệp và Môi trường"
    assert items[1].lead == "Chủ tịch Ủy ban nhân dân các xã: Tân Phú, Hòa Bình"
    assert items[2].lead == "Sở Công Thương"  # "Khẩn trương" is the verb, not a name
    assert items[2].title.startswith("Khẩn trương kiểm tra")


def test_the_addressees_of_a_dispatch_are_not_tasks() -> None:
    items = _items(
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:\n"
        "- Giám đốc các Sở: Y tế, Tài chính.\n"
        "- Chủ tịch Ủy ban nhân dân các xã ven biển.\n"
        "Để ứng phó với bão số 5, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu thực hiện ngay:\n"
        "1. Sở Y tế chủ trì bảo đảm thuốc men cho vùng bị ảnh hưởng.\n"
        "2. Sở Tài chính chủ trì bố trí kinh phí khắc phục hậu quả.\n"
    )
    assert [item.lead for item in items] == ["Sở Y tế", "Sở Tài chính"]


def test_a_topic_heading_over_one_paragraph_numbers_its_row() -> None:
    items = _items(
        "**1. Tập trung chỉ đạo quyết liệt:**\n"
        "Các đồng chí Giám đốc Sở, Chủ tịch Ủy ban nhân dân các xã phải trực tiếp chỉ đạo, "
        "hoàn thành trước ngày 31 tháng 12 năm 2026.\n"
        "**2. Hoàn thiện thể chế:** Sở Tư pháp khẩn trương rà soát các quyết định quy phạm.\n"
    )
    assert [item.number for item in items] == ["1", "2"]
    assert items[0].lead == "Giám đốc Sở, Chủ tịch Ủy ban nhân dân các xã"
    assert items[0].timeframe == "trước ngày 31 tháng 12 năm 2026"
    assert items[1].lead == "Sở Tư pháp"
    assert items[1].title.startswith("Khẩn trương rà soát")


def test_numbered_lines_under_an_announcing_sentence_take_its_deadline() -> None:
    items = _items(
        "2. Các sở khắc phục lỗi của hệ thống thông tin, hoàn thành trong tháng 6 năm 2026, "
        "cụ thể:\n"
        "(1) Sở Tài chính kết nối hệ thống thuế.\n"
        "(2) Sở Tư pháp kịp thời sửa lỗi hộ tịch điện tử, hoàn thành trước ngày 30/4/2026.\n"
    )
    assert [item.lead for item in items] == ["Sở Tài chính", "Sở Tư pháp"]
    assert [item.timeframe for item in items] == ["trong tháng 6 năm 2026", "trước ngày 30/4/2026"]


def test_an_agency_heading_then_a_sentence_starting_with_a_verb_is_its_numbered_row() -> None:
    items = _items(
        "I. HOÀN THIỆN THỂ CHẾ\n"
        "1. Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh\n"
        "Tập trung sửa đổi các quyết định quy phạm pháp luật thuộc phạm vi quản lý.\n"
        "2. Chủ tịch Ủy ban nhân dân các xã\n"
        "Khẩn trương rà soát thủ tục hành chính cấp xã.\n"
        "Báo cáo kết quả về Sở Nội vụ.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "Văn phòng Ủy ban nhân dân tỉnh chủ trì theo dõi, đôn đốc.\n"
    )
    assert items[0].lead == "Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh"
    assert items[0].number == "1"  # alone under its heading
    assert [item.number for item in items[1:3]] == ["", ""]  # two rows: the heading numbers none
    assert items[1].title.startswith("Khẩn trương rà soát")
    # a roman heading after an agency heading is a section, never the agency's task
    assert all(item.title != "TỔ CHỨC THỰC HIỆN" for item in items)
    assert items[-1].lead == "Văn phòng Ủy ban nhân dân tỉnh"


def test_a_giao_heading_naming_bodies_leads_the_bullets_below() -> None:
    items = _items(
        "**1. Giao người đứng đầu các đơn vị sự nghiệp công lập; Chủ tịch Ủy ban nhân dân "
        "các xã**\n"
        "- Cập nhật hồ sơ viên chức trước ngày 15 tháng 1 năm 2026.\n"
        "- Tham mưu Ủy ban nhân dân\n"
        "Thành phố xử lý các đơn vị chậm trễ.\n"
    )
    lead = "người đứng đầu các đơn vị sự nghiệp công lập; Chủ tịch Ủy ban nhân dân các xã"
    assert [item.lead for item in items] == [lead, lead]
    assert items[0].timeframe == "trước ngày 15 tháng 1 năm 2026"
    assert items[1].title == "Tham mưu Ủy ban nhân dân Thành phố xử lý các đơn vị chậm trễ"


def test_a_number_with_a_thousands_dot_at_a_line_start_is_not_a_heading() -> None:
    items = _items(
        "1. Sở Nội vụ chủ trì cắt giảm thủ tục, phấn đấu cắt giảm\n1.250 thủ tục trong năm 2026.\n"
    )
    assert len(items) == 1 and items[0].timeframe == "trong năm 2026"


def test_an_appendix_reference_after_a_deadline_goes_to_the_notes() -> None:
    items = _items(
        "1. Sở Khoa học và Công nghệ chủ trì cung cấp dịch vụ công trực tuyến toàn trình "
        "trong năm 2026 *(Phụ lục II kèm theo).*\n"
    )
    assert items[0].timeframe == "trong năm 2026"
    assert "Phụ lục II kèm theo" in (items[0].notes or "")


def test_a_page_crawled_without_blank_lines_keeps_its_body_out_of_the_letterhead_table() -> None:
    body = "\n".join(
        f"{n}. Sở Số {n} chủ trì rà soát thủ tục nhóm {n}, hoàn thành trong năm 2026."
        for n in range(1, 46)
    )
    text = (
        "|\n**ỦY BAN NHÂN DÂN**\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n|\n"
        f"Số: 12/CĐ-UBND\n|\nNgày 1 tháng 1 năm 2026\n|\n{body}\n|\nNơi nhận:\n- Như trên;\n|\n"
    )
    doc = read_bytes(text.encode(), "dispatch.md")
    assert all(len(table.rows) < 5 for table in doc.tables)
    items = _items(text, "dispatch.md")
    assert len(items) == 45
    assert items[44].lead == "Sở Số 45"


def test_a_header_without_the_number_s_column_and_groups_above_it() -> None:
    header = "|\n**Nội dung**\n|\n**Chủ trì**\n|\n**Phối hợp**\n|\n**Thời gian**\n|\n"
    rows = "".join(
        f"|\n{n}\n|\nTriển khai nhiệm vụ {n}\n|\nSở Y tế\n|\nCác xã\n|\n2026\n|\n"
        for n in ("1.1", "1.2", "1.3")
    )
    text = f"|\n**A**\n|\n**Y TẾ SỐ**\n|\n|\n**I**\n|\n**Hồ sơ sức khỏe**\n|\n{header}{rows}"
    items = _items(text, "appendix.md")
    assert [item.number for item in items] == ["1.1", "1.2", "1.3"]
    assert items[0].title == "Triển khai nhiệm vụ 1.1"
    assert (items[0].lead, items[0].partners, items[0].timeframe) == ("Sở Y tế", "Các xã", "2026")
    assert items[0].section == ["A. Y TẾ SỐ", "I. Hồ sơ sức khỏe"]


# Rules found on the second held-out batch (entries 52-54).


def test_an_italic_quote_closed_with_bold_does_not_swallow_the_tasks_after_it() -> None:
    items = _items(
        "Tại Thông báo số 12/TB-UBND, Ủy ban nhân dân tỉnh đã giao *“các sở hoàn thành rà soát\n"
        "***trước ngày 20 tháng 9 năm 2025**”.\n"
        "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n"
        "1. Cơ quan thanh tra khẩn trương ban hành kết luận **trước ngày 30/11/2025.**\n"
        "2. Sở Tài chính chủ trì, phối hợp với cơ quan thanh tra cập nhật hệ thống.\n"
    )
    assert [item.lead for item in items] == ["Cơ quan thanh tra", "Sở Tài chính"]
    assert items[0].timeframe == "trước ngày 30/11/2025"
    assert items[1].partners == "cơ quan thanh tra"


def test_a_point_announcing_its_sub_points_names_their_agency() -> None:
    items = _items(
        "1. Cơ quan chủ trì thẩm định dự án\n"
        "a) Tiếp nhận hồ sơ thuộc thẩm quyền:\n"
        "b) Tổ chức lấy ý kiến các sở.\n"
        "2. Để nâng cao hiệu quả quản lý, các sở, ngành và Ủy ban nhân dân các xã theo chức "
        "năng, nhiệm vụ triển khai thực hiện những nội dung sau:\n"
        "a) Định kỳ đánh giá tình hình dự án.\n"
        "b) Tham gia kiểm tra dự án.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Giao Sở Tài chính chủ trì theo dõi, tổng hợp vướng mắc.\n"
    )
    assert [item.number for item in items] == ["a", "b", "a", "b", "1"]
    assert items[0].lead == "Cơ quan chủ trì thẩm định dự án"
    assert items[0].title == "Tiếp nhận hồ sơ thuộc thẩm quyền"  # a stray colon announces nothing
    assert items[2].lead == "Các sở, ngành và Ủy ban nhân dân các xã"
    assert items[4].lead == "Sở Tài chính"
    assert items[4].section == ["II. TỔ CHỨC THỰC HIỆN"]


def test_sentences_among_the_tasks_are_rows_and_the_closing_formulas_are_not() -> None:
    plan = _plan(
        "Thủ tướng Chính phủ kết luận như sau:\n"
        "1. Các địa phương phát động ngay chiến dịch sửa chữa nhà ở, hoàn thành trước ngày "
        "31/12/2025.\n"
        "Về kinh phí: Các địa phương chủ động bố trí nguồn lực của địa phương.\n"
        "Bộ Xây dựng chỉ đạo Sở Xây dựng khẩn trương đưa ra thiết kế nhà mẫu.\n"
        "2. Khẩn trương khắc phục các công trình thủy lợi, các địa phương phải huy động lực "
        "lượng.\n"
        "3. Khôi phục sản xuất nông nghiệp. Bộ Nông nghiệp và Môi trường chủ động phối hợp với "
        "địa phương hỗ trợ giống cây trồng.\n"
        "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành triển khai thực hiện.\n"
        "Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan biết, thực hiện./.\n"
        "Trên đây là Chỉ thị về công tác phòng chống lụt bão, yêu cầu các sở nghiêm túc thực "
        "hiện./.\n"
    )
    leads = [item.lead for item in plan.items]
    assert leads == [
        "Các địa phương",
        "Các địa phương",
        "Bộ Xây dựng",  # not "Bộ Xây dựng chỉ đạo Sở Xây dựng"
        "Các địa phương",
        "Bộ Nông nghiệp và Môi trường",
    ]
    assert plan.items[3].notes == "Khẩn trương khắc phục các công trình thủy lợi"
    assert plan.items[4].partners == "địa phương"


def test_a_list_of_bodies_split_by_a_semicolon_and_names_with_a_verb_inside() -> None:
    items = _items(
        "1. Các sở, cơ quan thuộc Ủy ban nhân dân tỉnh;\n"
        "Ủy ban nhân dân các xã căn cứ chức năng, nhiệm vụ được giao khẩn trương triển khai.\n"
        "2. Sở Tài chính, Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao tỉnh có trách "
        "nhiệm công bố danh mục dự án.\n"
    )
    assert items[0].lead == "Các sở, cơ quan thuộc Ủy ban nhân dân tỉnh; Ủy ban nhân dân các xã"
    assert items[0].title.startswith("Khẩn trương triển khai")
    assert items[1].lead == "Sở Tài chính, Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao tỉnh"


# Rules found on the third held-out batch (entries 55-56).


def test_listed_contents_of_a_report_asked_for_are_not_tasks() -> None:
    items = _items(
        "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n"
        "1. Giám đốc Sở Y tế khẩn trương tổng hợp, báo cáo về các nội dung sau:\n"
        "(1) Số cơ sở y tế bị hư hỏng.\n"
        "(2) Kinh phí cần thiết để sửa chữa.\n"
        "Ủy ban nhân dân các xã: Tân An, Hòa Bình, Phú\n"
        "Lợi khẩn trương gửi báo cáo về Sở Y tế trước 17 giờ ngày 30/11/2025 để tổng hợp.\n"
        "2. Giám đốc Sở Tài chính chủ động bố trí kinh phí.\n"
        "Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc thực hiện nghiêm túc Công điện này./.\n"
    )
    assert [item.lead for item in items] == [
        "Giám đốc Sở Y tế",
        "Ủy ban nhân dân các xã: Tân An, Hòa Bình, Phú Lợi",
        "Giám đốc Sở Tài chính",
    ]
    assert items[0].number == "1"
    assert "(1) Số cơ sở y tế bị hư hỏng" in (items[0].notes or "")
    assert items[1].timeframe == "trước 17 giờ ngày 30/11/2025"


def test_a_paragraph_announcing_points_names_the_province_that_carries_them_out() -> None:
    items = _items(
        "II. NHIỆM VỤ THỜI GIAN TỚI\n"
        "Để đạt mục tiêu tăng trưởng năm 2026, tỉnh Lâm Đồng cần tiếp tục thực hiện quyết "
        "liệt các giải pháp, trong đó tập trung thực hiện một số nội dung trọng tâm sau:\n"
        "1. Rà soát các chỉ tiêu được giao.\n"
        "2. Đẩy mạnh giải ngân vốn đầu tư công.\n"
        "III. VỀ KIẾN NGHỊ CỦA TỈNH\n"
        "1. Về kiến nghị hỗ trợ vốn cho các tuyến đường tỉnh, kéo dài qua nhiều xã miền núi, "
        "trong giai đoạn 2026 - 2030 với tổng mức khoảng 5.000 tỷ đồng từ ngân sách trung ương "
        "và các nguồn vốn hợp pháp khác theo quy định của pháp luật về đầu tư công:\n"
        "Giao Bộ Tài chính nghiên cứu kiến nghị của Tỉnh.\n"
        "Sau khi có ý kiến của các bộ, Bộ Xây dựng khẩn trương hướng dẫn Tỉnh lập dự án.\n"
    )
    assert [item.lead for item in items] == [
        "Tỉnh Lâm Đồng",
        "Tỉnh Lâm Đồng",
        "Bộ Tài chính",
        "Bộ Xây dựng",
    ]
    assert items[3].notes == "Sau khi có ý kiến của các bộ"
    assert items[2].section[-1].startswith("1. Về kiến nghị hỗ trợ vốn")


# Rules found on the fourth held-out document (entry 57).


def test_bullets_under_a_numbered_line_are_more_tasks_of_its_agency() -> None:
    items = _items(
        "2. Để hoàn thành công trình đúng hạn, yêu cầu các bộ, cơ quan liên quan tiếp tục "
        "nỗ lực, trong đó lưu ý một số nội dung trọng tâm như sau:\n"
        "(1) Sở Giáo dục và Đào tạo chỉ đạo nhà thầu hoàn thành xây dựng trước ngày 15 tháng "
        "12 năm 2025 và tổ chức nghiệm thu theo quy định.\n"
        "- Chỉ đạo Ban Quản lý dự án, Trường Trung học phổ thông Nguyễn\n"
        "Du, Trường Tiểu học Kim Đồng mua sắm thiết bị dạy học.\n"
        "- Chủ trì, phối hợp với Sở Tài chính hoàn thiện cơ chế vận hành.\n"
        "(2) Đồng chí Giám đốc Sở Xây dựng tiếp tục phối hợp, hướng dẫn\n"
        "Ban Quản lý dự án xử lý các vướng mắc phát sinh.\n"
    )
    assert [item.lead for item in items] == [
        "Sở Giáo dục và Đào tạo",
        "Sở Giáo dục và Đào tạo",
        "Sở Giáo dục và Đào tạo",
        "Giám đốc Sở Xây dựng",
    ]
    assert items[0].timeframe == "trước ngày 15 tháng 12 năm 2025"
    assert "Nguyễn Du, Trường Tiểu học Kim Đồng" in (items[1].title or "")
    assert items[2].partners == "Sở Tài chính"
    assert (items[3].title or "").startswith("Tiếp tục phối hợp, hướng dẫn Ban Quản lý dự án")


def test_a_paragraph_under_an_agency_heading_opening_with_mo_is_its_task() -> None:
    items = _items(
        "**2. Sở Văn hóa và Thể thao:**\n\n"
        "Mở đợt cao điểm tuyên truyền hạn chế đốt vàng mã trong dịp lễ hội.\n\n"
        "**3. Công an tỉnh:**\n\n"
        "- Chỉ đạo lực lượng cảnh sát giao thông xử lý xe chở vật liệu không che chắn.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("2", "Sở Văn hóa và Thể thao"),
        ("3", "Công an tỉnh"),  # a bullet carries its agency heading's number
    ]


# Rules found on the seventh held-out round (entries 101-110).


def test_a_short_letter_crawled_between_its_letterhead_and_signature_cells_is_its_body() -> None:
    # A few paragraphs between the "|" cells of the addressees and of "Nơi nhận", ending with
    # the closing mark "./.", are the letter's body, not a table's cell (before, the letterhead
    # made a table and the letter was refused: no table with recognisable columns).
    text = (
        "|\nUBND TỈNH HÀ NAM\n**SỞ Y TẾ**\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n|\n"
        "Số: 45/SYT-NV\n|\n*Hà Nam, ngày 02 tháng 12 năm 2026*\n|\n|\n**Kính gửi:**\n|\n"
        "- Ủy ban nhân dân các xã;\n- Các trạm y tế.\n|\n"
        "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về phòng, chống dịch bệnh mùa đông,\n"
        "Sở Y tế đề nghị Ủy ban nhân dân các xã; các trạm y tế thực hiện nghiêm túc các biện pháp "
        "phòng bệnh. Cụ thể:\n"
        "- Tổ chức trực cấp cứu 24/24 giờ trong dịp Tết.\n"
        "- Báo cáo tình hình dịch bệnh về Sở Y tế trước ngày 05/01/2027.\n"
        "Sở Y tế đề nghị Thủ trưởng các đơn vị nghiêm túc thực hiện./.\n"
        "|\nNơi nhận:\n- Như trên;\n|\n**GIÁM ĐỐC**\n|\n"
    )
    doc = read_bytes(text.encode(), "letter.md")
    assert not any("trực cấp cứu" in cell for t in doc.tables for r in t.rows for cell in r.cells)
    items = _items(text, "letter.md")
    assert [item.title for item in items] == [
        "Tổ chức trực cấp cứu 24/24 giờ trong dịp Tết",
        "Báo cáo tình hình dịch bệnh về Sở Y tế",
    ]
    # "… đề nghị X; các Y thực hiện …. Cụ thể:": both bodies lead the bullets.
    assert {item.lead for item in items} == {"Ủy ban nhân dân các xã; các trạm y tế"}
    assert items[1].timeframe == "trước ngày 05/01/2027"


def test_a_cell_of_a_crawled_table_is_no_body_without_the_closing_mark() -> None:
    # The same short run of lines, without "./.", stays a cell of the table.
    cells = "".join(
        f"|\n{n}\n|\nRà soát hồ sơ nhóm {n}\n|\nSở Nội vụ\n|\n2026\n|\n" for n in (1, 2)
    )
    text = "|\n**STT**\n|\n**Nhiệm vụ**\n|\n**Chủ trì**\n|\n**Thời gian**\n|\n" + cells
    items = _items(text, "table.md")
    assert [(item.number, item.lead) for item in items] == [("1", "Sở Nội vụ"), ("2", "Sở Nội vụ")]


def test_an_opening_ending_on_the_bodies_it_asks_leads_the_points_without_subject() -> None:
    # "… yêu cầu các đơn vị thuộc Bộ:" names who acts (before, the first point, with no
    # subject, was dropped without a warning and every later row moved up).
    items = _items(
        "Bộ Công Thương yêu cầu các đơn vị thuộc Bộ:\n"
        "1. Tăng cường kiểm tra, giám sát thị trường xăng dầu trong dịp cuối năm.\n"
        "2. Cục Quản lý thị trường chỉ đạo các lực lượng xử lý nghiêm các vi phạm.\n"
    )
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Các đơn vị thuộc Bộ"),
        ("2", "Cục Quản lý thị trường"),
    ]


# Held-out round 8 (issue 15): one-paragraph letters of the Government Office.

_LETTER_HEAD = (
    "|\n"
    "**VĂN PHÒNG CHÍNH PHỦ**\n"
    "|\n"
    "Số: 12001/VPCP-NN\n"
    "*V/v hỗ trợ giống cây trồng*\n"
    "|\n"
    "*Hà Nội, ngày 2 tháng 1**2** năm 2025** *\n"
    "|\n"
    "**Kính gửi:** Bộ trưởng Bộ Nông nghiệp và Môi trường.\n"
    "Xét đề nghị của Ủy ban nhân dân tỉnh Sơn La, Phó Thủ tướng Chính phủ có ý kiến như "
    "sau:\n"
)


def test_a_letter_whose_task_opens_with_a_clause_is_read_after_the_issuer_speaks() -> None:
    # "Trên cơ sở …, Bộ X làm việc …" ("làm việc" no verb of the vocabulary) is the one task
    # of a letter of plain paragraphs; a "**" left open in a cell glues nothing to it.
    items = _items(
        _LETTER_HEAD + "Trên cơ sở đề nghị của tỉnh, Bộ Nông nghiệp và Môi trường làm việc với "
        "Ủy ban nhân dân tỉnh Sơn La để xác định nhu cầu giống cây trồng.\n"
        "Văn phòng Chính phủ xin thông báo để các cơ quan biết, thực hiện./.\n"
        "|\n"
        "Nơi nhận:\n"
        "- Như trên;\n"
    )
    assert [(item.lead, item.title) for item in items] == [
        (
            "Bộ Nông nghiệp và Môi trường",
            # (the specific basis heads the title: Convention D of the corpus, qualifiers.py)
            "Trên cơ sở đề nghị của tỉnh, làm việc với Ủy ban nhân dân tỉnh Sơn La để xác định "
            "nhu cầu giống cây trồng",
        )
    ]


def test_the_issuer_speaking_over_numbered_points_does_not_make_its_sentences_rows() -> None:
    # Over numbered points, a plain paragraph after "… có ý kiến như sau:" is no task of its
    # own unless it says who does what.
    items = _items(
        _LETTER_HEAD + "Qua báo cáo của các địa phương, tình hình sản xuất cơ bản ổn định.\n"
        "1. Bộ Tài chính bố trí kinh phí hỗ trợ giống cây trồng.\n"
        "|\n"
        "Nơi nhận:\n"
    )
    assert [(item.number, item.lead) for item in items] == [("1", "Bộ Tài chính")]
