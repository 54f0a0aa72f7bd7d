"""What the points of a conclusion or a letter are (issue 15, the structure rules after held-out
round 9, ``parsing/conclusions.py``), each on a small made-up document (other bodies, other
wording than the corpus entries)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.conclusions import asked_bodies, assessment, reference
from cchc.plans.parsing.result import ParsedPlan


def _parse(text: str, name: str = "plan.md") -> ParsedPlan:
    return parse_bytes(text.encode(), name)


# A conclusion crawled without blank lines: an assessment point, a point without subject, a
# request naming bodies by their kind in lower case over two printed paragraphs, a "Giao" point.
_CONCLUSION = (
    "**BAN THƯỜNG VỤ TỈNH UỶ**\n"
    "Số 45-KL/TU\n"
    "**KẾT LUẬN**\n"
    "VỀ CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI NĂM 2026\n"
    "-----\n"
    "Tại hội nghị ngày 10/3/2026, sau khi nghe Báo cáo của Ban Chỉ huy phòng, chống thiên tai\n"
    "tỉnh, Ban Thường vụ Tỉnh uỷ kết luận như sau:\n"
    "**1.** Ban Thường vụ Tỉnh uỷ cơ bản thống nhất với Báo cáo của Ban Chỉ huy về kết quả\n"
    "công tác phòng, chống thiên tai năm 2025.\n"
    "**2.** Rà soát, bổ sung phương án sơ tán dân cư ở các vùng ven sông, ven biển, bảo đảm\n"
    "an toàn tính mạng của Nhân dân trong mùa mưa bão.\n"
    "**3.** Yêu cầu các cấp uỷ, tổ chức đảng, các cơ quan, đơn vị, địa phương nghiêm túc quán\n"
    "triệt, thực hiện phương châm bốn tại chỗ.\n"
    "Yêu cầu các huyện uỷ, đảng uỷ xã, phường đẩy mạnh kiểm tra hồ đập, hoàn thành trước ngày\n"
    "30/4/2026.\n"
    "**4.** Giao Ban Cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo Sở Nông nghiệp và Môi trường\n"
    "tổng kết công tác phòng, chống thiên tai, báo cáo Ban Thường vụ Tỉnh uỷ.\n"
    "*Nơi nhận:*\n"
    "- Các huyện uỷ,\n"
)


def test_an_assessment_point_is_no_row() -> None:
    # "1. <issuer> cơ bản thống nhất với Báo cáo …": the issuer agrees, it gives no task.
    items = _parse(_CONCLUSION).items
    assert "1" not in [item.number for item in items]
    assert not any("thống nhất với Báo cáo" in (item.title or "") for item in items)


def test_a_conclusion_point_without_subject_is_a_row_with_its_lead_to_check() -> None:
    # "2. Rà soát, bổ sung …" under "… kết luận như sau:": a task whose doer is implied.
    plan = _parse(_CONCLUSION)
    first = plan.items[0]
    assert first.number == "2"
    assert first.title.startswith("Rà soát, bổ sung phương án sơ tán")
    assert first.lead == ""
    assert any(w.code == "prose-no-lead" and w.line == first.line for w in plan.warnings)


def test_a_request_naming_bodies_by_their_kind_is_a_row_each_paragraph() -> None:
    # "3. Yêu cầu các cấp uỷ, tổ chức đảng, … nghiêm túc …" and its second paragraph
    # "Yêu cầu các huyện uỷ, … đẩy mạnh …": two rows, neither dropped.
    items = _parse(_CONCLUSION).items
    assert [item.number for item in items] == ["2", "3", "", "4"]
    third = items[1]
    assert third.lead == "các cấp uỷ, tổ chức đảng, các cơ quan, đơn vị, địa phương"
    assert third.title.startswith("Nghiêm túc quán triệt")
    second_paragraph = items[2]
    assert second_paragraph.lead == "các huyện uỷ, đảng uỷ xã, phường"
    assert second_paragraph.title.startswith("Đẩy mạnh kiểm tra hồ đập")
    assert second_paragraph.timeframe == "trước ngày 30/4/2026"


def test_assessment_wording() -> None:
    assert assessment("Hội đồng nhân dân tỉnh cơ bản nhất trí với Tờ trình của Ủy ban nhân dân.")
    assert assessment("Cơ bản thống nhất với Báo cáo của Sở Tài chính về kết quả thu ngân sách.")
    assert assessment("Thường trực Tỉnh uỷ ghi nhận và biểu dương các địa phương đã nỗ lực …")
    # a task whose first word is the verb, and a task agreeing with another body, are tasks
    assert not assessment("Biểu dương, khen thưởng kịp thời các tập thể có thành tích.")
    assert not assessment("Giao Sở Xây dựng phối hợp, thống nhất với Sở Tài chính về phương án.")


def test_praise_opening_a_point_is_an_assessment() -> None:
    # praise of past work as the point's opening, without a subject: bodies that did something,
    # results, efforts
    assert assessment("Hoan nghênh các sở, ngành đã tích cực chuẩn bị báo cáo cho hội nghị.")
    assert assessment("Ghi nhận và đánh giá cao những kết quả Ủy ban nhân dân huyện đạt được.")
    assert assessment("Biểu dương Sở Giáo dục và Đào tạo vừa qua tổ chức tốt kỳ thi.")
    assert assessment("Đánh giá cao sự chủ động của các địa phương trong mùa mưa lũ.")
    # the verb followed by another task's verb, or by persons to reward, or by no past work
    assert not assessment("Biểu dương, khen thưởng kịp thời các tập thể có thành tích.")
    assert not assessment("Biểu dương các tập thể, cá nhân đã có thành tích xuất sắc.")
    assert not assessment("Ghi nhận ý kiến của các hộ dân, hoàn thiện phương án bồi thường.")


# A meeting's conclusion whose first point praises the bodies present, its second announcing
# points without subject.
_PRAISING = (
    "Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:\n"
    "\n"
    "1. Hoan nghênh các sở, ngành đã chuẩn bị chu đáo báo cáo, các ý kiến tại cuộc họp sát\n"
    "thực tế. Công tác chuyển đổi số của tỉnh còn chậm.\n"
    "\n"
    "2. Để đẩy nhanh chuyển đổi số, các sở, ngành cần tập trung các nhiệm vụ sau đây:\n"
    "\n"
    "a) Hoàn thành số hóa hồ sơ thủ tục hành chính trong năm 2026.\n"
    "\n"
    "b) Rà soát, cập nhật cơ sở dữ liệu chuyên ngành.\n"
    "\n"
    "c) Sở Khoa học và Công nghệ hướng dẫn các xã triển khai nền tảng số.\n"
)


def test_a_point_praising_the_bodies_is_no_row() -> None:
    # "1. Hoan nghênh các sở, ngành đã chuẩn bị …": no row (and no lead "Ngành đã"); a) b) c)
    # are the first rows.
    items = _parse(_PRAISING).items
    assert [item.number for item in items] == ["a", "b", "c"]
    assert not any("Hoan nghênh" in (item.title or "") for item in items)
    assert items[2].lead == "Sở Khoa học và Công nghệ"


def test_a_reference_to_another_text_is_no_task() -> None:
    assert reference("Thực hiện theo Mục II Kế hoạch số 21-KH/HU và Mục III Hướng dẫn số 02.")
    assert reference("- Về thành phần dự họp: thực hiện tương tự như điểm 3.1 khoản 3 Mục II.")
    assert reference("Về quy trình bình xét: Thực hiện theo khoản 4 Điều 7 Quy chế.")
    assert not reference("Thực hiện rà soát các thủ tục hành chính theo Mục II Kế hoạch.")
    assert not reference("Sở Tư pháp: Thực hiện theo Mục II Kế hoạch số 21-KH/UBND.")
    assert not reference(
        "Thực hiện theo Mục II Kế hoạch số 21. Sở Nội vụ tổng hợp, báo cáo trước ngày 5/12."
    )


# A city letter: "(n)" notes under a topic, one without subject; a topic of procedural
# references; a "Giao" heading over bullets.
_LETTER = (
    "Kính gửi:\n"
    "- Các sở, ban, ngành thành phố;\n"
    "- Ủy ban nhân dân các xã, phường.\n"
    "\n"
    "Chủ tịch Ủy ban nhân dân thành phố có ý kiến chỉ đạo như sau:\n"
    "\n"
    "1. Về công tác thi đua năm 2026\n"
    "\n"
    "(1) Giám đốc các sở, ban, ngành xem xét, đề nghị khen thưởng đối với tập thể thuộc quyền.\n"
    "\n"
    "(2) Các cơ quan, đơn vị gửi hồ sơ đề nghị khen thưởng về Sở Nội vụ trước ngày 10/01/2026.\n"
    "\n"
    "(3) Tiếp tục lấy ý kiến của Nhân dân nơi cư trú đối với các cá nhân được đề nghị.\n"
    "\n"
    "2. Về quy trình xét khen thưởng\n"
    "\n"
    "a) Về hồ sơ khen thưởng:\n"
    "\n"
    "Thực hiện theo Mục IV Hướng dẫn số 05-HD/TĐKT.\n"
    "\n"
    "b) Về thẩm quyền khen thưởng: Thực hiện theo khoản 2 Điều 9 Quy chế thi đua.\n"
    "\n"
    "3. Giao Sở Nội vụ\n"
    "\n"
    "- Tổng hợp, thẩm định hồ sơ đề nghị khen thưởng của các cơ quan, đơn vị.\n"
    "\n"
    "Nơi nhận:\n"
)


def test_the_next_bracketed_point_after_a_row_is_a_row_without_subject() -> None:
    # "(3) Tiếp tục lấy ý kiến …" right after the row "(2)": a row, its lead to check.
    plan = _parse(_LETTER)
    third = plan.items[2]
    assert third.number == "3"
    assert third.title.startswith("Tiếp tục lấy ý kiến của Nhân dân")
    assert third.lead == ""
    assert any(w.code == "point-no-lead" and w.line == third.line for w in plan.warnings)


def test_procedural_references_are_no_rows_and_a_heading_ends_the_bullets_of_a_paren_row() -> None:
    # "Thực hiện theo Mục IV …", "b) Về …: Thực hiện theo khoản 2 Điều 9 …" are no rows; "2. …"
    # ends the rows of "(2) Các cơ quan, đơn vị …" (its lead is not carried into point 2).
    items = _parse(_LETTER).items
    assert not any("Thực hiện theo" in (item.title or "") for item in items)
    assert len(items) == 4
    assert items[3].lead == "Sở Nội vụ"
    assert items[3].title.startswith("Tổng hợp, thẩm định hồ sơ")


# A conclusion whose last topic is answered by paragraphs the reader finds no subject in.
_NOTICE = (
    "Hội nghị sơ kết công tác văn phòng năm 2026 đã kết luận như sau:\n"
    "\n"
    "**1. Về nhiệm vụ thời gian tới**\n"
    "\n"
    "Văn phòng Ủy ban nhân dân tỉnh chủ trì nâng cao chất lượng tham mưu, tổng hợp.\n"
    "\n"
    "**2. Về\n"
    "các kiến nghị của địa phương**\n"
    "\n"
    "Những kiến nghị thuộc thẩm quyền của Văn phòng, lãnh đạo Văn phòng sẽ chỉ đạo các phòng\n"
    "nghiên cứu, giải quyết kịp thời. Thời gian hoàn thành trước ngày 15/6/2026.\n"
    "\n"
    "Đề nghị thường trực các huyện uỷ tiếp tục quan tâm chỉ đạo công tác văn phòng.\n"
    "\n"
    "Quá trình thực hiện nếu có vướng mắc thì các văn phòng kịp thời báo cáo, trao đổi.\n"
)


def test_a_skipped_paragraph_setting_a_completion_deadline_is_a_row() -> None:
    plan = _parse(_NOTICE)
    answer = next(item for item in plan.items if (item.title or "").startswith("Những kiến nghị"))
    assert answer.timeframe == "trước ngày 15/6/2026"
    assert answer.lead == ""
    assert answer.section == ["2. Về các kiến nghị của địa phương"]
    assert any(w.code == "prose-no-lead" and w.line == answer.line for w in plan.warnings)
    # the paragraph without deadline is still only warned about
    assert any(
        w.code == "prose-skipped" and "Quá trình thực hiện" in w.message for w in plan.warnings
    )


def test_a_request_to_standing_bodies_by_their_kind() -> None:
    items = _parse(_NOTICE).items
    asked = next(item for item in items if (item.title or "").startswith("Tiếp tục quan tâm"))
    assert asked.lead == "thường trực các huyện uỷ"
    found = asked_bodies("Yêu cầu các cơ quan, đơn vị khẩn trương rà soát hồ sơ.")
    assert found is not None and found.group("lead") == "các cơ quan, đơn vị"
    # the issuer's appeal to the leaders themselves, and words that name no body
    assert asked_bodies("Đề nghị các đồng chí Giám đốc Sở chỉ đạo quyết liệt.") is None
    assert asked_bodies("Yêu cầu các nội dung sau được triển khai thực hiện.") is None


_PAREN_ROWS = (
    "Kính gửi:\n"
    "- Các sở, ban, ngành thành phố.\n"
    "\n"
    "Chủ tịch Ủy ban nhân dân thành phố có ý kiến chỉ đạo như sau:\n"
    "\n"
    "1. Về công tác thi đua năm 2026\n"
    "\n"
    "(1) Sở Nội vụ chủ trì hướng dẫn các đơn vị bình xét thi đua.\n"
    "\n"
    "(2) Các cơ quan, đơn vị gửi hồ sơ đề nghị khen thưởng về Sở Nội vụ trước ngày 10/01/2026.\n"
    "\n"
    "2. Về kiểm tra, đánh giá tập thể lãnh đạo, quản lý (các cơ quan, đơn vị thuộc Ủy ban nhân\n"
    "dân thành phố; các doanh nghiệp nhà nước do thành phố quản lý; các hội được giao nhiệm vụ;\n"
    "tập thể thường trực hội đồng nhân dân, ủy ban nhân dân các xã, phường và đặc khu trên địa\n"
    "bàn thành phố)\n"
    "\n"
    "2.1. Các nội dung kiểm tra chung\n"
    "\n"
    "a) Đối với các cơ quan chuyên môn:\n"
    "\n"
    "- Về thành phần đoàn kiểm tra: thực hiện theo điểm 2 Mục I Hướng dẫn số 03-HD/UBND.\n"
    "\n"
    "3. Giao Sở Tài chính\n"
    "\n"
    "- Bố trí kinh phí cho các đoàn kiểm tra theo quy định.\n"
    "\n"
    "Nơi nhận:\n"
)


def test_a_numbered_heading_ends_what_a_bracketed_row_leads() -> None:
    # "(2) Các cơ quan, đơn vị gửi …" leads the "- " bullets right under it, not the long
    # numbered topic "2. Về …" nor its sub-heading "2.1. Các nội dung kiểm tra chung".
    items = _parse(_PAREN_ROWS).items
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Sở Nội vụ"),
        ("2", "Các cơ quan, đơn vị"),
        ("3", "Sở Tài chính"),  # a bullet under "3. Giao Sở Tài chính" carries its number
    ]


def test_a_conclusion_point_the_reader_cannot_read_is_warned_not_kept_silently() -> None:
    # Under "… kết luận như sau:", before any row: "2. Đối với …, cần …" (no body the reader
    # knows, no task's verb first) is no row, but a warning with its line, not the preamble.
    text = _CONCLUSION.replace(
        "**2.** Rà soát, bổ sung phương án sơ tán dân cư ở các vùng ven sông, ven biển, bảo đảm\n",
        "**2.** Đối với các vùng ven sông, ven biển, cần có phương án sơ tán dân cư, bảo đảm\n",
    )
    plan = _parse(text)
    assert [item.number for item in plan.items] == ["3", "", "4"]
    warned = [w for w in plan.warnings if w.code == "prose-skipped"]
    assert [w.line for w in warned] == [10]
    # the assessment point above it is no row and no warning
    assert not any(w.line == 8 for w in plan.warnings)


def test_the_paragraph_right_under_a_topic_without_colon_takes_its_number() -> None:
    # "**1. Về" / "công tác thi đua năm 2026**" then one paragraph with a subject: the topic is
    # a section, and the paragraph under it is its row numbered 1 (as under "1. Về …:").
    text = (
        "Chủ tịch Ủy ban nhân dân thành phố có ý kiến chỉ đạo như sau:\n"
        "\n"
        "**1. Về\n"
        "công tác thi đua năm 2026**\n"
        "\n"
        "Sở Nội vụ chủ trì, phối hợp với các sở, ngành hướng dẫn bình xét thi đua, hoàn thành\n"
        "trước ngày 15/12/2026.\n"
        "\n"
        "(1) Các cơ quan, đơn vị gửi hồ sơ về Sở Nội vụ trước ngày 20/12/2026.\n"
        "\n"
        "Nơi nhận:\n"
    )
    items = _parse(text).items
    assert [(item.number, item.lead) for item in items] == [
        ("1", "Sở Nội vụ"),
        ("1", "Các cơ quan, đơn vị"),
    ]
    assert items[0].section == ["1. Về công tác thi đua năm 2026"]


def test_a_bold_number_alone_on_its_line_heads_the_line_below() -> None:
    # "**2.**" / "Rà soát, …": the bold number closes its bold on its own line; the point's
    # text is the next line (as "**4." / "UBND các xã:**" or "2." / "Tăng cường …").
    text = _CONCLUSION
    for number in "1234":
        text = text.replace(f"**{number}.** ", f"**{number}.**\n")
    items = _parse(text).items
    assert [item.number for item in items] == ["2", "3", "", "4"]
    assert items[0].title.startswith("Rà soát, bổ sung phương án")
    assert items[1].lead == "các cấp uỷ, tổ chức đảng, các cơ quan, đơn vị, địa phương"


def test_an_agency_heading_closes_the_topic_of_its_level_above_it() -> None:
    # "1. Về …" (a section) then "2. Giao Sở Tài chính" over bullets: the bullets are no part of
    # topic 1, nor of its sub-section "1.1. …".
    text = (
        "Chủ tịch Ủy ban nhân dân thành phố có ý kiến chỉ đạo như sau:\n"
        "\n"
        "1. Về công tác quyết toán năm 2026\n"
        "\n"
        "1.1. Các nội dung chung\n"
        "\n"
        "Sở Nội vụ chủ trì hướng dẫn các đơn vị kiểm tra hồ sơ, hoàn thành trước ngày 5/12.\n"
        "\n"
        "2. Giao Sở Tài chính\n"
        "\n"
        "- Tổng hợp, báo cáo kết quả quyết toán của các cơ quan, đơn vị.\n"
        "\n"
        "Nơi nhận:\n"
    )
    items = _parse(text).items
    assert [item.lead for item in items] == ["Sở Nội vụ", "Sở Tài chính"]
    assert items[0].section == ["1. Về công tác quyết toán năm 2026", "1.1. Các nội dung chung"]
    assert items[1].section == []


def test_a_paragraph_announcing_points_under_a_topic_without_colon_still_announces():
    # "2. Về …" (no colon) takes the paragraph under it as its row, unless that paragraph
    # announces the points below ("…, Sở A và Sở B cụ thể hoá …, tập trung các nhiệm vụ sau:").
    text = (
        "**KẾT LUẬN**\n\nVỀ CÔNG TÁC VĂN PHÒNG NĂM 2026\n\n"
        "Hội nghị do Ban Tổ chức và các phòng, ban của Sở Nội vụ chuẩn bị; đồng chí Giám đốc "
        "đã phát biểu kết luận như sau:\n\n"
        "**1. Về kết quả năm 2025**\n\nNăm 2025, các đơn vị đã hoàn thành tốt nhiệm vụ.\n\n"
        "**2. Về nhiệm vụ năm 2026**\n\n"
        "Năm 2026, nhiệm vụ rất nặng nề. Căn cứ Báo cáo, Văn phòng Sở và các phòng chuyên môn "
        "cụ thể hoá để tổ chức thực hiện, trong đó, tập trung các nhiệm vụ sau:\n\n"
        "(1) Nâng cao chất lượng công tác tham mưu, tổng hợp.\n\n"
        "(2) Đẩy mạnh chuyển đổi số trong công tác văn thư, lưu trữ.\n"
    )
    rows = [(i.number, i.lead, i.title) for i in _parse(text).items]
    assert rows == [
        (
            "1",
            "Văn phòng Sở và các phòng chuyên môn",
            "Nâng cao chất lượng công tác tham mưu, tổng hợp",
        ),
        (
            "2",
            "Văn phòng Sở và các phòng chuyên môn",
            "Đẩy mạnh chuyển đổi số trong công tác văn thư, lưu trữ",
        ),
    ]
