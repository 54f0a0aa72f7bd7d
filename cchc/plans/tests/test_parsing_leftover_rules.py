"""Leftover rules of the held-out rounds 11-14 (issue 15): made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.blocks import point_title
from cchc.plans.parsing.clauses import after_topic, later_subjects, split_partners, supporting_role
from cchc.plans.parsing.otherbodies import (
    after_link,
    listed_examples,
    partners_first,
    proper_name_opening,
    team_subject,
)
from cchc.plans.parsing.result import Item
from cchc.plans.parsing.suspects import suspect_fields
from cchc.plans.parsing.vocabulary import _GIVEN_RE


def test_a_team_given_a_task_is_the_subject() -> None:
    found = team_subject("Các đoàn kiểm tra, giám sát phải lập biên bản làm việc tại cơ sở.")
    assert found is not None
    assert found.group("lead") == "Các đoàn kiểm tra, giám sát"
    assert found.group("rest").startswith("phải lập biên bản")


def test_a_team_given_a_task_after_its_scope_is_the_subject() -> None:
    found = team_subject("Mỗi đoàn công tác khi làm việc tại xã cần ghi nhận ý kiến của người dân.")
    assert found is not None
    assert found.group("lead") == "Mỗi đoàn công tác"


def test_a_team_named_without_a_task_or_inside_a_sentence_is_no_subject() -> None:
    assert team_subject("Đoàn kiểm tra số 3 đã làm việc với Ủy ban nhân dân huyện.") is None
    assert team_subject("Bố trí cán bộ cho từng đoàn kiểm tra phải bảo đảm đủ số lượng.") is None
    assert team_subject("Các đoàn thể phải tham gia giám sát.") is None


def test_the_link_words_of_a_later_sentence_go_with_their_subject() -> None:
    assert after_link("Theo đó, các sở phải báo cáo.") == "Các sở phải báo cáo."
    assert after_link("Trên cơ sở đó, các sở phải báo cáo.") == ""


def test_a_linked_later_sentence_naming_a_team_is_a_row_of_its_own() -> None:
    own, later = later_subjects(
        "Đôn đốc thu nộp các khoản sau kiểm tra. Theo đó, mỗi đoàn kiểm tra phải phối hợp "
        "với bộ phận quản lý nợ theo dõi việc nộp."
    )
    assert own == "Đôn đốc thu nộp các khoản sau kiểm tra."
    assert later == ["Mỗi đoàn kiểm tra phải phối hợp với bộ phận quản lý nợ theo dõi việc nộp."]


def test_a_linked_later_sentence_without_a_subject_stays() -> None:
    text = "Đôn đốc thu nộp các khoản sau kiểm tra. Theo đó, tổng hợp số nộp hằng tháng."
    assert later_subjects(text) == (text, [])


_LETTER = """Kính gửi: Sở Tài chính các tỉnh.

Để hoàn thành nhiệm vụ, Bộ Tài chính yêu cầu Sở Tài chính các tỉnh thực hiện một số giải \
pháp sau:

1/ Rà soát lại kế hoạch kiểm tra năm 2025 để bổ sung, điều chỉnh kịp thời.

2/ Tăng cường đôn đốc thu hồi các khoản phải nộp sau kiểm tra. Theo đó, mỗi đoàn kiểm tra \
phải phối hợp với bộ phận quản lý nợ theo dõi, đôn đốc đơn vị nộp đủ.

3/ Các đoàn thanh tra, kiểm tra trong quá trình làm việc tại đơn vị phải ghi nhận đầy đủ số \
liệu trong biên bản.

Nơi nhận:
"""


def test_points_given_to_teams_are_led_by_them() -> None:
    rows = [
        (item.number, item.lead, item.partners, (item.title or "")[:24])
        for item in parse_bytes(_LETTER.encode(), "x.txt").items
    ]
    assert rows == [
        ("1", "Sở Tài chính các tỉnh", "", "Rà soát lại kế hoạch kiể"),
        ("2", "Sở Tài chính các tỉnh", "", "Tăng cường đôn đốc thu h"),
        ("", "Mỗi đoàn kiểm tra", "bộ phận quản lý nợ", "Theo dõi, đôn đốc đơn vị"),
        ("3", "Các đoàn thanh tra, kiểm tra", "", "Trong quá trình làm việc"),
    ]


def test_a_supporting_role_names_bodies_the_vocabulary_lacks() -> None:
    task, role = supporting_role(
        "Phối hợp với Trạm Y tế xã, Hội Chữ thập đỏ xã chuẩn bị điểm tiêm chủng cho trẻ em"
    )
    assert task == "chuẩn bị điểm tiêm chủng cho trẻ em"
    assert role == "Phối hợp với Trạm Y tế xã, Hội Chữ thập đỏ xã"


def test_a_name_in_capitals_needs_its_second_word_in_capitals() -> None:
    assert proper_name_opening("Trạm Y tế xã")
    assert not proper_name_opening("Tổ chức tập huấn")
    assert not proper_name_opening("tiến hành kiểm định")


def test_a_labelled_point_loses_its_role_words_as_a_clause_does() -> None:
    # blocks.point_title reads the role as clauses.supporting_role does (one rule).
    assert point_title("Phối hợp với Trạm Y tế xã chuẩn bị điểm tiêm chủng.") == (
        "Chuẩn bị điểm tiêm chủng"
    )
    assert point_title("Chủ trì, phối hợp với Đội Quản lý thị trường kiểm tra chợ.") == (
        "Kiểm tra chợ"
    )
    # the cooperation itself is the task: the words stay
    assert point_title("Phối hợp với Trạm Y tế xã để tuyên truyền.") == (
        "Phối hợp với Trạm Y tế xã để tuyên truyền"
    )


def test_partners_named_before_their_role_are_the_partners() -> None:
    assert partners_first("Phòng Pháp chế và Văn phòng phối hợp, đẩy nhanh tiến độ.") == (
        "đẩy nhanh tiến độ.",
        "Phòng Pháp chế và Văn phòng",
    )
    assert partners_first("phối hợp với Phòng Pháp chế đẩy nhanh tiến độ.") is None
    assert partners_first("Tăng cường phối hợp, trao đổi thông tin.") is None


_SECTION = """Kính gửi: Các đơn vị thuộc Sở.

