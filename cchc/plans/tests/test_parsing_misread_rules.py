"""The rules of the genre that fixed the known misreads of the real corpus (issue 15), each on a
small document of its own (other bodies, other wording than the corpus entries)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.result import Item


def _items(text: str, name: str = "plan.md") -> list[Item]:
    return parse_bytes(text.encode(), name).items


def test_a_deadline_after_a_group_of_plus_sub_bullets_is_the_whole_group_s() -> None:
    items = _items(
        "IV. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Nội vụ\n\n"
        "- Hướng dẫn các cơ quan rà soát biên chế. Trong đó:\n\n"
        "+ Sở Y tế: hướng dẫn các bệnh viện rà soát vị trí việc làm.\n\n"
        "+ Sở Giáo dục và Đào tạo: hướng dẫn các trường rà soát vị trí việc làm.\n\n"
        "+ Sở Tư pháp: hướng dẫn các tổ chức hành nghề rà soát hồ sơ.\n\n"
        "Thời gian thực hiện: Quý I/2026.\n\n"
        "- Tổng hợp kết quả rà soát, báo cáo Ủy ban nhân dân tỉnh. Thời gian hoàn thành: "
        "Trước ngày 30/6/2026.\n"
    )
    plus = [
        item for item in items if item.lead in {"Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Tư pháp"}
    ]
    assert len(plus) == 3
    assert {item.timeframe for item in plus} == {"Quý I/2026"}
    assert items[-1].timeframe == "Trước ngày 30/6/2026"


def test_partners_of_a_role_sub_heading_pass_to_its_bullets_until_the_next_heading() -> None:
    items = _items(
        "V. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Du lịch\n\n"
        "a) Chủ trì, phối hợp với các sở, ngành và UBND các xã\n\n"
        "- Xây dựng chương trình quảng bá điểm đến của tỉnh.\n\n"
        "- Tổ chức hội chợ du lịch hằng năm.\n\n"
        "b) Phối hợp với Sở Công Thương\n\n"
        "- Hỗ trợ doanh nghiệp lữ hành tham gia sàn thương mại điện tử.\n\n"
        "2. Sở Tài chính\n\n"
        "Chủ trì, phối hợp với các cơ quan liên quan:\n\n"
        "- Bố trí kinh phí thực hiện kế hoạch.\n"
    )
    by_title = {item.title.split()[0] + " " + item.title.split()[1]: item for item in items}
    assert by_title["Xây dựng"].partners == "các sở, ngành và UBND các xã"
    assert by_title["Tổ chức"].partners == "các sở, ngành và UBND các xã"
    assert by_title["Hỗ trợ"].partners == ""  # a "Phối hợp với" heading is not "Chủ trì"
    assert by_title["Bố trí"].lead == "Sở Tài chính"
    assert by_title["Bố trí"].partners == "các cơ quan liên quan"


def test_a_heading_over_a_noi_dung_line_is_the_title_and_the_content_a_note() -> None:
    items = _items(
        "II. NỘI DUNG\n\n"
        "1. Tập huấn cán bộ làm công tác thống kê\n\n"
        "- Nội dung: tổ chức các lớp tập huấn nghiệp vụ thống kê cho cán bộ cấp xã.\n\n"
        "- Cơ quan chủ trì: Cục Thống kê.\n\n"
        "- Thời gian thực hiện: năm 2026.\n\n"
        "2. Kiểm tra việc thi hành Luật Thống kê\n\n"
        "- Nội dung: kiểm tra định kỳ các cơ quan, đơn vị.\n\n"
        "- Cơ quan chủ trì: Thanh tra tỉnh.\n\n"
        "- Thời gian thực hiện: hằng năm.\n"
    )
    assert [item.title for item in items] == [
        "Tập huấn cán bộ làm công tác thống kê",
        "Kiểm tra việc thi hành Luật Thống kê",
    ]
    assert items[0].notes.startswith("tổ chức các lớp tập huấn")
    assert items[1].lead == "Thanh tra tỉnh."


def test_a_lead_written_as_clauses_is_their_subjects() -> None:
    items = _items(
        "II. NỘI DUNG\n\n"
        "1. Rà soát quy định về phí\n\n"
        "- Cơ quan thực hiện: Sở Tài chính tiến hành rà soát các quy định; các sở, ngành "
        "rà soát quy định thuộc lĩnh vực được giao.\n\n"
        "- Thời gian thực hiện: năm 2026.\n\n"
        "2. Công bố kết quả rà soát\n\n"
        "- Cơ quan thực hiện: Sở Tài chính.\n\n"
        "- Thời gian thực hiện: năm 2027.\n"
    )
    assert items[0].lead == "Sở Tài chính, các sở, ngành"
    assert items[1].lead == "Sở Tài chính."


def test_a_long_wrapped_business_group_heading_leads_its_bullets() -> None:
    items = _items(
        "IV. TỔ CHỨC THỰC HIỆN\n\n"
        "**1. Sở Công Thương**\n\n"
        "- Hướng dẫn các doanh nghiệp lập kế hoạch tiết kiệm năng lượng.\n\n"
        "**2. Các doanh nghiệp hoạt động\n"
        "trong lĩnh vực xây dựng, sản xuất vật liệu, chế biến nông sản và vận tải hàng hóa\n"
        "trên địa bàn tỉnh**\n\n"
        "- Chủ động phối hợp triển khai các giải pháp tiết kiệm năng lượng.\n\n"
        "- Thường xuyên phối hợp với chủ đầu tư hạ tầng cụm công nghiệp và các cơ quan "
        "chức năng để cung cấp số liệu tiêu thụ điện.\n\n"
        "**3. Các chủ đầu tư xây dựng và\n"
        "kinh doanh hạ tầng cụm công nghiệp**\n\n"
        "- Khuyến khích các doanh nghiệp thứ cấp ứng dụng giải pháp như:\n"
        "Điện mặt trời mái nhà, thu hồi nhiệt thải.\n\n"
        "- Đầu tư hạ tầng dùng chung trong cụm công nghiệp.\n"
    )
    group = "Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, sản xuất vật liệu, chế biến nông"
    assert len(items) == 5
    assert items[1].lead.startswith(group)
    assert items[1].title.startswith("Chủ động phối hợp triển khai các giải pháp")
    assert items[1].partners == ""  # "phối hợp triển khai": jointly, no partner named
    assert items[2].partners == "chủ đầu tư hạ tầng cụm công nghiệp và các cơ quan chức năng"
    assert items[3].lead == "Các chủ đầu tư xây dựng và kinh doanh hạ tầng cụm công nghiệp"
    assert items[3].title.startswith("Khuyến khích các doanh nghiệp thứ cấp")
    assert "Điện mặt trời" in (items[3].title or "")


def test_an_inline_deadline_ends_before_a_task_s_verb_and_partners_before_their_clause() -> None:
    items = _items(
        "IV. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Nội vụ\n\n"
        "- Chủ trì, phối hợp các đơn vị liên quan theo dõi việc thực hiện; Trước ngày "
        "15/11 hằng năm tổng hợp, báo cáo Ủy ban nhân dân tỉnh.\n\n"
        "- Chủ trì, phối hợp các đơn vị điện lực trong việc bảo đảm cấp điện cho trụ sở.\n\n"
        "- Chủ trì, phối hợp với Sở Tài chính căn cứ các quy định hiện hành tham mưu phương "
        "án kinh phí.\n"
    )
    assert items[0].timeframe == "Trước ngày 15/11 hằng năm"
    assert items[1].partners == "các đơn vị điện lực"
    assert items[2].partners == "Sở Tài chính"
    assert items[2].title.startswith("Căn cứ các quy định hiện hành")