Sở Tài chính yêu cầu các đơn vị thực hiện các nhiệm vụ sau:

- Phòng Kế hoạch chủ trì, Phòng Pháp chế và Văn phòng phối hợp, đẩy nhanh tiến độ giao dự \
toán năm 2026.

Nơi nhận:
"""


def test_a_lead_its_partners_and_their_role_then_the_task() -> None:
    (row,) = parse_bytes(_SECTION.encode(), "x.txt").items
    assert (row.lead, row.partners) == ("Phòng Kế hoạch", "Phòng Pháp chế và Văn phòng")
    assert row.title == "Đẩy nhanh tiến độ giao dự toán năm 2026"


def test_a_team_given_a_task_by_giao_is_the_subject() -> None:
    found = team_subject("Giao nhiệm vụ cho các đoàn kiểm tra phối hợp với bộ phận quản lý nợ.")
    assert found is not None
    assert found.group("lead") == "các đoàn kiểm tra"
    assert team_subject("Giao nhiệm vụ cho các đoàn kiểm tra.") is None  # no task given


def test_partners_after_phoi_hop_tot_voi() -> None:
    text, partners, _notes = split_partners("phối hợp tốt với Phòng Quản lý nợ theo dõi việc nộp")
    assert (text, partners) == ("theo dõi việc nộp", "Phòng Quản lý nợ")


_GIVEN = """Kính gửi: Sở Tài chính các tỉnh.

Bộ Tài chính yêu cầu Sở Tài chính các tỉnh thực hiện một số giải pháp sau:

1. Rà soát lại kế hoạch kiểm tra năm 2025 để bổ sung, điều chỉnh kịp thời.

2. Tăng cường đôn đốc thu hồi các khoản phải nộp sau kiểm tra. Giao nhiệm vụ cho các đoàn \
kiểm tra phối hợp tốt với bộ phận quản lý nợ theo dõi, đôn đốc đơn vị nộp đủ. Cập nhật số \
nộp vào phần mềm kịp thời.

Nơi nhận:
"""


def test_a_later_sentence_giving_a_team_a_task_is_its_row() -> None:
    rows = [
        (item.number, item.lead, item.partners, item.title)
        for item in parse_bytes(_GIVEN.encode(), "x.txt").items
    ]
    assert rows[1:] == [
        (
            "2",
            "Sở Tài chính các tỉnh",
            "",
            "Tăng cường đôn đốc thu hồi các khoản phải nộp sau kiểm tra",
        ),
        (
            "",
            "các đoàn kiểm tra",
            "bộ phận quản lý nợ",
            "Theo dõi, đôn đốc đơn vị nộp đủ. Cập nhật số nộp vào phần mềm kịp thời",
        ),
    ]


def test_bodies_listed_as_examples_after_a_colon_are_no_subject() -> None:
    body = (
        "Rà soát kết quả quý III, một số đơn vị có tỷ lệ thấp như: Sở Y tế, Sở Xây dựng chưa "
        "kiểm tra đủ hồ sơ."
    )
    assert after_topic(body) == body
    assert listed_examples("một số đơn vị có tỷ lệ thấp như")
    assert not listed_examples("Báo cáo tháng")


def test_phan_cong_gives_a_task_as_giao_does() -> None:
    found = _GIVEN_RE.search("Phân công Phó Thủ tướng Nguyễn Văn A sớm tổ chức họp với các bộ.")
    assert found is not None
    assert found.group("lead") == "Phó Thủ tướng Nguyễn Văn A"
    assert found.group("rest").startswith("sớm tổ chức họp")
    assert _GIVEN_RE.search("Phân công cán bộ theo dõi việc nhập dữ liệu.") is None


def test_tong_ket_ends_a_list_of_partners() -> None:
    text, partners, _notes = split_partners("phối hợp với các đơn vị tổng kết công tác thi đua")
    assert (text, partners) == ("tổng kết công tác thi đua", "các đơn vị")


def test_a_team_as_lead_is_no_suspect_lead() -> None:
    # "thanh tra", "kiểm tra" after "đoàn" name the team: no verb before a body.
    assert "lead" not in suspect_fields(
        Item(line=1, title="Lập biên bản", lead="Các đoàn kiểm tra")
    )
    flagged = suspect_fields(Item(line=1, title="Lập biên bản", lead="kiểm tra các hộ kinh doanh"))
    assert flagged.get("lead") == "lead-verb-first"
